"""The name patterns of the public API: the regular-expression subset that harvesters send.

INTERPOL's service honours regular-expression-style ``name`` and ``forename`` filters, and
harvesters use them to split a result set over the 160-record cap (the OpenSanctions crawler
sweeps ``^$``, ``^.$``, ``^..$`` … for names of each length). The subset, a strict subset of
Python's ``re`` syntax with the same meaning under ``re.search``:

- ``^`` first and ``$`` last anchor the match; without them a pattern matches anywhere;
- ``.`` is any character but a newline, ``[abc]``, ``[a-z]``, ``[^abc]`` are character classes;
- ``*``, ``+``, ``?``, ``{n}``, ``{n,}``, ``{n,m}`` repeat the atom before them (m ≤ 100);
- ``\\`` makes a metacharacter literal; every other character is itself.

Groups, alternation, back-references, escapes such as ``\\d`` and nested repetition are refused
with a 422 problem answer. Letters compare folded for case and accents, as elsewhere in the
public API.

No user pattern is handed to a backtracking engine: the pattern becomes a list of at most 256
positions, and the matcher runs them all at once as a bit set (a Thompson/Shift-And simulation
of the automaton), one pass over the text. The time is linear in the text whatever the pattern,
so nothing like ``(a*)*b`` can backtrack catastrophically.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from amana.core.errors import ValidationFailed

MAX_PATTERN = 200
MAX_POSITIONS = 256
MAX_REPEAT = 100
METACHARACTERS = frozenset("\\^$.*+?()[]{}|-")
_REPEAT = re.compile(r"\{(\d{1,3})(,(\d{0,3}))?\}")


class UnsupportedPattern(ValidationFailed):
    code = "notice.public_pattern_unsupported"


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class _Atom:
    """One character: any (``.``), or a class of characters, negated or not."""

    chars: frozenset[str] = frozenset()
    ranges: tuple[tuple[str, str], ...] = ()
    negated: bool = False
    any: bool = False

    def accepts(self, char: str) -> bool:
        if self.any:
            return char != "\n"
        inside = char in self.chars or any(low <= char <= high for low, high in self.ranges)
        return inside != self.negated


@dataclass(frozen=True)
class _Position:
    atom: _Atom
    optional: bool = False
    repeats: bool = False


class _Parser:
    def __init__(self, pattern: str, parameter: str) -> None:
        self.pattern = pattern
        self.parameter = parameter
        self.at = 0

    def refuse(self, why: str) -> UnsupportedPattern:
        return UnsupportedPattern(
            f"{self.parameter}: unsupported pattern {self.pattern!r} at character {self.at + 1}: "
            f"{why}; supported: ^ $ . [abc] [a-z] [^abc] * + ? {{n}} {{n,m}} and \\-escapes",
            parameter=self.parameter,
        )

    def peek(self) -> str | None:
        return self.pattern[self.at] if self.at < len(self.pattern) else None

    def take(self) -> str:
        char = self.pattern[self.at]
        self.at += 1
        return char

    def escaped(self) -> str:
        if self.peek() is None or self.pattern[self.at] not in METACHARACTERS:
            raise self.refuse("\\ escapes only a metacharacter")
        return self.take()

    def single(self, char: str) -> str:
        folded = fold(char)
        if len(folded) != 1:
            raise self.refuse(f"{char!r} is not one letter once folded")
        return folded

    def character_class(self) -> _Atom:
        negated = self.peek() == "^"
        if negated:
            self.take()
        chars: set[str] = set()
        ranges: list[tuple[str, str]] = []
        first = True
        while (char := self.peek()) != "]" or first:
            if char is None or (first and char == "]"):
                raise self.refuse("a character class needs members and a closing ]")
            first = False
            if char == "[":
                raise self.refuse("[ inside a class must be escaped")
            member = self.escaped() if self.take() == "\\" else char
            if self.pattern[self.at : self.at + 2] not in ("-", "-]") and self.peek() == "-":
                self.take()
                high = self.take()
                high = self.escaped() if high == "\\" else high
                low, top = self.single(member), self.single(high)
                if low > top:
                    raise self.refuse("a range runs backwards")
                ranges.append((low, top))
            elif fold(member):
                chars.add(self.single(member))
        self.take()
        return _Atom(chars=frozenset(chars), ranges=tuple(ranges), negated=negated)

    def repetition(self) -> tuple[int, int | None] | None:
        char = self.peek()
        if char in ("*", "+", "?"):
            self.take()
            return {"*": (0, None), "+": (1, None), "?": (0, 1)}[char]
        if char == "{":
            match = _REPEAT.match(self.pattern, self.at)
            if not match:
                raise self.refuse("a repetition is {n}, {n,} or {n,m}")
            self.at = match.end()
            low = int(match.group(1))
            high = low if match.group(2) is None else int(match.group(3) or -1)
            if high == -1:
                return low, None
            if high < low or high > MAX_REPEAT:
                raise self.refuse(f"a repetition runs from n to m, m at most {MAX_REPEAT}")
            return low, high
        return None

    def atoms(self) -> tuple[list[_Position], bool]:
        positions: list[_Position] = []
        anchored_end = False
        while (char := self.peek()) is not None:
            if anchored_end:
                raise self.refuse("$ anchors only at the end")
            self.take()
            atoms: list[_Atom]
            if char == "$":
                anchored_end = True
                continue
            if char == ".":
                atoms = [_Atom(any=True)]
            elif char == "[":
                atoms = [self.character_class()]
            elif char == "\\":
                atoms = [_Atom(chars=frozenset({c})) for c in fold(self.escaped())]
            elif char in METACHARACTERS - {"-"}:
                raise self.refuse(f"{char} is not supported here")
            else:
                atoms = [_Atom(chars=frozenset({c})) for c in fold(char)]
            repeat = self.repetition()
            if repeat is not None and self.peek() in ("*", "+", "?", "{"):
                raise self.refuse("a repetition cannot be repeated")
            if repeat is None:
                positions += [_Position(atom) for atom in atoms]
            elif len(atoms) == 1:
                positions += _repeated(atoms[0], *repeat)
            else:
                raise self.refuse(f"{char!r} is not one letter once folded")
            if len(positions) > MAX_POSITIONS:
                raise self.refuse(f"the pattern expands past {MAX_POSITIONS} positions")
        return positions, anchored_end


def _repeated(atom: _Atom, low: int, high: int | None) -> list[_Position]:
    if high is None:
        return [_Position(atom)] * low + [_Position(atom, optional=True, repeats=True)]
    return [_Position(atom)] * low + [_Position(atom, optional=True)] * (high - low)


@dataclass
class Pattern:
    """A compiled pattern. Bit k of a state set means "the first k positions have matched"."""

    positions: list[_Position]
    anchored_start: bool
    anchored_end: bool
    _accepting: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._final = 1 << len(self.positions)
        self._repeats = sum(1 << k for k, p in enumerate(self.positions) if p.repeats) << 1
        self._blocks = _optional_blocks(self.positions)
        self._initial = self._skip_optional(1)

    def _skip_optional(self, states: int) -> int:
        """Optional positions may be skipped: a state inside a run of them reaches its end."""
        for inside, reach in self._blocks:
            found = states & inside
            if found:
                lowest = found & -found
                states |= reach & ~(lowest - 1)
        return states

    def _accepts(self, char: str) -> int:
        mask = self._accepting.get(char)
        if mask is None:
            mask = sum(1 << k for k, p in enumerate(self.positions) if p.atom.accepts(char))
            self._accepting[char] = mask
        return mask

    def search(self, text: str | None) -> bool:
        if text is None:
            return False
        states = self._initial
        for char in fold(text):
            if not self.anchored_end and states & self._final:
                return True
            accepting = self._accepts(char)
            states = ((states & accepting) << 1) | (states & self._repeats & (accepting << 1))
            states = self._skip_optional(states)
            if not self.anchored_start:
                states |= self._initial
            elif not states:
                return False
        return bool(states & self._final)


def _optional_blocks(positions: list[_Position]) -> list[tuple[int, int]]:
    """(states inside each run of optional positions, states reachable from them)."""
    blocks = []
    k = 0
    while k < len(positions):
        if not positions[k].optional:
            k += 1
            continue
        start = k
        while k < len(positions) and positions[k].optional:
            k += 1
        inside = ((1 << k) - 1) & ~((1 << start) - 1)
        blocks.append((inside, inside | (1 << k)))
    return blocks


def compile_pattern(pattern: str, parameter: str) -> Pattern:
    parser = _Parser(pattern, parameter)
    if len(pattern) > MAX_PATTERN:
        raise parser.refuse(f"longer than {MAX_PATTERN} characters")
    anchored_start = parser.peek() == "^"
    if anchored_start:
        parser.take()
    positions, anchored_end = parser.atoms()
    return Pattern(positions, anchored_start, anchored_end)
