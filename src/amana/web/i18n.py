"""The four interface languages: gettext catalogues, locale choice, dates and numbers.

The ``.po`` files are the only committed form of the catalogues: they are read with Babel at
start-up and compiled in memory, so there is no ``.mo`` to forget to rebuild and no build step
between a translator's edit and a running server (four small catalogues take milliseconds).
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale, negotiate_locale
from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import Translations
from markupsafe import Markup, escape

LOCALES_DIR = Path(__file__).parent / "locales"
LANGUAGES = ("en", "fr", "es", "ar")
DEFAULT_LANGUAGE = "en"
RTL_LANGUAGES = frozenset({"ar"})
# Each language named in itself, for the language switch.
NATIVE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "ar": "العربية"}


def N_(message: str) -> str:  # noqa: N802  (gettext's conventional marker name)
    """Marks a message for extraction; translated later, where the locale is known."""
    return message


@cache
def catalogue(language: str) -> Translations:
    path = LOCALES_DIR / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as po:
        catalog = read_po(po, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(fp=compiled)


def choose_language(cookie: str | None, accept_language: str | None) -> str:
    """The user's choice (cookie), else the browser's preference, else English."""
    if cookie in LANGUAGES:
        return cookie
    preferred = [
        part.split(";")[0].strip().replace("-", "_")
        for part in (accept_language or "").split(",")
        if part.strip()
    ]
    found = negotiate_locale(preferred, LANGUAGES, sep="_")
    if found is None:
        # "fr_CA" negotiates only to "fr_CA": fall back on the language part.
        found = next((p[:2] for p in preferred if p[:2].lower() in LANGUAGES), None)
    return found.lower() if found else DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Translator:
    """Translation and formatting in one language, handed to every template."""

    language: str

    @property
    def direction(self) -> str:
        return "rtl" if self.language in RTL_LANGUAGES else "ltr"

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.language)

    def text(self, message: str, **values: Any) -> str:
        """Plain text (for Python callers: error messages, CSV headers, flash notes)."""
        translated = catalogue(self.language).gettext(message)
        return translated % values if values else translated

    def __call__(self, message: str, **values: Any) -> Markup:
        """For templates: the catalogue's text is escaped too, and so is every value."""
        translated = escape(catalogue(self.language).gettext(message))
        return translated % values if values else translated

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> Markup:
        translated = escape(catalogue(self.language).ngettext(singular, plural, n))
        return translated % {"num": self.number(n), **values}

    def date(self, value: date | None) -> str:
        return format_date(value, format="medium", locale=self.language) if value else ""

    def datetime(self, value: datetime | None) -> str:
        # Times are shown in UTC, and say so: officers in many time zones read the same entry.
        if value is None:
            return ""
        return format_datetime(value, format="medium", tzinfo=None, locale=self.language) + " UTC"

    def partial_date(self, value: str | None) -> str:
        """A stored YYYY, YYYY-MM or YYYY-MM-DD date in the user's locale, as precise as known."""
        if not value:
            return ""
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            return format_date(date(*parts), format="medium", locale=self.language)
        if len(parts) == 2:
            return format_date(
                date(parts[0], parts[1], 1), format="yyyy MMMM", locale=self.language
            )
        return format_decimal(parts[0], format="0", locale=self.language)

    def number(self, value: float | int) -> str:
        return format_decimal(value, locale=self.language)

    def percent(self, value: float) -> str:
        return format_percent(value, locale=self.language)

    def country(self, code: str | None) -> str:
        if not code:
            return ""
        name = self.locale.territories.get(code.upper())
        return f"{name} ({code})" if name else code


_YEARS_APART = re.compile(r"^(\d+) years apart$")
# What the matching engine says (English, stable words), to be read in the user's language.
EXPLANATION_WORDS: Mapping[str, str] = {
    "name": N_("name"),
    "dob": N_("date of birth"),
    "nationality": N_("nationality"),
    "sex": N_("sex"),
    "identifier": N_("identifier"),
    "dob+nationality": N_("date of birth and nationality"),
    "exact": N_("exact"),
    "transliteration": N_("transliteration"),
    "nickname": N_("nickname"),
    "typo": N_("typo"),
    "phonetic": N_("phonetic"),
    "spelling": N_("spelling"),
    "learned": N_("learned transliteration"),
    "missing": N_("missing"),
    "different": N_("different"),
    "both differ": N_("both differ"),
    "look-alike characters": N_("look-alike characters"),
    "day/month swapped": N_("day/month swapped"),
    "same year, other month": N_("same year, other month"),
    "same year and month": N_("same year and month"),
    "same year and month (partial date)": N_("same year and month (partial date)"),
    "same year (partial date)": N_("same year (partial date)"),
    "a year apart": N_("a year apart"),
    "VIN": N_("VIN"),
    "plate": N_("plate"),
    "look-alike characters (O/0, I/1, …)": N_("look-alike characters (O/0, I/1, …)"),
    "legal_form": N_("legal form"),
    "country": N_("country"),
    "normalised": N_("read as"),
    "same type": N_("same type"),
}


def explain(tr: Translator, word: str) -> str:
    """A word of the engine's explanation in the user's language (unknown words as they are)."""
    if word in EXPLANATION_WORDS:
        return tr.text(EXPLANATION_WORDS[word])
    apart = _YEARS_APART.match(word)
    if apart:
        return tr.text("%(years)s years apart", years=tr.number(int(apart.group(1))))
    return word
