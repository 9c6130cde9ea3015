"""Library-level calls, secrets, constants, helpers, and handle lifetimes (no server needed)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import weakref

import pytest

import airbyte_cloud as ab
from airbyte_cloud import cloud, exceptions as exc
from airbyte_cloud._native import Handle, capi


def test_versions() -> None:
    assert ab.library_version() == ab.__version__
    major, minor, patch = (int(part) for part in ab.library_version().split("."))
    assert ab.library_version_number() == (major << 16) | (minor << 8) | patch
    ab.library_init()
    ab.library_shutdown()


def test_get_secret_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ABC_PY_TEST_SECRET", "s3cr3t-value")
    secret = ab.get_secret("ABC_PY_TEST_SECRET")
    assert secret == "s3cr3t-value" and isinstance(secret, str)
    assert "s3cr3t" not in repr(secret) and not secret.is_empty()


def test_get_secret_missing_names_the_variable_and_never_prompts_without_a_terminal(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ABC_PY_TEST_NOPE", raising=False)
    with pytest.raises(exc.PyAirbyteSecretNotFoundError) as raised:
        ab.get_secret("ABC_PY_TEST_NOPE")  # stdin is not a terminal under pytest: no prompt
    assert raised.value.secret_name == "ABC_PY_TEST_NOPE"
    assert "ABC_PY_TEST_NOPE" in str(raised.value)
    monkeypatch.setenv("ABC_PY_TEST_NOPE", "")
    with pytest.raises(exc.PyAirbyteSecretNotFoundError):
        ab.get_secret("ABC_PY_TEST_NOPE", allow_prompt=False)


def test_job_status_enum_is_a_str_enum() -> None:
    assert [s.value for s in cloud.JobStatusEnum] == ["pending", "running", "incomplete", "failed",
                                                      "succeeded", "cancelled"]
    assert cloud.JobStatusEnum.SUCCEEDED == "succeeded" and str(cloud.JobStatusEnum.FAILED) == "failed"
    assert cloud.constants.FINAL_STATUSES == {cloud.JobStatusEnum.SUCCEEDED,
                                              cloud.JobStatusEnum.FAILED,
                                              cloud.JobStatusEnum.CANCELLED}
    assert cloud.constants.FAILED_STATUSES == {cloud.JobStatusEnum.FAILED,
                                               cloud.JobStatusEnum.CANCELLED}
    assert "postgres" in cloud.constants.READABLE_DESTINATION_TYPES


def test_name_helpers() -> None:
    assert cloud.is_disposable_name("my Delete-Me source") and not cloud.is_disposable_name("prod")
    assert cloud.name_matches("Users Sync", contains="users")
    assert not cloud.name_matches("Users Sync", exact="users sync")
    assert cloud.name_matches("anything")


def test_destination_config_builders() -> None:
    pg = cloud.postgres_destination_config("db.local", "warehouse", "me", password="pw",
                                           ssl_mode="require", schema="raw")
    assert pg["destinationType"] == "postgres" and pg["port"] == 5432 and pg["schema"] == "raw"
    snow = cloud.snowflake_destination_config("acct.snowflakecomputing.com", "R", "W", "D", "S",
                                              "U", password="pw")
    assert snow["destinationType"] == "snowflake"
    key = cloud.snowflake_destination_config(
        "acct.snowflakecomputing.com", "R", "W", "D", "S", "U",
        private_key="-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
    assert key["destinationType"] == "snowflake" and "pw" not in str(key)
    bq = cloud.bigquery_destination_config("proj", "ds", "US")
    assert bq["destinationType"] == "bigquery" and bq["project_id"] == "proj"
    assert cloud.duckdb_destination_config("/local/x.duckdb")["destinationType"] == "duckdb"
    assert cloud.motherduck_destination_config("md-key")["destinationType"] == "motherduck"
    with pytest.raises(exc.AirbyteInvalidArgumentError) as raised:
        cloud.postgres_destination_config("", "d", "u")
    assert "host" in str(raised.value)
    with pytest.raises(exc.PyAirbyteInputError):  # invalid arguments are input errors too
        cloud.postgres_destination_config("h", "d", "u", port=0)


def test_handles_close_once_and_refuse_use_after_close() -> None:
    workspace = cloud.CloudWorkspace("9f5cdd2a-1d6e-4c3b-9a57-3d0c5b6e7f81", api_key="key", api_root="http://127.0.0.1:9/v1")
    connection = workspace.get_connection("0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9")
    connection_handle = Handle(capi.abc_connection_get(workspace._raw(), "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9"), "connection",
                               workspace._handle)
    workspace.close()
    assert connection_handle.closed  # children close with their parent, first
    workspace.close()  # again: no-op
    with pytest.raises(exc.PyAirbyteInputError) as raised:
        _ = workspace.workspace_url
    assert "workspace is closed" in str(raised.value)
    with pytest.raises(exc.PyAirbyteInputError):
        _ = connection.connection_url


def test_context_manager_and_garbage_collector_free_handles() -> None:
    with cloud.CloudWorkspace("9f5cdd2a-1d6e-4c3b-9a57-3d0c5b6e7f81", api_key="key") as workspace:
        assert workspace.workspace_url.endswith("/workspaces/9f5cdd2a-1d6e-4c3b-9a57-3d0c5b6e7f81")
    assert workspace._handle.closed
    proxy = capi.abc_options_new()
    tracker = weakref.ref(proxy)
    del proxy
    gc.collect()
    assert tracker() is None  # freed by its destructor (abc_options_free)


def test_api_root_defaults_to_cloud_or_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AIRBYTE_CLOUD_API_URL", raising=False)
    assert cloud.CloudWorkspace("9f5cdd2a-1d6e-4c3b-9a57-3d0c5b6e7f81", api_key="k").api_root == "https://api.airbyte.com/v1"
    monkeypatch.setenv("AIRBYTE_CLOUD_API_URL", "http://127.0.0.1:8006/v1")
    assert cloud.CloudWorkspace("9f5cdd2a-1d6e-4c3b-9a57-3d0c5b6e7f81", api_key="k").api_root == "http://127.0.0.1:8006/v1"


def test_logging_goes_to_python_logging(caplog: pytest.LogCaptureFixture) -> None:
    workspace = cloud.CloudWorkspace("9f5cdd2a-1d6e-4c3b-9a57-3d0c5b6e7f81", api_key="k", api_root="http://127.0.0.1:9/v1",
                                     log_level="debug", max_attempts=1, connect_timeout=1)
    with caplog.at_level("DEBUG", logger="airbyte_cloud"):
        with pytest.raises(exc.AirbyteTransportError):
            workspace.connect()
    assert any(record.name == "airbyte_cloud" for record in caplog.records)
    assert all("k" != record.getMessage() for record in caplog.records)
    with pytest.raises(exc.PyAirbyteInputError):
        cloud.CloudWorkspace("9f5cdd2a-1d6e-4c3b-9a57-3d0c5b6e7f81", api_key="k", log_level="loud")


def test_the_package_imports_without_optional_packages() -> None:
    code = ("import sys; sys.modules['sqlalchemy'] = None; sys.modules['pandas'] = None; "
            "import airbyte_cloud, airbyte_cloud.cloud; print('ok')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=dict(os.environ), timeout=60)
    assert done.stdout.strip() == "ok", done.stderr


def test_get_secret_prompts_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import pty
    import select

    monkeypatch.delenv("ABC_PY_TEST_PROMPTED", raising=False)
    code = ("import airbyte_cloud as ab; "
            "print('got', len(ab.get_secret('ABC_PY_TEST_PROMPTED')), flush=True)")
    pid, terminal = pty.fork()
    if pid == 0:  # the child: its stdin, stdout and controlling terminal are the pty
        os.execv(sys.executable, [sys.executable, "-c", code])
    output = b""
    try:
        while b"ABC_PY_TEST_PROMPTED" not in output:
            ready, _, _ = select.select([terminal], [], [], 30)
            assert ready, f"no prompt; output so far: {output!r}"
            output += os.read(terminal, 1024)
        assert b"Enter the value for secret 'ABC_PY_TEST_PROMPTED'" in output
        os.write(terminal, b"typed-secret\n")
        while True:  # to the end of the child's output
            ready, _, _ = select.select([terminal], [], [], 30)
            assert ready, f"no answer; output so far: {output!r}"
            try:
                chunk = os.read(terminal, 1024)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            output += chunk
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(terminal)
    assert b"got 12" in output and b"typed-secret" not in output  # not echoed
    assert os.waitstatus_to_exitcode(status) == 0
