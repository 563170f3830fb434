"""The shipped learned name-word encoder (numpy inference of training/train_name_encoder.py)."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import numpy as np
import pytest

from amana.matching.learned import NameEncoder, fold_word

REPO = Path(__file__).resolve().parents[2]
CANDIDATES = ["mohammed", "peterson", "zakharov", "john", "tanaka"]


@pytest.fixture(scope="module")
def encoder() -> NameEncoder:
    return NameEncoder.load()


def random_words(count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    alphabets = [
        "abcdefghijklmnopqrstuvwxyz",
        "абвгдежзийклмнопрстуфхцчшщыэюя",
        "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
        "アイウエオカキクケコサシスセソタチツテトナニヌネノガギグ",
        "가나다라마바사아자차카타파하김이박",
        "田中山本李王張劉陳楊",
    ]
    return [
        "".join(rng.choice(a) for _ in range(rng.randint(1, 14)))
        for a in (rng.choice(alphabets) for _ in range(count))
    ]


def test_default_load_is_cached_and_gives_unit_rows(encoder: NameEncoder) -> None:
    assert NameEncoder.load() is encoder
    vectors = encoder.embed(random_words(300))
    assert vectors.shape == (300, encoder.dimension)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_empty_input_gives_an_empty_matrix(encoder: NameEncoder) -> None:
    assert encoder.embed([]).shape == (0, encoder.dimension)


def test_a_word_vector_does_not_depend_on_the_other_words(encoder: NameEncoder) -> None:
    words = random_words(2500)  # more than one internal batch, of mixed lengths
    together = encoder.embed(words)
    np.testing.assert_array_equal(together, encoder.embed(words))
    alone = np.concatenate([encoder.embed([w]) for w in words[:40]])
    np.testing.assert_allclose(alone, together[:40], atol=1e-5)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("ЗАХАРОВ", "Захаров"),
        ("ＭＯＨＡＭＭＥＤ", "mohammed"),
        ("Kösen", "kosen"),
        ("ΕΛΈΝΗ", "ελενη"),
        ("ｶﾞﾝﾀﾞﾑ", "ガンダム"),
        ("  john ", "john"),
    ],
)
def test_case_width_and_latin_accents_are_folded(
    encoder: NameEncoder, written: str, canonical: str
) -> None:
    np.testing.assert_allclose(encoder.embed([written]), encoder.embed([canonical]), atol=1e-5)


def test_marks_that_change_the_letter_are_kept() -> None:
    assert fold_word("Йода") != fold_word("Иода")  # й is its own Cyrillic letter
    assert fold_word("ガ") == "ガ"  # dakuten recomposed, not split off or dropped
    assert fold_word("김") == "\u1100\u1175\u11b7"  # Hangul read as its jamo


@pytest.mark.parametrize(
    ("query", "expected"),
    # None of these native spellings is paired with its Latin word in ../shared/train.
    [
        ("Захаров", "zakharov"),
        ("мохаммед", "mohammed"),
        ("자하로프", "zakharov"),
        ("طناكا", "tanaka"),
        ("ペーターソン", "peterson"),
        ("モハメッド", "mohammed"),
    ],
)
def test_nearest_latin_word_across_scripts(encoder: NameEncoder, query: str, expected: str) -> None:
    scores = encoder.embed(CANDIDATES) @ encoder.embed([query])[0]
    assert CANDIDATES[int(np.argmax(scores))] == expected


def test_numpy_inference_equals_the_torch_model(monkeypatch: pytest.MonkeyPatch) -> None:
    torch = pytest.importorskip("torch")
    spec = importlib.util.spec_from_file_location(
        "train_name_encoder", REPO / "training" / "train_name_encoder.py"
    )
    assert spec is not None
    assert spec.loader is not None
    training = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, training)  # its dataclass looks itself up there
    spec.loader.exec_module(training)
    path = REPO / "src" / "amana" / "matching" / "data" / "name_encoder.npz"
    model = training.load_torch_model(path)
    encoder = NameEncoder.load(path)
    words = random_words(200, seed=11)
    lookup = {ch: i for i, ch in enumerate(model.cfg.vocab, start=3 + model.cfg.buckets)}
    with torch.no_grad():
        expected = model(training.encode_batch([fold_word(w) for w in words], model.cfg, lookup))
    np.testing.assert_allclose(encoder.embed(words), expected.numpy(), atol=1e-4)
