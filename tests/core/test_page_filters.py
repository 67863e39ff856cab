"""The small words and numbers pages share: clock times and lengths of time."""

from datetime import time

from kithkin.core.jinja import clock, minutes
from kithkin.matching.clock import minutes_of_day


def test_minutes_from_midnight_read_as_a_clock_time():
    assert clock(570) == "09:30"
    assert clock(0) == "00:00"
    assert clock(1439) == "23:59"
    assert clock(569.6) == "09:30"  # the engine's times are fractions of a minute
    assert clock(None) == ""


def test_a_clock_time_counts_as_minutes_from_midnight_and_back():
    assert minutes_of_day(time(9, 30)) == 570
    assert clock(minutes_of_day(time(17, 5))) == "17:05"


def test_lengths_of_time_read_in_hours_and_minutes():
    assert minutes(45) == "45 minutes"
    assert minutes(60) == "1 hour"
    assert minutes(75) == "1 hour 15 minutes"
    assert minutes(1) == "1 minute"
