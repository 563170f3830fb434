"""FollowTheMoney (FtM) person entities, the data model of OpenSanctions and Aleph.

Read and written here rather than through the ``followthemoney`` package: that package pulls in
rdflib, networkx, openpyxl, requests and rigour for a whole graph model, while Amana needs one
schema (``Person``) and a dozen of its properties. The JSON Lines shape is documented and stable:
``{"id": ..., "schema": "Person", "properties": {"name": [...], ...}}``, every property a list
of strings. Entities of other schemas (sanctions, addresses, ...) are skipped, not refused, so
a full OpenSanctions export can be loaded as it is.

What maps: ``name`` (primary), ``alias``/``weakAlias`` (aliases; non-Latin ones become
original-script names), ``previousName`` (birth names), ``birthDate``, ``birthPlace``,
``nationality``/``citizenship``, ``gender``, ``passportNumber``, ``idNumber``, ``appearance``
(distinguishing marks) and ``topics`` (status and crime categories, table below). FtM has no
topic for missing or deceased persons, nor a country on a passport number: those do not travel.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from amana.matching.scripts import detect_script
from amana.records.formats import Row
from amana.records.models import Person

SCHEMA = "Person"
SKIPPED = "skipped"
TOPIC_CATEGORIES = {
    "crime.terror": "terrorism",
    "crime.traffick.drug": "drug_trafficking",
    "crime.traffick.human": "trafficking_in_human_beings",
    "crime.cyber": "cybercrime",
    "crime.fraud": "financial_crime_and_fraud",
    "crime.fin": "money_laundering",
    "crime.env": "environmental_crime",
    "crime.war": "war_crimes_and_genocide",
}
CATEGORY_TOPICS = {category: topic for topic, category in TOPIC_CATEGORIES.items()}
STATUS_TOPICS = {"wanted": "wanted", "suspect": "crime", "person_of_interest": "poi"}
_LATIN_OR_NONE = {"Latn", "Zyyy"}


def _status(topics: list[str]) -> str:
    if "wanted" in topics:
        return "wanted"
    if "poi" in topics:
        return "person_of_interest"
    if any(topic == "crime" or topic.startswith("crime.") for topic in topics):
        return "suspect"
    return "person_of_interest"


def _names(props: dict[str, list[str]]) -> list[dict[str, Any]]:
    names = [{"full_name": n, "kind": "primary"} for n in props.get("name", [])]
    if not names:
        given = " ".join(props.get("firstName", []) + props.get("lastName", []))
        names = [{"full_name": given, "kind": "primary"}] if given else []
    for alias in props.get("alias", []) + props.get("weakAlias", []):
        kind = "alias" if detect_script(alias) in _LATIN_OR_NONE else "original_script"
        names.append({"full_name": alias, "kind": kind})
    names += [{"full_name": n, "kind": "birth_name"} for n in props.get("previousName", [])]
    return names


def person_body(entity: dict[str, Any]) -> dict[str, Any]:
    props: dict[str, list[str]] = entity.get("properties") or {}
    topics = props.get("topics", [])
    gender = next(iter(props.get("gender", [])), None)
    body: dict[str, Any] = {
        "status": _status(topics),
        "names": _names(props),
        "dates_of_birth": [d[:10] for d in props.get("birthDate", [])],
        "nationalities": props.get("nationality", []) + props.get("citizenship", []),
        "crime_categories": list(
            dict.fromkeys(TOPIC_CATEGORIES[t] for t in topics if t in TOPIC_CATEGORIES)
        ),
        "identifiers": [{"kind": "passport", "number": n} for n in props.get("passportNumber", [])]
        + [{"kind": "national_id", "number": n} for n in props.get("idNumber", [])],
    }
    if gender:
        body["sex"] = gender if gender in ("male", "female") else "unknown"
    if props.get("birthPlace"):
        body["place_of_birth"] = props["birthPlace"][0]
    if props.get("appearance"):
        body["distinguishing_marks"] = "; ".join(props["appearance"])
    return body


def read(lines: Iterable[str]) -> Iterator[Row]:
    """Person entities as create bodies; other schemas come out as the reason ``skipped``."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entity = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, f"malformed JSON: {error.msg} at column {error.colno}"
            continue
        if not isinstance(entity, dict) or not isinstance(entity.get("properties", {}), dict):
            yield number, "not a FollowTheMoney entity (an object with schema and properties)"
        elif entity.get("schema") != SCHEMA:
            yield number, SKIPPED
        else:
            yield number, person_body(entity)


def entity(person: Person) -> dict[str, Any]:
    by_kind: dict[str, list[str]] = {}
    for name in person.names:
        by_kind.setdefault(name.kind, []).append(name.full_name)
    topics = [STATUS_TOPICS[person.status]] if person.status in STATUS_TOPICS else []
    topics += [CATEGORY_TOPICS[c] for c in person.crime_categories if c in CATEGORY_TOPICS]
    ids = person.identifiers
    props = {
        "name": by_kind.get("primary", []),
        "alias": by_kind.get("alias", []) + by_kind.get("original_script", []),
        "previousName": by_kind.get("birth_name", []),
        "birthDate": person.dates_of_birth,
        "birthPlace": [person.place_of_birth] if person.place_of_birth else [],
        "nationality": [code.lower() for code in person.nationalities],
        "gender": [person.sex] if person.sex in ("male", "female") else [],
        "passportNumber": [i.number for i in ids if i.kind == "passport"],
        "idNumber": [i.number for i in ids if i.kind != "passport"],
        "appearance": [person.distinguishing_marks] if person.distinguishing_marks else [],
        "topics": list(dict.fromkeys(topics)),
    }
    return {
        "id": f"amana-{person.owner_bureau.lower()}-person-{person.id}",
        "schema": SCHEMA,
        "properties": {key: values for key, values in props.items() if values},
    }
