"""The words of the notices pages: vocabulary labels (from ``notices.labels``, which already
holds them in the four languages), compliance rules explained, and the notices service's
refusals in the user's language, next to the field they concern."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from amana.core.errors import AmanaError
from amana.notices.labels import VOCABULARIES
from amana.notices.schemas import CheckReport
from amana.notices.vocab import TYPE_RULES, CheckOutcome, NoticeType
from amana.web.errors import GENERAL, FieldErrors, Problem, from_service
from amana.web.i18n import N_, Translator

# The compliance rules (``notices.compliance.RULES``) by name, and what each outcome means.
RULE_LABELS = {
    "required_fields": N_("Required data"),
    "judicial_basis": N_("Judicial basis"),
    "minimum_identifiers": N_("Identifiers of the person"),
    "red_penalty_threshold": N_("Penalty threshold"),
    "neutrality": N_("Neutrality (Article 3)"),
    "private_dispute": N_("Private dispute"),
}
RULE_EXPLANATIONS = {
    "required_fields": N_("Data this type of request needs is missing."),
    "judicial_basis": N_(
        "A Red notice must state its judicial basis: the warrant or judgement, the charges and "
        "the penalty."
    ),
    "minimum_identifiers": N_(
        "Besides the family name, at least two further identifiers are needed: forename, date "
        "of birth, nationality, identity document, photograph or physical description."
    ),
    "red_penalty_threshold": N_(
        "For prosecution, the maximum penalty must be at least two years; for a sentence, at "
        "least six months must remain to be served."
    ),
    "neutrality": N_(
        "Some wording may give the request a political, military, religious or racial "
        "character. The reviewer decides."
    ),
    "private_dispute": N_(
        "Some wording is that of a private, family, commercial or civil matter. The reviewer "
        "decides."
    ),
}
# The form's inputs each rule reads, so that a failure is shown next to the one to fill (the
# first empty one). ``required_fields`` reads the type's own list (``TYPE_RULES``).
RULE_INPUTS = {
    "judicial_basis": (
        "judicial.warrant.issuing_authority",
        "judicial.warrant.issued_on",
        "judicial.warrant.reference",
        "judicial.charges.0.charge",
        "judicial.charges.0.crime_category",
        "judicial.charges.0.facts",
        "judicial.charges.0.law",
        "judicial.penalty.purpose",
    ),
    "minimum_identifiers": (
        "subject.family_name",
        "subject.forename",
        "subject.date_of_birth",
        "subject.nationalities",
    ),
    "red_penalty_threshold": (
        "judicial.penalty.purpose",
        "judicial.penalty.max_penalty_months",
        "judicial.penalty.remaining_months",
    ),
}
REQUIRED_INPUTS = {"links.person": "link_person", "assets": "assets.0.description"}
OUTCOMES = {
    "pass": N_("Passed"),
    "fail": N_("Failed: blocks submission"),
    "flag": N_("Flagged for the reviewer"),
}
# History steps (``NoticeEvent.action``) and the reasons that are not in a vocabulary.
ACTIONS = {
    "create": N_("Drafted"),
    "submit": N_("Submitted"),
    "circulate": N_("Circulated"),
    "approve": N_("Approved and published"),
    "reject": N_("Rejected"),
    "request_info": N_("More information requested"),
    "cancel": N_("Cancelled"),
    "renew": N_("Renewed"),
    "consent": N_("Public extract consent changed"),
    "expire": N_("Expired"),
}
EVENT_REASONS = {
    "consent_given": N_("Consent to the public extract given"),
    "consent_withdrawn": N_("Consent to the public extract withdrawn"),
}
CODE_MESSAGES = {
    "notice.checks_failed": N_("The request fails compliance checks: see the results."),
    "notice.flags_unaddressed": N_(
        "The checks flagged this request: approving it needs a note saying why the flags do "
        "not apply."
    ),
    "notice.review_reason_required": N_(
        "To reject a request or ask for more information, give a reason and a note for the "
        "requesting bureau."
    ),
    "notice.invalid_link": N_(
        "A linked record is not allowed for this type of notice, or is not shared with your bureau."
    ),
    "notice.invalid_transition": N_("This cannot be done in the request's current status."),
    "notice.consent_not_applicable": N_("Only Red, Yellow and UN notices have public extracts."),
    "notice.addressees_invalid": N_("A diffusion is sent to other bureaus, not your own."),
    "notice.attachment_missing": N_("Choose a file."),
    "notice.attachment_empty": N_("The file is empty."),
    "notice.attachment_too_large": N_("The file is too large: 5 MB at most."),
    "notice.attachment_type": N_(
        "This kind of file is not accepted: JPEG or PNG for a photograph; PDF, JPEG or PNG for a "
        "warrant or a document."
    ),
    "notice.attachment_content": N_("The file's content is not of the type its name says."),
}
SEX = {"M": N_("Male"), "F": N_("Female"), "U": N_("Unknown")}
# The request's small fixed choices (``notices.schemas`` literals) and the record kinds linked.
CHOICES = {
    "arrest_warrant": N_("Arrest warrant"),
    "judgement": N_("Judgement"),
    "prosecution": N_("Prosecution"),
    "sentence": N_("Sentence to serve"),
    "person": N_("Person"),
    "object": N_("Object"),
    "event": N_("Event"),
    "process": N_("Process"),
    "property": N_("Property"),
    "vehicle": N_("Vehicle"),
    "bank_account": N_("Bank account"),
    "company": N_("Company"),
    "other": N_("Other"),
    "travel_document": N_("Travel document"),
    "firearm": N_("Firearm"),
    "artwork": N_("Work of art"),
    "photo": N_("Photograph"),
    "warrant": N_("Copy of the warrant"),
    "document": N_("Document"),
}


def vocab_label(tr: Translator, vocabulary: str, code: Any) -> str:
    """A code of a notices vocabulary (``types``, ``statuses``…) in the user's language."""
    if code is None or code == "":
        return ""
    for key, labels in VOCABULARIES[vocabulary].items():
        if str(key) == str(code):
            return labels.get(tr.language) or labels["en"]
    return str(code)


def rule_label(tr: Translator, rule: str) -> str:
    return tr.text(RULE_LABELS[rule]) if rule in RULE_LABELS else rule


def rule_explanation(tr: Translator, rule: str) -> str:
    return tr.text(RULE_EXPLANATIONS[rule]) if rule in RULE_EXPLANATIONS else ""


def event_action(tr: Translator, action: str) -> str:
    return tr.text(ACTIONS[action]) if action in ACTIONS else action


def event_reason(tr: Translator, reason: str | None) -> str:
    if not reason:
        return ""
    if reason in EVENT_REASONS:
        return tr.text(EVENT_REASONS[reason])
    for vocabulary in ("review_reasons", "cancel_reasons"):
        found = vocab_label(tr, vocabulary, reason)
        if found != reason:
            return found
    return reason


def problems(error: AmanaError, tr: Translator, known: Collection[str]) -> FieldErrors:
    """The refusal next to its field, in the user's language; the service's English detail
    stays beside it."""
    found = from_service(error, tr, known)
    message = CODE_MESSAGES.get(error.code)
    if message is None:
        return found
    return {key: [Problem(tr.text(message), p.detail) for p in ps] for key, ps in found.items()}


def required_inputs(notice_type: NoticeType) -> frozenset[str]:
    """The inputs of the form a submission of this type cannot do without."""
    listed = (REQUIRED_INPUTS.get(p, p) for p in TYPE_RULES[notice_type].required)
    judicial = RULE_INPUTS["judicial_basis"] if notice_type is NoticeType.RED else ()
    return frozenset((*listed, *judicial))


def _input_for(rule: str, notice_type: NoticeType, values: dict[str, Any]) -> str:
    if rule == "red_penalty_threshold":
        purpose = values.get("judicial.penalty.purpose")
        if not purpose:
            return "judicial.penalty.purpose"
        return (
            f"judicial.penalty.{'max_penalty' if purpose == 'prosecution' else 'remaining'}_months"
        )
    if rule == "required_fields":
        candidates = tuple(REQUIRED_INPUTS.get(p, p) for p in TYPE_RULES[notice_type].required)
    else:
        candidates = RULE_INPUTS.get(rule, ())
    empty = [name for name in candidates if not values.get(name)]
    return (empty or [*candidates, GENERAL])[0]


def check_problems(
    report: CheckReport, tr: Translator, notice_type: NoticeType, values: dict[str, Any]
) -> FieldErrors:
    """Each failed check next to the input to fill, as its rule explained in the user's
    language (the results list keeps every check)."""
    found: FieldErrors = {}
    for result in report.results:
        if result.outcome is CheckOutcome.FAIL:
            text = f"{rule_label(tr, result.rule)}: {rule_explanation(tr, result.rule)}"
            found.setdefault(_input_for(result.rule, notice_type, values), []).append(Problem(text))
    return found


def words(tr: Translator) -> dict[str, Any]:
    """What the notices templates call to name codes."""
    return {
        "nl": lambda vocabulary, code: vocab_label(tr, vocabulary, code),
        "rule_label": lambda rule: rule_label(tr, rule),
        "rule_explanation": lambda rule: rule_explanation(tr, rule),
        "outcome_label": lambda code: tr.text(OUTCOMES[code]) if code in OUTCOMES else code,
        "event_action": lambda action: event_action(tr, action),
        "event_reason": lambda reason: event_reason(tr, reason),
        "sex_label": lambda code: tr.text(SEX[code]) if code in SEX else (code or ""),
        "choice_label": lambda code: tr.text(CHOICES[code]) if code in CHOICES else code,
    }
