"""The member bureaus come from maintained country data and are searchable in four languages."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pycountry

from amana.bureaus.members import MEMBER_COUNT, MEMBERS_BY_REGION, Region
from amana.bureaus.service import member_data
from amana.core.principal import Role


def test_196_members_all_valid_iso_codes_each_in_one_region():
    codes = [code for region in MEMBERS_BY_REGION.values() for code in region]
    assert len(codes) == MEMBER_COUNT == 196
    assert not [code for code, n in Counter(codes).items() if n > 1]
    assert all(pycountry.countries.get(alpha_2=code) for code in codes)
    assert "KP" not in codes
    assert "TV" not in codes
    assert {"VA", "PS", "AW", "CW", "SX", "FM", "PW"} <= set(codes)


def test_every_bureau_is_named_in_the_four_languages():
    data = member_data()
    assert len(data) == 197  # and the General Secretariat
    for bureau in data:
        assert set(bureau.names) == {"en", "fr", "es", "ar"}
        assert all(bureau.names.values())
        arabic_letters = [c for c in bureau.names["ar"] if c.isalpha()]
        assert all("ARABIC" in unicodedata.name(c) for c in arabic_letters), bureau.names["ar"]
    egypt = next(b for b in data if b.code == "EG")
    assert (egypt.alpha3, egypt.numeric, egypt.region) == (
        "EGY",
        "818",
        Region.MIDDLE_EAST_NORTH_AFRICA,
    )
    assert egypt.names == {"en": "Egypt", "fr": "Égypte", "es": "Egipto", "ar": "مصر"}


def test_listing_by_region_and_searching_in_any_language(client, make):
    headers = make.user_headers("fr.officer", "FR", Role.OFFICER)
    europe = client.get("/api/v1/bureaus", params={"region": "europe"}, headers=headers).json()
    assert europe["total"] == len(MEMBERS_BY_REGION[Region.EUROPE])
    found = client.get("/api/v1/bureaus", params={"q": "مصر"}, headers=headers).json()
    assert [b["code"] for b in found["items"]] == ["EG"]
    found = client.get("/api/v1/bureaus", params={"q": "Alemania"}, headers=headers).json()
    assert [b["code"] for b in found["items"]] == ["DE"]
    unknown = client.get("/api/v1/bureaus", params={"region": "atlantis"}, headers=headers)
    assert unknown.status_code == 422
    assert "europe" in unknown.json()["detail"]


def test_sharing_defaults_are_set_by_the_bureau_admin(client, make):
    admin = make.user_headers("fr.admin", "FR", Role.BUREAU_ADMIN)
    response = client.put(
        "/api/v1/bureaus/fr/sharing",
        json={"default_visibility": "only", "bureaus": ["de", "BE", "DE"]},
        headers=admin,
    )
    assert response.status_code == 200, response.text
    assert response.json()["default_visibility_list"] == ["BE", "DE"]
    empty = client.put(
        "/api/v1/bureaus/FR/sharing",
        json={"default_visibility": "only", "bureaus": []},
        headers=admin,
    )
    assert empty.status_code == 422
