"""The codes a notice describes a person with, as INTERPOL's notices code them.

Eye and hair colours are the codes INTERPOL's public notices API serves (``eyes_colors_id``,
``hairs_id``: ``BRO``, ``BROH``, ``OTHD``…; see ``tests/notices/fixtures`` and the reference
description of the service), not the three-letter ANSI/NIST or driving-licence codes (``BLK``,
``GRN``, ``BLN``…) that the pages once labelled. Those older codes that have a plain INTERPOL
equivalent are read as it, so a client sending them is not refused for a spelling; any other
code is refused. Languages are ISO 639-2 codes, kept in the bibliographic form INTERPOL uses
(``FRE``, ``GER``, ``CHI``; ``FRA`` is read as ``FRE``), checked against ISO 639 (pycountry).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import pycountry
from pydantic import BeforeValidator


class EyeColour(StrEnum):
    BLA = "BLA"  # black
    BLU = "BLU"  # blue
    BLUL = "BLUL"  # light blue
    BRO = "BRO"  # brown
    BROD = "BROD"  # dark brown
    BROH = "BROH"  # hazel
    BROL = "BROL"  # light brown
    GRE = "GRE"  # green
    GRY = "GRY"  # grey
    OTHC = "OTHC"  # eyes of different colours
    OTHD = "OTHD"  # dark
    OTHL = "OTHL"  # light


class HairColour(StrEnum):
    BLA = "BLA"  # black
    BRO = "BRO"  # brown
    BROF = "BROF"  # fair
    GRY = "GRY"  # grey
    GRYG = "GRYG"  # greying
    HAIB = "HAIB"  # bald
    HAID = "HAID"  # dyed
    OTHD = "OTHD"  # dark
    RED = "RED"  # red
    REDA = "REDA"  # auburn
    WHI = "WHI"  # white
    YELB = "YELB"  # blond


EYE_ALIASES = {"BLK": "BLA", "GRN": "GRE", "HAZ": "BROH", "DIC": "OTHC", "MUL": "OTHC"}
HAIR_ALIASES = {"BLK": "BLA", "BLN": "YELB", "BLO": "YELB", "BAL": "HAIB"}


def _coded(aliases: dict[str, str]) -> Any:
    def read(value: Any) -> Any:
        if isinstance(value, str):
            code = value.strip().upper()
            return aliases.get(code, code)
        return value

    return BeforeValidator(read)


def language_code(value: Any) -> Any:
    """An ISO 639-2 code in its bibliographic form (``FRE``), or a refusal naming the value."""
    if not isinstance(value, str):
        return value
    code = value.strip().lower()
    found = None
    if len(code) == 3 and code.isalpha():
        found = pycountry.languages.get(alpha_3=code) or pycountry.languages.get(bibliographic=code)
    if found is None:
        raise ValueError(f"{value!r} is not an ISO 639-2 language code (e.g. ENG, ARA, FRE)")
    return str(getattr(found, "bibliographic", None) or found.alpha_3).upper()


EyeCode = Annotated[EyeColour, _coded(EYE_ALIASES)]
HairCode = Annotated[HairColour, _coded(HAIR_ALIASES)]
LanguageCode = Annotated[str, BeforeValidator(language_code)]
