"""The four record types the pages edit: how a form becomes a create or update body, and how a
stored record fills the form again. The records feature's own schemas validate everything."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from amana.core.principal import Principal
from amana.core.visibility import OwnedRecord
from amana.records import documents, objects, persons
from amana.records.models import Firearm, Person, TravelDocument, Vehicle
from amana.records.object_schemas import (
    FirearmCreate,
    FirearmRead,
    FirearmUpdate,
    VehicleCreate,
    VehicleRead,
    VehicleUpdate,
)
from amana.records.schemas import (
    PersonCreate,
    PersonRead,
    PersonUpdate,
    TravelDocumentCreate,
    TravelDocumentRead,
    TravelDocumentUpdate,
)
from amana.records.vocab import (
    CrimeCategory,
    DocStatus,
    DocType,
    FirearmStatus,
    FirearmType,
    IdentifierKind,
    NameKind,
    PersonStatus,
    Sex,
    VehicleStatus,
)
from amana.web.context import field, lines, listed, optional
from amana.web.i18n import N_

MAX_ROWS = 50
Creator = Callable[[Session, Principal, Any], OwnedRecord]
Updater = Callable[[Session, Principal, int, Any], OwnedRecord]


@dataclass(frozen=True)
class Kind:
    slug: str
    title: str
    singular: str
    model: type[OwnedRecord]
    read: type[BaseModel]
    create_schema: type[BaseModel]
    update_schema: type[BaseModel]
    fields: tuple[str, ...]
    parse: Callable[[FormData, bool], dict[str, Any]]
    create: Creator
    update: Updater
    choices: dict[str, list[str]]


def _visibility(form: FormData) -> dict[str, Any] | None:
    rule = field(form, "visibility.rule")
    if rule in ("", "default"):
        return None
    return {"rule": rule, "bureaus": listed(form, "visibility.bureaus")}


def _rows(form: FormData, prefix: str, names: tuple[str, ...], key: str) -> list[dict[str, Any]]:
    """Numbered rows of inputs (``names.0.full_name``); rows left blank are dropped."""
    rows = []
    for i in range(MAX_ROWS):
        row = {n: optional(form, f"{prefix}.{i}.{n}") for n in names}
        if row[key]:
            rows.append(row)
    return rows


def _person(form: FormData, updating: bool) -> dict[str, Any]:
    names = _rows(form, "names", ("full_name", "kind", "language"), "full_name")
    for name in names:
        name["kind"] = name["kind"] or NameKind.ALIAS.value
    return {
        "status": field(form, "status"),
        "names": names,
        "sex": optional(form, "sex"),
        "dates_of_birth": listed(form, "dates_of_birth"),
        "place_of_birth": optional(form, "place_of_birth"),
        "nationalities": listed(form, "nationalities"),
        "distinguishing_marks": optional(form, "distinguishing_marks"),
        "crime_categories": [c for c in form.getlist("crime_categories") if isinstance(c, str)],
        "photo_refs": lines(form, "photo_refs"),
        "identifiers": _rows(form, "identifiers", ("kind", "number", "country"), "number"),
        "visibility": _visibility(form),
    }


def _document(form: FormData, updating: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": field(form, "number"),
        "doc_type": field(form, "doc_type"),
        "status": field(form, "status"),
        "holder_name": optional(form, "holder_name"),
        "holder_dob": optional(form, "holder_dob"),
        "visibility": _visibility(form),
    }
    if not updating:
        data["issuing_country"] = field(form, "issuing_country")
    if field(form, "reported_on"):  # empty: today for a new report, unchanged for an edit
        data["reported_on"] = field(form, "reported_on")
    return data


def _vehicle(form: FormData, updating: bool) -> dict[str, Any]:
    names = ("vin", "plate", "plate_country", "make", "model", "colour", "year")
    data: dict[str, Any] = {n: optional(form, n) for n in names}
    return {**data, "status": field(form, "status"), "visibility": _visibility(form)}


def _firearm(form: FormData, updating: bool) -> dict[str, Any]:
    data: dict[str, Any] = {n: optional(form, n) for n in ("model", "calibre")}
    for name in ("make", "serial_number", "firearm_type", "status"):
        data[name] = field(form, name)
    return {**data, "visibility": _visibility(form)}


def _values(choices: type[Any]) -> list[str]:
    return [c.value for c in choices]


VIS = ("visibility", "visibility.rule", "visibility.bureaus")
KINDS = {
    "persons": Kind(
        "persons", N_("Persons"), N_("Person"), Person, PersonRead, PersonCreate, PersonUpdate,
        ("status", "names", *(f"names.{i}.{n}" for i in range(MAX_ROWS)
                              for n in ("full_name", "kind", "language")),
         "sex", "dates_of_birth", "place_of_birth", "nationalities", "distinguishing_marks",
         "crime_categories", "photo_refs", "identifiers",
         *(f"identifiers.{i}.{n}" for i in range(MAX_ROWS) for n in ("kind", "number", "country")),
         *VIS),
        _person,
        lambda s, p, d: persons.create(s, principal=p, data=d),
        lambda s, p, i, c: persons.update(s, principal=p, record_id=i, change=c),
        {"status": _values(PersonStatus), "sex": _values(Sex), "name_kind": _values(NameKind),
         "identifier_kind": _values(IdentifierKind), "crime": _values(CrimeCategory)},
    ),
    "documents": Kind(
        "documents", N_("Travel documents"), N_("Travel document"), TravelDocument,
        TravelDocumentRead, TravelDocumentCreate, TravelDocumentUpdate,
        ("number", "doc_type", "issuing_country", "status", "reported_on", "holder_name",
         "holder_dob", *VIS),
        _document,
        lambda s, p, d: documents.create(s, principal=p, data=d),
        lambda s, p, i, c: documents.update(s, principal=p, record_id=i, change=c),
        {"status": _values(DocStatus), "doc_type": _values(DocType)},
    ),
    "vehicles": Kind(
        "vehicles", N_("Vehicles"), N_("Vehicle"), Vehicle, VehicleRead, VehicleCreate,
        VehicleUpdate,
        ("vin", "plate", "plate_country", "make", "model", "colour", "year", "status", *VIS),
        _vehicle,
        lambda s, p, d: objects.create_vehicle(s, principal=p, data=d),
        lambda s, p, i, c: objects.update_vehicle(s, principal=p, record_id=i, change=c),
        {"status": _values(VehicleStatus)},
    ),
    "firearms": Kind(
        "firearms", N_("Firearms"), N_("Firearm"), Firearm, FirearmRead, FirearmCreate,
        FirearmUpdate,
        ("make", "model", "serial_number", "calibre", "firearm_type", "status", *VIS),
        _firearm,
        lambda s, p, d: objects.create_firearm(s, principal=p, data=d),
        lambda s, p, i, c: objects.update_firearm(s, principal=p, record_id=i, change=c),
        {"status": _values(FirearmStatus), "firearm_type": _values(FirearmType)},
    ),
}  # fmt: skip
KIND_OF_RECORD = {
    "person": "persons",
    "travel_document": "documents",
    "vehicle": "vehicles",
    "firearm": "firearms",
}


def form_values(data: dict[str, Any]) -> dict[str, Any]:
    """A create body (or a stored record as read) as the form shows it: lists as text."""
    values = dict(data)
    for name in ("dates_of_birth", "nationalities"):
        values[name] = ", ".join(data.get(name) or [])
    values["photo_refs"] = "\n".join(data.get("photo_refs") or [])
    visibility = data.get("visibility") or {}
    values["visibility.rule"] = visibility.get("rule", "default")
    values["visibility.bureaus"] = ", ".join(visibility.get("bureaus") or [])
    return values
