"""join the notices (0004) and messaging (0005) branches

Both features were built side by side from 0003; this revision makes the history one line
again, so ``alembic upgrade head`` and future revisions have a single parent.

Revision ID: 0006
Revises: 0004, 0005
Create Date: 2026-11-25 07:40:00
"""

from collections.abc import Sequence

revision: str = "0006"
down_revision: str | Sequence[str] | None = ("0004", "0005")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
