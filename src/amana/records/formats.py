"""File formats for bulk import and export: CSV and JSON Lines (FollowTheMoney is in ``ftm``).

Every reader turns a file into ``(row number, create body)`` pairs, the body having the shape of
the API's create request, so one validation path serves the API, the files and the command line;
a row that cannot even be read becomes ``(row number, reason)``. Writers produce the same shapes
from stored records, so an export imports again.

CSV columns (UTF-8, header row; empty cells are "not stated"; lists separated by ``;``):

- persons: ``name`` (primary names), ``aliases``, ``birth_names``, ``original_script_names``
  (each name may start with an ISO 639 language and a colon: ``ar:كريم حداد``), ``status``,
  ``sex``, ``dates_of_birth``, ``place_of_birth``, ``nationalities``, ``crime_categories``,
  ``distinguishing_marks``, ``photo_refs``, ``identifiers`` (``kind:country:number``, country
  may be empty: ``passport:FR:12AB3456;national_id::99887766``)
- documents: ``number``, ``doc_type``, ``issuing_country``, ``status``, ``reported_on``,
  ``holder_name``, ``holder_dob``
- vehicles: ``vin``, ``plate``, ``plate_country``, ``make``, ``model``, ``colour``, ``year``,
  ``status``

Exports add ``id`` and ``owner_bureau`` in front; imports ignore both (imported records get new
ids and belong to the importing bureau).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from amana.records.models import Person, TravelDocument, Vehicle
from amana.records.schemas import VisibilityRead

Row = tuple[int, dict[str, Any] | str]
SEPARATOR = ";"
INFORMATIVE = ("id", "owner_bureau")
NAME_COLUMNS = {
    "name": "primary",
    "aliases": "alias",
    "birth_names": "birth_name",
    "original_script_names": "original_script",
}
_LANGUAGE_PREFIX = re.compile(r"^([a-z]{2,3}):(.+)$", re.DOTALL)
_PERSON_LISTS = ("dates_of_birth", "nationalities", "crime_categories", "photo_refs")
_PERSON_TEXT = ("status", "sex", "place_of_birth", "distinguishing_marks")
COLUMNS = {
    "persons": [*NAME_COLUMNS, *_PERSON_TEXT, *_PERSON_LISTS, "identifiers"],
    "documents": [
        "number", "doc_type", "issuing_country", "status", "reported_on", "holder_name",
        "holder_dob",
    ],
    "vehicles": ["vin", "plate", "plate_country", "make", "model", "colour", "year", "status"],
}  # fmt: skip


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split(SEPARATOR) if part.strip()]


def _person_body(row: dict[str, str]) -> dict[str, Any]:
    names = []
    for column, kind in NAME_COLUMNS.items():
        for value in _split(row.get(column)):
            match = _LANGUAGE_PREFIX.match(value)
            language, full_name = match.groups() if match else (None, value)
            names.append({"full_name": full_name.strip(), "kind": kind, "language": language})
    body: dict[str, Any] = {"names": names}
    body.update({key: row[key].strip() for key in _PERSON_TEXT if (row.get(key) or "").strip()})
    body.update({key: _split(row.get(key)) for key in _PERSON_LISTS})
    identifiers = []
    for value in _split(row.get("identifiers")):
        parts = value.split(":", 2)
        if len(parts) != 3:
            raise ValueError(f"identifiers: '{value}' is not written kind:country:number")
        kind, country, number = (part.strip() for part in parts)
        identifiers.append({"kind": kind, "number": number, "country": country or None})
    body["identifiers"] = identifiers
    return body


def _flat_body(row: dict[str, str], kind: str) -> dict[str, Any]:
    return {key: row[key].strip() for key in COLUMNS[kind] if (row.get(key) or "").strip()}


def read_csv(lines: Iterable[str], kind: str) -> Iterator[Row]:
    """Checks the header at once (``ValueError``); the rows are read as they are asked for."""
    reader = csv.DictReader(lines)
    known = set(COLUMNS[kind]) | set(INFORMATIVE)
    unknown = [name for name in reader.fieldnames or [] if name not in known]
    if unknown or not reader.fieldnames:
        expected = ", ".join(COLUMNS[kind])
        found = ", ".join(unknown) if unknown else "no header row"
        raise ValueError(f"CSV header: unknown column(s) {found}; the columns are: {expected}")
    return _csv_rows(reader, kind)


def _csv_rows(reader: csv.DictReader[str], kind: str) -> Iterator[Row]:
    for number, row in enumerate(reader, start=1):
        surplus = row.pop(None, None)  # csv.DictReader keeps surplus cells under None
        if surplus is not None:
            yield number, f"row has {len(surplus)} more cell(s) than the header"
            continue
        try:
            yield number, _person_body(row) if kind == "persons" else _flat_body(row, kind)
        except ValueError as error:
            yield number, str(error)


def read_jsonl(lines: Iterable[str]) -> Iterator[Row]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            body = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, f"malformed JSON: {error.msg} at column {error.colno}"
            continue
        if not isinstance(body, dict):
            yield number, "a line must hold one JSON object"
            continue
        yield number, body


def _name_cell(person: Person, kind: str) -> str:
    return SEPARATOR.join(
        f"{n.language}:{n.full_name}" if n.language else n.full_name
        for n in person.names
        if n.kind == kind
    )


def csv_cells(record: Any, kind: str) -> dict[str, Any]:
    cells: dict[str, Any] = {"id": record.id, "owner_bureau": record.owner_bureau}
    if kind != "persons":
        cells.update({column: getattr(record, column) for column in COLUMNS[kind]})
        return cells
    cells.update({column: _name_cell(record, k) for column, k in NAME_COLUMNS.items()})
    cells.update({key: getattr(record, key) for key in _PERSON_TEXT})
    cells.update({key: SEPARATOR.join(getattr(record, key)) for key in _PERSON_LISTS})
    cells["identifiers"] = SEPARATOR.join(
        f"{i.kind}:{i.country or ''}:{i.number}" for i in record.identifiers
    )
    return cells


def csv_header(kind: str) -> list[str]:
    return [*INFORMATIVE, *COLUMNS[kind]]


def create_body(record: Any, kind: str, visibility: VisibilityRead | None) -> dict[str, Any]:
    """A stored record as an API create body (for JSON Lines exports)."""
    if kind == "persons":
        body = _person_create_body(record)
    else:
        body = {column: getattr(record, column) for column in COLUMNS[kind]}
    body = {key: value for key, value in body.items() if value not in (None, [])}
    if isinstance(body.get("reported_on"), date):
        body["reported_on"] = body["reported_on"].isoformat()
    if visibility is not None:
        body["visibility"] = {"rule": str(visibility.rule), "bureaus": visibility.bureaus or []}
    return body


def _person_create_body(person: Person) -> dict[str, Any]:
    body: dict[str, Any] = {key: getattr(person, key) for key in (*_PERSON_TEXT, *_PERSON_LISTS)}
    body["names"] = [
        {"full_name": n.full_name, "kind": n.kind, "language": n.language} for n in person.names
    ]
    body["identifiers"] = [
        {"kind": i.kind, "number": i.number, **({"country": i.country} if i.country else {})}
        for i in person.identifiers
    ]
    return body


EXPORTED = {"persons": Person, "documents": TravelDocument, "vehicles": Vehicle}
