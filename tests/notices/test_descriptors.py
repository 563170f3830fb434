"""Eye and hair colours are INTERPOL's codes (as its public notices API serves them), languages
ISO 639-2 in the bibliographic form it uses, each named in the four languages (issue 13)."""

from __future__ import annotations

import re

import pytest

from amana.notices.descriptors import EyeColour, HairColour
from amana.web import labels
from amana.web.i18n import LANGUAGES, Translator
from tests.notices.conftest import SUBJECT, body

ARABIC = re.compile(r"[\u0600-\u06FF]")


def _subject(desk, person, **subject):
    data = body("red", person)
    data["subject"] = {**SUBJECT, **subject}
    return desk.client.post("/api/v1/notices", json=data, headers=desk.fr)


def test_interpol_codes_are_kept_and_older_spellings_read_as_them(desk):
    person = desk.person()
    made = _subject(
        desk,
        person,
        eye_colours=["broh", "OTHD"],
        hair_colours=["YELB", "BLK"],
        languages_spoken=["FRA", "ger", "RUS"],
    )
    assert made.status_code == 201, made.text
    subject = made.json()["content"]["subject"]
    assert subject["eye_colours"] == ["BROH", "OTHD"]
    assert subject["hair_colours"] == ["YELB", "BLA"]  # BLK: the ANSI/NIST spelling of black
    assert subject["languages_spoken"] == ["FRE", "GER", "RUS"]  # INTERPOL's ISO 639-2/B


@pytest.mark.parametrize(
    "subject",
    [
        {"eye_colours": ["PNK"]},  # a driving-licence code, not INTERPOL's
        {"hair_colours": ["SDY"]},
        {"eye_colours": ["YELB"]},  # a hair code is no eye colour
        {"languages_spoken": ["XYZ"]},
        {"languages_spoken": ["FR"]},
    ],
)
def test_codes_interpol_does_not_use_are_refused(desk, subject):
    refused = _subject(desk, desk.person(), **subject)
    assert refused.status_code == 422, refused.text
    assert next(iter(subject)) in refused.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_code_is_named_in_every_language(language):
    tr = Translator(language)
    for name, codes in (
        (labels.eye_colour, list(EyeColour)),
        (labels.hair_colour, list(HairColour)),
        (labels.language_name, ["ENG", "FRE", "GER", "SPA", "ARA", "RUS", "CHI"]),
    ):
        for code in codes:
            shown = name(tr, code)
            assert shown, code
            assert shown != code, f"{language}: {code} shown raw"
            if language == "ar":
                assert ARABIC.search(shown), f"{code}: {shown}"


def test_labels_say_what_the_code_means():
    english, french = Translator("en"), Translator("fr")
    assert labels.eye_colour(english, "BROH") == "hazel"
    assert labels.hair_colour(english, "YELB") == "blond"
    assert labels.hair_colour(english, "HAIB") == "bald"
    assert labels.eye_colour(english, "OTHC") == "of different colours"
    assert labels.language_name(french, "GER") == "allemand"
    assert labels.language_name(english, "CHI") == "Chinese"
