"""The Fenmere directory, loaded once per test module through the real importers, for tests that only read."""

import pytest
from django.db import connection

from kithkin.demo.directory import load_directory
from kithkin.directory.models import Attribute, Location, Organization, Place, Service, Taxonomy, TaxonomyTerm


def _empty_directory():
    Attribute.objects.all().delete()  # linked by id, not by foreign key
    Service.objects.all().delete()  # children go with their service
    Location.objects.all().delete()
    Organization.objects.all().delete()
    TaxonomyTerm.objects.all().delete()
    Taxonomy.objects.all().delete()
    Place.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM directory_service_fts")


@pytest.fixture(scope="module")
def fenmere(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _empty_directory()
        load_directory()
    yield
    with django_db_blocker.unblock():
        _empty_directory()
