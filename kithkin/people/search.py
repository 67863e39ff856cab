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


MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                       "dec"), start=1)}
OUTWARD = re.compile(r"[A-Za-z]{1,2}\d[A-Za-z\d]?")
INWARD = re.compile(r"\d[A-Za-z]{2}")


def _date(word: str) -> date | None:
    """27/3/1948, 27-03-1948, 27.3.1948 or 1948-03-27."""
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", word)
    parts = (match.group(3), match.group(2), match.group(1)) if match else None
    match = match or re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", word)
    parts = parts or (match.groups() if match else None)
    if not parts:
        return None
    try:
        return date(*(int(p) for p in parts))
    except ValueError:
        return None


def _spoken_date(words: list[str], i: int) -> date | None:
    """"11 Sep 1945" or "11 September 1945", as the alert and the record show it."""
    if i + 2 >= len(words):
        return None
    day, month, year = re.sub(r"(st|nd|rd|th)$", "", words[i].lower()), words[i + 1][:3].lower(), words[i + 2]
    if not (day.isdigit() and month in MONTHS and re.fullmatch(r"\d{4}", year)):
        return None
    try:
        return date(int(year), MONTHS[month], int(day))
    except ValueError:
        return None


def _query_filter(query: str) -> Q:
    digits = re.sub(r"\s", "", query)
    if digits.isdigit() and len(digits) == 10:
        return Q(nhs_number=digits)
    rule, words, i = Q(), query.split(), 0
    while i < len(words):
        word, after = words[i], words[i + 1] if i + 1 < len(words) else ""
        spoken = _spoken_date(words, i)
        if spoken:
            rule &= Q(date_of_birth=spoken)
            i += 3
            continue
        if re.fullmatch(r"\d[\d/.-]*[/.-][\d/.-]*\d", word):  # a date; one that is not real is left out
            born = _date(word)
            if born:
                rule &= Q(date_of_birth=born)
        elif re.fullmatch(r"[A-Za-z]{1,2}\d[A-Za-z\d]?\d[A-Za-z]{2}", word):  # FN11AD: a postcode without its space
            rule &= Q(postcode__iexact=f"{word[:-3]} {word[-3:]}")
        elif OUTWARD.fullmatch(word) and any(c.isdigit() for c in word):
            if INWARD.fullmatch(after):  # a whole postcode, FN1 1AD
                rule &= Q(postcode__iexact=f"{word} {after}")
                i += 1
            else:
                rule &= Q(postcode__istartswith=word.upper())
        else:
            rule &= Q(given_name__istartswith=word) | Q(family_name__istartswith=word) | Q(
                preferred_name__istartswith=word)
        i += 1
    return rule


def find_people(query: str, auditor: Auditor) -> list[Person]:
    query = query.strip()[:100]
    if len(query) < 2:
        return []
    people = list(Person.objects.filter(_query_filter(query)).order_by("family_name", "given_name")[:MAX_MATCHES])
    auditor.record(AuditEvent.Kind.SEARCH, summary=f"Searched for {query!r}: {len(people)} found")
    return people
