"""A pytest plugin (loaded by `-p kithkin.testing` in pyproject.toml) that sets the test environment
before Django's settings load."""

import os

os.environ.setdefault("SECRET_KEY", "kithkin-tests-only")
os.environ.setdefault("KITHKIN_HTTPS", "0")
os.environ.setdefault("KITHKIN_TASKS_IMMEDIATE", "1")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")
# Playwright's sync API runs an event loop in the test thread; Django's ORM guard would refuse to run beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")
