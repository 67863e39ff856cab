"""Making a contingency plan with the person and family, from their record, and printing it."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.utils import timezone

from kithkin.core.audit import Auditor
from kithkin.people import actions as people_actions
from kithkin.prevention.models import ContingencyPlan
from tests.conftest import client_for, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def edna_and_arthur(agent, person):
    """Edna (the agent's contact is linked to Arthur: `person`); Arthur is in Edna's circle, linked."""
    edna = people_actions.create_person({"given_name": "Edna", "family_name": "Jones", "postcode": "FN1 1AD",
                                         "what_matters": "Her garden"}, Auditor(agent))
    from kithkin.conversations import actions as front_door
    from tests.conftest import take_contact

    front_door.link_person(take_contact(agent), edna, Auditor(agent))
    people_actions.add_circle_member(edna, {"name": "Arthur Jones", "connection": "family", "relationship": "husband",
                                            "closeness": 1, "is_unpaid_carer": True, "linked_person": person},
                                     Auditor(agent))
    return edna, person


def test_a_worker_makes_a_plan_adds_to_it_and_prints_it(agent, edna_and_arthur):
    edna, arthur = edna_and_arthur
    client = client_for(agent)
    assert "Make a plan" in client.get(f"/people/{edna.pk}/plan").content.decode()

    response = client.post(f"/people/{edna.pk}/plan/new", {
        "made_with": "Edna, Arthur and Sarah", "what_matters_most": "Staying at home with people she knows",
        "what_helps": "The radio", "what_upsets": "Strangers at night", "named_worker": agent.pk,
        "review_on_day": "1", "review_on_month": "6", "review_on_year": "2027"})
    assert response.status_code == 302
    client.post(f"/people/{edna.pk}/plan/triggers/add", {"kind": "hospital_admission", "about": arthur.pk,
                                                          "part": "crisis",
                                                          "description": "Arthur goes into hospital"})
    client.post(f"/people/{edna.pk}/plan/actions/add", {"part": "crisis", "who": "Sarah (daughter)",
                                                         "what": "Visits each evening", "within_hours": "4"})
    client.post(f"/people/{edna.pk}/plan/contacts/add", {"name": "Sarah Jones", "relationship": "daughter",
                                                          "phone": "01632 960111"})

    plan = ContingencyPlan.objects.get(person=edna, is_active=True)
    assert plan.triggers.get().about == arthur
    page = client.get(f"/people/{edna.pk}/plan?print=1").content.decode()
    for text in ("Staying at home with people she knows", "Arthur goes into hospital", "Visits each evening",
                 "Sarah Jones"):
        assert text in page
    card = client.get(f"/people/{edna.pk}/plan/card").content.decode()
    assert "Arthur Jones" in card and "Edna Jones" in card and "01632 960111" in card


def test_the_plan_forms_say_what_is_missing(agent, edna_and_arthur):
    edna, _ = edna_and_arthur
    client = client_for(agent)
    response = client.post(f"/people/{edna.pk}/plan/new", {})
    page = response.content.decode()
    assert response.status_code == 400
    for message in ("Say who made the plan together", "Write down what matters most to them",
                    "Give a date to look at the plan again"):
        assert message in page
    assert not ContingencyPlan.objects.exists()


def test_someone_without_a_reason_cannot_see_or_make_the_plan(outsider, edna_and_arthur):
    edna, _ = edna_and_arthur
    assert client_for(outsider).get(f"/people/{edna.pk}/plan").status_code == 403
    assert client_for(outsider).post(f"/people/{edna.pk}/plan/new", {}).status_code == 403


def test_a_worker_takes_an_item_off_the_plan(agent, edna_and_arthur):
    from kithkin.core.models import AuditEvent
    from kithkin.prevention import plans
    from kithkin.prevention.models import PlanContact

    edna, _ = edna_and_arthur
    plan = plans.make_plan(edna, {"made_with": "Edna", "what_matters_most": "Home", "named_worker": agent,
                                  "review_on": "2027-06-01"}, Auditor(agent))
    contact = plans.add_contact(plan, {"name": "Sarah Jones"}, Auditor(agent))
    client = client_for(agent)
    assert "Take off" in client.get(f"/people/{edna.pk}/plan").content.decode()

    client.post(f"/people/{edna.pk}/plan/contacts/{contact.pk}/remove")

    assert not PlanContact.objects.exists()
    assert AuditEvent.objects.filter(kind="delete", object_type="prevention.PlanContact", person=edna).exists()
    assert client.post(f"/people/{edna.pk}/plan/sideboards/1/remove").status_code == 403


@pytest.fixture
def edna_plan(agent, edna_and_arthur):
    from kithkin.prevention import plans

    edna, _ = edna_and_arthur
    return plans.make_plan(edna, {"made_with": "Edna and Sarah", "what_matters_most": "Home",
                                  "named_worker": agent, "review_on": "2027-06-01"}, Auditor(agent))


def test_a_worker_changes_a_contact_in_place_and_the_change_is_audited(agent, edna_plan):
    from kithkin.core.models import AuditEvent
    from kithkin.prevention import plans

    contact = plans.add_contact(edna_plan, {"name": "Sarah Jones", "phone": "01632 960111"}, Auditor(agent))
    client = client_for(agent)
    url = f"/people/{edna_plan.person.pk}/plan/contacts/{contact.pk}/change"
    assert "01632 960111" in client.get(url).content.decode()  # the form starts from what is there

    response = client.post(url, {"name": "Sarah Jones", "relationship": "daughter", "phone": "01632 960999"})

    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.relationship, contact.phone) == ("daughter", "01632 960999")
    event = AuditEvent.objects.get(kind="update", object_type="prevention.PlanContact")
    assert event.old_values["phone"] == "01632 960111" and event.new_values["phone"] == "01632 960999"


def test_changing_an_action_checks_it_like_adding_one(agent, edna_plan):
    from kithkin.prevention import plans

    action = plans.add_action(edna_plan, {"who": "Sarah", "what": "Visits each evening", "within_hours": 4},
                              Auditor(agent))
    client = client_for(agent)
    url = f"/people/{edna_plan.person.pk}/plan/actions/{action.pk}/change"
    response = client.post(url, {"part": "crisis", "who": "", "what": "Visits", "within_hours": "99999"})
    assert response.status_code == 400 and "Say who" in response.content.decode()
    action.refresh_from_db()
    assert (action.who, action.within_hours) == ("Sarah", 4)

    client.post(url, {"part": "coming_home", "who": "Sarah", "what": "Is there when he comes home",
                      "within_hours": "2"})
    action.refresh_from_db()
    assert (action.part, action.what, action.within_hours) == ("coming_home", "Is there when he comes home", 2)


def test_a_trigger_can_be_changed_only_to_someone_linked_to_the_person(agent, edna_plan, edna_and_arthur):
    from kithkin.prevention import plans

    edna, arthur = edna_and_arthur
    trigger = plans.add_trigger(edna_plan, "hospital_admission", arthur, "Arthur goes into hospital", Auditor(agent))
    url = f"/people/{edna.pk}/plan/triggers/{trigger.pk}/change"
    stranger = make_person(agent, given_name="Stan", family_name="Ger")

    response = client_for(agent).post(url, {"kind": "fall", "about": stranger.pk, "part": "crisis",
                                            "description": "Stan falls"})
    assert response.status_code == 400
    client_for(agent).post(url, {"kind": "fall", "about": arthur.pk, "part": "crisis", "description": "Arthur falls"})
    trigger.refresh_from_db()
    assert (trigger.kind, trigger.about, trigger.description) == ("fall", arthur, "Arthur falls")


def test_looking_at_the_plan_again_sets_the_next_date(agent, edna_plan, settings):
    from kithkin.core.models import AuditEvent

    edna = edna_plan.person
    ContingencyPlan.objects.filter(pk=edna_plan.pk).update(review_on=timezone.localdate() - timedelta(days=1))
    client = client_for(agent)
    assert "This plan is due to be looked at again" in client.get(f"/people/{edna.pk}/plan").content.decode()
    assert client.post(f"/people/{edna.pk}/plan/review", {"made_with": "Edna"}).status_code == 400

    client.post(f"/people/{edna.pk}/plan/review", {
        "made_with": "Edna, Sarah and her worker", "what_matters_most": "Home, and her garden",
        "named_worker": agent.pk, "review_on_day": "1", "review_on_month": "12", "review_on_year": "2027"})

    plan = ContingencyPlan.objects.get(pk=edna_plan.pk)
    assert (plan.what_matters_most, plan.review_on, plan.reviewed_on) == (
        "Home, and her garden", date(2027, 12, 1), timezone.localdate())
    assert plan.is_active and ContingencyPlan.objects.count() == 1  # the same plan, looked at again
    assert "This plan is due" not in client.get(f"/people/{edna.pk}/plan").content.decode()
    assert AuditEvent.objects.filter(kind="update", object_type="prevention.ContingencyPlan", person=edna).exists()


def test_the_named_worker_is_reminded_once_when_a_plan_is_due(agent, edna_plan, mailoutbox,
                                                               django_capture_on_commit_callbacks):
    from django.core.management import call_command

    from kithkin.prevention.models import Notification
    from kithkin.prevention.reviews import remind_reviews

    agent.email = "amara@example.org"
    agent.save()
    due = date(2027, 6, 1)
    assert remind_reviews(today=due - timedelta(days=1)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_reviews(today=due) == 1
    assert remind_reviews(today=due + timedelta(days=1)) == 0  # once per review date
    note = Notification.objects.get(user=agent)
    assert note.text == "Edna Jones's contingency plan is due to be looked at again (today)"
    assert len(mailoutbox) == 1 and "Edna" not in mailoutbox[0].body

    ContingencyPlan.objects.filter(pk=edna_plan.pk).update(review_on=timezone.localdate())
    out = StringIO()
    call_command("remind-plan-reviews", stdout=out)
    assert "about 1 plan due for review" in out.getvalue() and Notification.objects.count() == 2


def test_the_proactive_worklist_lists_plans_coming_due(agent, edna_plan):
    page = client_for(agent).get("/proactive").content.decode()
    assert "No plans are due to be looked at again" in page
    ContingencyPlan.objects.filter(pk=edna_plan.pk).update(review_on=timezone.localdate() - timedelta(days=3))
    page = client_for(agent).get("/proactive").content.decode()
    assert "Edna Jones" in page and "Overdue" in page


def test_a_new_plan_starts_from_the_old_one_which_is_kept_to_read(agent, edna_plan, edna_and_arthur):
    from kithkin.prevention import plans

    edna, arthur = edna_and_arthur
    plans.add_trigger(edna_plan, "hospital_admission", arthur, "Arthur goes into hospital", Auditor(agent))
    plans.add_contact(edna_plan, {"name": "Sarah Jones"}, Auditor(agent))
    client = client_for(agent)
    assert "Edna and Sarah" in client.get(f"/people/{edna.pk}/plan/new").content.decode()  # filled in from it

    client.post(f"/people/{edna.pk}/plan/new", {
        "made_with": "Edna, Sarah and Arthur", "what_matters_most": "Home", "named_worker": agent.pk,
        "review_on_day": "1", "review_on_month": "6", "review_on_year": str(timezone.localdate().year + 1)})

    new = ContingencyPlan.objects.get(person=edna, is_active=True)
    assert new.pk != edna_plan.pk and new.triggers.get().description == "Arthur goes into hospital"
    assert new.contacts.get().name == "Sarah Jones"
    old_page = client.get(f"/people/{edna.pk}/plan", {"plan": edna_plan.pk}).content.decode()
    assert "This is an earlier plan" in old_page and "Take off" not in old_page


def test_a_review_date_in_the_past_is_refused(agent, edna_and_arthur):
    edna, _ = edna_and_arthur
    response = client_for(agent).post(f"/people/{edna.pk}/plan/new", {
        "made_with": "Edna", "what_matters_most": "Home", "named_worker": agent.pk,
        "review_on_day": "1", "review_on_month": "1", "review_on_year": "2020"})
    assert response.status_code == 400
    assert "must be in the future" in response.content.decode()


def test_the_card_names_each_carer_once_and_gives_a_number_to_call(agent, edna_plan, edna_and_arthur):
    from kithkin.prevention import plans

    edna, arthur = edna_and_arthur
    for kind in ("hospital_admission", "hospital_discharge", "carer_unable_to_care"):
        plans.add_trigger(edna_plan, kind, arthur, kind, Auditor(agent))
    card = client_for(agent).get(f"/people/{edna.pk}/plan/card").content.decode()
    assert card.count("Arthur Jones") == 1 and "01632 960000" in card and f"CP-{edna_plan.pk}" in card


def test_a_contacts_phone_number_is_checked(agent, edna_plan):
    response = client_for(agent).post(f"/people/{edna_plan.person.pk}/plan/contacts/add",
                                      {"name": "Sarah", "phone": "not a phone!!"})
    assert response.status_code == 400 and "Enter a phone number" in response.content.decode()
