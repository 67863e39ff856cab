"""Signing in and out: audited, and locked after repeated failures."""

import pytest

from kithkin.core.models import AuditEvent
from tests.conftest import PASSWORD


def test_signing_in_and_out_is_audited(client, agent):
    response = client.post("/sign-in", {"username": "amara", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert AuditEvent.objects.filter(kind="login", actor=agent).exists()
    client.post("/sign-out")
    assert AuditEvent.objects.filter(kind="logout", actor=agent).exists()


def test_a_wrong_password_is_refused_and_audited_with_the_username(client, agent):
    response = client.post("/sign-in", {"username": "amara", "password": "wrong"})
    assert response.status_code == 400 and "Enter a correct username and password" in response.content.decode()
    event = AuditEvent.objects.get(kind="login_failed")
    assert event.actor is None and event.actor_label == "amara"


def test_repeated_failures_lock_the_account_even_with_the_right_password(client, agent, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/sign-in", {"username": "amara", "password": "wrong"})
    response = client.post("/sign-in", {"username": "amara", "password": PASSWORD})
    assert response.status_code == 429
    assert "locked" in response.content.decode()
    assert not AuditEvent.objects.filter(kind="login").exists()


def test_sign_in_only_redirects_to_this_site(client, agent):
    response = client.post("/sign-in", {"username": "amara", "password": PASSWORD, "next": "https://evil.example/"})
    assert response["Location"] == "/"


@pytest.mark.parametrize("path", ["/worklist", "/people/1", "/manage/audit", "/account/tokens"])
def test_staff_pages_send_visitors_to_sign_in(client, db, path):
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/sign-in?next=")


def test_sign_out_needs_a_post(client, agent):
    client.force_login(agent)
    assert client.get("/sign-out").status_code == 405


def test_a_form_sent_after_signing_out_says_nothing_was_saved_and_returns_to_its_page(client, db):
    # Given a planner signed out in another tab, who then sends the roster form from /rosters
    response = client.post("/rosters/plan", {"week": "2030-03-04", "seconds": "10"},
                           HTTP_REFERER="http://testserver/rosters?week=2030-03-04")

    # Then they are asked to sign in, and will come back to the page the form was on, not the form's address
    assert response.status_code == 302 and response["Location"] == "/sign-in?next=/rosters%3Fweek%3D2030-03-04"
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out, so what you sent was not saved" in page


def test_a_form_sent_signed_out_from_another_site_goes_back_to_the_start_page(client, db):
    response = client.post("/rosters/plan", {"week": "2030-03-04"}, HTTP_REFERER="https://evil.example/rosters")
    sneaky = client.post("/rosters/plan", {"week": "2030-03-04"}, HTTP_REFERER="http://testserver//evil.example/x")

    assert response.status_code == 302 and response["Location"] == "/sign-in?next=/"
    assert sneaky["Location"] == "/sign-in?next=/"  # "//evil.example" is another site's address
