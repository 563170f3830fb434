"""The messaging feature of one process: keys, hub, backbone and its background loops.

Created by the composition root (``app.state.messaging``), started and stopped by its lifespan.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from sqlalchemy.orm import Session, sessionmaker

from amana.core.config import Settings
from amana.core.db import unit_of_work
from amana.core.visibility import SYSTEM
from amana.messaging import crypto
from amana.messaging.backbone import Backbone, EmbeddedBackbone, NatsBackbone
from amana.messaging.escalation import escalate_due
from amana.messaging.events import Event
from amana.messaging.hub import Hub
from amana.messaging.keys import KeyRing
from amana.messaging.push import Deliveries
from amana.messaging.store import Tools

log = logging.getLogger("amana.messaging")
DELIVERY_FLUSH_SECONDS = 0.1


class Messaging:
    def __init__(
        self, settings: Settings, writer: sessionmaker[Session], reader: sessionmaker[Session]
    ) -> None:
        self.settings = settings
        self.writer, self.reader = writer, reader
        self.hub = Hub()
        self.backbone: Backbone
        if settings.messaging_backbone == "nats":
            self.backbone = NatsBackbone(
                writer,
                reader,
                url=settings.nats_url,
                stream=settings.nats_stream,
                prefix=settings.nats_subject_prefix,
            )
        else:
            self.backbone = EmbeddedBackbone(reader, settings.messaging_poll_seconds)
        vault = crypto.Vault.from_settings(settings)
        self.tools = Tools(
            settings=settings,
            vault=vault,
            keys=KeyRing(vault),
            announce=self.backbone.announce,
            relayed_on_insert=self.backbone.relayed_on_insert,
        )
        self.deliveries = Deliveries(writer)
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        self.hub.loop = asyncio.get_running_loop()
        await self.backbone.start(self.hub)
        self._tasks = [
            asyncio.create_task(self._every(DELIVERY_FLUSH_SECONDS, self._flush)),
            asyncio.create_task(
                self._every(self.settings.messaging_escalation_poll_seconds, self._escalate)
            ),
        ]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await asyncio.to_thread(self.deliveries.flush)
        await self.backbone.stop()

    async def _flush(self) -> None:
        await asyncio.to_thread(self.deliveries.flush)

    async def _escalate(self) -> None:
        for item in await asyncio.to_thread(self.escalate_now):
            self.backbone.announce(item)

    def escalate_now(self) -> list[Event]:
        with unit_of_work(self.writer, viewer=SYSTEM) as session:
            return escalate_due(session)

    @staticmethod
    async def _every(seconds: float, job: Callable[[], Awaitable[None]]) -> None:
        while True:
            await asyncio.sleep(seconds)
            try:
                await job()
            except Exception:  # a failed round must not stop the loop for good
                log.exception("messaging background job failed")
