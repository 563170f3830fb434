"""The public API's links never come from the request's Host header, except in demo mode:
they are built from AMANA_PUBLIC_BASE_URL, or are path-absolute when it is not set."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from amana.app import create_app
from tests.conftest import make_settings
from tests.notices.conftest import API, JPEG, body

EVIL = {"Host": "evil.example"}


def _hrefs(document) -> list[str]:
    if isinstance(document, dict):
        found = [document["href"]] if isinstance(document.get("href"), str) else []
        return found + [h for value in document.values() for h in _hrefs(value)]
    if isinstance(document, list):
        return [h for value in document for h in _hrefs(value)]
    return []


def _published_urls(desk) -> list[str]:
    draft = desk.draft(body("red", desk.person()))
    desk.client.post(
        f"{API}/notices/{draft['id']}/attachments",
        params={"kind": "photo", "filename": "p.jpg"},
        content=JPEG,
        headers={**desk.fr, "content-type": "image/jpeg"},
    )
    desk.submit(draft["id"])
    path = f"/notices/v1/red/{desk.approve(draft['id'])['entity_id'].replace('/', '-')}"
    return ["/notices/v1/red", path, f"{path}/images"]


def _links(client: TestClient, urls: list[str], headers: dict[str, str]) -> list[str]:
    links = []
    for url in urls:
        response = client.get(url, headers=headers)
        assert response.status_code == 200, response.text
        links += _hrefs(response.json())
    assert len(links) >= 10
    return links


def test_without_a_base_url_links_are_path_absolute_and_ignore_the_host_header(desk):
    links = _links(desk.client, _published_urls(desk), EVIL)
    assert all(link.startswith("/notices/v1/") for link in links), links
    picture = desk.client.get(links[-1], headers=EVIL)
    assert picture.status_code == 200


@pytest.mark.parametrize(
    ("configured", "expected"),
    [
        ("https://notices.example.org", "https://notices.example.org/notices/v1/"),
        ("https://example.org/interpol/", "https://example.org/interpol/notices/v1/"),
    ],
)
def test_links_are_built_from_the_configured_public_base_url(
    database_url, desk, configured, expected
):
    urls = _published_urls(desk)
    app = create_app(make_settings(database_url, public_base_url=configured))
    with TestClient(app) as client:
        links = _links(client, urls, EVIL)
    assert all(link.startswith(expected) for link in links), links


def test_demo_mode_without_a_base_url_follows_the_request(database_url, desk):
    urls = _published_urls(desk)
    app = create_app(make_settings(database_url, demo_mode=True))
    with TestClient(app) as client:
        links = _links(client, urls, {"Host": "laptop.local:8000"})
    assert all(link.startswith("http://laptop.local:8000/notices/v1/") for link in links)


@pytest.mark.parametrize(
    "value", ["javascript:alert(1)", "notices.example.org", "https://x.example/?a=1", "https://"]
)
def test_a_public_base_url_must_be_an_http_url_without_query(value):
    with pytest.raises(ValidationError):
        make_settings("sqlite://", public_base_url=value)
