"""Matching on meaning, with the optional `semantic` extra (sentence embeddings, offline).

Skipped where the extra is not installed: CI runs without it, and search must work there, which the
other directory tests show."""

import pytest

from kithkin.directory import semantic
from kithkin.directory.models import Attribute, Service, ServiceEmbedding
from kithkin.directory.search import rank_services

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(not semantic.available(), reason="the semantic extra is not installed")]


def test_every_service_has_an_embedding_and_the_closest_in_meaning_are_about_company(fenmere):
    assert ServiceEmbedding.objects.count() == Service.objects.count()

    # "Nobody to talk to" shares few words with befriending entries, but it means the same.
    closest = sorted(semantic.similar("nobody to talk to in the evenings").items(), key=lambda kv: -kv[1])[:5]
    tagged = set(Attribute.objects.filter(link_entity="service", taxonomy_term_id="connect.befriending")
                 .values_list("link_id", flat=True))
    assert closest and closest[0][1] == 1.0
    assert tagged & {service_id for service_id, _ in closest}

    hits = rank_services("nobody to talk to in the evenings", Service.objects.filter(status="active"))
    assert tagged & {hit.service_id for hit in hits[:5]}
