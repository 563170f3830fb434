"""Signed checkpoints of the audit chain's head, kept outside the database it protects.

The hash chain shows an edited or deleted entry *between* two others, but not a deleted tail:
after the last entries are removed, what is left is still a valid chain. A checkpoint (seq,
hash, time) appended to a file the database does not hold remembers how far the chain went, so
``verify`` can name the entries missing after it.

Signed with HMAC-SHA256 under a key derived from ``AMANA_SECRET_KEY`` (domain-separated from
the chain's own key) rather than Ed25519: the only verifier is this installation, which holds
the secret anyway, and whoever holds it can rewrite the chain itself, so a public-key signature
would add no protection here; it would matter once checkpoints are exported to a third party
that must verify them without the secret.

Written after the transaction that appended the entry commits (never for an entry that might
still roll back): at every ``audit_checkpoint_every``-th entry, when the last checkpoint this
process wrote is older than ``audit_checkpoint_seconds``, and at each successful verify.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from amana.core.config import Settings
from amana.core.db import utcnow

log = logging.getLogger(__name__)

CHECKPOINTS_INFO = "audit_checkpoints"
_PENDING = "audit_checkpoint_pending"
_KEY_LABEL = b"amana audit checkpoints v1"


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    at: str


class CheckpointFile:
    """One append-only file of JSON lines: ``{"at", "hash", "mac", "seq"}``."""

    def __init__(self, path: Path, *, key: bytes, every: int, seconds: float) -> None:
        self.path = path
        self._key = hmac.new(key, _KEY_LABEL, hashlib.sha256).digest()
        self._every, self._seconds = every, seconds
        self._last_written = float("-inf")
        self._lock = threading.Lock()

    def due(self, seq: int) -> bool:
        return seq % self._every == 0 or time.monotonic() - self._last_written >= self._seconds

    def _mac(self, seq: int, head_hash: str, at: str) -> str:
        message = json.dumps([seq, head_hash, at], separators=(",", ":")).encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def append(self, seq: int, head_hash: str) -> Checkpoint:
        at = utcnow().isoformat(timespec="seconds")
        line = json.dumps(
            {"seq": seq, "hash": head_hash, "at": at, "mac": self._mac(seq, head_hash, at)},
            sort_keys=True,
        )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            # O_APPEND: one short write per line, so writers in several processes never
            # interleave; fsync, because a checkpoint lost in a crash anchors nothing.
            descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(descriptor, (line + "\n").encode())
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
            self._last_written = time.monotonic()
        return Checkpoint(seq, head_hash, at)

    def read(self) -> tuple[list[Checkpoint], list[str]]:
        """The checkpoints whose signature verifies, and a problem for each line that does not."""
        if not self.path.exists():
            return [], []
        found, problems = [], []
        for number, line in enumerate(self.path.read_text().splitlines(), start=1):
            checkpoint = self._parse(line)
            if checkpoint is None:
                problems.append(
                    f"checkpoint file {self.path} line {number} does not verify (forged or damaged)"
                )
            else:
                found.append(checkpoint)
        return found, problems

    def _parse(self, line: str) -> Checkpoint | None:
        try:
            data: dict[str, Any] = json.loads(line)
            checkpoint = Checkpoint(int(data["seq"]), str(data["hash"]), str(data["at"]))
            mac = str(data["mac"])
        except (ValueError, KeyError, TypeError):
            return None
        expected = self._mac(checkpoint.seq, checkpoint.hash, checkpoint.at)
        return checkpoint if hmac.compare_digest(mac, expected) else None


def install(factory: sessionmaker[Session], settings: Settings) -> CheckpointFile:
    """Sessions of ``factory`` checkpoint the entries they commit, and verify against them."""
    checkpoints = CheckpointFile(
        settings.audit_checkpoint_path,
        key=settings.audit_key,
        every=settings.audit_checkpoint_every,
        seconds=settings.audit_checkpoint_seconds,
    )
    factory.kw.setdefault("info", {})[CHECKPOINTS_INFO] = checkpoints
    event.listen(factory, "after_commit", _write_pending)
    event.listen(factory, "after_rollback", _forget_pending)
    return checkpoints


def of(session: Session) -> CheckpointFile | None:
    checkpoints = session.info.get(CHECKPOINTS_INFO)
    return checkpoints if isinstance(checkpoints, CheckpointFile) else None


def mark(session: Session, seq: int, entry_hash: str) -> None:
    """Called for each appended entry: remember a checkpoint to write once this commits."""
    checkpoints = of(session)
    if checkpoints is not None and checkpoints.due(seq):
        session.info[_PENDING] = (seq, entry_hash)


def _write_pending(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    checkpoints = of(session)
    if pending is None or checkpoints is None:
        return
    try:
        checkpoints.append(*pending)
    except OSError:
        # The entry is stored; only its anchor is missing, and the next checkpoint covers it.
        log.exception("could not write the audit checkpoint to %s", checkpoints.path)


def _forget_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)
