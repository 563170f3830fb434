"""organisations and vessels: two record kinds the screening engine screens by name

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _owned(table: str) -> list[sa.Column[object] | sa.Constraint]:
    """The columns and constraints every owned record has (``core.visibility.OwnedRecord``)."""
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_bureau", sa.String(length=3), nullable=False),
        sa.Column("visibility", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_bureau"], ["bureaus.code"], name=op.f(f"fk_{table}_owner_bureau_bureaus")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("org_kind", sa.String(length=20), nullable=False),
        sa.Column("legal_form", sa.String(length=60), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("identifiers", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        *_owned("organisations"),
    )
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organisations_owner_bureau"), ["owner_bureau"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_organisations_status"), ["status"], unique=False)
    op.create_table(
        "vessels",
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("imo", sa.String(length=7), nullable=True),
        sa.Column("mmsi", sa.String(length=9), nullable=True),
        sa.Column("flag", sa.String(length=2), nullable=True),
        sa.Column("vessel_type", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        *_owned("vessels"),
    )
    with op.batch_alter_table("vessels", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vessels_owner_bureau"), ["owner_bureau"], unique=False)
        batch_op.create_index(batch_op.f("ix_vessels_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_vessels_imo"), ["imo"], unique=False)
        batch_op.create_index(batch_op.f("ix_vessels_mmsi"), ["mmsi"], unique=False)


def downgrade() -> None:
    op.drop_table("vessels")
    op.drop_table("organisations")
