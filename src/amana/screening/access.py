"""Who may see an indexed record: its owner, rule and listed bureaus, kept beside the entry."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Access:
    owner: str
    rule: str
    listed: frozenset[str]
