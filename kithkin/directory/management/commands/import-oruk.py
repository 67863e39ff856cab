"""kithkin import-oruk PATH...: upsert Open Referral UK / HSDS 3.0 services, each file all or nothing."""

import time

from django.core.management.base import BaseCommand, CommandError

from kithkin.core.audit import Auditor
from kithkin.directory.files import DirectoryFileError, read_services
from kithkin.directory.imports import import_services

from ._report import report


class Command(BaseCommand):
    help = ('Import HSDS "full" services: a JSON list, {"services": [...]}, ORUK pages with "contents", '
            "or one service a line. Upserts by id; a file with any rejected record imports nothing.")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--partial", action="store_true",
                            help="import the good records even when some are rejected")

    def _progress(self, path: str):
        started = time.monotonic()

        def say(message: str) -> None:
            self.stderr.write(f"{path}: {message} ({time.monotonic() - started:.0f}s)")

        return say

    def handle(self, *args, paths, partial, **options):
        failed = []
        for path in paths:
            try:
                records = read_services(path)
            except DirectoryFileError as exc:
                raise CommandError(f"{path}: {exc}; nothing was imported from it") from None
            result = import_services(records, partial=partial, progress=self._progress(path), source=path,
                                     auditor=Auditor(label="kithkin import-oruk", channel="cli"))
            report(self, path, result, "services")
            if not result.written:
                failed.append(path)
        if failed:
            raise CommandError(f"nothing was imported from {', '.join(failed)}: see the rejected records above")
