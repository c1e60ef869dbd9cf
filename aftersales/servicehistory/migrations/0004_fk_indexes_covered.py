"""Drops the foreign keys' own indexes that a unique key or another index starting with the
same column already covers (each index more costs every imported or stored row).

Only the index is dropped: Django's AlterField would drop and re-add the foreign key
constraint too, which re-checks every row of these large tables under a lock.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("servicehistory", "0003_srp_packages_of_the_catalogue"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="serviceentryline",
                    name="entry",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="lines",
                        to="servicehistory.serviceentry",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    "DROP INDEX IF EXISTS servicehistory_serviceentryline_entry_id_611e5581",
                    reverse_sql=migrations.RunSQL.noop,
                ),
            ],
        ),
    ]
