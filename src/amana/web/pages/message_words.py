"""The words of the messages pages: statuses, priorities, handling codes and reference kinds in
the user's language, and the messaging service's refusals next to the field they concern.

Every messaging refusal is a security event. The API audits it from its error handler in a
transaction of its own; a page that shows the refusal next to a field instead of raising it
records the same ``access.denied`` entry itself (``refused``), after rolling back the refused
change, so the audit trail is the same whichever face was used.
"""

from __future__ import annotations

from typing import Any

from babel import Locale

from amana.audit import service as audit
from amana.bureaus.members import REGION_LABELS, Region
from amana.core.errors import AmanaError
from amana.messaging.addressing import MEMBERS, REGIONS
from amana.messaging.schemas import HandlingCode, Priority, ReferenceKind, Status
from amana.web.context import Page
from amana.web.errors import GENERAL, FieldErrors, Problem
from amana.web.i18n import N_, Translator

STATUSES = {
    "sent": N_("Sent"),
    "delivered": N_("Delivered"),
    "read": N_("Read"),
    "acknowledged": N_("Acknowledged"),
}
PRIORITIES = {"urgent": N_("Urgent"), "routine": N_("Routine")}
HANDLING = {
    "police_only": N_("Police only"),
    "no_further_dissemination": N_("No further dissemination"),
    "named_recipients_only": N_("Named recipients only"),
}
HANDLING_HINTS = {
    "police_only": N_("Police services may pass it on to other police services."),
    "no_further_dissemination": N_("Only the sender may pass it on to others."),
    "named_recipients_only": N_("Only the bureaus named may read it; it may not be forwarded."),
}
REFERENCE_KINDS = {"case": N_("Case"), "notice": N_("Notice"), "record": N_("Record")}
# Languages a message may be written in (the interface's four and other common ones).
CONTENT_LANGUAGES = ("ar", "en", "es", "fr", "de", "it", "pt", "ru", "zh", "tr", "fa", "ur")

TO = "to.bureaus"
ATTACHMENTS = "attachments"
CODES: dict[str, tuple[str, str]] = {
    "message.unknown_recipient": (TO, N_("Unknown bureau code.")),
    "message.unknown_region": ("to.regions", N_("Unknown region.")),
    "message.no_recipient": (TO, N_("Choose at least one recipient other than your own bureau.")),
    "message.handling_named_only": (
        "handling_code",
        N_(
            "A message for named recipients only must name each bureau: no region and not all "
            "member bureaus."
        ),
    ),
    "message.handling_reply_scope": (
        TO,
        N_("This thread is restricted: a reply may go only to the bureaus already in it."),
    ),
    "message.handling_no_forward": (
        TO,
        N_("This message is for its named recipients only: it may not be forwarded."),
    ),
    "message.handling_needs_consent": (
        TO,
        N_("This message may not be passed on without the consent of the bureau that sent it."),
    ),
    "message.e2e_forward": (
        GENERAL,
        N_("An end-to-end encrypted message can be forwarded only by your bureau's own system."),
    ),
    "message.attachment_too_large": (ATTACHMENTS, N_("A file is larger than the limit.")),
    "message.attachment_type": (
        ATTACHMENTS,
        N_("This type of file is not accepted: PDF, PNG, JPEG, GIF, TIFF, text, CSV or JSON."),
    ),
    "message.attachment_mislabelled": (
        ATTACHMENTS,
        N_("The content of a file is not what its type says."),
    ),
    "message.attachment_encoding": (ATTACHMENTS, N_("A file could not be read.")),
    "message.too_many_attachments": (ATTACHMENTS, N_("Too many files for one message.")),
    "message.idempotency_conflict": (
        GENERAL,
        N_("This form has already sent another message. Open a new form to send a new one."),
    ),
    "message.idempotency_in_flight": (
        GENERAL,
        N_("This message is being sent right now: look in the sent box in a moment."),
    ),
    "message.not_addressee": (
        GENERAL,
        N_("Only a bureau the message is addressed to may do this."),
    ),
}


def problems(error: AmanaError, tr: Translator) -> FieldErrors:
    """The refusal next to its field, in the user's language, with the service's English."""
    known = CODES.get(error.code)
    if known is None:
        return {GENERAL: [Problem(tr.text(N_("This request was refused.")), error.detail)]}
    name, message = known
    return {name: [Problem(tr.text(message), error.detail)]}


def refused(page: Page, error: AmanaError) -> FieldErrors:
    """Roll back the refused change, audit the refusal as the API would, and say why."""
    page.abandon()
    if error.security_event:
        request = page.request
        audit.record(
            page.session,
            actor=page.principal,
            action="access.denied",
            outcome=audit.DENIED,
            target_kind="endpoint",
            target_ids=[f"{request.method} {request.url.path}"],
            query={"code": error.code},
            detail=error.detail,
        )
    return problems(error, page.tr)


def bureau_choices(tr: Translator, *, own: str) -> list[tuple[str, str]]:
    """Every member bureau but the user's own, as (code, name in the user's language), by
    name."""
    names = Locale.parse(tr.language).territories
    return sorted(
        ((code, names.get(code, code)) for code in MEMBERS if code != own),
        key=lambda c: c[1].casefold(),
    )


def language_name(tr: Translator, code: str) -> str:
    return str(Locale.parse(tr.language).languages.get(code, code))


def words(tr: Translator) -> dict[str, Any]:
    """The labelling functions the messages templates use."""

    def pick(table: dict[str, str]) -> Any:
        return lambda code: tr.text(table[str(code)]) if str(code) in table else str(code)

    return {
        "status_label": pick(STATUSES),
        "priority_label": pick(PRIORITIES),
        "handling_label": pick(HANDLING),
        "handling_hint": pick(HANDLING_HINTS),
        "reference_label": pick(REFERENCE_KINDS),
        "region_label": lambda code: REGION_LABELS[Region(code)].get(tr.language, code),
        "language_name": lambda code: language_name(tr, code),
        "handling_codes": [h.value for h in HandlingCode],
        "priorities": [p.value for p in Priority],
        "reference_kinds": [k.value for k in ReferenceKind],
        "regions": sorted(REGIONS),
        "unread_statuses": (Status.SENT, Status.DELIVERED),
    }
