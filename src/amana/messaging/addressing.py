"""Who a message goes to, and whether its handling code lets it go there.

Addressees are expanded to bureau codes when the message is sent (a region or "all members"
means the bureaus that are members at that moment), and the expanded list is what the sender
signs, so receipts and visibility never depend on later membership changes.
"""

from __future__ import annotations

from amana.bureaus.members import MEMBERS_BY_REGION, Region
from amana.core.principal import GENERAL_SECRETARIAT
from amana.messaging.errors import MessageForbidden, MessageRefused
from amana.messaging.schemas import Addressees, HandlingCode

MEMBERS = frozenset(code for codes in MEMBERS_BY_REGION.values() for code in codes)
KNOWN = MEMBERS | {GENERAL_SECRETARIAT}
REGIONS = {region.value: region for region in Region if region is not Region.SECRETARIAT}
STRICTNESS = {code: rank for rank, code in enumerate(HandlingCode)}


def expand(to: Addressees, *, sender: str, handling: HandlingCode) -> list[str]:
    """Bureau codes addressed, without the sender, refusing unknown codes and regions."""
    unknown = sorted({code for code in to.bureaus if code not in KNOWN})
    if unknown:
        raise MessageRefused(
            f"unknown recipient bureau(s): {', '.join(unknown)} (use ISO 3166-1 alpha-2 codes "
            "of member countries, or XG for the General Secretariat)",
            code="message.unknown_recipient",
            unknown=unknown,
        )
    bad_regions = sorted({r for r in to.regions if r not in REGIONS})
    if bad_regions:
        raise MessageRefused(
            f"unknown region(s): {', '.join(bad_regions)}; known: {', '.join(sorted(REGIONS))}",
            code="message.unknown_region",
            unknown=bad_regions,
        )
    if handling is HandlingCode.NAMED_RECIPIENTS_ONLY and (to.regions or to.all_members):
        raise MessageRefused(
            "a message restricted to named recipients must name each bureau: no regions and "
            "no 'all members'",
            code="message.handling_named_only",
        )
    wanted = set(to.bureaus)
    for region in to.regions:
        wanted.update(MEMBERS_BY_REGION[REGIONS[region]])
    if to.all_members:
        wanted.update(MEMBERS)
    if to.secretariat:
        wanted.add(GENERAL_SECRETARIAT)
    wanted.discard(sender)
    if not wanted:
        raise MessageRefused(
            "the message has no recipient other than your own bureau",
            code="message.no_recipient",
        )
    return sorted(wanted)


def check_forward(
    *, handling: HandlingCode, original_sender: str, forwarder: str, recipients: list[str]
) -> None:
    """Enforce the handling code when a message is passed on to others."""
    if handling is HandlingCode.NAMED_RECIPIENTS_ONLY:
        raise MessageForbidden(
            "this message is restricted to its named recipients and may not be forwarded",
            code="message.handling_no_forward",
            handling_code=handling.value,
        )
    if handling is HandlingCode.NO_FURTHER_DISSEMINATION and forwarder != original_sender:
        raise MessageForbidden(
            "this message may not be disseminated further without the consent of its sender "
            f"({original_sender}): ask them to send it to {', '.join(recipients)}",
            code="message.handling_needs_consent",
            handling_code=handling.value,
        )
