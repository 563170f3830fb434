"""Foundation figures: what the audit chain and authentication cost per request.

Prints, for SQLite and (when reachable) PostgreSQL:
- audit appends/s, one entry per transaction (as one per request), against a baseline of plain
  inserts of the same rows without the chain (no lock, no head read, no HMAC);
- chain verification rate (entries/s);
- authenticated API requests/s (GET /api/v1/me through the ASGI app, token look-up included)
  with p50/p95/p99 latency;
- Argon2id login latency at the production cost (64 MiB, t=3, p=4).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import psycopg
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import insert
from sqlalchemy.engine import make_url

from amana.app import create_app
from amana.audit import service as audit
from amana.audit.models import AuditEntry
from amana.bureaus import service as bureaus
from amana.core.config import Settings
from amana.core.db import create_db_engine, create_session_factory, unit_of_work, upgrade, utcnow
from amana.core.principal import Role
from amana.core.security import Passwords
from amana.core.visibility import SYSTEM
from amana.users import service as users
from amana.users.schemas import UserCreate

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SECRET = "benchmark-secret-" + "x" * 32
PASSWORD = "benchmark-password-1"


@contextmanager
def postgres_database() -> Iterator[str | None]:
    admin_url = make_url(POSTGRES).set(drivername="postgresql").render_as_string(False)
    name = f"amana_bench_{uuid.uuid4().hex[:8]}"
    try:
        admin = psycopg.connect(admin_url, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        print(f"PostgreSQL unreachable ({error}); PostgreSQL figures not measured")
        yield None
        return
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(POSTGRES).set(database=name).render_as_string(False)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def rate(count: int, fn: Callable[[], None]) -> float:
    started = time.perf_counter()
    fn()
    return count / (time.perf_counter() - started)


def bench_audit(url: str, entries: int) -> None:
    engine = create_db_engine(url)
    factory = create_session_factory(engine, audit_key=SECRET.encode())
    actor = audit.Actor(1, "fr.officer", "FR")

    def chained() -> None:
        for n in range(entries):
            with unit_of_work(factory, viewer=SYSTEM) as session:
                audit.record(session, actor=actor, action="search", target_ids=[n], query={"n": n})

    def plain() -> None:
        for n in range(entries):
            with unit_of_work(factory, viewer=SYSTEM) as session:
                session.execute(
                    insert(AuditEntry).values(
                        seq=10_000_000 + n,
                        at=utcnow(),
                        actor_user_id=1,
                        actor_username="fr.officer",
                        actor_bureau="FR",
                        action="search",
                        outcome="success",
                        target_ids=[n],
                        query={"n": n},
                        prev_hash="0" * 64,
                        entry_hash="0" * 64,
                    )
                )

    chained_rate = rate(entries, chained)
    plain_rate = rate(entries, plain)
    print(f"  audit append (chained, 1 entry/txn): {chained_rate:8.0f}/s")
    print(
        f"  baseline plain insert (1 row/txn):   {plain_rate:8.0f}/s   "
        f"chain costs {plain_rate / chained_rate:.2f}x"
    )
    with unit_of_work(factory, viewer=SYSTEM) as session:
        session.query(AuditEntry).filter(AuditEntry.seq >= 10_000_000).delete()
    with unit_of_work(factory, viewer=SYSTEM) as session:
        started = time.perf_counter()
        report = audit.verify(session)
        elapsed = time.perf_counter() - started
    print(
        f"  verify: {report.checked} entries in {elapsed:.2f}s = "
        f"{report.checked / elapsed:8.0f}/s (ok={report.ok})"
    )
    engine.dispose()


def bench_requests(url: str, requests: int) -> None:
    settings = Settings(
        database_url=url,
        secret_key=SecretStr(SECRET),
        log_level="WARNING",
        password_time_cost=1,
        password_memory_kib=8,
        password_parallelism=1,
    )
    app = create_app(settings)
    with unit_of_work(app.state.session_factory, viewer=SYSTEM) as session:
        users.create(
            session,
            principal=None,
            passwords=app.state.passwords,
            data=UserCreate(
                username="bench.user",
                display_name="Bench",
                bureau="FR",
                roles=[Role.OFFICER],
                password=SecretStr(PASSWORD),
            ),
        )
    with TestClient(app) as client:
        login = {"username": "bench.user", "password": PASSWORD}
        token = client.post("/api/v1/auth/login", json=login).json()["token"]
        headers = {"Authorization": f"Bearer {token}"}
        latencies = []
        started = time.perf_counter()
        for _ in range(requests):
            t0 = time.perf_counter()
            assert client.get("/api/v1/me", headers=headers).status_code == 200
            latencies.append((time.perf_counter() - t0) * 1000)
        elapsed = time.perf_counter() - started
    q = statistics.quantiles(latencies, n=100)
    print(
        f"  GET /api/v1/me (in-process ASGI, 1 client): {requests / elapsed:6.0f} req/s, "
        f"p50 {q[49]:.2f} ms, p95 {q[94]:.2f} ms, p99 {q[98]:.2f} ms"
    )


def bench_password() -> None:
    passwords = Passwords(time_cost=3, memory_kib=64 * 1024, parallelism=4)
    stored = passwords.hash(PASSWORD)
    samples = []
    for _ in range(10):
        t0 = time.perf_counter()
        passwords.verify(stored, PASSWORD)
        samples.append((time.perf_counter() - t0) * 1000)
    print(
        f"Argon2id verify at production cost (64 MiB, t=3, p=4): "
        f"median {statistics.median(samples):.0f} ms"
    )


def prepare(url: str) -> None:
    upgrade(url)
    engine = create_db_engine(url)
    with unit_of_work(
        create_session_factory(engine, audit_key=SECRET.encode()), viewer=SYSTEM
    ) as session:
        bureaus.sync_members(session)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=3000)
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, postgres_database() as pg_url:
        backends = {"SQLite (WAL)": f"sqlite:///{folder}/bench.db", "PostgreSQL": pg_url}
        for label, url in backends.items():
            if url is None:
                continue
            print(f"{label}:")
            prepare(url)
            bench_audit(url, args.entries)
            bench_requests(url, args.requests)
    bench_password()


if __name__ == "__main__":
    main()
