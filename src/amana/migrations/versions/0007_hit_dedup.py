"""one open hit per searching bureau and record: search count, last search, the person hit

Existing rows: every hit counts one search; a person hit's person is its record, a notice hit's
is read back from its explanation (which ``notify_notice_requesters`` always began with
``person <id> (``); the newest pending hit of each (searching bureau, record) becomes the open
one, so repeated searches after the upgrade count on it instead of adding a sixth.

Revision ID: 0007_hit_dedup
Revises: 0006
Create Date: 2026-12-01 21:10:00
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_hit_dedup"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOTICE_PERSON = re.compile(r"person (\d+) \(")


def upgrade() -> None:
    with op.batch_alter_table("screening_hits", schema=None) as batch_op:
        batch_op.add_column(sa.Column("person_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(
            sa.Column("search_count", sa.Integer(), nullable=False, server_default="1")
        )
        batch_op.add_column(
            sa.Column("last_searched_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("open_key", sa.String(length=120), nullable=True))
    hits = sa.table(
        "screening_hits",
        sa.column("id", sa.Integer()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("record_kind", sa.String()),
        sa.column("record_id", sa.BigInteger()),
        sa.column("searching_bureau", sa.String()),
        sa.column("status", sa.String()),
        sa.column("explanation", sa.Text()),
        sa.column("person_id", sa.BigInteger()),
        sa.column("last_searched_at", sa.DateTime(timezone=True)),
        sa.column("open_key", sa.String()),
    )
    _backfill(op.get_bind(), hits)
    with op.batch_alter_table("screening_hits", schema=None) as batch_op:
        batch_op.alter_column("last_searched_at", nullable=False)
        batch_op.alter_column("search_count", server_default=None)
        batch_op.create_index(batch_op.f("ix_screening_hits_open_key"), ["open_key"], unique=True)


def _backfill(bind: sa.Connection, hits: sa.TableClause) -> None:
    bind.execute(sa.update(hits).values(last_searched_at=hits.c.created_at))
    bind.execute(
        sa.update(hits).where(hits.c.record_kind == "person").values(person_id=hits.c.record_id)
    )
    notices = bind.execute(
        sa.select(hits.c.id, hits.c.explanation).where(hits.c.record_kind == "notice")
    )
    for hit_id, explanation in list(notices):
        found = NOTICE_PERSON.match(explanation or "")
        if found:
            bind.execute(
                sa.update(hits).where(hits.c.id == hit_id).values(person_id=int(found.group(1)))
            )
    newest = (
        sa.select(sa.func.max(hits.c.id))
        .where(hits.c.status == "pending")
        .group_by(hits.c.searching_bureau, hits.c.record_kind, hits.c.record_id, hits.c.person_id)
    )
    rows = bind.execute(
        sa.select(
            hits.c.id,
            hits.c.searching_bureau,
            hits.c.record_kind,
            hits.c.record_id,
            hits.c.person_id,
        ).where(hits.c.id.in_(newest))
    )
    for hit_id, bureau, kind, record_id, person_id in list(rows):
        key = f"{bureau}/{kind}/{record_id}/{person_id if person_id is not None else '-'}"
        bind.execute(sa.update(hits).where(hits.c.id == hit_id).values(open_key=key))


def downgrade() -> None:
    with op.batch_alter_table("screening_hits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_screening_hits_open_key"))
        batch_op.drop_column("open_key")
        batch_op.drop_column("last_searched_at")
        batch_op.drop_column("search_count")
        batch_op.drop_column("person_id")
