from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from amana.core.db import Base, UTCDateTime, utcnow


class Hit(Base):
    """A screening result at or above the confirmation threshold, shared by two bureaus: the
    one that searched and the one that owns the record, who confirms it or not.

    While a hit is open (pending, and younger than the hit window) a repeated search by the same
    bureau on the same record counts on it instead of making a new one: ``open_key`` names that
    (bureau, record) pair and is unique, so two simultaneous searches cannot open two hits; it is
    cleared when the hit is answered or the window has passed.
    """

    __tablename__ = "screening_hits"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    record_kind: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int] = mapped_column(BigInteger)
    # The person found, for person hits and notice hits alike (a notice hit's record is the notice).
    person_id: Mapped[int | None] = mapped_column(BigInteger)
    owner_bureau: Mapped[str] = mapped_column(String(3), index=True)
    searching_bureau: Mapped[str] = mapped_column(String(3), index=True)
    searched_by: Mapped[int | None] = mapped_column(BigInteger)
    searched_by_username: Mapped[str] = mapped_column(String(64))
    score: Mapped[float] = mapped_column(Float)
    query: Mapped[dict[str, Any]] = mapped_column(JSON)
    explanation: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    answered_by_username: Mapped[str | None] = mapped_column(String(64))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answer_note: Mapped[str | None] = mapped_column(Text)
    search_count: Mapped[int] = mapped_column(Integer, default=1)
    last_searched_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    open_key: Mapped[str | None] = mapped_column(String(120), unique=True, index=True)
