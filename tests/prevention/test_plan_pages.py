"""Making a contingency plan with the person and family, from their record, and printing it."""

import pytest

from kithkin.core.audit import Auditor
from kithkin.people import actions as people_actions
from kithkin.prevention.models import ContingencyPlan
from tests.conftest import client_for

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
