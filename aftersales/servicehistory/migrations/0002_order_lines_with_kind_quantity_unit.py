"""Order lines carry a kind, a quantity with its unit, a unit price and a gross amount (the one
order pipeline, aftersales.orders); the SRP lines stored so far become FRU lines."""

from decimal import Decimal

from django.db import migrations, models


def fru_lines(apps, schema_editor):
    Line = apps.get_model("servicehistory", "ServiceEntryLine")
    for line in Line.objects.all().iterator():
        line.quantity = Decimal(line.quantity_fru)
        if line.gross_amount is not None and line.quantity_fru:
            line.unit_price_gross = (line.gross_amount / line.quantity_fru).quantize(
                Decimal("0.0001")
            )
        line.save(update_fields=["quantity", "unit_price_gross"])


class Migration(migrations.Migration):
    dependencies = [("servicehistory", "0001_initial")]

    operations = [
        migrations.RenameField("serviceentryline", "type", "kind"),
        migrations.RenameField("serviceentryline", "package_price_gross", "gross_amount"),
        migrations.AlterField(
            model_name="serviceentryline",
            name="gross_amount",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                max_digits=12,
                null=True,
                verbose_name="Package price (gross)",
            ),
        ),
        migrations.AlterField(
            model_name="serviceentryline",
            name="number",
            field=models.CharField(max_length=30, verbose_name="Number"),
        ),
        migrations.AddField(
            model_name="serviceentryline",
            name="quantity",
            field=models.DecimalField(
                decimal_places=2, default=Decimal("1"), max_digits=10, verbose_name="Quantity"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="serviceentryline",
            name="unit",
            field=models.CharField(default="FRU", max_length=10, verbose_name="unit"),
        ),
        migrations.AddField(
            model_name="serviceentryline",
            name="unit_price_gross",
            field=models.DecimalField(
                blank=True,
                decimal_places=4,
                max_digits=14,
                null=True,
                verbose_name="unit price (gross)",
            ),
        ),
        migrations.AddField(
            model_name="serviceentryline",
            name="reference",
            field=models.CharField(blank=True, max_length=40, verbose_name="reference"),
        ),
        migrations.RunPython(fru_lines, migrations.RunPython.noop),
        migrations.RemoveField("serviceentryline", "quantity_fru"),
        migrations.AddConstraint(
            model_name="serviceentryline",
            constraint=models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="service_entry_line_quantity_positive"
            ),
        ),
    ]
