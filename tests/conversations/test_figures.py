"""The 'resolved within 24 hours' figure counts a contact once its 24-hour result is known."""

from datetime import timedelta

from django.utils import timezone

from kithkin.conversations.figures import figure, start_of_quarter, start_of_week, team_figures
from kithkin.conversations.models import Contact
from tests.conftest import client_for, take_contact


def _contact(user, received_hours_ago, resolved_after_hours=None):
    c = take_contact(user)
    now = timezone.now()
    received = now - timedelta(hours=received_hours_ago)
    resolved = received + timedelta(hours=resolved_after_hours) if resolved_after_hours is not None else None
    Contact.objects.filter(pk=c.pk).update(received_at=received, resolved_at=resolved,
                                           outcome="advice" if resolved else "")
    return c


def test_the_figure_counts_closed_and_overdue_contacts_only(agent):
    _contact(agent, 30, 2)      # within 24h
    _contact(agent, 50, 30)     # closed, but late
    _contact(agent, 26)         # still open, over 24h: counts against
    _contact(agent, 2)          # open, under 24h: not counted yet
    _contact(agent, 1, 0.5)     # closed quickly
    f = figure("test", timezone.now() - timedelta(days=7), team=agent.team)
    assert (f.received, f.counted, f.within_24h, f.still_open) == (5, 4, 2, 2)
    assert f.rate == 0.5


def test_no_contacts_means_no_rate_rather_than_zero(team):
    f = figure("test", timezone.now() - timedelta(days=7), team=team)
    assert f.rate is None


def test_other_teams_contacts_do_not_count(agent, outsider):
    _contact(outsider, 30, 1)
    assert figure("x", timezone.now() - timedelta(days=2), team=agent.team).counted == 0


def test_week_and_quarter_start_on_monday_and_quarter_day(db):
    now = timezone.make_aware(timezone.datetime(2026, 11, 19, 15, 0))  # a Thursday
    assert timezone.localtime(start_of_week(now)).date().isoformat() == "2026-11-16"
    assert timezone.localtime(start_of_quarter(now)).date().isoformat() == "2026-10-01"


def test_figures_page_names_no_one_and_commissioners_see_all_teams(agent, commissioner):
    _contact(agent, 3, 1)
    page = client_for(commissioner).get("/figures").content.decode()
    assert "All teams" in page and agent.team.name in page
    assert "Sarah" not in page and "Arthur" not in page


def test_the_worklist_figure_moves_when_a_contact_is_resolved(agent, agent_client, contact,
                                                              django_capture_on_commit_callbacks):
    from kithkin.conversations.actions import record_conversation
    from kithkin.core.audit import Auditor

    before = team_figures(agent.team)[0]  # now cached
    assert before.rate is None
    with django_capture_on_commit_callbacks(execute=True):
        record_conversation(contact, {"what_matters": "Home", "outcome": "information"}, Auditor(agent))
    after = team_figures(agent.team)[0]
    assert (after.counted, after.within_24h) == (1, 1)
    assert 'data-figure="last-24-hours">100%' in agent_client.get("/worklist").content.decode()


def test_cached_figures_are_kept_until_a_contact_comes_in_or_closes(agent, other_team, outsider,
                                                                    django_capture_on_commit_callbacks):
    assert team_figures(agent.team)[0].received == 0
    assert team_figures(None)[0].received == 0
    _contact(agent, 1)  # written behind the actions' back, as a bulk load would: the cache does not know
    assert team_figures(agent.team)[0].received == 0
    with django_capture_on_commit_callbacks(execute=True):
        take_contact(outsider)  # another team's contact clears its team and the all-teams figures only
    assert team_figures(agent.team)[0].received == 0
    assert team_figures(None)[0].received == 2
    with django_capture_on_commit_callbacks(execute=True):
        take_contact(agent)
    assert team_figures(agent.team)[0].received == 2
