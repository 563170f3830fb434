"""Legal forms in organisation names: recognised, mapped to a generic type, kept out of the name.

ООО «Ромашка», OOO Romashka and Romashka LLC are one company: the legal form is a qualifier
(two companies of one name and different forms are likely two companies, a form missing on one
side says nothing), never a name token — "LLC" shared by two names is no evidence at all.

Spellings live in ``data/legal_forms.tsv`` (canonical form, generic type, where it is written,
spellings). A form is found at the start or at the end of a name, as words whose letters, with
their dots and spaces removed, spell it (``S.A.`` = ``SA``, ``Sp. z o.o.`` = ``Sp.z o.o.``), or
as the written tail of a word in scripts without spaces (华为技术有限公司).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from amana.matching.fold import fold
from amana.matching.normalise import fold_arabic

MAX_WORDS = 8
"""The longest spelling, in words ("Общество с ограниченной ответственностью" is four)."""
PREFIX, SUFFIX, EITHER = "prefix", "suffix", "either"
UNTYPED = "-"
_NOT_KEY = re.compile(r"[.,()'’\"«»„“”\-–/&]+|\s+")
_WORDS = re.compile(r"[\s,«»„“”\"]+")
_SPACELESS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True)
class LegalForm:
    canonical: str  # the form as usually abbreviated: "OOO", "GmbH", "ذ.م.م"
    generic: str | None  # the type it is compared by: "llc", "jsc", "partnership", ...
    written: str  # as the name wrote it


@dataclass(frozen=True)
class _Form:
    canonical: str
    generic: str | None
    where: str


def key(text: str) -> str:
    """A spelling's letters: folded, Arabic letter forms folded, dots, spaces and quotes out."""
    return _NOT_KEY.sub("", fold_arabic(fold(text)))


@lru_cache(maxsize=1)
def _table() -> dict[str, _Form]:
    source = resources.files("amana.matching") / "data" / "legal_forms.tsv"
    table: dict[str, _Form] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        canonical, generic, where, spellings = line.split("\t")
        form = _Form(canonical, None if generic == UNTYPED else generic, where)
        for spelling in (canonical, *spellings.split("|")):
            table.setdefault(key(spelling), form)
    return table


@lru_cache(maxsize=1)
def _spaceless() -> tuple[tuple[str, _Form], ...]:
    """Spellings in scripts written without spaces, longest first (股份有限公司 before 有限公司)."""
    found = [(k, form) for k, form in _table().items() if _SPACELESS.search(k)]
    return tuple(sorted(found, key=lambda item: -len(item[0])))


def recognise(written: str) -> LegalForm:
    """A legal form stated on its own (a record's field): its type when the table knows it."""
    form = _table().get(key(written))
    if form is None:
        return LegalForm(written.strip(), None, written.strip())
    return LegalForm(form.canonical, form.generic, written.strip())


def words(name: str) -> list[str]:
    return [w for w in _WORDS.split(name.strip()) if w]


def split_legal_form(name: str) -> tuple[str, LegalForm | None, list[str]]:
    """The name without its legal form(s), the most specific form found, and every form's
    spelling as written. A name that is nothing but a legal form keeps its words."""
    parts = words(name)
    found: list[LegalForm] = []
    for at_end in (True, False):
        taken = _take(parts, at_end)
        if taken is not None:
            parts, form = taken
            found.append(form)
    typed = [f for f in found if f.generic is not None]
    chosen = typed[0] if typed else (found[0] if found else None)
    return " ".join(parts), chosen, [f.written for f in found]


def _take(parts: list[str], at_end: bool) -> tuple[list[str], LegalForm] | None:
    table = _table()
    wanted = (SUFFIX, EITHER) if at_end else (PREFIX, EITHER)
    for size in range(min(MAX_WORDS, len(parts) - 1), 0, -1):
        chosen = parts[-size:] if at_end else parts[:size]
        form = table.get(key("".join(chosen)))
        if form is not None and form.where in wanted:
            rest = parts[:-size] if at_end else parts[size:]
            return rest, LegalForm(form.canonical, form.generic, " ".join(chosen))
    return _take_spaceless(parts, at_end, wanted)


def _take_spaceless(
    parts: list[str], at_end: bool, wanted: tuple[str, ...]
) -> tuple[list[str], LegalForm] | None:
    if not parts:
        return None
    word = parts[-1] if at_end else parts[0]
    folded = fold(word)
    for spelling, form in _spaceless():
        if form.where not in wanted or len(folded) <= len(spelling):
            continue
        if at_end and folded.endswith(spelling):
            written = word[-len(spelling) :]
            return [*parts[:-1], word[: -len(spelling)]], LegalForm(
                form.canonical, form.generic, written
            )
        if not at_end and folded.startswith(spelling):
            written = word[: len(spelling)]
            return [word[len(spelling) :], *parts[1:]], LegalForm(
                form.canonical, form.generic, written
            )
    return None
