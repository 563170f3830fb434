from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from amana.core.db import Base, UTCDateTime, utcnow


class Bureau(Base):
    __tablename__ = "bureaus"

    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    alpha3: Mapped[str] = mapped_column(String(3), unique=True)
    numeric: Mapped[str | None] = mapped_column(String(3))
    name_en: Mapped[str] = mapped_column(String(120))
    name_fr: Mapped[str] = mapped_column(String(120))
    name_es: Mapped[str] = mapped_column(String(120))
    name_ar: Mapped[str] = mapped_column(String(120))
    region: Mapped[str] = mapped_column(String(32), index=True)
    # The owner's default rule for records it creates without stating one.
    default_visibility: Mapped[str] = mapped_column(String(8), default="all")
    default_visibility_list: Mapped[list[Any]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    def name(self, language: str) -> str:
        return str(getattr(self, f"name_{language}", self.name_en))
