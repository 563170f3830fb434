"""Server-sent events: a connected client of a bureau is pushed each message addressed to it
(and, for the sender, receipts and escalations) as soon as the backbone has it.

An event names the message, never its content: the client then reads it through the API, where
the read is audited. Message events carry the message's sequence number as their SSE id, so a
client that reconnects with ``Last-Event-ID`` first gets what it missed, from the store.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections import defaultdict
from collections.abc import AsyncIterator

from sqlalchemy.orm import Session, sessionmaker

from amana.core.db import unit_of_work
from amana.core.visibility import SYSTEM
from amana.messaging import inbox
from amana.messaging.backbone import event_of_row
from amana.messaging.events import MESSAGE, Event
from amana.messaging.hub import Hub

KEEPALIVE_SECONDS = 15.0


def format_event(item: Event) -> bytes:
    lines = [f"event: {item.kind}"]
    if item.kind == MESSAGE:
        lines.append(f"id: {item.seq}")
    lines.append("data: " + json.dumps(item.public(), separators=(",", ":")))
    return ("\n".join(lines) + "\n\n").encode()


class Deliveries:
    """Marks pushed messages 'delivered', in batches: one write per interval, not per push."""

    def __init__(self, writer: sessionmaker[Session]) -> None:
        self._writer = writer
        self._pending: dict[str, list[str]] = defaultdict(list)
        self._lock = threading.Lock()

    def record(self, bureau: str, message_id: str) -> None:
        with self._lock:
            self._pending[bureau].append(message_id)

    def flush(self) -> int:
        with self._lock:
            pending, self._pending = self._pending, defaultdict(list)
        if not pending:
            return 0
        with unit_of_work(self._writer, viewer=SYSTEM) as session:
            return sum(
                inbox.mark_delivered(session, bureau=bureau, ids=ids)
                for bureau, ids in pending.items()
            )


def _backlog(reader: sessionmaker[Session], bureau: str, after: int) -> list[Event]:
    with unit_of_work(reader, viewer=SYSTEM) as session:
        return [event_of_row(m) for m in inbox.backlog(session, bureau=bureau, after_seq=after)]


async def stream(
    *,
    hub: Hub,
    reader: sessionmaker[Session],
    deliveries: Deliveries,
    bureau: str,
    after: int | None,
    max_events: int | None,
    idle_seconds: float | None,
) -> AsyncIterator[bytes]:
    queue = hub.subscribe(bureau)
    sent: set[str] = set()
    count = 0
    try:
        yield b"retry: 1000\n: connected\n\n"  # EventSource reconnects after 1 s
        if after is not None:
            for item in await asyncio.to_thread(_backlog, reader, bureau, after):
                sent.add(item.message_id)
                deliveries.record(bureau, item.message_id)
                yield format_event(item)
                count += 1
                if max_events is not None and count >= max_events:
                    return
        last_event = time.monotonic()
        while max_events is None or count < max_events:
            wait = KEEPALIVE_SECONDS
            if idle_seconds is not None:
                wait = min(wait, max(0.0, last_event + idle_seconds - time.monotonic()))
            try:
                item = await asyncio.wait_for(queue.get(), timeout=wait)
            except TimeoutError:
                if idle_seconds is not None and time.monotonic() - last_event >= idle_seconds:
                    return
                yield b": keepalive\n\n"
                continue
            if item.kind == MESSAGE:
                if item.message_id in sent:
                    continue
                sent.add(item.message_id)
                deliveries.record(bureau, item.message_id)
            yield format_event(item)
            count += 1
            last_event = time.monotonic()
    finally:
        hub.unsubscribe(bureau, queue)
