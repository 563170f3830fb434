"""The name patterns of the public API: the subset harvesters send, matched without
backtracking, with the meaning Python's ``re.search`` gives the same pattern."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amana.notices.public_pattern import UnsupportedPattern, compile_pattern

ATOMS = ["a", "b", ".", "[ab]", "[^a]", "[a-b]", "\\.", "-"]
REPEATS = ["", "", "*", "+", "?", "{2}", "{0,2}", "{1,}", "{0}"]
atom = st.tuples(st.sampled_from(ATOMS), st.sampled_from(REPEATS)).map("".join)
patterns = st.tuples(
    st.sampled_from(["", "^"]), st.lists(atom, max_size=8).map("".join), st.sampled_from(["", "$"])
).map("".join)


@settings(max_examples=600, deadline=None)
@given(pattern=patterns, text=st.text(alphabet="ab.-", max_size=12))
def test_the_matcher_agrees_with_re_search_on_the_subset(pattern, text):
    assert compile_pattern(pattern, "name").search(text) == bool(re.search(pattern, text))


def test_harvester_length_sweeps_select_names_of_that_length():
    for dots in range(0, 100):
        pattern = compile_pattern(f"^{'.' * dots}$", "name")
        assert pattern.search("x" * dots)
        assert not pattern.search("x" * (dots + 1))
    assert compile_pattern("^.....$", "name").search("Haddad") is False
    assert compile_pattern("^......$", "name").search("Haddad") is True


def test_letters_compare_folded_for_case_and_accents():
    assert compile_pattern("^lea$", "forename").search("LÉA")
    assert compile_pattern("^L[EÉ]A$", "forename").search("léa")
    assert compile_pattern("adda", "name").search("HADDAD")
    assert not compile_pattern("^adda", "name").search("HADDAD")


@pytest.mark.parametrize(
    "pattern",
    ["(a*)*b", "a|b", "a**", "a{2}{3}", "\\d+", "a{0,500}", "[]", "[z-a]", "^a^", "a$b", "[a"],
)
def test_anything_outside_the_subset_is_refused(pattern):
    with pytest.raises(UnsupportedPattern) as refused:
        compile_pattern(pattern, "name")
    assert refused.value.status == 422
    assert refused.value.code == "notice.public_pattern_unsupported"


def test_a_pattern_that_would_backtrack_catastrophically_runs_in_linear_time():
    pattern = compile_pattern("^" + "a*" * 30 + "b$", "name")
    started = time.perf_counter()
    assert not pattern.search("a" * 200)
    assert time.perf_counter() - started < 0.5
