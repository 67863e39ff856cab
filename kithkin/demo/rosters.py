"""Next week's roster for the demo, planned by the same engine a council uses, so the roster pages have a
week on them from the start."""

from kithkin.core.audit import Auditor
from kithkin.matching.models import Roster, VisitPattern
from kithkin.matching.presenters import next_monday
from kithkin.matching.rosters import plan_week


def plan_demo_week(seconds: int, seed: int = 1, say=lambda message: None) -> bool:
    if not seconds or Roster.objects.exists() or not VisitPattern.objects.exists():
        return False
    monday = next_monday()
    say(f"Planning the roster for the week of {monday:%-d %B %Y} ({seconds} seconds)...")
    roster = plan_week(monday, Auditor(None, channel="cli", label="seed-demo"), time_limit_s=seconds, seed=seed)
    f = roster.figures
    say(f"The roster is ready: {f['served']:,} of {f['visits']:,} visits planned, {f['km']:,.0f} km.")
    return True
