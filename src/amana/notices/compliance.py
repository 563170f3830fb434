"""Automated compliance checks, run before the secretariat sees a request.

Each rule is a function of the request returning one ``CheckResult``: ``pass``, ``fail`` (blocks
submission) or ``flag`` (stored with the submission and shown to the reviewer; never blocks),
with a reason a person can act on. The docstring of each rule is its documented rule: the API's
vocabulary endpoint and the README list them from ``RULES``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from amana.notices.schemas import CheckReport, CheckResult, NoticeContent
from amana.notices.screen import NEUTRALITY_TERMS, PRIVATE_DISPUTE_TERMS, find_terms
from amana.notices.vocab import (
    MIN_FURTHER_IDENTIFIERS,
    RED_MIN_PENALTY_MONTHS,
    RED_MIN_REMAINING_MONTHS,
    TYPE_RULES,
    CheckOutcome,
    LinkKind,
    NoticeKind,
    NoticeType,
)


@dataclass(frozen=True)
class PersonFacts:
    """What the linked person records add to the notice's own subject data."""

    dates_of_birth: bool = False
    nationalities: bool = False
    identity_documents: bool = False
    photos: bool = False


@dataclass(frozen=True)
class Request:
    notice_type: NoticeType
    kind: NoticeKind
    content: NoticeContent
    link_kinds: frozenset[str] = frozenset()
    addressees: tuple[str, ...] = ()
    person: PersonFacts = field(default_factory=PersonFacts)
    photos: int = 0


Rule = Callable[[Request], CheckResult]
_PASS, _FAIL, _FLAG = CheckOutcome.PASS, CheckOutcome.FAIL, CheckOutcome.FLAG

_DESCRIBED = {
    "summary": "summary (the facts of the case)",
    "subject.family_name": "subject.family_name (the person's family name)",
    "links.person": "a linked person record (links: record_kind 'person')",
    "event.date": "event.date",
    "event.place": "event.place",
    "event.description": "event.description",
    "threat.kind": "threat.kind (person, object, event or process)",
    "threat.description": "threat.description",
    "modus_operandi": "modus_operandi",
    "assets": "assets (or a linked vehicle or work of art)",
    "un.reference": "un.reference (e.g. QDi.123)",
    "un.resolution": "un.resolution (e.g. 1267)",
}


def _filled(request: Request, path: str) -> bool:
    if path == "links.person":
        return LinkKind.PERSON in request.link_kinds
    if path == "assets":
        objects = {LinkKind.VEHICLE, LinkKind.ARTWORK}
        return bool(request.content.assets) or not objects.isdisjoint(request.link_kinds)
    value: Any = request.content
    for part in path.split("."):
        value = getattr(value, part, None) if value is not None else None
    return value not in (None, "", [])


def required_fields(request: Request) -> CheckResult:
    """Every type carries the data its purpose needs (``vocab.TYPE_RULES``); a diffusion names
    at least one addressee bureau."""
    rule = TYPE_RULES[request.notice_type]
    missing = [_DESCRIBED[p] for p in rule.required if not _filled(request, p)]
    if request.kind is NoticeKind.DIFFUSION and not request.addressees:
        missing.append("addressees (the bureaus the diffusion is sent to)")
    if missing:
        return CheckResult(
            rule="required_fields",
            outcome=_FAIL,
            reason=f"a {request.notice_type} {request.kind} needs: {'; '.join(missing)}",
        )
    return CheckResult(rule="required_fields", outcome=_PASS, reason="all required data present")


def judicial_basis(request: Request) -> CheckResult:
    """A Red request states its judicial basis: the arrest warrant or judgement (issuing
    authority, date, reference), each charge with its facts and the applicable law, and the
    penalty."""
    if request.notice_type is not NoticeType.RED:
        return CheckResult(rule="judicial_basis", outcome=_PASS, reason="not required")
    judicial = request.content.judicial
    missing = []
    if judicial is None or judicial.warrant is None:
        missing.append("judicial.warrant (kind, issuing_authority, issued_on, reference)")
    if judicial is None or not judicial.charges:
        missing.append("judicial.charges (each with charge, facts, law and crime_category)")
    if judicial is None or judicial.penalty is None:
        missing.append("judicial.penalty (purpose and the penalty or the sentence left)")
    if missing:
        return CheckResult(
            rule="judicial_basis",
            outcome=_FAIL,
            reason=f"a Red request must state its judicial basis; missing: {'; '.join(missing)}",
        )
    return CheckResult(rule="judicial_basis", outcome=_PASS, reason="judicial basis stated")


def minimum_identifiers(request: Request) -> CheckResult:
    """A notice about a named person carries the family name and at least two further
    identifiers among forename, date of birth, nationality, identity document, photograph and
    physical description; linked person records count."""
    if not TYPE_RULES[request.notice_type].person_subject:
        return CheckResult(rule="minimum_identifiers", outcome=_PASS, reason="not required")
    subject, person = request.content.subject, request.person
    present = {
        "forename": bool(subject and subject.forename and subject.forename != "-"),
        "date of birth": bool(subject and subject.date_of_birth) or person.dates_of_birth,
        "nationality": bool(subject and subject.nationalities) or person.nationalities,
        "identity document": bool(subject and subject.identity_documents)
        or person.identity_documents,
        "photograph": request.photos > 0 or person.photos,
        "physical description": bool(
            subject and (subject.height_m or subject.eye_colours or subject.distinguishing_marks)
        ),
    }
    have = [name for name, ok in present.items() if ok]
    lacking = [name for name, ok in present.items() if not ok]
    if not (subject and subject.family_name):
        reason = "the person's family name (subject.family_name) is missing"
    elif len(have) < MIN_FURTHER_IDENTIFIERS:
        reason = (
            f"besides the family name, {MIN_FURTHER_IDENTIFIERS} further identifiers are needed; "
            f"found {len(have)} ({', '.join(have) or 'none'}); add one of: {', '.join(lacking)}"
        )
    else:
        return CheckResult(
            rule="minimum_identifiers",
            outcome=_PASS,
            reason=f"family name plus {', '.join(have)}",
        )
    return CheckResult(rule="minimum_identifiers", outcome=_FAIL, reason=reason)


def red_penalty_threshold(request: Request) -> CheckResult:
    """Red: the offence is punishable by at least two years' deprivation of liberty
    (prosecution), or at least six months of the sentence remain to be served."""
    judicial = request.content.judicial
    penalty = judicial.penalty if judicial else None
    if request.notice_type is not NoticeType.RED:
        return CheckResult(rule="red_penalty_threshold", outcome=_PASS, reason="not required")
    if penalty is None:
        return CheckResult(
            rule="red_penalty_threshold",
            outcome=_FAIL,
            reason="judicial.penalty is missing, so the threshold cannot be checked",
        )
    if penalty.life:
        return CheckResult(rule="red_penalty_threshold", outcome=_PASS, reason="life sentence")
    if penalty.purpose == "prosecution":
        months, minimum, what = (
            penalty.max_penalty_months,
            RED_MIN_PENALTY_MONTHS,
            "maximum penalty",
        )
    else:
        months, minimum, what = penalty.remaining_months, RED_MIN_REMAINING_MONTHS, "sentence left"
    if months is None or months < minimum:
        stated = "not stated" if months is None else f"{months} months"
        return CheckResult(
            rule="red_penalty_threshold",
            outcome=_FAIL,
            reason=f"for {penalty.purpose} the {what} must be at least {minimum} months; "
            f"it is {stated}",
        )
    return CheckResult(
        rule="red_penalty_threshold", outcome=_PASS, reason=f"{what} {months} months"
    )


def _wording(content: NoticeContent) -> str:
    parts = [content.summary, content.modus_operandi]
    if content.judicial:
        for charge in content.judicial.charges:
            parts += [charge.charge, charge.facts, charge.law, charge.charge_translation]
    for part in (content.event, content.threat):
        parts.append(part.description if part else None)
    parts.append(content.un.summary if content.un else None)
    parts.append(content.subject.profession if content.subject else None)
    parts += [asset.description for asset in content.assets]
    return "\n".join(p for p in parts if p)


def neutrality(request: Request) -> CheckResult:
    """Article 3 of the Constitution: wording suggesting a political, military, religious or
    racial character is flagged for the reviewer (never refused automatically)."""
    text = _wording(request.content)
    found = {c: find_terms(text, terms) for c, terms in NEUTRALITY_TERMS.items()}
    found = {c: terms for c, terms in found.items() if terms}
    if not found:
        return CheckResult(rule="neutrality", outcome=_PASS, reason="no such wording found")
    described = "; ".join(f"{c}: {', '.join(t)}" for c, t in found.items())
    return CheckResult(
        rule="neutrality",
        outcome=_FLAG,
        reason=f"wording that may give the request a {'/'.join(found)} character (Article 3): "
        f"{described}; the reviewer decides",
        matches=[t for terms in found.values() for t in terms],
    )


def private_dispute(request: Request) -> CheckResult:
    """Wording of private, family, commercial or civil matters (debts, cheques, contracts,
    divorce, custody, inheritance…) is flagged: such matters are not ordinary-law crimes for
    the organisation's channels."""
    found = find_terms(_wording(request.content), PRIVATE_DISPUTE_TERMS)
    if not found:
        return CheckResult(rule="private_dispute", outcome=_PASS, reason="no such wording found")
    return CheckResult(
        rule="private_dispute",
        outcome=_FLAG,
        reason=f"wording of a private dispute: {', '.join(found)}; the reviewer decides",
        matches=found,
    )


RULES: tuple[Rule, ...] = (
    required_fields,
    judicial_basis,
    minimum_identifiers,
    red_penalty_threshold,
    neutrality,
    private_dispute,
)


def run(request: Request) -> CheckReport:
    results = [rule(request) for rule in RULES]
    return CheckReport(
        passed=all(r.outcome is not _FAIL for r in results),
        flagged=any(r.outcome is _FLAG for r in results),
        results=results,
    )


def documented_rules() -> dict[str, str]:
    """Each rule's name and its documented rule (the docstring, on one line)."""
    return {rule.__name__: " ".join((rule.__doc__ or "").split()) for rule in RULES}
