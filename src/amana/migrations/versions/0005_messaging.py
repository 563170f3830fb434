"""secure messaging

Revision ID: 0005
Revises: 0003
Create Date: 2026-11-25 06:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "messages",
        sa.Column("seq", SEQ, autoincrement=True, nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sender_bureau", sa.String(length=3), nullable=False),
        sa.Column("sender_user_id", sa.BigInteger(), nullable=True),
        sa.Column("sender_username", sa.String(length=64), nullable=False),
        sa.Column("idempotency_key", sa.String(length=128), nullable=False),
        sa.Column("request_digest", sa.String(length=64), nullable=False),
        sa.Column("mode", sa.String(length=8), nullable=False),
        sa.Column("priority", sa.String(length=8), nullable=False),
        sa.Column("handling_code", sa.String(length=32), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("thread_id", sa.String(length=32), nullable=False),
        sa.Column("in_reply_to", sa.String(length=32), nullable=True),
        sa.Column("forwarded_from", sa.String(length=32), nullable=True),
        sa.Column("addressed", sa.JSON(), nullable=False),
        sa.Column("envelope", sa.Text(), nullable=False),
        sa.Column("signature", sa.String(length=128), nullable=False),
        sa.Column("key_version", sa.Integer(), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("wrapped_key", sa.LargeBinary(), nullable=True),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.Column("ack_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("relayed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_messages")),
        sa.UniqueConstraint("id", name=op.f("uq_messages_id")),
        sa.UniqueConstraint(
            "sender_bureau", "idempotency_key", name=op.f("uq_messages_sender_bureau")
        ),
    )
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_messages_created_at"), ["created_at"])
        batch_op.create_index(batch_op.f("ix_messages_sender_bureau"), ["sender_bureau"])
        batch_op.create_index(batch_op.f("ix_messages_thread_id"), ["thread_id"])
        batch_op.create_index(batch_op.f("ix_messages_relayed"), ["relayed"])
        batch_op.create_index("ix_messages_escalation", ["priority", "escalated_at", "ack_due_at"])

    op.create_table(
        "message_recipients",
        sa.Column("message_id", sa.String(length=32), nullable=False),
        sa.Column("bureau", sa.String(length=3), nullable=False),
        sa.Column("message_seq", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_by", sa.String(length=64), nullable=True),
        sa.Column("sealed_key", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["messages.id"],
            name=op.f("fk_message_recipients_message_id_messages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("message_id", "bureau", name=op.f("pk_message_recipients")),
    )
    with op.batch_alter_table("message_recipients", schema=None) as batch_op:
        batch_op.create_index("ix_message_recipients_inbox", ["bureau", "message_seq"])

    op.create_table(
        "message_attachments",
        sa.Column("message_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["messages.id"],
            name=op.f("fk_message_attachments_message_id_messages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("message_id", "position", name=op.f("pk_message_attachments")),
    )

    op.create_table(
        "messaging_bureau_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bureau", sa.String(length=3), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("custody", sa.String(length=8), nullable=False),
        sa.Column("sign_public", sa.String(length=64), nullable=False),
        sa.Column("sign_secret_wrapped", sa.LargeBinary(), nullable=True),
        sa.Column("box_public", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_messaging_bureau_keys")),
        sa.UniqueConstraint("bureau", "version", name=op.f("uq_messaging_bureau_keys_bureau")),
    )
    with op.batch_alter_table("messaging_bureau_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_messaging_bureau_keys_bureau"), ["bureau"])


def downgrade() -> None:
    op.drop_table("messaging_bureau_keys")
    op.drop_table("message_attachments")
    op.drop_table("message_recipients")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_index("ix_messages_escalation")
        batch_op.drop_index(batch_op.f("ix_messages_relayed"))
        batch_op.drop_index(batch_op.f("ix_messages_thread_id"))
        batch_op.drop_index(batch_op.f("ix_messages_sender_bureau"))
        batch_op.drop_index(batch_op.f("ix_messages_created_at"))
    op.drop_table("messages")
