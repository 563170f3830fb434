"""Data-owner access control, enforced inside the query layer.

Every record type mixes in ``OwnedRecord``: it carries its owner bureau and a visibility rule set
by the owner (all members, only listed bureaus, all except listed bureaus). A session listener
adds the rule to *every* ORM query on such a type — lists, look-ups by id, joins, relationship
loads and searches alike — so no endpoint can forget it. A session without a viewer fails closed.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import ColumnElement, ForeignKey, String, and_, event, exists, false, or_
from sqlalchemy.orm import (
    Mapped,
    ORMExecuteState,
    Session,
    mapped_column,
    with_loader_criteria,
)

from amana.core.db import Base

SYSTEM = "*system*"
"""Viewer for system work (index builds, audit verification): sees every record."""


class Visibility(StrEnum):
    ALL = "all"
    ONLY = "only"
    EXCEPT = "except"


class VisibilityListEntry(Base):
    """A bureau named in a record's ONLY or EXCEPT rule."""

    __tablename__ = "visibility_list"

    record_kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[int] = mapped_column(primary_key=True)
    bureau: Mapped[str] = mapped_column(
        String(3), ForeignKey("bureaus.code", ondelete="CASCADE"), primary_key=True
    )


class OwnedRecord:
    """Mixin for every record type: owner bureau plus the owner's visibility rule."""

    record_kind: ClassVar[str] = ""
    """Names the type in visibility lists; each record type sets its own."""

    id: Mapped[int] = mapped_column(primary_key=True)

    owner_bureau: Mapped[str] = mapped_column(String(3), ForeignKey("bureaus.code"), index=True)
    visibility: Mapped[str] = mapped_column(String(8), default=Visibility.ALL.value)

    @classmethod
    def visible_to(cls, bureau: str) -> ColumnElement[bool]:
        listed = exists().where(
            VisibilityListEntry.record_kind == cls.record_kind,
            VisibilityListEntry.record_id == cls.id,
            VisibilityListEntry.bureau == bureau,
        )
        return or_(
            cls.owner_bureau == bureau,
            cls.visibility == Visibility.ALL.value,
            and_(cls.visibility == Visibility.ONLY.value, listed),
            and_(cls.visibility == Visibility.EXCEPT.value, ~listed),
        )


def allows(owner: str, rule: str, listed: frozenset[str], viewer: str) -> bool:
    """The rule of ``OwnedRecord.visible_to``, for records held in memory (screening index)."""
    if viewer in (SYSTEM, owner) or rule == Visibility.ALL.value:
        return True
    if rule == Visibility.ONLY.value:
        return viewer in listed
    return viewer not in listed


class ViewerMissing(RuntimeError):
    """A record was queried in a session that names no viewer: a programming error."""


def set_rule(
    session: Session, record: OwnedRecord, visibility: Visibility, bureaus: list[str]
) -> None:
    """Replace a record's visibility rule; the record must already have an id (flushed)."""
    record.visibility = visibility.value
    session.query(VisibilityListEntry).filter_by(
        record_kind=record.record_kind, record_id=record.id
    ).delete(synchronize_session=False)
    if visibility is not Visibility.ALL:
        session.add_all(
            VisibilityListEntry(record_kind=record.record_kind, record_id=record.id, bureau=code)
            for code in sorted(set(bureaus))
        )


def listed_bureaus(session: Session, record: OwnedRecord) -> list[str]:
    rows = session.query(VisibilityListEntry.bureau).filter_by(
        record_kind=record.record_kind, record_id=record.id
    )
    return sorted(code for (code,) in rows)


def _touches_owned_records(state: ORMExecuteState) -> bool:
    return any(
        isinstance(mapper.class_, type) and issubclass(mapper.class_, OwnedRecord)
        for mapper in state.all_mappers
    )


@event.listens_for(Session, "do_orm_execute")
def _apply_visibility(state: ORMExecuteState) -> None:
    if not (state.is_select or state.is_update or state.is_delete):
        return
    viewer: Any = state.session.info.get("viewer")
    if viewer == SYSTEM:
        return
    if viewer is None:
        if _touches_owned_records(state):
            raise ViewerMissing("record query in a session without a viewer bureau")
        # Belt and braces for queries that reach records indirectly: show none.
        state.statement = state.statement.options(
            with_loader_criteria(OwnedRecord, lambda cls: false(), include_aliases=True)
        )
        return
    state.statement = state.statement.options(
        with_loader_criteria(
            OwnedRecord,
            lambda cls: cls.visible_to(viewer),
            include_aliases=True,
        )
    )
