"""Drops the foreign keys' own indexes that a unique key or another index starting with the
same column already covers (each index more costs every imported or stored row).

Only the index is dropped: Django's AlterField would drop and re-add the foreign key
constraint too, which re-checks every row of these large tables under a lock.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("servicehistory", "0004_fk_indexes_covered"),
        ("trust", "0004_anchor_blocks"),
        ("vehicles", "0008_fk_indexes_covered"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="chainlink",
                    name="entry",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="chain_links",
                        to="servicehistory.serviceentry",
                        verbose_name="entry version",
                    ),
                ),
                migrations.AlterField(
                    model_name="chainlink",
                    name="vehicle",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="chain_links",
                        to="vehicles.vehicle",
                        verbose_name="vehicle",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    "DROP INDEX IF EXISTS trust_chainlink_entry_id_098e9cf6",
                    reverse_sql=migrations.RunSQL.noop,
                ),
                migrations.RunSQL(
                    "DROP INDEX IF EXISTS trust_chainlink_vehicle_id_429309df",
                    reverse_sql=migrations.RunSQL.noop,
                ),
            ],
        ),
    ]
