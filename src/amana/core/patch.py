"""The base of every partial update (the body of a PATCH).

A field not sent stays as it is. A list sent replaces the stored list, and ``[]`` clears it;
null is refused for a list (422 naming the field) rather than read as "clear", so one change
has one spelling and no stored list is ever null (null reached the columns and answered 500).
Fields a record cannot be without (``required_fields``) may be changed but not nulled either.
The JSON schema says the same: those fields are not nullable there, so schema-driven clients
and fuzzers never send what the server refuses.
"""

from __future__ import annotations

import types
from typing import Any, ClassVar, Self, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator, model_validator

NULL_LIST = "send a list ([] clears it), not null"


def _is_list(annotation: Any) -> bool:
    if get_origin(annotation) in (Union, types.UnionType):
        return any(_is_list(arg) for arg in get_args(annotation))
    return get_origin(annotation) is list


def _not_nullable_in_schema(schema: dict[str, Any], cls: type[BaseModel]) -> None:
    patch: Any = cls
    properties = schema.get("properties", {})
    for name in (*patch.list_fields(), *patch.required_fields):
        prop = properties.get(name)
        if prop is None or "anyOf" not in prop:
            continue
        kept = [option for option in prop.pop("anyOf") if option.get("type") != "null"]
        if len(kept) == 1:
            prop.update(kept[0])
        else:
            prop["anyOf"] = kept
        if prop.get("default", "") is None:
            del prop["default"]


class Patch(BaseModel):
    model_config = ConfigDict(json_schema_extra=_not_nullable_in_schema)

    required_fields: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def list_fields(cls) -> tuple[str, ...]:
        return tuple(name for name, f in cls.model_fields.items() if _is_list(f.annotation))

    @field_validator("*", mode="before")
    @classmethod
    def _no_null_list(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None and info.field_name in cls.list_fields():
            raise ValueError(NULL_LIST)
        return value

    @model_validator(mode="after")
    def _required_not_null(self) -> Self:
        nulled = [f for f in self.required_fields if f in self.model_fields_set]
        nulled = [f for f in nulled if getattr(self, f) is None]
        if nulled:
            raise ValueError(f"{', '.join(nulled)} may be changed but not cleared (null)")
        return self
