"""Times for the synthetic front door: contacts come in, people are spoken to in working hours.

Everything here is in local (Europe/London) wall-clock time, which is how a team's day is shaped:
datetimes carry the LOCAL zone, and adding a timedelta moves the wall clock.
"""

from datetime import date, datetime, time, timedelta
from random import Random
from zoneinfo import ZoneInfo

from django.conf import settings

LOCAL = ZoneInfo(settings.TIME_ZONE)
DAY_START, DAY_END = 9, 17  # the front door's working day


def local(moment: datetime) -> datetime:
    """Wall-clock time in the LOCAL zone, whatever zone (or none: taken as local) it came in."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=LOCAL)
    return moment.astimezone(LOCAL)


def is_working(moment: datetime) -> bool:
    return moment.weekday() < 5 and DAY_START <= moment.hour < DAY_END


def next_working(moment: datetime, rng: Random) -> datetime:
    """The moment itself in working hours; otherwise early in the next working morning."""
    if is_working(moment):
        return moment
    day = moment.date()
    if moment.hour >= DAY_END or moment.weekday() >= 5:
        day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, time(DAY_START), LOCAL) + timedelta(minutes=rng.randrange(0, 75))


def weekday_near(day: date, rng: Random) -> date:
    """A weekend day becomes the Friday before or the Monday after."""
    if day.weekday() == 5:
        return day - timedelta(days=1) if rng.random() < 0.5 else day + timedelta(days=2)
    if day.weekday() == 6:
        return day + timedelta(days=1) if rng.random() < 0.5 else day - timedelta(days=2)
    return day


def office_time(day: date, rng: Random) -> datetime:
    """A moment in the working day, busiest mid-morning."""
    hours = rng.triangular(DAY_START, DAY_END, 10.5)
    return datetime.combine(day, time(DAY_START), LOCAL) + timedelta(minutes=int((hours - DAY_START) * 60))


def drop_in_time(day: date, rng: Random) -> datetime:
    """Community conversation sessions run 10 till 12 and half past 1 till half past 3."""
    start = time(10) if rng.random() < 0.6 else time(13, 30)
    return datetime.combine(day, start, LOCAL) + timedelta(minutes=rng.randrange(0, 120))


def any_time(day: date, rng: Random) -> datetime:
    """Online forms and emails: any day, mostly daytime and evening."""
    hours = rng.triangular(6.5, 23.9, 13)
    return datetime.combine(day, time(0), LOCAL) + timedelta(minutes=int(hours * 60))


def working_days_after(day: date, count: int) -> date:
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day
