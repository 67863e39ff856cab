"""Shared Lives matching both ways (a person to homes, a home to people), through introduction, trial,
agreement and a review six weeks after it is agreed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kithkin.core.audit import Auditor
from kithkin.matching import actions
from kithkin.matching.models import SharedLivesMatch
from tests.conftest import client_for
from tests.matching.conftest import add_carer

pytestmark = pytest.mark.django_db


@pytest.fixture
def homes(manager, postcodes):
    def home(name, **household):
        carer = add_carer(manager, name, kind="shared_lives", interests=household.pop("interests", ""))
        return actions.set_household(carer, {"rooms": 1, **household}, Auditor(manager))

    return {"bakers": home("Baker", enjoys="Baking, gardening", pets="a cat"),
            "smokers": home("Smoke", smoking=True, enjoys="Gardening"),
            "full": home("Full", rooms=0)}


@pytest.fixture
def looking(agent, person):
    person.postcode, person.interests = "FN1 1AA", "gardening, baking"
    person.save()
    actions.save_preferences(person, {"wants_shared_lives": True, "no_smokers": True}, [], Auditor(agent))
    return person


def test_homes_are_ranked_for_a_person_with_reasons_and_rules(looking, homes):
    from kithkin.matching.shared_lives import homes_for

    pairings = homes_for(looking)
    assert pairings[0].household == homes["bakers"] and not pairings[0].ruled_out
    assert "they both enjoy baking and gardening" in pairings[0].reasons and "pets: a cat" in pairings[0].reasons
    ruled = {p.household: p.ruled_out for p in pairings[1:]}
    assert ruled[homes["smokers"]] == ["someone smokes at home"]
    assert ruled[homes["full"]] == ["no room free"]


def test_people_are_ranked_for_a_home_among_those_the_worker_may_see(agent, outsider, looking, homes):
    carer_id = homes["bakers"].carer_id
    page = client_for(agent).get(f"/carers/{carer_id}/people").content.decode()
    assert "Arthur Jones" in page and "they both enjoy baking and gardening" in page
    outsider_page = client_for(outsider).get(f"/carers/{carer_id}/people").content.decode()
    assert "Arthur Jones" not in outsider_page


def test_a_home_proposes_someone_looking_and_both_sides_then_show_the_proposal_under_way(agent, looking, homes):
    # Given the Bakers' page of people looking for a home like theirs
    client = client_for(agent)
    carer_id = homes["bakers"].carer_id
    page = client.get(f"/carers/{carer_id}/people").content.decode()
    assert f"/people/{looking.pk}/care/shared-lives/{carer_id}/propose" in page
    # When the worker proposes Arthur from the home's side
    response = client.post(f"/people/{looking.pk}/care/shared-lives/{carer_id}/propose", {"from": "home"})
    # Then the proposal is made, the worker is back on the home's page, and neither side offers it again
    assert response.status_code == 302 and response.url == f"/carers/{carer_id}/people"
    assert SharedLivesMatch.objects.get().household == homes["bakers"]
    page = client.get(f"/carers/{carer_id}/people").content.decode()
    assert "Already proposed" in page and f"/shared-lives/{carer_id}/propose" not in page
    homes_page = client.get(f"/people/{looking.pk}/care/shared-lives").content.decode()
    assert "Already proposed" in homes_page and f"/shared-lives/{carer_id}/propose" not in homes_page


def test_a_match_moves_through_its_stages_and_is_reviewed_six_weeks_after_agreement(agent, looking, homes):
    client = client_for(agent)
    client.post(f"/people/{looking.pk}/care/shared-lives/{homes['bakers'].carer_id}/propose")
    match = SharedLivesMatch.objects.get()
    skipped = client.post(f"/shared-lives/{match.pk}/stage", {"stage": "agreed", "notes": "They got on well"})
    page = skipped.content.decode()
    assert skipped.status_code == 400 and "There is a problem" in page and "stage cannot move there" in page
    assert "They got on well</textarea>" in page  # what was written is kept
    match.refresh_from_db()
    assert match.stage == "proposed"  # no skipping the introduction and the trial
    nothing = client.post(f"/shared-lives/{match.pk}/stage", {"notes": ""}).content.decode()
    assert f'<a href="#stage-{match.pk}-introduction">Choose the stage to move to</a>' in nothing

    for stage in ("introduction", "trial", "agreed"):
        client.post(f"/shared-lives/{match.pk}/stage", {"stage": stage, "notes": f"{stage} went well"})

    match.refresh_from_db()
    assert match.stage == "agreed" and match.review_due_on == timezone.localdate() + timedelta(weeks=6)
    assert "trial went well" in match.notes
    page = client.get(f"/people/{looking.pk}/care").content.decode()
    assert "Agreed since" in page and "Review due" in page
    from kithkin.matching.shared_lives import homes_for

    bakers = next(p for p in homes_for(looking) if p.household == homes["bakers"])
    assert bakers.ruled_out == ["no room free"]  # its one room is now taken


def test_a_stage_sent_for_a_match_ended_meanwhile_says_so(agent, looking, homes):
    client = client_for(agent)
    client.post(f"/people/{looking.pk}/care/shared-lives/{homes['bakers'].carer_id}/propose")
    match = SharedLivesMatch.objects.get()
    client.post(f"/shared-lives/{match.pk}/stage", {"stage": "ended", "notes": "They chose another home"})

    page = client.post(f"/shared-lives/{match.pk}/stage", {"stage": "introduction"}, follow=True).content.decode()

    assert "has ended, so nothing more can be recorded on it" in page
    match.refresh_from_db()
    assert match.stage == "ended"


def test_proposing_a_carer_with_no_household_is_not_found(agent, manager, looking, homes):
    from tests.matching.conftest import add_carer

    visiting = add_carer(manager, "Visiting Carer")
    response = client_for(agent).post(f"/people/{looking.pk}/care/shared-lives/{visiting.pk}/propose")
    assert response.status_code == 404 and not SharedLivesMatch.objects.exists()


def test_a_second_live_proposal_for_the_same_home_is_refused(agent, looking, homes):
    client = client_for(agent)
    url = f"/people/{looking.pk}/care/shared-lives/{homes['bakers'].carer_id}/propose"
    client.post(url)
    response = client.post(url, follow=True)
    assert "already matched with this household" in response.content.decode()
    assert SharedLivesMatch.objects.count() == 1


def test_someone_who_may_not_change_the_record_cannot_propose(outsider, looking, homes):
    url = f"/people/{looking.pk}/care/shared-lives/{homes['bakers'].carer_id}/propose"
    assert client_for(outsider).post(url).status_code == 403
    assert not SharedLivesMatch.objects.exists()


def test_the_rules_hold_whatever_is_posted(agent, looking, homes):
    client = client_for(agent)
    for home in ("smokers", "full"):
        response = client.post(f"/people/{looking.pk}/care/shared-lives/{homes[home].carer_id}/propose", follow=True)
        assert "cannot be proposed" in response.content.decode()
    assert not SharedLivesMatch.objects.exists()


def test_someone_agreed_with_one_home_cannot_be_agreed_with_a_second(agent, manager, looking, homes):
    from kithkin.core.actions import ActionError

    second = add_carer(manager, "Second", kind="shared_lives")
    other = actions.set_household(second, {"rooms": 2}, Auditor(manager))
    first = actions.propose_shared_lives(looking, homes["bakers"], "", Auditor(agent))
    for stage in ("introduction", "trial", "agreed"):
        actions.move_stage(first, stage, "", Auditor(agent))
    looking.carer_preferences.refresh_from_db()
    assert looking.carer_preferences.wants_shared_lives is False  # found a home
    also = SharedLivesMatch.objects.create(person=looking, household=other, stage="trial", created_by=agent)
    with pytest.raises(ActionError, match="already live with another Shared Lives household"):
        actions.move_stage(also, "agreed", "", Auditor(agent))


def test_someone_who_lives_with_a_home_is_not_offered_others_and_their_home_says_so(agent, manager, looking, homes):
    from kithkin.core.actions import ActionError

    second = add_carer(manager, "Second", kind="shared_lives")
    other = actions.set_household(second, {"rooms": 2, "enjoys": "Gardening"}, Auditor(manager))
    match = actions.propose_shared_lives(looking, homes["bakers"], "", Auditor(agent))
    for stage in ("introduction", "trial", "agreed"):
        actions.move_stage(match, stage, "", Auditor(agent))

    page = client_for(agent).get(f"/people/{looking.pk}/care/shared-lives").content.decode()
    link = f'/carers/{homes["bakers"].carer_id}"'
    theirs = next(block for block in page.split('data-testid="home"')[1:] if link in block)
    assert "lives with" in page and "Lives here" in theirs and "no room free" not in theirs
    assert f"/shared-lives/{second.pk}/propose" not in page
    with pytest.raises(ActionError, match="end that before proposing another"):
        actions.propose_shared_lives(looking, other, "", Auditor(agent))
    earlier = SharedLivesMatch.objects.create(person=looking, household=other, created_by=agent)  # from before
    with pytest.raises(ActionError, match="end that before moving another home on"):
        actions.move_stage(earlier, "introduction", "", Auditor(agent))
    assert actions.move_stage(earlier, "ended", "", Auditor(agent)).stage == "ended"


def test_after_the_six_week_review_a_home_is_reviewed_every_year(agent, looking, homes):
    match = actions.propose_shared_lives(looking, homes["bakers"], "", Auditor(agent))
    for stage in ("introduction", "trial", "agreed", "reviewed"):
        match = actions.move_stage(match, stage, "", Auditor(agent))
    today = timezone.localdate()
    assert match.review_due_on == (today.replace(year=today.year + 1) if (today.month, today.day) != (2, 29)
                                   else today.replace(year=today.year + 1, day=28))
    assert "Review due" in client_for(agent).get(f"/people/{looking.pk}/care").content.decode()
    match = actions.move_stage(match, "reviewed", "Still going well", Auditor(agent))  # the next year's
    assert match.stage == "reviewed" and "Still going well" in match.notes


def test_a_home_cannot_have_fewer_rooms_than_people_living_there(agent, manager, looking, homes):
    from django.core.exceptions import ValidationError

    match = actions.propose_shared_lives(looking, homes["bakers"], "", Auditor(agent))
    for stage in ("introduction", "trial", "agreed"):
        actions.move_stage(match, stage, "", Auditor(agent))
    with pytest.raises(ValidationError, match="1 person lives there now"):
        actions.set_household(homes["bakers"].carer, {"rooms": 0}, Auditor(manager))
    response = client_for(manager).post(f"/carers/{homes['bakers'].carer_id}/household", {"rooms": "0"})
    assert response.status_code == 400 and "enter at least 1 room" in response.content.decode()
