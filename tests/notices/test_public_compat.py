"""Existing clients of INTERPOL's public notices service work against ``/notices/v1``
unchanged: the answers have the service's shape and JSON types (checked against the project's
own fixtures, ``tests/notices/fixtures``), and the parameters harvesters send are understood."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.notices.conftest import API, JPEG, SUBJECT, body

FIXTURES = Path(__file__).parent / "fixtures"
REFERENCE = (
    Path(__file__).resolve().parents[2].parent / "shared/reference/interpol-public-notices-api"
)
SAMPLES = {
    "red_list": "red_list_response",
    "red_detail": "red_detail_response",
    "yellow_detail": "yellow_detail_response",
    "un_person_detail": "un_person_detail_response",
    "images": "images_response",
}
PARAMETERS = (
    "name",
    "forename",
    "nationality",
    "ageMin",
    "ageMax",
    "sexId",
    "arrestWarrantCountryId",
    "freeText",
    "unReference",
    "unResolution",
    "page",
    "resultPerPage",
)


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text())


def conforms(actual, expected, path: str = "$") -> list[str]:
    """Where ``actual`` departs from the fixture's shape and JSON types (see fixtures/README)."""
    if expected is None:
        return []
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: {actual!r} is not an object"]
        problems = [f"{path}: keys differ: {sorted(set(actual) ^ set(expected))}"]
        problems = problems if set(actual) != set(expected) else []
        for key in set(actual) & set(expected):
            problems += conforms(actual[key], expected[key], f"{path}.{key}")
        return problems
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{path}: {actual!r} is not an array"]
        return [p for item in actual if expected for p in conforms(item, expected[0], path + "[]")]
    if isinstance(expected, str) and actual is None:
        return []  # the service sends null for unknown text
    if isinstance(expected, bool | str):
        if type(actual) is not type(expected):
            return [f"{path}: {actual!r} is not a {type(expected).__name__}"]
        if isinstance(expected, str) and expected.isdigit() and not actual.isdigit():
            return [f"{path}: {actual!r} is not decimal digits"]
        return []
    if isinstance(expected, int):
        return [] if type(actual) is int else [f"{path}: {actual!r} is not an integer"]
    number = isinstance(actual, int | float) and not isinstance(actual, bool)
    return [] if number else [f"{path}: {actual!r} is not a number"]


def _publish(desk, data: dict, photo: bool = True) -> dict:
    draft = desk.draft(data)
    if photo:
        response = desk.client.post(
            f"{API}/notices/{draft['id']}/attachments",
            params={"kind": "photo", "filename": "p.jpg"},
            content=JPEG,
            headers={**desk.fr, "content-type": "image/jpeg"},
        )
        assert response.status_code == 201, response.text
    desk.submit(draft["id"])
    return desk.approve(draft["id"])


def test_answers_have_the_shape_and_json_types_of_the_service(desk):
    person = desk.person()
    weighed = {**SUBJECT, "weight_kg": 61}
    red = _publish(desk, body("red", person, subject=weighed))
    yellow = _publish(desk, body("yellow", person))
    un = _publish(desk, body("un", person), photo=False)
    client = desk.client

    listing = client.get("/notices/v1/red").json()
    assert conforms(listing, fixture("red_list")) == []
    detail = client.get(listing["_embedded"]["notices"][0]["_links"]["self"]["href"]).json()
    assert conforms(detail, fixture("red_detail")) == []
    assert detail["weight"] == 61
    images = client.get(detail["_links"]["images"]["href"]).json()
    assert conforms(images, fixture("images")) == []
    yellow_path = f"/notices/v1/yellow/{yellow['entity_id'].replace('/', '-')}"
    expected = {**fixture("yellow_detail"), "father_name": None}  # FORMAT.md: father_name?
    assert conforms(client.get(yellow_path).json(), expected) == []
    un_path = f"/notices/v1/un/persons/{un['entity_id'].replace('/', '-')}"
    assert conforms(client.get(un_path).json(), fixture("un_person_detail")) == []
    assert red["entity_id"] == detail["entity_id"]


def test_a_picture_id_is_decimal_stable_and_its_url_resolves(desk):
    red = _publish(desk, body("red", desk.person()))
    path = f"/notices/v1/red/{red['entity_id'].replace('/', '-')}"
    images = desk.client.get(f"{path}/images").json()
    picture = images["_embedded"]["images"][0]
    assert picture["picture_id"].isdigit()
    assert int(picture["picture_id"]) < 2**53  # an integer for any client, JavaScript's too
    again = desk.client.get(f"{path}/images").json()["_embedded"]["images"][0]
    assert again["picture_id"] == picture["picture_id"]
    assert picture["_links"]["self"]["href"].endswith(f"/images/{picture['picture_id']}")
    assert desk.client.get(path).json()["_links"]["thumbnail"] == picture["_links"]["self"]
    served = desk.client.get(picture["_links"]["self"]["href"])
    assert (served.status_code, served.content) == (200, JPEG)
    for wrong in ("0", str(int(picture["picture_id"]) + 1), "9" * 40, "abc"):
        assert desk.client.get(f"{path}/images/{wrong}").status_code == 404


@pytest.mark.skipif(not REFERENCE.is_dir(), reason=f"no reference samples at {REFERENCE}")
def test_the_fixtures_have_the_reference_shape():
    def paths(document, prefix: str = "") -> set[str]:
        found = set()
        items = document.items() if isinstance(document, dict) else ()
        for key, value in items:
            found.add(prefix + key)
            inner = value[0] if isinstance(value, list) and value else value
            found |= paths(inner, prefix + key + ".")
        return found

    for name, sample in SAMPLES.items():
        reference = json.loads((REFERENCE / f"{sample}.sample.json").read_text())
        optional = {"_links.next", "_links.next.href"}  # a one-page fixture has no next page
        assert paths(fixture(name)) == paths(reference) - optional, name


def _names(client, path: str = "/notices/v1/red", **params) -> list[str]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return sorted(n["name"] for n in response.json()["_embedded"]["notices"])


@pytest.fixture
def two_red(desk) -> None:
    """HADDAD (born 1980, FR/DZ, French warrant) and a child, NOOR (born this year, EG)."""
    desk.publish(body("red", desk.person()))
    child = {**SUBJECT, "family_name": "Noor", "forename": "Sami", "nationalities": ["EG"]}
    child["date_of_birth"] = f"{date.today().year}-01-01"
    desk.publish(body("red", desk.person(desk.eg), subject=child), headers=desk.eg)


def test_age_bounds_as_harvesters_send_them(client, two_red):
    assert _names(client, ageMax=0) == ["NOOR"]
    assert _names(client, ageMin=0, ageMax=0) == ["NOOR"]
    assert _names(client, ageMin=90, ageMax=300) == []
    assert _names(client, ageMin=20, ageMax=300) == ["HADDAD"]
    assert _names(client, ageMax=2**63) == ["HADDAD", "NOOR"]
    assert _names(client, ageMin=2**63) == []
    for bad in ("-1", "old", "1" * 5000):
        response = client.get("/notices/v1/red", params={"ageMax": bad})
        assert response.status_code == 422, bad
        assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("parameter", PARAMETERS)
def test_an_empty_parameter_means_absent(client, two_red, parameter):
    for path in ("/notices/v1/red", "/notices/v1/un"):
        plain = client.get(path)
        empty = client.get(f"{path}?{parameter}=")
        assert empty.status_code == 200, empty.text
        assert empty.json() == plain.json()
    both = client.get(f"/notices/v1/red?{parameter}=&nationality=EG").json()
    assert [n["name"] for n in both["_embedded"]["notices"]] == ["NOOR"]
    assert f"{parameter}=&" not in both["_links"]["self"]["href"]


def test_name_patterns_harvesters_send(client, two_red):
    assert _names(client, name="^......$") == ["HADDAD"]
    assert _names(client, name="^....$") == ["NOOR"]
    assert _names(client, name="^.....$") == []
    assert _names(client, forename="^.....$") == ["HADDAD"]
    assert _names(client, forename="^S.M[aeiou]$") == ["NOOR"]
    assert _names(client, name="^H.*D$") == ["HADDAD"]
    assert _names(client, name="oo") == ["NOOR"]
    for unsupported in ("(a|b)", "a**", "\\w+"):
        response = client.get("/notices/v1/red", params={"name": unsupported})
        assert response.status_code == 422, unsupported
        assert response.json()["code"] == "notice.public_pattern_unsupported"


def test_the_un_list_links_to_itself(desk):
    desk.publish(body("un", desk.person()))
    for path in ("/notices/v1/un", "/notices/v1/un/persons"):
        links = desk.client.get(path, params={"resultPerPage": 5}).json()["_links"]
        for name in ("self", "first", "last"):
            assert urlsplit(links[name]["href"]).path == path, (path, name)


def test_browsers_may_read_the_public_api_and_head_and_options_work(desk):
    red = _publish(desk, body("red", desk.person()))
    client = desk.client
    detail = f"/notices/v1/red/{red['entity_id'].replace('/', '-')}"
    origin = {"Origin": "https://harvester.example"}
    for path in ("/notices/v1/red", detail, f"{detail}/images", "/notices/v1/red/2020-00001"):
        got = client.get(path, headers=origin)
        assert got.headers["access-control-allow-origin"] == "*", path
        assert "access-control-allow-credentials" not in got.headers
        head = client.head(path, headers=origin)
        assert (head.status_code, head.content) == (got.status_code, b""), path
        assert head.headers["content-type"] == got.headers["content-type"]
        assert head.headers["access-control-allow-origin"] == "*"
        preflight = client.options(
            path,
            headers={
                **origin,
                "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "accept, x-requested-with",
            },
        )
        assert preflight.status_code == 204, path
        assert preflight.headers["access-control-allow-origin"] == "*"
        assert "GET" in preflight.headers["access-control-allow-methods"]
        allowed = preflight.headers["access-control-allow-headers"].lower()
        assert "x-requested-with" in allowed
    picture = client.get(f"{detail}/images").json()["_embedded"]["images"][0]
    head = client.head(picture["_links"]["self"]["href"], headers=origin)
    assert (head.status_code, head.content) == (200, b"")
    assert head.headers["content-type"] == "image/jpeg"
    assert client.post("/notices/v1/red").status_code == 405
    # Amana's own API is not opened to other origins.
    own = client.get(f"{API}/notices", headers={**origin, **desk.fr})
    assert "access-control-allow-origin" not in own.headers
    assert client.options(f"{API}/notices", headers=origin).status_code == 405


def test_realistic_clients_never_meet_a_server_error(client, two_red):
    for query in (
        {"resultPerPage": 160},
        {"resultPerPage": 160, "page": 2},
        {"page": 10**30},
        {"resultPerPage": 10**30},
        {"arrestWarrantCountryId": "FR"},
        {"arrestWarrantCountryId": "fr", "sexId": "m"},
        {"sexId": "U"},
        {"sexId": "X"},
        {"nationality": "dz"},
        {"nationality": "ZZZ"},
        {"unResolution": 2**70},
        {"freeText": "(robbery"},
        {"name": "^" + "." * 99 + "$"},
        {"forename": "^$"},
    ):
        response = client.get("/notices/v1/red", params=query)
        assert response.status_code == 200, (query, response.text)
    assert _names(client, arrestWarrantCountryId="fr", sexId="m") == ["HADDAD"]
    assert _names(client, nationality="dz") == ["HADDAD"]
    url = "/notices/v1/red?resultPerPage=1"
    seen = []
    while url:
        page = client.get(url).json()
        seen += [n["entity_id"] for n in page["_embedded"]["notices"]]
        url = page["_links"].get("next", {}).get("href")
    assert len(seen) == len(set(seen)) == 2
