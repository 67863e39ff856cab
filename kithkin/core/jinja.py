"""The Jinja2 environment: GOV.UK Frontend macros plus Kithkin's helpers."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader

from kithkin.core.forms_govuk import error_summary_list, field_params


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def local(value: datetime | None, fmt: str = "%-d %b %Y, %H:%M") -> str:
    if value is None:
        return ""
    return timezone.localtime(value).strftime(fmt)


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
        site_name=settings.SITE_NAME,
        council_name=settings.COUNCIL_NAME,
        now=timezone.now,
    )
    env.filters.update(local=local, duration=duration, percent=percent)
    return env
