"""Keys for document numbers, VINs and plates, tolerant of how people and scanners write them.

Two keys per identifier: the *exact* key (upper case, separators removed) and the *confusion*
key, which also folds characters that OCR and hurried typing mix up (O/Q/D→0, I/L→1, Z→2, S→5,
B→8, G→6), so ``AB-12 O34`` and ``AB12034`` meet.
"""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-_./\\,:;'\"<>]+")
_CONFUSABLE = str.maketrans(
    {"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "Z": "2", "S": "5", "B": "8", "G": "6"}
)


def exact_key(value: str) -> str:
    """Upper case, ASCII-folded, without spaces, dashes and other separators."""
    folded = unicodedata.normalize("NFKD", value)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _SEPARATORS.sub("", folded).upper()


def confusion_key(value: str) -> str:
    return exact_key(value).translate(_CONFUSABLE)
