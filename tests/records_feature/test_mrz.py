"""The MRZ reader against ICAO Doc 9303 specimens and the ways an MRZ goes wrong."""

from __future__ import annotations

from datetime import date

import pytest

from amana.core.errors import ValidationFailed
from amana.records.mrz import check_digit, parse_mrz

TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
)
TD2 = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6"
# Doc 9303 part 5: a 12-character number spills into the optional data.
TD1_LONG = (
    "I<UTOD23145890<7349<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<2\nSTEVENSON<<PETER<JOHN<<<<<<<<<"
)
GERMAN = (
    "P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<\nC01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4"
)


def test_check_digit_follows_the_7_3_1_weighting():
    assert check_digit("L898902C3") == "6"
    assert check_digit("740812") == "2"
    assert check_digit("<<<<") == "0"


def test_td3_passport():
    parsed = parse_mrz(TD3)
    assert (parsed.format, parsed.document_type, parsed.issuing_state) == ("TD3", "passport", "UTO")
    assert parsed.issuing_country is None  # Utopia is ICAO's specimen state, no country
    assert parsed.full_name == "ANNA MARIA ERIKSSON"
    assert (parsed.number, parsed.date_of_birth, parsed.sex) == (
        "L898902C3",
        "1974-08-12",
        "female",
    )
    assert parsed.expiry == date(2012, 4, 15)
    assert parsed.optional_data == "ZE184226B"


def test_td1_and_td2_identity_cards():
    for raw, fmt in ((TD1, "TD1"), (TD2, "TD2")):
        parsed = parse_mrz(raw)
        assert (parsed.format, parsed.document_type, parsed.number) == (
            fmt,
            "identity_card",
            "D23145890",
        )
        assert (parsed.surname, parsed.given_names) == ("ERIKSSON", "ANNA MARIA")


def test_long_document_numbers_continue_in_the_optional_data():
    parsed = parse_mrz(TD1_LONG)
    assert parsed.number == "D23145890734"
    assert parsed.expiry == date(1995, 7, 12)
    assert parsed.date_of_birth == "1934-07-12"


def test_icao_country_codes_map_to_iso():
    parsed = parse_mrz(GERMAN)
    assert (parsed.issuing_state, parsed.issuing_country, parsed.nationality) == ("D", "DE", "DE")


def test_pasted_on_one_line_with_spaces_and_lower_case():
    assert parse_mrz(TD3.replace("\n", "").lower()) == parse_mrz(TD3)
    assert parse_mrz("  " + TD3.replace("\n", "\n  ") + "\n") == parse_mrz(TD3)


@pytest.mark.parametrize(
    ("raw", "failed"),
    [
        (TD3.replace("L898902C36", "L898902C37"), ["document_number", "composite"]),
        (TD3.replace("1204159", "1204158"), ["expiry", "composite"]),
        (TD3[:-1] + "1", ["composite"]),
        (TD3.replace("ZE184226B<<<<<1", "ZE184226B<<<<<2"), ["optional_data", "composite"]),
        (TD1.replace("7<<<<", "8<<<<"), ["document_number", "composite"]),
        (TD1_LONG.replace("7349", "7348"), ["document_number", "composite"]),
    ],
)
def test_each_failing_check_digit_is_named(raw, failed):
    with pytest.raises(ValidationFailed) as caught:
        parse_mrz(raw)
    assert caught.value.code == "mrz.check_digit"
    assert caught.value.extra["failed"] == failed


@pytest.mark.parametrize(
    "raw",
    ["", "P<UTO", TD3.split("\n")[0], TD3 + "\nEXTRA", TD3.replace("ERIKSSON", "ERIKSS0N!")],
)
def test_malformed_zones_are_refused(raw):
    with pytest.raises(ValidationFailed) as caught:
        parse_mrz(raw)
    assert caught.value.code == "mrz.format"
