"""Top-ups requested before invoices were fixed get their invoice now (numbered per year in
the order they were requested, with today's seller settings and the buyer's data as it is);
on PostgreSQL the database refuses to edit or delete an issued invoice."""

from django.conf import settings
from django.db import migrations
from django.utils import timezone

CREATE = """
CREATE OR REPLACE FUNCTION billing_invoice_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = 'issued invoices are never changed (' || TG_OP || ' refused)';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS billing_invoice_immutable ON billing_invoice;
CREATE TRIGGER billing_invoice_immutable BEFORE UPDATE OR DELETE ON billing_invoice
    FOR EACH ROW EXECUTE FUNCTION billing_invoice_immutable();
"""
DROP = """
DROP TRIGGER IF EXISTS billing_invoice_immutable ON billing_invoice;
DROP FUNCTION IF EXISTS billing_invoice_immutable();
"""


def _lines(value):
    return "\n".join(part.strip() for part in value.split("|") if part.strip())


def issue_missing(apps, schema_editor):
    TopUpRequest = apps.get_model("billing", "TopUpRequest")
    Invoice = apps.get_model("billing", "Invoice")
    InvoiceSequence = apps.get_model("billing", "InvoiceSequence")
    for top_up in TopUpRequest.objects.filter(invoice__isnull=True).order_by("requested_at", "pk"):
        year = timezone.localtime(top_up.requested_at).year
        sequence, _created = InvoiceSequence.objects.get_or_create(year=year)
        sequence.last_number += 1
        sequence.save()
        buyer = top_up.account.organisation
        Invoice.objects.bulk_create(
            [
                Invoice(
                    top_up=top_up,
                    number=f"{year}-{sequence.last_number:06d}",
                    year=year,
                    sequence=sequence.last_number,
                    issued_at=top_up.requested_at,
                    seller_name=settings.INVOICE_SELLER_NAME,
                    seller_address=_lines(settings.INVOICE_SELLER_ADDRESS),
                    seller_vat_number=settings.INVOICE_SELLER_VAT_NUMBER,
                    seller_bank=_lines(settings.INVOICE_SELLER_BANK),
                    seller_email=settings.SUPPORT_EMAIL,
                    buyer_name=buyer.name,
                    buyer_street=buyer.street,
                    buyer_postcode=buyer.postcode,
                    buyer_city=buyer.city,
                    buyer_country=str(buyer.country),
                    buyer_vat_number=buyer.vat_number,
                    payment_reference=top_up.payment_reference,
                    credits=top_up.credits,
                    net_amount=top_up.net_amount,
                    vat_rate=top_up.vat_rate,
                    vat_amount=top_up.vat_amount,
                    gross_amount=top_up.gross_amount,
                )
            ]
        )


def trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def untrigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("billing", "0003_invoices")]

    operations = [
        migrations.RunPython(issue_missing, migrations.RunPython.noop),
        migrations.RunPython(trigger, untrigger),
    ]
