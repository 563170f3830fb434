"""Records in pages: the visibility rule, errors next to fields, create and edit."""

from __future__ import annotations

import re

from amana.core.principal import Role
from amana.records import persons
from amana.records.schemas import PersonCreate
from tests.web.conftest import Browser


def _hidden_from_eg(db, app) -> int:
    person = persons.create(
        db,
        principal=None,
        owner="FR",
        data=PersonCreate.model_validate(
            {
                "status": "wanted",
                "names": [{"full_name": "Secretive Sarkozian"}],
                "visibility": {"rule": "except", "bureaus": ["EG"]},
            }
        ),
    )
    db.commit()
    app.state.screening_index.refresh()
    return person.id


def test_a_bureau_never_sees_a_record_hidden_from_it(signed_in: Browser, db, app) -> None:
    hidden = _hidden_from_eg(db, app)
    listing = signed_in.get("/records/persons?scope=shared").text
    assert "Secretive Sarkozian" not in listing
    page = signed_in.get(f"/records/persons/{hidden}")
    assert page.status_code == 404
    assert "Secretive" not in page.text
    assert signed_in.get(f"/records/persons/{hidden}/edit").status_code == 404
    screened = signed_in.post("/screening", {"kind": "person", "names": "Secretive Sarkozian"})
    assert "Secretive" not in screened.text.split('id="results"')[1]


def test_the_owner_sees_whom_its_rule_names(browser: Browser, make, db, app) -> None:
    hidden = _hidden_from_eg(db, app)
    make.user("fr.op", "FR", Role.BUREAU_OPERATOR)
    browser.sign_in("fr.op")
    html = browser.get(f"/records/persons/{hidden}").text
    assert "Secretive Sarkozian" in html
    assert "All bureaus except those listed: EG" in html


def test_errors_appear_next_to_their_field_in_the_users_language(signed_in: Browser) -> None:
    signed_in.client.cookies.set("amana_lang", "es")
    response = signed_in.post(
        "/records/persons/new",
        {
            "names.0.full_name": "Ana",
            "names.0.kind": "primary",
            "status": "wanted",
            "dates_of_birth": "1990-13-01",
            "nationalities": "EG, QQ",
        },
    )
    assert response.status_code == 422
    html = response.text
    assert 'id="f-dates_of_birth-error"' in html
    assert 'id="f-nationalities-error"' in html
    nationality = html.split('id="f-nationalities-error"')[1].split("</p>")[0]
    assert "ISO 3166-1" in nationality
    assert "código" in nationality
    assert 'value="Ana"' in html  # what was typed stays


def test_a_service_refusal_is_shown_next_to_its_field(signed_in: Browser) -> None:
    response = signed_in.post(
        "/records/documents/new",
        {"number": "P1234567", "doc_type": "passport", "issuing_country": "FR", "status": "stolen"},
    )
    assert response.status_code == 422
    error = response.text.split('id="f-issuing_country-error"')[1].split("</p>")[0]
    assert "only documents issued by its own country" in error


def test_create_and_edit_each_kind_of_record(signed_in: Browser) -> None:
    forms = {
        "persons": {"names.0.full_name": "Karim Nour", "names.0.kind": "primary",
                    "status": "missing", "names.1.full_name": "كريم نور",
                    "names.1.kind": "original_script",
                    "identifiers.0.kind": "passport", "identifiers.0.number": "A1112223",
                    "dates_of_birth": "1988-04", "nationalities": "EG",
                    "crime_categories": "cybercrime", "visibility.rule": "only",
                    "visibility.bureaus": "FR, XG"},
        "documents": {"number": "EG7654321", "doc_type": "passport", "issuing_country": "EG",
                      "status": "lost"},
        "vehicles": {"plate": "ق ر 987", "plate_country": "EG", "make": "Kia", "status": "stolen"},
        "firearms": {"make": "Glock", "serial_number": "ABC123", "firearm_type": "pistol",
                     "status": "stolen"},
    }  # fmt: skip
    for slug, form in forms.items():
        created = signed_in.post(f"/records/{slug}/new", form, follow_redirects=False)
        assert created.status_code == 303, (slug, created.text[:2000])
        where = created.headers["location"]
        assert re.fullmatch(rf"/records/{slug}/\d+", where)
        edit = signed_in.get(where + "/edit")
        assert edit.status_code == 200
        changed = signed_in.post(
            where + "/edit",
            {**form, "status": "seized" if slug in ("vehicles", "firearms") else form["status"]},
            follow_redirects=False,
        )
        assert changed.status_code == 303, (slug, changed.text[:2000])
    person = signed_in.get("/records/persons").text
    assert "Karim Nour" in person


def test_photographs_are_shown_where_present(signed_in: Browser) -> None:
    created = signed_in.post(
        "/records/persons/new",
        {"names.0.full_name": "Photo Person", "names.0.kind": "primary", "status": "missing",
         "photo_refs": "/static/photos/p1.jpg\nARCHIVE-BOX-12/photo-3"},
    )  # fmt: skip
    assert '<img src="/static/photos/p1.jpg"' in created.text
    assert "ARCHIVE-BOX-12/photo-3" in created.text


def test_an_officer_may_read_but_not_write(browser: Browser, make) -> None:
    make.user("eg.officer", "EG", Role.OFFICER)
    browser.sign_in("eg.officer")
    assert 'href="/records/persons/new"' not in browser.get("/records/persons").text
    assert browser.get("/records/persons/new").status_code == 403
