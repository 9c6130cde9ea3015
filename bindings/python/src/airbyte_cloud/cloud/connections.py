"""Cloud connections, as PyAirbyte's ``airbyte.cloud.connections``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from airbyte_cloud import exceptions as exc
from airbyte_cloud._native import Handle, LazyHandleOwner, NativeText, capi
from airbyte_cloud.cloud.sync_results import (
    ProgressCallback,
    SyncResult,
    _attach_workspace,
    _progress_bridge,
    _sync_options,
)
from airbyte_cloud.datasets import DatasetSet

if TYPE_CHECKING:
    from airbyte_cloud.cloud.workspaces import CloudWorkspace


class CloudConnection(LazyHandleOwner):
    """A connection is an extract-load (EL) pairing of a source and destination in Airbyte Cloud.

    You can use a connection object to run sync jobs, retrieve logs, and manage the connection.
    Its details are fetched once, when first needed (``refresh()`` fetches them again).
    """

    def __init__(self, workspace: CloudWorkspace, connection_id: str, source: str | None = None,
                 destination: str | None = None) -> None:
        """It is not recommended to create a `CloudConnection` object directly.

        Instead, use `CloudWorkspace.get_connection()` to create a connection object.
        """
        self.connection_id = connection_id
        """The ID of the connection."""
        self.workspace = workspace
        """The workspace that the connection belongs to."""
        self._source_id = source
        self._destination_id = destination
        super().__init__()

    @classmethod
    def _from_handle(cls, workspace: CloudWorkspace, raw: Any) -> CloudConnection:
        connection = cls(workspace, str(capi.abc_connection_id(raw)))
        connection._handle = Handle(raw, "connection", workspace._handle)
        return connection

    def __repr__(self) -> str:
        return f"CloudConnection(connection_id={self.connection_id!r})"

    _kind = "connection"

    def _fetch(self) -> Any:
        return self._call(capi.abc_connection_get, self.workspace._raw(), self.connection_id)

    def _call(self, function: Any, *args: Any) -> Any:
        try:
            return function(*args)
        except exc.AirbyteError as error:
            _attach_workspace(error, self.workspace)
            raise

    def _read(self, getter: Any) -> Any:
        return self._use(getter)

    def refresh(self) -> None:
        """Fetch the connection's details again."""
        self._use(capi.abc_connection_refresh)

    # ---- Properties ----------------------------------------------------------------------------

    @property
    def source_id(self) -> str:
        """The ID of the source."""
        if not self._source_id:
            self._source_id = str(self._read(capi.abc_connection_source_id))
        return self._source_id

    @property
    def destination_id(self) -> str:
        """The ID of the destination."""
        if not self._destination_id:
            self._destination_id = str(self._read(capi.abc_connection_destination_id))
        return self._destination_id

    @property
    def stream_names(self) -> list[str]:
        """The names of the selected streams."""
        with self._lock:
            count = self._use(capi.abc_connection_stream_count)
            return [str(self._use(capi.abc_connection_stream_name, i)) for i in range(count)]

    table_prefix = NativeText(capi.abc_connection_prefix, 'The table prefix ("" when none).')
    connection_url = NativeText(capi.abc_connection_url, "The connection's page in the web UI.")
    job_history_url = NativeText(capi.abc_connection_job_history_url,
                                 "The web UI page of the connection's job history.")
    # Beyond PyAirbyte: the rest of the connection's details.
    name = NativeText(capi.abc_connection_name, "The connection's name.")
    status = NativeText(capi.abc_connection_status, '"active", "inactive"..., as the API says.')
    schedule_type = NativeText(capi.abc_connection_schedule_type, '"manual", "cron" or "basic".')
    cron_expression = NativeText(capi.abc_connection_cron_expression,
                                 'The cron expression ("" unless the schedule is cron).')
    namespace_definition = NativeText(capi.abc_connection_namespace_definition,
                                      '"source", "destination" or "custom_format".')

    def to_dict(self) -> dict[str, Any]:
        """The whole connection as the API returned it."""
        parsed: dict[str, Any] = json.loads(self._read(capi.abc_connection_json))
        return parsed

    # ---- Syncs ---------------------------------------------------------------------------------

    def run_sync(self, *, wait: bool = True, wait_timeout: int = 300,
                 progress: ProgressCallback | None = None,
                 attach_if_running: bool = False, cancel_job: bool = False) -> SyncResult:
        """Run a sync; by default wait for it and raise if it fails or times out.

        ``progress`` (beyond PyAirbyte) is called after each poll; ``attach_if_running`` waits for
        a sync already running on the connection instead of raising
        `AirbyteSyncAlreadyRunningError`. Ctrl-C stops the wait; the job goes on, unless
        ``cancel_job`` asks for it to be cancelled too.
        """
        options = _sync_options(wait=wait, wait_timeout=wait_timeout,
                                attach_if_running=attach_if_running, cancel_job=cancel_job)
        try:
            raw = capi.abc_py_sync(self.workspace._raw(), self.connection_id, options.raw,
                                   _progress_bridge(progress))
        except exc.AirbyteError as error:
            _attach_workspace(error, self.workspace)
            raise
        finally:
            options.close()
        job = Handle(raw, "job", self.workspace._handle)
        return SyncResult(workspace=self.workspace, connection=self,
                          job_id=int(capi.abc_job_id(raw)), _job=job)

    def get_previous_sync_logs(self, *, limit: int = 10, offset: int = 0) -> list[SyncResult]:
        """The connection's previous sync jobs, newest first."""
        if limit < 1:
            raise exc.PyAirbyteInputError(message="limit must be at least 1.", input_value=str(limit))
        results: list[SyncResult] = []
        while len(results) < limit:  # the API gives at most 100 per call
            requested = min(100, limit - len(results))
            page = Handle(self._use(capi.abc_connection_list_jobs, requested, offset + len(results)),
                          "job list")
            try:
                count = capi.abc_job_list_count(page.raw)
                for index in range(count):
                    raw = self._call(capi.abc_job_list_get, page.raw, index)
                    results.append(self._result(raw))
            finally:
                page.close()
            if count < requested:
                break
        return results

    def _result(self, raw: Any) -> SyncResult:
        return SyncResult(workspace=self.workspace, connection=self,
                          job_id=int(capi.abc_job_id(raw)),
                          _job=Handle(raw, "job", self.workspace._handle))

    def get_sync_result(self, job_id: int | str | None = None) -> SyncResult | None:
        """The sync result of job ``job_id``, or of the most recent sync job when omitted.

        Returns None if ``job_id`` is omitted and the connection has no sync job.
        """
        if job_id is None:
            raw = self._read(capi.abc_connection_latest_job)
            return self._result(raw) if raw is not None else None
        return SyncResult(workspace=self.workspace, connection=self, job_id=int(job_id))

    # ---- Data and management -------------------------------------------------------------------

    def get_datasets(self) -> DatasetSet:
        """The datasets of the selected streams in the destination (beyond PyAirbyte)."""
        options = self.workspace._dataset_options()
        try:
            raw = self._use(capi.abc_connection_datasets, options.raw)
        finally:
            options.close()
        return DatasetSet(Handle(raw, "dataset set"), self.workspace._dataset_password())

    def update(self, **changes: Any) -> None:
        """Change the connection (PATCH): name, selected_streams, table_prefix, schedule (a cron
        expression or "manual"), status ("active"/"inactive"), namespace (definition, format)."""
        spec = self.workspace._connection_spec(**changes)
        try:
            self._use(capi.abc_connection_update, spec.raw)
        finally:
            spec.close()

    def permanently_delete(self, *, cascade_delete_source: bool = False,
                           cascade_delete_destination: bool = False,
                           safe_mode: bool | None = None) -> None:
        """Delete the connection (and, if asked, its source and destination)."""
        self.workspace.permanently_delete_connection(
            self, cascade_delete_source=cascade_delete_source,
            cascade_delete_destination=cascade_delete_destination, safe_mode=safe_mode)

    def _permanently_delete(self, *, delete_source: bool = False,
                            delete_destination: bool = False) -> None:
        """PyAirbyte 0.20's name for permanently_delete()."""
        self.permanently_delete(cascade_delete_source=delete_source,
                                cascade_delete_destination=delete_destination)


__all__ = ["CloudConnection"]
