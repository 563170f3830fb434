"""Distinct name tokens and the keys that find them: exact text, skeletons, typo neighbours.

Names repeat their tokens heavily (millions of names, a few hundred thousand distinct tokens),
so keys index the vocabulary, and each vocabulary token keeps its own posting list of names.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from dataclasses import dataclass, field

from amana.matching.bridge import LATIN_SIDE, NATIVE_SIDE, NONE, LearnedBridge, side_of
from amana.matching.grams import GramIndex
from amana.matching.keys import deletions, skeletons
from amana.matching.korean import (
    SURNAME_SPELLINGS,
    hangul_outline,
    latin_outlines,
    surname_hangul,
    syllable_spellings,
)
from amana.matching.tokens import (
    ABJAD,
    BLOCKS,
    LATIN,
    LEARNED,
    MIN_TYPO_LENGTH,
    OTHER_SCRIPT,
    SPELLING,
    SPELLING_DISCOUNT,
    TRANSLITERATION,
    nickname_group,
    similarity,
)

ABJAD_SCRIPTS = frozenset({"Arab", "Hebr", "Syrc", "Thaa"})
SYLLABIC_SCRIPTS = frozenset({"Hani", "Hang", "Hira", "Kana"})
"""Scripts whose names have no optional middle name (see ``index.SYLLABIC_EXTRA``)."""


def script_class(script: str) -> str:
    if script in ABJAD_SCRIPTS:
        return ABJAD
    if script in ("Hani", "Hang"):
        return BLOCKS
    return LATIN if script in {"Latn", "Zyyy"} else OTHER_SCRIPT


def keeps_original(kind: str) -> bool:
    """Tokens of these classes are told apart by their own spelling, not only their Latin form:
    homophone characters are different names, and a Cyrillic or Hangul spelling is evidence of
    its own."""
    return kind in (OTHER_SCRIPT, BLOCKS)


EXPANSION_CACHE = 50_000
HANGUL = "Hang"
KOREAN_BRIDGE, KOREAN_BRIDGE_SHORT, KOREAN_SURNAME, KOREAN_SYLLABLE = 0.88, 0.72, 0.95, 0.92
MAX_OUTLINE_BUCKET = 400
"""Short outlines (``l``, ``mr``) gather many tokens: past this, only exact and typo keys count."""


@dataclass
class Vocabulary:
    ids: dict[tuple[str, str], int] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    originals: list[str] = field(default_factory=list)
    syllabic: list[bool] = field(default_factory=list)
    sides: list[int] = field(default_factory=list)  # side of the learned bridge (``bridge``)
    postings: list[array[int]] = field(default_factory=list)
    by_text: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_outline: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_deletion: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_spelling: GramIndex = field(init=False)
    # Nearest tokens across scripts by the learned encoder; None: rules alone.
    bridge: LearnedBridge | None = None
    # Hangul tokens and Latin tokens under the outline both sides keep (see ``korean``).
    by_korean: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    hangul: list[bool] = field(default_factory=list)
    # One-syllable Hangul tokens under each Latin spelling of the syllable (see ``korean``).
    by_syllable_spelling: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    # Expansions of recently asked tokens; any new vocabulary token could belong in one, so the
    # cache empties whenever one is added (rare once a store's vocabulary has filled up).
    _expanded: dict[tuple[str, str, str], dict[int, tuple[float, str]]] = field(
        default_factory=dict
    )

    def __post_init__(self) -> None:
        self.by_spelling = GramIndex(self.texts)

    def intern(self, text: str, script: str, original: str) -> int:
        kind = script_class(script)
        # Chinese and Japanese homophones (燕 and 岩, both "yan") are different names.
        key = (original if keeps_original(kind) else text, kind)
        vid = self.ids.get(key)
        if vid is None:
            self._expanded.clear()
            vid = len(self.texts)
            self.ids[key] = vid
            self.texts.append(text)
            self.classes.append(kind)
            self.originals.append(original if keeps_original(kind) else "")
            self.syllabic.append(script in SYLLABIC_SCRIPTS)
            self.hangul.append(script == HANGUL)
            if script == HANGUL:
                self.by_korean[hangul_outline(original)].append(vid)
                for spelling in syllable_spellings(original):
                    self.by_syllable_spelling[spelling].append(vid)
            elif kind == LATIN:
                for outline in latin_outlines(text):
                    self.by_korean[outline].append(vid)
            self.postings.append(array("i"))
            self.by_text[text].append(vid)
            self.by_spelling.add(vid, text)
            self.sides.append(side_of(kind == LATIN, script))
            if self.bridge is not None:
                self.bridge.add(vid, text if kind == LATIN else original, self.sides[vid])
            for outline in skeletons(text):
                self.by_outline[outline].append(vid)
            if len(text) >= MIN_TYPO_LENGTH and kind != ABJAD:
                for variant in deletions(text):
                    self.by_deletion[variant].append(vid)
        return vid

    def frequency(self, vid: int) -> int:
        return len(self.postings[vid])

    def expand(self, text: str, script: str, original: str) -> dict[int, tuple[float, str]]:
        """Vocabulary tokens like ``text``, each with its similarity and the kind of match."""
        key = (text, script, original)
        cached = self._expanded.get(key)
        if cached is None:
            if len(self._expanded) >= EXPANSION_CACHE:
                self._expanded.clear()
            cached = self._expanded[key] = self._expand(text, script, original)
        return cached

    def _expand(self, text: str, script: str, original: str) -> dict[int, tuple[float, str]]:
        scored = self.rule_scores(text, script, original)
        if self.bridge is not None:
            model = self.bridge.model
            for vid, (rule, cosine) in self.across_bridge(text, script, original, scored).items():
                # The learned evidence adds to the rules, never takes from them: with encoder
                # weights trained this briefly, a low cosine is no proof against a rule's match.
                # A rule that relates the two keeps its explanation (it says why).
                learned = model.probability(rule, cosine)
                if learned > rule:
                    scored[vid] = (learned, scored[vid][1] if rule > 0 else LEARNED)
        return scored

    def across_bridge(
        self, text: str, script: str, original: str, scored: dict[int, tuple[float, str]]
    ) -> dict[int, tuple[float, float]]:
        """(rule similarity, learned cosine) of every token on the other side of the learned
        bridge that the rules or the encoder find near the query token."""
        kind = script_class(script)
        side = side_of(kind == LATIN, script)
        if self.bridge is None or side == NONE:
            return {}
        other = NATIVE_SIDE if side == LATIN_SIDE else LATIN_SIDE
        across = [vid for vid in scored if self.sides[vid] == other]
        word = text if kind == LATIN else original
        cosines = self.bridge.cosines(word, side, across)
        return {
            vid: (scored.get(vid, (0.0, ""))[0], cosine)
            for vid, cosine in cosines.items()
            if self.sides[vid] == other
        }

    def rule_scores(self, text: str, script: str, original: str) -> dict[int, tuple[float, str]]:
        """Vocabulary tokens the rules find like ``text`` (outlines, typos, spelling, nicknames,
        the Korean bridge), each with its similarity and the kind of match."""
        kind = script_class(script)
        found: set[int] = set(self.by_text.get(text, ()))
        for outline in skeletons(text):
            bucket = self.by_outline.get(outline, ())
            if len(bucket) <= MAX_OUTLINE_BUCKET or len(outline) >= 4:
                found.update(bucket)
        if len(text) >= MIN_TYPO_LENGTH and kind != ABJAD:
            found.update(self.by_deletion.get(text, ()))
            for variant in deletions(text):
                found.update(self.by_text.get(variant, ()))
                found.update(self.by_deletion.get(variant, ()))
        for nickname in nickname_group(text):
            found.update(self.by_text.get(nickname, ()))
        bridged = self._korean_bridge(text, script, kind, original)
        bridged.update(self._korean_spellings(text, script, kind, original))
        scored = self._score(bridged, found, text, kind, original)
        self._spelt_alike(scored, text, kind, original)
        return scored

    def _spelt_alike(
        self, scored: dict[int, tuple[float, str]], text: str, kind: str, original: str
    ) -> None:
        for vid, ratio in self.by_spelling.neighbours(text):
            if kind == BLOCKS == self.classes[vid] and self.originals[vid] != original:
                continue
            score = ratio * SPELLING_DISCOUNT
            if score > scored.get(vid, (0.0, ""))[0]:
                scored[vid] = (score, SPELLING)

    def _korean_spellings(
        self, text: str, script: str, kind: str, original: str
    ) -> dict[int, tuple[float, str]]:
        """이 ~ Lee, 박 ~ Park, 국 ~ Kook: Korean family names and syllables as Koreans spell
        them in Latin script, not only as romanisers do."""
        found: dict[int, tuple[float, str]] = {}
        if script == HANGUL:
            for spelling in syllable_spellings(original):
                self._bridge_to(found, self.ids.get((spelling, LATIN)), KOREAN_SYLLABLE)
            for spelling in SURNAME_SPELLINGS.get(original, ()):
                self._bridge_to(found, self.ids.get((spelling, LATIN)), KOREAN_SURNAME)
        elif kind == LATIN:
            for vid in self.by_syllable_spelling.get(text, ()):
                self._bridge_to(found, vid, KOREAN_SYLLABLE)
            for hangul in surname_hangul().get(text, ()):
                self._bridge_to(found, self.ids.get((hangul, BLOCKS)), KOREAN_SURNAME)
        return found

    @staticmethod
    def _bridge_to(found: dict[int, tuple[float, str]], vid: int | None, score: float) -> None:
        if vid is not None and score > found.get(vid, (0.0, ""))[0]:
            found[vid] = (score, TRANSLITERATION)

    def _score(
        self,
        scored: dict[int, tuple[float, str]],
        found: set[int],
        text: str,
        kind: str,
        original: str,
    ) -> dict[int, tuple[float, str]]:
        for vid in found:
            if kind == BLOCKS == self.classes[vid] and self.originals[vid] != original:
                continue
            score, how = similarity(text, kind, self.texts[vid], self.classes[vid])
            if score > scored.get(vid, (0.0, ""))[0]:
                scored[vid] = (score, how)
        return scored

    def _korean_bridge(
        self, text: str, script: str, kind: str, original: str
    ) -> dict[int, tuple[float, str]]:
        """Latin spellings of a Hangul transcription, or Hangul transcriptions of a Latin name."""
        if script == HANGUL:
            outlines: tuple[str, ...] = (hangul_outline(original),)
            wanted = False
        elif kind == LATIN:
            outlines, wanted = latin_outlines(text), True
        else:
            return {}
        bridged: dict[int, tuple[float, str]] = {}
        for outline in outlines:
            if len(outline) < 2:
                continue
            # Two consonants are weak evidence between scripts (지민 ~ Simon): a short outline
            # alone cannot make a hit.
            score = KOREAN_BRIDGE if len(outline) >= 3 else KOREAN_BRIDGE_SHORT
            for vid in self.by_korean.get(outline, ()):
                if self.hangul[vid] is wanted and score > bridged.get(vid, (0.0, ""))[0]:
                    bridged[vid] = (score, TRANSLITERATION)
        return bridged
