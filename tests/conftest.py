"""Shared fixtures: a team, one user per role, people and contacts built through the real actions."""

import pytest
from django.test import Client

from kithkin.conversations import actions as front_door
from kithkin.core.actions import create_api_token
from kithkin.core.audit import Auditor
from kithkin.core.models import Role, Team, User
from kithkin.people import actions as people_actions

PASSWORD = "a-long-test-password-1"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing is deliberately slow; the tests check behaviour, not PBKDF2."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached figures: database ids are reused after a test rolls back."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def team(db):
    return Team.objects.create(name="Wickfield and Marshby", area="Wickfield, Marshby", outward_codes="FN1 FN3")


@pytest.fixture
def other_team(db):
    return Team.objects.create(name="Holme St Agnes", area="Holme St Agnes", outward_codes="FN2 FN5")


def make_user(username, role, team=None, **extra):
    first, _, last = extra.pop("name", username.title()).partition(" ")
    return User.objects.create_user(username=username, password=PASSWORD, role=role, team=team,
                                    first_name=first, last_name=last, **extra)


@pytest.fixture
def agent(team):
    return make_user("amara", Role.COMMUNITY_AGENT, team, name="Amara Okafor")


@pytest.fixture
def colleague(team):
    return make_user("ben", Role.COMMUNITY_AGENT, team, name="Ben Turner")


@pytest.fixture
def outsider(other_team):
    return make_user("olga", Role.COMMUNITY_AGENT, other_team, name="Olga Nowak")


@pytest.fixture
def manager(team):
    return make_user("maria", Role.TEAM_MANAGER, team, name="Maria Santos", email="maria@example.org")


@pytest.fixture
def practitioner(other_team):
    return make_user("priya", Role.PRACTITIONER, other_team, name="Priya Shah")


@pytest.fixture
def commissioner(db):
    return make_user("colin", Role.COMMISSIONER, name="Colin Webb")


@pytest.fixture
def provider(db):
    return make_user("pat", Role.PROVIDER, name="Pat Provider")


@pytest.fixture
def administrator(db):
    return make_user("ada", Role.ADMINISTRATOR, name="Ada Admin")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def agent_client(agent):
    return client_for(agent)


def take_contact(user, **overrides):
    data = {
        "team": user.team, "handled_by": user, "channel": "phone", "raised_by": "family",
        "caller_name": "Sarah Jones", "caller_phone": "01632 960 111", "about_name": "Arthur Jones",
        "postcode": "FN1 1AD", "in_their_words": "Dad keeps falling and mum is getting confused.",
    }
    data.update(overrides)
    return front_door.receive_contact(data, Auditor(user))


def make_person(user, **overrides):
    data = {"given_name": "Arthur", "family_name": "Jones", "postcode": "FN1 1AD",
            "what_matters": "Staying at home with Edna"}
    data.update(overrides)
    return people_actions.create_person(data, Auditor(user))


@pytest.fixture
def contact(agent):
    return take_contact(agent)


@pytest.fixture
def person(agent, contact):
    """Arthur Jones, linked to the agent's open contact: the agent may see him."""
    arthur = make_person(agent)
    front_door.link_person(contact, arthur, Auditor(agent))
    return arthur


@pytest.fixture
def token_for():
    def make(user):
        return create_api_token(user, "tests", Auditor(user))[1]

    return make
