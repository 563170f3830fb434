"""Edge checks shared by the record schemas: countries, partial dates, vehicle years.

Each check raises ``ValueError`` with a message a person can act on; pydantic turns it into a 422
that names the field (through the schemas), and the bulk import into a per-row reason.
Country codes come from pycountry (ISO 3166-1): any country is a valid nationality or issuing
country whether or not it is a member bureau.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

import pycountry

from amana.matching.identifiers import exact_key

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MIN_YEAR = 1900
FIRST_CAR_YEAR = 1886


@cache
def iso_countries() -> frozenset[str]:
    return frozenset(country.alpha_2 for country in pycountry.countries)


def country_code(value: str) -> str:
    """An ISO 3166-1 alpha-2 code, upper-cased; anything else is refused."""
    code = value.strip().upper()
    if code not in iso_countries():
        raise ValueError(f"'{value}' is not an ISO 3166-1 alpha-2 country code (e.g. FR, EG)")
    return code


def country_codes(values: list[str]) -> list[str]:
    """Codes in the order given, without repeats."""
    return list(dict.fromkeys(country_code(value) for value in values))


def partial_date(value: str, *, today: date | None = None) -> str:
    """A date as YYYY, YYYY-MM or YYYY-MM-DD: a real calendar date, from 1900, not in the future."""
    text = value.strip()
    match = _PARTIAL_DATE.match(text)
    if not match:
        raise ValueError(f"'{value}' is not a date as YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    if year < MIN_YEAR:
        raise ValueError(f"'{value}' is before {MIN_YEAR}")
    try:
        earliest = date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError as error:
        raise ValueError(f"'{value}' is not a calendar date ({error})") from None
    if earliest > (today or date.today()):
        raise ValueError(f"'{value}' is in the future")
    return text


def partial_dates(values: list[str]) -> list[str]:
    return list(dict.fromkeys(partial_date(value) for value in values))


def vehicle_year(value: int, *, today: date | None = None) -> int:
    # Next year's models are on sale from the autumn before.
    latest = (today or date.today()).year + 1
    if not FIRST_CAR_YEAR <= value <= latest:
        raise ValueError(f"{value} is not a plausible model year ({FIRST_CAR_YEAR}-{latest})")
    return value


def identifier(value: str) -> str:
    """A document, serial or plate number: it must hold a letter or a digit to be found again."""
    if not exact_key(value):
        raise ValueError(f"'{value}' holds no letter or digit")
    return value
