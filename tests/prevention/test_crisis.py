"""The Jones story in the domain: a plan made before the crisis, set off at once by the GP's alert,
tasks with owners and due times, the worker told, the coming-home part on discharge, and an ending."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from kithkin.core.audit import Auditor
from kithkin.core.models import Role
from kithkin.prevention import crisis, plans
from kithkin.prevention.models import CrisisEpisode, Notification, Task
from tests.conftest import client_for, make_person, make_user

pytestmark = pytest.mark.django_db

ARTHUR_NHS = "9434765919"


@pytest.fixture
def jones(agent, manager):
    """Edna's plan, made with Edna, Arthur and Sarah: if Arthur goes into hospital, people she knows come."""
    manager.email = "maria@example.org"
    manager.save()
    arthur = make_person(agent, nhs_number=ARTHUR_NHS, postcode="FN1 1AD")
    edna = make_person(agent, given_name="Edna", postcode="FN1 1AD")
    auditor = Auditor(agent)
    plan = plans.make_plan(edna, {
        "made_with": "Edna, Arthur and their daughter Sarah", "named_worker": manager,
        "what_matters_most": "Staying at home, in her own routine, with people she knows",
        "what_helps": "Her garden, the radio, a cup of tea", "what_upsets": "Strangers in the house at night",
        "review_on": timezone.localdate() + timedelta(days=180)}, auditor)
    plans.add_trigger(plan, "hospital_admission", arthur, "Arthur is admitted to hospital", auditor)
    plans.add_trigger(plan, "hospital_discharge", arthur, "Arthur comes home from hospital", auditor,
                      part="coming_home")
    plans.add_action(plan, {"who": "Sarah (daughter)", "what": "Visits Edna each evening", "within_hours": 4},
                     auditor)
    plans.add_action(plan, {"who": "Willow Day Centre sitting service", "what": "Sits with Edna in the day",
                            "within_hours": 24, "owner": agent}, auditor)
    plans.add_action(plan, {"who": "Settle In", "what": "Helps Arthur settle back home", "within_hours": 24,
                            "part": "coming_home"}, auditor)
    return {"arthur": arthur, "edna": edna, "plan": plan}


@pytest.fixture
def gp(team, token_for):
    key = token_for(make_user("wickfield.surgery", Role.PARTNER, name="Wickfield Surgery"))

    def send(kind: str, key_id: str, **extra):
        body = {"idempotency_key": key_id, "kind": kind, "source": "gp_practice", "source_name": "Wickfield Surgery",
                "occurred_at": (timezone.now() - timedelta(minutes=30)).isoformat(), "nhs_number": ARTHUR_NHS,
                **extra}
        return Client().post("/api/alerts", json.dumps(body), content_type="application/json",
                             HTTP_AUTHORIZATION=f"Bearer {key}")

    return send


def test_the_admission_alert_sets_the_plan_off_at_once(jones, gp, manager, agent, mailoutbox,
                                                        django_capture_on_commit_callbacks):
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert gp("hospital_admission", "adm-1").status_code == 201

    episode = CrisisEpisode.objects.get()
    assert (episode.person, episode.plan, episode.named_worker) == (jones["edna"], jones["plan"], manager)
    assert episode.ends_on == timezone.localdate() + timedelta(weeks=6)
    tasks = {t.title: t for t in episode.tasks.all()}
    assert set(tasks) == {"Visits Edna each evening", "Sits with Edna in the day"}
    assert tasks["Sits with Edna in the day"].owner == agent
    assert tasks["Visits Edna each evening"].owner == manager  # the named worker makes sure
    assert before + timedelta(hours=4) <= tasks["Visits Edna each evening"].due_at
    assert episode.check_ins.count() == 3

    note = Notification.objects.get(user=manager)
    assert "Edna Jones's plan has been set off: Arthur is admitted to hospital" in note.text
    assert mailoutbox and mailoutbox[0].to == ["maria@example.org"]
    assert f"http://127.0.0.1:8000{note.url}" in mailoutbox[0].body
    assert "Edna" not in mailoutbox[0].body + mailoutbox[0].subject  # who she is stays behind the log-in


def test_a_resent_alert_sets_nothing_off_twice(jones, gp):
    gp("hospital_admission", "adm-1")
    gp("hospital_admission", "adm-1")
    assert CrisisEpisode.objects.count() == 1 and Task.objects.count() == 2


def test_a_second_admission_while_the_plan_runs_asks_for_nothing_already_under_way(jones, gp):
    gp("hospital_admission", "adm-1")
    gp("hospital_admission", "adm-2")  # a new alert, not a resend: the hospital sent another
    assert CrisisEpisode.objects.count() == 1 and Task.objects.count() == 2


def test_the_discharge_sets_off_the_coming_home_part_of_the_same_episode(jones, gp):
    gp("hospital_admission", "adm-1")
    gp("hospital_discharge", "dis-1")

    episode = CrisisEpisode.objects.get()
    assert "Helps Arthur settle back home" in set(episode.tasks.values_list("title", flat=True))


def test_without_a_plan_a_fall_is_a_rapid_response_task_within_the_hour(agent, gp, team):
    make_person(agent, nhs_number=ARTHUR_NHS, postcode="FN1 1AD")
    gp("fall", "fall-1")

    task = Task.objects.get()
    assert task.episode is None and task.team == team and "Rapid response" in task.title
    assert task.due_at - task.from_alert.received_at == timedelta(hours=1)
    assert not CrisisEpisode.objects.exists()


def test_an_unmatched_alert_sets_its_plan_off_once_matched_by_hand(jones, agent, manager):
    from kithkin.prevention import actions

    alert, _ = actions.receive_alert({
        "kind": "hospital_admission", "source": "hospital", "source_name": "Fenmere General",
        "occurred_at": timezone.now(), "given_name": "Arthur", "family_name": "Jones"}, "fg-1", Auditor(manager))
    assert not CrisisEpisode.objects.exists()

    actions.match_by_hand(alert, jones["arthur"], Auditor(agent))

    assert CrisisEpisode.objects.get().person == jones["edna"]


def test_the_worker_checks_in_finishes_tasks_and_ends_it_back_in_the_community(jones, gp, agent):
    gp("hospital_admission", "adm-1")
    episode = CrisisEpisode.objects.get()
    client = client_for(agent)

    page = client.get(f"/crisis/{episode.pk}").content.decode()
    assert "Visits Edna each evening" in page and "Strangers in the house at night" in page
    client.post(f"/crisis/{episode.pk}/goals", {"goals": "Stay at home while Arthur is in hospital",
                                                 "options": ["sitting", "assistive_technology"]})
    first = episode.check_ins.first()
    client.post(f"/check-ins/{first.pk}", {"how_coping": "Sarah's evenings help; I miss Arthur"})
    task = episode.tasks.first()
    client.post(f"/tasks/{task.pk}/done")
    client.post(f"/crisis/{episode.pk}/end", {"outcome": "back_to_community",
                                              "notes": "Arthur home; lunch club on Tuesdays"})

    episode.refresh_from_db()
    first.refresh_from_db()
    assert first.how_coping == "Sarah's evenings help; I miss Arthur" and first.held_by == agent
    assert episode.outcome == "back_to_community" and episode.closed_at is not None
    assert episode.goals == "Stay at home while Arthur is in hospital"
    assert episode.options == ["sitting", "assistive_technology"]
    assert episode.cld_event_outcome == "NFA: Information and advice or signposting"
    assert "NFA: Information and advice or signposting" in client.get(f"/crisis/{episode.pk}").content.decode()
    assert not episode.tasks.filter(done_at=None).exists()
    with pytest.raises(Exception, match="already ended"):
        crisis.close_episode(episode, "other", "", Auditor(agent))


def test_other_teams_cannot_open_the_episode(jones, gp, outsider):
    gp("hospital_admission", "adm-1")
    episode = CrisisEpisode.objects.get()
    assert client_for(outsider).get(f"/crisis/{episode.pk}").status_code == 403


def test_a_check_in_is_recorded_once_and_an_action_cannot_be_due_in_years(jones, gp, agent):
    gp("hospital_admission", "adm-1")
    episode = CrisisEpisode.objects.get()
    first = episode.check_ins.first()
    crisis.record_check_in(first, "Coping", Auditor(agent))
    with pytest.raises(Exception, match="recorded already"):
        crisis.record_check_in(first, "Overwritten", Auditor(agent))

    response = client_for(agent).post(f"/people/{jones['edna'].pk}/plan/actions/add", {
        "part": "crisis", "who": "Sarah", "what": "Visits", "within_hours": "2000000000"})
    assert response.status_code == 400


def test_a_rapid_response_tells_the_teams_managers_at_once(agent, manager, gp, mailoutbox,
                                                             django_capture_on_commit_callbacks):
    manager.email = "maria@example.org"
    manager.save()
    make_person(agent, nhs_number=ARTHUR_NHS, postcode="FN1 1AD")
    with django_capture_on_commit_callbacks(execute=True):
        gp("fall", "fall-1")
    note = Notification.objects.get(user=manager)
    assert "Rapid response within the hour: had a fall for Arthur Jones" in note.text
    assert mailoutbox[0].subject.endswith("A rapid response is needed within the hour")
    assert not Notification.objects.filter(user=agent).exists()


def test_an_alert_that_sets_nothing_off_still_gets_a_follow_up(agent, gp, team):
    make_person(agent, nhs_number=ARTHUR_NHS, postcode="FN1 1AD")
    gp("bereavement", "b-1", details="His brother died")
    task = Task.objects.get()
    assert task.title == "Follow up: bereavement (Wickfield Surgery)" and task.team == team
    assert task.due_at - task.from_alert.received_at == timedelta(days=2)


def test_a_second_alert_about_the_same_stay_tells_the_worker_once(jones, gp, manager):
    gp("hospital_admission", "adm-1")
    gp("hospital_admission", "amb-1")  # the ambulance service tells us of the same admission
    assert Notification.objects.filter(user=manager).count() == 1


def test_ending_support_leaves_unfinished_tasks_not_needed_rather_than_done(jones, gp, agent):
    gp("hospital_admission", "adm-1")
    episode = CrisisEpisode.objects.get()
    done, left = episode.tasks.all()
    client = client_for(agent)
    client.post(f"/tasks/{done.pk}/done", {"note": "Sarah came at six"})
    client.post(f"/crisis/{episode.pk}/end", {"outcome": "back_to_community"})

    done.refresh_from_db()
    left.refresh_from_db()
    assert (done.not_needed, done.done_note) == (False, "Sarah came at six")
    assert left.not_needed and left.done_at is not None
    page = client.get(f"/crisis/{episode.pk}").content.decode()
    assert "Not needed" in page and "Sarah came at six" in page


def test_the_episode_page_says_what_set_it_off_and_who_to_call(jones, gp, agent):
    plans.add_contact(jones["plan"], {"name": "Sarah Jones", "relationship": "daughter", "phone": "01632 960111"},
                      Auditor(agent))
    gp("hospital_admission", "adm-1", details="Chest infection, Fenmere General ward 3")
    page = client_for(agent).get(f"/crisis/{CrisisEpisode.objects.get().pk}").content.decode()
    assert "Arthur is admitted to hospital" in page and "Chest infection, Fenmere General ward 3" in page
    assert "Sarah Jones" in page and "01632 960111" in page and "The contingency plan" in page


def test_forms_on_the_episode_page_show_a_gov_uk_error_summary(jones, gp, agent):
    gp("hospital_admission", "adm-1")
    episode = CrisisEpisode.objects.get()
    client = client_for(agent)
    check_in = episode.check_ins.first()

    response = client.post(f"/check-ins/{check_in.pk}", {"how_coping": "  "})
    page = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in page and "<title>Error:" in page
    assert f'href="#coping-{check_in.pk}"' in page and "Write down how they are coping" in page

    response = client.post(f"/crisis/{episode.pk}/end", {"notes": "keep these words"})
    page = response.content.decode()
    assert response.status_code == 400 and "Choose how the crisis support ended" in page
    assert "keep these words" in page  # nothing typed is lost
    assert CrisisEpisode.objects.get().closed_at is None


def test_check_ins_coming_due_are_on_the_teams_tasks(jones, gp, agent):
    gp("hospital_admission", "adm-1")
    page = client_for(agent).get("/tasks").content.decode()
    assert "How is Edna Jones coping?" in page  # the first check-in is due in two days


def test_the_team_tasks_can_be_marked_done_from_the_page(jones, gp, agent):
    gp("hospital_admission", "adm-1")
    page = client_for(agent).get("/tasks").content.decode()
    assert "csrfmiddlewaretoken" in page and "{{ csrf_input }}" not in page


def test_a_new_plan_carries_the_running_crisis_support_with_it(jones, gp, agent, manager):
    gp("hospital_admission", "adm-1")
    new = plans.make_plan(jones["edna"], {"made_with": "Edna and Sarah", "what_matters_most": "Home",
                                          "named_worker": manager,
                                          "review_on": timezone.localdate() + timedelta(days=90)}, Auditor(agent))
    gp("hospital_admission", "amb-2")
    episode = CrisisEpisode.objects.get()  # one, not two
    assert episode.plan == new and episode.tasks.count() == 2


def test_an_urgent_alert_during_crisis_support_joins_it(jones, gp, manager):
    gp("hospital_admission", "adm-1")
    from kithkin.prevention import actions

    edna = jones["edna"]
    edna.nhs_number = "9100000000"
    edna.save()
    gp("fall", "fall-9", nhs_number="9100000000")
    episode = CrisisEpisode.objects.get()
    task = episode.tasks.get(from_alert__kind="fall")
    assert task.title.startswith("Had a fall: see how they are") and task.owner == manager
    assert not Task.objects.filter(title__contains="no contingency plan").exists()
    assert actions  # the alert went through the same action as any other


def test_an_urgent_alert_the_plan_does_not_cover_says_so_and_tells_the_named_worker(jones, gp, manager, agent):
    arthur = jones["arthur"]
    plans.make_plan(arthur, {"made_with": "Arthur", "what_matters_most": "Edna", "named_worker": agent,
                             "review_on": timezone.localdate() + timedelta(days=90)}, Auditor(agent))
    gp("fall", "fall-1")
    task = Task.objects.get()
    assert task.title == "Rapid response: had a fall (their plan does not cover this)"
    assert Notification.objects.filter(user=agent, text__contains="their plan does not cover this").exists()
