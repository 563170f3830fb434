"""Refusals of the messaging feature. Every one is a security event, so the HTTP face audits it
in a transaction of its own while the refused request stores nothing."""

from __future__ import annotations

from amana.core.errors import AmanaError, NotVisible


class MessageRefused(AmanaError):
    status = 422
    code = "message.invalid"
    title = "Message refused"
    security_event = True


class MessageForbidden(AmanaError):
    status = 403
    code = "message.forbidden"
    title = "Permission denied"
    security_event = True


class MessageConflict(AmanaError):
    status = 409
    code = "message.conflict"
    title = "Conflict"
    security_event = True


class MessageNotFound(NotVisible):
    """Another bureau's message reads exactly as a missing one (and is audited as a refusal)."""

    code = "message.not_found"


class AttachmentTooLarge(AmanaError):
    status = 413
    code = "message.attachment_too_large"
    title = "Attachment too large"
    security_event = True


class MessageTampered(AmanaError):
    """Stored content no longer authenticates: edited behind Amana's back."""

    status = 409
    code = "message.tampered"
    title = "Message integrity failure"
    security_event = True
