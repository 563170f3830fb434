"""How the news that a message was accepted reaches the nodes where its recipients are connected.

The database is the system of record on both backbones: "accepted" means the message, its
receipts and its audit entry are committed (SQLite in WAL mode or PostgreSQL), so killing any
process afterwards loses nothing. The backbone only carries small events (never content):

- ``EmbeddedBackbone`` (one node, SQLite by default): events are dispatched in-process at once,
  and a tail of the ``messages`` table picks up what other worker processes stored.
- ``NatsBackbone`` (several nodes sharing one database): events are published to a JetStream
  stream; every node consumes it and pushes to its own clients. A message is marked ``relayed``
  once JetStream acknowledged its event; a relay loop republishes any that a killed node left
  unmarked, and JetStream's de-duplication (``Nats-Msg-Id``) drops the copies.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from datetime import timedelta
from typing import Any, Protocol

import nats
from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.api import DeliverPolicy, StorageType
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from amana.core.db import unit_of_work, utcnow
from amana.core.visibility import SYSTEM
from amana.messaging.events import MESSAGE, Event
from amana.messaging.hub import Hub
from amana.messaging.models import Message

log = logging.getLogger("amana.messaging")
TAIL_LOOKBACK = 256  # PostgreSQL may commit sequence numbers out of order; the hub drops repeats
RELAY_AFTER_SECONDS = 1.0


class Backbone(Protocol):
    relayed_on_insert: bool

    async def start(self, hub: Hub) -> None: ...

    def announce(self, item: Event) -> None:
        """Called from any thread, after the transaction that stored ``item`` committed."""

    async def stop(self) -> None: ...


EVENT_COLUMNS = (
    Message.seq,
    Message.id,
    Message.sender_bureau,
    Message.envelope,
    Message.priority,
    Message.handling_code,
    Message.created_at,
)


def event_of_row(row: Any) -> Event:
    """The event of a ``Message`` or of a row of ``EVENT_COLUMNS``."""
    return Event(
        kind=MESSAGE,
        message_id=row.id,
        seq=row.seq,
        sender=row.sender_bureau,
        bureaus=tuple(json.loads(row.envelope)["recipients"]),
        priority=row.priority,
        handling_code=row.handling_code,
        created_at=row.created_at.isoformat(),
    )


class EmbeddedBackbone:
    relayed_on_insert = True

    def __init__(self, reader: sessionmaker[Session], poll_seconds: float) -> None:
        self._reader = reader
        self._poll_seconds = poll_seconds
        self._hub: Hub | None = None
        self._task: asyncio.Task[None] | None = None
        self._last = 0

    async def start(self, hub: Hub) -> None:
        self._hub = hub
        self._last = await asyncio.to_thread(self._head)
        self._task = asyncio.create_task(self._tail())

    def announce(self, item: Event) -> None:
        if self._hub is not None:
            self._hub.dispatch_threadsafe(item)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def _head(self) -> int:
        with unit_of_work(self._reader, viewer=SYSTEM) as session:
            return int(session.scalar(select(func.max(Message.seq))) or 0)

    def _since(self) -> list[Event]:
        with unit_of_work(self._reader, viewer=SYSTEM) as session:
            # SQLite commits one writer at a time, in sequence order: no look-back needed.
            behind = 0 if session.get_bind().dialect.name == "sqlite" else TAIL_LOOKBACK
            rows = session.execute(
                select(*EVENT_COLUMNS)
                .where(Message.seq > self._last - behind)
                .order_by(Message.seq)
                .limit(2_000)
            ).all()
            return [event_of_row(row) for row in rows]

    async def _tail(self) -> None:
        assert self._hub is not None
        while True:
            await asyncio.sleep(self._poll_seconds)
            try:
                events = await asyncio.to_thread(self._since)
            except Exception:  # a failed poll must not end pushes for good
                log.exception("messaging tail failed")
                continue
            for item in events:
                self._hub.dispatch(item)
                self._last = max(self._last, item.seq)


class NatsBackbone:
    relayed_on_insert = False

    def __init__(
        self,
        writer: sessionmaker[Session],
        reader: sessionmaker[Session],
        *,
        url: str,
        stream: str,
        prefix: str,
    ) -> None:
        self._writer = writer
        self._reader = reader
        self._url, self._stream, self._subject = url, stream, f"{prefix}.events"
        self._prefix = prefix
        self._loop: asyncio.AbstractEventLoop | None = None
        self._relayed: list[str] = []
        self._tasks: list[asyncio.Task[None]] = []
        self._nc: Client | None = None
        self._js: JetStreamContext | None = None

    async def start(self, hub: Hub) -> None:
        self._loop = asyncio.get_running_loop()
        self._nc = await nats.connect(self._url, max_reconnect_attempts=-1, connect_timeout=5)
        self._js = self._nc.jetstream()
        await self._js.add_stream(
            name=self._stream,
            subjects=[f"{self._prefix}.>"],
            storage=StorageType.FILE,
            duplicate_window=120.0,
        )

        async def _deliver(msg: Msg) -> None:
            hub.dispatch(Event.from_json(msg.data))

        await self._js.subscribe(
            self._subject, cb=_deliver, ordered_consumer=True, deliver_policy=DeliverPolicy.NEW
        )
        self._tasks = [asyncio.create_task(self._relay_loop())]

    def announce(self, item: Event) -> None:
        if self._loop is not None and not self._loop.is_closed():
            asyncio.run_coroutine_threadsafe(self._publish(item), self._loop)

    async def _publish(self, item: Event) -> None:
        dedup = f"{item.kind}:{item.message_id}:{sorted(item.detail.items())}"
        if self._js is None:
            return
        try:
            await self._js.publish(self._subject, item.to_json(), headers={"Nats-Msg-Id": dedup})
        except Exception:  # the relay loop republishes what JetStream did not acknowledge
            log.warning("JetStream publish failed", exc_info=True)
            return
        if item.kind == MESSAGE:
            self._relayed.append(item.message_id)

    async def _relay_loop(self) -> None:
        while True:
            try:
                done, self._relayed = self._relayed, []
                await asyncio.to_thread(self._mark, done)
                for item in await asyncio.to_thread(self._unrelayed):
                    await self._publish(item)
            except Exception:
                log.exception("messaging relay failed")
            await asyncio.sleep(0.2)

    def _mark(self, ids: list[str]) -> None:
        if not ids:
            return
        with unit_of_work(self._writer, viewer=SYSTEM) as session:
            session.execute(update(Message).where(Message.id.in_(ids)).values(relayed=True))

    def _unrelayed(self) -> list[Event]:
        cutoff = utcnow() - timedelta(seconds=RELAY_AFTER_SECONDS)
        with unit_of_work(self._reader, viewer=SYSTEM) as session:
            rows = session.execute(
                select(*EVENT_COLUMNS)
                .where(Message.relayed.is_(False), Message.created_at < cutoff)
                .order_by(Message.seq)
                .limit(500)
            ).all()
            return [event_of_row(row) for row in rows]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._nc is not None:
            with contextlib.suppress(Exception):
                await self._nc.drain()
