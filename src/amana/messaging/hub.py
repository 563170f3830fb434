"""The connected clients of this process, by bureau, and fan-out of events to them.

Events may arrive twice (announced in-process and seen again by the store tail, or redelivered
by JetStream): the hub drops an event it has already dispatched.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict, defaultdict

from amana.messaging.events import Event

log = logging.getLogger("amana.messaging")
QUEUE_SIZE = 10_000
REMEMBERED = 50_000


class Hub:
    def __init__(self) -> None:
        self._subscribers: dict[str, set[asyncio.Queue[Event]]] = defaultdict(set)
        self._seen: OrderedDict[tuple[str, str, str], None] = OrderedDict()
        self.loop: asyncio.AbstractEventLoop | None = None

    def subscribe(self, bureau: str) -> asyncio.Queue[Event]:
        queue: asyncio.Queue[Event] = asyncio.Queue(QUEUE_SIZE)
        self._subscribers[bureau].add(queue)
        return queue

    def unsubscribe(self, bureau: str, queue: asyncio.Queue[Event]) -> None:
        self._subscribers[bureau].discard(queue)

    def connected(self, bureau: str) -> int:
        return len(self._subscribers.get(bureau, ()))

    def dispatch(self, item: Event) -> None:
        """Runs on the event loop."""
        key = (item.kind, item.message_id, repr(sorted(item.detail.items())))
        if key in self._seen:
            return
        self._seen[key] = None
        if len(self._seen) > REMEMBERED:
            self._seen.popitem(last=False)
        for bureau in item.bureaus:
            for queue in self._subscribers.get(bureau, ()):
                try:
                    queue.put_nowait(item)
                except asyncio.QueueFull:
                    # The client is not reading; it resumes from the store with Last-Event-ID.
                    log.warning("push queue full", extra={"bureau": bureau})

    def dispatch_threadsafe(self, item: Event) -> None:
        if self.loop is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self.dispatch, item)
