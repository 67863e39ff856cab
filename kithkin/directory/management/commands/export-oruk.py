"""kithkin export-oruk [--out PATH]: every service as HSDS "full" JSON, in the shape import-oruk reads."""

import sys

from django.core.management.base import BaseCommand, CommandError

from kithkin.directory.exports import write_services
from kithkin.directory.models import ServiceStatus


class Command(BaseCommand):
    help = 'Write every service, with everything nested, as {"services": [...]} (the import-oruk format).'

    def add_arguments(self, parser):
        parser.add_argument("--out", default="-", help="file to write; '-' (the default) for standard output")
        parser.add_argument("--status", action="append", choices=ServiceStatus.values, metavar="STATUS",
                            help=f"only services with this status (repeatable): {', '.join(ServiceStatus.values)}")

    def handle(self, *args, out, status, **options):
        unknown = sorted(set(status or []) - set(ServiceStatus.values))
        if unknown:  # argparse checks this from the shell; call_command hands values straight in
            raise CommandError(f"--status {unknown[0]!r} is not one of {', '.join(ServiceStatus.values)}")
        try:
            handle = sys.stdout if out == "-" else open(out, "w", encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"cannot write {out}: {exc.strerror}") from None
        try:
            count = write_services(handle, statuses=status)
        finally:
            if handle is not sys.stdout:
                handle.close()
        if out != "-":
            self.stdout.write(f"Wrote {count:,} services to {out}.")
