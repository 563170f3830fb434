"""Seed the demo: idempotent, so running it twice changes nothing the second time."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import SecretStr
from sqlalchemy.orm import Session

from amana.bureaus import service as bureaus
from amana.core.principal import GENERAL_SECRETARIAT, Role
from amana.core.security import Passwords
from amana.demo.entities import seed_entities
from amana.demo.messages import seed_messages
from amana.demo.notices import seed_notices
from amana.demo.records import seed_records
from amana.messaging.store import Tools
from amana.users import service as users
from amana.users.schemas import UserCreate

DEMO_PASSWORD = "amana-demo-2026"  # noqa: S105  (published on purpose: demo only)


@dataclass(frozen=True)
class DemoUser:
    username: str
    display_name: str
    bureau: str
    roles: tuple[Role, ...]


DEMO_USERS = (
    DemoUser("fr.officer", "Camille Martin", "FR", (Role.OFFICER,)),
    DemoUser("fr.operator", "Julien Bernard", "FR", (Role.BUREAU_OPERATOR,)),
    DemoUser("fr.admin", "Sophie Laurent", "FR", (Role.BUREAU_ADMIN,)),
    DemoUser("eg.officer", "Omar Hassan", "EG", (Role.OFFICER,)),
    DemoUser("eg.operator", "Mona Adel", "EG", (Role.BUREAU_OPERATOR,)),
    DemoUser("es.officer", "Lucía García", "ES", (Role.OFFICER,)),
    DemoUser("gs.reviewer", "Amara Diallo", GENERAL_SECRETARIAT, (Role.SECRETARIAT_REVIEWER,)),
    DemoUser("sysadmin", "System Administrator", GENERAL_SECRETARIAT, (Role.SYSTEM_ADMIN,)),
)


@dataclass(frozen=True)
class SeedReport:
    bureaus_added: int
    users_added: int
    records_added: int
    notices_added: int = 0
    messages_added: int = 0


def seed(session: Session, *, passwords: Passwords, tools: Tools | None = None) -> SeedReport:
    """``tools``: the messaging tools (``app.state.messaging.tools``, or ``demo_tools``); without
    them no demo message is sent."""
    bureaus_added = bureaus.sync_members(session)
    users_added = 0
    for demo in DEMO_USERS:
        if users.get_by_username(session, username=demo.username) is not None:
            continue
        users.create(
            session,
            principal=None,
            data=UserCreate(
                username=demo.username,
                display_name=demo.display_name,
                bureau=demo.bureau,
                roles=list(demo.roles),
                password=SecretStr(DEMO_PASSWORD),
            ),
            passwords=passwords,
        )
        users_added += 1
    records_added = seed_records(session) + seed_entities(session)
    notices_added = seed_notices(session)
    messages_added = seed_messages(session, tools) if tools else 0
    return SeedReport(bureaus_added, users_added, records_added, notices_added, messages_added)
