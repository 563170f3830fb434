"""Reading and recording hits: the owner's current visibility rule applies when the searching
bureau reads its hits, and repeated searches share one open hit per bureau and record."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from amana.audit.models import AuditEntry
from amana.core.db import unit_of_work, utcnow
from amana.core.principal import Principal, Role
from amana.screening import hits
from amana.screening.models import Hit
from amana.screening.schemas import RecordHit
from tests.screening.test_api import _person, _screen, _wait_for

API = "/api/v1"
RECORDED = "Nabil Fawzi Rahman"
ASKED = "Nabeel Fawzi Rahman"  # the searcher's own spelling: what it asked is its own to read


@pytest.fixture
def bureaus(make):
    return {
        "eg": make.user_headers("eg.operator", "EG", Role.BUREAU_OPERATOR),
        "fr": make.user_headers("fr.officer", "FR", Role.OFFICER),
        "es": make.user_headers("es.officer", "ES", Role.OFFICER),
    }


def _found(client, bureaus) -> tuple[int, int]:
    record = _person(client, bureaus["eg"], [RECORDED], dates_of_birth=["1975-03-04"])
    found = _wait_for(lambda: _screen(client, bureaus["fr"], names=[ASKED], dob="1975-03-04"))
    assert found, "the record never reached the index"
    assert found[0]["hit_id"], found
    return record, found[0]["hit_id"]


def _items(client, headers, side):
    response = client.get(f"{API}/hits", params={"side": side}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def _hide_from_fr(client, bureaus, record):
    hidden = client.patch(
        f"{API}/persons/{record}",
        json={"visibility": {"rule": "except", "bureaus": ["FR"]}},
        headers=bureaus["eg"],
    )
    assert hidden.status_code == 200, hidden.text


def _assert_withheld(hit, response_text):
    assert hit["shared"] is False
    assert (hit["record_id"], hit["score"], hit["explanation"], hit["display_name"]) == (
        None,
        None,
        None,
        None,
    )
    assert "Nabil" not in response_text  # the record's spelling, not the searcher's


def test_hits_name_the_person_for_both_bureaus_and_each_read_is_audited(client, bureaus, db):
    record, hit_id = _found(client, bureaus)
    for headers, side in ((bureaus["fr"], "searcher"), (bureaus["eg"], "owner")):
        [hit] = _items(client, headers, side)
        assert (hit["id"], hit["record_id"], hit["shared"]) == (hit_id, record, True)
        assert hit["display_name"] == RECORDED
        detail = client.get(f"{API}/hits/{hit_id}", headers=headers)
        assert detail.status_code == 200, detail.text
        assert detail.json()["display_name"] == RECORDED
    db.commit()
    reads = db.execute(
        select(AuditEntry.action, AuditEntry.actor_bureau, AuditEntry.target_ids)
        .where(AuditEntry.target_kind == "screening_hit")
        .order_by(AuditEntry.seq)
    ).all()
    assert [tuple(r) for r in reads] == [
        ("hit.list", "FR", [hit_id]),
        ("hit.read", "FR", [hit_id]),
        ("hit.list", "EG", [hit_id]),
        ("hit.read", "EG", [hit_id]),
    ]


def test_a_hit_on_a_record_the_owner_hid_is_withheld_from_the_searcher(client, bureaus):
    record, hit_id = _found(client, bureaus)
    _hide_from_fr(client, bureaus, record)

    listed = client.get(f"{API}/hits", params={"side": "searcher"}, headers=bureaus["fr"])
    [hit] = listed.json()["items"]
    assert hit["id"] == hit_id  # the searcher keeps its own trail: what it asked, when
    assert hit["query"]["names"] == [ASKED]
    assert (hit["owner_bureau"], hit["status"]) == ("EG", "pending")
    _assert_withheld(hit, listed.text)
    detail = client.get(f"{API}/hits/{hit_id}", headers=bureaus["fr"])
    assert detail.status_code == 200
    _assert_withheld(detail.json(), detail.text)

    [owned] = _items(client, bureaus["eg"], "owner")  # the owner always sees its hits
    assert (owned["record_id"], owned["display_name"], owned["shared"]) == (record, RECORDED, True)
    assert "Nabil" in owned["explanation"]


def test_a_hit_on_a_deleted_record_is_withheld_from_the_searcher(client, bureaus):
    record, hit_id = _found(client, bureaus)
    assert client.delete(f"{API}/persons/{record}", headers=bureaus["eg"]).status_code == 204

    listed = client.get(f"{API}/hits", params={"side": "searcher"}, headers=bureaus["fr"])
    _assert_withheld(listed.json()["items"][0], listed.text)
    [owned] = _items(client, bureaus["eg"], "owner")
    assert (owned["id"], owned["record_id"], owned["shared"]) == (hit_id, record, True)
    assert owned["display_name"] is None  # nothing left to name


def test_the_owners_answer_reaches_the_searcher_but_not_its_note_once_hidden(client, bureaus):
    record, hit_id = _found(client, bureaus)
    answered = client.post(
        f"{API}/hits/{hit_id}/answer",
        json={"status": "confirmed", "note": "Nabil, warrant valid"},
        headers=bureaus["eg"],
    )
    assert answered.status_code == 200, answered.text
    assert answered.json()["display_name"] == RECORDED
    _hide_from_fr(client, bureaus, record)

    detail = client.get(f"{API}/hits/{hit_id}", headers=bureaus["fr"])
    body = detail.json()
    assert (body["status"], body["answered_by_username"]) == ("confirmed", "eg.operator")
    assert body["answer_note"] is None
    _assert_withheld(body, detail.text)


def test_another_bureaus_hit_reads_exactly_like_a_missing_one(client, bureaus):
    _, hit_id = _found(client, bureaus)
    missing = hit_id + 1000
    theirs = client.get(f"{API}/hits/{hit_id}", headers=bureaus["es"])
    nothing = client.get(f"{API}/hits/{missing}", headers=bureaus["es"])
    assert theirs.status_code == nothing.status_code == 404
    assert theirs.text == nothing.text.replace(str(missing), str(hit_id))
    assert _items(client, bureaus["es"], "searcher") == []


def _searches_audited(db) -> int:
    db.commit()
    return db.scalar(
        select(func.count())
        .select_from(AuditEntry)
        .where(AuditEntry.action == "screening.person", AuditEntry.actor_bureau == "FR")
    )


def test_repeated_searches_share_one_open_hit_and_each_is_audited(client, bureaus, db):
    record, hit_id = _found(client, bureaus)
    [before] = _items(client, bureaus["eg"], "owner")
    audited = _searches_audited(db)
    again = [_screen(client, bureaus["fr"], names=[ASKED], dob="1975-03-04") for _ in range(4)]

    assert {found[0]["hit_id"] for found in again} == {hit_id}
    [owned] = _items(client, bureaus["eg"], "owner")  # the owner is told once
    assert (owned["id"], owned["record_id"]) == (hit_id, record)
    assert owned["search_count"] == before["search_count"] + 4
    assert owned["last_searched_at"] > before["last_searched_at"]
    assert owned["created_at"] == before["created_at"]
    assert _searches_audited(db) == audited + 4  # every search is still audited
    # Another bureau's search is its own hit.
    _screen(client, bureaus["es"], names=[ASKED], dob="1975-03-04")
    assert len(_items(client, bureaus["eg"], "owner")) == 2


def test_an_answered_or_old_hit_takes_no_more_searches(client, bureaus, db):
    _, first = _found(client, bureaus)
    answered = client.post(
        f"{API}/hits/{first}/answer", json={"status": "not_confirmed"}, headers=bureaus["eg"]
    )
    assert answered.status_code == 200, answered.text
    second = _screen(client, bureaus["fr"], names=[ASKED], dob="1975-03-04")[0]["hit_id"]
    assert second not in (None, first)
    # Age the open hit past the window (a day by default): the next search opens a new one.
    db.execute(update(Hit).where(Hit.id == second).values(created_at=utcnow() - timedelta(days=2)))
    db.commit()
    third = _screen(client, bureaus["fr"], names=[ASKED], dob="1975-03-04")[0]["hit_id"]
    assert third not in (None, first, second)
    assert [h["search_count"] for h in _items(client, bureaus["eg"], "owner")] == [1, 1, 1]


def _principal(user_id: int) -> Principal:
    return Principal(user_id=user_id, username=f"fr.{user_id}", bureau="FR", roles=frozenset())


def test_simultaneous_searches_open_one_hit(app, client, db):
    """Two workers screen the same document at the same moment: one hit, counted twice."""
    found = RecordHit(
        record_kind="travel_document",
        record_id=4242,
        score=1.0,
        how="exact",
        owner_bureau="EG",
        summary={},
    )
    barrier = threading.Barrier(2)
    ids: list[int | None] = []
    errors: list[BaseException] = []

    def search(user_id: int) -> None:
        try:
            barrier.wait(timeout=10)
            with unit_of_work(app.state.session_factory, viewer="FR") as session:
                mine = found.model_copy()
                hits.notify(
                    session,
                    principal=_principal(user_id),
                    hits=[mine],
                    query={"number": "X"},
                    threshold=0.85,
                    window=timedelta(days=1),
                )
                ids.append(mine.hit_id)
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    for _ in range(3):
        threads = [threading.Thread(target=search, args=(n,)) for n in (1, 2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        barrier.reset()
    assert errors == []
    db.commit()
    rows = db.scalars(select(Hit).where(Hit.record_id == 4242)).all()
    assert [(r.search_count, r.searching_bureau) for r in rows] == [(6, "FR")]
    assert set(ids) == {rows[0].id}
