"""Hit pages name the person, and withhold it from the searcher once the owner stops sharing."""

from __future__ import annotations

import re

from amana.core.principal import Role
from tests.screening import test_flags
from tests.screening.test_api import _person, _screen, _wait_for
from tests.web.conftest import Browser, seed_demo

MASRI_AR = "محمد عبد الله المصري"
MASRI = "Mohammed Abdullah Al-Masri"
flagged = test_flags.flagged  # a stand-in notices flagger, as screening's own tests use


def _search_as_fr(browser: Browser, make) -> str:
    make.user("fr.officer", "FR", Role.OFFICER)
    browser.sign_in("fr.officer")
    html = browser.post("/screening", {"kind": "person", "names": MASRI_AR, "dob": "1980"}).text
    found = re.search(r'href="/hits/(\d+)"', html)
    assert found
    return found.group(1)


def _masri(client, headers) -> int:
    listed = client.get(
        "/api/v1/persons", params={"bureau": "EG", "per_page": 500}, headers=headers
    ).json()
    [person] = [p for p in listed["items"] if p["names"][0]["full_name"] == MASRI]
    return int(person["id"])


def test_hit_lists_and_the_hit_page_name_the_person(browser: Browser, make, db, app):
    seed_demo(app, db)
    hit_id = _search_as_fr(browser, make)
    for page in ("/hits?side=searcher", f"/hits/{hit_id}", "/"):
        html = browser.get(page).text
        assert MASRI in html, page
        assert not re.search(r"Person \d", html), page  # "Person 12" was all it said


def test_the_searcher_no_longer_sees_a_record_the_owner_hid(browser: Browser, make, db, app):
    seed_demo(app, db)
    hit_id = _search_as_fr(browser, make)
    eg = make.user_headers("eg.op", "EG", Role.BUREAU_OPERATOR)
    record = _masri(browser.client, eg)
    hidden = browser.client.patch(
        f"/api/v1/persons/{record}",
        json={"visibility": {"rule": "except", "bureaus": ["FR"]}},
        headers=eg,
    )
    assert hidden.status_code == 200, hidden.text

    for page in ("/hits?side=searcher", f"/hits/{hit_id}", "/"):
        response = browser.get(page)
        assert response.status_code == 200, page
        assert "Al-Masri" not in response.text, page
        assert f"/records/by-kind/person/{record}" not in response.text, page
    listed = browser.get("/hits?side=searcher").text
    assert "No longer shared" in listed
    assert f'href="/hits/{hit_id}"' in listed  # the searcher's own trail stays
    page = browser.get(f"/hits/{hit_id}").text
    assert "no longer shares this record" in page
    assert MASRI_AR in page  # what the searcher asked is its own

    browser.post("/logout", page="/")
    browser.sign_in("eg.op")
    assert MASRI in browser.get(f"/hits/{hit_id}").text  # the owner always sees its hits


def test_another_bureaus_hit_page_is_not_found(browser: Browser, make, db, app):
    seed_demo(app, db)
    hit_id = _search_as_fr(browser, make)
    browser.post("/logout", page="/")
    make.user("es.officer", "ES", Role.OFFICER)
    browser.sign_in("es.officer")
    theirs = browser.get(f"/hits/{hit_id}")
    nothing = browser.get(f"/hits/{int(hit_id) + 1000}")
    assert theirs.status_code == nothing.status_code == 404


def test_a_notice_requester_reads_its_withheld_hits(browser: Browser, make, flagged):
    """The requester of a notice is the "owner" side of its notice hits, yet reads them only
    while the person's owner shares the person with it: its pages say so instead of failing."""
    client = browser.client
    eg = make.user_headers("eg.op", "EG", Role.BUREAU_OPERATOR)
    es = make.user_headers("es.officer", "ES", Role.OFFICER)
    make.user("ma.op", "MA", Role.BUREAU_OPERATOR)
    record = _person(client, eg, ["Rachid Alaoui Berrada"], dates_of_birth=["1981-02-03"])
    flagged[record] = [test_flags._flag("MA")]
    assert _wait_for(lambda: _screen(client, es, names=["Rashid Alaoui"], dob="1981-02-03"))
    hidden = client.patch(
        f"/api/v1/persons/{record}",
        json={"visibility": {"rule": "except", "bureaus": ["MA"]}},
        headers=eg,
    )
    assert hidden.status_code == 200, hidden.text

    browser.sign_in("ma.op")
    listed = browser.get("/hits").text
    found = re.search(r'href="/hits/(\d+)"', listed)
    assert found
    assert "No longer shared" in listed
    for page in ("/", "/hits", f"/hits/{found.group(1)}"):
        response = browser.get(page)
        assert response.status_code == 200, page
        assert "Rachid" not in response.text, page
