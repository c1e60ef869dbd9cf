"""Service history's standard repair packages (SRP: number, description, FRU) become packages of
this catalogue: each SRP becomes a package of kind "srp" holding one labour operation of the same
number, valid for every vehicle, with its FRU as units (version 1). Service history's migration
0003 then points its CBS position mapping at these packages and drops its own table."""

from django.db import migrations, models


def srps_to_packages(apps, schema_editor):
    Srp = apps.get_model("servicehistory", "LabourOperation")
    Operation = apps.get_model("servicedata", "LabourOperation")
    Version = apps.get_model("servicedata", "LabourOperationVersion")
    Package = apps.get_model("servicedata", "ServicePackage")
    PackageOperation = apps.get_model("servicedata", "PackageOperation")
    for srp in Srp.objects.all().iterator():
        number = " ".join(srp.number.split()).upper()
        key = "".join(ch for ch in number if ch not in " -./")
        operation, created = Operation.objects.get_or_create(
            number_key=key,
            validity="|||||",
            defaults={"number": number},
        )
        if created or operation.current_id is None:
            version = Version.objects.create(
                operation=operation,
                version=1,
                description=srp.description,
                description_da=srp.description_da,
                units=srp.quantity_fru,
                source="import",
            )
            operation.current = version
            parts = [number, key, srp.description, srp.description_da]
            operation.search_text = " ".join(p for p in parts if p).lower()
            operation.save(update_fields=["current", "search_text"])
        package, _ = Package.objects.get_or_create(
            number=number,
            defaults={"name": srp.description, "name_da": srp.description_da, "kind": "srp"},
        )
        PackageOperation.objects.get_or_create(
            package=package, operation_number=number, defaults={"quantity": 1, "position": 1}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("servicedata", "0001_initial"),
        ("servicehistory", "0002_order_lines_with_kind_quantity_unit"),
    ]

    operations = [
        migrations.AddField(
            model_name="servicepackage",
            name="kind",
            field=models.CharField(
                choices=[
                    ("service", "Service package"),
                    ("srp", "Standard repair package (Service history)"),
                ],
                default="service",
                max_length=10,
                verbose_name="kind",
            ),
        ),
        migrations.RunPython(srps_to_packages, migrations.RunPython.noop),
    ]
