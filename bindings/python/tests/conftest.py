"""Fixtures: one emulator for the whole run (each test makes its own connections on it), a
workspace on it with fast polling, and the test PostgreSQL (ABC_TEST_PG*, as scripts/postgres.sh
exports them) for the dataset tests, skipped visibly without it."""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Iterator
from typing import Any

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from emulator import Emulator  # noqa: E402

PG_VARIABLES = ["ABC_TEST_PGHOST", "ABC_TEST_PGPORT", "ABC_TEST_PGUSER", "ABC_TEST_PGPASSWORD",
                "ABC_TEST_PGDATABASE"]


@pytest.fixture(scope="session")
def emulator() -> Iterator[Emulator]:
    if not os.environ.get("ABC_EMULATOR"):
        pytest.skip("SKIP: ABC_EMULATOR is not set (the airbyte-cloud-emulator binary)")
    started = Emulator()
    yield started
    started.stop()


@pytest.fixture
def workspace(emulator: Emulator) -> Iterator[Any]:
    from airbyte_cloud import cloud

    with cloud.CloudWorkspace(workspace_id=emulator.workspace_id, api_key=emulator.api_key,
                              api_root=emulator.api_url, poll_interval=(0.02, 0.1),
                              max_attempts=4) as opened:
        yield opened


@pytest.fixture
def new_connection(emulator: Emulator, request: pytest.FixtureRequest) -> Any:
    def make(outcome: str | None = None, duration_ms: int = 100, count: int = 50) -> str:
        connection_id = emulator.create_connection(f"py-{request.node.name}-{secrets.token_hex(3)}",
                                                   count=count)
        if outcome:
            emulator.set_behaviour(connection_id, outcome, duration_ms)
        return connection_id

    return make


@pytest.fixture
def postgres() -> dict[str, str]:
    missing = [name for name in PG_VARIABLES if not os.environ.get(name)]
    if missing:
        pytest.skip(f"SKIP: no test PostgreSQL ({', '.join(missing)} unset; "
                    'eval "$(scripts/postgres.sh start)")')
    return {name: os.environ[name] for name in PG_VARIABLES}


def postgres_destination(pg: dict[str, str], schema: str) -> dict[str, Any]:
    return {"destinationType": "postgres", "host": pg["ABC_TEST_PGHOST"],
            "port": int(pg["ABC_TEST_PGPORT"]), "database": pg["ABC_TEST_PGDATABASE"],
            "schema": schema, "username": pg["ABC_TEST_PGUSER"],
            "password": pg["ABC_TEST_PGPASSWORD"], "ssl_mode": {"mode": "disable"}}
