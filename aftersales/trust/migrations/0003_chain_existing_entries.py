"""Chains the service entries stored before the chain existed, in the order they happened.

On a fresh database there is nothing to chain. On an upgraded one this runs the chaining of
`manage.py chain_history` (the same code, idempotent); should it ever fail here, migrate on and
run that command.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if not apps.get_model("servicehistory", "ServiceEntry").objects.exists():
        return
    from aftersales.trust.chain import chain_missing

    chain_missing()


class Migration(migrations.Migration):
    dependencies = [
        ("trust", "0002_append_only_triggers"),
        ("servicehistory", "0002_order_lines_with_kind_quantity_unit"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
