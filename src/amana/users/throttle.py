"""Password guesses, counted per username and client address with a doubling lockout.

A guess is a failed sign-in or a wrong current password when one changes one's own password:
both prove knowledge of the same secret, so both count toward the same lockout, and a stolen
session is no way around it. Keyed by the name as typed (known or not, so that a lockout never
tells whether an account exists) and the address, so a stranger guessing from elsewhere locks out
only themselves (issue 13, finding 5).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from amana.core.config import Settings
from amana.core.db import utcnow
from amana.core.errors import AccountLocked
from amana.core.logging import client_ip_var
from amana.users.models import LoginThrottle, User

MAX_KEY = 64


@dataclass
class Attempt:
    """One password guess of ``name`` from ``address``; its row is locked for the request, so
    that concurrent guesses each count (PostgreSQL)."""

    session: Session
    name: str
    address: str
    now: datetime
    row: LoginThrottle | None

    @classmethod
    def begin(cls, session: Session, *, username: str, client: str | None = None) -> Attempt:
        name = username.strip().lower()[:MAX_KEY]
        address = (client or client_ip_var.get() or "unknown")[:MAX_KEY]
        row = session.get(LoginThrottle, (name, address), with_for_update=True)
        return cls(session, name, address, utcnow(), row)

    def lockout(self) -> AccountLocked | None:
        """The refusal to give before the password is even checked, while locked out."""
        until = self.row.locked_until if self.row is not None else None
        return locked(until) if until is not None and until > self.now else None

    def failed(self, user: User | None, settings: Settings) -> AccountLocked | None:
        """Count a wrong password; the lockout it starts, if it is the last one allowed.

        Lock this name for this address after ``max_failed_logins`` failures; each lockout in a
        row doubles the next, up to ``lockout_max_minutes``. Other addresses are not affected."""
        row = self.row
        if row is None:
            row = self.row = self._insert()
            if row.locked_until is not None and row.locked_until > self.now:
                return locked(row.locked_until)  # by concurrent failures meanwhile
        elif self.now - row.last_failure_at > timedelta(minutes=settings.lockout_max_minutes):
            row.failures, row.strikes = 0, 0  # a quiet day forgives the history
        row.failures += 1
        row.last_failure_at = self.now
        if user is not None:
            user.failed_logins += 1
        if row.failures < settings.max_failed_logins:
            return None
        minutes = min(settings.lockout_minutes * 2**row.strikes, settings.lockout_max_minutes)
        row.failures, row.strikes = 0, row.strikes + 1
        row.locked_until = self.now + timedelta(minutes=minutes)
        if user is not None:  # shown to administrators, who may unlock
            user.locked_until = max(user.locked_until or self.now, row.locked_until)
        return locked(row.locked_until)

    def succeeded(self, user: User) -> None:
        """The right password: this address's history of guesses is forgiven."""
        if self.row is not None:
            self.session.delete(self.row)
            self.row = None
        user.failed_logins = 0

    def _insert(self) -> LoginThrottle:
        """Inserted unless a concurrent failure just did (a plain add would fail on the key)."""
        bind = self.session.get_bind()
        insert = pg_insert if bind.dialect.name == "postgresql" else sqlite_insert
        self.session.execute(
            insert(LoginThrottle)
            .values(
                username=self.name,
                client=self.address,
                failures=0,
                strikes=0,
                last_failure_at=self.now,
            )
            .on_conflict_do_nothing()
        )
        row = self.session.get(
            LoginThrottle, (self.name, self.address), with_for_update=True, populate_existing=True
        )
        assert row is not None
        return row


def locked(until: datetime) -> AccountLocked:
    """One wording for every locked password check, sign-in or not, right password or not."""
    moment = until.isoformat(timespec="seconds")
    return AccountLocked(
        f"too many wrong passwords from your address: the account is locked until {moment} "
        "for sign-ins and password changes from it",
        locked_until=until.isoformat(),
    )
