"""Flags that higher features attach to person hits, without screening importing them.

Screening sits below notices in the layers, yet a hit on a person with a published notice must
show the notice type and the action requested, and the requesting bureau must be told. The
composition root hands screening a ``PersonFlagger`` (notices provides it); screening only knows
this small shape.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from pydantic import BaseModel
from sqlalchemy.orm import Session


class NoticeFlag(BaseModel):
    notice_id: int
    notice_type: str
    entity_id: str | None
    action_requested: str
    requesting_bureau: str


PersonFlagger = Callable[[Session, Sequence[int]], Mapping[int, Sequence[NoticeFlag]]]


def no_flags(session: Session, person_ids: Sequence[int]) -> Mapping[int, Sequence[NoticeFlag]]:
    """The flagger of a deployment without notices (and of screening's own unit tests)."""
    return {}
