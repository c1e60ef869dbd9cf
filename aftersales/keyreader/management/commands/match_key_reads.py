"""Links waiting key reads with the vehicles an import brought (bulk imports send no signals)."""

from django.core.management.base import BaseCommand

from aftersales.keyreader.services import key_reads_match


class Command(BaseCommand):
    help = "Links key reads whose VIN was unknown with the vehicles now in the central data."

    def handle(self, *args: object, **options: object) -> None:
        count = key_reads_match()
        self.stdout.write(f"{count} key read(s) matched")
