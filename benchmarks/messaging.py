"""Secure messaging over HTTP: accepted messages/s and delivery latency, per backbone.

One run per backbone: a fresh SQLite store, real server processes (uvicorn with the app
factory, as ``amana serve`` runs it), a sending bureau (FR) and a connected recipient (EG) on the
server-sent event stream. Every message is signed (Ed25519), encrypted at rest
(XChaCha20-Poly1305 with a wrapped per-message key), stored with its receipt and audit entry,
and pushed to the recipient.

- sustained: ``--concurrency`` senders for ``--messages`` messages; accepted/s (answers 201)
  and delivered/s (until the recipient has been pushed the last one).
- latency: ``--paced`` messages at ``--rate`` per second; send-to-push p50/p99 as the
  recipient's client sees it.

NATS runs two nodes: the sender's and the recipient's, so every delivery crosses JetStream.
The load generator shares the machine's two cores with the server(s): the figures are a floor.

    .venv/bin/python benchmarks/messaging.py [--messages 3000] [--concurrency 16]
        [--backbones sqlite,nats]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import nats
from pydantic import SecretStr

from amana.bureaus import service as bureaus
from amana.core.db import create_db_engine, create_session_factory, unit_of_work, upgrade
from amana.core.principal import Role
from amana.core.security import Passwords
from amana.core.visibility import SYSTEM
from amana.users import service as users
from amana.users.schemas import UserCreate

SECRET = "benchmark-secret-" + "x" * 32
PASSWORD = "benchmark-password-1234"
NATS_URL = os.environ.get("AMANA_TEST_NATS_URL", "nats://127.0.0.1:4222")


def build_store(url: str) -> None:
    upgrade(url)
    engine = create_db_engine(url)
    factory = create_session_factory(engine, audit_key=SECRET.encode())
    passwords = Passwords(time_cost=1, memory_kib=8, parallelism=1)
    with unit_of_work(factory, viewer=SYSTEM) as session:
        bureaus.sync_members(session)
        for name, bureau, role in (
            ("fr.sender", "FR", Role.BUREAU_OPERATOR),
            ("eg.reader", "EG", Role.OFFICER),
        ):
            users.create(
                session,
                principal=None,
                passwords=passwords,
                data=UserCreate(
                    username=name,
                    display_name=name,
                    bureau=bureau,
                    roles=[role],
                    password=SecretStr(PASSWORD),
                ),
            )
    engine.dispose()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_node(env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [
        sys.executable, "-m", "uvicorn", "amana.app:create_app_from_env", "--factory",
        "--host", "127.0.0.1", "--port", str(port), "--no-access-log",
    ]  # fmt: skip
    with log.open("ab") as out:
        process = subprocess.Popen(command, env={**os.environ, **env}, stdout=out, stderr=out)  # noqa: S603
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(url + "/health", timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit(f"server did not start; see {log}")


def login(url: str, username: str) -> dict[str, str]:
    response = httpx.post(
        url + "/api/v1/auth/login", json={"username": username, "password": PASSWORD}, timeout=30
    )
    response.raise_for_status()
    return {"Authorization": f"Bearer {response.json()['token']}"}


def body() -> dict[str, object]:
    return {
        "to": {"bureaus": ["EG"]},
        "subject": "Stolen lorry heading for Port Said",
        "body": "The lorry AB-123-CD left Marseille on Monday with forged papers. " * 8,
        "priority": "routine",
        "handling_code": "police_only",
        "references": [{"kind": "case", "ref": "FR-2026-0412"}],
        "idempotency_key": uuid.uuid4().hex,
    }


class Recipient:
    """EG's connected client: when was each message pushed to it."""

    def __init__(self, url: str, headers: dict[str, str]) -> None:
        self.url, self.headers = url, headers
        self.seen: dict[str, float] = {}
        self.ready = asyncio.Event()
        self.changed = asyncio.Event()

    async def run(self) -> None:
        timeout = httpx.Timeout(10, read=None)
        async with (
            httpx.AsyncClient(timeout=timeout) as http,
            http.stream("GET", self.url + "/api/v1/messages/stream", headers=self.headers) as r,
        ):
            async for line in r.aiter_lines():
                if line.startswith(": connected"):
                    self.ready.set()
                elif line.startswith("data: "):
                    self.seen[json.loads(line[6:])["message_id"]] = time.perf_counter()
                    self.changed.set()

    async def wait_for(self, ids: set[str], seconds: float = 120) -> float:
        deadline = time.perf_counter() + seconds
        while not ids <= self.seen.keys():
            if time.perf_counter() > deadline:
                raise SystemExit(f"{len(ids - self.seen.keys())} messages never delivered")
            self.changed.clear()
            await asyncio.wait_for(self.changed.wait(), timeout=seconds)
        return max(self.seen[i] for i in ids)


async def sustained(
    url: str, headers: dict[str, str], recipient: Recipient, n: int, c: int, batch: int = 1
):
    ids: set[str] = set()
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(0, n, batch):
        queue.put_nowait(i)

    async def sender(http: httpx.AsyncClient) -> None:
        while not queue.empty():
            queue.get_nowait()
            if batch == 1:
                response = await http.post(url + "/api/v1/messages", json=body(), headers=headers)
                assert response.status_code == 201, response.text
                ids.add(response.json()["id"])
                continue
            many = {"messages": [body() for _ in range(batch)]}
            response = await http.post(url + "/api/v1/messages/batch", json=many, headers=headers)
            assert response.status_code == 201, response.text
            ids.update(m["id"] for m in response.json()["items"])

    limits = httpx.Limits(max_connections=c)
    async with httpx.AsyncClient(timeout=60, limits=limits) as http:
        started = time.perf_counter()
        await asyncio.gather(*(sender(http) for _ in range(c)))
        accepted = time.perf_counter() - started
    delivered = await recipient.wait_for(ids) - started
    return n / accepted, n / delivered


async def paced(url: str, headers: dict[str, str], recipient: Recipient, n: int, rate: float):
    sent_at: dict[str, float] = {}

    async def one(http: httpx.AsyncClient) -> None:
        started = time.perf_counter()
        response = await http.post(url + "/api/v1/messages", json=body(), headers=headers)
        sent_at[response.json()["id"]] = started

    async with httpx.AsyncClient(timeout=60) as http:
        tasks = []
        for _ in range(n):
            tasks.append(asyncio.create_task(one(http)))
            await asyncio.sleep(1 / rate)
        await asyncio.gather(*tasks)
    await recipient.wait_for(set(sent_at))
    latencies = sorted((recipient.seen[i] - t) * 1000 for i, t in sent_at.items())
    return statistics.median(latencies), latencies[int(len(latencies) * 0.99) - 1]


async def measure(
    sender_url: str, recipient_url: str, args: argparse.Namespace
) -> dict[str, float]:
    fr, eg = login(sender_url, "fr.sender"), login(recipient_url, "eg.reader")
    recipient = Recipient(recipient_url, eg)
    listening = asyncio.create_task(recipient.run())
    await asyncio.wait_for(recipient.ready.wait(), 30)
    await sustained(sender_url, fr, recipient, 200, args.concurrency)  # warm-up
    accepted, delivered = await sustained(
        sender_url, fr, recipient, args.messages, args.concurrency
    )
    p50, p99 = await paced(sender_url, fr, recipient, args.paced, args.rate)
    batched = await sustained(
        sender_url, fr, recipient, args.messages * 2, max(2, args.concurrency // 4), args.batch
    )
    listening.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await listening  # closes the stream, or the server waits for it at shutdown
    return {
        "accepted": accepted,
        "delivered": delivered,
        "p50": p50,
        "p99": p99,
        "batch_accepted": batched[0],
        "batch_delivered": batched[1],
    }


def run(backbone: str, args: argparse.Namespace) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="amana-msg-bench-"))
    url = f"sqlite:///{folder / 'amana.db'}"
    build_store(url)
    stream = f"AMANA_BENCH_{uuid.uuid4().hex[:8]}"
    env = {
        "AMANA_DATABASE_URL": url,
        "AMANA_SECRET_KEY": SECRET,
        "AMANA_MESSAGING_BACKBONE": backbone,
        "AMANA_NATS_URL": NATS_URL,
        "AMANA_NATS_STREAM": stream,
        "AMANA_NATS_SUBJECT_PREFIX": stream.lower().replace("_", "."),
        "AMANA_LOG_LEVEL": "WARNING",
    }
    nodes = [start_node(env, folder / "sender.log")]
    if backbone == "nats":
        nodes.append(start_node(env, folder / "recipient.log"))
    try:
        return asyncio.run(measure(nodes[0][1], nodes[-1][1], args))
    finally:
        for process, _ in nodes:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        if backbone == "nats":
            asyncio.run(_delete_stream(stream))


async def _delete_stream(name: str) -> None:
    nc = await nats.connect(NATS_URL)
    try:
        await nc.jetstream().delete_stream(name)
    finally:
        await nc.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--paced", type=int, default=500, help="messages for the latency run")
    parser.add_argument("--rate", type=float, default=50.0, help="paced messages per second")
    parser.add_argument("--batch", type=int, default=200, help="messages per batch request")
    parser.add_argument("--backbones", default="sqlite,nats")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; {args.messages} messages, {args.concurrency} senders")
    print(
        "backbone  one per request: accepted/s delivered/s | "
        f"batches of {args.batch}: accepted/s delivered/s | latency at {args.rate:.0f}/s: "
        "p50 ms p99 ms"
    )
    for backbone in args.backbones.split(","):
        r = run(backbone, args)
        print(
            f"{backbone:<9} {r['accepted']:>27,.0f} {r['delivered']:>11,.0f} | "
            f"{r['batch_accepted']:>26,.0f} {r['batch_delivered']:>11,.0f} | "
            f"{r['p50']:>24.1f} {r['p99']:>6.1f}"
        )


if __name__ == "__main__":
    main()
