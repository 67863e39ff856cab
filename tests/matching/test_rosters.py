"""Planning a week of visits: every visit served by the people's small regular teams, the figures, the
pages (the team's week, a carer's week, a person's week), and repairs that change as little as they can."""

from collections import Counter
from datetime import date, time

import pytest

from kithkin.core.actions import ActionError
from kithkin.core.audit import Auditor
from kithkin.core.models import AuditEvent, Postcode
from kithkin.matching import actions, repair
from kithkin.matching.models import Roster, RosterChange, RosterVisit
from kithkin.matching.rosters import plan_week
from kithkin.matching.week import load_week, to_problem
from tests.conftest import client_for, make_person
from tests.matching.conftest import add_carer

pytestmark = pytest.mark.django_db
MONDAY = date(2030, 3, 4)
WEEKDAYS = [(d, time(7), time(14)) for d in range(7)]
ITERATIONS = 20_000  # a fixed budget: the same plan on any machine


@pytest.fixture
def district(manager, agent, postcodes):
    Postcode.objects.bulk_create([Postcode(postcode="FN1 3CC", latitude=52.41, longitude=0.27),
                                  Postcode(postcode="FN3 2DD", latitude=52.45, longitude=0.31)])
    carers = [add_carer(manager, name, postcode=code, week=WEEKDAYS, skills=["personal_care", "meals", "moving"])
              for name, code in (("Ann", "FN1 2BB"), ("Bob", "FN1 3CC"), ("Cat", "FN3 1AA"), ("Dev", "FN3 2DD"))]
    people = []
    for name, code in (("Edna", "FN1 1AA"), ("Frank", "FN1 2BB"), ("Grace", "FN3 1AA"), ("Harry", "FN3 2DD")):
        person = make_person(agent, given_name=name, postcode=code)
        actions.add_visit_pattern(person, {"skill": "personal_care", "weekdays": list(range(7)), "earliest": time(8),
                                           "latest": time(10), "minutes": 45}, Auditor(manager))
        people.append(person)
    actions.add_visit_pattern(people[0], {"skill": "moving", "weekdays": [0, 2], "earliest": time(11),
                                          "latest": time(12), "minutes": 30, "carers_needed": 2,
                                          "two_carers": "together"}, Auditor(manager))
    return {"carers": carers, "people": people}


def plan(manager):
    return plan_week(MONDAY, Auditor(manager), time_limit_s=60, seed=1, max_iterations=ITERATIONS)


def test_every_visit_is_served_by_a_small_regular_team(district, manager):
    roster = plan(manager)

    f = roster.figures
    assert (f["visits"], f["served"], f["unserved"]) == (32, 32, 0)
    assert f["median_carers"] <= 3 and f["team_share"] >= 0.9 and f["km"] > 0 and f["co2_kg"] > 0
    assert f["people_mostly_with_team"] == 1.0  # every person has 9 in 10 visits or more from their team
    pair = list(RosterVisit.objects.filter(roster=roster, skill="moving", date=MONDAY))
    assert len(pair) == 2 and pair[0].carer != pair[1].carer and pair[0].start == pair[1].start
    for v in roster.visits.all():
        assert v.earliest <= v.start <= v.latest
    assert AuditEvent.objects.filter(kind="create", object_type="matching.Roster").exists()
    # Each person's regular team, as saved, is who does most of their visits: nobody outside it does more.
    for person in district["people"]:
        done = Counter(roster.visits.filter(person=person).values_list("carer_id", flat=True))
        team = set(f["teams"][str(person.pk)])
        assert len(team) <= 3 and team <= set(done)
        assert max((n for c, n in done.items() if c not in team), default=0) <= min(done[c] for c in team)


def test_the_same_seed_and_budget_give_the_same_roster(district, manager):
    first = sorted(plan(manager).visits.values_list("person_id", "date", "carer_id", "start"))
    second = sorted(plan(manager).visits.values_list("person_id", "date", "carer_id", "start"))
    assert first == second
    assert Roster.objects.filter(is_current=True).count() == 1  # the older plan is kept, no longer current


def test_a_carer_off_sick_is_repaired_with_few_changes_all_listed(district, manager):
    roster = plan(manager)
    before = {v.pk: (v.carer_id, v.start) for v in roster.visits.all()}
    sick = roster.visits.filter(date=MONDAY).exclude(carer=None).first().carer

    changes = repair.carer_off(roster, sick, [MONDAY], Auditor(manager), time_limit_s=5)

    after = {v.pk: (v.carer_id, v.start) for v in roster.visits.all()}
    assert not roster.visits.filter(date=MONDAY, carer=sick).exists()
    moved = {pk for pk in before if before[pk][0] != after[pk][0]}
    assert moved and moved <= {c.visit_id for c in changes}
    assert all(before[pk][0] == sick.pk for pk in moved)  # only the sick carer's visits found new carers
    kept = [pk for pk in before if pk not in moved and before[pk][1] is not None]
    assert all(abs(after[pk][1] - before[pk][1]) < repair.MOVED_MINUTES for pk in kept)  # and at about their times
    assert all(after[pk] == before[pk] for pk in before if RosterVisit.objects.get(pk=pk).date != MONDAY)
    assert all(c.why == "carer_off" for c in changes)
    # and the team's week says they are off that day, not that they have no work
    row = client_for(manager).get(f"/rosters/{roster.pk}").content.decode().split(f"/carers/{sick.pk}\"")[1]
    monday_cell = row.split('<td class="govuk-table__cell">')[1].split("</td>")[0]
    assert "Off</strong>" in monday_cell


def test_a_carer_marked_off_is_not_given_the_visits_of_the_next_carer_off_that_day(district, manager):
    roster = plan(manager)
    first, second = [c for c in district["carers"] if roster.visits.filter(date=MONDAY, carer=c).exists()][:2]

    # Given one carer off sick on Monday, then another
    repair.carer_off(roster, first, [MONDAY], Auditor(manager), time_limit_s=2)
    repair.carer_off(roster, second, [MONDAY], Auditor(manager), time_limit_s=2)

    # Then Monday's visits went to neither, the first is still off, and a new plan of the week leaves them off too
    assert not roster.visits.filter(date=MONDAY, carer__in=[first, second]).exists()
    assert set(first.absences.values_list("day", flat=True)) == {MONDAY}
    assert not any(r.person in (str(first.pk), str(second.pk)) and r.id.split(":")[1] == MONDAY.isoformat()
                   for r in load_week(MONDAY).routes)


def test_a_carer_marked_back_at_work_can_be_given_visits_that_day_again(district, manager):
    carer = district["carers"][0]
    actions.mark_off(carer, [MONDAY], Auditor(manager))
    assert not any(r.person == str(carer.pk) and MONDAY.isoformat() in r.id for r in load_week(MONDAY).routes)

    actions.mark_back(carer, MONDAY, Auditor(manager))

    assert any(r.person == str(carer.pk) and MONDAY.isoformat() in r.id for r in load_week(MONDAY).routes)
    with pytest.raises(ActionError, match="is not marked off"):
        actions.mark_back(carer, MONDAY, Auditor(manager))
    assert AuditEvent.objects.filter(summary__contains="is back at work").exists()


def test_a_carer_off_sick_with_half_of_a_two_carer_visit_leaves_it_with_two_others_together(district, manager):
    roster = plan(manager)
    sick = roster.visits.filter(skill="moving", date=MONDAY).first().carer

    repair.carer_off(roster, sick, [MONDAY], Auditor(manager), time_limit_s=5)

    first, second = roster.visits.filter(skill="moving", date=MONDAY)
    assert None not in (first.carer_id, second.carer_id) and sick.pk not in (first.carer_id, second.carer_id)
    assert first.carer_id != second.carer_id and first.start == second.start


def test_a_carer_off_sick_leaves_everyone_elses_visits_at_their_times(district, manager, agent):
    # Given a busier week: eight more people with a morning visit any time from 7 to 11, every day
    for k, code in enumerate(["FN1 1AA", "FN1 2BB", "FN3 1AA", "FN3 2DD"] * 2):
        person = make_person(agent, given_name=f"Neighbour{k}", postcode=code)
        actions.add_visit_pattern(person, {"skill": "personal_care", "weekdays": list(range(7)), "earliest": time(7),
                                           "latest": time(11), "minutes": 45}, Auditor(manager))
    roster = plan(manager)
    before = {v.pk: (v.carer_id, v.start) for v in roster.visits.filter(date=MONDAY)}
    sick = roster.visits.filter(date=MONDAY, skill="personal_care").exclude(carer=None).first().carer
    theirs = {pk for pk, (carer_id, _) in before.items() if carer_id == sick.pk}

    # When they are off on Monday
    changes = repair.carer_off(roster, sick, [MONDAY], Auditor(manager), time_limit_s=5)

    # Then only their visits change, each to someone else, and nobody else's visit moves in time
    assert {c.visit_id for c in changes} == theirs
    after = {v.pk: (v.carer_id, v.start) for v in roster.visits.filter(date=MONDAY)}
    assert all(after[pk][0] not in (None, sick.pk) for pk in theirs)
    assert all(after[pk][0] == before[pk][0] and abs(after[pk][1] - before[pk][1]) < repair.MOVED_MINUTES
               for pk in before if pk not in theirs)


def test_a_cancelled_visit_comes_off_and_nothing_else_moves(district, manager):
    roster = plan(manager)
    visit = roster.visits.filter(skill="personal_care").first()
    others = {v.pk: (v.carer_id, v.start) for v in roster.visits.exclude(pk=visit.pk)}

    repair.cancel_visit(visit, Auditor(manager), today=MONDAY)

    visit.refresh_from_db()
    assert visit.cancelled and RosterChange.objects.get().why == "cancelled"
    assert others == {v.pk: (v.carer_id, v.start) for v in roster.visits.exclude(pk=visit.pk)}
    roster.refresh_from_db()
    assert roster.figures["visits"] == 31


def test_a_cancelled_visit_put_back_finds_a_carer_and_nothing_else_moves(district, manager):
    roster = plan(manager)
    visit = roster.visits.filter(skill="personal_care", date=MONDAY).first()
    repair.cancel_visit(visit, Auditor(manager), today=MONDAY)
    others = {v.pk: (v.carer_id, v.start) for v in roster.visits.exclude(pk=visit.pk)}

    changes = repair.reinstate_visit(visit, Auditor(manager), today=MONDAY)

    visit.refresh_from_db()
    assert not visit.cancelled and visit.carer_id and visit.earliest <= visit.start <= visit.latest
    assert [(c.visit_id, c.why) for c in changes] == [(visit.pk, "reinstated")]
    assert others == {v.pk: (v.carer_id, v.start) for v in roster.visits.exclude(pk=visit.pk)}
    roster.refresh_from_db()
    assert (roster.figures["visits"], roster.figures["served"]) == (32, 32)
    with pytest.raises(ActionError, match="not cancelled"):
        repair.reinstate_visit(visit, Auditor(manager), today=MONDAY)


def test_a_visit_is_put_back_only_on_the_plan_in_use_and_not_once_its_day_has_gone(district, manager):
    roster = plan(manager)
    visit = roster.visits.filter(date=MONDAY).first()
    repair.cancel_visit(visit, Auditor(manager), today=MONDAY)

    with pytest.raises(ActionError, match="a day that has gone"):
        repair.reinstate_visit(visit, Auditor(manager), today=date(2030, 3, 5))
    plan(manager)
    with pytest.raises(ActionError, match="planned again since"):
        repair.reinstate_visit(visit, Auditor(manager), today=MONDAY)
    visit.refresh_from_db()
    assert visit.cancelled


def test_a_carer_whose_dbs_check_runs_out_midweek_has_no_visits_after_it(district, manager, settings):
    ann = district["carers"][0]
    settings.KITHKIN_DBS_YEARS = 1
    ann.dbs_checked_on = date(2029, 3, 6)  # to be renewed by Wednesday 6 March 2030: current until then
    ann.save()

    roster = plan(manager)

    days = set(roster.visits.filter(carer=ann).values_list("date", flat=True))
    assert days and max(days) <= date(2030, 3, 6)
    assert roster.figures["unserved"] == 0  # the others take Thursday to Sunday


def test_a_week_when_nobody_can_work_is_planned_with_every_visit_unserved_and_why(district, manager, settings):
    settings.KITHKIN_DBS_YEARS = 0.001  # every check out of date before the week

    roster = plan(manager)

    assert (roster.figures["served"], roster.figures["unserved"]) == (0, 32)
    assert set(roster.visits.values_list("unserved_reason", flat=True)) == {"no carer is working then"}


def test_someone_new_joins_the_week(district, manager, agent):
    roster = plan(manager)
    newcomer = make_person(agent, given_name="Ivy", postcode="FN1 3CC")
    actions.add_visit_pattern(newcomer, {"skill": "meals", "weekdays": list(range(7)), "earliest": time(12),
                                         "latest": time(13), "minutes": 30}, Auditor(manager))
    changes = repair.add_person(roster, newcomer, Auditor(manager), time_limit_s=5, today=MONDAY)

    assert all(c.why == "new_person" for c in changes)
    assert sum(c.visit.person_id == newcomer.pk for c in changes) == 7  # each of her visits, listed
    assert roster.visits.filter(person=newcomer, carer__isnull=False).count() == 7
    others = [c for c in changes if c.visit.person_id != newcomer.pk]
    assert all(c.carer_before == c.carer_after for c in others)  # at most a time moved to fit her in


def test_the_weeks_pages_for_the_team_a_carer_and_a_person(district, manager, agent):
    roster = plan(manager)
    edna = district["people"][0]
    carer = roster.visits.filter(person=edna).exclude(carer=None).first().carer
    client = client_for(manager)

    team_page = client.get(f"/rosters/{roster.pk}").content.decode()
    assert "The team's week" in team_page and carer.full_name in team_page
    assert "By each person's regular team" in team_page
    carer_page = client.get(f"/rosters/{roster.pk}/carers/{carer.pk}").content.decode()
    assert "Edna Jones" not in carer_page and "Someone whose record you cannot open (FN1)" in carer_page  # need-to-know

    from kithkin.support.models import CareTeamMember

    CareTeamMember.objects.create(person=edna, user=manager, role="Named coordinator", is_named_coordinator=True)
    assert "Edna Jones" in client.get(f"/rosters/{roster.pk}/carers/{carer.pk}").content.decode()
    week = client.get(f"/people/{edna.pk}/week").content.decode()
    assert "Who is coming and when" in week and carer.full_name in week and "Cancel this visit" in week
    assert client_for(agent).get(f"/rosters/{roster.pk}").status_code == 403  # planners only
    assert client.get("/rosters").status_code == 200


def test_the_team_week_lists_who_sees_someone_outside_their_regular_team_to_those_who_may_know(district, manager):
    # Given Edna's Tuesday visit with a carer outside her regular team
    roster = plan(manager)
    edna = district["people"][0]
    team = set(roster.figures["teams"][str(edna.pk)])
    stranger = next(c for c in district["carers"] if c.pk not in team)
    tuesday = roster.visits.get(person=edna, skill="personal_care", date=date(2030, 3, 5))
    RosterVisit.objects.filter(pk=tuesday.pk).update(carer=stranger)
    client = client_for(manager)
    # When a planner who does not support her looks at the team's week
    page = client.get(f"/rosters/{roster.pk}").content.decode()
    # Then they see that someone does, not who
    assert "Someone outside their regular team" in page and "Edna Jones" not in page
    assert "1 person whose records you cannot open sees someone outside their regular team" in page

    # When they become her named coordinator
    from kithkin.support.models import CareTeamMember

    CareTeamMember.objects.create(person=edna, user=manager, role="Named coordinator", is_named_coordinator=True)
    page = client.get(f"/rosters/{roster.pk}").content.decode()
    # Then she is listed with the visit, who is coming, and how many of her visits her team does
    served = roster.visits.filter(person=edna, carer__isnull=False)
    by_team = served.filter(carer__in=team).count()
    listed = page.split('data-testid="outside-team"')[1].split("</ul>")[0]
    at = f"{tuesday.start // 60:02d}:{tuesday.start % 60:02d}"
    assert "Edna Jones" in listed and f"Tue 5 {at} {stranger.full_name}" in listed
    assert f"{by_team} of {served.count()} visits by their team" in listed
    # And her own week marks the visit
    week = client.get(f"/people/{edna.pk}/week").content.decode()
    assert week.count("Not one of their regular carers") == served.exclude(carer__in=team).count() >= 1


def test_the_changes_say_what_changed_and_count_those_for_people_the_planner_does_not_support(district, manager):
    # Given Edna's visit moved an hour later with the same carer, and Frank's (whom the planner does not support)
    roster = plan(manager)
    edna, frank = district["people"][:2]
    visits = [roster.visits.filter(person=person, skill="personal_care").first() for person in (edna, frank)]
    for visit in visits:
        RosterChange.objects.create(roster=roster, visit=visit, why=RosterChange.Why.CARER_OFF, made_by=manager,
                                    carer_before=visit.carer, carer_after=visit.carer, start_before=600,
                                    start_after=660)
    from kithkin.support.models import CareTeamMember

    CareTeamMember.objects.create(person=edna, user=manager, role="Named coordinator", is_named_coordinator=True)
    # When the planner looks at the team's week
    page = client_for(manager).get(f"/rosters/{roster.pk}").content.decode()
    # Then Edna's change says her visit moved, not that someone new is coming, and Frank's is only counted
    listed = page.split('data-testid="changes"')[1].split("</ul>")[0]
    assert (f'/people/{edna.pk}/week">Edna Jones</a> (a carer is off): {visits[0].carer.full_name}, moved from '
            "10:00 to 11:00") in listed
    assert f'<span class="govuk-body-s">({manager.display_name}, ' in listed  # who made it, and when
    assert "Frank" not in listed
    assert "1 change for people you can see, newest first, and 1 for people whose records you cannot open" in page


def test_a_repair_sent_without_the_days_says_what_to_put_right_and_changes_nothing(district, manager):
    roster = plan(manager)
    ann = district["carers"][0]
    before = sorted(roster.visits.values_list("pk", "carer_id", "start"))
    client = client_for(manager)

    response = client.post(f"/rosters/{roster.pk}/carer-off", {"carer": str(ann.pk)})

    page = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in page
    assert '<a href="#off-1">Choose the days they are off</a>' in page and 'id="off-1-error"' in page
    assert f'<option value="{ann.pk}" selected>' in page  # the carer chosen is kept
    assert sorted(roster.visits.values_list("pk", "carer_id", "start")) == before and not roster.changes.exists()
    response = client.post(f"/rosters/{roster.pk}/carer-off", {"carer": "", "days": ["2030-03-05"]})
    page = response.content.decode()
    assert response.status_code == 400 and "Choose the carer who is off" in page
    assert 'value="2030-03-05" checked' in page  # the days chosen are kept
    response = client.post(f"/rosters/{roster.pk}/carer-off", {"carer": str(ann.pk), "days": ["2031-01-01"]})
    assert response.status_code == 400 and "Choose days in this roster&#39;s week" in response.content.decode()


def test_a_carer_someone_no_longer_wants_is_flagged_on_their_week_and_their_visits_go_to_others(district, manager):
    # Given Edna, whose named coordinator plans rosters, now says she does not want the carer of her Tuesday visit
    from kithkin.support.models import CareTeamMember

    roster = plan(manager)
    edna = district["people"][0]
    CareTeamMember.objects.create(person=edna, user=manager, role="Named coordinator", is_named_coordinator=True)
    unwanted = roster.visits.get(person=edna, skill="personal_care", date=date(2030, 3, 5)).carer
    theirs = dict(roster.visits.filter(person=edna, carer=unwanted).values_list("pk", "start"))
    others = {v.pk: (v.carer_id, v.start) for v in roster.visits.exclude(pk__in=theirs)}
    actions.save_preferences(edna, {}, [unwanted], Auditor(manager))
    client = client_for(manager)
    week = client.get(f"/people/{edna.pk}/week").content.decode()
    assert week.count("No longer suits them") == len(theirs) and "they said they do not want this person" in week

    # When the coordinator gives those visits to carers who suit her
    response = client.post(f"/people/{edna.pk}/week/wishes", {"roster": roster.pk})

    # Then each goes to someone else at about its time, is listed as a change, and nobody else's visit moves
    assert response.status_code == 302
    after = {v.pk: (v.carer_id, v.start) for v in roster.visits.all()}
    assert all(after[pk][0] not in (None, unwanted.pk) and abs(after[pk][1] - start) < repair.MOVED_MINUTES
               for pk, start in theirs.items())
    assert {c.visit_id for c in roster.changes.all()} == set(theirs) and {c.why for c in roster.changes.all()} == {
        "wishes"}
    assert all(after[pk][0] == carer for pk, (carer, _) in others.items())
    assert "No longer suits them" not in client.get(f"/people/{edna.pk}/week").content.decode()
    again = client.post(f"/people/{edna.pk}/week/wishes", {"roster": roster.pk}, follow=True).content.decode()
    assert "are all with carers who suit them" in again


def test_a_carer_someone_says_they_do_not_want_does_not_come_to_their_planned_visits(district, manager, agent,
                                                                                     morning_visits):
    # Given Arthur's Monday visit planned with a carer
    roster = plan(manager)
    arthur = morning_visits
    visit = roster.visits.get(person=arthur)
    unwanted = visit.carer
    # When his worker records that he does not want that carer
    response = client_for(agent).post(f"/people/{arthur.pk}/care/preferences", {"not_wanted": [unwanted.pk]},
                                      follow=True)
    # Then the visit went to someone else at about its time, and the change is listed
    assert "1 of their planned visits was with carers who no longer suit them" in response.content.decode()
    visit.refresh_from_db()
    assert visit.carer_id not in (None, unwanted.pk) and abs(visit.start - 480) <= 60
    assert list(roster.changes.values_list("visit_id", "why")) == [(visit.pk, "wishes")]


def test_new_regular_visits_for_someone_already_on_the_roster_join_it_once(district, manager):
    roster = plan(manager)
    edna = district["people"][0]
    actions.add_visit_pattern(edna, {"skill": "meals", "weekdays": [4], "earliest": time(12), "latest": time(13),
                                     "minutes": 30}, Auditor(manager))
    repair.add_person(roster, edna, Auditor(manager), time_limit_s=3, today=MONDAY)
    assert roster.visits.filter(person=edna, skill="meals").count() == 1
    with pytest.raises(Exception, match="on the roster already"):
        repair.add_person(roster, edna, Auditor(manager), time_limit_s=3, today=MONDAY)


def test_ending_a_regular_visit_takes_its_visits_from_today_on_off_the_roster_and_lists_them(district, manager):
    roster = plan(manager)
    edna = district["people"][0]
    pattern = edna.visit_patterns.get(skill="personal_care")
    others = {v.pk: (v.carer_id, v.start) for v in roster.visits.exclude(pattern=pattern)}
    wednesday = date(2030, 3, 6)

    changes = repair.end_regular_visit(pattern, Auditor(manager), today=wednesday)

    pattern.refresh_from_db()
    assert not pattern.is_active
    rows = roster.visits.filter(pattern=pattern)
    assert sorted(r.date.day for r in rows if r.cancelled) == [6, 7, 8, 9, 10]
    assert sorted(r.date.day for r in rows if not r.cancelled) == [4, 5]  # the days gone are the record
    assert {c.why for c in changes} == {"ended"} and len(changes) == 5
    assert all(c.carer_before_id for c in changes)  # who to tell
    assert others == {v.pk: (v.carer_id, v.start) for v in roster.visits.exclude(pattern=pattern)}
    roster.refresh_from_db()
    assert roster.figures["visits"] == 27


def test_ending_a_regular_visit_asks_first_and_says_which_planned_visits_come_off(district, manager, agent,
                                                                                   morning_visits):
    roster = plan(manager)
    arthur = morning_visits  # the agent supports Arthur
    pattern = arthur.visit_patterns.get()
    client = client_for(agent)

    page = client.get(f"/people/{arthur.pk}/care/visits/{pattern.pk}/end").content.decode()
    assert "End this regular visit?" in page and "Monday 4 March" in page
    assert not roster.visits.filter(cancelled=True).exists()

    response = client.post(f"/people/{arthur.pk}/care/visits/{pattern.pk}/end", follow=True)
    assert "1 planned visit from today on came off the roster" in response.content.decode()
    assert not roster.visits.filter(pattern=pattern, cancelled=False).exists()
    roster_page = client_for(manager).get(f"/rosters/{roster.pk}").content.decode()
    assert "(a regular visit ended): taken off (it was " in roster_page
    again = client.post(f"/people/{arthur.pk}/care/visits/{pattern.pk}/end", follow=True)
    assert "not running now" in again.content.decode()
    # and its visit cannot be put back: the regular visit has ended
    with pytest.raises(ActionError, match="Its regular visit has ended"):
        repair.reinstate_visit(roster.visits.get(pattern=pattern), Auditor(manager))


def test_visits_added_after_planning_are_listed_on_the_team_week_until_a_planner_adds_them(district, manager, agent,
                                                                                           morning_visits):
    # Given a planned week, and then a new regular visit for Arthur, added by the agent who supports him
    roster = plan(manager)
    arthur = morning_visits
    response = client_for(agent).post(f"/people/{arthur.pk}/care/visits/add", {
        "skill": "meals", "weekdays": ["2", "4"], "earliest": "12:00", "latest": "13:00", "minutes": "30",
        "carers_needed": "1"}, follow=True)
    # Then the agent is told it is not on the roster yet, and who adds it
    assert "lists it for the roster planners to add" in response.content.decode()
    week = client_for(agent).get(f"/people/{arthur.pk}/week").content.decode()
    assert "2 visits from their regular visits are not on the roster" in week
    assert "until a roster planner adds them" in week

    # And one for Edna, whom the planner does not support
    edna = district["people"][0]
    actions.add_visit_pattern(edna, {"skill": "meals", "weekdays": [6], "earliest": time(12), "latest": time(13),
                                     "minutes": 30}, Auditor(manager))

    # When the planner looks at the team's week
    client = client_for(manager)
    page = client.get(f"/rosters/{roster.pk}").content.decode()
    # Then Arthur's are listed to add, and of Edna's only that someone's are waiting
    listed = page.split('data-testid="waiting"')[1].split("</ul>")[0]
    assert "Arthur Jones" in listed and "2 visits" in listed and "Add to the roster" in listed
    assert "Edna" not in listed
    assert "1 more person whose records you cannot open has regular visits not on this roster yet" in page
    # When they add Arthur's from the team's week
    response = client.post(f"/people/{arthur.pk}/week/add", {"roster": roster.pk, "back": "roster"})
    # Then they are on the roster with carers, and the team's week no longer lists them
    assert response.status_code == 302 and response.url == f"/rosters/{roster.pk}"
    assert roster.visits.filter(person=arthur, skill="meals", carer__isnull=False).count() == 2
    page = client.get(f"/rosters/{roster.pk}").content.decode()
    assert 'data-testid="waiting"' not in page and "1 person whose records you cannot open has regular" in page


def test_a_carer_who_stops_working_a_day_has_their_visits_that_day_repaired_on_the_roster(district, manager):
    # Given a planned week in which Ann has visits on Wednesday
    roster = plan(manager)
    ann = next(c for c in district["carers"] if roster.visits.filter(carer=c, date=date(2030, 3, 6)).exists())
    elsewhere = {v.pk: (v.carer_id, v.start) for v in roster.visits.exclude(date=date(2030, 3, 6))}
    # When her week changes: no longer Wednesdays
    hours = {f"{edge}_{day}_0": at for day in range(7) if day != 2 for edge, at in (("starts", "07:00"),
                                                                                    ("ends", "14:00"))}
    response = client_for(manager).post(f"/carers/{ann.pk}/availability", hours, follow=True)
    # Then her Wednesday visits went to others, each listed, and nothing moved on the other days
    assert "Their visits outside their new hours are repaired" in response.content.decode()
    assert not roster.visits.filter(carer=ann, date=date(2030, 3, 6)).exists()
    assert roster.visits.filter(date=date(2030, 3, 6), carer__isnull=False).count() == \
        roster.visits.filter(date=date(2030, 3, 6)).count()
    assert set(roster.changes.values_list("why", flat=True)) == {"hours"}
    assert elsewhere == {v.pk: (v.carer_id, v.start) for v in roster.visits.exclude(date=date(2030, 3, 6))}
    # And a week that still fits her hours changes nothing
    assert repair.outside_hours(roster, ann) == set()


def test_carers_already_in_a_persons_team_are_those_of_this_weeks_roster_not_a_later_one(district, manager,
                                                                                        monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    from kithkin.matching.candidates import shortlist

    # Given this week's roster, and next week's in which another carer does all Edna's visits
    this_week = plan(manager)
    next_week = plan_week(MONDAY + timedelta(days=7), Auditor(manager), time_limit_s=60, seed=1,
                          max_iterations=ITERATIONS, carry_on=False)
    edna = district["people"][0]
    hers = Counter(this_week.visits.filter(person=edna, carer__isnull=False).values_list("carer_id", flat=True))
    newcomer = next(c for c in district["carers"] if c.pk not in hers)
    next_week.visits.filter(person=edna, carer__isnull=False).update(carer=newcomer)
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2030, 3, 5))
    # When her carers are ranked on the Tuesday
    reasons = {c.carer.pk: " ".join(c.reasons) for c in shortlist(edna).candidates}
    # Then the team she knows is this week's
    carer, n = hers.most_common(1)[0]
    assert f"already in their team ({n} visit{'s' if n != 1 else ''} in the week of 4 March)" in reasons[carer]
    assert "already in their team" not in reasons[newcomer.pk]


def test_a_week_under_way_planned_again_keeps_the_days_gone_and_cancelled_visits_and_lists_each_change(
        district, manager, monkeypatch):
    from kithkin.matching import rosters
    from kithkin.matching.under_way import keys_of

    # Given this week's roster, on its Wednesday, with Thursday's visit for Edna cancelled
    old = plan(manager)
    wednesday = date(2030, 3, 6)
    monkeypatch.setattr(rosters, "_today", lambda: wednesday)
    thursday = old.visits.get(person=district["people"][0], skill="personal_care", date=date(2030, 3, 7))
    repair.cancel_visit(thursday, Auditor(manager), today=wednesday)
    # and two of Wednesday's visits swapped by hand between their carers
    wednesdays = list(old.visits.filter(date=wednesday, skill="personal_care").order_by("pk"))
    first = wednesdays[0]
    second = next(v for v in wednesdays if v.carer_id != first.carer_id)
    RosterVisit.objects.filter(pk=first.pk).update(carer=second.carer)
    RosterVisit.objects.filter(pk=second.pk).update(carer=first.carer)
    # When the week is planned again
    new = plan_week(MONDAY, Auditor(manager), time_limit_s=60, seed=2, max_iterations=ITERATIONS)
    # Then Monday and Tuesday are as they were, the cancelled visit stays off, and the week still has every visit
    before, after = keys_of(list(old.visits.all())), keys_of(list(new.visits.all()))
    assert set(before) == set(after) and new.figures["visits"] == 31
    for key, row in after.items():
        if row.date < wednesday:
            assert (row.carer_id, row.start, row.cancelled) == (before[key].carer_id, before[key].start, False)
    assert after[f"{thursday.pattern_id}:2030-03-07"].cancelled
    assert after[f"{thursday.pattern_id}:2030-03-07"].carer_id == thursday.carer_id  # as it was, not planned
    # And each visit from today on with another carer, or moved a quarter of an hour, is listed with what it was
    listed = {c.visit_id: c for c in new.changes.all()}
    for key, row in after.items():
        was = before[key]
        if row.date < wednesday or row.cancelled:
            assert row.pk not in listed
            continue
        moved = row.carer_id != was.carer_id or abs(row.start - was.start) >= 15
        assert (row.pk in listed) == moved
        if moved:
            assert listed[row.pk].why == "replanned" and listed[row.pk].carer_before_id == was.carer_id
    assert listed  # the visits swapped by hand, at least
    # and each plan's page points to the other: the changes before are on the plan replaced
    client = client_for(manager)
    assert f"/rosters/{old.pk}" in client.get(f"/rosters/{new.pk}").content.decode().split('planned-again')[1]
    assert f'href="/rosters/{new.pk}"' in client.get(f"/rosters/{old.pk}").content.decode()


def test_a_carer_who_leaves_has_their_visits_from_today_on_go_to_others_and_can_come_back(district, manager):
    # Given a planned week in which Ann has visits
    roster = plan(manager)
    ann = max(district["carers"], key=lambda c: roster.visits.filter(carer=c).count())
    theirs = roster.visits.filter(carer=ann).count()
    others = {v.pk: (v.carer_id, v.start) for v in roster.visits.exclude(carer=ann)}
    client = client_for(manager)
    # When the planner says she has left, and confirms
    page = client.get(f"/carers/{ann.pk}/leaves").content.decode()
    assert f"They have {theirs} planned visits from today on" in page
    response = client.post(f"/carers/{ann.pk}/leaves", follow=True)
    # Then she is off the register's list, her visits went to others (each listed), and nobody else's moved
    assert f"{theirs} of their planned visits went to others" in response.content.decode()
    ann.refresh_from_db()
    assert not ann.is_active and not roster.visits.filter(carer=ann).exists()
    assert set(roster.changes.values_list("why", flat=True)) == {"left"}
    assert roster.changes.filter(carer_before=ann).count() == theirs
    moved = {v.pk for v in roster.visits.all() if v.pk in others and (v.carer_id, v.start) != others[v.pk]}
    assert all(abs(roster.visits.get(pk=pk).start - others[pk][1]) < 15 for pk in moved)  # at most a time nudged
    assert f"/carers/{ann.pk}" not in client.get("/carers").content.decode()
    # And when she comes back, plans may include her again
    client.post(f"/carers/{ann.pk}/rejoins")
    ann.refresh_from_db()
    assert ann.is_active and ann.pk in {c.pk for c in load_week(MONDAY).carers.values()}


def test_a_week_not_yet_started_planned_again_keeps_its_cancelled_visits_off_and_each_visit_once(district, manager):
    from kithkin.matching.under_way import keys_of

    # Given next week's roster with one visit cancelled
    old = plan(manager)
    cancelled = old.visits.filter(skill="personal_care").first()
    repair.cancel_visit(cancelled, Auditor(manager), today=MONDAY)
    # When the week is planned again before it starts
    new = plan_week(MONDAY, Auditor(manager), time_limit_s=60, seed=2, max_iterations=ITERATIONS)
    # Then every visit is on it once, and the cancelled one stays cancelled with no carer planned for it
    rows = list(new.visits.all())
    assert len(rows) == len(keys_of(rows)) == 32 and new.figures["visits"] == 31
    again = keys_of(rows)[f"{cancelled.pattern_id}:{cancelled.date.isoformat()}"]
    assert again.cancelled and again.carer_id == cancelled.carer_id


def test_a_visit_outside_the_team_can_cost_more_for_the_people_named(district):
    # Given the week and teams of nobody, Edna named as still short of her team
    week = load_week(MONDAY)
    edna = district["people"][0].pk
    nobody = {v.person_id: set() for v in week.visits}

    # When the week is put to the engine at 4 km a visit outside the team, and 8 for Edna
    problem = to_problem(week, nobody, 4.0, dearer={edna: 8.0})

    # Then every carer costs Edna 8 km a visit and everyone else 4
    person_of = {v.key: v.person_id for v in week.visits}
    prices = {person_of[v.id]: set(v.extra_cost.values()) for v in problem.visits}
    assert prices.pop(edna) == {8.0} and set().union(*prices.values()) == {4.0}


def test_visits_held_with_the_team_may_go_to_nobody_else(district):
    # Given the week, Edna's team being Ann, and her Monday visit held with her team
    week = load_week(MONDAY)
    edna, ann = district["people"][0].pk, district["carers"][0].pk
    monday = next(v.key for v in week.visits if v.person_id == edna and v.day == MONDAY and v.skill == "personal_care")

    # When the week is put to the engine
    problem = to_problem(week, {edna: {ann}}, 4.0, held={monday})

    # Then only Ann may do that visit; her other visits may go to any of the four carers at a price
    allowed = {v.id: {c.split(":")[0] for c in v.allowed_carers} for v in problem.visits}
    assert allowed.pop(monday) == {str(ann)}
    assert all(len(carers) == 4 for carers in allowed.values())


def test_the_second_carer_one_after_the_other_has_a_window_the_gap_later(manager, agent, postcodes):
    from kithkin.matching.week import SEQUENTIAL_SLACK, week_visits

    # Given Edna's bedtime visit: one carer at 20:00-21:00, the second 30 minutes after the first
    edna = make_person(agent, given_name="Edna", postcode="FN1 1AA")
    actions.add_visit_pattern(edna, {"skill": "personal_care", "weekdays": [0], "earliest": time(20),
                                     "latest": time(21), "minutes": 60, "carers_needed": 2, "two_carers": "in_order",
                                     "gap_minutes": 30}, Auditor(manager))

    first, second = week_visits(MONDAY)

    # Then the second carer's window starts 30 minutes later, and may end as much later again: as agreed, not late
    assert (first.earliest, first.latest) == (20 * 60, 21 * 60)
    assert (second.earliest, second.latest) == (20 * 60 + 30, 21 * 60 + 30 + SEQUENTIAL_SLACK)
