"""Signatures, envelope encryption and blind search terms, all from libsodium (PyNaCl).

- Every message is signed with its sending bureau's Ed25519 key over a canonical JSON envelope
  that names the content by its SHA-256; anyone with the bureau's public key can verify it.
- Server mode: content is encrypted with a fresh per-message data key (XChaCha20-Poly1305); the
  data key is wrapped by the master key, which lives in the settings, never in the database.
- The content carries a random salt, so the content hash in the clear envelope cannot be used
  to confirm a guessed subject or body.
- Search terms are keyed BLAKE2b hashes (a blind index): equal words give equal terms, but a
  copy of the database without the key cannot tell which words.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from typing import Any

import nacl.bindings
import nacl.exceptions
import nacl.hash
import nacl.public
import nacl.secret
import nacl.signing
from nacl.encoding import RawEncoder

from amana.core.config import Settings

KEY_BYTES = nacl.secret.Aead.KEY_SIZE
TERM_HEX = 16  # 64-bit terms: collisions only widen a search, and leak less than full hashes


class CryptoFailure(Exception):
    """A ciphertext failed authentication, or a key could not be unwrapped."""


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode(), validate=True)


def canonical(value: Any) -> bytes:
    """One byte string per JSON value, so signer and verifier hash the same bytes."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def salt() -> str:
    return b64(secrets.token_bytes(16))


def seal(key: bytes, plaintext: bytes, context: bytes) -> bytes:
    """XChaCha20-Poly1305 with ``context`` as associated data: a ciphertext moved to another
    row or another message no longer authenticates."""
    return bytes(nacl.secret.Aead(key).encrypt(plaintext, context))


def unseal(key: bytes, ciphertext: bytes, context: bytes) -> bytes:
    try:
        return bytes(nacl.secret.Aead(key).decrypt(ciphertext, context))
    except (nacl.exceptions.CryptoError, ValueError) as error:
        raise CryptoFailure(str(error)) from error


class Vault:
    """Holds the master key (from settings) and the blind-index key derived beside it."""

    def __init__(self, master: bytes) -> None:
        if len(master) < KEY_BYTES:
            raise ValueError("the messaging master key needs at least 32 bytes of secret")
        self._wrap_key = _derive(master, b"amana:msg:wrap")
        self._index_key = _derive(master, b"amana:msg:index")

    @classmethod
    def from_settings(cls, settings: Settings) -> Vault:
        dedicated = settings.messaging_master_key.get_secret_value()
        secret = dedicated or settings.secret_key.get_secret_value()
        # Demo mode may run with a short secret; pad deterministically so the demo still works.
        return cls(secret.encode().ljust(KEY_BYTES, b"\0"))

    def wrap(self, key: bytes, context: bytes) -> bytes:
        return seal(self._wrap_key, key, context)

    def unwrap(self, wrapped: bytes, context: bytes) -> bytes:
        return unseal(self._wrap_key, wrapped, context)

    def term(self, word: str) -> str:
        digest = nacl.hash.blake2b(
            word.encode(), key=self._index_key, digest_size=16, encoder=RawEncoder
        )
        return digest.hex()[:TERM_HEX]


def _derive(master: bytes, label: bytes) -> bytes:
    """A sub-key per purpose (BLAKE2b keyed with the master secret, personalised by label)."""
    key = nacl.hash.blake2b(master, digest_size=32, encoder=RawEncoder)
    return bytes(
        nacl.hash.blake2b(b"", key=key, person=label[:16], digest_size=32, encoder=RawEncoder)
    )


# -- signatures ---------------------------------------------------------------------------------


def new_signing_key() -> nacl.signing.SigningKey:
    return nacl.signing.SigningKey.generate()


def sign(key: nacl.signing.SigningKey, data: bytes) -> str:
    return b64(key.sign(data).signature)


def verify(public_key: str, data: bytes, signature: str) -> bool:
    try:
        nacl.signing.VerifyKey(unb64(public_key)).verify(data, unb64(signature))
    except (nacl.exceptions.BadSignatureError, ValueError):
        return False
    return True


def valid_public_key(text: str) -> bool:
    try:
        return len(unb64(text)) == nacl.bindings.crypto_sign_PUBLICKEYBYTES
    except ValueError:
        return False


# -- end-to-end mode: helpers a bureau's own system would use (and the tests do) -----------


def seal_for(box_public: str, data_key: bytes) -> bytes:
    """The data key sealed to a bureau's X25519 key: only that bureau's system can open it."""
    return bytes(nacl.public.SealedBox(nacl.public.PublicKey(unb64(box_public))).encrypt(data_key))


def open_sealed(box_secret: nacl.public.PrivateKey, sealed: bytes) -> bytes:
    try:
        return bytes(nacl.public.SealedBox(box_secret).decrypt(sealed))
    except nacl.exceptions.CryptoError as error:
        raise CryptoFailure(str(error)) from error
