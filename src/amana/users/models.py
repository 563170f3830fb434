from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from amana.core.db import Base, UTCDateTime, utcnow
from amana.core.principal import Role


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    bureau: Mapped[str] = mapped_column(String(3), ForeignKey("bureaus.code"), index=True)
    # None for machine clients that authenticate only with API tokens.
    password_hash: Mapped[str | None] = mapped_column(String(255))
    disabled: Mapped[bool] = mapped_column(default=False)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Every token issued up to this moment is void (a password change or reset, a disabling),
    # except ``credentials_kept_token``: the session that changed its own password. Kept on the
    # user, not on each token, so that no path changing credentials can forget a token, and so
    # that re-enabling an account cannot revive what its disabling voided.
    credentials_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    credentials_kept_token: Mapped[int | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    role_rows: Mapped[list[UserRole]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="UserRole.role"
    )

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(Role(row.role) for row in self.role_rows)

    def set_roles(self, roles: frozenset[Role]) -> None:
        self.role_rows = [UserRole(role=role.value) for role in sorted(roles)]


class UserRole(Base):
    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(32), primary_key=True)


class LoginThrottle(Base):
    """Failed sign-ins of one username from one client address, and its lockout.

    Keyed by the name as typed (known or not, so a lockout never tells whether an account
    exists) and the address, so a stranger guessing from elsewhere locks out only themselves.
    ``strikes`` counts the lockouts in a row, which double the next one (back-off)."""

    __tablename__ = "login_throttles"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    client: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    strikes: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
