"""kithkin import-taxonomy PATH: upsert a taxonomy and its terms, all or nothing."""

from django.core.management.base import BaseCommand, CommandError

from kithkin.core.audit import Auditor
from kithkin.directory.files import DirectoryFileError, read_json
from kithkin.directory.taxonomy import import_taxonomy

from ._report import report


class Command(BaseCommand):
    help = ('Import a taxonomy: {"taxonomy": id, "terms": [...]}, an HSDS taxonomy with "taxonomy_terms", '
            "or a list of taxonomy terms. A file with any rejected term imports nothing.")

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--partial", action="store_true", help="import the good terms even when some are rejected")

    def handle(self, *args, path, partial, **options):
        try:
            result = import_taxonomy(read_json(path), partial=partial, source=path,
                                     auditor=Auditor(label="kithkin import-taxonomy", channel="cli"))
        except DirectoryFileError as exc:
            raise CommandError(f"{path}: {exc}; nothing was imported from it") from None
        report(self, path, result, "terms")
        if not result.written:
            raise CommandError(f"nothing was imported from {path}: see the rejected terms above")
