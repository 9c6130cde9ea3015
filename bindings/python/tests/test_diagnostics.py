"""Issue 14 through the package: why a sync failed (the exception, attempts, failures), attempt
logs as an iterator (stopping early, following a running job), connection state dumped and
restored byte for byte, the configured catalog, connector checks. Against the emulator, whose
Config API runs a PostgreSQL destination for real: a port nothing listens on is a stopped
PostgreSQL."""

from __future__ import annotations

import json
import socket
import threading
import time
from typing import Any

import pytest

from airbyte_cloud import exceptions as exc
from emulator import Emulator


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def postgres_connection(emulator: Emulator, name: str, port: int) -> tuple[str, str]:
    """faker -> PostgreSQL on `port`; returns (connection id, destination id)."""
    source = emulator.post("/v1/sources", {
        "name": f"{name}-source", "workspaceId": emulator.workspace_id,
        "configuration": {"sourceType": "faker", "count": 20}})
    destination = emulator.post("/v1/destinations", {
        "name": f"{name}-pg", "workspaceId": emulator.workspace_id,
        "configuration": {"destinationType": "postgres", "host": "127.0.0.1", "port": port,
                          "database": "airbyte", "username": "tester",
                          "password": "secret-pw-123", "schema": "public"}})
    connection = emulator.post("/v1/connections", {"sourceId": source["sourceId"],
                                                   "destinationId": destination["destinationId"]})
    return str(connection["connectionId"]), str(destination["destinationId"])


@pytest.fixture
def failed_sync(emulator: Emulator, workspace: Any) -> tuple[Any, exc.AirbyteConnectionSyncError]:
    connection_id, _ = postgres_connection(emulator, "stopped-pg", closed_port())
    connection = workspace.get_connection(connection_id)
    with pytest.raises(exc.AirbyteConnectionSyncError) as raised:
        connection.run_sync(wait_timeout=60)
    return connection, raised.value


def test_sync_to_a_stopped_postgres_raises_with_the_reason(failed_sync: Any) -> None:
    _, error = failed_sync
    text = str(error)
    assert "cannot connect to postgres" in text and "Connection refused" in text
    assert "secret-pw-123" not in text
    assert error.failure_origin == "destination"
    assert error.failure_type == "system_error"
    assert error.failure_message and "Connection refused" in error.failure_message
    assert error.job_status == "failed"


def test_attempts_and_failures(failed_sync: Any) -> None:
    connection, error = failed_sync
    result = connection.get_sync_result(error.job_id)
    attempts = result.get_attempts()
    assert [a.attempt_number for a in attempts] == [0]
    attempt = attempts[0]
    assert attempt.status == "failed" and attempt.job_id == error.job_id
    assert attempt.created_at is not None and attempt.ended_at is not None
    assert attempt.ended_at >= attempt.created_at
    [failure] = attempt.failures
    assert failure.failure_origin == "destination"
    assert failure.external_message and "Connection refused" in failure.external_message
    assert failure.internal_message and "Connection refused" in failure.internal_message
    assert failure.retryable is True and failure.timestamp is not None
    assert result.get_failures() == [failure]


def test_logs_of_the_failed_attempt(failed_sync: Any) -> None:
    connection, error = failed_sync
    result = connection.get_sync_result(error.job_id)
    lines = list(result.iter_log_lines())
    assert len(lines) >= 4
    assert any("ERROR cannot connect to postgres" in line for line in lines)
    assert result.get_full_log_text() == "\n".join(lines)
    assert result.get_attempts()[0].get_full_log_text() == "\n".join(lines)
    # Stopping early stops the read; the next read starts over.
    first_two = []
    for line in result.iter_log_lines(attempt_number=0):
        first_two.append(line)
        if len(first_two) == 2:
            break
    assert first_two == lines[:2]
    # Every read's helper thread ends with it, also when the iteration is broken off or dropped.
    threads = threading.active_count()
    for _ in range(20):
        next(result.iter_log_lines())
        list(result.iter_log_lines())
    assert threading.active_count() == threads
    with pytest.raises(exc.AirbyteMissingResourceError, match="attempt 5"):
        list(result.iter_log_lines(attempt_number=5))


def running_job(emulator: Emulator, workspace: Any, connection_id: str, duration_ms: int,
                log_lines: int) -> Any:
    """A sync started without waiting, running `duration_ms` and logging `log_lines` fillers."""
    emulator.post(f"/_emulator/connections/{connection_id}/behaviour",
                  {"outcome": "succeeded", "durationMs": duration_ms, "logLines": log_lines})
    return workspace.get_connection(connection_id).run_sync(wait=False)


def test_follow_reads_a_running_job_to_its_end(emulator: Emulator, workspace: Any,
                                               new_connection: Any) -> None:
    result = running_job(emulator, workspace, new_connection(), 1500, 50)
    lines = list(result.iter_log_lines(follow=True))
    assert len(lines) == 54  # 3 head lines, 50 filler lines, the end line: each exactly once
    assert "Sync succeeded" in lines[-1]
    assert result.is_job_complete()


def test_breaking_off_a_follow_stops_it_at_once(emulator: Emulator, workspace: Any,
                                                new_connection: Any) -> None:
    result = running_job(emulator, workspace, new_connection(), 8000, 5)
    started = time.monotonic()
    for _ in result.iter_log_lines(follow=True):
        break  # the reader is then waiting for new lines: the cancel token ends that wait
    assert time.monotonic() - started < 4
    assert not result.is_job_complete()
    result.cancel()


def test_state_round_trips_byte_for_byte(workspace: Any, new_connection: Any) -> None:
    connection = workspace.get_connection(new_connection())
    connection.run_sync(wait_timeout=60)
    before = connection.get_state()
    assert before.state_type == "stream"
    assert {stream.name for stream in before.streams} == {"users", "products"}
    messages = connection.dump_raw_state()
    assert isinstance(messages, list) and messages[0]["type"] == "STREAM"
    raw = connection.dump_raw_state(normalize=False)
    assert isinstance(raw, dict) and raw["connectionId"] == connection.connection_id

    # Changed (one stream's cursor), then restored from the exact text: identical bytes.
    changed = json.loads(before.json)
    changed["streamState"][0]["streamState"] = {"cursor": "2001-01-01"}
    stored = connection.import_raw_state(changed)
    assert stored["streamState"][0]["streamState"] == {"cursor": "2001-01-01"}
    name = changed["streamState"][0]["streamDescriptor"]["name"]
    assert connection.get_stream_state(name) == {"cursor": "2001-01-01"}
    connection.import_raw_state(before.json)
    assert connection.get_state().json == before.json

    # The protocol format goes back in too.
    connection.import_raw_state(messages)
    assert connection.get_state().streams == before.streams
    with pytest.raises(exc.AirbyteInvalidArgumentError):
        connection.import_raw_state("{not json")


def test_configured_catalog(workspace: Any, new_connection: Any) -> None:
    connection = workspace.get_connection(new_connection())
    streams = {stream.name: stream for stream in connection.get_configured_catalog()}
    assert set(streams) == {"users", "products"}
    assert all(stream.selected for stream in streams.values())
    assert streams["users"].sync_mode == "full_refresh"
    assert streams["users"].destination_sync_mode == "overwrite"
    raw = connection.dump_raw_catalog(normalize=False)
    assert raw == connection.get_catalog_artifact()
    assert len(raw["streams"]) == 2 and raw["streams"][0]["config"]["selected"] is True
    protocol = connection.dump_raw_catalog()
    assert {s["stream"]["name"] for s in protocol["streams"]} == set(streams)
    assert protocol["streams"][0]["sync_mode"] == "full_refresh"


def test_connector_checks(emulator: Emulator, workspace: Any, failed_sync: Any) -> None:
    connection, _ = failed_sync
    source = workspace.get_source(connection.source_id)
    assert source.check().succeeded
    destination = workspace.get_destination(connection.destination_id)
    failed = destination.check()
    assert not failed.succeeded and "Connection refused" in failed.message
    with pytest.raises(exc.AirbyteConnectorCheckFailedError, match="Connection refused"):
        destination.check(raise_on_error=True)


def test_config_api_root(emulator: Emulator) -> None:
    from airbyte_cloud import cloud

    with cloud.CloudWorkspace(workspace_id=emulator.workspace_id, api_key=emulator.api_key,
                              api_root=emulator.api_url) as derived:
        assert derived.config_api_root == emulator.url + "/api/v1"
    dead = f"http://127.0.0.1:{closed_port()}/api/v1"
    with cloud.CloudWorkspace(workspace_id=emulator.workspace_id, api_key=emulator.api_key,
                              api_root=emulator.api_url, config_api_url=dead,
                              max_attempts=1) as elsewhere:
        assert elsewhere.config_api_root == dead
        with pytest.raises(exc.AirbyteTransportError):
            elsewhere.get_connection("9f5cdd2a-1d6e-4c3b-9a57-3d0c5b6e7f81").get_state()
    with pytest.raises(exc.AirbyteInvalidArgumentError):
        cloud.CloudWorkspace(workspace_id=emulator.workspace_id, api_key=emulator.api_key,
                             api_root=emulator.api_url, config_api_url="ftp://nowhere")
