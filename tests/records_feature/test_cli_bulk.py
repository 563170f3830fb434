"""``amana import`` and ``amana export`` as an operator runs them: exports import again."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import delete
from typer.testing import CliRunner

from amana.cli import app as cli
from amana.core.visibility import VisibilityListEntry
from amana.records.models import Person, TravelDocument, Vehicle
from tests.conftest import SECRET
from tests.records_feature.conftest import API, DOCUMENT, PERSON, VEHICLE, audit_entries, count

FULL_PERSON = {
    **PERSON,
    "names": [
        {"full_name": "Karim Haddad", "kind": "primary"},
        {"full_name": "K. Haddad", "kind": "alias"},
        {"full_name": "Karim Benali", "kind": "birth_name"},
        {"full_name": "كريم حداد", "kind": "original_script", "language": "ar"},
    ],
    "place_of_birth": "Oran",
    "distinguishing_marks": 'scar, left cheek; tattoo "M" on wrist',
    "photo_refs": ["photos/kh-1.jpg", "photos/kh-2.jpg"],
    "crime_categories": ["terrorism", "money_laundering"],
    "visibility": {"rule": "except", "bureaus": ["ES"]},
}
MODELS = {"persons": Person, "documents": TravelDocument, "vehicles": Vehicle}


@pytest.fixture
def run(database_url, client, monkeypatch):
    monkeypatch.setenv("AMANA_DATABASE_URL", database_url)
    monkeypatch.setenv("AMANA_SECRET_KEY", SECRET)
    runner = CliRunner()

    def invoke(*args: str, expect: int = 0) -> str:
        result = runner.invoke(cli, list(args))
        assert result.exit_code == expect, result.output
        return result.output

    return invoke


def _seed(client, headers) -> None:
    for path, body in (
        ("persons", FULL_PERSON),
        ("persons", {**PERSON, "sex": None, "identifiers": []}),
        ("documents", DOCUMENT),
        ("documents", {**DOCUMENT, "number": "X1", "holder_name": None, "holder_dob": None}),
        ("vehicles", VEHICLE),
        ("vehicles", {"plate": "ZZ 99", "status": "wanted"}),
    ):
        assert client.post(f"{API}/{path}", json=body, headers=headers).status_code == 201


def _without_ids(kind: str, fmt: str, text: str) -> list:
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        return sorted(json.dumps({k: v for k, v in r.items() if k != "id"}) for r in rows)
    entities = [json.loads(line) for line in text.splitlines() if line.strip()]
    for entity in entities:
        entity.pop("id", None)
    return sorted(json.dumps(e, ensure_ascii=False, sort_keys=True) for e in entities)


@pytest.mark.parametrize(
    ("kind", "fmt"),
    [
        ("persons", "csv"),
        ("persons", "jsonl"),
        ("persons", "ftm"),
        ("documents", "csv"),
        ("documents", "jsonl"),
        ("vehicles", "csv"),
        ("vehicles", "jsonl"),
    ],
)
def test_an_export_imports_again_unchanged(run, client, fr_operator, db, tmp_path, kind, fmt):
    _seed(client, fr_operator)
    first = tmp_path / f"first.{fmt}"
    run("export", kind, "--format", fmt, "--bureau", "FR", "-o", str(first))
    model = MODELS[kind]
    db.execute(delete(model))
    db.execute(delete(VisibilityListEntry))
    db.commit()
    out = run("import", kind, str(first), "--bureau", "fr", "--format", fmt)
    assert f"2 {kind} created for FR from 2 row(s)" in out
    second = tmp_path / f"second.{fmt}"
    run("export", kind, "--format", fmt, "-o", str(second))
    assert _without_ids(kind, fmt, second.read_text()) == _without_ids(kind, fmt, first.read_text())


def test_jsonl_export_keeps_the_sharing_rule(run, client, fr_operator, tmp_path):
    _seed(client, fr_operator)
    exported = run("export", "persons", "--format", "jsonl")
    rules = [json.loads(line)["visibility"] for line in exported.splitlines() if "{" in line]
    assert {"rule": "except", "bureaus": ["ES"]} in rules


def test_import_reports_rejected_rows_and_stores_nothing(run, db, tmp_path):
    path = tmp_path / "persons.csv"
    path.write_text("name,status,nationalities\nA B,wanted,FR\nC D,fugitive,QQ\n")
    out = run("import", "persons", str(path), "--bureau", "FR", expect=1)
    assert "1 row(s) rejected" in out
    assert "'QQ' is not an ISO 3166-1" in out
    assert "refused" in out
    assert count(db, Person) == 0
    out = run("import", "persons", str(path), "--bureau", "FR", "--partial")
    assert "1 persons created for FR from 2 row(s)" in out
    assert "1 row(s) rejected" in out
    assert count(db, Person) == 1
    [entry] = audit_entries(db, "record.import")
    assert entry.actor_username == "cli"


def test_import_refuses_an_unknown_bureau(run, tmp_path):
    path = tmp_path / "persons.csv"
    path.write_text("name,status\nA B,wanted\n")
    out = run("import", "persons", str(path), "--bureau", "QQ", expect=1)
    assert "unknown bureau code" in out


def test_export_is_audited(run, client, fr_operator, db):
    _seed(client, fr_operator)
    run("export", "vehicles", "--format", "csv")
    [entry] = audit_entries(db, "record.export")
    assert (entry.target_kind, len(entry.target_ids)) == ("vehicle", 2)
