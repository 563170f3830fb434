"""Person hits carry the flags a higher feature attaches (notices), and the flag's requesting
bureau is told of the hit. The real notices flagger is tested with notices; here a flagger
stands in so screening's side of the contract is pinned on its own."""

from __future__ import annotations

import pytest

from amana.core.principal import Role
from amana.screening.flags import NoticeFlag
from tests.screening.test_api import _person, _screen, _wait_for


@pytest.fixture
def flagged(app):
    flagged_ids: dict[int, list[NoticeFlag]] = {}
    previous = app.state.person_flagger
    app.state.person_flagger = lambda session, ids: {
        i: flagged_ids[i] for i in ids if i in flagged_ids
    }
    yield flagged_ids
    app.state.person_flagger = previous


def _flag(requesting_bureau: str) -> NoticeFlag:
    return NoticeFlag(
        notice_id=77,
        notice_type="red",
        entity_id="2026/00077",
        action_requested="arrest",
        requesting_bureau=requesting_bureau,
    )


def test_a_flagged_person_hit_shows_the_notice_and_tells_its_requester(client, make, flagged):
    eg = make.user_headers("eg.operator", "EG", Role.BUREAU_OPERATOR)
    ma = make.user_headers("ma.operator", "MA", Role.BUREAU_OPERATOR)
    es = make.user_headers("es.officer", "ES", Role.OFFICER)
    record = _person(client, eg, ["Karim Said Benali"], dates_of_birth=["1979-01-02"])
    flagged[record] = [_flag("MA")]

    hits = _wait_for(lambda: _screen(client, es, names=["Karim Said Benali"], dob="1979-01-02"))

    assert hits[0]["notices"] == [_flag("MA").model_dump()]
    told = client.get("/api/v1/hits", params={"side": "owner"}, headers=ma).json()["items"]
    assert [(h["record_kind"], h["record_id"], h["searching_bureau"]) for h in told] == [
        ("notice", 77, "ES")
    ]
    assert "red notice 2026/00077 (arrest)" in told[0]["explanation"]
    owner = client.get("/api/v1/hits", params={"side": "owner"}, headers=eg).json()["items"]
    assert [(h["record_kind"], h["record_id"]) for h in owner] == [("person", record)]


def test_the_requester_is_not_told_of_its_own_search_nor_twice_as_owner(client, make, flagged):
    eg = make.user_headers("eg.operator", "EG", Role.BUREAU_OPERATOR)
    es = make.user_headers("es.officer", "ES", Role.OFFICER)
    record = _person(client, eg, ["Youssef Amrani Tazi"], dates_of_birth=["1983-04-05"])
    flagged[record] = [_flag("EG")]

    _wait_for(lambda: _screen(client, es, names=["Youssef Amrani Tazi"], dob="1983-04-05"))
    own = _screen(client, eg, names=["Youssef Amrani Tazi"], dob="1983-04-05")

    assert own[0]["notices"][0]["notice_type"] == "red"
    owner = client.get("/api/v1/hits", params={"side": "owner"}, headers=eg).json()["items"]
    assert [(h["record_kind"], h["searching_bureau"]) for h in owner] == [("person", "ES")]


def test_batch_hits_are_flagged_too(client, make, flagged):
    eg = make.user_headers("eg.operator", "EG", Role.BUREAU_OPERATOR)
    es = make.user_headers("es.officer", "ES", Role.OFFICER)
    record = _person(client, eg, ["Hassan Idrissi Fassi"], dates_of_birth=["1970-07-07"])
    flagged[record] = [_flag("MA")]
    _wait_for(lambda: _screen(client, es, names=["Hassan Idrissi Fassi"]))

    response = client.post(
        "/api/v1/screening/batch",
        json={"travellers": [{"ref": "12A", "names": ["Hassan Idrissi Fassi"], "dob": "1970"}]},
        headers=es,
    )

    assert response.status_code == 200, response.text
    hit = response.json()["results"][0]["hits"][0]
    assert hit["notices"][0]["action_requested"] == "arrest"


def test_the_requester_is_told_once_and_reads_the_person_only_while_it_is_shared(
    client, make, flagged
):
    """A notice hit is deduplicated as the owner's is, and its person's current visibility
    rule governs it: for the searcher and for the notice's requester alike."""
    eg = make.user_headers("eg.operator", "EG", Role.BUREAU_OPERATOR)
    ma = make.user_headers("ma.operator", "MA", Role.BUREAU_OPERATOR)
    es = make.user_headers("es.officer", "ES", Role.OFFICER)
    record = _person(client, eg, ["Rachid Alaoui Berrada"], dates_of_birth=["1981-02-03"])
    flagged[record] = [_flag("MA")]
    asked = ["Rashid Alaoui Berrada"]  # the searcher's spelling; "Rachid" is the record's
    assert _wait_for(lambda: _screen(client, es, names=asked, dob="1981-02-03"))
    _screen(client, es, names=asked, dob="1981-02-03")

    [told] = client.get("/api/v1/hits", params={"side": "owner"}, headers=ma).json()["items"]
    assert told["search_count"] == 2
    assert told["display_name"] == "Rachid Alaoui Berrada"
    searched = client.get("/api/v1/hits", params={"side": "searcher"}, headers=es).json()
    assert {h["record_kind"] for h in searched["items"]} == {"person", "notice"}
    assert all(h["display_name"] == "Rachid Alaoui Berrada" for h in searched["items"])

    hidden = client.patch(
        f"/api/v1/persons/{record}",
        json={"visibility": {"rule": "except", "bureaus": ["ES", "MA"]}},
        headers=eg,
    )
    assert hidden.status_code == 200, hidden.text
    for headers, side in ((es, "searcher"), (ma, "owner")):
        listed = client.get("/api/v1/hits", params={"side": side}, headers=headers)
        assert listed.json()["items"], side
        assert all(not h["shared"] for h in listed.json()["items"]), side
        assert "Rachid" not in listed.text, side
    owner = client.get("/api/v1/hits", params={"side": "owner"}, headers=eg).json()["items"]
    assert owner[0]["display_name"] == "Rachid Alaoui Berrada"
