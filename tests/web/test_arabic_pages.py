"""Every page a user can reach, in Arabic, holds no English word of the interface and no raw
code: every string a user sees goes through the catalogues, and data (names, references) is
isolated so it is neither mistaken for the interface nor scrambled right to left.

The pages are found by following the links of the demo's users from the home page, so a new
page is covered without being listed here. Data is skipped where a template marks it as data:
inside ``<bdi>``, an element of its own direction (``dir="auto"`` or ``"ltr"``: HTML isolates
it), ``lang="…"`` (not Arabic) or code, and form values.
"""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient

from amana.core.db import unit_of_work
from amana.core.visibility import SYSTEM
from amana.demo.service import DEMO_PASSWORD, seed
from amana.notices.labels import VOCABULARIES
from tests.web.conftest import Browser

LOCALES = Path(__file__).resolve().parents[2] / "src" / "amana" / "web" / "locales"
MASRI_AR = "محمد عبد الله المصري"
USERS = ("fr.officer", "fr.operator", "fr.admin", "eg.operator", "gs.reviewer", "sysadmin")
MAX_PAGES = 120  # per user: the lists' first pages and the records they link are enough
SKIP = re.compile(r"^/(static|api|docs|openapi|logout|language)|/attachments/|/files/\d")
# English words that are also names or codes the interface shows as they are.
ALLOWED = {"amana", "yyyy", "mrz", "vin", "iban", "icao", "csv", "jsonl", "ftm", "utf", "url"}
ALLOWED |= {"imo", "mmsi", "lei", "bic"}  # identifiers of ships and companies, as written
ALLOWED |= {"utc", "pdf", "png", "jpeg", "gif", "tiff", "json"}
ISOLATED = re.compile("\u2068[^\u2069]*\u2069")  # first-strong isolate: data in plain text
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
DATA_CLASSES = {"username", "detail-data"}


def english_words() -> set[str]:
    """The words of the English interface: the catalogue and the vocabularies' English labels."""
    with (LOCALES / "en" / "LC_MESSAGES" / "messages.po").open("rb") as po:
        texts = [m.string or m.id for m in read_po(po) if m.id]
    flat = [t if isinstance(t, str) else " ".join(t) for t in texts]
    flat += [labels["en"] for vocabulary in VOCABULARIES.values() for labels in vocabulary.values()]
    words = {w.lower() for text in flat for w in re.findall(r"[A-Za-z]{3,}", text)}
    return words - ALLOWED


class Visible(HTMLParser):
    """The interface text of a page: what a user reads, less what the page marks as data."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: is it data?
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        data = (
            tag in {"bdi", "script", "style", "textarea", "code", "kbd", "samp"}
            or a.get("dir") in {"auto", "ltr"}  # HTML isolates an element with its own direction
            or (a.get("lang") not in (None, "ar"))
            or bool(DATA_CLASSES & set((a.get("class") or "").split()))
        )
        for name in ("title", "aria-label", "placeholder", "alt"):
            example = name == "placeholder" and a.get("dir") == "ltr"  # a sample, typed as shown
            if a.get(name) and not (data or example or any(self.stack)):
                self.text.append(a[name] or "")
        if tag == "input" and a.get("type") in {"submit", "button"} and a.get("value"):
            self.text.append(a["value"] or "")
        if tag not in VOID:
            self.stack.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not any(self.stack):
            self.text.append(data)


def untranslated(html: str, words: set[str]) -> dict[str, str]:
    """Each English word or raw code in the interface text, with the text around it."""
    parser = Visible()
    parser.feed(html)
    text = ISOLATED.sub(" ", " ".join(parser.text))
    found: dict[str, str] = {}
    for match in re.finditer(r"[A-Za-z]{3,}", text):
        w = match.group()
        if w.lower() in ALLOWED:
            continue
        if w.lower() in words or re.fullmatch(r"[A-Z][a-z]+|[A-Z]{3}", w):
            start = max(match.start() - 40, 0)
            found.setdefault(w, " ".join(text[start : match.end() + 40].split()))
    return found


def links(html: str) -> list[str]:
    return [
        href.replace("&amp;", "&")
        for href in re.findall(r'href="(/[^"#]*)"', html)
        if not SKIP.search(href)
    ]


@pytest.fixture
def demo(app, client, db) -> None:
    with unit_of_work(app.state.session_factory, viewer=SYSTEM) as session:
        seed(session, passwords=app.state.passwords, tools=app.state.messaging.tools)
    app.state.screening_index.refresh()


def user(app, username: str) -> Browser:
    browser = Browser(TestClient(app, base_url="https://testserver", raise_server_exceptions=False))
    browser.client.cookies.set("amana_lang", "ar")
    browser.sign_in(username, DEMO_PASSWORD)
    return browser


Problems = dict[str, dict[str, str]]


def crawl(browser: Browser, words: set[str], start: list[str]) -> Problems:
    problems: Problems = {}
    seen, queue = set(start), deque(start)
    while queue and len(seen) <= MAX_PAGES:
        path = queue.popleft()
        response = browser.get(path)
        assert response.status_code in (200, 403), (path, response.status_code)
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        if found := untranslated(response.text, words):
            problems[path] = found
        for link in links(response.text):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return problems


def check(html: str, words: set[str], where: str, problems: Problems) -> None:
    if found := untranslated(html, words):
        problems[where] = found


def test_every_page_in_arabic_is_in_arabic(app, demo) -> None:
    words = english_words()
    problems: Problems = {}
    officer = user(app, "fr.officer")
    # Screening results, and the hits they make for the owner to answer.
    for form in (
        {"kind": "person", "names": MASRI_AR, "dob": "1980"},
        {"kind": "document", "number": "12AB34567"},
        {"kind": "vehicle", "plate": "AB-123-CD", "plate_country": "FR"},
    ):
        check(officer.post("/screening", form).text, words, f"screening {form}", problems)
    operator = user(app, "fr.operator")
    incomplete = {"notice_type": "red", "kind": "notice", "language": "en", "action": "check",
                  "summary": "He is a leader of the opposition political party."}  # fmt: skip
    checked = operator.post("/notices/new", incomplete, page="/notices/new?type=red")
    check(checked.text, words, "notice checks", problems)
    for username in USERS:
        browser = officer if username == "fr.officer" else user(app, username)
        for path, found in crawl(browser, words, ["/"]).items():
            problems[f"{username} {path}"] = found
    pages: dict[str, list[str]] = {}
    for where, found in problems.items():
        for word, context in found.items():
            pages.setdefault(word, []).append(f"{where} «{context}»")
    assert not pages, "\n".join(f"{w}: {len(p)} page(s): {p[0]}" for w, p in sorted(pages.items()))


def test_codes_are_named_and_data_isolated_in_arabic(app, demo) -> None:
    """The codes the issue found raw: eye and hair colours, languages, scripts, a vehicle's
    colour, the notices on a hit; and data (names, usernames) isolated."""
    officer = user(app, "fr.officer")
    listing = officer.get("/notices?name=Shcherbakov").text
    notice = re.search(r'href="(/notices/\d+)"', listing)
    assert notice
    html = officer.get(notice.group(1)).text
    for shown in ("أزرق", "رمادي", "الروسية", "الفرنسية"):  # BLU, GRY, RUS, FRE
        assert shown in html, shown
    for code in ("BLU", "GRY", "RUS", "FRE"):
        assert code not in html, code
    assert "←" in html  # the history's "from → to", mirrored
    assert "→" not in html
    assert '<bdi class="username">gs.reviewer</bdi>' in html  # the reviewer, isolated
    persons = officer.get("/records/persons?scope=shared").text
    pages = [officer.get(p).text for p in re.findall(r'href="(/records/persons/\d+)"', persons)]
    assert any("اللاتينية" in page for page in pages)  # Latn, by the CLDR
    assert not any(", Latn)" in page for page in pages)
    vehicles = officer.get("/records/vehicles?scope=shared").text
    vehicle = officer.get(re.findall(r'href="(/records/vehicles/\d+)"', vehicles)[0]).text
    assert any(c in vehicle for c in ("رمادي", "أسود"))  # grey, black
    found = officer.post("/screening", {"kind": "person", "names": MASRI_AR, "dob": "1980"}).text
    assert " · sanctions" not in found
    assert " · arrest" not in found
    assert '<bdi class="username">fr.officer</bdi>' in found  # the header's username
    hit = re.search(r'href="(/hits/\d+)"', found)
    assert hit
    page = officer.get(hit.group(1)).text
    why = page.split("سبب المطابقة")[1].split("</dd>")[0]
    assert "<bdi>" in why
    assert "الاسم" in why  # the feature "name", translated
