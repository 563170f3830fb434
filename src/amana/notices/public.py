"""Public extracts in the shape of INTERPOL's public notices web service (``ws-public``).

Only published, unexpired, uncancelled Red, Yellow and UN notices whose requesting bureau
consented are served, and only the fields built here: names, dates and places of birth,
nationalities, physical description, the wording of the charges with the issuing country, the
circumstances of a disappearance, the UN references, and photographs. Never the judicial
references, the facts, linked records, internal ids, checks, history or reviewer notes.

Behaviour copied from the service so its clients work unchanged (``FORMAT.md``): at most 160
results per query (``total`` is the true count, ``_links.last`` is computed against 160, a page
past the cap answers the last page), ``resultPerPage`` at most 160, name filters that are
regular-expression-style patterns (``public_pattern``; partial matches unless anchored),
dates as ``YYYY/MM/DD`` (``YYYY`` when partial; UN ``YYYY/00/00``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from amana.notices.models import Notice
from amana.notices.public_pattern import Pattern, fold
from amana.notices.vocab import NoticeType

MAX_RESULTS = 160
MAX_PER_PAGE = 160
DEFAULT_PER_PAGE = 20
PATHS = {NoticeType.RED: "red", NoticeType.YELLOW: "yellow", NoticeType.UN: "un/persons"}
_URL_ID = re.compile(r"^(\d{4})-(\d{5})$")
# A picture's public number is the first 13 hex digits (52 bits) of its attachment's random
# public id: decimal digits that every client can parse as an exact integer (JavaScript's
# included), stable, and unique among one notice's pictures but for odds of 2**-52 a pair.
PICTURE_HEX_DIGITS = 13
_PICTURE_ID = re.compile(r"^\d{1,16}$")


@dataclass(frozen=True)
class PublicQuery:
    """The service's query parameters; ``params`` keeps those sent, for the paging links."""

    params: tuple[tuple[str, str], ...] = ()
    name: Pattern | None = None
    forename: Pattern | None = None
    nationality: str | None = None
    sex_id: str | None = None
    age_min: int | None = None
    age_max: int | None = None
    arrest_warrant_country_id: str | None = None
    free_text: str | None = None
    un_reference: str | None = None
    un_resolution: int | None = None
    page: int = 1
    result_per_page: int = DEFAULT_PER_PAGE


def url_id(entity_id: str) -> str:
    return entity_id.replace("/", "-")


def entity_id_of(value: str) -> str | None:
    """``2026-00012`` → ``2026/00012``; None for anything else."""
    match = _URL_ID.match(value)
    return f"{match.group(1)}/{match.group(2)}" if match else None


def picture_id(public_id: str) -> str:
    return str(int(public_id[:PICTURE_HEX_DIGITS], 16))


def picture_prefix(value: str) -> str | None:
    """The public id prefix that a picture number names; None when it names none."""
    if not _PICTURE_ID.match(value) or int(value) >= 16**PICTURE_HEX_DIGITS:
        return None
    return format(int(value), f"0{PICTURE_HEX_DIGITS}x")


def _contains(needle: str, value: str | None) -> bool:
    return value is not None and fold(needle) in fold(value)


def age_on(dob: str | None, today: date) -> int | None:
    if not dob:
        return None
    parts = [int(p) for p in dob.split("-")]
    year, month, day = (
        parts[0],
        parts[1] if len(parts) > 1 else 1,
        parts[2] if len(parts) > 2 else 1,
    )
    return today.year - year - ((today.month, today.day) < (month, day))


def _subject(notice: Notice) -> dict[str, Any]:
    return dict(notice.content.get("subject") or {})


def _charges(notice: Notice) -> list[dict[str, Any]]:
    return list((notice.content.get("judicial") or {}).get("charges") or [])


def matches(notice: Notice, query: PublicQuery, today: date) -> bool:
    subject = _subject(notice)
    un = notice.content.get("un") or {}
    names = [subject.get("family_name"), *subject.get("aliases", [])]
    checks = [
        query.name is None or any(query.name.search(n) for n in names),
        # A mononym has no forename: ``forename=^$`` finds it, as harvesters expect.
        query.forename is None or query.forename.search(subject.get("forename") or ""),
        query.nationality is None or query.nationality.upper() in subject.get("nationalities", []),
        query.sex_id is None or query.sex_id.upper() == subject.get("sex"),
        query.arrest_warrant_country_id is None
        or query.arrest_warrant_country_id.upper() == notice.requesting_bureau,
        query.un_reference is None or fold(query.un_reference) == fold(un.get("reference", "")),
        query.un_resolution is None or query.un_resolution == un.get("resolution"),
    ]
    if query.age_min is not None or query.age_max is not None:
        age = age_on(subject.get("date_of_birth"), today)
        checks.append(
            age is not None
            and (query.age_min is None or age >= query.age_min)
            and (query.age_max is None or age <= query.age_max)  # ageMax=0 is a bound too
        )
    if query.free_text:
        words = [subject.get("family_name"), subject.get("forename"), *names]
        words += [c.get("charge") for c in _charges(notice)]
        checks.append(any(_contains(query.free_text, w) for w in words if w))
    return all(checks)


@dataclass(frozen=True)
class Page:
    notices: list[Notice]
    total: int
    page: int
    per_page: int
    last: int


def paginate(matched: list[Notice], query: PublicQuery) -> Page:
    per_page = min(max(query.result_per_page, 1), MAX_PER_PAGE)
    capped = matched[:MAX_RESULTS]
    last = max(1, math.ceil(len(capped) / per_page))
    page = min(max(query.page, 1), last)
    shown = capped[(page - 1) * per_page : page * per_page]
    return Page(shown, len(matched), page, per_page, last)


def public_date(value: str | None, *, un: bool = False) -> str | None:
    if not value:
        return "0000/00/00" if un else None
    parts = value.split("-")
    if un:
        return "/".join([*parts, "00", "00"][:3])
    return "/".join(parts) if len(parts) == 3 else parts[0]


def iso_date(value: str | None) -> str | None:
    return value.replace("-", "/") if value else None
