import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("path", ["/", "/talk-to-us", "/sign-in", "/healthz", "/api/docs", "/api/openapi.json"])
def test_public_pages_open_without_signing_in(client, db, path):
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", ["/worklist", "/contacts/new", "/people", "/figures"])
def test_staff_pages_render_for_an_agent(agent_client, path):
    assert agent_client.get(path).status_code == 200


def test_the_command_without_a_secret_key_says_what_to_set_in_one_line():
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "KITHKIN_DEBUG", "DJANGO_SETTINGS_MODULE")}
    kithkin = Path(sys.executable).with_name("kithkin")
    done = subprocess.run([str(kithkin), "check"], env=env, capture_output=True, text=True, timeout=120)  # noqa: S603

    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [
        "kithkin: Set SECRET_KEY in the environment (or KITHKIN_DEBUG=1 for development)."]


def test_opening_a_forms_address_says_what_to_do_not_a_blank_page(agent_client):
    response = agent_client.get("/rosters/plan")
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert "This address is for sending a form" in response.content.decode()
