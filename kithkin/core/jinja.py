"""The Jinja2 environment: GOV.UK Frontend macros plus Kithkin's helpers."""

from datetime import date, datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.html import json_script
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader

from kithkin.core.forms_govuk import error_summary_list, field_params


def url(name: str, *args, **kwargs) -> str:
    return _reverse(get_script_prefix(), name, args, tuple(sorted(kwargs.items())))


@lru_cache(maxsize=20_000)
def _reverse(prefix: str, name: str, args: tuple, kwargs: tuple) -> str:
    """Django's reverse() is slow next to the rest of a page; the same links come up on every page
    (the navigation) and row after row, so remember them. The prefix is part of the key because
    reverse() depends on it."""
    return reverse(name, args=args or None, kwargs=dict(kwargs) or None)


def local(value: datetime | None, fmt: str = "%-d %b %Y, %H:%M") -> str:
    if value is None:
        return ""
    return timezone.localtime(value).strftime(fmt)


def long_date(value: date | str | None) -> str:
    """A day in words ("7 December 2026"), from a date or the ISO text kept in a roster's figures."""
    if not value:
        return ""
    return (date.fromisoformat(value) if isinstance(value, str) else value).strftime("%-d %B %Y")


def duration(value: timedelta | None) -> str:
    """A clock a person can read at a glance: '3 h 20 min', '2 days 4 h'."""
    if value is None:
        return ""
    minutes = max(0, int(value.total_seconds() // 60))
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} day{'s' if days != 1 else ''} {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min"


def clock(minutes: int | float | None) -> str:
    """Minutes from midnight as a clock time: 570 is '09:30'."""
    if minutes is None:
        return ""
    hours, rest = divmod(round(minutes), 60)
    return f"{hours:02d}:{rest:02d}"


def minutes(value: int | float | None) -> str:
    """Minutes in words: '45 minutes', '1 hour', '5 hours 57 minutes'."""
    total = max(0, round(value or 0))
    hours, rest = divmod(total, 60)
    parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


def pagination(page, label: str, query: str = "") -> dict:
    """govukPagination's parameters for a Django Page: previous, next, and numbered links to the first,
    the last and those near the current one. `query` is the rest of the query string, kept on each link."""
    prefix = f"?{query}&page=" if query else "?page="
    items = []
    if page.paginator.num_pages > 1:
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
            if number == page.paginator.ELLIPSIS:
                items.append({"ellipsis": True})
            else:
                items.append({"number": number, "href": f"{prefix}{number}", "current": number == page.number})
    return {
        "previous": {"href": f"{prefix}{page.previous_page_number()}"} if page.has_previous() else None,
        "next": {"href": f"{prefix}{page.next_page_number()}"} if page.has_next() else None,
        "items": items,
        "landmarkLabel": label,
    }


def percent(value: float | None) -> str:
    return "No contacts yet" if value is None else f"{round(value * 100)}%"


def environment(**options) -> Environment:
    options["loader"] = ChoiceLoader(
        [options["loader"], PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})]
    )
    options["extensions"] = [*options.get("extensions", []), "jinja2.ext.do"]
    options.pop("autoescape", None)
    env = Environment(autoescape=True, **options)  # always escape: pages show what residents typed
    env.globals.update(
        url=url,
        static=static,
        get_messages=get_messages,
        field_params=field_params,
        error_summary_list=error_summary_list,
        pagination=pagination,
        json_script=json_script,
        site_name=settings.SITE_NAME,
        council_name=settings.COUNCIL_NAME,
        now=timezone.now,
    )
    env.filters.update(local=local, long_date=long_date, duration=duration, percent=percent, minutes=minutes,
                       clock=clock)
    return env
