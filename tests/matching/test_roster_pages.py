"""The roster pages with what a browser (or someone typing an address) might send: every mistake gets a clear
answer and changes nothing."""

from datetime import date

import pytest

from kithkin.core.actions import ActionError
from kithkin.core.audit import Auditor
from kithkin.matching import repair
from kithkin.matching.models import Roster
from kithkin.support.models import CareTeamMember
from tests.conftest import client_for
from tests.matching.test_rosters import MONDAY, district, plan  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("before_the_week")]


def _snapshot(roster):
    return sorted(roster.visits.values_list("pk", "carer_id", "start", "cancelled"))


def test_a_number_that_is_not_plain_digits_is_refused_not_a_crash(district, manager):  # noqa: F811
    roster = plan(manager)
    before = _snapshot(roster)
    client = client_for(manager)
    person = district["people"][0]
    CareTeamMember.objects.create(person=person, user=manager, role="Named coordinator", is_named_coordinator=True)

    off = client.post(f"/rosters/{roster.pk}/carer-off", {"carer": "²", "days": [MONDAY.isoformat()]})
    wishes = client.post(f"/people/{person.pk}/week/wishes", {"roster": "²"})

    assert off.status_code == 400 and "Choose the carer who is off" in off.content.decode()
    assert wishes.status_code == 302 and not roster.changes.exists()
    assert _snapshot(roster) == before


def test_a_visit_on_an_old_plan_cannot_be_cancelled_from_the_page_either(district, manager):  # noqa: F811
    old = plan(manager)
    plan(manager)
    visit = old.visits.exclude(carer=None).first()
    CareTeamMember.objects.create(person=visit.person, user=manager, role="Named coordinator",
                                  is_named_coordinator=True)

    response = client_for(manager).post(f"/roster-visits/{visit.pk}/cancel", follow=True)

    assert "planned again since" in response.content.decode()
    visit.refresh_from_db()
    assert not visit.cancelled and not old.changes.exists()


@pytest.mark.parametrize("sent, field, said", [
    ({"week": "", "seconds": "60"}, "week", "Enter the Monday the week starts"),
    ({"week": "2020-01-06", "seconds": "60"}, "week", "The week of 6 January 2020 is over"),
    ({"week": "2030-03-05", "seconds": "60"}, "week", "A roster starts on a Monday; 5 March 2030 is a Tuesday"),
    ({"week": "9999-12-27", "seconds": "60"}, "week", "more than ten years away"),
    ({"week": "2030-03-04", "seconds": "lots"}, "seconds", "a whole number of seconds from 5 to 600"),
    ({"week": "2030-03-04", "seconds": "²"}, "seconds", "a whole number of seconds from 5 to 600"),
])
def test_planning_a_week_with_a_mistake_says_what_to_put_right_and_keeps_what_was_typed(manager, sent, field, said):
    response = client_for(manager).post("/rosters/plan", sent)

    page = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in page
    assert f'href="#{field}"' in page and f'id="{field}-error"' in page and said in page
    assert f'value="{sent["week"]}"' in page and f'value="{sent["seconds"]}"' in page
    assert not Roster.objects.exists()


def test_planning_a_week_already_planned_asks_first_as_its_repairs_would_go(district, manager):  # noqa: F811
    roster = plan(manager)

    response = client_for(manager).post("/rosters/plan", {"week": MONDAY.isoformat(), "seconds": "30"})

    page = response.content.decode()
    assert response.status_code == 400 and 'href="#replace"' in page and "is planned already" in page
    assert Roster.objects.get().pk == roster.pk  # nothing planned again


def test_a_week_waiting_for_the_task_worker_is_not_planned_twice(manager):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from kithkin.matching.tasks import plan_week_task

    DBTaskResult.objects.create(task_path=plan_week_task.module_path, backend_name="default", status="READY",
                                args_kwargs={"args": ["2030-03-04", 60, manager.pk], "kwargs": {}},
                                run_after=timezone.now())

    response = client_for(manager).post("/rosters/plan", {"week": "2030-03-04", "seconds": "60", "replace": "yes"})

    assert response.status_code == 400 and "is being planned now" in response.content.decode()
    assert not Roster.objects.exists()
    other = client_for(manager).post("/rosters/plan", {"week": "2030-03-11", "seconds": "60"})
    assert other.status_code == 302  # another week is planned (here at once: tests run tasks inline)


def test_a_visit_is_cancelled_only_on_the_plan_in_use_and_not_once_its_day_has_gone(district, manager):  # noqa: F811
    old = plan(manager)
    new = plan(manager)  # the week planned again: the first plan is kept, no longer in use
    visit = old.visits.exclude(carer=None).first()

    with pytest.raises(ActionError, match="planned again since"):
        repair.cancel_visit(visit, Auditor(manager))
    assert not old.changes.exists()

    later = new.visits.filter(date=MONDAY).exclude(carer=None).first()
    with pytest.raises(ActionError, match="a day that has gone cannot be changed"):
        repair.cancel_visit(later, Auditor(manager), today=date(2030, 3, 5))
    later.refresh_from_db()
    assert not later.cancelled and not new.changes.exists()
