"""Drops the foreign keys' own indexes that a unique key or another index starting with the
same column already covers (each index more costs every imported or stored row).

Only the index is dropped: Django's AlterField would drop and re-add the foreign key
constraint too, which re-checks every row of these large tables under a lock.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("vehicles", "0007_import_fingerprint_truncate"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="mileagereading",
                    name="vehicle",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="mileage_readings",
                        to="vehicles.vehicle",
                        verbose_name="vehicle",
                    ),
                ),
                migrations.AlterField(
                    model_name="vehiclecbsstatus",
                    name="vehicle",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="cbs_status",
                        to="vehicles.vehicle",
                    ),
                ),
                migrations.AlterField(
                    model_name="vehicleoption",
                    name="vehicle",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="options",
                        to="vehicles.vehicle",
                        verbose_name="vehicle",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    "DROP INDEX IF EXISTS vehicles_mileagereading_vehicle_id_fb12cd2f",
                    reverse_sql=migrations.RunSQL.noop,
                ),
                migrations.RunSQL(
                    "DROP INDEX IF EXISTS vehicles_vehiclecbsstatus_vehicle_id_17023aea",
                    reverse_sql=migrations.RunSQL.noop,
                ),
                migrations.RunSQL(
                    "DROP INDEX IF EXISTS vehicles_vehicleoption_vehicle_id_9296dc99",
                    reverse_sql=migrations.RunSQL.noop,
                ),
            ],
        ),
    ]
