"""Screening pages: person, document, vehicle, a manifest; and answering hits."""

from __future__ import annotations

import csv
import io
import re

from amana.core.principal import Role
from tests.web.conftest import Browser, seed_demo

MASRI_AR = "محمد عبد الله المصري"


def test_an_arabic_name_finds_the_latin_record_with_its_explanation(
    browser: Browser, make, db, app
):
    seed_demo(app, db)
    make.user("fr.officer", "FR", Role.OFFICER)
    browser.sign_in("fr.officer")
    html = browser.post("/screening", {"kind": "person", "names": MASRI_AR, "dob": "1980"}).text
    results = html.split('id="results"')[1]
    first = results.split('class="hit"')[1]
    assert "Mohammed Abdullah Al-Masri" in first
    assert "transliteration" in first
    assert "same year" in first
    link = re.search(r'href="(/records/persons/\d+)"', first)
    assert link
    assert "Mohammed Abdullah Al-Masri" in browser.get(link.group(1)).text
    assert "/hits/" in first  # the owner (EG) was told


def test_document_and_vehicle_screening(signed_in: Browser, db, app) -> None:
    seed_demo(app, db)
    html = signed_in.post("/screening", {"kind": "document", "number": "12 ab 34567"}).text
    assert "12AB34567" in html
    html = signed_in.post(
        "/screening", {"kind": "vehicle", "plate": "ab-123-cd", "plate_country": "FR"}
    ).text
    assert "Renault" in html


def test_a_screening_error_is_next_to_its_field(signed_in: Browser) -> None:
    response = signed_in.post("/screening", {"kind": "person", "names": "", "dob": "2999"})
    assert response.status_code == 422
    assert 'id="f-names-error"' in response.text
    assert 'id="f-dob-error"' in response.text or 'id="f-names-error"' in response.text


def test_a_manifest_is_screened_and_its_results_downloaded(signed_in: Browser, db, app) -> None:
    seed_demo(app, db)
    manifest = f"ref,names,dob\nA1,{MASRI_AR},1980\nA2,Nobody Particular,\n".encode()
    token = signed_in.token("/screening/batch")
    page = signed_in.client.post(
        "/screening/batch",
        data={"csrf_token": token, "output": "html"},
        files={"manifest": ("manifest.csv", manifest, "text/csv")},
    )
    assert page.status_code == 200
    assert "Mohammed Abdullah Al-Masri" in page.text
    assert 'download="screening-results.csv"' in page.text
    download = signed_in.client.post(
        "/screening/batch",
        data={"csrf_token": token, "output": "csv"},
        files={"manifest": ("manifest.csv", manifest, "text/csv")},
    )
    assert download.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(download.text)))
    assert rows[0]["ref"] == "A1"
    assert rows[0]["matched"] == "Mohammed Abdullah Al-Masri"
    assert next(r for r in rows if r["ref"] == "A2")["hit"] == "0"


def test_a_bad_manifest_is_explained(signed_in: Browser) -> None:
    token = signed_in.token("/screening/batch")
    response = signed_in.client.post(
        "/screening/batch",
        data={"csrf_token": token},
        files={"manifest": ("m.csv", b"who,what\n1,2\n", "text/csv")},
    )
    assert response.status_code == 422
    assert 'id="f-manifest-error"' in response.text


def test_the_owner_answers_a_hit_and_the_searcher_sees_it(browser: Browser, make, db, app):
    seed_demo(app, db)
    make.user("fr.officer", "FR", Role.OFFICER)
    make.user("eg.op", "EG", Role.BUREAU_OPERATOR)
    browser.sign_in("fr.officer")
    html = browser.post("/screening", {"kind": "person", "names": MASRI_AR, "dob": "1980"}).text
    hit = re.search(r'href="/hits/(\d+)"', html)
    assert hit
    browser.post("/logout", page="/")
    browser.sign_in("eg.op")
    home = browser.get("/").text
    assert f'href="/hits/{hit.group(1)}"' in home  # new hits on the bureau's records
    hit_page = f"/hits/{hit.group(1)}"
    answered = browser.post(
        f"{hit_page}/answer", {"status": "confirmed", "note": "ours"}, page=hit_page
    )
    assert answered.status_code == 200
    assert "Confirmed" in answered.text
    again = browser.post(f"{hit_page}/answer", {"status": "not_confirmed"}, page=hit_page)
    assert again.status_code == 422
    assert "This hit has already been answered." in again.text
    browser.post("/logout", page="/")
    browser.sign_in("fr.officer")
    assert "Confirmed" in browser.get(f"/hits/{hit.group(1)}").text


def test_organisations_and_vessels_are_screened_with_their_explanation(
    signed_in: Browser, db, app
) -> None:
    from amana.demo.entities import seed_entities

    seed_demo(app, db)
    seed_entities(db)
    db.commit()
    app.state.screening_index.refresh()
    html = signed_in.post("/screening", {"kind": "organisation", "names": "Severnyi Alliance"})
    results = html.text.split('id="results"')[1]
    assert "ООО «Северный Альянс»" in results
    assert "transliteration" in results
    assert "Sanctioned" in results
    html = signed_in.post("/screening", {"kind": "vessel", "imo": "IMO 9312341"}).text
    assert "MT Sea Falcon" in html.split('id="results"')[1]
    assert "Tanker" in html
    refused = signed_in.post("/screening", {"kind": "vessel", "imo": "9312342"})
    assert refused.status_code == 422
    assert 'id="f-imo-error"' in refused.text
