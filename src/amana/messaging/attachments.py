"""Attachment checks: size limit, an allowed content type, and the bytes must be what the label
says (a mislabelled executable is refused, not stored). The hash is of the plaintext."""

from __future__ import annotations

import binascii
from collections.abc import Callable
from dataclasses import dataclass

from amana.messaging import crypto
from amana.messaging.errors import AttachmentTooLarge, MessageRefused
from amana.messaging.schemas import AttachmentCreate


def _utf8_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return "\x00" not in text


def _starts(*prefixes: bytes) -> Callable[[bytes], bool]:
    return lambda data: data.startswith(prefixes)


SNIFFERS: dict[str, Callable[[bytes], bool]] = {
    "application/pdf": _starts(b"%PDF-"),
    "image/png": _starts(b"\x89PNG\r\n\x1a\n"),
    "image/jpeg": _starts(b"\xff\xd8\xff"),
    "image/gif": _starts(b"GIF87a", b"GIF89a"),
    "image/tiff": _starts(b"II*\x00", b"MM\x00*"),
    "text/plain": _utf8_text,
    "text/csv": _utf8_text,
    "application/json": _utf8_text,
}


@dataclass(frozen=True)
class Checked:
    filename: str
    content_type: str
    data: bytes
    sha256: str


def check(items: list[AttachmentCreate], *, max_bytes: int, max_count: int) -> list[Checked]:
    if len(items) > max_count:
        raise MessageRefused(
            f"at most {max_count} attachments per message ({len(items)} given)",
            code="message.too_many_attachments",
        )
    return [_check_one(i, item, max_bytes) for i, item in enumerate(items)]


def _check_one(position: int, item: AttachmentCreate, max_bytes: int) -> Checked:
    where = f"attachment {position} ({item.filename!r})"
    # base64 is 4/3 of the bytes: refuse an oversize one before decoding it.
    if len(item.content_base64) > (max_bytes + 2) // 3 * 4 + 4:
        raise AttachmentTooLarge(
            f"{where} is larger than the limit of {max_bytes} bytes", max_bytes=max_bytes
        )
    try:
        data = crypto.unb64(item.content_base64)
    except (binascii.Error, ValueError) as error:
        raise MessageRefused(
            f"{where}: content_base64 is not valid base64", code="message.attachment_encoding"
        ) from error
    if len(data) > max_bytes:
        raise AttachmentTooLarge(
            f"{where} is {len(data)} bytes, over the limit of {max_bytes}", max_bytes=max_bytes
        )
    content_type = item.content_type.split(";")[0].strip().lower()
    sniff = SNIFFERS.get(content_type)
    if sniff is None:
        raise MessageRefused(
            f"{where}: content type {content_type!r} is not accepted; accepted: "
            f"{', '.join(sorted(SNIFFERS))}",
            code="message.attachment_type",
        )
    if not sniff(data):
        raise MessageRefused(
            f"{where} is labelled {content_type} but its bytes are not {content_type}",
            code="message.attachment_mislabelled",
        )
    return Checked(item.filename, content_type, data, crypto.sha256(data))
