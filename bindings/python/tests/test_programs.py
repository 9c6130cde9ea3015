"""The two programs of PyAirbyte's documentation (examples/pyairbyte_cloud.py) run unchanged but
for the imports and ids, in a fresh interpreter, against the emulator with a PostgreSQL
destination the emulator writes the synced rows into."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import postgres_destination

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "pyairbyte_cloud.py"


def deploy_postgres_connection(workspace: Any, emulator: Any, pg: dict[str, str],
                               count: int = 25) -> tuple[Any, str]:
    schema = f"py_{secrets.token_hex(4)}"
    source = workspace.deploy_source(f"py-pg-src-{schema}", {"sourceType": "faker", "count": count,
                                                             "seed": 11})
    destination = workspace.deploy_destination(f"py-pg-dst-{schema}",
                                               postgres_destination(pg, schema))
    connection = workspace.deploy_connection(f"py-pg-{schema}", source=source,
                                             destination=destination, table_prefix="t_",
                                             selected_streams=["users", "products"])
    emulator.set_behaviour(connection.connection_id, "succeeded", 50)
    return connection, schema


def test_the_two_programs_run_unchanged(workspace: Any, emulator: Any, postgres: dict[str, str]) -> None:
    connection, schema = deploy_postgres_connection(workspace, emulator, postgres)
    program = EXAMPLE.read_text()
    ids = {'workspace_id="123"': f"workspace_id={emulator.workspace_id!r}",
           'connection_id="456"': f"connection_id={connection.connection_id!r}"}
    for placeholder, real in ids.items():
        assert program.count(placeholder) == 1
        program = program.replace(placeholder, real)
    env = dict(os.environ, AIRBYTE_CLOUD_API_KEY=emulator.api_key,
               AIRBYTE_CLOUD_API_URL=emulator.api_url,
               AIRBYTE_CLOUD_POSTGRES_PASSWORD=postgres["ABC_TEST_PGPASSWORD"])
    done = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True,
                          text=True, timeout=120)
    print(done.stdout, done.stderr)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "succeeded"
    assert lines[1] == "['users', 'products']"
    assert lines[2] == "Table name: t_users"
    records = lines[3:]
    assert len(records) == 25
    for number, line in enumerate(records, start=1):  # typed values, as Python prints them
        assert line.startswith("{'_airbyte_raw_id': '") and f"'id': {number}," in line
        assert "'created_at': datetime.datetime(" in line
    assert postgres["ABC_TEST_PGPASSWORD"] not in done.stdout + done.stderr
    workspace.permanently_delete_connection(connection, cascade_delete_source=True,
                                            cascade_delete_destination=True, safe_mode=False)
