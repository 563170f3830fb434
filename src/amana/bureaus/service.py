"""Member bureaus: loaded from maintained country data, validated at the edges."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pycountry
from babel import Locale
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from amana.audit import service as audit
from amana.bureaus.members import MEMBERS_BY_REGION, REGION_LABELS, Region
from amana.bureaus.models import Bureau
from amana.bureaus.schemas import SharingUpdate
from amana.core.errors import NotFound, ValidationFailed
from amana.core.principal import GENERAL_SECRETARIAT, Permission, Principal
from amana.core.visibility import Visibility

LANGUAGES = ("en", "fr", "es", "ar")


@dataclass(frozen=True)
class BureauData:
    code: str
    alpha3: str
    numeric: str | None
    names: dict[str, str]
    region: Region


def member_data() -> list[BureauData]:
    """Every member country, with ISO codes from pycountry and names from CLDR (Babel)."""
    locales = {lang: Locale.parse(lang) for lang in LANGUAGES}
    members = []
    for region, codes in MEMBERS_BY_REGION.items():
        for code in codes:
            country = pycountry.countries.get(alpha_2=code)
            if country is None:
                raise ValueError(f"member code {code} is not in ISO 3166-1")
            names = {lang: locale.territories[code] for lang, locale in locales.items()}
            members.append(BureauData(code, country.alpha_3, country.numeric, names, region))
    secretariat_names = REGION_LABELS[Region.SECRETARIAT]
    members.append(
        BureauData(GENERAL_SECRETARIAT, "XGS", None, dict(secretariat_names), Region.SECRETARIAT)
    )
    return members


def sync_members(session: Session) -> int:
    """Insert missing bureaus and refresh names; keeps each bureau's own settings. Idempotent."""
    existing = {bureau.code: bureau for bureau in session.scalars(select(Bureau))}
    added = 0
    for data in member_data():
        bureau = existing.get(data.code)
        if bureau is None:
            bureau = Bureau(code=data.code, default_visibility="all", default_visibility_list=[])
            session.add(bureau)
            added += 1
        bureau.alpha3, bureau.numeric, bureau.region = data.alpha3, data.numeric, data.region.value
        for lang in LANGUAGES:
            setattr(bureau, f"name_{lang}", data.names[lang])
    session.flush()
    return added


def list_(session: Session, *, region: str | None = None, q: str | None = None) -> list[Bureau]:
    query = select(Bureau).order_by(Bureau.code)
    if region:
        if region not in {r.value for r in Region}:
            known = ", ".join(r.value for r in Region)
            raise ValidationFailed(f"unknown region '{region}'; known regions: {known}")
        query = query.where(Bureau.region == region)
    if q:
        pattern = f"%{q.strip()}%"
        query = query.where(
            or_(
                Bureau.code.ilike(pattern),
                Bureau.alpha3.ilike(pattern),
                *(getattr(Bureau, f"name_{lang}").ilike(pattern) for lang in LANGUAGES),
            )
        )
    return list(session.scalars(query))


def get_or_raise(session: Session, *, code: str) -> Bureau:
    bureau = session.get(Bureau, code.strip().upper())
    if bureau is None:
        raise NotFound(f"no bureau with code '{code}'", code="bureau.not_found")
    return bureau


def require_known(session: Session, *, codes: Iterable[str], field: str = "bureau") -> list[str]:
    """Normalise bureau codes and refuse any that is not a member bureau, naming each."""
    wanted = sorted({code.strip().upper() for code in codes})
    if not wanted:
        return []
    found = set(session.scalars(select(Bureau.code).where(Bureau.code.in_(wanted))))
    unknown = [code for code in wanted if code not in found]
    if unknown:
        raise ValidationFailed(
            f"unknown bureau code(s) in '{field}': {', '.join(unknown)} "
            "(use ISO 3166-1 alpha-2 codes of member countries, or XG for the Secretariat)",
            code="bureau.unknown",
            field=field,
            unknown=unknown,
        )
    return wanted


def update_sharing(
    session: Session, *, principal: Principal, code: str, change: SharingUpdate
) -> Bureau:
    bureau = get_or_raise(session, code=code)
    principal.require_bureau(
        bureau.code, Permission.MANAGE_BUREAU_SHARING, Permission.MANAGE_ALL_USERS
    )
    listed = require_known(session, codes=change.bureaus, field="bureaus")
    if change.default_visibility is Visibility.ALL and listed:
        raise ValidationFailed(
            "an 'all' rule lists no bureaus; remove 'bureaus' or change the rule"
        )
    if change.default_visibility is not Visibility.ALL and not listed:
        raise ValidationFailed(f"an '{change.default_visibility}' rule needs at least one bureau")
    bureau.default_visibility = change.default_visibility.value
    bureau.default_visibility_list = listed
    audit.record(
        session,
        actor=principal,
        action="bureau.sharing_update",
        target_kind="bureau",
        target_ids=[bureau.code],
        query={"default_visibility": bureau.default_visibility, "bureaus": listed},
    )
    return bureau
