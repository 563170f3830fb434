"""Service behaviour the notices pages rely on: a draft saved again with the same links (the
request form sends every part of the request each time it is checked or saved)."""

from __future__ import annotations

from tests.notices.conftest import API, body


def test_a_draft_saved_again_with_the_same_links(desk) -> None:
    person = desk.person()
    vehicle = desk.client.post(
        f"{API}/vehicles", json={"plate": "AB-123-CD", "plate_country": "FR", "status": "stolen"},
        headers=desk.fr,
    ).json()["id"]  # fmt: skip
    links = [
        {"record_kind": "person", "record_id": person},
        {"record_kind": "vehicle", "record_id": vehicle},
    ]
    notice = desk.draft(body("red", person))
    for sent in (links, links, links[:1], links):
        response = desk.client.patch(
            f"{API}/notices/{notice['id']}", json={"links": sent}, headers=desk.fr
        )
        assert response.status_code == 200, response.text
        assert response.json()["links"] == sent


def test_notices_listed_by_the_subjects_name(desk, app) -> None:
    from amana.auth.service import principal_of
    from amana.core.db import unit_of_work
    from amana.notices import reads
    from amana.users import service as users

    person = desk.person()
    haddad = desk.publish(body("red", person))["id"]
    arabic = body("blue", person)
    arabic["subject"] = {**arabic["subject"], "family_name": "Al-Masri", "forename": "Omar",
                         "name_in_original_script": "عمر المصري"}  # fmt: skip
    masri = desk.publish(arabic)["id"]
    with unit_of_work(app.state.session_factory, viewer="ES") as session:
        officer = principal_of(users.get_by_username(session, username="es.officer"))

        def found(name: str) -> list[int]:
            page = reads.list_(session, principal=officer, name=name)
            return [n.id for n in page.items]

        assert found("haddad") == [haddad]
        assert found("Karim HADDAD") == [haddad]  # words in any order and case
        assert found("المصري") == [masri]
        assert found("100%") == []  # wildcards are text
        assert sorted(found("  ")) == sorted([haddad, masri])
