"""Two simple record types, for testing the shared visibility mechanism on its own.

Real record types (persons, documents, vehicles) arrive with the databases; these stand in so
the mechanism is proven before anything depends on it. Their tables are created by the test
fixtures, never by migrations.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from amana.core.db import Base
from amana.core.visibility import OwnedRecord


class Dossier(OwnedRecord, Base):
    __tablename__ = "test_dossiers"
    record_kind = "test_dossier"

    title: Mapped[str] = mapped_column(String(200))


class Exhibit(OwnedRecord, Base):
    __tablename__ = "test_exhibits"
    record_kind = "test_exhibit"

    label: Mapped[str] = mapped_column(String(200))
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("test_dossiers.id"))
    dossier: Mapped[Dossier | None] = relationship(lazy="select")


TEST_TABLES = [Dossier.__table__, Exhibit.__table__]
