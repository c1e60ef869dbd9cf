"""The standard repair packages (SRP) become packages of Commercial Service Data: servicedata's
migration 0002 copied every SRP into a package of kind "srp" with one labour operation; here the
CBS position mapping is pointed at those packages and the SRP table of Service history goes.
`LabourOperation` stays, as a proxy of the catalogue's package restricted to the SRPs."""

import django.db.models.deletion
from django.db import migrations, models


def map_to_packages(apps, schema_editor):
    Mapping = apps.get_model("servicehistory", "PositionOperation")
    Package = apps.get_model("servicedata", "ServicePackage")
    packages = {
        package.number: package.pk for package in Package.objects.filter(kind="srp").iterator()
    }
    for row in Mapping.objects.select_related("labour_operation").iterator():
        number = " ".join(row.labour_operation.number.split()).upper()
        row.package_id = packages[number]
        row.save(update_fields=["package"])


class Migration(migrations.Migration):
    dependencies = [
        ("servicehistory", "0002_order_lines_with_kind_quantity_unit"),
        ("servicedata", "0002_package_kind"),
        ("vehicles", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="positionoperation",
            name="package",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="servicedata.servicepackage",
            ),
        ),
        migrations.RunPython(map_to_packages, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="positionoperation", name="position_operation_unique"
        ),
        migrations.AlterModelOptions(
            name="positionoperation",
            options={
                "ordering": ["cbs_position", "position"],
                "verbose_name": "position → labour operation",
                "verbose_name_plural": "positions → labour operations",
            },
        ),
        migrations.RemoveField(model_name="positionoperation", name="labour_operation"),
        migrations.DeleteModel(name="LabourOperation"),
        migrations.CreateModel(
            name="LabourOperation",
            fields=[],
            options={
                "verbose_name": "standard repair package",
                "verbose_name_plural": "standard repair packages",
                "ordering": ["number"],
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("servicedata.servicepackage",),
        ),
        migrations.RenameField(
            model_name="positionoperation", old_name="package", new_name="labour_operation"
        ),
        migrations.AlterField(
            model_name="positionoperation",
            name="labour_operation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="positions",
                to="servicehistory.labouroperation",
                verbose_name="standard repair package",
            ),
        ),
        migrations.AlterModelOptions(
            name="positionoperation",
            options={
                "ordering": ["cbs_position", "position", "labour_operation__number"],
                "verbose_name": "position → labour operation",
                "verbose_name_plural": "positions → labour operations",
            },
        ),
        migrations.AddConstraint(
            model_name="positionoperation",
            constraint=models.UniqueConstraint(
                fields=("cbs_position", "labour_operation"), name="position_operation_unique"
            ),
        ),
    ]
