"""No route tells another bureau's object from one that does not exist (issue 13, finding 4).

The walk takes every route of the app with a path parameter naming an object (API and web
pages alike, from the app's own route table, so a new route is walked without being listed
here), asks it once for an object of bureau DE that bureau FR may not see and once for an id
that does not exist, as a FR user who holds every role of a bureau, and compares the answers:
status, body (with the ids swapped) and headers. The hidden probe must be audited as a refusal.
A route whose parameter this file does not know, or whose sample body the schema refuses,
fails here until it is taught (``SAMPLES``, ``FORMS``, ``_hidden_value``).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import select

from amana.audit.models import AuditEntry
from amana.core.principal import Role
from tests.conftest import PASSWORD
from tests.messaging.conftest import message
from tests.notices.conftest import JPEG
from tests.notices.conftest import body as notice_body
from tests.records_feature.conftest import BODIES
from tests.records_feature.test_entities import ORGANISATION, VESSEL
from tests.screening.test_api import _person, _screen, _wait_for
from tests.web.conftest import csrf_of

API = "/api/v1"
UNKNOWN_ID = 987654
UNKNOWN_MESSAGE = uuid.UUID(int=0xA5A5).hex
UNKNOWN_PUBLIC = "2099-98765"
FIXED = {
    "slug": "persons",
    "record_kind": "person",
    "kind": "persons",
    "bureau": "FR",
    "code": "FR",
    "position": "0",
    "picture_id": "1",
}
"""Parameters that name no object of a bureau: the same value in both probes."""
RECORD_BODIES = {**BODIES, "organisations": ORGANISATION, "vessels": VESSEL}
RECORD_SLUGS = {
    "persons": "person",
    "documents": "document",
    "vehicles": "vehicle",
    "firearms": "firearm",
    "artworks": "artwork",
    "organisations": "organisation",
    "vessels": "vessel",
}
SAMPLES: dict[str, Any] = {
    "users_update": {"display_name": "Renamed"},
    "persons_update": {"sex": "male"},
    "documents_update": {"holder_name": "Someone Else"},
    "vehicles_update": {"colour": "red"},
    "firearms_update": {"calibre": "9mm"},
    "artworks_update": {"creator": "Someone"},
    "organisations_update": {"status": "other"},
    "vessels_update": {"status": "other"},
    "hits_answer": {"status": "confirmed", "note": "seen"},
    "notices_update": {"summary": "Wanted for the robbery of a jewellery store."},
    "notices_review": {"decision": "approve"},
    "notices_cancel": {"reason": "located"},
    "notices_consent": {"public_extract_consent": False},
    "messages_forward": {
        "to": {"bureaus": ["ES"]},
        "note": "fyi",
        "idempotency_key": "fwd-walk-0001-abcdef",
    },
}
"""A valid body for each operation that takes one (the schema must accept it)."""
FORMS: dict[str, dict[str, Any]] = {
    "/records/{slug}/{record_id}/edit": {
        "status": "wanted",
        "names.0.full_name": "Somebody",
        "names.0.kind": "primary",
    },
    "/hits/{hit_id}/answer": {"status": "confirmed"},
    "/notices/{notice_id:int}/cancel": {"reason": "located"},
    "/notices/{notice_id:int}/consent": {"public_extract_consent": "on"},
    "/notices/{notice_id:int}/review": {"decision": "approve"},
    "/notices/{notice_id:int}/edit": {
        "notice_type": "red",
        "language": "en",
        "summary": "Wanted for a robbery in Lyon.",
    },
    "/messages/{message_id}/forward": {"bureaus": "ES", "note": "fyi"},
    "/admin/users/{user_id}": {"display_name": "Renamed"},
    "/admin/users/{user_id}/tokens": {"name": "Gate", "days": "30"},
}
UPLOAD_QUERY = {"kind": "photo", "filename": "face.jpg"}
UPLOADS = {"/api/v1/notices/{notice_id}/attachments", "/notices/{notice_id:int}/files"}
VOLATILE_HEADERS = {"date", "x-request-id", "content-length", "set-cookie", "etag"}
NOT_OBJECTS = {
    "/api/v1/bureaus/{code}",
    "/api/v1/bureaus/{code}/sharing",
    "/api/v1/messages/keys/{bureau}",
    "/api/v1/messages/keys/{bureau}/rotate",
    "/api/v1/import/{kind}",
    "/records/{slug}",
    "/records/{slug}/new",
}
"""Routes whose only parameters name public things (a bureau, a kind): nothing to hide."""


@dataclass
class World:
    """Objects of bureau DE (and ES) that bureau FR may not see, by kind."""

    ids: dict[str, Any] = field(default_factory=dict)


def _routes() -> Iterator[tuple[str, str, APIRoute]]:
    from amana.app import create_app
    from tests.conftest import make_settings

    app = create_app(make_settings("sqlite://"))
    for route in iter_route_contexts(app.routes):
        original = route.original_route
        if not isinstance(original, APIRoute) or "{" not in route.path:
            continue
        if route.path in NOT_OBJECTS:
            continue
        for method in sorted(route.methods - {"HEAD", "OPTIONS"}):
            yield method, route.path, original


ROUTES = list(_routes())


def _build(client, make, app) -> World:
    world = World()
    roles = (Role.OFFICER, Role.BUREAU_OPERATOR, Role.BUREAU_ADMIN)
    de = make.user_headers("de.chief", "DE", *roles)
    es = make.user_headers("es.chief", "ES", *roles)
    hidden = {"visibility": {"rule": "only", "bureaus": ["ES"]}}
    for slug, kind in RECORD_SLUGS.items():
        data = json.loads(json.dumps(RECORD_BODIES[slug]).replace('"FR"', '"DE"'))
        made = client.post(f"{API}/{slug}", json={**data, **hidden}, headers=de)
        assert made.status_code == 201, made.text
        world.ids[kind] = made.json()["id"]
    person = world.ids["person"]
    notice = client.post(f"{API}/notices", json=notice_body("red", person), headers=de)
    assert notice.status_code == 201, notice.text
    world.ids["notice"] = notice.json()["id"]
    world.ids["public_notice"] = notice.json().get("public_id") or UNKNOWN_PUBLIC
    attached = client.post(
        f"{API}/notices/{world.ids['notice']}/attachments",
        params=UPLOAD_QUERY,
        content=JPEG,
        headers={**de, "Content-Type": "image/jpeg"},
    )
    assert attached.status_code == 201, attached.text
    world.ids["attachment"] = attached.json()["id"]
    sent = client.post(f"{API}/messages", json=message(["ES"]), headers=de)
    assert sent.status_code == 201, sent.text
    world.ids["message"] = sent.json()["id"]
    owned = _person(client, es, ["Nabil Fawzi Rahman"], dates_of_birth=["1975-03-04"])
    app.state.screening_index.refresh()
    found = _wait_for(lambda: _screen(client, de, names=["Nabil Fawzi Rahman"], dob="1975-03-04"))
    assert found, owned
    assert found[0]["hit_id"], found
    world.ids["hit"] = found[0]["hit_id"]
    world.ids["user"] = make.user("de.gate", "DE", Role.OFFICER).id
    token = client.post(
        f"{API}/tokens", json={"user_id": world.ids["user"], "name": "Gate"}, headers=de
    )
    assert token.status_code == 201, token.text
    world.ids["token"] = token.json()["id"]
    return world


def _values(path: str, world: World) -> tuple[dict[str, str], dict[str, str]]:
    """The path parameters for the hidden object and for the unknown one."""
    hidden: dict[str, str] = {}
    unknown: dict[str, str] = {}
    for name in re.findall(r"{(\w+)(?::\w+)?}", path):
        if name in FIXED:
            hidden[name] = unknown[name] = FIXED[name]
            continue
        hidden[name], unknown[name] = _hidden_value(path, name, world), _unknown_value(path, name)
    return hidden, unknown


def _hidden_value(path: str, name: str, world: World) -> str:
    if name == "record_id":
        slug = path.split("/")[3] if path.startswith(API) else FIXED["slug"]
        return str(world.ids[RECORD_SLUGS[slug]])
    if name == "notice_id" and path.startswith("/notices/v1"):
        return str(world.ids["public_notice"])
    kinds = {
        "notice_id": "notice",
        "attachment_id": "attachment",
        "message_id": "message",
        "hit_id": "hit",
        "user_id": "user",
        "token_id": "token",
    }
    assert name in kinds, f"{path}: teach this walk what '{name}' names (an object? whose?)"
    return str(world.ids[kinds[name]])


def _unknown_value(path: str, name: str) -> str:
    if name == "message_id":
        return UNKNOWN_MESSAGE
    if name == "notice_id" and path.startswith("/notices/v1"):
        return UNKNOWN_PUBLIC
    return str(UNKNOWN_ID)


def _fill(path: str, values: dict[str, str]) -> str:
    return re.sub(r"{(\w+)(?::\w+)?}", lambda m: values[m.group(1)], path)


def _ask(client, method: str, template: str, path: str, route: APIRoute, headers, csrf: str):
    if path.startswith(API) or path.startswith("/notices/v1"):
        kwargs: dict[str, Any] = {"headers": headers}
        if route.body_field is not None:
            assert route.operation_id in SAMPLES, f"{method} {path}: add a sample body"
            kwargs["json"] = SAMPLES[route.operation_id]
        if template in UPLOADS:
            kwargs["params"], kwargs["content"] = UPLOAD_QUERY, JPEG
            kwargs["headers"] = {**headers, "Content-Type": "image/jpeg"}
        return client.request(method, path, **kwargs)
    if method == "GET":
        return client.get(path, follow_redirects=False)
    form = {"csrf_token": csrf, **FORMS.get(template, {})}
    if template in UPLOADS:
        return client.post(
            path,
            data={**form, "file.kind": "photo"},
            files={"file": ("face.jpg", JPEG, "image/jpeg")},
            follow_redirects=False,
        )
    return client.post(path, data=form, follow_redirects=False)


def _swapped(text: str, hidden: dict[str, str], unknown: dict[str, str]) -> str:
    for name, value in hidden.items():
        if value != unknown[name]:
            alone = rf"(?<![0-9A-Za-z]){re.escape(value)}(?![0-9A-Za-z])"
            text = re.sub(alone, unknown[name], text)
    return text


def _normalised(response, hidden: dict[str, str], unknown: dict[str, str]):
    text = re.sub(r'name="csrf_token" value="[^"]*"', "", _swapped(response.text, hidden, unknown))
    headers = {
        k: _swapped(v, hidden, unknown)
        for k, v in response.headers.items()
        if k not in VOLATILE_HEADERS
    }
    return response.status_code, text, headers


@pytest.fixture
def walk(app, client, make):
    world = _build(client, make, app)
    roles = (Role.OFFICER, Role.BUREAU_OPERATOR, Role.BUREAU_ADMIN)
    api = make.user_headers("fr.chief", "FR", *roles)
    browser = TestClient(app, base_url="https://testserver", raise_server_exceptions=False)
    signed = browser.post(
        "/login",
        data={
            "csrf_token": csrf_of(browser.get("/login").text),
            "username": "fr.chief",
            "password": PASSWORD,
        },
    )
    assert signed.status_code in (200, 303), signed.text[:500]
    csrf = csrf_of(browser.get("/").text)
    return world, api, browser, csrf


@pytest.mark.parametrize(
    ("method", "path", "route"), ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES]
)
def test_another_bureau_object_answers_like_one_that_does_not_exist(
    walk, client, db, method: str, path: str, route: APIRoute
) -> None:
    world, api, browser, csrf = walk
    hidden_values, unknown_values = _values(path, world)
    web = not (path.startswith(API) or path.startswith("/notices/v1"))
    asker = browser if web else client
    hidden = _ask(asker, method, path, _fill(path, hidden_values), route, api, csrf)
    unknown = _ask(asker, method, path, _fill(path, unknown_values), route, api, csrf)
    assert not (hidden.status_code == 422 and "request.validation" in hidden.text), (
        f"{method} {path}: the sample body does not reach the route: {hidden.text[:300]}"
    )
    assert hidden.status_code < 500, hidden.text[:500]
    assert _normalised(hidden, hidden_values, unknown_values) == _normalised(
        unknown, hidden_values, unknown_values
    ), f"{method} {path}: {hidden.status_code} {hidden.text[:300]} vs {unknown.text[:300]}"
    if path.startswith("/notices/v1") or hidden.is_redirect:
        # The public API answers anyone (an unpublished notice is simply not public); a
        # redirect that looks nothing up (to a record's page by its kind) refuses nothing.
        return
    db.commit()
    denied = db.scalars(select(AuditEntry).where(AuditEntry.outcome == "denied")).all()
    target = _fill(path, hidden_values)
    assert any(target in str(entry.target_ids) for entry in denied), (
        f"{method} {path}: the refusal is not audited"
    )


def _link(person: object) -> dict[str, Any]:
    return {"links": [{"record_kind": "person", "record_id": person}]}


# Ids named in a body or a query rather than the path: (method, path, request options by id).
REFERENCES: dict[str, tuple[str, str, Any]] = {
    "notice links a record": (
        "POST",
        f"{API}/notices",
        lambda i: {"json": notice_body("red", None, **_link(i))},
    ),
    "notice draft links a record": (
        "PATCH",
        f"{API}/notices/{{own_notice}}",
        lambda i: {"json": _link(i)},
    ),
    "reply to a message": (
        "POST",
        f"{API}/messages",
        lambda i: {"json": message(["DE"], in_reply_to=i)},
    ),
    "a thread's messages": ("GET", f"{API}/messages", lambda i: {"params": {"thread_id": i}}),
    "a user's tokens": ("GET", f"{API}/tokens", lambda i: {"params": {"user_id": i}}),
    "page: reply to a message": ("GET", "/messages/new", lambda i: {"params": {"reply_to": i}}),
    "page: notice links a record": (
        "POST",
        "/notices/new",
        lambda i: {
            "data": {"notice_type": "red", "language": "en", "summary": "Wanted.", "link_person": i}
        },
    ),
}
REFERENCED = {
    "notice links a record": "person",
    "notice draft links a record": "person",
    "reply to a message": "message",
    "a thread's messages": "message",
    "a user's tokens": "user",
    "page: reply to a message": "message",
    "page: notice links a record": "person",
}


@pytest.mark.parametrize("case", list(REFERENCES))
def test_another_bureau_object_named_in_a_body_answers_like_a_missing_one(
    walk, client, make, db, case
):
    world, api, browser, csrf = walk
    method, path, options = REFERENCES[case]
    kind = REFERENCED[case]
    hidden_id = world.ids[kind]
    unknown_id = UNKNOWN_MESSAGE if kind == "message" else UNKNOWN_ID
    if "{own_notice}" in path:
        own = client.post(f"{API}/notices", json=notice_body("red"), headers=api)
        assert own.status_code == 201, own.text
        path = path.replace("{own_notice}", str(own.json()["id"]))
    asker = browser if not path.startswith(API) else client

    def ask(value: object):
        kwargs = options(value)
        if asker is browser:
            if "data" in kwargs:
                kwargs["data"] = {"csrf_token": csrf, **kwargs["data"]}
            kwargs["follow_redirects"] = False
        else:
            kwargs["headers"] = api
        return asker.request(method, path, **kwargs)

    before = _refusals(db)
    hidden = ask(hidden_id)
    audited = _refusals(db) > before
    unknown = ask(unknown_id)
    swap = {"id": str(hidden_id)}, {"id": str(unknown_id)}
    assert _normalised(hidden, *swap) == _normalised(unknown, *swap), (
        f"{case}: {hidden.status_code} {hidden.text[:300]} vs {unknown.text[:300]}"
    )
    if hidden.status_code >= 400:
        assert audited, f"{case}: the refusal is not audited"
    else:  # a list filtered by an id that is not the caller's is merely empty
        assert method == "GET", hidden.text[:300]
        assert "[]" in hidden.text, hidden.text[:300]


def _refusals(db) -> int:
    db.commit()  # a new snapshot: what other units of work stored meanwhile
    return len(db.scalars(select(AuditEntry.seq).where(AuditEntry.outcome == "denied")).all())
