"""Screening over HTTP: the real server (``amana serve``, several workers) under load.

One run: builds a store of synthetic persons (``synthetic.py``) and travel documents, starts
``amana serve --workers W`` on it, waits until every worker's index is built, then drives
``POST /api/v1/screening/persons``, ``/documents`` and ``/batch`` from client processes on this
machine for a fixed time and prints sustained requests/s, latency p50/p95/p99, travellers/s and
the server's resident memory. Every request is authenticated with an API token and audited,
as in production. The load generator shares the machine's two cores with the server, so the
figures are a floor; when ``wrk`` is installed (Debian package ``wrk``) the person and document
loads are also driven by it, which costs the server less CPU than the Python client.

    .venv/bin/python benchmarks/screening_http.py --persons 100000 --seconds 15
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psutil
from pydantic import SecretStr
from sqlalchemy import insert
from synthetic import SyntheticDataset

from amana.auth import service as auth
from amana.auth.schemas import TokenCreate
from amana.bureaus import service as bureaus
from amana.core.config import Settings
from amana.core.db import create_db_engine, create_session_factory, unit_of_work, upgrade, utcnow
from amana.core.principal import Role
from amana.core.security import Passwords
from amana.core.visibility import SYSTEM
from amana.matching.identifiers import confusion_key, exact_key
from amana.matching.scripts import detect_script
from amana.records.models import Person, PersonName, TravelDocument
from amana.users import service as users
from amana.users.schemas import UserCreate

SECRET = "benchmark-secret-" + "x" * 32
ROOT = Path(__file__).resolve().parents[1]
BATCH = 5_000


def build_store(url: str, persons: int, documents: int) -> tuple[str, list[dict[str, object]]]:
    """Migrate, load persons and documents with bulk inserts; return an API token and queries."""
    upgrade(url)
    engine = create_db_engine(url)
    factory = create_session_factory(engine, audit_key=SECRET.encode())
    dataset = SyntheticDataset(persons)
    with unit_of_work(factory, viewer=SYSTEM) as session:
        bureaus.sync_members(session)
        user = users.create(
            session,
            principal=None,
            passwords=Passwords(time_cost=1, memory_kib=8, parallelism=1),
            data=UserCreate(
                username="bench.gate", display_name="Gate", bureau="FR", roles=[Role.OFFICER]
            ),
        )
        session.flush()
        settings = Settings(database_url=url, secret_key=SecretStr(SECRET))
        token = auth.issue_api_token(
            session,
            principal=None,
            settings=settings,
            data=TokenCreate(user_id=user.id, name="bench"),
        ).token
    started = time.perf_counter()
    _insert_persons(factory, dataset)
    _insert_documents(factory, documents)
    print(
        f"store: {persons:,} persons, {documents:,} documents loaded in "
        f"{time.perf_counter() - started:.0f} s"
    )
    queries = [{"names": list(q.query.names), "dob": q.query.dob} for q in dataset.queries(2_000)]
    engine.dispose()
    return token, queries


def _insert_persons(factory, dataset: SyntheticDataset) -> None:  # type: ignore[no-untyped-def]
    people, names = [], []
    now = utcnow()
    for entry in dataset.entries():
        people.append(
            {
                "id": entry.record_id,
                "owner_bureau": "EG",
                "visibility": "all",
                "status": "wanted",
                "sex": entry.sex,
                "dates_of_birth": list(entry.dobs),
                "nationalities": list(entry.nationalities),
                "crime_categories": [],
                "photo_refs": [],
                "created_at": now,
                "updated_at": now,
            }
        )
        for position, name in enumerate(entry.names):
            names.append(
                {
                    "person_id": entry.record_id,
                    "position": position,
                    "full_name": name,
                    "kind": "primary" if position == 0 else "alias",
                    "script": detect_script(name),
                }
            )
        if len(people) >= BATCH:
            _flush(factory, people, names)
            people, names = [], []
    _flush(factory, people, names)


def _flush(factory, people: list, names: list) -> None:  # type: ignore[no-untyped-def]
    if not people:
        return
    with unit_of_work(factory, viewer=SYSTEM) as session:
        session.execute(insert(Person), people)
        session.execute(insert(PersonName), names)


def _insert_documents(factory, count: int) -> None:  # type: ignore[no-untyped-def]
    rows = []
    for n in range(count):
        number = f"{n % 97:02d}AB{n:07d}"
        rows.append(
            {
                "owner_bureau": "FR",
                "visibility": "all",
                "number": number,
                "number_key": exact_key(number),
                "confusion_key": confusion_key(number),
                "doc_type": "passport",
                "issuing_country": "FR",
                "status": "stolen",
                "reported_on": utcnow().date(),
                "created_at": utcnow(),
                "updated_at": utcnow(),
            }
        )
        if len(rows) >= BATCH:
            with unit_of_work(factory, viewer=SYSTEM) as session:
                session.execute(insert(TravelDocument), rows)
            rows = []
    if rows:
        with unit_of_work(factory, viewer=SYSTEM) as session:
            session.execute(insert(TravelDocument), rows)


def start_server(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "AMANA_DATABASE_URL": url,
        "AMANA_SECRET_KEY": SECRET,
        "AMANA_LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(  # noqa: S603
        [str(ROOT / ".venv/bin/amana"), "serve", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    started = time.perf_counter()
    while time.perf_counter() - started < 600:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/ready", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    print(
        f"server: {workers} worker(s) ready in {time.perf_counter() - started:.0f} s "
        "(indexes built)"
    )
    return server


async def _drive(
    url: str, bodies: list[dict[str, object]], token: str, seconds: float, concurrency: int
) -> list[float]:
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(headers=headers, limits=limits, timeout=30) as client:

        async def worker(offset: int) -> None:
            n = offset
            while time.perf_counter() < deadline:
                body = bodies[n % len(bodies)]
                n += concurrency
                t0 = time.perf_counter()
                response = await client.post(url, json=body)
                if response.status_code != 200:
                    raise RuntimeError(f"{response.status_code}: {response.text[:200]}")
                latencies.append(time.perf_counter() - t0)

        await asyncio.gather(*(worker(i) for i in range(concurrency)))
    return latencies


def _client(args: tuple[str, list[dict[str, object]], str, float, int]) -> list[float]:
    return asyncio.run(_drive(*args))


def load(
    url: str,
    bodies: list[dict[str, object]],
    token: str,
    seconds: float,
    clients: int,
    concurrency: int,
) -> tuple[float, list[float]]:
    with multiprocessing.Pool(clients) as pool:
        started = time.perf_counter()
        parts = pool.map(
            _client,
            [(url, bodies[i::clients], token, seconds, concurrency) for i in range(clients)],
        )
        elapsed = time.perf_counter() - started
    latencies = [x for part in parts for x in part]
    return len(latencies) / elapsed, latencies


def load_with_wrk(
    url: str, bodies: list[dict[str, object]], token: str, seconds: float, connections: int
) -> str:
    """The same load from wrk (C, one thread), which leaves the server more of the CPU than a
    Python client does; returns wrk's summary lines."""
    chunks = ",\n".join(f"[==[{json.dumps(b, ensure_ascii=False)}]==]" for b in bodies[:2000])
    script = (
        f"local bodies = {{{chunks}}}\nlocal i = 0\n"
        "request = function()\n  i = i + 1\n"
        "  return wrk.format('POST', nil, nil, bodies[(i % #bodies) + 1])\nend\n"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    result = subprocess.run(  # noqa: S603
        [
            shutil.which("wrk") or "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{int(seconds)}s",
            "--latency",
            "-s",
            handle.name,
            "-H",
            f"Authorization: Bearer {token}",
            "-H",
            "Content-Type: application/json",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    os.unlink(handle.name)
    wanted = ("Requests/sec", "50%", "90%", "99%", "Non-2xx", "Socket errors")
    return "\n".join(
        line.strip() for line in result.stdout.splitlines() if line.strip().startswith(wanted)
    )


def report(label: str, rate: float, latencies: list[float], unit: str = "req/s") -> None:
    q = statistics.quantiles([x * 1000 for x in latencies], n=100)
    print(
        f"{label:34s} {rate:8.0f} {unit}   p50 {q[49]:6.1f} ms  p95 {q[94]:6.1f} ms  "
        f"p99 {q[98]:6.1f} ms  ({len(latencies):,} requests)"
    )


def server_rss_mib(server: subprocess.Popen[bytes]) -> float:
    process = psutil.Process(server.pid)
    return sum(p.memory_info().rss for p in [process, *process.children(recursive=True)]) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        token, queries = build_store(url, args.persons, args.documents)
        server = start_server(url, args.port, args.workers)
        try:
            base = f"http://127.0.0.1:{args.port}/api/v1/screening"
            rate, lat = load(
                f"{base}/persons", queries, token, args.seconds, args.clients, args.concurrency
            )
            report("person screening", rate, lat)
            numbers = [
                {"number": f"{n % 97:02d}ab {n:07d}"}
                for n in range(0, args.documents, max(1, args.documents // 2000))
            ]
            rate, lat = load(
                f"{base}/documents", numbers, token, args.seconds, args.clients, args.concurrency
            )
            report("document look-ups", rate, lat)
            manifests = [
                {"travellers": [{"ref": str(i), **q} for i, q in enumerate(queries[k : k + 1000])]}
                for k in (0, 1000)
            ]
            rate, lat = load(f"{base}/batch", manifests, token, args.seconds, 1, 2)
            report("batch (1,000 travellers/request)", rate * 1000, lat, "trav/s")
            if shutil.which("wrk"):
                for label, path, bodies in (
                    ("person screening", "persons", queries),
                    ("document look-ups", "documents", numbers),
                ):
                    print(f"wrk, {label}:")
                    print(
                        load_with_wrk(
                            f"{base}/{path}", bodies, token, args.seconds, args.concurrency
                        )
                    )
            print(f"server resident memory (all processes): {server_rss_mib(server):,.0f} MiB")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
