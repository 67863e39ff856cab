"""Clock times as the rostering engine counts them: minutes from midnight."""

from datetime import time


def minutes_of_day(t: time) -> int:
    """09:30 is 570."""
    return t.hour * 60 + t.minute
