"""Need-to-know: each legitimate relationship allows, everything else denies."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kithkin.conversations.actions import link_person, record_conversation
from kithkin.core.actions import ActionError, break_glass
from kithkin.core.audit import Auditor
from kithkin.people import policies
from kithkin.support.models import CareTeamMember
from tests.conftest import make_person, take_contact


def test_the_agent_handling_the_contact_may_see_the_person(agent, person):
    assert policies.access_reason(agent, person) == policies.HANDLING


def test_a_colleague_sees_the_person_while_their_contact_is_on_the_team_worklist(colleague, person):
    assert policies.access_reason(colleague, person) == policies.WORKLIST


def test_a_colleague_loses_sight_once_the_contact_is_closed(agent, colleague, contact, person):
    record_conversation(contact, {"what_matters": "Home", "outcome": "information"}, Auditor(agent))
    assert policies.access_reason(colleague, person) is None


def test_the_handler_keeps_sight_for_a_while_after_closing(agent, contact, person):
    record_conversation(contact, {"what_matters": "Home", "outcome": "advice"}, Auditor(agent))
    assert policies.can_view_person(agent, person)


def test_the_handler_loses_sight_of_an_old_closed_contact(agent, contact, person, settings):
    record_conversation(contact, {"what_matters": "Home", "outcome": "advice"}, Auditor(agent))
    contact.received_at = timezone.now() - timedelta(days=settings.KITHKIN_CONTACT_ACCESS_DAYS + 1)
    contact.save()
    assert not policies.can_view_person(agent, person)


def test_another_team_may_not_see_the_person(outsider, person):
    assert policies.access_reason(outsider, person) is None
    assert not policies.visible_people(outsider).filter(pk=person.pk).exists()


def test_the_team_manager_sees_recent_contacts_of_their_team(agent, manager, contact, person):
    record_conversation(contact, {"what_matters": "Home", "outcome": "information"}, Auditor(agent))
    assert policies.access_reason(manager, person) == policies.MANAGER


@pytest.mark.parametrize("role_fixture", ["commissioner", "administrator"])
def test_commissioners_and_administrators_see_no_records(request, person, role_fixture):
    user = request.getfixturevalue(role_fixture)
    assert not policies.can_view_person(user, person)
    assert not policies.visible_people(user).exists()


def test_a_care_team_member_may_see_but_a_provider_may_not_change(provider, person):
    assert not policies.can_view_person(provider, person)
    CareTeamMember.objects.create(person=person, user=provider, role="Home support")
    assert policies.access_reason(provider, person) == policies.CARE_TEAM
    assert not policies.can_change_person(provider, person)


def test_an_ended_care_team_membership_gives_no_access(practitioner, person):
    CareTeamMember.objects.create(person=person, user=practitioner, ended_on=timezone.localdate())
    assert not policies.can_view_person(practitioner, person)


def test_break_glass_opens_the_record_for_a_limited_time(outsider, person):
    grant = break_glass(outsider, person, "Police called about a welfare concern tonight", Auditor(outsider))
    assert policies.access_reason(outsider, person) == policies.BREAK_GLASS
    grant.expires_at = timezone.now() - timedelta(seconds=1)
    grant.save()
    assert not policies.can_view_person(outsider, person)


def test_break_glass_needs_a_real_reason(outsider, person):
    with pytest.raises(ActionError, match="Say why"):
        break_glass(outsider, person, "because", Auditor(outsider))


def test_commissioners_cannot_break_glass(commissioner, person):
    with pytest.raises(ActionError):
        break_glass(commissioner, person, "I would like to look at this record", Auditor(commissioner))


def test_visible_people_matches_access_reason_for_everyone(agent, colleague, outsider, manager, person):
    stranger = make_person(agent, given_name="Stan", family_name="Ranger")
    for user in (agent, colleague, outsider, manager):
        visible = set(policies.visible_people(user).values_list("pk", flat=True))
        for someone in (person, stranger):
            assert (someone.pk in visible) == policies.can_view_person(user, someone), (user, someone)


def test_export_is_for_managers_with_a_relationship_and_administrators(agent, manager, administrator, person):
    assert not policies.can_export_person(agent, person)
    assert policies.can_export_person(manager, person)
    assert policies.can_export_person(administrator, person)


def test_linking_a_second_contact_from_another_team_gives_that_team_sight(outsider, person):
    other = take_contact(outsider, postcode="FN2 1AA")
    link_person(other, person, Auditor(outsider))
    assert policies.can_view_person(outsider, person)


def test_break_glass_reads_but_does_not_change(outsider, person):
    break_glass(outsider, person, "Police called about a welfare concern tonight", Auditor(outsider))
    assert policies.can_view_person(outsider, person)
    assert not policies.can_change_person(outsider, person)
