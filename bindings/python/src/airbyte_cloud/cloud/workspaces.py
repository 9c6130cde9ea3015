"""Cloud workspaces, as PyAirbyte's ``airbyte.cloud.workspaces``.

By overriding `api_root`, you can use this module to interact with self-managed Airbyte instances.
One :class:`CloudWorkspace` holds one library workspace: a pool of kept-alive HTTPS connections,
retries with backoff, timeouts and token renewal shared by everything made from it, from any
number of threads.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets as _random
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import KW_ONLY, dataclass, field
from typing import Any, NamedTuple

from airbyte_cloud import exceptions as exc
from airbyte_cloud._native import Closeable, Handle, capi
from airbyte_cloud.cloud.administration import _safe_mode, _WorkspaceAdministration
from airbyte_cloud.cloud.connections import CloudConnection
from airbyte_cloud.cloud.connectors import (
    CloudDestination,
    CloudSource,
    StreamInfo,
    WorkspaceInfo,
    _stream_catalog,
    _stream_supports,
    _workspace_info,
)
from airbyte_cloud.cloud.constants import CLOUD_API_ROOT
from airbyte_cloud.cloud.sync_results import SyncResult, _attach_workspace
from airbyte_cloud.secrets import SecretString

# Dataset secrets by name (abc_dataset_secret values).
_DATASET_SECRETS = {"password": 1, "private_key": 2, "private_key_passphrase": 3, "oauth_token": 4,
                    "programmatic_access_token": 5, "service_account_json": 6,
                    "ssl_client_key": 7, "ssl_client_key_password": 8}
_LOG_LEVELS = {"error": 1, "warning": 2, "info": 3, "debug": 4}


def _default_api_root() -> str:
    """AIRBYTE_CLOUD_API_URL when set (as for the C library and the CLI), else Airbyte Cloud."""
    return os.environ.get("AIRBYTE_CLOUD_API_URL") or CLOUD_API_ROOT


_LIST_FILTERS = {"workspace_ids": capi.abc_list_options_add_workspace_id,
                 "tag_ids": capi.abc_list_options_add_tag_id,
                 "user_ids": capi.abc_list_options_add_user_id,
                 "emails": capi.abc_list_options_add_email}


class RequestBudget(NamedTuple):
    """A workspace's request budget: the cap in requests per second (0: none), the 429 responses
    received, what is left of the pause the last one started and the total time requests waited
    for the budget (both in seconds)."""

    rate: float
    rate_limited: int
    paused: float
    delayed: float


def _ms(seconds: float) -> int:
    return max(1, int(seconds * 1000))


@dataclass
class CloudWorkspace(Closeable, _WorkspaceAdministration):
    """A remote workspace on the Airbyte Cloud (or a self-managed Airbyte, through `api_root`).

    Authenticate with ``api_key`` (a bearer token) or ``client_id`` and ``client_secret``. The
    keyword-only settings (beyond PyAirbyte) tune the library; ``None`` keeps its defaults
    (request timeout 30 s, 4 attempts with backoff, poll interval 250 ms growing to 2 s...).
    """

    workspace_id: str
    api_key: str | None = None
    api_root: str = field(default_factory=_default_api_root)
    client_id: str | None = None
    client_secret: str | None = None
    _: KW_ONLY
    connect_timeout: float | None = None
    request_timeout: float | None = None
    max_attempts: int | None = None
    poll_interval: tuple[float, float] | None = None
    max_connections: int | None = None
    request_rate: float | None = None
    verify_tls: bool = True
    ca_bundle: str | None = None
    user_agent: str | None = None
    max_response_bytes: int | None = None
    token_url: str | None = None
    config_api_url: str | None = None
    log_level: str | None = None
    dataset_secrets: Mapping[str, str] | None = field(default=None, repr=False)
    dataset_options: Mapping[str, Any] | None = None
    _handle: Handle = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("api_key", "client_id", "client_secret"):
            value = getattr(self, name)
            if value is not None:
                setattr(self, name, SecretString(value))
        options = self._options()
        try:
            self._handle = Handle(capi.abc_workspace_new(self.workspace_id, options.raw), "workspace")
        finally:
            options.close()

    def _options(self) -> Handle:
        options = Handle(capi.abc_options_new(), "options")
        raw = options.raw
        try:
            capi.abc_options_set_api_url(raw, self.api_root)
            if self.api_key:
                capi.abc_options_set_bearer_token(raw, self.api_key)
            elif self.client_id or self.client_secret:
                capi.abc_options_set_client_credentials(raw, self.client_id, self.client_secret)
            self._tune(raw)
        except BaseException:
            options.close()
            raise
        return options

    def _tune(self, raw: Any) -> None:
        if self.connect_timeout is not None:
            capi.abc_options_set_connect_timeout_ms(raw, _ms(self.connect_timeout))
        if self.request_timeout is not None:
            capi.abc_options_set_request_timeout_ms(raw, _ms(self.request_timeout))
        if self.max_attempts is not None:
            capi.abc_options_set_retry_policy(raw, self.max_attempts, 250, 10000, 2.0, 60000)
        if self.poll_interval is not None:
            capi.abc_options_set_poll_interval(raw, _ms(self.poll_interval[0]),
                                               _ms(self.poll_interval[1]))
        if self.max_connections is not None:
            capi.abc_options_set_max_connections(raw, self.max_connections)
        if self.request_rate is not None:
            capi.abc_options_set_request_rate(raw, float(self.request_rate))
        capi.abc_options_set_verify_tls(raw, int(self.verify_tls))
        if self.ca_bundle:
            capi.abc_options_set_ca_bundle(raw, self.ca_bundle)
        if self.user_agent:
            capi.abc_options_set_user_agent(raw, self.user_agent)
        if self.max_response_bytes is not None:
            capi.abc_options_set_max_response_bytes(raw, self.max_response_bytes)
        if self.token_url:
            capi.abc_options_set_token_url(raw, self.token_url)
        if self.config_api_url:
            capi.abc_options_set_config_api_url(raw, self.config_api_url)
        if self.log_level:
            if self.log_level not in _LOG_LEVELS:
                raise exc.PyAirbyteInputError(message="log_level must be error, warning, info or debug.",
                                              input_value=self.log_level)
            capi.abc_py_options_log_to_python(raw, _LOG_LEVELS[self.log_level])

    @classmethod
    def from_environment(cls) -> CloudWorkspace:
        """A workspace from AIRBYTE_CLOUD_WORKSPACE_ID, AIRBYTE_CLOUD_API_KEY (or _CLIENT_ID and
        _CLIENT_SECRET) and AIRBYTE_CLOUD_API_URL, read by the library."""
        options = Handle(capi.abc_options_new(), "options")
        try:
            capi.abc_options_load_environment(options.raw)
            raw = capi.abc_workspace_new_from_environment(options.raw)
        finally:
            options.close()
        workspace = cls.__new__(cls)
        workspace.workspace_id = str(capi.abc_workspace_id(raw))
        workspace.api_root = str(capi.abc_workspace_api_url(raw))
        workspace.api_key = workspace.client_id = workspace.client_secret = None
        for name in ("connect_timeout", "request_timeout", "max_attempts", "poll_interval",
                     "max_connections", "request_rate", "ca_bundle", "user_agent", "log_level", "dataset_secrets",
                     "dataset_options", "max_response_bytes", "token_url", "config_api_url"):
            setattr(workspace, name, None)
        workspace.verify_tls = True
        workspace._handle = Handle(raw, "workspace")
        return workspace

    def _owned_handles(self) -> list[Handle]:
        return [self._handle]

    def _raw(self) -> Any:
        return self._handle.raw

    def _call(self, function: Any, *args: Any) -> Any:
        try:
            return function(*args)
        except exc.AirbyteError as error:
            _attach_workspace(error, self)
            raise

    @property
    def workspace_url(self) -> str | None:
        """The URL of the workspace in the web UI."""
        return str(capi.abc_workspace_url(self._raw()))

    @property
    def config_api_root(self) -> str:
        """The root of Airbyte's Config API this workspace uses for attempts, logs, state,
        catalogs and checks ("" when it cannot be derived from ``api_root``: then set
        ``config_api_url``)."""
        return str(capi.abc_workspace_config_api_url(self._raw()))

    def request_budget(self) -> RequestBudget:
        """The state of the request budget (``request_rate``), shared by every workspace of this
        process with the same ``api_root`` and credential. No request is sent."""
        rate, rate_limited, paused_ms, delayed_ms = capi.abc_workspace_request_budget(self._raw())
        return RequestBudget(float(rate), int(rate_limited), paused_ms / 1000, delayed_ms / 1000)

    def connect(self) -> None:
        """Check that the workspace is reachable and the credentials work; raise otherwise."""
        self._call(capi.abc_workspace_connect, self._raw())
        print(f"Successfully connected to workspace: {self.workspace_url}")

    @property
    def name(self) -> str:
        """The workspace's name (one request each time)."""
        return str(self._call(capi.abc_workspace_name, self._raw()))

    def get_workspace_info(self, workspace_id: str | None = None) -> WorkspaceInfo:
        """Details of this workspace, or of another one the credentials reach."""
        return _workspace_info(self._call(capi.abc_workspace_info_get, self._raw(), workspace_id))

    # ---- Connections, sources, destinations ---------------------------------------------------

    def get_connection(self, connection_id: str) -> CloudConnection:
        """A connection by ID. No request: its details are fetched when first needed."""
        return CloudConnection(workspace=self, connection_id=connection_id)

    def get_source(self, source_id: str) -> CloudSource:
        """A source by ID. No request until its details are needed."""
        return CloudSource(self, source_id)

    def get_destination(self, destination_id: str) -> CloudDestination:
        """A destination by ID. No request until its details are needed."""
        return CloudDestination(self, destination_id)

    def _unique_name(self, name: str, kind: str, existing: Callable[..., list[Any]], *,
                     unique: bool, random_name_suffix: bool) -> str:
        if random_name_suffix:
            name += f" (ID: {_random.token_hex(4)})"
        if unique and existing(name=name):
            raise exc.AirbyteDuplicateResourcesError(resource_type=kind, resource_name=name,
                                                     workspace=self)
        return name

    def deploy_source(self, name: str, source: Mapping[str, Any], *, unique: bool = True,
                      random_name_suffix: bool = False) -> CloudSource:
        """Deploy a source: ``source`` is its configuration with ``sourceType`` ("faker"...)."""
        config = dict(source)
        if "sourceType" not in config:
            raise exc.PyAirbyteInputError(message="Missing `sourceType` in configuration dictionary.")
        name = self._unique_name(name, "source", self.list_sources, unique=unique,
                                 random_name_suffix=random_name_suffix)
        raw = self._call(capi.abc_source_create, self._raw(), name, config["sourceType"], None,
                         json.dumps(config))
        return CloudSource._from_raw(self, raw)  # type: ignore[no-any-return]

    def deploy_destination(self, name: str, destination: Mapping[str, Any], *, unique: bool = True,
                           random_name_suffix: bool = False) -> CloudDestination:
        """Deploy a destination: its configuration with ``destinationType`` ("postgres"...)."""
        config = dict(destination)
        if "destinationType" not in config:
            raise exc.PyAirbyteInputError(
                message="Missing `destinationType` in configuration dictionary.")
        name = self._unique_name(name, "destination", self.list_destinations, unique=unique,
                                 random_name_suffix=random_name_suffix)
        raw = self._call(capi.abc_destination_create, self._raw(), name,
                         config["destinationType"], None, json.dumps(config))
        return CloudDestination._from_raw(self, raw)  # type: ignore[no-any-return]

    def deploy_connection(self, connection_name: str, *, source: CloudSource | str,
                          selected_streams: Sequence[str | Mapping[str, Any]],
                          destination: CloudDestination | str,
                          table_prefix: str | None = None, **settings: Any) -> CloudConnection:
        """Create a connection between a deployed source and destination.

        ``selected_streams`` are stream names, or dicts with ``name`` and optionally
        ``sync_mode``, ``cursor_field``, ``primary_key``. ``settings`` (beyond PyAirbyte):
        ``schedule`` (a cron expression or "manual"), ``status``, ``namespace``.
        """
        if not selected_streams:
            raise exc.PyAirbyteInputError(
                guidance="You must provide `selected_streams` when creating a connection.")
        spec = self._connection_spec(
            name=connection_name, selected_streams=selected_streams, table_prefix=table_prefix,
            source_id=source if isinstance(source, str) else source.connector_id,
            destination_id=destination if isinstance(destination, str) else destination.connector_id,
            **settings)
        try:
            raw = self._call(capi.abc_connection_create, self._raw(), spec.raw)
        finally:
            spec.close()
        return CloudConnection._from_handle(self, raw)

    def connection_request_body(self, **fields: Any) -> dict[str, Any]:
        """The POST /connections body deploy_connection() would send for these fields."""
        spec = self._connection_spec(**fields)
        try:
            body: dict[str, Any] = json.loads(self._call(capi.abc_connection_spec_to_json, spec.raw))
        finally:
            spec.close()
        return body

    def _connection_spec(self, *, name: str | None = None, source_id: str | None = None,
                         destination_id: str | None = None,
                         selected_streams: Sequence[str | Mapping[str, Any]] | None = None,
                         table_prefix: str | None = None, schedule: str | None = None,
                         status: str | None = None,
                         namespace: tuple[str, str | None] | None = None,
                         tags: Sequence[str] | None = None) -> Handle:
        spec = Handle(capi.abc_connection_spec_new(), "connection spec")
        raw = spec.raw
        setters: list[tuple[Any, tuple[Any, ...]]] = []
        if name is not None:
            setters.append((capi.abc_connection_spec_set_name, (name,)))
        if source_id is not None:
            setters.append((capi.abc_connection_spec_set_source_id, (source_id,)))
        if destination_id is not None:
            setters.append((capi.abc_connection_spec_set_destination_id, (destination_id,)))
        for stream in selected_streams or ():
            item = {"name": stream} if isinstance(stream, str) else dict(stream)
            keys = [item.get(key) for key in ("cursor_field", "primary_key")]
            setters.append((capi.abc_connection_spec_add_stream,
                            (item["name"], item.get("sync_mode"),
                             *[k if k is None or isinstance(k, str) else json.dumps(k) for k in keys])))
        if table_prefix is not None:
            setters.append((capi.abc_connection_spec_set_prefix, (table_prefix,)))
        if schedule == "manual":
            setters.append((capi.abc_connection_spec_set_schedule_manual, ()))
        elif schedule is not None:
            setters.append((capi.abc_connection_spec_set_schedule_cron, (schedule,)))
        if status is not None:
            setters.append((capi.abc_connection_spec_set_status, (status,)))
        if namespace is not None:
            setters.append((capi.abc_connection_spec_set_namespace, tuple(namespace)))
        try:
            for setter, args in setters:
                self._call(setter, raw, *args)
            for tag_id in tags or ():
                self._add_tag(raw, getattr(tag_id, "tag_id", tag_id))
        except BaseException:
            spec.close()
            raise
        return spec

    def _add_tag(self, spec: Any, tag_id: str) -> None:
        """Attaches a tag (by id: the call takes its handle) to a connection spec."""
        tag = Handle(self._call(capi.abc_tag_get, self._raw(), tag_id), "tag")
        try:
            self._call(capi.abc_connection_spec_add_tag, spec, tag.raw)
        finally:
            tag.close()

    def _delete(self, function: Any, resource_id: str, safe_mode: bool | None) -> None:
        if not isinstance(resource_id, str):
            raise exc.PyAirbyteInputError(message="Invalid resource type.",
                                          input_value=type(resource_id).__name__)
        self._call(function, self._raw(), resource_id, _safe_mode(safe_mode))

    def permanently_delete_source(self, source: str | CloudSource, *,
                                  safe_mode: bool | None = None) -> None:
        """Delete a source (by ID or object). Airbyte also deletes the connections using it."""
        self._delete(capi.abc_source_delete,
                     source.connector_id if isinstance(source, CloudSource) else source, safe_mode)

    def permanently_delete_destination(self, destination: str | CloudDestination, *,
                                       safe_mode: bool | None = None) -> None:
        """Delete a destination (by ID or object)."""
        self._delete(capi.abc_destination_delete,
                     destination.connector_id if isinstance(destination, CloudDestination)
                     else destination, safe_mode)

    def permanently_delete_connection(self, connection: str | CloudConnection, *,
                                      cascade_delete_source: bool = False,
                                      cascade_delete_destination: bool = False,
                                      safe_mode: bool | None = None) -> None:
        """Delete a connection and, if asked, its source and destination afterwards.

        By default as PyAirbyte: three deletes, no name check. With ``safe_mode`` given and both
        cascades, the library deletes all three in one call, with safe mode first checking that
        every name marks its resource disposable ("delete-me") and that neither the source nor
        the destination serves another connection (``safe_mode=True``) or not (``False``).
        """
        if connection is None:
            raise ValueError("No connection ID provided.")
        if isinstance(connection, str):
            connection = CloudConnection(workspace=self, connection_id=connection)
        if cascade_delete_source and cascade_delete_destination and safe_mode is not None:
            self._call(capi.abc_connection_delete, self._raw(), connection.connection_id, 1,
                       _safe_mode(safe_mode))
        else:
            source_id = connection.source_id if cascade_delete_source else None
            destination_id = connection.destination_id if cascade_delete_destination else None
            self._call(capi.abc_connection_delete, self._raw(), connection.connection_id, 0,
                       _safe_mode(safe_mode))
            if source_id:
                self.permanently_delete_source(source_id, safe_mode=safe_mode)
            if destination_id:
                self.permanently_delete_destination(destination_id, safe_mode=safe_mode)
        connection.close()

    # PyAirbyte 0.20's names.
    def _permanently_delete_connection(self, connection: str | CloudConnection, *,
                                       delete_source: bool = False,
                                       delete_destination: bool = False) -> None:
        self.permanently_delete_connection(connection, cascade_delete_source=delete_source,
                                           cascade_delete_destination=delete_destination)

    def _permanently_delete_source(self, source: str | CloudSource) -> None:
        self.permanently_delete_source(source)

    def _permanently_delete_destination(self, *, destination: str | None = None) -> None:
        if destination is None:
            raise exc.PyAirbyteInputError(message="No destination ID provided.")
        self.permanently_delete_destination(destination)

    # ---- Listing --------------------------------------------------------------------------------

    def _list_options(self, name: str | None, name_contains: str | None = None, *,
                      page_size: int | None = None, include_deleted: bool = False,
                      filters: Mapping[str, Sequence[str] | None] | None = None) -> Handle:
        """List options; ``filters`` (workspace_ids, tag_ids, user_ids, emails) are sent to the
        API."""
        options = Handle(capi.abc_list_options_new(), "list options")
        try:
            for filter_name, values in (filters or {}).items():
                for value in values or ():
                    self._call(_LIST_FILTERS[filter_name], options.raw, value)
            if name is not None:
                capi.abc_list_options_set_name(options.raw, name)
            if name_contains is not None:
                capi.abc_list_options_set_name_contains(options.raw, name_contains)
            if page_size is not None:
                capi.abc_list_options_set_page_size(options.raw, page_size)
            capi.abc_list_options_set_include_deleted(options.raw, int(include_deleted))
        except BaseException:
            options.close()
            raise
        return options

    def _list(self, list_function: Any, count: Any, get: Any, free_kind: str, wrap: Any,
              name: str | None, name_filter: Callable[[str], bool] | None,
              filters: Mapping[str, Sequence[str] | None] | None = None) -> list[Any]:
        options = self._list_options(name, filters=filters)
        try:
            items = Handle(self._call(list_function, self._raw(), options.raw), free_kind)
        finally:
            options.close()
        try:
            wrapped = [wrap(self, self._call(get, items.raw, i)) for i in range(count(items.raw))]
        finally:
            items.close()
        return [item for item in wrapped if name_filter is None or name_filter(item.name)]

    def list_connections(self, name: str | None = None, *,
                         name_filter: Callable[[str], bool] | None = None,
                         tag_ids: Sequence[str] | None = None) -> list[CloudConnection]:
        """The workspace's connections, optionally only those named `name` / passing the filter
        / carrying one of the tags ``tag_ids``."""
        return self._list(capi.abc_workspace_list_connections, capi.abc_connection_list_count,
                          capi.abc_connection_list_get, "connection list",
                          CloudConnection._from_handle, name, name_filter, {"tag_ids": tag_ids})

    def list_sources(self, name: str | None = None, *,
                     name_filter: Callable[[str], bool] | None = None) -> list[CloudSource]:
        """The workspace's sources, optionally only those named `name` / passing the filter."""
        return self._list(capi.abc_workspace_list_sources, capi.abc_source_list_count,
                          capi.abc_source_list_get, "source list", CloudSource._from_raw, name,
                          name_filter)

    def list_destinations(self, name: str | None = None, *,
                          name_filter: Callable[[str], bool] | None = None) -> list[CloudDestination]:
        """The workspace's destinations, optionally only those named `name` / passing the filter."""
        return self._list(capi.abc_workspace_list_destinations, capi.abc_destination_list_count,
                          capi.abc_destination_list_get, "destination list",
                          CloudDestination._from_raw, name, name_filter)

    def list_workspaces(self) -> list[WorkspaceInfo]:
        """Every workspace the credentials can reach."""
        items = Handle(self._call(capi.abc_workspace_list_workspaces, self._raw(), None),
                       "workspace list")
        try:
            return [_workspace_info(self._call(capi.abc_workspace_info_list_get, items.raw, i))
                    for i in range(capi.abc_workspace_info_list_count(items.raw))]
        finally:
            items.close()

    def _iterate(self, start: Any, step: Any, kind: str, wrap: Any, name_contains: str | None,
                 page_size: int | None = None) -> Iterator[Any]:
        options = self._list_options(None, name_contains, page_size=page_size)
        try:
            iterator = Handle(self._call(start, self._raw(), options.raw), kind, self._handle)
        finally:
            options.close()
        try:
            while (raw := self._call(step, iterator.raw)) is not None:
                yield wrap(self, raw)
        finally:
            iterator.close()

    def iterate_connections(self, name_contains: str | None = None, *,
                            page_size: int | None = None) -> Iterator[CloudConnection]:
        """Connections one page (of `page_size`, max 100) at a time, lazily, optionally by part
        of their name (any case)."""
        return self._iterate(capi.abc_workspace_iterate_connections,
                             capi.abc_connection_iterator_next, "connection iterator",
                             CloudConnection._from_handle, name_contains, page_size)

    def iterate_sources(self, name_contains: str | None = None, *,
                        page_size: int | None = None) -> Iterator[CloudSource]:
        """Sources one page at a time (lazily)."""
        return self._iterate(capi.abc_workspace_iterate_sources, capi.abc_source_iterator_next,
                             "source iterator", CloudSource._from_raw, name_contains, page_size)

    def iterate_destinations(self, name_contains: str | None = None, *,
                             page_size: int | None = None) -> Iterator[CloudDestination]:
        """Destinations one page at a time (lazily)."""
        return self._iterate(capi.abc_workspace_iterate_destinations,
                             capi.abc_destination_iterator_next, "destination iterator",
                             CloudDestination._from_raw, name_contains, page_size)

    def iterate_workspaces(self) -> Iterator[WorkspaceInfo]:
        """Workspaces the credentials reach, one page at a time."""
        return self._iterate(capi.abc_workspace_iterate_workspaces,
                             capi.abc_workspace_info_iterator_next, "workspace iterator",
                             lambda _, raw: _workspace_info(raw), None)

    def get_stream_catalog(self, source_id: str,
                           destination_id: str | None = None) -> list[StreamInfo]:
        """The streams a source offers (narrowed to the destination's sync modes if given)."""
        catalog = Handle(self._call(capi.abc_stream_catalog_get, self._raw(), source_id,
                                    destination_id), "stream catalog")
        try:
            return _stream_catalog(catalog.raw)
        finally:
            catalog.close()

    def stream_supports_sync_mode(self, source_id: str, stream_name: str, sync_mode: str) -> bool:
        """Whether the source's stream supports `sync_mode` ("incremental_append"...)."""
        catalog = Handle(self._call(capi.abc_stream_catalog_get, self._raw(), source_id, None),
                         "stream catalog")
        try:
            return self._call(_stream_supports, catalog.raw, stream_name, sync_mode)  # type: ignore[no-any-return]
        finally:
            catalog.close()

    # ---- Syncs ----------------------------------------------------------------------------------

    def run_sync(self, connection_id: str, *, wait: bool = True, wait_timeout: int = 300,
                 **kwargs: Any) -> SyncResult:
        """Run a sync on a deployed connection (see CloudConnection.run_sync)."""
        connection = CloudConnection(workspace=self, connection_id=connection_id)
        return connection.run_sync(wait=wait, wait_timeout=wait_timeout, **kwargs)

    def get_sync_result(self, connection_id: str,
                        job_id: int | str | None = None) -> SyncResult | None:
        """The sync result of a job; of the most recent sync job when `job_id` is omitted
        (None if the connection has none)."""
        return self.get_connection(connection_id).get_sync_result(job_id)

    def get_previous_sync_logs(self, connection_id: str, *, limit: int = 10) -> list[SyncResult]:
        """The connection's previous sync jobs, newest first."""
        return self.get_connection(connection_id).get_previous_sync_logs(limit=limit)

    def get_job(self, job_id: int) -> SyncResult:
        """The sync result of any job by its ID (fetched now; its connection read from it)."""
        raw = self._call(capi.abc_job_get, self._raw(), int(job_id))
        job = Handle(raw, "job", self._handle)
        connection = self.get_connection(str(capi.abc_job_connection_id(raw)))
        return SyncResult(workspace=self, connection=connection, job_id=int(job_id), _job=job)

    def waiter(self) -> JobWaiter:
        """A waiter: one thread waits for many jobs, each handed back as it finishes."""
        return JobWaiter(self)

    # ---- Datasets -------------------------------------------------------------------------------

    def _dataset_options(self) -> Handle:
        options = Handle(capi.abc_dataset_options_new(), "dataset options")
        try:
            _set_dataset_options(options.raw, self.dataset_secrets or {}, self.dataset_options or {})
        except BaseException:
            options.close()
            raise
        return options

    def _dataset_password(self) -> str | None:
        """The Postgres password for SQLAlchemy engines (the library's own default variable)."""
        given = (self.dataset_secrets or {}).get("password")
        return given or os.environ.get("AIRBYTE_CLOUD_POSTGRES_PASSWORD") or None


def _secret_kind(kind: str) -> int:
    if kind not in _DATASET_SECRETS:
        raise exc.PyAirbyteInputError(
            message=f"Unknown dataset secret {kind!r}; known: {', '.join(_DATASET_SECRETS)}.")
    return _DATASET_SECRETS[kind]


def _set_dataset_options(raw: Any, secrets: Mapping[str, str], settings: Mapping[str, Any]) -> None:
    """Dataset settings: secrets by value; `settings` keys secret_env / secret_files (secret ->
    variable / path), page_size, query_timeout (s), poll_interval ((initial, max) s),
    snowflake_url, bigquery_url, token_url."""
    for kind, secret in secrets.items():
        capi.abc_dataset_options_set_secret(raw, _secret_kind(kind), secret)
    for kind, variable in settings.get("secret_env", {}).items():
        capi.abc_dataset_options_set_secret_env(raw, _secret_kind(kind), variable)
    for kind, path in settings.get("secret_files", {}).items():
        capi.abc_dataset_options_set_secret_file(raw, _secret_kind(kind), str(path))
    setters = {"page_size": capi.abc_dataset_options_set_page_size,
               "snowflake_url": capi.abc_dataset_options_set_snowflake_url,
               "bigquery_url": capi.abc_dataset_options_set_bigquery_url,
               "token_url": capi.abc_dataset_options_set_token_url}
    for key, value in settings.items():
        if key in setters:
            setters[key](raw, value)
        elif key == "query_timeout":
            capi.abc_dataset_options_set_query_timeout_ms(raw, _ms(value))
        elif key == "poll_interval":
            capi.abc_dataset_options_set_poll_interval(raw, _ms(value[0]), _ms(value[1]))
        elif key not in ("secret_env", "secret_files"):
            raise exc.PyAirbyteInputError(message=f"Unknown dataset option {key!r}.")


class JobWaiter(Closeable):
    """Waits for many jobs in one thread: each round polls every unfinished job at once."""

    def __init__(self, workspace: CloudWorkspace) -> None:
        self.workspace = workspace
        self._handle = Handle(workspace._call(capi.abc_waiter_new, workspace._raw()), "waiter",
                              workspace._handle)
        self._results: list[SyncResult] = []

    def _owned_handles(self) -> list[Handle]:
        return [self._handle]

    def add(self, sync_result: SyncResult) -> int:
        """Add a job; returns its index (0, 1... in add order)."""
        job = sync_result._job_handle()
        index = int(self.workspace._call(capi.abc_waiter_add, self._handle.raw, job.raw))
        self._handle.depend_on(job)  # the waiter borrows the job: it must not outlive it
        self._results.append(sync_result)
        return index

    @property
    def pending_count(self) -> int:
        """How many added jobs are not final yet."""
        return int(capi.abc_waiter_pending_count(self._handle.raw))

    def next(self, timeout: float = 3600.0) -> SyncResult | None:
        """The next job to finish (each once), or None when every added job was reported.

        Raises `AirbyteConnectionSyncTimeoutError` when none finished within `timeout` seconds;
        Ctrl-C raises KeyboardInterrupt.
        """
        try:
            with contextlib.ExitStack() as held:  # the waiter updates the jobs' snapshots
                for result in self._results:
                    held.enter_context(result._lock)
                index = capi.abc_py_waiter_next(self._handle.raw, _ms(timeout))
        except exc.AirbyteMissingResourceError:
            return None
        except exc.AirbyteError as error:
            _attach_workspace(error, self.workspace)
            raise
        return self._results[int(index)]

    def __iter__(self) -> Iterator[SyncResult]:
        while (result := self.next()) is not None:
            yield result


__all__ = ["CloudWorkspace", "JobWaiter"]
