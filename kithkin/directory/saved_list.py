"""A resident's saved list ("my list"): kept in their browser session, never in their name."""

import hashlib
import time

from django.core.cache import cache

from kithkin.directory.models import Service, ServiceStatus

KEY = "saved_services"
SENT_KEY = "saved_list_sent"
MAX_SAVED = 50
MAX_EMAILS_AN_HOUR = 3  # the form is public: it must not become a way to send mail to strangers


def saved_ids(session) -> list[str]:
    return list(session.get(KEY, []))


def save(session, service_id: str) -> bool:
    ids = saved_ids(session)
    if service_id in ids or len(ids) >= MAX_SAVED:
        return False
    if not Service.objects.filter(pk=service_id, status=ServiceStatus.ACTIVE).exists():
        return False
    session[KEY] = [*ids, service_id]
    return True


def remove(session, service_id: str) -> None:
    session[KEY] = [i for i in saved_ids(session) if i != service_id]


MAX_TO_ONE_ADDRESS_A_DAY = 3
MAX_FROM_ONE_NETWORK_AN_HOUR = 20


def _counter(kind: str, key: str) -> str:
    return f"saved-list-email:{kind}:{hashlib.sha256(key.lower().encode()).hexdigest()}"


def may_email(session, address: str, ip: str | None) -> bool:
    """Limits by browser session, by the address sent to, and by the sender's network, so that clearing
    cookies does not turn the form into a way to flood a stranger's inbox."""
    recent = [t for t in session.get(SENT_KEY, []) if time.time() - t < 3600]
    return (len(recent) < MAX_EMAILS_AN_HOUR
            and cache.get(_counter("to", address), 0) < MAX_TO_ONE_ADDRESS_A_DAY
            and cache.get(_counter("from", ip or "unknown"), 0) < MAX_FROM_ONE_NETWORK_AN_HOUR)


def emailed(session, address: str, ip: str | None) -> None:
    session[SENT_KEY] = [t for t in session.get(SENT_KEY, []) if time.time() - t < 3600] + [time.time()]
    for key, seconds in ((_counter("to", address), 86400), (_counter("from", ip or "unknown"), 3600)):
        cache.add(key, 0, timeout=seconds)
        cache.incr(key)


def as_text(cards, site: str) -> str:
    """The list as a plain-text email: what each is, when, how much, and how to get in touch."""
    lines = [f"Your saved list from {site}", ""]
    for c in cards:
        lines.append(c.name + (f" ({c.organisation})" if c.organisation and c.organisation != c.name else ""))
        for label, value in (("When", "; ".join(c.when)), ("Cost", c.cost),
                             ("Where", "; ".join(p.address or p.name for p in c.places) or ", ".join(c.areas)),
                             ("Phone", ", ".join(n for n, _ in c.phones)), ("Email", c.email),
                             ("Website", c.website)):
            if value:
                lines.append(f"  {label}: {value}")
        lines.append("")
    lines.append("Details can change: please check before you go.")
    return "\n".join(lines)
