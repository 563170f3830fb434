"""The four catalogues hold every message the pages use, translated, with the same
placeholders: a new or changed message fails here until it is translated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from amana.web import i18n

WEB = Path(i18n.__file__).parent
KEYWORDS = {"_": None, "N_": None, "text": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _used() -> set[str]:
    found = set()
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
    for _, _, message, _, _ in extract_from_dir(str(WEB), method_map=method_map, keywords=KEYWORDS):
        found.update([message] if isinstance(message, str) else message)
    return found


USED = _used()


def _catalog(language: str):
    with (WEB / "locales" / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po, locale=language)


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_catalogue_has_every_message_translated(language: str) -> None:
    catalog = _catalog(language)
    ids: set[str] = set()
    for message in catalog:
        if message.id:
            ids.update([message.id] if isinstance(message.id, str) else message.id)
    missing = sorted(USED - ids)
    assert not missing, f"{language}: not in the catalogue: {missing[:10]}"
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{language}: untranslated {message.id!r}"
        assert not message.fuzzy, f"{language}: fuzzy {message.id!r}"
        source = message.id if isinstance(message.id, str) else message.id[0]
        for translated in strings:
            assert set(PLACEHOLDER.findall(translated)) <= set(PLACEHOLDER.findall(source)) | {
                "num"
            }, f"{language}: placeholders differ in {message.id!r}"


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_catalogue_holds_no_stale_message(language: str) -> None:
    catalog = _catalog(language)
    stale = []
    for message in catalog:
        parts = message.id if isinstance(message.id, tuple) else (message.id,)
        if message.id and parts[0] not in USED:
            stale.append(parts[0])
    assert not stale, f"{language}: no longer used: {stale[:10]}"
