"""Real Amana server processes for the kill test, a resilient SSE listener, and NATS checks."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import nats
import pytest

from tests.conftest import IN_CI, SECRET

NATS_URL = os.environ.get("AMANA_TEST_NATS_URL", "nats://127.0.0.1:4222")


def require_nats() -> None:
    """Mirror the PostgreSQL policy: a developer's run skips and says so; CI fails."""

    async def ping() -> None:
        nc = await nats.connect(NATS_URL, connect_timeout=2, max_reconnect_attempts=0)
        try:
            await nc.jetstream().account_info()
        finally:
            await nc.close()

    try:
        asyncio.run(ping())
    except Exception as error:
        message = f"NATS with JetStream unreachable at {NATS_URL}: {error!r}"
        if IN_CI:
            pytest.fail(message + " (CI must run the NATS tests)", pytrace=False)
        pytest.skip(message + " -- skipping the NATS backbone tests")


def delete_stream(name: str) -> None:
    async def delete() -> None:
        nc = await nats.connect(NATS_URL, connect_timeout=2, max_reconnect_attempts=0)
        try:
            await nc.jetstream().delete_stream(name)
        finally:
            await nc.close()

    with contextlib.suppress(Exception):  # the stream may never have been created
        asyncio.run(delete())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Node:
    """One ``amana`` server process (uvicorn with the app factory, as ``amana serve`` runs it)."""

    def __init__(self, name: str, env: dict[str, str], log_dir: Path) -> None:
        self.name, self.env, self.port = name, env, free_port()
        self.log = log_dir / f"{name}.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        command = [
            sys.executable, "-m", "uvicorn", "amana.app:create_app_from_env", "--factory",
            "--host", "127.0.0.1", "--port", str(self.port), "--no-access-log",
        ]  # fmt: skip
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603
                command, env={**os.environ, **self.env}, stdout=log, stderr=log
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()[-3000:]
            try:
                if httpx.get(self.url + "/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"{self.name} did not start:\n{self.log.read_text()[-3000:]}")

    def kill(self) -> None:
        """kill -9: no shutdown hook runs."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def node_env(database_url: str, backbone: str, stream: str, prefix: str) -> dict[str, str]:
    return {
        "AMANA_DATABASE_URL": database_url,
        "AMANA_SECRET_KEY": SECRET,
        "AMANA_MESSAGING_BACKBONE": backbone,
        "AMANA_NATS_URL": NATS_URL,
        "AMANA_NATS_STREAM": stream,
        "AMANA_NATS_SUBJECT_PREFIX": prefix,
        "AMANA_LOG_LEVEL": "WARNING",
        "AMANA_AUTH_CACHE_SECONDS": "0",
    }


class Listener(threading.Thread):
    """A bureau's client on the event stream of one node; it reconnects with Last-Event-ID
    whenever the node goes away, as a browser's EventSource does."""

    def __init__(self, node: Node, headers: dict[str, str]) -> None:
        super().__init__(daemon=True)
        self.node, self.headers = node, headers
        self.received: list[str] = []
        self.last_id = "0"
        self.connected = threading.Event()
        self.done = threading.Event()
        self.reconnects = 0

    def run(self) -> None:
        while not self.done.is_set():
            try:
                self._listen()
            except httpx.HTTPError:
                self.reconnects += 1
                time.sleep(0.1)

    def _listen(self) -> None:
        headers = {**self.headers, "Last-Event-ID": self.last_id}
        timeout = httpx.Timeout(5.0, read=10.0)
        url = self.node.url + "/api/v1/messages/stream"
        with httpx.stream(
            "GET", url, headers=headers, params={"idle_seconds": 2}, timeout=timeout
        ) as response:
            if response.status_code != 200:
                time.sleep(0.2)
                return
            fields: dict[str, str] = {}
            for line in response.iter_lines():
                if line.startswith(": connected"):
                    self.connected.set()
                elif line == "" and fields:
                    if fields.get("event") == "message":
                        self.received.append(_message_id(fields["data"]))
                        self.last_id = fields.get("id", self.last_id)
                    fields = {}
                elif ": " in line:
                    key, _, value = line.partition(": ")
                    fields[key] = value


def _message_id(data: str) -> str:
    return str(json.loads(data)["message_id"])
