"""A PATCH replaces a list with the list sent ([] clears it); null for a list is a 422 naming the
field, on every Update schema (it answered 500 on persons and notice drafts)."""

from __future__ import annotations

import importlib
import pkgutil
import types
from collections.abc import Iterator
from typing import Any, Union, get_args, get_origin

import pytest
from pydantic import BaseModel, ValidationError

import amana
from amana.core.principal import Role
from tests.records_feature.conftest import PERSON

LIST_FIELDS_OF_ISSUE_13 = {
    ("PersonUpdate", "crime_categories"),
    ("PersonUpdate", "dates_of_birth"),
    ("PersonUpdate", "nationalities"),
    ("PersonUpdate", "photo_refs"),
    ("NoticeUpdate", "assets"),
}


def _schema_modules() -> Iterator[Any]:
    for info in pkgutil.walk_packages(amana.__path__, "amana."):
        if info.name.rsplit(".", 1)[-1].endswith("schemas"):
            yield importlib.import_module(info.name)


def _update_schemas() -> list[type[BaseModel]]:
    found = {
        value
        for module in _schema_modules()
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, BaseModel)
        and value.__name__.endswith("Update")
    }
    return sorted(found, key=lambda cls: cls.__name__)


def _is_list(annotation: Any) -> bool:
    if get_origin(annotation) in (Union, types.UnionType):
        return any(_is_list(arg) for arg in get_args(annotation))
    return get_origin(annotation) is list


LIST_FIELDS = [
    (cls, name)
    for cls in _update_schemas()
    for name, field in cls.model_fields.items()
    if _is_list(field.annotation)
]


def test_the_walk_finds_the_fields_of_the_issue():
    assert {(cls.__name__, name) for cls, name in LIST_FIELDS} >= LIST_FIELDS_OF_ISSUE_13


@pytest.mark.parametrize(("schema", "field"), LIST_FIELDS, ids=lambda v: getattr(v, "__name__", v))
def test_null_for_a_list_is_refused_naming_the_field(schema, field):
    with pytest.raises(ValidationError) as refused:
        schema.model_validate({field: None})
    (error,) = [e for e in refused.value.errors() if e["loc"] == (field,)]
    assert "list" in error["msg"]
    # and the schema a client reads says so: the field is a list, never null
    property_ = schema.model_json_schema()["properties"][field]
    assert property_.get("type") == "array", property_
    assert "anyOf" not in property_
    assert property_.get("default", []) is not None


def test_null_for_a_list_is_a_422_on_the_api(client, make):
    operator = make.user_headers("fr.op", "FR", Role.BUREAU_OPERATOR)
    created = client.post("/api/v1/persons", json=PERSON, headers=operator)
    assert created.status_code == 201, created.text
    path = f"/api/v1/persons/{created.json()['id']}"
    for field in ("crime_categories", "dates_of_birth", "nationalities", "photo_refs"):
        response = client.patch(path, json={field: None}, headers=operator)
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["field"] == field
    cleared = client.patch(path, json={"nationalities": []}, headers=operator)
    assert cleared.status_code == 200, cleared.text
    assert cleared.json()["nationalities"] == []
