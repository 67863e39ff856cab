"""Security headers and roles on the pages."""

import pytest

from tests.conftest import client_for


def test_pages_carry_security_headers(client, db):
    response = client.get("/talk-to-us")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_hsts_and_secure_cookies_when_on_https(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = False
    response = client.get("/talk-to-us", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_staff_pages_are_not_cached(agent_client):
    assert agent_client.get("/worklist")["Cache-Control"] == "no-store"


def test_settings_refuse_to_start_without_a_secret_key_in_production():
    import subprocess
    import sys

    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "kithkin.settings"}
    result = subprocess.run([sys.executable, "-c", "import django; django.setup()"], env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0 and "Set SECRET_KEY" in result.stderr


@pytest.mark.parametrize(("role_fixture", "path", "status"), [
    ("commissioner", "/worklist", 403),
    ("commissioner", "/figures", 200),
    ("commissioner", "/manage/audit", 403),
    ("provider", "/contacts/new", 403),
    ("agent", "/manage/audit", 403),
    ("manager", "/manage/audit", 200),
    ("administrator", "/manage/audit", 200),
])
def test_role_gates(request, role_fixture, path, status):
    user = request.getfixturevalue(role_fixture)
    assert client_for(user).get(path).status_code == status


def test_a_form_sent_without_its_token_gets_a_page_in_plain_words_and_saves_nothing(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/sign-in", {"username": "agent", "password": "x"})

    page = response.content.decode()
    assert response.status_code == 403 and "The form could not be sent" in page
    assert "Nothing was saved" in page and "CSRF" not in page
