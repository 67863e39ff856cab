"""kithkin import-oruk / import-taxonomy / export-oruk: upsert by id, all or nothing, nothing lost."""

import copy
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kithkin.demo.directory import FENMERE
from kithkin.directory.exports import write_services
from kithkin.directory.files import read_services
from kithkin.directory.imports import import_services
from kithkin.directory.models import Phone, Service, TaxonomyTerm

pytestmark = pytest.mark.django_db


def fenmere_services() -> list[dict]:
    return read_services(FENMERE / "directory.json")


def exported() -> list[dict]:
    out = StringIO()
    write_services(out)
    return json.loads(out.getvalue())["services"]


def given_values(original, written, path="") -> list[str]:
    """Every value the publisher gave (nulls aside) that is missing or different in what we wrote."""
    lost = []
    if isinstance(original, dict):
        for key, value in original.items():
            if value is None:
                continue
            if not isinstance(written, dict) or key not in written:
                lost.append(f"{path}.{key}")
            else:
                lost += given_values(value, written[key], f"{path}.{key}")
    elif isinstance(original, list):
        if not isinstance(written, list) or len(original) != len(written):
            return [path]
        for index, (a, b) in enumerate(zip(original, written, strict=True)):
            lost += given_values(a, b, f"{path}[{index}]")
    elif original != written:
        lost.append(f"{path}: {original!r} became {written!r}")
    return lost


def import_file(tmp_path, records, *args, name="services.json"):
    path = tmp_path / name
    path.write_text(json.dumps(records) if not isinstance(records, str) else records)
    out = StringIO()
    call_command("import-oruk", str(path), *args, stdout=out)
    return out.getvalue()


def a_service(service_id="svc-1", **changes) -> dict:
    record = {"id": service_id, "name": "Tuesday lunch club", "status": "active",
              "description": "Hot lunch and company.", "organization": {"id": "org-1", "name": "Village hall"},
              "phones": [{"id": f"{service_id}-ph1", "number": "01632 960001"}],
              "schedules": [{"id": f"{service_id}-s1", "freq": "WEEKLY", "byday": "TU", "opens_at": "12:00",
                             "closes_at": "14:00"}]}
    record.update(changes)
    return record


def test_importing_the_same_ids_again_updates_and_never_copies(tmp_path):
    import_file(tmp_path, [a_service()])
    report = import_file(tmp_path, {"services": [a_service(name="Tuesday lunch club (now Wednesdays)")]},
                         name="second.json")

    assert Service.objects.count() == 1
    assert Service.objects.get().name == "Tuesday lunch club (now Wednesdays)"
    assert Phone.objects.count() == 1
    assert "updated" in report and "1 service" in report


def test_a_child_no_longer_listed_is_removed_and_a_list_left_out_is_kept(tmp_path):
    import_file(tmp_path, [a_service(phones=[{"id": "p1", "number": "01632 960001"},
                                             {"id": "p2", "number": "01632 960002"}])])
    import_file(tmp_path, [a_service(phones=[{"id": "p2", "number": "01632 960002"}])])
    assert list(Phone.objects.values_list("id", flat=True)) == ["p2"]

    without_phones = a_service()
    del without_phones["phones"]
    import_file(tmp_path, [without_phones])
    assert list(Phone.objects.values_list("id", flat=True)) == ["p2"]


def test_one_bad_record_means_nothing_is_written_and_every_bad_record_is_reported(tmp_path):
    records = [a_service("good"), a_service("bad-status", status="open"), a_service("no-name", name=None),
               a_service("bad-time", schedules=[{"id": "t", "opens_at": "25:99"}])]

    with pytest.raises(CommandError, match="nothing was imported"):
        out = StringIO()
        path = tmp_path / "mixed.json"
        path.write_text(json.dumps(records))
        try:
            call_command("import-oruk", str(path), stdout=out)
        finally:
            report = out.getvalue()

    assert Service.objects.count() == 0
    assert "rejected #2 (bad-status): services[1].status: Value 'open' is not a valid choice" in report
    assert "rejected #3 (no-name): services[2].name: is needed" in report
    assert "rejected #4 (bad-time): services[3].schedules[0].opens_at" in report
    assert "good" not in report.split("rejected", 1)[1]


def test_partial_imports_the_good_records_and_reports_the_rest(tmp_path):
    report = import_file(tmp_path, [a_service("good"), a_service("bad", minimum_age="old")], "--partial")

    assert list(Service.objects.values_list("id", flat=True)) == ["good"]
    assert "rejected #2 (bad): services[1].minimum_age" in report


def test_a_reference_to_an_unknown_organisation_is_rejected(tmp_path):
    record = a_service()
    del record["organization"]
    record["organization_id"] = "nobody"

    with pytest.raises(CommandError):
        import_file(tmp_path, [record])
    result = import_services([record])
    assert result.rejected[0].reason == ("services[0].organization_id: there is no organization 'nobody' in this "
                                         "file or the directory")


@pytest.mark.parametrize("shape", ["list", "services", "oruk page", "list of pages", "one a line"])
def test_the_usual_file_shapes_are_read(tmp_path, shape):
    records = [a_service("one"), a_service("two")]
    text = {"list": json.dumps(records), "services": json.dumps({"services": records}),
            "oruk page": json.dumps({"total_items": 2, "contents": records}),
            "list of pages": json.dumps([{"contents": records[:1]}, {"contents": records[1:]}]),
            "one a line": "\n".join(json.dumps(r) for r in records)}[shape]

    import_file(tmp_path, text)

    assert sorted(Service.objects.values_list("id", flat=True)) == ["one", "two"]


def test_a_file_that_is_not_json_is_one_readable_line(tmp_path):
    (tmp_path / "broken.json").write_text('{"services": [')

    with pytest.raises(CommandError, match=r"broken.json: it is not JSON: .* line 1, column \d+; nothing was"):
        call_command("import-oruk", str(tmp_path / "broken.json"))
    with pytest.raises(CommandError, match="cannot read it"):
        call_command("import-oruk", str(tmp_path / "missing.json"))
    assert Service.objects.count() == 0


def test_the_taxonomy_imports_with_its_hierarchy_and_rejects_unknown_parents(tmp_path):
    call_command("import-taxonomy", str(FENMERE / "taxonomy.json"), stdout=StringIO())

    assert TaxonomyTerm.objects.count() == 64
    assert TaxonomyTerm.objects.get(pk="memory.cafes").parent_id == "memory"
    assert TaxonomyTerm.objects.get(pk="memory.cafes").taxonomy_id == "kithkin-community"

    bad = {"taxonomy": "t2", "terms": [{"id": "x", "name": "X", "parent_id": "nowhere"}]}
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    with pytest.raises(CommandError):
        call_command("import-taxonomy", str(tmp_path / "bad.json"), stdout=StringIO())
    assert not TaxonomyTerm.objects.filter(pk="x").exists()


def test_nested_terms_do_not_overwrite_the_taxonomy(tmp_path):
    call_command("import-taxonomy", str(FENMERE / "taxonomy.json"), stdout=StringIO())
    record = a_service(attributes=[{"id": "a1", "taxonomy_term": {"id": "memory", "name": "Renamed by a feed"}}])

    import_file(tmp_path, [copy.deepcopy(record)])

    assert TaxonomyTerm.objects.get(pk="memory").name == "Memory and dementia"


def test_the_same_id_in_two_files_of_one_import_is_one_service(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps([a_service("shared", name="First name")]))
    (tmp_path / "b.json").write_text(json.dumps([a_service("shared", name="Second name")]))

    call_command("import-oruk", str(tmp_path / "a.json"), str(tmp_path / "b.json"), stdout=StringIO())

    assert list(Service.objects.values_list("id", "name")) == [("shared", "Second name")]


def test_an_import_from_the_command_line_is_in_the_audit_log(tmp_path):
    from kithkin.core.models import AuditEvent

    import_file(tmp_path, [a_service()])

    event = AuditEvent.objects.get()
    assert (event.actor_label, event.channel) == ("kithkin import-oruk", "cli")
    assert "Imported 1 directory records (0 rejected)" in event.summary
