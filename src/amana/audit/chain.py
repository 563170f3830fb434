"""The hash chain: each entry's keyed hash covers its content and the previous entry's hash.

Keyed (HMAC) rather than a plain hash so that someone with write access to the database but not
to the server's secret cannot rewrite the chain after editing an entry.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from amana.audit.models import AuditEntry
from amana.core.security import keyed_digest

GENESIS_HASH = "0" * 64


def canonical_time(moment: datetime) -> str:
    # SQLite hands back naive UTC, PostgreSQL aware UTC: hash the same text for both.
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="microseconds")


def entry_digest(key: bytes, entry: AuditEntry) -> str:
    content = [
        entry.seq,
        canonical_time(entry.at),
        entry.actor_user_id,
        entry.actor_username,
        entry.actor_bureau,
        entry.action,
        entry.outcome,
        entry.target_kind,
        entry.target_ids,
        entry.query,
        entry.detail,
        entry.request_id,
        entry.client_ip,
        entry.prev_hash,
    ]
    message = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return keyed_digest(key, message.encode())
