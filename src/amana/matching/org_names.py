"""An organisation's or vessel's name made comparable, before the name machinery reads it.

What persons' names never need: the legal form comes out (``legal_forms``), "&", "and", "und",
"et", "и" and "و" standing alone are dropped (Smith & Sons = Smith and Sons), an article "the"
too, initials are one token however they are punctuated (L.X.C = LXC = L X C), numbers written
in words are digits (``numbers``), and a vessel's prefix (MV, M/V, MT, SS …) is dropped. What
remains goes through the same folding, transliteration and spelling keys as persons' names, so
Газпром ~ Gazprom.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from amana.matching.fold import fold
from amana.matching.legal_forms import LegalForm, split_legal_form, words
from amana.matching.numbers import as_digits

CONNECTORS = frozenset({"&", "+", "and", "und", "et", "y", "e", "и", "و", "the"})
VESSEL_PREFIXES = frozenset(
    {"mv", "m/v", "m.v.", "mt", "m/t", "m.t.", "ss", "s.s.", "my", "m/y", "fv", "f/v", "sv"}
)
_DOTTED_INITIALS = re.compile(r"^(?:\w\.){1,}\w?\.?$")
_JOINED_AMPERSAND = re.compile(r"(?<=\w)[&+](?=\w)")
_HYPHENS = re.compile(r"[-‐‑–—_]+")


@dataclass(frozen=True)
class CleanName:
    written: str  # as given
    text: str  # what the name machinery reads
    legal_form: LegalForm | None
    notes: tuple[str, ...] = field(default_factory=tuple)  # what was changed, for the evidence


def clean(name: str, *, legal_forms: bool = True, vessel: bool = False) -> CleanName:
    """The comparable form of an organisation (or, ``vessel``, a ship's) name."""
    notes: list[str] = []
    text, form, stripped = split_legal_form(name) if legal_forms else (name.strip(), None, [])
    notes += [f"legal form {s}" for s in stripped]
    parts = [p for w in words(text) for p in _HYPHENS.split(_JOINED_AMPERSAND.sub("", w)) if p]
    if vessel and len(parts) > 1 and fold(parts[0]) in VESSEL_PREFIXES:
        notes.append(f"vessel prefix {parts[0]}")
        parts = parts[1:]
    # Initials first: a single-letter connector (Portuguese "e") is a letter inside L E X.
    joined = _join_initials(parts)
    if joined != parts:
        notes.append("initials joined")
    kept = [p for p in joined if fold(p) not in CONNECTORS] or joined
    kept, read = as_digits(kept)
    notes += [f"number {r}" for r in read]
    return CleanName(name, " ".join(kept) or name.strip(), form, tuple(notes))


def _join_initials(parts: list[str]) -> list[str]:
    """L.X.C → LXC; a run of single letters (L X C) → one token."""
    undotted = [p.replace(".", "") if _DOTTED_INITIALS.match(p) else p for p in parts]
    out: list[str] = []
    run: list[str] = []
    for part in [*undotted, ""]:
        if len(part) == 1 and part.isalpha():
            run.append(part)
            continue
        if run:
            out.append("".join(run))
            run = []
        if part:
            out.append(part)
    return out
