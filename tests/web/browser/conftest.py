"""End-to-end tests in a real browser: Debian's headless Chromium driven by Playwright.

A real server (uvicorn in a thread, on a free loopback port) serves a temporary SQLite store
seeded with the demo (users and records). Playwright never downloads a browser: it drives
``/usr/bin/chromium``. Without it a developer's run skips these tests and says why; under CI
(``CI=true``) a missing Chromium is a failure, so CI never skips them silently.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import sync_playwright
from pydantic import SecretStr

from amana.app import create_app
from amana.core.config import Settings
from amana.core.db import unit_of_work, upgrade
from amana.core.visibility import SYSTEM
from amana.demo.service import seed

CHROMIUM = Path("/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
ROOT = Path(__file__).resolve().parents[3]
SCREENSHOTS = ROOT / "test-output" / "screenshots"


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing (Debian's chromium package: apt-get install chromium)"
    if IN_CI:
        pytest.fail(message + "; CI must run the browser tests", pytrace=False)
    pytest.skip(message + " -- skipping the browser tests")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _require_chromium()
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'amana.db'}"
    upgrade(url)
    settings = Settings(
        database_url=url,
        secret_key=SecretStr("browser-tests-" + "k" * 40),
        password_time_cost=1,
        password_memory_kib=8,
        password_parallelism=1,
        log_level="WARNING",
    )
    app = create_app(settings)
    with unit_of_work(app.state.session_factory, viewer=SYSTEM) as session:
        seed(session, passwords=app.state.passwords, tools=app.state.messaging.tools)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    _require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            # Root in CI containers has no user namespaces for Chromium's sandbox.
            args=["--no-sandbox", "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, base_url: str) -> Iterator[object]:
    context = chromium.new_context(
        base_url=base_url, viewport={"width": 1280, "height": 900}, locale="en-GB"
    )
    tab = context.new_page()
    tab.csp_violations = []  # type: ignore[attr-defined]
    tab.on(
        "console",
        lambda message: (
            tab.csp_violations.append(message.text)  # type: ignore[attr-defined]
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield tab
    context.close()


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
