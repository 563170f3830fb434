"""Rules that must hold for every name in every script, checked on generated names.

Writing a name in capitals, with or without its accents, vowel marks, tatweel or invisible
joiners, or with a hyphen instead of a space between its parts never makes it another name:
the name still matches itself at or above the default threshold, ranked first.
"""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amana.matching import DEFAULT_THRESHOLD, PersonEntry, PersonIndex, PersonQuery
from amana.matching.fold import fold

ALPHABETS = {
    "Latn": "abcdefghijklmnopqrstuvwxyz",
    "Cyrl": "абвгдежзийклмнопрстуфхцчшщыэюя",
    "Grek": "αβγδεζηθικλμνξοπρστυφχψω",
    "Arab": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "Hebr": "אבגדהוזחטיכלמנסעפצקרשת",
    "Hang": "김이박최정강조윤장임한오서신권황안송류홍",
    "Hani": "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗",
    "Kana": "アイウエオカキクケコサシスセソタチツテトナニヌネノマミムメモラリルレロ",
    "Deva": "कखगघचछजझटठडढणतथदधनपफबभमयरलवशसह",
}
ACCENTS = {
    "Latn": "\u0300\u0301\u0302\u0303\u0308\u030a\u0327",
    "Cyrl": "\u0301",  # stress only: a breve or diaeresis makes another letter (й, ё)
    "Grek": "\u0301\u0308",
    "Arab": "\u064e\u064f\u0650\u0651\u0652",
    "Hebr": "\u05b4\u05b7\u05bc",
}
INVISIBLE = "\u200c\u200d\u200e\u00ad"
DISTRACTORS = ["John Brown", "Олег Иванов", "محمد علي", "김민수", "王伟", "Maria Garcia"]


@st.composite
def names(draw: st.DrawFn) -> tuple[str, str]:
    script = draw(st.sampled_from(sorted(ALPHABETS)))
    letters = ALPHABETS[script]
    short = script in {"Hang", "Hani"}
    words = draw(
        st.lists(
            st.text(alphabet=letters, min_size=1 if short else 2, max_size=3 if short else 8),
            min_size=1,
            max_size=4,
        )
    )
    return script, " ".join(words)


@st.composite
def rewritten(draw: st.DrawFn, script: str, name: str) -> str:
    """The same name as another keyboard, system or clerk may write it."""
    text = draw(st.sampled_from([name, name.upper(), name.title(), name.lower()]))
    out = []
    for char in text:
        out.append(char)
        if char.isalpha() and script in ACCENTS and draw(st.booleans()):
            out.append(draw(st.sampled_from(ACCENTS[script])))
        if script == "Arab" and char.isalpha() and draw(st.integers(0, 4)) == 0:
            out.append("\u0640")  # tatweel
        if draw(st.integers(0, 9)) == 0:
            out.append(draw(st.sampled_from(INVISIBLE)))
    text = unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), "".join(out))
    if draw(st.booleans()):
        text = text.replace(" ", "-")
    return text


def index_with(name: str) -> PersonIndex:
    index = PersonIndex()
    for number, other in enumerate(DISTRACTORS, start=100):
        index.add(PersonEntry(number, [other]))
    index.add(PersonEntry(1, [name]))
    return index


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_name_rewritten_still_matches_itself(data: st.DataObject) -> None:
    script, name = data.draw(names())
    query = data.draw(rewritten(script, name))
    matches = index_with(name).search(PersonQuery([query]), limit=3, threshold=0.0)
    assert matches, f"{query!r} finds nothing, stored {name!r}"
    best = matches[0]
    assert best.record_id == 1, f"{query!r} ranks {best.matched_name!r} above {name!r}"
    assert best.score >= DEFAULT_THRESHOLD, f"{query!r} ~ {name!r}: {best.explain()}"


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_folding_is_idempotent_and_ignores_case_and_accents(data: st.DataObject) -> None:
    script, name = data.draw(names())
    query = data.draw(rewritten(script, name))
    assert fold(fold(query)) == fold(query)
    assert fold(query).replace("-", " ") == fold(name)
