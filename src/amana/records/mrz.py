"""Machine readable zones of travel documents (ICAO Doc 9303, parts 4-7): TD1, TD2, TD3, MRV-A/B.

Written here rather than taken from the ``mrz`` package on PyPI: that package was last released
in 2020, carries no type information, and rejects valid ICAO documents whose number is longer
than nine characters (Doc 9303 part 5 4.2.4: the number continues in the optional data and the
check digit position holds ``<``), returning the number truncated. The format is small and fully
specified, so the parser below is short and tested against the ICAO specimens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pycountry

from amana.core.errors import ValidationFailed

_ALLOWED = re.compile(r"^[A-Z0-9<]+$")
_WEIGHTS = (7, 3, 1)
# ICAO codes that are not ISO 3166-1 alpha-3 but name a country.
_ICAO_COUNTRIES = {"D": "DE", "GBD": "GB", "GBN": "GB", "GBO": "GB", "GBP": "GB", "GBS": "GB"}
_LAYOUTS = {(3, 30): "TD1", (2, 36): "TD2", (2, 44): "TD3"}


@dataclass(frozen=True)
class ParsedMrz:
    format: str  # TD1, TD2, TD3, MRVA (visa, 44 wide) or MRVB (visa, 36 wide)
    document_code: str  # as printed: P, PP, I, ID, V, ...
    document_type: str  # passport, identity_card, visa or other (records.vocab.DocType)
    issuing_state: str  # ICAO code as printed (alpha-3, or e.g. "D", "UNO")
    issuing_country: str | None  # ISO 3166-1 alpha-2 when the code names a country
    number: str
    surname: str
    given_names: str
    nationality_code: str
    nationality: str | None
    date_of_birth: str | None  # partial ISO date: unknown day or month stay out
    sex: str  # male, female or unknown
    expiry: date | None
    optional_data: str

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_names, self.surname) if part)


def check_digit(text: str) -> str:
    total = 0
    for position, char in enumerate(text):
        if char.isdigit():
            value = int(char)
        elif "A" <= char <= "Z":
            value = ord(char) - ord("A") + 10
        else:
            value = 0
        total += value * _WEIGHTS[position % 3]
    return str(total % 10)


def _lines(raw: str) -> list[str]:
    lines = ["".join(line.split()).upper() for line in raw.strip().splitlines()]
    lines = [line for line in lines if line]
    if len(lines) == 1:
        # Pasted as one line: cut it by the only lengths ICAO allows.
        line = lines[0]
        width = {90: 30, 72: 36, 88: 44}.get(len(line))
        if width:
            lines = [line[i : i + width] for i in range(0, len(line), width)]
    layout = _LAYOUTS.get((len(lines), len(lines[0]) if lines else 0))
    if layout is None or any(len(line) != len(lines[0]) for line in lines):
        widths = ", ".join(str(len(line)) for line in lines) or "none"
        raise ValidationFailed(
            f"mrz: expected 3 lines of 30, 2 of 36 or 2 of 44 characters; got {len(lines)} "
            f"line(s) of {widths}",
            code="mrz.format",
            field="mrz",
        )
    bad = [i + 1 for i, line in enumerate(lines) if not _ALLOWED.match(line)]
    if bad:
        raise ValidationFailed(
            f"mrz: line(s) {', '.join(map(str, bad))} hold characters other than A-Z, 0-9 and <",
            code="mrz.format",
            field="mrz",
        )
    return lines


class _Checks:
    def __init__(self) -> None:
        self.failed: list[str] = []
        self.details: list[str] = []

    def expect(self, field: str, data: str, digit: str, *, filler_ok: bool = False) -> None:
        if filler_ok and digit == "<" and set(data) <= {"<"}:
            return
        expected = check_digit(data)
        if digit != expected:
            self.failed.append(field)
            self.details.append(f"{field} (expected {expected}, found {digit})")

    def raise_if_failed(self) -> None:
        if self.failed:
            raise ValidationFailed(
                "mrz: check digit failed for " + "; ".join(self.details),
                code="mrz.check_digit",
                field="mrz",
                failed=self.failed,
            )


def _number(field: str, digit: str, optional: str, checks: _Checks) -> tuple[str, str]:
    """The document number and what is left of the optional data (long numbers spill over)."""
    if digit == "<" and optional.strip("<"):
        spill = optional.split("<", 1)[0]
        number, digit, rest = field + spill[:-1], spill[-1], optional[len(spill) :]
        checks.expect("document_number", number, digit)
        return number.replace("<", ""), rest
    checks.expect("document_number", field, digit)
    return field.replace("<", ""), optional


def _names(field: str) -> tuple[str, str]:
    surname, _, given = field.partition("<<")
    return surname.replace("<", " ").strip(), given.replace("<", " ").strip()


def _country(code: str) -> str | None:
    code = code.replace("<", "")
    if code in _ICAO_COUNTRIES:
        return _ICAO_COUNTRIES[code]
    country = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    return country.alpha_2 if country is not None else None


def _birth_date(field: str) -> str | None:
    year, month, day = field[:2], field[2:4], field[4:6]
    if not year.isdigit():
        return None
    century = 1900 if int(year) > date.today().year % 100 else 2000
    text = str(century + int(year))
    if month.isdigit():
        text += f"-{month}"
        if day.isdigit():
            text += f"-{day}"
    return text


def _expiry(field: str) -> date | None:
    try:
        year = 2000 + int(field[:2])
        # Documents are valid for at most a few decades: "95" is 1995, not 2095.
        if year > date.today().year + 50:
            year -= 100
        return date(year, int(field[2:4]), int(field[4:6]))
    except ValueError:
        return None


def _document_type(code: str) -> str:
    kind = {"P": "passport", "I": "identity_card", "A": "identity_card", "C": "identity_card"}
    return "visa" if code.startswith("V") else kind.get(code[0], "other")


def parse_mrz(raw: str) -> ParsedMrz:
    """Parse and verify an MRZ; raises ``ValidationFailed`` naming each check digit that fails."""
    lines = _lines(raw)
    layout = _LAYOUTS[(len(lines), len(lines[0]))]
    code = lines[0][:2].replace("<", "")
    if layout == "TD1":
        return _parse_td1(lines, code)
    visa = code.startswith("V")
    return _parse_two_line(lines, code, layout, visa)


def _parse_td1(lines: list[str], code: str) -> ParsedMrz:
    first, second, third = lines
    checks = _Checks()
    number, optional = _number(first[5:14], first[14], first[15:30], checks)
    checks.expect("date_of_birth", second[0:6], second[6])
    checks.expect("expiry", second[8:14], second[14])
    composite = first[5:30] + second[0:7] + second[8:15] + second[18:29]
    checks.expect("composite", composite, second[29])
    checks.raise_if_failed()
    return _result(
        fmt="TD1", code=code, state=first[2:5], number=number, names=third,
        nationality=second[15:18], birth=second[0:6], sex=second[7], expiry=second[8:14],
        optional=optional + second[18:29],
    )  # fmt: skip


def _parse_two_line(lines: list[str], code: str, layout: str, visa: bool) -> ParsedMrz:
    first, second = lines
    width = len(first)
    checks = _Checks()
    optional_end = width if visa else (42 if layout == "TD3" else width - 1)
    number, optional = _number(second[0:9], second[9], second[28:optional_end], checks)
    checks.expect("date_of_birth", second[13:19], second[19])
    checks.expect("expiry", second[21:27], second[27])
    if layout == "TD3" and not visa:
        checks.expect("optional_data", second[28:42], second[42], filler_ok=True)
    if not visa:
        composite = second[0:10] + second[13:20] + second[21 : width - 1]
        checks.expect("composite", composite, second[width - 1])
    checks.raise_if_failed()
    fmt = ("MRVA" if layout == "TD3" else "MRVB") if visa else layout
    return _result(
        fmt=fmt, code=code, state=first[2:5], number=number, names=first[5:],
        nationality=second[10:13], birth=second[13:19], sex=second[20], expiry=second[21:27],
        optional=optional,
    )  # fmt: skip


def _result(
    *, fmt: str, code: str, state: str, number: str, names: str, nationality: str,
    birth: str, sex: str, expiry: str, optional: str,
) -> ParsedMrz:  # fmt: skip
    surname, given = _names(names)
    return ParsedMrz(
        format=fmt,
        document_code=code,
        document_type=_document_type(code),
        issuing_state=state.replace("<", ""),
        issuing_country=_country(state),
        number=number,
        surname=surname,
        given_names=given,
        nationality_code=nationality.replace("<", ""),
        nationality=_country(nationality),
        date_of_birth=_birth_date(birth),
        sex={"M": "male", "F": "female"}.get(sex, "unknown"),
        expiry=_expiry(expiry),
        optional_data=optional.replace("<", " ").strip(),
    )
