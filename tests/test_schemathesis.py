"""Schema-driven fuzzing: every API operation, as an officer, an operator and an administrator,
with data that fits the OpenAPI document and data that does not.

Three checks: no answer is a 5xx; every status is one the document lists for the operation;
every body has the documented shape. One demo store (``amana demo``'s seed) in a temporary
folder and one app, called in-process (ASGI). Deterministic (derandomised) and bounded, so CI
runs it in a few minutes; ``AMANA_FUZZ_EXAMPLES`` raises the number of examples,
``AMANA_FUZZ_OPERATIONS=persons_update,...`` fuzzes only those operations, and ``-m "not fuzz"``
leaves it out of a quick developer run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from pydantic import SecretStr
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from amana.app import create_app
from amana.cli.context import open_store
from amana.core.config import Settings
from amana.core.db import upgrade
from amana.demo.messages import demo_tools
from amana.demo.service import DEMO_PASSWORD, seed

pytestmark = pytest.mark.fuzz

ROLES = ("fr.officer", "fr.operator", "fr.admin")
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
EXAMPLES = int(os.environ.get("AMANA_FUZZ_EXAMPLES", "6"))
ONLY = {name for name in os.environ.get("AMANA_FUZZ_OPERATIONS", "").split(",") if name}
# Operations that would end the fuzzer's own sessions or accounts run last.
LAST = ("auth_logout", "tokens_revoke", "users_update")
# An event stream stays open until it is idle; these keep each call short.
OVERRIDES: dict[str, dict[str, Any]] = {
    "messages_stream": {"query": {"max_events": "1", "idle_seconds": "0.05"}},
}


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    folder = tmp_path_factory.mktemp("fuzz-demo")
    config = Settings(
        database_url=f"sqlite:///{folder / 'amana.db'}",
        secret_key=SecretStr("fuzz-secret-key-" + "x" * 32),
        demo_mode=True,
        password_time_cost=1,
        password_memory_kib=8,
        password_parallelism=1,
        log_level="CRITICAL",
        screening_poll_seconds=1.0,
    )
    upgrade(config.database_url)
    with open_store(config) as store, store.session() as session:
        seed(session, passwords=store.passwords(), tools=demo_tools(config))
    app = create_app(config)
    with TestClient(app):  # start-up: screening index, messaging
        yield app


def _login(client: TestClient, username: str) -> dict[str, str]:
    response = client.post(
        "/api/v1/auth/login", json={"username": username, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 200, f"{username}: {response.text}"
    return {"Authorization": f"Bearer {response.json()['token']}"}


def _operations(schema: Any) -> list[Any]:
    operations = [result.ok() for result in schema.get_all_operations()]
    if ONLY:  # a developer reproducing one finding
        operations = [op for op in operations if op.definition.raw.get("operationId") in ONLY]
    return sorted(operations, key=lambda op: op.definition.raw.get("operationId") in LAST)


def _fuzz(operation: Any, mode: GenerationMode, headers: list[dict[str, str]]) -> str | None:
    operation_id = operation.definition.raw.get("operationId", "")
    strategy = operation.as_strategy(generation_mode=mode, **OVERRIDES.get(operation_id, {}))

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case: schemathesis.Case) -> None:
        for role in headers:
            case.call_and_validate(headers=role, checks=CHECKS, timeout=10)

    try:
        run()
    except Unsatisfiable:
        return None  # nothing lies outside the schema (no input, or free-form strings only)
    except (Exception, BaseExceptionGroup) as failure:  # schemathesis groups its failures
        return f"{operation.method.upper()} {operation.path} ({mode.value}): {failure}"
    return None


def test_the_api_keeps_to_its_schema_for_every_role(demo_app):
    schema = schemathesis.openapi.from_asgi("/openapi.json", demo_app)
    failures = []
    operations = _operations(schema)
    assert len(operations) > 60 or ONLY
    client = TestClient(demo_app)
    for operation in operations:
        headers = [_login(client, username) for username in ROLES]
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            failure = _fuzz(operation, mode, headers)
            if failure:
                failures.append(failure)
    assert failures == [], "\n\n".join(failures)
