"""kithkin import-postcodes PATH: load an ONS Postcode Directory style CSV (pcds, lat, long)."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from kithkin.core.geo import PostcodeFileError, import_postcodes

SHOW_REJECTED = 50


class Command(BaseCommand):
    help = "Import postcode locations from an ONS Postcode Directory style CSV (columns pcds, lat, long)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the CSV file; '-' for standard input")

    def handle(self, *args, path, **options):
        started = time.monotonic()

        def progress(count: int) -> None:
            if count % 100_000 < 5000:
                self.stderr.write(f"{count:,} postcodes ({time.monotonic() - started:.0f}s)")

        try:
            if path == "-":
                result = import_postcodes(sys.stdin, progress)
            else:
                with open(path, newline="", encoding="utf-8-sig") as handle:
                    result = import_postcodes(handle, progress)
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from None
        except (PostcodeFileError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}: {exc}") from None
        self.stdout.write(f"Imported {result.imported:,} postcodes; skipped {result.skipped:,} with no location; "
                          f"rejected {len(result.rejected):,} ({time.monotonic() - started:.1f}s).")
        for line, why in result.rejected[:SHOW_REJECTED]:
            self.stdout.write(f"  line {line}: {why}")
        if len(result.rejected) > SHOW_REJECTED:
            self.stdout.write(f"  ... and {len(result.rejected) - SHOW_REJECTED:,} more")
