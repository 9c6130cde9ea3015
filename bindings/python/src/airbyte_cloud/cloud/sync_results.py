"""Sync results, as PyAirbyte's ``airbyte.cloud.sync_results``.

A :class:`SyncResult` holds one job handle of the library: ``get_job_status()`` and the figures
read it, refreshing it (one GET on a kept-alive connection) while the job is not final; once final
it is never fetched again. ``wait_for_completion()`` is the library's wait (polling from 250 ms
backing off to the workspace's cap, 2 s by default), interruptible by Ctrl-C, which stops the wait
and raises KeyboardInterrupt while the job goes on.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, NamedTuple, final

from airbyte_cloud import exceptions as exc
from airbyte_cloud._native import Closeable, Handle, capi
from airbyte_cloud.cloud.constants import FINAL_STATUSES, JobStatusEnum, _job_status
from airbyte_cloud.cloud.diagnostics import (
    SyncAttempt,
    SyncAttemptFailure,
    _attempts,
    _log_lines,
)
from airbyte_cloud.datasets import Dataset, DatasetSet

if TYPE_CHECKING:
    import sqlalchemy

    from airbyte_cloud.cloud.connections import CloudConnection
    from airbyte_cloud.cloud.workspaces import CloudWorkspace

DEFAULT_SYNC_TIMEOUT_SECONDS = 30 * 60
"""The default timeout for waiting for a sync job to complete, in seconds."""


class SyncProgress(NamedTuple):
    """What a progress callable receives after each poll of a wait."""

    job_id: int
    status: JobStatusEnum
    elapsed: float  # seconds since the wait began
    records_synced: int
    bytes_synced: int
    is_final: bool


ProgressCallback = Callable[[SyncProgress], Any]
"""Called after each poll of a wait; returning a true value stops the wait
(:class:`~airbyte_cloud.exceptions.AirbyteWaitCancelledError`). Exceptions it raises stop the
wait and propagate."""


def _progress_bridge(progress: ProgressCallback | None) -> Callable[..., Any] | None:
    if progress is None:
        return None
    callback = progress

    def bridge(job_id: int, state: int, elapsed_ms: int, rows: int, size: int) -> Any:
        return callback(SyncProgress(job_id, _job_status(state), elapsed_ms / 1000, rows, size,
                                     bool(capi.abc_job_state_is_final(state))))

    return bridge


def _sync_options(*, wait: bool = True, wait_timeout: float | None = None,
                  raise_failure: bool = True, raise_timeout: bool = True,
                  attach_if_running: bool = False, job_type: str | None = None) -> Handle:
    options = Handle(capi.abc_sync_options_new(), "sync options")
    raw = options.raw
    if job_type is not None:
        try:
            capi.abc_sync_options_set_job_type(raw, job_type)
        except BaseException:
            options.close()
            raise
    capi.abc_sync_options_set_wait(raw, int(wait))
    if wait_timeout is not None:
        if wait_timeout <= 0:
            raise exc.PyAirbyteInputError(message="wait_timeout must be positive (seconds).",
                                          input_value=str(wait_timeout))
        capi.abc_sync_options_set_timeout_ms(raw, max(1, int(wait_timeout * 1000)))
    capi.abc_sync_options_set_fail_on_sync_failure(raw, int(raise_failure))
    capi.abc_sync_options_set_fail_on_timeout(raw, int(raise_timeout))
    capi.abc_sync_options_set_attach_if_running(raw, int(attach_if_running))
    return options


def _attach_workspace(error: exc.AirbyteError, workspace: CloudWorkspace) -> None:
    """Errors raised by the native module know no Python workspace: add it (for workspace_url)."""
    error.workspace = workspace
    error.native_job = None  # the job handle is dropped: the job itself goes on


@dataclass
class SyncResult(Closeable):
    """The result of a sync operation.

    **This class is not meant to be instantiated directly.** Instead, obtain a `SyncResult` by
    interacting with the `CloudWorkspace` and `CloudConnection` objects.
    """

    workspace: CloudWorkspace
    connection: CloudConnection
    job_id: int
    table_name_prefix: str = ""
    table_name_suffix: str = ""
    _job: Handle | None = field(default=None, repr=False)
    _datasets: DatasetSet | None = field(default=None, repr=False)
    # The job handle is used by one thread at a time (the C contract): reads and waits hold this.
    _lock: threading.RLock = field(default_factory=threading.RLock, init=False, repr=False,
                                   compare=False)

    def __post_init__(self) -> None:
        self.job_id = int(self.job_id)

    def _owned_handles(self) -> list[Handle]:
        if self._datasets is not None:
            self._datasets.close()
        return [self._job] if self._job is not None else []

    # ---- The job --------------------------------------------------------------------------

    def _job_handle(self) -> Handle:
        if self._job is None:
            try:
                raw = capi.abc_job_get(self.workspace._raw(), self.job_id)
            except exc.AirbyteError as error:
                _attach_workspace(error, self.workspace)
                raise
            self._job = Handle(raw, "job", self.workspace._handle)
        return self._job

    def _fetch_latest_job_info(self) -> Any:
        """The job's snapshot: fetched now unless the snapshot already says the job is final.
        (Called with the lock held.)"""
        fresh = self._job is None
        raw = self._job_handle().raw
        if not fresh and not capi.abc_job_is_complete(raw):
            try:
                capi.abc_job_refresh(raw)
            except exc.AirbyteError as error:
                _attach_workspace(error, self.workspace)
                raise
        return raw

    def _latest(self, getter: Any) -> Any:
        """`getter` of the latest snapshot, read under the lock."""
        with self._lock:
            return getter(self._fetch_latest_job_info())

    @property
    def job_url(self) -> str:
        """The URL of the sync job in the web UI."""
        return f"{self.connection.job_history_url}/{self.job_id}"

    def is_job_complete(self) -> bool:
        """Check if the sync job is complete."""
        return self.get_job_status() in FINAL_STATUSES

    def get_job_status(self) -> JobStatusEnum:
        """The job's status (fetched now unless already final)."""
        return _job_status(self._latest(capi.abc_job_status))

    @property
    def bytes_synced(self) -> int:
        """The number of bytes synced."""
        return int(self._latest(capi.abc_job_bytes_synced))

    @property
    def records_synced(self) -> int:
        """The number of records synced."""
        return int(self._latest(capi.abc_job_rows_synced))

    @property
    def start_time(self) -> datetime:
        """The start time of the sync job, in UTC."""
        text = self._latest(capi.abc_job_start_time_text)
        if text:
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
        return datetime.fromtimestamp(self._latest(capi.abc_job_start_time), tz=timezone.utc)

    # Beyond PyAirbyte: more of the job's snapshot (no request once final).

    @property
    def job_type(self) -> str:
        """The job type ("sync", "reset", "clear"...)."""
        return str(self._latest(capi.abc_job_type))

    @property
    def duration(self) -> float:
        """The job's duration in seconds (0 while pending)."""
        return float(self._latest(capi.abc_job_duration_ms)) / 1000

    @property
    def last_updated_time(self) -> datetime | None:
        """When the job last changed, in UTC (the API sets it once the job is final)."""
        seconds = self._latest(capi.abc_job_last_updated_time)
        return datetime.fromtimestamp(seconds, tz=timezone.utc) if seconds else None

    @property
    def web_url(self) -> str:
        """The job's web UI address as the library builds it."""
        with self._lock:
            return str(capi.abc_job_url(self._job_handle().raw))

    def cancel(self) -> JobStatusEnum:
        """Ask the server to cancel the job; returns the status it then reports.

        Works while another thread waits for this job: the wait then ends with the job cancelled
        (the cancel goes through a job handle of its own, the wait's being in use)."""
        if not self._lock.acquire(blocking=False):
            other = Handle(self.workspace._call(capi.abc_job_get, self.workspace._raw(),
                                                self.job_id), "job", self.workspace._handle)
            try:
                self.workspace._call(capi.abc_job_cancel, other.raw)
                return _job_status(capi.abc_job_status(other.raw))
            finally:
                other.close()
        try:
            raw = self._job_handle().raw
            self.workspace._call(capi.abc_job_cancel, raw)
            return _job_status(capi.abc_job_status(raw))
        finally:
            self._lock.release()

    def raise_failure_status(self, *, refresh_status: bool = False) -> None:
        """Raise `AirbyteConnectionSyncError` if the sync job failed (or was cancelled).

        Uses the latest status available unless ``refresh_status``; does nothing otherwise.
        """
        with self._lock:
            raw = self._fetch_latest_job_info() if refresh_status or self._job is None \
                else self._job.raw
            try:
                capi.abc_job_check_failure(raw)
            except exc.AirbyteError as error:
                _attach_workspace(error, self.workspace)
                raise

    def wait_for_completion(self, *, wait_timeout: int = DEFAULT_SYNC_TIMEOUT_SECONDS,
                            raise_timeout: bool = True, raise_failure: bool = False,
                            progress: ProgressCallback | None = None) -> JobStatusEnum:
        """Wait for the job to finish; returns its status.

        Raises `AirbyteConnectionSyncTimeoutError` after ``wait_timeout`` seconds if
        ``raise_timeout`` (else returns the non-final status) and `AirbyteConnectionSyncError`
        for a failed job if ``raise_failure``. Ctrl-C stops the wait (KeyboardInterrupt); the job
        goes on.
        """
        with self._lock:
            raw = self._job_handle().raw
            if not capi.abc_job_is_complete(raw):
                options = _sync_options(wait_timeout=wait_timeout, raise_failure=raise_failure,
                                        raise_timeout=raise_timeout)
                try:
                    capi.abc_py_job_wait(raw, options.raw, _progress_bridge(progress))
                except exc.AirbyteError as error:
                    _attach_workspace(error, self.workspace)
                    raise
                finally:
                    options.close()
            elif raise_failure:
                self.raise_failure_status()
            return _job_status(capi.abc_job_status(raw))

    # ---- Attempts, failures and logs (Airbyte's Config API) -----------------------------------

    def get_attempts(self) -> list[SyncAttempt]:
        """The job's attempts, oldest first, each with its failures (fetched now)."""
        return _attempts(self.workspace, self.connection, self.job_id)

    def get_failures(self) -> list[SyncAttemptFailure]:
        """The failures of all the job's attempts, oldest first (beyond PyAirbyte)."""
        return [failure for attempt in self.get_attempts() for failure in attempt.failures]

    def iter_log_lines(self, *, attempt_number: int | None = None,
                       follow: bool = False) -> Iterator[str]:
        """The log of one attempt (default: the job's last), line by line, streamed: a log of any
        size is read with memory for a few lines. ``follow`` keeps reading new lines until the
        job is final (following a new attempt when ``attempt_number`` is None); stopping the
        iteration or Ctrl-C ends the read (beyond PyAirbyte)."""
        return _log_lines(self.workspace, self.job_id,
                          -1 if attempt_number is None else int(attempt_number), follow)

    def get_full_log_text(self, *, attempt_number: int | None = None) -> str:
        """The whole log of one attempt (default: the job's last), lines joined by newlines."""
        return "\n".join(self.iter_log_lines(attempt_number=attempt_number))

    # ---- The data --------------------------------------------------------------------------

    def get_datasets(self) -> DatasetSet:
        """The datasets of the connection's streams, where this sync wrote them (kept)."""
        if self._datasets is None or self._datasets.closed:
            options = self.workspace._dataset_options()
            try:
                with self._lock:
                    raw = capi.abc_job_datasets(self._job_handle().raw, options.raw)
            except exc.AirbyteError as error:
                _attach_workspace(error, self.workspace)
                raise
            finally:
                options.close()
            self._datasets = DatasetSet(Handle(raw, "dataset set"), self.workspace._dataset_password())
        return self._datasets

    def get_sql_engine(self) -> sqlalchemy.engine.Engine:
        """A SQLAlchemy engine for the destination (needs SQLAlchemy and the dialect's driver)."""
        return self.get_datasets().get_sql_engine()

    def get_sql_table_name(self, stream_name: str) -> str:
        """The SQL table name of the named stream."""
        return self.get_dataset(stream_name).table_name

    def get_sql_table(self, stream_name: str) -> sqlalchemy.Table:
        """A SQLAlchemy table object for the named stream."""
        return self.get_dataset(stream_name).to_sql_table()

    def get_dataset(self, stream_name: str) -> Dataset:
        """The dataset of the named stream: iterate its records, to_sql_table(), to_pandas()."""
        return self.get_datasets()[stream_name]

    def get_sql_database_name(self) -> str:
        """The SQL database name (project for BigQuery)."""
        return self.get_datasets().database

    def get_sql_schema_name(self) -> str:
        """The SQL schema name (dataset for BigQuery)."""
        return self.get_datasets().schema

    @property
    def stream_names(self) -> list[str]:
        """The stream names."""
        return self.connection.stream_names

    @final
    @property
    def streams(self) -> _SyncResultStreams:
        """A mapping of stream names to datasets."""
        return self._SyncResultStreams(self)

    class _SyncResultStreams(Mapping[str, Dataset]):
        """A mapping of stream names to datasets."""

        def __init__(self, parent: SyncResult, /) -> None:
            self.parent: SyncResult = parent

        def __getitem__(self, key: str) -> Dataset:
            return self.parent.get_dataset(stream_name=key)

        def __iter__(self) -> Iterator[str]:
            return iter(self.parent.stream_names)

        def __len__(self) -> int:
            return len(self.parent.stream_names)


__all__ = ["SyncResult", "SyncAttempt", "SyncAttemptFailure", "SyncProgress", "ProgressCallback", "DEFAULT_SYNC_TIMEOUT_SECONDS"]
