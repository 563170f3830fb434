"""The data-owner rule is applied inside the query layer: every kind of query obeys it."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from amana.core.db import unit_of_work
from amana.core.visibility import SYSTEM, ViewerMissing, Visibility, listed_bureaus, set_rule
from tests.records import Dossier, Exhibit


def _dossier(db: Session, owner: str, title: str, rule: Visibility, listed: list[str]) -> int:
    dossier = Dossier(owner_bureau=owner, title=title)
    db.add(dossier)
    db.flush()
    set_rule(db, dossier, rule, listed)
    return dossier.id


@pytest.fixture
def dossiers(app, db) -> dict[str, int]:
    ids = {
        "public": _dossier(db, "FR", "open case", Visibility.ALL, []),
        "only_de": _dossier(db, "FR", "shared with Germany", Visibility.ONLY, ["DE"]),
        "not_es": _dossier(db, "FR", "hidden from Spain", Visibility.EXCEPT, ["ES"]),
    }
    db.commit()
    return ids


def _as(app, bureau: str):
    return unit_of_work(app.state.session_factory, viewer=bureau)


def _titles(session: Session) -> set[str]:
    return set(session.scalars(select(Dossier.title)))


def test_owner_sees_all_its_records_whatever_the_rule(app, dossiers):
    with _as(app, "FR") as session:
        assert _titles(session) == {"open case", "shared with Germany", "hidden from Spain"}


def test_only_rule_shows_the_record_to_listed_bureaus_alone(app, dossiers):
    with _as(app, "DE") as session:
        assert "shared with Germany" in _titles(session)
        assert session.get(Dossier, dossiers["only_de"]) is not None
    with _as(app, "ES") as session:
        assert "shared with Germany" not in _titles(session)
        assert session.get(Dossier, dossiers["only_de"]) is None


def test_except_rule_hides_the_record_from_listed_bureaus(app, dossiers):
    with _as(app, "ES") as session:
        assert _titles(session) == {"open case"}
        assert session.get(Dossier, dossiers["not_es"]) is None
    with _as(app, "IT") as session:
        assert _titles(session) == {"open case", "hidden from Spain"}


def test_counts_and_searches_obey_the_rule(app, dossiers):
    with _as(app, "ES") as session:
        assert session.scalar(select(func.count()).select_from(Dossier)) == 1
        found = session.scalars(select(Dossier).where(Dossier.title.ilike("%spain%"))).all()
        assert found == []
    with _as(app, "DE") as session:
        assert session.scalar(select(func.count(Dossier.id))) == 3


def test_joins_and_relationship_loads_obey_the_rule(app, db, dossiers):
    db.add(Exhibit(owner_bureau="ES", label="knife", dossier_id=dossiers["not_es"]))
    db.commit()
    with _as(app, "ES") as session:
        exhibit = session.scalars(select(Exhibit)).one()
        assert exhibit.dossier is None  # the owner of the dossier hid it from Spain
        joined = session.scalars(select(Exhibit).join(Exhibit.dossier)).all()
        assert joined == []
    with _as(app, "IT") as session:
        exhibit = session.scalars(select(Exhibit)).one()
        assert exhibit.dossier is not None
        assert exhibit.dossier.title == "hidden from Spain"


def test_lists_are_per_record_kind_not_shared_between_types(app, db):
    dossier_id = _dossier(db, "FR", "for Germany", Visibility.ONLY, ["DE"])
    exhibit = Exhibit(id=dossier_id, owner_bureau="FR", label="photo")  # same id, other kind
    db.add(exhibit)
    db.flush()
    set_rule(db, exhibit, Visibility.ONLY, ["BE"])
    db.commit()
    with _as(app, "DE") as session:
        assert session.scalars(select(Dossier.title)).all() == ["for Germany"]
        assert session.scalars(select(Exhibit)).all() == []
    with _as(app, "BE") as session:
        assert session.scalars(select(Dossier)).all() == []
        assert [e.label for e in session.scalars(select(Exhibit))] == ["photo"]


def test_changing_the_rule_takes_effect_on_the_next_query(app, db, dossiers):
    dossier = db.get(Dossier, dossiers["only_de"])
    set_rule(db, dossier, Visibility.EXCEPT, ["DE"])
    assert listed_bureaus(db, dossier) == ["DE"]
    db.commit()
    with _as(app, "DE") as session:
        assert session.get(Dossier, dossiers["only_de"]) is None
    with _as(app, "ES") as session:
        assert session.get(Dossier, dossiers["only_de"]) is not None


def test_a_session_without_a_viewer_fails_closed(app, dossiers):
    with pytest.raises(ViewerMissing), unit_of_work(app.state.session_factory, viewer=None) as s:
        s.scalars(select(Dossier)).all()


def test_system_sessions_see_everything(app, dossiers):
    with unit_of_work(app.state.session_factory, viewer=SYSTEM) as session:
        assert len(_titles(session)) == 3


def test_bulk_updates_cannot_touch_invisible_records(app, dossiers):
    with _as(app, "ES") as session:
        session.execute(update(Dossier).values(title="overwritten"))
    with unit_of_work(app.state.session_factory, viewer=SYSTEM) as session:
        assert "hidden from Spain" in _titles(session)
        assert "shared with Germany" in _titles(session)
