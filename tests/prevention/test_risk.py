"""A transparent risk score, the council's weights, and the proactive worklist with "we spoke"."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kithkin.core.audit import Auditor
from kithkin.people import actions as people_actions
from kithkin.prevention import actions as alert_actions
from kithkin.prevention.models import PersonIndicator, RiskWeight
from kithkin.prevention.risk import risk_score
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def arthur(agent, person):
    """Arthur, 84, living with Edna whom he cares for; he fell last week (the ambulance told us)."""
    type(person).objects.filter(pk=person.pk).update(
        date_of_birth=timezone.localdate() - timedelta(days=round(84.4 * 365.25)), living_situation="partner")
    person.refresh_from_db()
    edna = people_actions.create_person({"given_name": "Edna", "family_name": "Jones"}, Auditor(agent))
    people_actions.add_circle_member(edna, {"name": "Arthur Jones", "connection": "family", "relationship": "husband",
                                            "closeness": 1, "is_unpaid_carer": True, "linked_person": person},
                                     Auditor(agent))
    alert_actions.receive_alert({"kind": "fall", "source": "ambulance", "source_name": "East of England Ambulance",
                                 "occurred_at": timezone.now() - timedelta(days=7), "nhs_number": "",
                                 "given_name": "Arthur", "family_name": "Jones", "postcode": person.postcode,
                                 "date_of_birth": person.date_of_birth}, "amb-9", Auditor(agent))
    person.refresh_from_db()
    return person


def test_the_score_is_the_sum_of_its_reasons(arthur, agent):
    score = risk_score(arthur)
    labels = {r.label: r for r in score.reasons}
    assert set(labels) == {"Recent falls", "Unpaid carer aged over 80"}
    assert "Had a fall on" in labels["Recent falls"].why and "East of England Ambulance" in labels["Recent falls"].why
    assert "cares for Edna Jones" in labels["Unpaid carer aged over 80"].why
    assert score.score == 3 + 2

    client = client_for(agent)
    client.post(f"/people/{arthur.pk}/risk", {"indicator": "carer_own_condition", "note": "COPD"})
    assert risk_score(arthur).score == 8
    page = client.get(f"/people/{arthur.pk}/risk").content.decode()
    assert "Risk score: 8" in page and "COPD" in page


def test_the_councils_weights_change_the_score(arthur):
    RiskWeight.objects.filter(indicator="recent_falls").update(weight=10)
    assert risk_score(arthur).score == 12


def test_the_proactive_worklist_lists_rising_risk_until_someone_speaks(arthur, agent):
    PersonIndicator.objects.create(person=arthur, indicator="carer_own_condition", noted_by=agent)
    client = client_for(agent)
    page = client.get("/proactive").content.decode()
    assert "Arthur Jones" in page and "score 8" in page

    client.post(f"/proactive/{arthur.pk}/we-spoke", {"what_matters": "Keeping Edna at home; his breathing"})

    assert arthur.conversations.get().what_matters == "Keeping Edna at home; his breathing"
    after = client.get("/proactive").content.decode()
    assert "Conversation with Arthur Jones recorded." in after and 'data-testid="proactive-row"' not in after


def test_an_indicator_cannot_be_recorded_twice_or_by_someone_without_a_reason(arthur, agent, outsider):
    client = client_for(agent)
    client.post(f"/people/{arthur.pk}/risk", {"indicator": "frailty"})
    client.post(f"/people/{arthur.pk}/risk", {"indicator": "frailty"})
    assert PersonIndicator.objects.filter(indicator="frailty").count() == 1
    assert client_for(outsider).post(f"/people/{arthur.pk}/risk", {"indicator": "dementia"}).status_code == 403


def test_an_indicator_that_no_longer_holds_is_ended_and_leaves_the_score(arthur, agent):
    client = client_for(agent)
    client.post(f"/people/{arthur.pk}/risk", {"indicator": "dementia"})
    before = risk_score(arthur).score
    item = PersonIndicator.objects.get(person=arthur, indicator="dementia")

    client.post(f"/people/{arthur.pk}/risk", {"end": str(item.pk)})

    item.refresh_from_db()
    assert item.ended_at is not None and risk_score(arthur).score < before
    response = client.post(f"/people/{arthur.pk}/risk", {"end": "not-a-number"})
    assert response.status_code == 400 and "That indicator is not recorded now" in response.content.decode()


def test_we_spoke_without_words_keeps_the_row_and_says_what_is_missing(arthur, agent):
    response = client_for(agent).post(f"/proactive/{arthur.pk}/we-spoke", {"what_matters": " "})
    page = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in page
    assert f'href="#matters-{arthur.pk}"' in page and "Write down what matters to them" in page
