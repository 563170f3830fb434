"""The request form: which parts of a request each type shows, how the posted form becomes a
``NoticeCreate``/``NoticeUpdate`` body and how a stored request fills the form again.

Inputs are named by their path in the request (``judicial.warrant.reference``,
``judicial.charges.0.facts``), which is also where the schema puts its errors, so every error
lands next to its input without a table of names. Empty inputs are left out, so an unfinished
draft stays valid and the compliance checks say what is missing.
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData

from amana.notices.vocab import NoticeKind, NoticeType
from amana.web.context import field, lines, listed

CHARGE_ROWS = 2
ASSET_ROWS = 2
SUBJECT = (
    "subject.family_name",
    "subject.forename",
    "subject.name_in_original_script",
    "subject.aliases",
    "subject.sex",
    "subject.date_of_birth",
    "subject.place_of_birth",
    "subject.country_of_birth",
    "subject.nationalities",
    "subject.height_m",
    "subject.distinguishing_marks",
    "subject.identity_documents",
)
JUDICIAL = (
    "judicial.warrant.kind",
    "judicial.warrant.issuing_authority",
    "judicial.warrant.issued_on",
    "judicial.warrant.reference",
    *(
        f"judicial.charges.{i}.{n}"
        for i in range(CHARGE_ROWS)
        for n in ("charge", "facts", "law", "crime_category")
    ),
    "judicial.penalty.purpose",
    "judicial.penalty.max_penalty_months",
    "judicial.penalty.remaining_months",
    "judicial.penalty.life",
)
EVENT = ("event.date", "event.place", "event.country", "event.description")
THREAT = ("threat.kind", "threat.description")
ASSETS = tuple(
    f"assets.{i}.{n}"
    for i in range(ASSET_ROWS)
    for n in ("kind", "description", "identifier", "country")
)
UN = ("un.reference", "un.resolution", "un.summary")
SECTIONS: dict[str, tuple[str, ...]] = {
    "subject": SUBJECT,
    "judicial": JUDICIAL,
    "event": EVENT,
    "threat": THREAT,
    "modus_operandi": ("modus_operandi",),
    "assets": ASSETS,
    "un": UN,
}
_T = NoticeType
TYPE_SECTIONS: dict[NoticeType, tuple[str, ...]] = {
    _T.RED: ("subject", "judicial"),
    _T.YELLOW: ("subject", "event"),
    _T.BLUE: ("subject",),
    _T.BLACK: ("event",),
    _T.GREEN: ("subject",),
    _T.ORANGE: ("threat",),
    _T.PURPLE: ("modus_operandi",),
    _T.SILVER: ("assets",),
    _T.UN: ("subject", "un"),
}
LISTS = {"subject.nationalities"}  # comma-separated codes
LINE_LISTS = {"subject.aliases", "subject.identity_documents"}  # one per line
CHECKBOXES = {"judicial.penalty.life"}
COMMON = ("language", "summary", "links", "link_person", "link_others", "addressees")
CONSENT = "public_extract_consent"


def fields_of(notice_type: NoticeType) -> tuple[str, ...]:
    names = [name for section in TYPE_SECTIONS[notice_type] for name in SECTIONS[section]]
    return (*COMMON, CONSENT, *names)


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


def _as_lists(value: Any) -> Any:
    """Numbered rows (``{"0": …, "1": …}``) become lists, in order."""
    if not isinstance(value, dict):
        return value
    value = {key: _as_lists(item) for key, item in value.items()}
    if value and all(key.isdigit() for key in value):
        return [value[key] for key in sorted(value, key=int)]
    return value


def _links(form: FormData) -> list[dict[str, Any]]:
    """The person record, then one "kind id" per line (``vehicle 12``)."""
    found: list[dict[str, Any]] = []
    if field(form, "link_person"):
        found.append({"record_kind": "person", "record_id": field(form, "link_person")})
    for line in lines(form, "link_others"):
        kind, _, record_id = line.replace(":", " ").partition(" ")
        found.append({"record_kind": kind.strip().lower(), "record_id": record_id.strip()})
    return found


def content(form: FormData, notice_type: NoticeType) -> dict[str, dict[str, Any] | Any]:
    """The content parts the type shows, each None when left empty (so an edit clears it)."""
    nested: dict[str, Any] = {}
    for section in TYPE_SECTIONS[notice_type]:
        for name in SECTIONS[section]:
            if name in CHECKBOXES:
                value: Any = True if field(form, name) == "on" else None
            elif name in LISTS:
                value = listed(form, name) or None
            elif name in LINE_LISTS:
                value = lines(form, name) or None
            else:
                value = field(form, name) or None
            if value is not None:
                _put(nested, name, value)
    parts = {section: _as_lists(nested.get(section)) for section in TYPE_SECTIONS[notice_type]}
    if parts.get("judicial") and parts["judicial"].get("warrant"):
        parts["judicial"]["warrant"].setdefault("kind", "arrest_warrant")
    return parts


def parse(form: FormData, notice_type: NoticeType, kind: NoticeKind) -> dict[str, Any]:
    """A body for ``NoticeUpdate`` (and, with the type and kind, for ``NoticeCreate``)."""
    data: dict[str, Any] = {
        "language": field(form, "language"),
        "summary": field(form, "summary") or None,
        "links": _links(form),
        **content(form, notice_type),
    }
    if kind is NoticeKind.DIFFUSION:
        data["addressees"] = [code.upper() for code in listed(form, "addressees")]
    else:
        data[CONSENT] = field(form, CONSENT) == "on"
    return data


def _flatten(value: Any, prefix: str, out: dict[str, Any]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{prefix}.{key}" if prefix else key, out)
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        for i, item in enumerate(value):
            _flatten(item, f"{prefix}.{i}", out)
    elif isinstance(value, list):
        out[prefix] = ("\n" if prefix in LINE_LISTS else ", ").join(str(v) for v in value)
    elif value is True and prefix in CHECKBOXES:
        out[prefix] = "on"
    elif value is not None:
        out[prefix] = str(value)


def values_of(data: dict[str, Any]) -> dict[str, Any]:
    """A body (as posted, or a stored request as read) as the form's inputs."""
    out: dict[str, Any] = {}
    parts = {k: v for k, v in data.items() if k not in ("links", "addressees", CONSENT)}
    _flatten(parts, "", out)
    links = data.get("links") or []
    person = next((x for x in links if x.get("record_kind") == "person"), None)
    out["link_person"] = str(person["record_id"]) if person else ""
    out["link_others"] = "\n".join(
        f"{x['record_kind']} {x['record_id']}" for x in links if x is not person
    )
    out["addressees"] = ", ".join(data.get("addressees") or [])
    out[CONSENT] = bool(data.get(CONSENT))
    return out
