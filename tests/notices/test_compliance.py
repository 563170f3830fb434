"""The compliance rules on their own: each returns pass, fail or flag with a readable reason;
the wording screens work in the four official languages on normalised text."""

from __future__ import annotations

import pytest

from amana.notices import compliance
from amana.notices.compliance import PersonFacts, Request
from amana.notices.schemas import NoticeContent
from amana.notices.vocab import CheckOutcome, NoticeKind, NoticeType
from tests.notices.conftest import BODIES, TYPES

FLAG, PASS, FAIL = CheckOutcome.FLAG, CheckOutcome.PASS, CheckOutcome.FAIL


def _request(notice_type: str, content: dict, **extra) -> Request:
    fields = {k: v for k, v in content.items() if k in NoticeContent.model_fields}
    return Request(
        notice_type=NoticeType(notice_type),
        kind=extra.pop("kind", NoticeKind.NOTICE),
        content=NoticeContent.model_validate(fields),
        link_kinds=extra.pop("link_kinds", frozenset({"person"})),
        **extra,
    )


@pytest.mark.parametrize("notice_type", TYPES)
def test_the_reference_bodies_pass_every_rule(notice_type):
    report = compliance.run(_request(notice_type, BODIES[notice_type]))
    assert [r.outcome for r in report.results] == [PASS] * len(compliance.RULES), report


@pytest.mark.parametrize(
    ("text", "category", "term"),
    [
        ("He led protests against the regime before the election.", "political", "protest*"),
        (
            "Accusé d'outrage au chef de l'État lors d'une manifestation.",
            "political",
            "manifestation*",
        ),
        ("Acusado de sedición por su actividad como periodista.", "political", "periodista*"),
        ("اتهم بالانتماء إلى حزب معارض", "political", "حزب*"),
        ("Convicted of desertion from the army in 2019.", "military", "desertion"),
        ("Condamné pour insoumission au service militaire.", "military", "service militaire"),
        ("Procesado por deserción del ejército.", "military", "desercion"),
        ("هرب من الخدمة العسكرية", "military", "الخدمه العسكريه"),
        ("Charged with blasphemy for a post online.", "religious", "blasphem*"),
        ("Poursuivi pour apostasie.", "religious", "apostasie"),
        ("Condenado por apostasía.", "religious", "apostasia"),
        ("متهم بازدراء الأديان", "religious", "ازدراء الاديان"),
        ("Member of an ethnic minority accused of unrest.", "racial", "ethnic*"),
        ("Appartenance à une tribu rivale.", "racial", "tribu"),
        ("Por pertenecer a una etnia minoritaria.", "racial", "etnia*"),
        ("بسبب انتمائه العرقي", "racial", "عرق*"),
    ],
)
def test_the_neutrality_screen_flags_each_category_in_each_language(text, category, term):
    result = compliance.neutrality(_request("blue", {"summary": text}))
    assert result.outcome is FLAG
    assert term in result.matches
    assert category in result.reason
    assert "reviewer decides" in result.reason


@pytest.mark.parametrize(
    "text",
    [
        "Issued a bad cheque to a supplier and left his debts unpaid.",
        "Chèque sans provision et dettes impayées envers un fournisseur.",
        "Emitió un cheque sin fondos; deudas impagadas con su socio.",
        "أصدر شيك بدون رصيد لصالح مورد",
        "Took the children abroad during the divorce; custody dispute.",
    ],
)
def test_the_private_dispute_screen(text):
    result = compliance.private_dispute(_request("red", {"summary": text}))
    assert result.outcome is FLAG
    assert result.matches


def test_ordinary_crime_wording_is_not_flagged():
    text = (
        "Armed robbery of a bank; contract killing of a witness; the tribunal issued a warrant; "
        "he deserted his car and fled; trafficking of cocaine in shipping containers."
    )
    for rule in (compliance.neutrality, compliance.private_dispute):
        assert rule(_request("red", {"summary": text})).outcome is PASS


def test_minimum_identifiers_count_the_linked_person_records():
    thin = {"summary": "x", "subject": {"family_name": "Haddad"}}
    alone = compliance.minimum_identifiers(_request("blue", thin))
    assert alone.outcome is FAIL
    assert "add one of: forename" in alone.reason
    helped = compliance.minimum_identifiers(
        _request("blue", thin, person=PersonFacts(dates_of_birth=True), photos=1)
    )
    assert helped.outcome is PASS
    assert "date of birth, photograph" in helped.reason
    nameless = compliance.minimum_identifiers(_request("yellow", {"subject": {"forename": "A"}}))
    assert "family name" in nameless.reason
    assert compliance.minimum_identifiers(_request("purple", {})).outcome is PASS


def test_required_fields_name_what_is_missing():
    result = compliance.required_fields(
        _request("silver", {"summary": "x"}, kind=NoticeKind.DIFFUSION, link_kinds=frozenset())
    )
    assert result.outcome is FAIL
    assert "assets (or a linked vehicle or work of art)" in result.reason
    assert "addressees" in result.reason
    linked = _request("silver", {"summary": "x"}, link_kinds=frozenset({"vehicle"}))
    assert compliance.required_fields(linked).outcome is PASS


def test_every_rule_is_documented():
    documented = compliance.documented_rules()
    assert list(documented) == [rule.__name__ for rule in compliance.RULES]
    assert all(len(text) > 40 for text in documented.values())
