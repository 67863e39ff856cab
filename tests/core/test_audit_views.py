"""The manager's audit view and API tokens page."""

from kithkin.core.models import ApiToken, AuditEvent
from tests.conftest import client_for


def test_a_manager_filters_the_audit_log_by_person_and_by_worker(agent_client, manager, person, colleague):
    agent_client.get(f"/people/{person.pk}")
    client_for(colleague).get(f"/people/{person.pk}")
    client = client_for(manager)
    by_person = client.get(f"/manage/audit?person={person.pk}&kind=view")
    page = by_person.content.decode()
    assert by_person.status_code == 200 and "Arthur Jones" in page and "amara" in page and "ben" in page
    by_worker = client.get("/manage/audit?worker=ben&kind=view")
    rows = by_worker.content.decode().split('data-testid="audit"')[1]
    assert "ben" in rows and "amara" not in rows


def test_a_manager_sees_only_their_own_teams_trail(manager, outsider, person):
    client_for(outsider).get(f"/people/{person.pk}")  # refused, but logged
    page = client_for(manager).get("/manage/audit").content.decode()
    assert "olga" not in page.split('data-testid="audit"')[1]


def test_an_administrator_sees_everything(administrator, outsider, person):
    client_for(outsider).get(f"/people/{person.pk}")
    page = client_for(administrator).get("/manage/audit?kind=access_denied").content.decode()
    assert "olga" in page.split('data-testid="audit"')[1]


def test_a_bad_person_filter_shows_an_error_not_a_crash(manager):
    response = client_for(manager).get("/manage/audit?person=abc&page=zzz")
    assert response.status_code == 400 and "Person number must be digits only" in response.content.decode()


def test_audit_rows_show_old_and_new_values(agent_client, manager, person):
    agent_client.post(f"/people/{person.pk}/change", {"given_name": "Arthur", "family_name": "Jones",
                                                      "what_matters": "Edna and the garden"})
    page = client_for(manager).get(f"/manage/audit?person={person.pk}&kind=update").content.decode()
    assert "Staying at home with Edna → Edna and the garden" in page


def test_creating_a_token_shows_the_key_once_and_stores_only_a_hash(agent_client, agent):
    page = agent_client.post("/account/tokens", {"name": "Case system"}).content.decode()
    token = ApiToken.objects.get(user=agent)
    key = page.split("<code class='kk-token'>")[1].split("</code>")[0]
    assert key.startswith(f"kk_{token.prefix}_") and key.split("_", 2)[2] not in token.key_hash
    assert key not in agent_client.get("/account/tokens").content.decode()
    assert AuditEvent.objects.filter(kind="token", actor=agent).exists()


def test_a_token_needs_a_name(agent_client):
    response = agent_client.post("/account/tokens", {"name": "  "})
    assert response.status_code == 400 and "Give the token a name" in response.content.decode()


def test_you_can_only_revoke_your_own_tokens(agent_client, colleague):
    from kithkin.core.actions import create_api_token
    from kithkin.core.audit import Auditor

    theirs, _ = create_api_token(colleague, "Theirs", Auditor(colleague))
    assert agent_client.post(f"/account/tokens/{theirs.pk}/revoke").status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None
