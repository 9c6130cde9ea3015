"""Deployed sources and destinations (PyAirbyte's ``airbyte.cloud.connectors``), and the other
read-only resources of a workspace: workspace details and stream catalogs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, NamedTuple

from airbyte_cloud import exceptions as exc
from airbyte_cloud._native import Handle, LazyHandleOwner, NativeText, capi
from airbyte_cloud.cloud.diagnostics import ConnectorCheckResult

if TYPE_CHECKING:
    from airbyte_cloud.cloud.workspaces import CloudWorkspace


@dataclass(frozen=True)
class _ConnectorApi:
    """The library's functions for one kind of connector: the two kinds differ only in these."""

    kind: str
    get: Any
    refresh: Any
    id: Any
    name: Any
    type: Any
    definition_id: Any
    workspace_id: Any
    configuration: Any
    created_at: Any
    rename: Any
    update_configuration: Any
    replace: Any
    delete: Any
    check: Any


_SOURCES = _ConnectorApi(
    "source", capi.abc_source_get, capi.abc_source_refresh, capi.abc_source_id,
    capi.abc_source_name, capi.abc_source_type, capi.abc_source_definition_id,
    capi.abc_source_workspace_id, capi.abc_source_configuration, capi.abc_source_created_at,
    capi.abc_source_rename, capi.abc_source_update_configuration, capi.abc_source_replace,
    capi.abc_source_delete, capi.abc_source_check)
_DESTINATIONS = _ConnectorApi(
    "destination", capi.abc_destination_get, capi.abc_destination_refresh,
    capi.abc_destination_id, capi.abc_destination_name, capi.abc_destination_type,
    capi.abc_destination_definition_id, capi.abc_destination_workspace_id,
    capi.abc_destination_configuration, capi.abc_destination_created_at,
    capi.abc_destination_rename, capi.abc_destination_update_configuration,
    capi.abc_destination_replace, capi.abc_destination_delete, capi.abc_destination_check)


class CloudConnector(LazyHandleOwner):
    """A deployed source or destination. Its details are a snapshot, fetched when first needed;
    the configuration comes back with secrets masked ("**********")."""

    _api: _ConnectorApi

    def __init__(self, workspace: CloudWorkspace, connector_id: str) -> None:
        self.workspace = workspace
        self.connector_id = connector_id
        super().__init__()

    @classmethod
    def _from_raw(cls, workspace: CloudWorkspace, raw: Any) -> Any:
        connector = cls(workspace, str(cls._api.id(raw)))
        connector._handle = Handle(raw, cls._api.kind, workspace._handle)
        return connector

    def __repr__(self) -> str:
        return f"{type(self).__name__}(connector_id={self.connector_id!r})"

    def _fetch(self) -> Any:
        return self.workspace._call(self._api.get, self.workspace._raw(), self.connector_id)

    @property
    def connector_url(self) -> str:
        """The connector's page in the web UI."""
        return f"{self.workspace.workspace_url}/{self._api.kind}s/{self.connector_id}"

    def _read(self, getter: str) -> Any:
        """The `getter` field of the kind's functions (`_api`), applied to the snapshot."""
        return self._use(getattr(self._api, getter))

    name = NativeText("name", "The name.")
    connector_type = NativeText("type", 'The connector type ("faker", "postgres"...).')
    definition_id = NativeText("definition_id", "The connector definition's id.")
    workspace_id = NativeText("workspace_id", "The workspace it belongs to.")

    @property
    def configuration(self) -> dict[str, Any]:
        """The configuration, secrets masked."""
        parsed: dict[str, Any] = json.loads(self._use(self._api.configuration) or "{}")
        return parsed

    @property
    def created_at(self) -> datetime | None:
        seconds = self._use(self._api.created_at)
        return datetime.fromtimestamp(seconds, tz=timezone.utc) if seconds else None

    def refresh(self) -> None:
        """Fetch the snapshot again."""
        self._use(self._api.refresh)

    def rename(self, name: str) -> None:
        self._use(self._api.rename, name)

    def update_config(self, config: dict[str, Any]) -> None:
        """Change configuration fields (the others stay)."""
        self._use(self._api.update_configuration, json.dumps(config))

    def replace(self, name: str, config: dict[str, Any]) -> None:
        """Replace name and whole configuration (masked secrets sent back keep their values)."""
        self._use(self._api.replace, name, json.dumps(config))

    def check(self, *, raise_on_error: bool = False) -> ConnectorCheckResult:
        """Run the connector's check against its stored configuration (Airbyte's Config API).
        A failed check is a result, not an error, unless ``raise_on_error``
        (`AirbyteConnectorCheckFailedError` with the connector's message)."""
        succeeded, message = self.workspace._call(self._api.check, self.workspace._raw(),
                                                  self.connector_id)
        result = ConnectorCheckResult(bool(succeeded), str(message or ""))
        if raise_on_error and not result.succeeded:
            raise exc.AirbyteConnectorCheckFailedError(
                message=f"The {self._api.kind}'s check failed: {result.message}",
                workspace=self.workspace, connector_id=self.connector_id)
        return result

    def permanently_delete(self, *, safe_mode: bool | None = None) -> None:
        self.workspace._delete(self._api.delete, self.connector_id, safe_mode)
        self.close()


class CloudSource(CloudConnector):
    """A deployed source."""

    _api = _SOURCES
    _kind = "source"

    @property
    def source_id(self) -> str:
        return self.connector_id


class CloudDestination(CloudConnector):
    """A deployed destination."""

    _api = _DESTINATIONS
    _kind = "destination"

    @property
    def destination_id(self) -> str:
        return self.connector_id


class WorkspaceInfo(NamedTuple):
    """Details of a workspace the credentials can reach."""

    workspace_id: str
    name: str
    data_residency: str
    raw: dict[str, Any] | None = None
    """The whole WorkspaceResponse (notifications included)."""


def _workspace_info(raw: Any) -> WorkspaceInfo:
    try:
        return WorkspaceInfo(str(capi.abc_workspace_info_id(raw)),
                             str(capi.abc_workspace_info_name(raw)),
                             str(capi.abc_workspace_info_data_residency(raw)),
                             json.loads(capi.abc_workspace_info_json(raw) or "{}"))
    finally:
        raw.__swig_destroy__(raw)


class StreamInfo(NamedTuple):
    """A stream a source offers (from its catalog)."""

    name: str
    namespace: str
    sync_modes: list[str]
    default_cursor_field: list[str]
    source_defined_cursor: bool
    primary_key: list[list[str]]


def _stream_catalog(raw: Any) -> list[StreamInfo]:
    streams = []
    for index in range(capi.abc_stream_catalog_count(raw)):
        streams.append(StreamInfo(
            str(capi.abc_stream_catalog_name(raw, index)),
            str(capi.abc_stream_catalog_namespace(raw, index)),
            json.loads(capi.abc_stream_catalog_sync_modes(raw, index)),
            json.loads(capi.abc_stream_catalog_default_cursor(raw, index)),
            bool(capi.abc_stream_catalog_source_defined_cursor(raw, index)),
            json.loads(capi.abc_stream_catalog_primary_key(raw, index))))
    return streams


def _stream_supports(raw: Any, stream_name: str, sync_mode: str) -> bool:
    index = capi.abc_stream_catalog_find(raw, stream_name)
    return bool(capi.abc_stream_catalog_supports_sync_mode(raw, index, sync_mode))


def _config(builder: Any, *args: Any) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(builder(*args))
    return parsed


def postgres_destination_config(host: str, database: str, username: str, *, port: int = 5432,
                                schema: str = "public", password: str | None = None,
                                ssl_mode: str | None = None) -> dict[str, Any]:
    """The configuration of a destination-postgres, for deploy_destination()."""
    return _config(capi.abc_destination_config_postgres, host, port, database, schema, username,
                   password, ssl_mode)


def snowflake_destination_config(host: str, role: str, warehouse: str, database: str, schema: str,
                                 username: str, *, password: str | None = None,
                                 private_key: str | None = None,
                                 private_key_password: str | None = None) -> dict[str, Any]:
    """destination-snowflake with a password, or key-pair authentication (PEM `private_key`)."""
    if private_key is not None:
        return _config(capi.abc_destination_config_snowflake_key_pair, host, role, warehouse,
                       database, schema, username, private_key, private_key_password)
    return _config(capi.abc_destination_config_snowflake_password, host, role, warehouse,
                   database, schema, username, password)


def bigquery_destination_config(project_id: str, dataset_id: str, dataset_location: str, *,
                                credentials_json: str | None = None) -> dict[str, Any]:
    """destination-bigquery (credentials: the service-account key file's content)."""
    return _config(capi.abc_destination_config_bigquery, project_id, dataset_id,
                   dataset_location, credentials_json)


def duckdb_destination_config(destination_path: str, *, schema: str | None = None,
                              motherduck_api_key: str | None = None) -> dict[str, Any]:
    """destination-duckdb ("/local/file.duckdb", or "md:<db>" with a MotherDuck key)."""
    return _config(capi.abc_destination_config_duckdb, destination_path, schema,
                   motherduck_api_key)


def motherduck_destination_config(motherduck_api_key: str, *, database: str | None = None,
                                  schema: str | None = None) -> dict[str, Any]:
    """destination-motherduck."""
    return _config(capi.abc_destination_config_motherduck, motherduck_api_key, database, schema)


__all__ = ["postgres_destination_config", "snowflake_destination_config",
           "bigquery_destination_config", "duckdb_destination_config",
           "motherduck_destination_config", "CloudConnector", "CloudSource", "CloudDestination", "WorkspaceInfo", "StreamInfo"]
