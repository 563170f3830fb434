"""Identifiers of organisations and vessels, compared with and without prefixes and separators.

``IMO 9123456``, ``IMO9123456`` and ``9123456`` are one IMO number; ``DEUT DE FF`` and
``DEUTDEFFXXX`` one BIC (``XXX`` is the head office). Check digits are python-stdnum's: IMO
numbers (``stdnum.imo``: the IMO rule, digits weighted 7 to 2), LEIs (``stdnum.lei``, ISO 17442
mod 97-10) and BICs (``stdnum.bic``, structure and country). MMSIs have no check digit: nine
digits, the first three a maritime identification digit (2 to 7 for a ship station). Other
registration numbers compare by their letters and digits alone (``identifiers.exact_key``).

Kinds unique in the world (IMO, MMSI, LEI, BIC) are evidence both ways: the same number is one
entity, a different number of the same kind on both sides is another. A registration number is
unique only within its registry, so a different one says nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum import bic, imo, lei

from amana.matching.identifiers import exact_key

IMO, MMSI, LEI, BIC, REGISTRATION = "imo", "mmsi", "lei", "bic", "registration"
KINDS = (IMO, MMSI, LEI, BIC, REGISTRATION)
UNIQUE_KINDS = frozenset({IMO, MMSI, LEI, BIC})
_IMO_PREFIX = re.compile(r"^IMO", re.IGNORECASE)
_MMSI = re.compile(r"^[2-7]\d{8}$")


@dataclass(frozen=True)
class Identifier:
    kind: str
    value: str  # as written


class InvalidIdentifier(ValueError):
    """An identifier that cannot be what its kind says (wrong length, failed check digit)."""


def key(kind: str, value: str) -> str:
    """The comparable form of an identifier of ``kind``; raises ``InvalidIdentifier``."""
    compact = exact_key(value)
    if kind == IMO:
        digits = _IMO_PREFIX.sub("", compact)
        if not imo.is_valid(digits):
            raise InvalidIdentifier(f"'{value}' is not an IMO number (7 digits, check digit)")
        return digits
    if kind == MMSI:
        if not _MMSI.match(compact):
            raise InvalidIdentifier(f"'{value}' is not an MMSI (9 digits, the first 2 to 7)")
        return compact
    if kind == LEI:
        if not lei.is_valid(compact):
            raise InvalidIdentifier(f"'{value}' is not an LEI (20 characters, ISO 17442 check)")
        return compact
    if kind == BIC:
        if not bic.is_valid(compact):
            raise InvalidIdentifier(f"'{value}' is not a BIC (8 or 11 characters, ISO 9362)")
        return compact[:8] if compact[8:] in ("", "XXX") else compact
    if kind == REGISTRATION:
        if not compact:
            raise InvalidIdentifier(f"'{value}' holds no letter or digit")
        return compact
    raise InvalidIdentifier(f"unknown identifier kind '{kind}' (one of {', '.join(KINDS)})")


def guess_kind(value: str) -> str:
    """The kind a bare identifier is, from its shape: IMO with its prefix or a valid 7-digit
    number, an LEI, a BIC, an MMSI; anything else is a registration number."""
    compact = exact_key(value)
    for kind in (IMO, LEI, MMSI, BIC):
        if kind == IMO and not (compact.startswith("IMO") or len(compact) == 7):
            continue
        try:
            key(kind, value)
        except InvalidIdentifier:
            continue
        return kind
    return REGISTRATION


def keys(identifiers: tuple[Identifier, ...]) -> dict[str, set[str]]:
    """Keys by kind; identifiers that fail their check are left out (the records' edge refuses
    them, so only old or imported data can hold one)."""
    found: dict[str, set[str]] = {}
    for identifier in identifiers:
        try:
            found.setdefault(identifier.kind, set()).add(key(identifier.kind, identifier.value))
        except InvalidIdentifier:
            continue
    return found
