"""The one rule for replies, applied by every path that creates a message in a thread (a
server-mode send, a batch, an end-to-end relay): a reply stays in its parent's thread, never
loosens its handling code and, unless the thread is merely ``police_only``, goes only to the
thread's parties (the parent's sender and signed recipients)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from amana.core.principal import Principal
from amana.messaging.addressing import STRICTNESS
from amana.messaging.errors import MessageRefused
from amana.messaging.integrity import load_for, verify_and_open
from amana.messaging.schemas import HandlingCode
from amana.messaging.store import Tools


@dataclass(frozen=True)
class Thread:
    """What a reply must respect, read from the parent as it was signed."""

    thread_id: str
    handling: HandlingCode
    parties: frozenset[str]

    def stricter(self, requested: HandlingCode) -> HandlingCode:
        """The code a reply carries when its sender (Amana, in server mode) may still raise it."""
        return requested if STRICTNESS[requested] >= STRICTNESS[self.handling] else self.handling


def thread_of(session: Session, *, principal: Principal, tools: Tools, parent_id: str) -> Thread:
    """The parent's thread; a parent the caller may not read answers as unknown."""
    parent = verify_and_open(
        session, tools=tools, opened=load_for(session, principal=principal, message_id=parent_id)
    )
    message = parent.message
    return Thread(
        thread_id=message.thread_id,
        handling=HandlingCode(message.handling_code),
        parties=frozenset({message.sender_bureau, *parent.envelope["recipients"]}),
    )


def check_reply(thread: Thread, *, handling: HandlingCode, recipients: list[str]) -> None:
    if STRICTNESS[handling] < STRICTNESS[thread.handling]:
        raise MessageRefused(
            f"the thread is '{thread.handling.value}': a reply may not carry the looser "
            f"handling code '{handling.value}'",
            code="message.handling_reply_looser",
            handling_code=thread.handling.value,
        )
    if thread.handling is HandlingCode.POLICE_ONLY:
        return
    outside = sorted(set(recipients) - thread.parties)
    if outside:
        raise MessageRefused(
            f"the thread is '{thread.handling.value}': a reply may go only to its parties, not to "
            f"{', '.join(outside)}",
            code="message.handling_reply_scope",
            outside=outside,
        )
