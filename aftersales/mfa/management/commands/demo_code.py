"""Prints the current code of the demo operator's authenticator app (its key is published in
the README): `./dev manage demo_code`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from aftersales.mfa.demo import demo_code, demo_key_base32


class Command(BaseCommand):
    help = "Prints the current code of the demo operator's authenticator app (README)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(demo_code())
        self.stderr.write(f"(key {demo_key_base32()}, valid for up to 30 seconds)")
