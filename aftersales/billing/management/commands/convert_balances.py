"""Converts old money balances into credits, rounding up in the customer's favour (5.34 -> 6).

CSV with a header: vat_number,balance_eur[,reference]. Running it twice books nothing twice:
each organisation's conversion is booked once per reference (default "old-balance").
"""

from __future__ import annotations

import csv
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from aftersales.accounts.models import Organisation
from aftersales.billing.services import balance_convert


class Command(BaseCommand):
    help = "Converts old money balances (CSV: vat_number,balance_eur[,reference]) into credits."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("csv_path")
        parser.add_argument("--reference", default="old-balance")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            handle = open(options["csv_path"], newline="", encoding="utf-8-sig")  # noqa: SIM115
        except OSError as error:
            raise CommandError(str(error)) from error
        booked = skipped = 0
        errors: list[str] = []
        with handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                vat = (row.get("vat_number") or "").strip().upper().replace(" ", "")
                try:
                    amount = Decimal((row.get("balance_eur") or "").strip().replace(",", "."))
                except InvalidOperation:
                    errors.append(f"line {line}: balance {row.get('balance_eur')!r} is no amount")
                    continue
                organisation = Organisation.objects.filter(vat_number=vat).first()
                if organisation is None:
                    errors.append(f"line {line}: no organisation with VAT number {vat!r}")
                    continue
                reference = (row.get("reference") or "").strip() or options["reference"]
                entry, created = balance_convert(
                    organisation=organisation, amount_eur=amount, reference=reference
                )
                if created and entry is not None:
                    booked += 1
                    self.stdout.write(
                        f"{organisation.name}: {amount} EUR -> {entry.amount} credits"
                    )
                else:
                    skipped += 1
        for message in errors:
            self.stderr.write(message)
        self.stdout.write(f"{booked} converted, {skipped} skipped (already converted or zero)")
        if errors:
            raise CommandError(f"{len(errors)} line(s) could not be converted")
