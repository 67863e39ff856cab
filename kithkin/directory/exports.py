"""Writing the directory back out as HSDS "full" services, streamed a page at a time."""

import json
from typing import TextIO

from kithkin.directory.hsds import records
from kithkin.directory.models import Service

PAGE = 500


def write_services(out: TextIO, statuses: list[str] | None = None) -> int:
    """{"services": [...]} with every service in id order; the same shape import-oruk reads."""
    services = Service.objects.order_by("id")
    if statuses:
        services = services.filter(status__in=statuses)
    ids = list(services.values_list("id", flat=True))
    out.write('{"services": [')
    for start in range(0, len(ids), PAGE):
        page = list(Service.objects.filter(pk__in=ids[start:start + PAGE]).order_by("id"))
        for index, record in enumerate(records(Service, page)):
            out.write(",\n" if start or index else "\n")
            out.write(json.dumps(record, ensure_ascii=False))
    out.write("\n]}\n")
    return len(ids)
