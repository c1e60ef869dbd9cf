"""The WMI table as data: the brand of a VIN follows from its first three characters.

The operator keeps the table in the back office; this migration only fills the makers known
when it was written and never overwrites a row the operator changed (get_or_create).
"""

from django.db import migrations

# (wmi, brand, description, north_american)
WMIS = [
    ("WBA", "bmw", "BMW AG, Germany", False),
    ("WBS", "bmw_m", "BMW M GmbH, Germany", False),
    ("WBY", "bmw_i", "BMW i, Germany", False),
    ("WBX", "bmw", "BMW SAV (X models), Germany", False),
    ("WB1", "bmw_motorrad", "BMW Motorrad, Berlin", False),
    ("WB3", "bmw_motorrad", "BMW Motorrad, partner plants (G 310, C 400)", False),
    ("WMW", "mini", "MINI, Oxford (BMW UK)", False),
    ("WMZ", "mini", "MINI, contract production (Countryman, Paceman)", False),
    ("SCA", "rolls_royce", "Rolls-Royce Motor Cars, Goodwood", False),
    ("5UX", "bmw", "BMW Manufacturing Co., Spartanburg (SAV), USA", True),
    ("5UJ", "bmw", "BMW Manufacturing Co., Spartanburg, USA", True),
    ("5YM", "bmw_m", "BMW Manufacturing Co., Spartanburg (M SAV), USA", True),
    ("4US", "bmw", "BMW Manufacturing Co., Spartanburg (roadsters), USA", True),
    ("3MW", "bmw", "BMW de México, San Luis Potosí", True),
    ("3MF", "bmw_m", "BMW M, San Luis Potosí, Mexico", True),
    ("LBV", "bmw", "BMW Brilliance Automotive, Shenyang, China", False),
]


def fill(apps, schema_editor):
    WorldManufacturerIdentifier = apps.get_model("vehicles", "WorldManufacturerIdentifier")
    for wmi, brand, description, north_american in WMIS:
        WorldManufacturerIdentifier.objects.get_or_create(
            wmi=wmi,
            defaults={"brand": brand, "description": description, "north_american": north_american},
        )


class Migration(migrations.Migration):
    dependencies = [("vehicles", "0001_initial")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
