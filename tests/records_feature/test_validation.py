"""The edge checks on their own: partial dates, countries, VINs."""

from __future__ import annotations

from datetime import date

import pytest

from amana.records.validation import country_code, partial_date, vehicle_year
from amana.records.vin import normalise_vin

TODAY = date(2026, 6, 15)


@pytest.mark.parametrize("value", ["1900", "1980-04", "1980-04-02", "2026-06", "2026-06-15"])
def test_partial_dates_accepted(value):
    assert partial_date(value, today=TODAY) == value


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("1899-12-31", "before 1900"),
        ("2026-06-16", "in the future"),
        ("2026-07", "in the future"),
        ("2027", "in the future"),
        ("1980-00", "not a calendar date"),
        ("1980-04-00", "not a calendar date"),
        ("1981-02-29", "not a calendar date"),
        ("80-04-02", "YYYY"),
        ("1980/04/02", "YYYY"),
        ("", "YYYY"),
    ],
)
def test_partial_dates_refused(value, reason):
    with pytest.raises(ValueError, match=reason):
        partial_date(value, today=TODAY)


def test_any_iso_country_is_accepted_member_or_not():
    assert country_code(" fr ") == "FR"
    assert country_code("TW") == "TW"  # a country in ISO 3166-1, not a member bureau
    for bad in ("XG", "FRA", "UK", "XK"):
        with pytest.raises(ValueError, match="ISO 3166-1"):
            country_code(bad)


def test_vehicle_years():
    assert vehicle_year(2027, today=TODAY) == 2027
    with pytest.raises(ValueError, match="plausible"):
        vehicle_year(2028, today=TODAY)


@pytest.mark.parametrize(
    ("vin", "expected"),
    [
        ("1hgcm82633a004352", "1HGCM82633A004352"),
        ("1HG CM826 33A004352", "1HGCM82633A004352"),
        ("WVWZZZ1JZXW000001", "WVWZZZ1JZXW000001"),  # Europe: position 9 is not binding
        ("LVSHCAMB1CE054249", "LVSHCAMB1CE054249"),
        ("9BWZZZ377VT004251", "9BWZZZ377VT004251"),  # South America
        ("JHMCM56557C404453", "JHMCM56557C404453"),  # Asia
    ],
)
def test_vins_accepted(vin, expected):
    assert normalise_vin(vin) == expected


@pytest.mark.parametrize(
    ("vin", "reason"),
    [
        ("1HGCM82633A004353", "check digit"),
        ("5YJ3E1EA7KF31716X", "check digit"),
        ("LVSHCAMB2CE054249", "check digit"),
        ("1HGCM82633A00435", "17 characters"),
        ("1HGCM82633A0043521", "17 characters"),
        ("WVWZZZ1JZXW00000I", "I, O or Q"),
        ("WVWZZZ1JZXW0Q0001", "I, O or Q"),
        ("WVWZZZ1JZXW-00001", "not a VIN"),
        # degenerate placeholders (issue 13): no region of the world makes these
        ("00000000000000000", "one character repeated"),
        ("11111111111111111", "one character repeated"),  # its check digit is right
        ("ZZZZZZZZZZZZZZZZZ", "one character repeated"),
        ("0BWZZZ377VT004251", "no region"),
    ],
)
def test_vins_refused(vin, reason):
    with pytest.raises(ValueError, match=reason):
        normalise_vin(vin)
