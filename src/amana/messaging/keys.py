"""Bureau key registry: signing keys the server holds for a bureau (wrapped by the master key),
public keys a bureau's own system registers for end-to-end mode, and rotation.

The newest version of a bureau's keys is the active one; rotation adds a version and retires
the previous one without deleting it, so every message stays verifiable with the version it
names.
"""

from __future__ import annotations

import threading

import nacl.signing
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from amana.audit import service as audit
from amana.core.db import utcnow
from amana.core.principal import Permission, Principal
from amana.messaging import crypto
from amana.messaging.errors import MessageNotFound, MessageRefused
from amana.messaging.models import BureauKey
from amana.messaging.schemas import KeyRegister

SERVER, BUREAU = "server", "bureau"
ACTIVE_KEYS = "amana.messaging.active_keys"


def _context(bureau: str, version: int) -> bytes:
    return f"amana:bureau-key:{bureau}:{version}".encode()


class KeyRing:
    def __init__(self, vault: crypto.Vault) -> None:
        self._vault = vault
        self._lock = threading.Lock()
        # Unwrapped signing keys by their public key: the active row is read on every send (one
        # indexed look-up, so a rotation by any node applies at once), the unwrapping is not.
        self._unwrapped: dict[tuple[str, int, str], nacl.signing.SigningKey] = {}

    def signing_key(self, session: Session, bureau: str) -> tuple[int, nacl.signing.SigningKey]:
        """The bureau's active server-held key, created on first use."""
        # Read once per transaction: a batch of messages signs with one key.
        known: dict[str, BureauKey] = session.info.setdefault(ACTIVE_KEYS, {})
        key = known.get(bureau) or active(session, bureau)
        if key is None:
            try:
                key = self._create(session, bureau, "system", 1)
            except IntegrityError:  # another node created it first
                key = active(session, bureau)
                assert key is not None
        if key.custody != SERVER or key.sign_secret_wrapped is None:
            raise MessageRefused(
                f"bureau {bureau} holds its own keys (end-to-end mode): its system must sign "
                "and encrypt, and send through POST /messages/e2e",
                code="message.e2e_only",
            )
        known[bureau] = key
        cache_key = (bureau, key.version, key.sign_public)
        with self._lock:
            signing = self._unwrapped.get(cache_key)
        if signing is None:
            secret = self._vault.unwrap(key.sign_secret_wrapped, _context(bureau, key.version))
            signing = nacl.signing.SigningKey(secret)
            with self._lock:
                self._unwrapped[cache_key] = signing
        return key.version, signing

    def public_key(self, session: Session, bureau: str, version: int) -> str:
        found = session.scalar(
            select(BureauKey.sign_public).where(
                BureauKey.bureau == bureau, BureauKey.version == version
            )
        )
        if found is None:
            raise MessageNotFound(
                f"bureau {bureau} has no key version {version}", code="message.unknown_key"
            )
        return found

    def rotate(self, session: Session, *, principal: Principal, bureau: str) -> BureauKey:
        principal.require_bureau(
            bureau, Permission.MANAGE_BUREAU_USERS, Permission.MANAGE_ALL_USERS
        )
        current = active(session, bureau)
        key = self._create(session, bureau, principal.username, _next(current))
        _forget(session, bureau)
        _audit_key(session, principal, "message.key_rotate", key)
        return key

    def register(
        self, session: Session, *, principal: Principal, bureau: str, data: KeyRegister
    ) -> BureauKey:
        """A bureau's own system takes custody: from now on it signs and encrypts itself."""
        principal.require_bureau(
            bureau, Permission.MANAGE_BUREAU_USERS, Permission.MANAGE_ALL_USERS
        )
        if not (
            crypto.valid_public_key(data.sign_public) and crypto.valid_public_key(data.box_public)
        ):
            raise MessageRefused(
                "sign_public and box_public must be base64 of 32-byte Ed25519 and X25519 keys",
                code="message.bad_key",
            )
        current = active(session, bureau)
        if current is not None:
            current.retired_at = utcnow()
        key = BureauKey(
            bureau=bureau,
            version=_next(current),
            custody=BUREAU,
            sign_public=data.sign_public,
            box_public=data.box_public,
            created_by=principal.username,
        )
        session.add(key)
        session.flush()
        _forget(session, bureau)
        _audit_key(session, principal, "message.key_register", key)
        return key

    def _create(self, session: Session, bureau: str, by: str, version: int) -> BureauKey:
        signing = crypto.new_signing_key()
        previous = active(session, bureau)
        # A savepoint, so that losing a race to create the first key leaves the request usable.
        with session.begin_nested():
            if previous is not None:
                previous.retired_at = utcnow()
            key = BureauKey(
                bureau=bureau,
                version=version,
                custody=SERVER,
                sign_public=crypto.b64(bytes(signing.verify_key)),
                sign_secret_wrapped=self._vault.wrap(bytes(signing), _context(bureau, version)),
                created_by=by,
            )
            session.add(key)
        return key


def active(session: Session, bureau: str) -> BureauKey | None:
    return session.scalar(
        select(BureauKey)
        .where(BureauKey.bureau == bureau)
        .order_by(BureauKey.version.desc())
        .limit(1)
    )


def list_(session: Session, *, bureau: str) -> list[BureauKey]:
    return list(
        session.scalars(
            select(BureauKey).where(BureauKey.bureau == bureau).order_by(BureauKey.version)
        )
    )


def _forget(session: Session, bureau: str) -> None:
    session.info.get(ACTIVE_KEYS, {}).pop(bureau, None)


def _next(current: BureauKey | None) -> int:
    return 1 if current is None else current.version + 1


def _audit_key(session: Session, principal: Principal, action: str, key: BureauKey) -> None:
    audit.record(
        session,
        actor=principal,
        action=action,
        target_kind="bureau_key",
        target_ids=[f"{key.bureau}:{key.version}"],
        query={"custody": key.custody},
    )
