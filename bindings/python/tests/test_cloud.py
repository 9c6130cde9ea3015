"""CloudWorkspace, CloudConnection and SyncResult: every method of PyAirbyte's API, and more."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from airbyte_cloud import cloud, exceptions as exc
from airbyte_cloud.cloud import JobStatusEnum


def test_workspace(workspace: Any, emulator: Any, capsys: pytest.CaptureFixture[str]) -> None:
    assert workspace.workspace_id == emulator.workspace_id
    assert workspace.workspace_url and workspace.workspace_url.endswith(emulator.workspace_id)
    workspace.connect()
    assert f"Successfully connected to workspace: {workspace.workspace_url}" in capsys.readouterr().out
    assert workspace.name
    info = workspace.get_workspace_info()
    assert info.workspace_id == emulator.workspace_id and info.name == workspace.name
    assert emulator.workspace_id in [w.workspace_id for w in workspace.list_workspaces()]
    assert emulator.workspace_id in [w.workspace_id for w in workspace.iterate_workspaces()]


def test_client_credentials_and_environment(emulator: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    with cloud.CloudWorkspace(emulator.workspace_id, client_id=emulator.client_id,
                              client_secret=emulator.client_secret,
                              api_root=emulator.api_url) as workspace:
        workspace.connect()
        assert "client_secret=<SecretString: ****>" in repr(workspace)
    monkeypatch.setenv("AIRBYTE_CLOUD_WORKSPACE_ID", emulator.workspace_id)
    monkeypatch.setenv("AIRBYTE_CLOUD_API_KEY", emulator.api_key)
    monkeypatch.setenv("AIRBYTE_CLOUD_API_URL", emulator.api_url)
    with cloud.CloudWorkspace.from_environment() as workspace:
        assert workspace.workspace_id == emulator.workspace_id
        assert workspace.api_root == emulator.api_url
        workspace.connect()


def test_connection_properties(workspace: Any, new_connection: Any) -> None:
    connection_id = new_connection()
    connection = workspace.get_connection(connection_id=connection_id)
    assert connection.connection_id == connection_id and connection.workspace is workspace
    assert connection.stream_names == ["users", "products"]
    assert connection.table_prefix == "test_"
    assert connection.source_id and connection.destination_id
    assert connection.source_id != connection.destination_id  # PyAirbyte 0.20 mixed them up
    assert connection.connection_url and connection.connection_url.endswith(connection_id)
    assert connection.job_history_url == f"{connection.connection_url}/job-history"
    assert connection.name.startswith("py-") and connection.status == "active"
    assert connection.schedule_type in ("manual", "cron", "basic")
    assert isinstance(connection.cron_expression, str)
    assert connection.namespace_definition in ("source", "destination", "custom_format")
    assert connection.to_dict()["connectionId"] == connection_id
    connection.refresh()
    given = cloud.CloudConnection(workspace, connection_id, source="s", destination="d")
    assert (given.source_id, given.destination_id) == ("s", "d")  # as given: no request


def test_run_sync_waits_and_reports(workspace: Any, new_connection: Any, emulator: Any) -> None:
    connection_id = new_connection("succeeded", 100, count=40)
    sync_result = workspace.get_connection(connection_id).run_sync()
    assert sync_result.get_job_status() == JobStatusEnum.SUCCEEDED
    assert sync_result.is_job_complete()
    assert sync_result.records_synced > 0 and sync_result.bytes_synced > 0
    assert sync_result.start_time.tzinfo is not None
    assert sync_result.start_time <= datetime.now(timezone.utc)
    assert sync_result.job_url == f"{sync_result.connection.job_history_url}/{sync_result.job_id}"
    assert str(sync_result.job_id) in sync_result.web_url
    assert sync_result.job_type == "sync" and sync_result.duration >= 0
    assert sync_result.last_updated_time is not None
    assert sync_result.stream_names == ["users", "products"]
    assert sync_result.workspace is workspace
    sync_result.raise_failure_status()
    sync_result.raise_failure_status(refresh_status=True)
    before = emulator.stats()["requests"]
    for _ in range(5):  # final: never fetched again
        assert sync_result.get_job_status() == "succeeded"
    assert emulator.stats()["requests"] == before


def test_run_sync_without_waiting(workspace: Any, new_connection: Any) -> None:
    connection_id = new_connection("succeeded", 400)
    sync_result = workspace.run_sync(connection_id, wait=False)
    assert sync_result.get_job_status() in (JobStatusEnum.PENDING, JobStatusEnum.RUNNING)
    assert not sync_result.is_job_complete()
    assert sync_result.wait_for_completion() == JobStatusEnum.SUCCEEDED
    assert sync_result.wait_for_completion(raise_failure=True) == "succeeded"  # already final


def test_wait_for_completion_options(workspace: Any, new_connection: Any) -> None:
    failing = workspace.run_sync(new_connection("failed", 50), wait=False)
    assert failing.wait_for_completion() == JobStatusEnum.FAILED  # raise_failure=False default
    with pytest.raises(exc.AirbyteConnectionSyncError):
        failing.raise_failure_status()
    with pytest.raises(exc.AirbyteConnectionSyncError):
        failing.wait_for_completion(raise_failure=True)
    slow = workspace.run_sync(new_connection("running", 60000), wait=False)
    assert slow.wait_for_completion(wait_timeout=1, raise_timeout=False) == JobStatusEnum.RUNNING
    with pytest.raises(exc.AirbyteConnectionSyncTimeoutError):
        slow.wait_for_completion(wait_timeout=1)
    assert slow.cancel() == JobStatusEnum.CANCELLED
    with pytest.raises(exc.AirbyteConnectionSyncError) as raised:
        slow.raise_failure_status()
    assert raised.value.job_status == "cancelled"


def test_sync_results_history(workspace: Any, new_connection: Any) -> None:
    connection_id = new_connection("succeeded", 20)
    connection = workspace.get_connection(connection_id)
    assert connection.get_sync_result() is None
    assert workspace.get_sync_result(connection_id) is None
    assert connection.get_previous_sync_logs() == []
    jobs = [connection.run_sync().job_id for _ in range(3)]
    latest = connection.get_sync_result()
    assert latest is not None and latest.job_id == jobs[-1]
    assert latest.get_job_status() == "succeeded"
    logs = workspace.get_previous_sync_logs(connection_id, limit=2)
    assert [log.job_id for log in logs] == jobs[::-1][:2]
    assert [log.job_id for log in connection.get_previous_sync_logs()] == jobs[::-1]
    assert [log.job_id for log in connection.get_previous_sync_logs(limit=5, offset=1)] == jobs[::-1][1:]
    by_id = workspace.get_sync_result(connection_id, job_id=str(jobs[0]))
    assert by_id is not None and by_id.job_id == jobs[0] and by_id.records_synced > 0
    job = workspace.get_job(jobs[1])
    assert job.connection.connection_id == connection_id and job.is_job_complete()
    with pytest.raises(exc.PyAirbyteInputError):
        connection.get_previous_sync_logs(limit=0)


def test_sync_result_streams_mapping_without_a_readable_destination(
        workspace: Any, new_connection: Any) -> None:
    sync_result = workspace.run_sync(new_connection("succeeded", 20))
    assert list(sync_result.streams) == ["users", "products"] and len(sync_result.streams) == 2
    with pytest.raises(exc.AirbyteUnsupportedError) as raised:  # a duckdb destination
        sync_result.get_dataset("users")
    assert "duckdb" in str(raised.value)
    with sync_result:
        pass
    with pytest.raises(exc.PyAirbyteInputError):  # closed
        sync_result.cancel()


def test_request_budget(emulator: Any) -> None:
    with pytest.raises(exc.AirbyteError):
        cloud.CloudWorkspace(workspace_id=emulator.workspace_id, api_key=emulator.api_key,
                             api_root=emulator.api_url, request_rate=-1)
    settings = dict(workspace_id=emulator.workspace_id, api_key=emulator.api_key,
                    api_root=emulator.api_url, request_rate=20)
    with cloud.CloudWorkspace(**settings) as first, cloud.CloudWorkspace(**settings) as second:
        for _ in range(5):
            first.connect()
        budget = first.request_budget()
        assert isinstance(budget, cloud.RequestBudget)
        assert budget.rate == 20 and budget.rate_limited == 0 and budget.delayed > 0
        # One token, one budget: the second workspace reports the first one's waits.
        assert second.request_budget().delayed >= budget.delayed
