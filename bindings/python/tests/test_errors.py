"""Errors: one hierarchy, the status's class, the library's detail, PyAirbyte's fields."""

from __future__ import annotations

from typing import Any

import pytest

from airbyte_cloud import cloud, exceptions as exc


def test_every_error_is_a_pyairbyte_error() -> None:
    for name in exc.__all__:
        value = getattr(exc, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, exc.PyAirbyteError), name
    assert issubclass(exc.AirbyteConnectionSyncTimeoutError, exc.AirbyteConnectionSyncError)
    assert issubclass(exc.AirbyteInvalidArgumentError, ValueError)


def test_invalid_argument_names_the_argument(workspace: Any) -> None:
    with pytest.raises(exc.AirbyteInvalidArgumentError) as raised:
        workspace.get_connection("").source_id
    assert "connection_id" in str(raised.value)
    assert raised.value.status == "invalid_argument" and raised.value.status_code == 1
    with pytest.raises(exc.PyAirbyteInputError):
        workspace.get_connection("x").run_sync(wait_timeout=0)


def test_not_found_is_a_missing_resource(workspace: Any) -> None:
    with pytest.raises(exc.AirbyteMissingResourceError) as raised:
        workspace.get_connection("00000000-0000-0000-0000-000000000000").stream_names
    error = raised.value
    assert error.http_status == 404 and error.status == "not_found"
    assert error.workspace is workspace and error.workspace_url == workspace.workspace_url
    assert "Workspace Url" in str(error) and "(AirbyteMissingResourceError)" in str(error)
    assert "AirbyteMissingResourceError(" in repr(error)
    assert error.safe_logging_dict()["class"] == "AirbyteMissingResourceError"


def test_bad_credentials_are_an_auth_error_without_the_secret(emulator: Any) -> None:
    workspace = cloud.CloudWorkspace(emulator.workspace_id, api_key="not-the-key-8d1f",
                                     api_root=emulator.api_url)
    with pytest.raises(exc.AirbyteAuthError) as raised:
        workspace.connect()
    assert raised.value.http_status == 401
    assert "not-the-key-8d1f" not in str(raised.value) + repr(raised.value)
    assert "not-the-key-8d1f" not in repr(workspace)


def test_unreachable_api_is_a_transport_error() -> None:
    workspace = cloud.CloudWorkspace("9f5cdd2a-1d6e-4c3b-9a57-3d0c5b6e7f81", api_key="k", api_root="http://127.0.0.1:9/v1",
                                     max_attempts=1)
    with pytest.raises(exc.AirbyteTransportError) as raised:
        workspace.connect()
    assert "127.0.0.1:9" in str(raised.value)


def test_server_errors_after_retries(workspace: Any, emulator: Any) -> None:
    emulator.add_fault(method="GET", path="/v1/workspaces/*", count=10, kind="status", status=503)
    try:
        with pytest.raises(exc.AirbyteServerError) as raised:
            workspace.connect()
        assert raised.value.http_status == 503
    finally:
        emulator.request("DELETE", "/_emulator/faults")


def test_sync_failure_carries_connection_job_and_status(workspace: Any, new_connection: Any) -> None:
    connection_id = new_connection("failed", 50)
    with pytest.raises(exc.AirbyteConnectionSyncError) as raised:
        workspace.run_sync(connection_id)
    error = raised.value
    assert type(error) is exc.AirbyteConnectionSyncError
    assert error.connection_id == connection_id and error.job_id and error.job_status == "failed"
    assert error.connection_url == f"{workspace.workspace_url}/connections/{connection_id}"
    assert error.job_url and str(error.job_id) in error.job_url
    assert error.native_job is None


def test_sync_timeout_carries_the_timeout(workspace: Any, new_connection: Any, emulator: Any) -> None:
    connection_id = new_connection("running", 60000)
    with pytest.raises(exc.AirbyteConnectionSyncTimeoutError) as raised:
        workspace.get_connection(connection_id).run_sync(wait_timeout=1)
    error = raised.value
    assert error.timeout == 1 and error.job_status == "running" and error.job_id
    assert emulator.job(error.job_id)["status"] in ("pending", "running")  # the job goes on
    workspace.get_sync_result(connection_id, error.job_id).cancel()


def test_already_running(workspace: Any, new_connection: Any) -> None:
    connection_id = new_connection("running", 60000)
    first = workspace.run_sync(connection_id, wait=False)
    with pytest.raises(exc.AirbyteSyncAlreadyRunningError) as raised:
        workspace.run_sync(connection_id, wait=False)
    assert isinstance(raised.value, exc.AirbyteConflictError) and raised.value.http_status == 409
    attached = workspace.run_sync(connection_id, wait=False, attach_if_running=True)
    assert attached.job_id == first.job_id
    first.cancel()


def test_errors_name_the_python_method(workspace: Any) -> None:
    """A failing call's message names the Python method called, not the C function behind it."""
    connection = workspace.get_connection("11111111-2222-4333-8444-555555555555")
    with pytest.raises(exc.AirbyteMissingResourceError) as raised:
        connection.stream_names
    assert raised.value.message.startswith("CloudConnection.stream_names: "), raised.value.message
    with pytest.raises(exc.AirbyteMissingResourceError) as raised:
        workspace.get_job(987654321)
    assert raised.value.message.startswith("CloudWorkspace.get_job: "), raised.value.message
    with pytest.raises(exc.AirbyteInvalidArgumentError) as raised:
        workspace.get_connection("not-a-uuid").source_id
    assert raised.value.message.startswith("CloudConnection.source_id: "), raised.value.message
    assert "abc_" not in str(raised.value)
    with pytest.raises(exc.AirbyteInvalidArgumentError) as raised:
        cloud.CloudWorkspace(workspace_id=workspace.workspace_id, api_root="ftp://nope")
    assert raised.value.message.startswith("CloudWorkspace: "), raised.value.message
