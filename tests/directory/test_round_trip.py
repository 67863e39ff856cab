"""The Fenmere directory through import-oruk and export-oruk and back: nothing lost, nothing changed."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from tests.directory.test_import import exported, fenmere_services, given_values

pytestmark = pytest.mark.django_db


def test_the_fenmere_directory_round_trips_losing_nothing(fenmere):
    original = fenmere_services()
    written = {record["id"]: record for record in exported()}

    assert len(written) == len(original) == 319
    lost = [problem for record in original for problem in given_values(record, written[record["id"]], record["id"])]
    assert lost == []


def test_an_exported_file_imports_back_to_the_same_export(fenmere, tmp_path):
    first = exported()
    (tmp_path / "export.json").write_text(json.dumps({"services": first}))

    call_command("import-oruk", str(tmp_path / "export.json"), stdout=StringIO())

    assert exported() == first
