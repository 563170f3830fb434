"""Errors from the service layer and the schemas, shown next to the field they concern and in
the user's language.

Services speak English with a stable code (``document.not_issuer``) and often the field; the
page shows a translated sentence chosen by that code or by the schema's error type, and keeps
the service's precise English detail beside it (marked ``lang="en"``) when it adds something.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime

from pydantic import ValidationError

from amana.core.errors import AmanaError
from amana.web.i18n import N_, Translator

GENERAL = "__all__"
"""Errors that concern no one field, shown above the form."""

LOCKED = N_("Too many failed sign-ins: this account is locked until %(until)s.")
TAMPERED = N_(
    "This message failed its integrity check (its signature or content does not verify): it "
    "may have been altered, and is not shown."
)
CODE_MESSAGES = {
    "auth.invalid_credentials": N_("Invalid username or password."),
    "auth.locked": LOCKED,
    "auth.user_disabled": N_("This account is disabled."),
    "auth.forbidden": N_("You do not have permission to do this."),
    "user.username_taken": N_("This username is already taken."),
    "user.weak_password": N_("This password is too weak."),
    "user.role_bureau": N_("These roles belong to General Secretariat users only."),
    "user.role_not_grantable": N_("You may not grant these roles."),
    "user.current_password_wrong": N_("The current password is not correct."),
    "document.not_issuer": N_("Your bureau may report only documents issued by its own country."),
    "document.duplicate": N_("This document has already been reported."),
    "bureau.unknown": N_("Unknown bureau code."),
    "record.not_owner": N_("Only the owner bureau's operators may change this record."),
    "record.not_found": N_("This record does not exist or is not shared with your bureau."),
    "vehicle.unidentifiable": N_("A vehicle needs a VIN or a registration plate."),
    "hit.answered": N_("This hit has already been answered."),
    "hit.not_owner": N_("Only the owner bureau answers this hit."),
    "screening.batch_too_large": N_("Too many travellers in one manifest."),
    "mrz.format": N_("This is not a machine-readable zone that can be read."),
    "mrz.check_digit": N_("A check digit of the machine-readable zone is wrong."),
    "token.not_found": N_("No such token."),
    "user.not_found": N_("No such user."),
    "message.forged_signature": TAMPERED,
    "message.tampered": TAMPERED,
    "message.tampered_ciphertext": TAMPERED,
}
TYPE_MESSAGES = {
    "missing": N_("This field is required."),
    "string_too_long": N_("This is too long."),
    "too_long": N_("Too many entries."),
    "too_short": N_("At least one entry is required."),
    "enum": N_("Choose one of the listed values."),
    "literal_error": N_("Choose one of the listed values."),
    "int_parsing": N_("Enter a whole number."),
    "int_type": N_("Enter a whole number."),
    "date_from_datetime_parsing": N_("Enter a date as YYYY-MM-DD."),
    "date_parsing": N_("Enter a date as YYYY-MM-DD."),
    "date_type": N_("Enter a date as YYYY-MM-DD."),
    "string_pattern_mismatch": N_("This value does not have the expected form."),
}
# Refusals a service raises without naming the field, though one field is plainly the cause.
CODE_FIELDS = {
    "user.role_bureau": "roles",
    "user.role_not_grantable": "roles",
    "user.username_taken": "username",
    "user.current_password_wrong": "current_password",
    "document.duplicate": "number",
    "hit.answered": "status",
}
COUNTRY_FIELDS = ("nationalit", "country", "issuing_country", "plate_country")
DATE_FIELDS = ("dob", "date", "holder_dob")


@dataclass(frozen=True)
class Problem:
    message: str
    detail: str | None = None
    """The service's English wording, when it says more than the translated message."""


FieldErrors = dict[str, list[Problem]]


def _field_for(loc: Iterable[object], known: Collection[str]) -> str:
    parts = [str(p) for p in loc]
    while parts:
        key = ".".join(parts)
        if key in known:
            return key
        parts.pop()
    return GENERAL


def _value_message(key: str) -> str:
    if any(word in key for word in COUNTRY_FIELDS):
        return N_("Not an ISO 3166-1 country code (for example FR, EG).")
    if any(word in key for word in DATE_FIELDS):
        return N_("Enter a date as YYYY, YYYY-MM or YYYY-MM-DD, not in the future.")
    if key.startswith("vin"):
        return N_("Not a valid vehicle identification number (VIN).")
    if key.startswith("year"):
        return N_("Not a plausible model year.")
    return N_("This value is not valid.")


def from_validation(
    error: ValidationError, tr: Translator, known: Collection[str], prefix: str = ""
) -> FieldErrors:
    """Schema errors by form field (``prefix`` when the schema is one part of the form)."""
    found: FieldErrors = {}
    for item in error.errors():
        loc = [prefix, *item["loc"]] if prefix else list(item["loc"])
        key = _field_for(loc, known)
        kind = item["type"]
        detail = str(item["msg"]).removeprefix("Value error, ")
        if kind == "string_too_short" and item.get("ctx", {}).get("min_length") == 1:
            kind = "missing"
        if item.get("input") in ("", None) and kind in ("enum", "literal_error", "int_parsing"):
            kind = "missing"  # an empty choice or number is an unanswered field
        message = TYPE_MESSAGES.get(kind) or _value_message(key)
        shown = None if kind == "missing" else detail
        found.setdefault(key, []).append(Problem(tr.text(message), shown))
    return found


def from_service(error: AmanaError, tr: Translator, known: Collection[str]) -> FieldErrors:
    field = str(error.extra.get("field") or CODE_FIELDS.get(error.code, ""))
    key = _field_for(field.split("."), known) if field else GENERAL
    message = CODE_MESSAGES.get(error.code)
    if error.code == "auth.locked":
        until = str(error.extra.get("locked_until", ""))
        return {key: [Problem(tr.text(LOCKED, until=_moment(tr, until)))]}
    if message is None:
        return {key: [Problem(tr.text(N_("This request was refused.")), error.detail)]}
    return {key: [Problem(tr.text(message), error.detail)]}


def _moment(tr: Translator, iso: str) -> str:
    try:
        return tr.datetime(datetime.fromisoformat(iso))
    except ValueError:
        return iso


def merge(*parts: FieldErrors) -> FieldErrors:
    merged: FieldErrors = {}
    for part in parts:
        for key, problems in part.items():
            merged.setdefault(key, []).extend(problems)
    return merged
