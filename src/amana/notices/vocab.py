"""The fixed vocabularies of notices: codes stored and sent over the API, and per-type facts.

Codes are stable machine values; their labels in the four official languages are in ``labels``.
``TYPE_RULES`` is the one table of what each type is for, what it must carry and which record
kinds it may reference: the compliance checks, the API and the documentation all read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

RETENTION = timedelta(days=5 * 365 + 1)
"""A published notice expires five years after publication (or its last renewal)."""


class NoticeType(StrEnum):
    RED = "red"
    YELLOW = "yellow"
    BLUE = "blue"
    BLACK = "black"
    GREEN = "green"
    ORANGE = "orange"
    PURPLE = "purple"
    SILVER = "silver"
    UN = "un"  # INTERPOL–United Nations Security Council Special Notice


class NoticeKind(StrEnum):
    NOTICE = "notice"  # reviewed by the secretariat, then published to every member bureau
    DIFFUSION = "diffusion"  # sent straight to chosen bureaus, checked after circulation


class NoticeStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    INFO_REQUESTED = "info_requested"
    CIRCULATED = "circulated"  # a diffusion sent to its addressees, awaiting its check
    PUBLISHED = "published"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class ActionRequested(StrEnum):
    ARREST = "arrest"
    LOCATE = "locate"
    INFORM = "inform"
    IDENTIFY = "identify"
    WARN = "warn"
    TRACE_ASSETS = "trace_assets"
    SANCTIONS = "sanctions"


class Language(StrEnum):
    AR = "ar"
    EN = "en"
    FR = "fr"
    ES = "es"


class CancelReason(StrEnum):
    LOCATED = "located"
    ARRESTED = "arrested"
    EXTRADITED = "extradited"
    WITHDRAWN = "withdrawn"
    PURPOSE_ACHIEVED = "purpose_achieved"


class ReviewDecision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    REQUEST_INFO = "request_info"


class ReviewReason(StrEnum):
    """Why a reviewer rejects a request or asks for more (approval needs none)."""

    NEUTRALITY = "neutrality"  # Article 3: political, military, religious or racial character
    HUMAN_RIGHTS = "human_rights"  # Article 2
    PRIVATE_DISPUTE = "private_dispute"
    INSUFFICIENT_IDENTIFIERS = "insufficient_identifiers"
    INSUFFICIENT_JUDICIAL_BASIS = "insufficient_judicial_basis"
    PENALTY_THRESHOLD = "penalty_threshold"
    DATA_QUALITY = "data_quality"
    OTHER = "other"


class CheckOutcome(StrEnum):
    PASS = "pass"  # noqa: S105  (an outcome, not a password)
    FAIL = "fail"  # blocks submission
    FLAG = "flag"  # shown to the reviewer, never blocks


class AttachmentKind(StrEnum):
    PHOTO = "photo"
    WARRANT = "warrant"
    DOCUMENT = "document"


class LinkKind(StrEnum):
    """Record kinds a notice may reference (``records.models.RECORD_TYPES`` keys)."""

    PERSON = "person"
    TRAVEL_DOCUMENT = "travel_document"
    VEHICLE = "vehicle"
    FIREARM = "firearm"
    ARTWORK = "artwork"


@dataclass(frozen=True)
class TypeRule:
    action: ActionRequested
    required: tuple[str, ...]
    """Paths into the request that must be filled (see ``compliance.required_fields``)."""
    links: frozenset[LinkKind]
    person_subject: bool
    """The notice is about a named person: minimum identifiers apply."""


_L = LinkKind
_PERSON_LINKS = frozenset({_L.PERSON, _L.TRAVEL_DOCUMENT})
TYPE_RULES: dict[NoticeType, TypeRule] = {
    NoticeType.RED: TypeRule(
        ActionRequested.ARREST,
        ("summary", "subject.family_name", "links.person"),
        _PERSON_LINKS | {_L.VEHICLE, _L.FIREARM},
        True,
    ),
    NoticeType.YELLOW: TypeRule(
        ActionRequested.LOCATE,
        ("summary", "subject.family_name", "links.person", "event.date", "event.place"),
        _PERSON_LINKS,
        True,
    ),
    NoticeType.BLUE: TypeRule(
        ActionRequested.INFORM,
        ("summary", "subject.family_name", "links.person"),
        _PERSON_LINKS | {_L.VEHICLE},
        True,
    ),
    NoticeType.BLACK: TypeRule(
        ActionRequested.IDENTIFY,
        ("summary", "event.date", "event.place", "event.description"),
        _PERSON_LINKS,
        False,
    ),
    NoticeType.GREEN: TypeRule(
        ActionRequested.WARN,
        ("summary", "subject.family_name", "links.person"),
        _PERSON_LINKS | {_L.VEHICLE, _L.FIREARM},
        True,
    ),
    NoticeType.ORANGE: TypeRule(
        ActionRequested.WARN,
        ("summary", "threat.kind", "threat.description"),
        frozenset(LinkKind),
        False,
    ),
    NoticeType.PURPLE: TypeRule(
        ActionRequested.INFORM,
        ("summary", "modus_operandi"),
        frozenset(LinkKind),
        False,
    ),
    NoticeType.SILVER: TypeRule(
        ActionRequested.TRACE_ASSETS,
        ("summary", "assets"),
        frozenset({_L.PERSON, _L.VEHICLE, _L.ARTWORK}),
        False,
    ),
    NoticeType.UN: TypeRule(
        ActionRequested.SANCTIONS,
        ("summary", "subject.family_name", "links.person", "un.reference", "un.resolution"),
        frozenset({_L.PERSON}),
        True,
    ),
}

PUBLIC_TYPES = frozenset({NoticeType.RED, NoticeType.YELLOW, NoticeType.UN})
"""Types that may have a public extract (with the requesting bureau's consent)."""

RED_MIN_PENALTY_MONTHS = 24
RED_MIN_REMAINING_MONTHS = 6
MIN_FURTHER_IDENTIFIERS = 2
"""Besides the family name, a person notice needs this many further identifiers."""

OPEN = frozenset({NoticeStatus.DRAFT, NoticeStatus.INFO_REQUESTED})
"""Statuses in which the requesting bureau may still edit the request."""
LIVE = frozenset({NoticeStatus.PUBLISHED, NoticeStatus.CIRCULATED})
"""Statuses in which a request reaches other bureaus (until it expires)."""
TERMINAL = frozenset({NoticeStatus.REJECTED, NoticeStatus.CANCELLED, NoticeStatus.EXPIRED})
