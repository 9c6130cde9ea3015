"""Why a sync failed and what it left (the library's airbyte_cloud/diagnostics.h): job attempts
and their failures, attempt logs, connection state, the configured catalog, connector checks.

These go through Airbyte's Config API (``<host>/api/v1``, same credentials), which is not covered
by the public API's stability promise. ``CloudWorkspace(config_api_url=...)`` sets its root when
it cannot be derived from ``api_root``. The classes mirror PyAirbyte's (``SyncAttempt``,
``get_full_log_text()``, ``dump_raw_state()``...); they are used through ``SyncResult``,
``CloudConnection``, ``CloudSource`` and ``CloudDestination``.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, NamedTuple

from airbyte_cloud._native import Handle, capi

if TYPE_CHECKING:
    from airbyte_cloud.cloud.connections import CloudConnection
    from airbyte_cloud.cloud.workspaces import CloudWorkspace


def _time(seconds: float) -> datetime | None:
    return datetime.fromtimestamp(seconds, tz=timezone.utc) if seconds > 0 else None


# ---- Attempts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SyncAttemptFailure:
    """One failure an attempt recorded, as Airbyte reports it."""

    failure_origin: str | None
    """Where it came from: "source", "destination", "replication", "airbyte_platform"..."""
    failure_type: str | None
    """"config_error", "system_error", "transient_error"..."""
    external_message: str | None
    """The message meant for users (e.g. the destination's connection error)."""
    internal_message: str | None
    """The message meant for operators (often an exception's text)."""
    retryable: bool | None
    """Whether a retry may succeed (None: not known)."""
    timestamp: datetime | None


@dataclass
class SyncAttempt:
    """One attempt of a sync job (Airbyte retries a failed attempt), with its failures.

    **Not meant to be instantiated directly:** use ``SyncResult.get_attempts()``.
    """

    workspace: CloudWorkspace
    connection: CloudConnection
    job_id: int
    attempt_number: int
    status: str
    """"running", "failed" or "succeeded"."""
    created_at: datetime | None
    ended_at: datetime | None
    """None while running."""
    records_synced: int
    bytes_synced: int
    failures: list[SyncAttemptFailure] = field(default_factory=list)

    def iter_log_lines(self, *, follow: bool = False) -> Iterator[str]:
        """The attempt's log, line by line, streamed (never held whole). ``follow`` keeps
        reading new lines until the job is final."""
        return _log_lines(self.workspace, self.job_id, self.attempt_number, follow)

    def get_full_log_text(self) -> str:
        """The attempt's whole log, lines separated by newlines."""
        return "\n".join(self.iter_log_lines())


def _failure(raw: Any, index: int, failure: int) -> SyncAttemptFailure:
    retryable = capi.abc_attempt_failure_retryable(raw, index, failure)
    return SyncAttemptFailure(
        capi.abc_attempt_failure_origin(raw, index, failure) or None,
        capi.abc_attempt_failure_type(raw, index, failure) or None,
        capi.abc_attempt_failure_external_message(raw, index, failure) or None,
        capi.abc_attempt_failure_internal_message(raw, index, failure) or None,
        None if retryable < 0 else bool(retryable),
        _time(capi.abc_attempt_failure_timestamp_ms(raw, index, failure) / 1000))


def _attempts(workspace: CloudWorkspace, connection: CloudConnection,
              job_id: int) -> list[SyncAttempt]:
    """The job's attempts, oldest first (one Config API request)."""
    attempts = Handle(workspace._call(capi.abc_job_attempts_get, workspace._raw(), job_id),
                      "attempt list")
    try:
        raw = attempts.raw
        return [SyncAttempt(
            workspace, connection, job_id, int(capi.abc_attempt_number(raw, index)),
            str(capi.abc_attempt_status(raw, index)),
            _time(capi.abc_attempt_created_at(raw, index)),
            _time(capi.abc_attempt_ended_at(raw, index)),
            int(capi.abc_attempt_rows_synced(raw, index)),
            int(capi.abc_attempt_bytes_synced(raw, index)),
            [_failure(raw, index, failure)
             for failure in range(capi.abc_attempt_failure_count(raw, index))])
            for index in range(capi.abc_attempt_list_count(raw))]
    finally:
        attempts.close()


# ---- Logs -----------------------------------------------------------------------------------

_END = object()


def _log_lines(workspace: CloudWorkspace, job_id: int, attempt_number: int,
               follow: bool) -> Iterator[str]:
    """Lines of an attempt's log (-1: the job's last attempt). The library reads on a helper
    thread and hands each line over through a small queue, so the log is never held whole and
    the consumer may stop (or be interrupted by Ctrl-C) at any line: the read is then stopped,
    a follow cancelled."""
    lines: queue.Queue[Any] = queue.Queue(maxsize=256)
    stopped = threading.Event()
    token = Handle(capi.abc_cancel_token_new(), "cancel token")
    failure: list[BaseException] = []

    def offer(item: Any) -> bool:
        while not stopped.is_set():
            try:
                lines.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def read() -> None:
        try:
            workspace._call(capi.abc_py_job_logs_read, workspace._raw(), job_id, attempt_number,
                            int(follow), token.raw, lambda line: not offer(line))
        except BaseException as error:  # handed to the consumer
            failure.append(error)
        offer(_END)

    reader = threading.Thread(target=read, name=f"airbyte_cloud logs of job {job_id}", daemon=True)
    reader.start()
    try:
        while (line := lines.get()) is not _END:
            yield line
    finally:
        stopped.set()
        capi.abc_cancel_token_cancel(token.raw)
        reader.join()
        token.close()
    if failure:
        raise failure[0]


# ---- Connection state -----------------------------------------------------------------------


class StreamState(NamedTuple):
    """One stream's state: what its next incremental sync resumes from."""

    name: str
    namespace: str | None
    state: dict[str, Any] | None


@dataclass(frozen=True)
class ConnectionState:
    """A connection's whole state (Config API ConnectionState), as ``CloudConnection.get_state()``
    reads it. ``json`` is the exact text; passing it to ``import_raw_state()`` restores it."""

    state_type: str
    """"stream", "global", "legacy" or "not_set"."""
    streams: list[StreamState]
    shared_state: dict[str, Any] | None
    json: str

    def to_dict(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.json)
        return parsed

    def to_protocol_messages(self) -> list[dict[str, Any]]:
        """The Airbyte protocol's AirbyteStateMessage dicts (snake_case), as a connector's
        ``--state`` takes them; [] when no state is set."""
        streams = [{"stream_descriptor": _descriptor(s.name, s.namespace), "stream_state": s.state}
                   for s in self.streams]
        if self.state_type == "stream":
            return [{"type": "STREAM", "stream": stream} for stream in streams]
        if self.state_type == "global":
            return [{"type": "GLOBAL", "global": {"shared_state": self.shared_state,
                                                  "stream_states": streams}}]
        if self.state_type == "legacy":
            return [{"type": "LEGACY", "data": self.to_dict().get("state")}]
        return []


def _descriptor(name: str, namespace: str | None) -> dict[str, Any]:
    return {"name": name, **({"namespace": namespace} if namespace else {})}


def _json_or_none(text: str) -> Any:
    return json.loads(text) if text else None


def _connection_state(raw: Any) -> ConnectionState:
    streams = [StreamState(str(capi.abc_connection_state_stream_name(raw, index)),
                           capi.abc_connection_state_stream_namespace(raw, index) or None,
                           _json_or_none(capi.abc_connection_state_stream_state(raw, index)))
               for index in range(capi.abc_connection_state_stream_count(raw))]
    return ConnectionState(str(capi.abc_connection_state_type(raw)), streams,
                           _json_or_none(capi.abc_connection_state_shared_state(raw)),
                           str(capi.abc_connection_state_json(raw)))


def _state_from_protocol(messages: list[dict[str, Any]]) -> dict[str, Any]:
    """Config API ConnectionState from protocol AirbyteStateMessage dicts."""

    def stream(entry: dict[str, Any]) -> dict[str, Any]:
        descriptor = entry.get("stream_descriptor", {})
        return {"streamDescriptor": _descriptor(descriptor.get("name", ""),
                                                descriptor.get("namespace")),
                "streamState": entry.get("stream_state")}

    kinds = {str(message.get("type", "")).upper() for message in messages}
    if not messages:
        return {"stateType": "not_set"}
    if kinds == {"STREAM"}:
        return {"stateType": "stream", "streamState": [stream(m["stream"]) for m in messages]}
    if kinds == {"GLOBAL"} and len(messages) == 1:
        shared = messages[0]["global"]
        return {"stateType": "global", "globalState": {
            "sharedState": shared.get("shared_state"),
            "streamStates": [stream(entry) for entry in shared.get("stream_states", [])]}}
    if kinds == {"LEGACY"} and len(messages) == 1:
        return {"stateType": "legacy", "state": messages[0].get("data")}
    raise ValueError("state messages must be all STREAM, one GLOBAL or one LEGACY message")


# ---- Configured catalog ---------------------------------------------------------------------


class ConfiguredStream(NamedTuple):
    """A stream of a connection's configured catalog: whether and how it is synced."""

    name: str
    namespace: str | None
    selected: bool
    sync_mode: str
    destination_sync_mode: str
    cursor_field: list[str]
    primary_key: list[list[str]]
    selected_fields: list[list[str]]
    """Empty: every field is synced."""


def _path(text: str) -> list[str]:
    return text.split(".") if text else []


def _configured_streams(raw: Any) -> list[ConfiguredStream]:
    streams = []
    for index in range(capi.abc_configured_catalog_count(raw)):
        keys = range(capi.abc_configured_catalog_primary_key_count(raw, index))
        fields = range(capi.abc_configured_catalog_selected_field_count(raw, index))
        streams.append(ConfiguredStream(
            str(capi.abc_configured_catalog_name(raw, index)),
            capi.abc_configured_catalog_namespace(raw, index) or None,
            bool(capi.abc_configured_catalog_selected(raw, index)),
            str(capi.abc_configured_catalog_sync_mode(raw, index)),
            str(capi.abc_configured_catalog_destination_sync_mode(raw, index)),
            _path(capi.abc_configured_catalog_cursor_field(raw, index)),
            [_path(capi.abc_configured_catalog_primary_key(raw, index, key)) for key in keys],
            [_path(capi.abc_configured_catalog_selected_field(raw, index, f)) for f in fields]))
    return streams


_PROTOCOL_STREAM_FIELDS = {"name": "name", "namespace": "namespace", "jsonSchema": "json_schema",
                           "supportedSyncModes": "supported_sync_modes",
                           "sourceDefinedCursor": "source_defined_cursor",
                           "defaultCursorField": "default_cursor_field",
                           "sourceDefinedPrimaryKey": "source_defined_primary_key"}


def _catalog_to_protocol(sync_catalog: dict[str, Any]) -> dict[str, Any]:
    """The Airbyte protocol's ConfiguredAirbyteCatalog (snake_case, selected streams only) from
    the Config API's syncCatalog."""
    streams = []
    for entry in sync_catalog.get("streams", []):
        config = entry.get("config", {})
        if not config.get("selected", True):
            continue
        # Without the stream object (the emulator's default: config.yaml's AirbyteStream cannot
        # validate), its name is the alias.
        stream = entry.get("stream") or {"name": config.get("aliasName", "")}
        streams.append({
            "stream": {snake: stream[camel] for camel, snake in _PROTOCOL_STREAM_FIELDS.items()
                       if camel in stream},
            "sync_mode": config.get("syncMode"),
            "destination_sync_mode": config.get("destinationSyncMode"),
            "cursor_field": config.get("cursorField", []),
            "primary_key": config.get("primaryKey", [])})
    return {"streams": streams}


# ---- Connector checks -----------------------------------------------------------------------


class ConnectorCheckResult(NamedTuple):
    """The outcome of a connector's check against its stored configuration."""

    succeeded: bool
    message: str
    """The connector's message ("" when none)."""


__all__ = ["SyncAttempt", "SyncAttemptFailure", "ConnectionState", "StreamState",
           "ConfiguredStream", "ConnectorCheckResult"]
