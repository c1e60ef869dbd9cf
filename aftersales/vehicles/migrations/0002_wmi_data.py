"""The WMI table as data: the brand of a VIN follows from its first three characters.

The operator keeps the table in the back office; this migration only fills the makers known
when it was written and never overwrites a row the operator changed (get_or_create). The rows
live in `aftersales.vehicles.reference_data`, which `load_demo_data` also uses.
"""

from django.db import migrations

from aftersales.vehicles.reference_data import wmi_table_ensure


def fill(apps, schema_editor):
    wmi_table_ensure(apps.get_model("vehicles", "WorldManufacturerIdentifier"))


class Migration(migrations.Migration):
    dependencies = [("vehicles", "0001_initial")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
