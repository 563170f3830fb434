"""Vehicle identification numbers (ISO 3779), checked with the maintained ``vininfo`` package.

``vininfo`` (BSD, released 2026) validates the structure (17 characters, no I, O or Q) and
computes the ISO 3779 / North American check digit, so Amana keeps no table of transliteration
values and weights of its own. Only the decision of *when* the check digit is binding is ours:
it is mandatory for vehicles made for North America (WMI first character 1-5) and China (L);
elsewhere position 9 is often a plain manufacturer code, so a mismatch there is not an error.
Placeholders typed when the VIN is unknown (``00000000000000000``, ``11111111111111111``) are
refused: one character repeated, or a first character that names no region of ISO 3779's
world map, is no vehicle's VIN (and all ones even passes the check digit).
"""

from __future__ import annotations

from vininfo import Vin  # type: ignore[import-untyped]
from vininfo.exceptions import ValidationError as VinError  # type: ignore[import-untyped]

CHECK_DIGIT_REGIONS = frozenset("12345L")


def normalise_vin(value: str) -> str:
    """The VIN in upper case without spaces; raises ``ValueError`` naming what is wrong."""
    compact = "".join(value.split()).upper()
    if len(compact) != 17:
        raise ValueError(f"a VIN has 17 characters, '{value}' has {len(compact)}")
    bad = sorted({char for char in compact if char in "IOQ"})
    if bad:
        raise ValueError(
            f"a VIN never contains the letters I, O or Q (found {', '.join(bad)} in '{value}')"
        )
    if len(set(compact)) == 1:
        raise ValueError(f"'{value}' is one character repeated: a placeholder, not a VIN")
    try:
        vin = Vin(compact)
    except VinError as error:
        raise ValueError(f"'{value}' is not a VIN: {error}") from None
    if vin.region is None:
        raise ValueError(
            f"'{value}' is not a VIN: its first character names no region of manufacture"
        )
    if compact[0] in CHECK_DIGIT_REGIONS and not vin.verify_checksum(check_year=False):
        raise ValueError(
            f"check digit (position 9) of VIN '{value}' is wrong: it is mandatory for vehicles "
            "made for North America (WMI 1-5) and China (L)"
        )
    return compact
