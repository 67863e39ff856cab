import pytest


@pytest.mark.parametrize("path", ["/", "/talk-to-us", "/sign-in", "/healthz", "/api/docs", "/api/openapi.json"])
def test_public_pages_open_without_signing_in(client, db, path):
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", ["/worklist", "/contacts/new", "/people", "/figures"])
def test_staff_pages_render_for_an_agent(agent_client, path):
    assert agent_client.get(path).status_code == 200
