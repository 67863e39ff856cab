"""Finding whether someone already has a record, while handling their contact.

Shows only what is needed to tell people apart (name, year of birth, postcode
district), and every search is written to the audit log.
"""

import re
from datetime import date

from django.db.models import Q

from kithkin.core.audit import Auditor
from kithkin.core.models import AuditEvent
from kithkin.people.models import Person

MAX_MATCHES = 20


def _query_filter(query: str) -> Q:
    digits = re.sub(r"\s", "", query)
    if digits.isdigit() and len(digits) == 10:
        return Q(nhs_number=digits)
    rule = Q()
    for word in query.split():
        if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", word):
            d, m, y = (int(x) for x in word.split("/"))
            try:
                rule &= Q(date_of_birth=date(y, m, d))
            except ValueError:
                continue
        elif re.fullmatch(r"[A-Za-z]{1,2}\d[A-Za-z\d]?", word) and any(c.isdigit() for c in word):
            rule &= Q(postcode__istartswith=word.upper())
        else:
            rule &= Q(given_name__istartswith=word) | Q(family_name__istartswith=word) | Q(
                preferred_name__istartswith=word)
    return rule


def find_people(query: str, auditor: Auditor) -> list[Person]:
    query = query.strip()[:100]
    if len(query) < 2:
        return []
    people = list(Person.objects.filter(_query_filter(query)).order_by("family_name", "given_name")[:MAX_MATCHES])
    auditor.record(AuditEvent.Kind.SEARCH, summary=f"Searched for {query!r}: {len(people)} found")
    return people
