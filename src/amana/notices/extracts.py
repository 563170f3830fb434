"""The documents of the public API: list summaries, details and image lists, field for field
as INTERPOL's service returns them (``../shared/reference/interpol-public-notices-api``).

Each builder takes only what it publishes, so nothing else can leak: the notice's stored
content is read field by field, never passed through.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from amana.notices.models import Notice
from amana.notices.public import PATHS, iso_date, public_date, url_id
from amana.notices.vocab import NoticeType

Href = dict[str, str]


def _href(url: str) -> Href:
    return {"href": url}


def notice_url(base: str, notice: Notice) -> str:
    path = PATHS[NoticeType(notice.notice_type)]
    return f"{base}/notices/v1/{path}/{url_id(notice.entity_id or '')}"


def _links(base: str, notice: Notice, photos: list[str]) -> dict[str, Href]:
    url = notice_url(base, notice)
    links = {"self": _href(url), "images": _href(f"{url}/images")}
    if photos:
        links["thumbnail"] = _href(f"{url}/images/{photos[0]}")
    return links


def _subject(notice: Notice) -> dict[str, Any]:
    return dict(notice.content.get("subject") or {})


def _forename(subject: dict[str, Any]) -> str | None:
    value = subject.get("forename")
    return value.upper() if isinstance(value, str) and value != "-" else value


def _name(subject: dict[str, Any]) -> str | None:
    value = subject.get("family_name")
    return value.upper() if isinstance(value, str) else None


def summary(base: str, notice: Notice, photos: list[str]) -> dict[str, Any]:
    subject = _subject(notice)
    un = notice.notice_type == NoticeType.UN
    return {
        "date_of_birth": public_date(subject.get("date_of_birth"), un=un),
        "nationalities": subject.get("nationalities") or None,
        "entity_id": notice.entity_id,
        "forename": _forename(subject),
        "name": _name(subject),
        "_links": _links(base, notice, photos),
    }


def _weight(subject: dict[str, Any]) -> int:
    """Whole kilograms, 0 when unknown: the service serves an integer, and strict clients
    refuse ``61.0``."""
    return round(subject.get("weight_kg") or 0)


def _physical(subject: dict[str, Any]) -> dict[str, Any]:
    return {
        "height": subject.get("height_m") or 0,
        "weight": _weight(subject),
        "eyes_colors_id": subject.get("eye_colours") or None,
        "hairs_id": subject.get("hair_colours") or None,
        "distinguishing_marks": subject.get("distinguishing_marks"),
    }


def _person(notice: Notice, subject: dict[str, Any]) -> dict[str, Any]:
    return {
        "entity_id": notice.entity_id,
        "name": _name(subject),
        "forename": _forename(subject),
        "date_of_birth": public_date(subject.get("date_of_birth")),
        "place_of_birth": subject.get("place_of_birth"),
        "country_of_birth_id": subject.get("country_of_birth"),
        "nationalities": subject.get("nationalities") or None,
        "sex_id": subject.get("sex"),
        "languages_spoken_ids": subject.get("languages_spoken") or None,
    }


def red_detail(base: str, notice: Notice, photos: list[str]) -> dict[str, Any]:
    subject = _subject(notice)
    charges = (notice.content.get("judicial") or {}).get("charges") or []
    warrants = [
        {
            "charge": charge.get("charge"),
            "issuing_country_id": notice.requesting_bureau,
            "charge_translation": charge.get("charge_translation"),
        }
        for charge in charges
    ]
    return {
        **_person(notice, subject),
        **_physical(subject),
        "arrest_warrants": warrants,
        "_embedded": {"links": []},
        "_links": _links(base, notice, photos),
    }


def yellow_detail(base: str, notice: Notice, photos: list[str]) -> dict[str, Any]:
    subject = _subject(notice)
    event = notice.content.get("event") or {}
    return {
        **_person(notice, subject),
        **_physical(subject),
        "birth_name": subject.get("birth_name"),
        "father_forename": subject.get("father_forename"),
        "father_name": subject.get("father_name"),
        "mother_forename": subject.get("mother_forename"),
        "mother_name": subject.get("mother_name"),
        "date_of_event": iso_date(event.get("date")),
        "place": event.get("place"),
        "country": event.get("country"),
        "_embedded": {"links": []},
        "_links": _links(base, notice, photos),
    }


def un_detail(base: str, notice: Notice, photos: list[str]) -> dict[str, Any]:
    subject = _subject(notice)
    un = notice.content.get("un") or {}
    person = _person(notice, subject)
    person["date_of_birth"] = public_date(subject.get("date_of_birth"), un=True)
    links = _links(base, notice, photos)
    links.pop("thumbnail", None)
    return {
        **person,
        "un_reference": un.get("reference"),
        "un_reference_date": iso_date(un.get("reference_date")),
        "un_resolution": un.get("resolution"),
        "name_in_original_script": subject.get("name_in_original_script"),
        "forename_in_original_script": subject.get("forename_in_original_script"),
        "name_at_birth": subject.get("birth_name"),
        "aliases": subject.get("aliases") or [],
        "father_name": subject.get("father_name"),
        "father_forename": subject.get("father_forename"),
        "mother_name": subject.get("mother_name"),
        "mother_forename": subject.get("mother_forename"),
        "identity_documents": subject.get("identity_documents") or [],
        "adresses": subject.get("addresses") or [],  # sic: the service's spelling
        "profession": subject.get("profession"),
        "summary": un.get("summary"),
        "associates": [],
        "purposes": [],
        "weight": _weight(subject),
        "_embedded": {"links": []},
        "_links": links,
    }


DETAILS = {NoticeType.RED: red_detail, NoticeType.YELLOW: yellow_detail, NoticeType.UN: un_detail}


def images(base: str, notice: Notice, photos: list[str]) -> dict[str, Any]:
    url = notice_url(base, notice)
    links = {"self": _href(f"{url}/images"), "notice": _href(url)}
    if photos:
        links["thumbnail"] = _href(f"{url}/images/{photos[0]}")
    return {
        "_embedded": {
            "images": [
                {"picture_id": p, "_links": {"self": _href(f"{url}/images/{p}")}} for p in photos
            ]
        },
        "_links": links,
    }


def listing(
    base: str,
    path: str,
    items: list[dict[str, Any]],
    *,
    total: int,
    page: int,
    per_page: int,
    last: int,
    params: tuple[tuple[str, str], ...],
) -> dict[str, Any]:
    def link(number: int) -> Href:
        query = urlencode([*params, ("resultPerPage", str(per_page)), ("page", str(number))])
        return _href(f"{base}/notices/v1/{path}?{query}")

    links = {"self": link(page), "first": link(1)}
    if page < last:
        links["next"] = link(page + 1)
    links["last"] = link(last)
    return {
        "total": total,
        "query": {"page": page, "resultPerPage": per_page},
        "_embedded": {"notices": items},
        "_links": links,
    }
