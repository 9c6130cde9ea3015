"""Cloud connections, as PyAirbyte's ``airbyte.cloud.connections``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from airbyte_cloud import exceptions as exc
from airbyte_cloud._native import Handle, LazyHandleOwner, NativeText, capi
from airbyte_cloud.cloud.diagnostics import (
    ConfiguredStream,
    ConnectionState,
    _catalog_to_protocol,
    _configured_streams,
    _connection_state,
    _state_from_protocol,
)
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
                 attach_if_running: bool = False, job_type: str | None = None) -> SyncResult:
        """Run a sync; by default wait for it and raise if it fails or times out.

        ``progress`` (beyond PyAirbyte) is called after each poll; ``attach_if_running`` waits for
        a sync already running on the connection instead of raising
        `AirbyteSyncAlreadyRunningError`; ``job_type`` starts a "reset", "refresh" or "clear"
        job instead of a "sync". Ctrl-C stops the wait; the job goes on.
        """
        options = _sync_options(wait=wait, wait_timeout=wait_timeout,
                                attach_if_running=attach_if_running, job_type=job_type)
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

    # ---- State and catalog (Airbyte's Config API) -------------------------------------------------

    def _config_api(self, function: Any, convert: Any, kind: str, *args: Any) -> Any:
        """function(workspace, connection_id, *args) -> an owned handle, converted and freed."""
        handle = Handle(self._call(function, self.workspace._raw(), self.connection_id, *args), kind)
        try:
            return convert(handle.raw)
        finally:
            handle.close()

    def get_state(self) -> ConnectionState:
        """The connection's whole state: its type, streams, shared state and exact JSON text
        (beyond PyAirbyte)."""
        state: ConnectionState = self._config_api(capi.abc_connection_state_get, _connection_state,
                                                  "connection state")
        return state

    def dump_raw_state(self, *, normalize: bool = True) -> dict[str, Any] | list[dict[str, Any]]:
        """The connection's state: by default as Airbyte protocol AirbyteStateMessage dicts (a
        connector's ``--state``; [] when none), else (``normalize=False``) the Config API's
        ConnectionState dict, which ``import_raw_state()`` restores."""
        state = self.get_state()
        return state.to_protocol_messages() if normalize else state.to_dict()

    def import_raw_state(self, connection_state: dict[str, Any] | list[dict[str, Any]] | str
                         ) -> dict[str, Any]:
        """Replace the connection's whole state; returns it as stored (Config API format).

        Takes the Config API ConnectionState (a dict, or its JSON text as ``get_state().json``
        gives: restored byte for byte) or a list of protocol AirbyteStateMessage dicts. Its
        connectionId is replaced by this connection's. Do not run it while a sync runs.
        """
        if isinstance(connection_state, list):
            connection_state = _state_from_protocol(connection_state)
        text = connection_state if isinstance(connection_state, str) else json.dumps(connection_state)
        stored: ConnectionState = self._config_api(capi.abc_connection_state_set,
                                                   _connection_state, "connection state", text)
        return stored.to_dict()

    def get_stream_state(self, stream_name: str,
                         stream_namespace: str | None = None) -> dict[str, Any] | None:
        """One stream's state blob (stream or global state), or None when it has none."""
        for stream in self.get_state().streams:
            if stream.name == stream_name and (stream_namespace is None
                                               or stream.namespace == stream_namespace):
                return stream.state
        return None

    def get_configured_catalog(self) -> list[ConfiguredStream]:
        """The streams the connection syncs and how (beyond PyAirbyte)."""
        streams: list[ConfiguredStream] = self._config_api(
            capi.abc_configured_catalog_get, _configured_streams, "configured catalog")
        return streams

    def dump_raw_catalog(self, *, normalize: bool = True) -> dict[str, Any] | None:
        """The configured catalog: by default as the protocol's ConfiguredAirbyteCatalog
        (snake_case, selected streams), else the Config API's syncCatalog."""
        raw: dict[str, Any] = json.loads(self._config_api(
            capi.abc_configured_catalog_get, capi.abc_configured_catalog_json, "configured catalog"))
        return _catalog_to_protocol(raw) if normalize else raw

    def get_catalog_artifact(self) -> dict[str, Any] | None:
        """The configured catalog as the Config API's syncCatalog (PyAirbyte's name)."""
        return self.dump_raw_catalog(normalize=False)

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
