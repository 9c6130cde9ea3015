"""What a workspace administers beyond its connections (issue 13 of the library): tags,
organizations, users, permissions, custom connector definitions (Docker and declarative), OAuth
credentials, workspaces themselves, the API's health, raw requests, and jobs of every type listed
with the API's filters.

Records (tags, users...) are read into immutable snapshots (NamedTuples with the API's whole
answer in ``raw``); their native handles are freed at once. Every kind is described by one
:class:`_Record` row, so each operation is a few lines over the generic helpers below.
``_WorkspaceAdministration`` is mixed into ``CloudWorkspace``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from airbyte_cloud import exceptions as exc
from airbyte_cloud._native import Handle, capi

if TYPE_CHECKING:
    from airbyte_cloud.cloud.connectors import WorkspaceInfo
    from airbyte_cloud.cloud.sync_results import SyncResult


class CloudTag(NamedTuple):
    """A tag: a label with a colour that groups a workspace's connections."""

    tag_id: str
    name: str
    color: str
    workspace_id: str
    raw: dict[str, Any]


class CloudOrganization(NamedTuple):
    organization_id: str
    name: str
    email: str
    raw: dict[str, Any]


class CloudUser(NamedTuple):
    user_id: str
    name: str
    email: str
    raw: dict[str, Any]


class CloudPermission(NamedTuple):
    """A user's role on one workspace or organization. Listed permissions carry ``scope``
    ("workspace", "organization") and ``scope_id`` instead of the workspace or organization id."""

    permission_id: str
    permission_type: str
    user_id: str
    workspace_id: str
    organization_id: str
    scope: str
    scope_id: str
    raw: dict[str, Any]


class CustomDefinition(NamedTuple):
    """A custom source or destination definition (a Docker image)."""

    definition_id: str
    kind: str
    """"source" or "destination"."""
    name: str
    docker_repository: str
    docker_image_tag: str
    documentation_url: str
    raw: dict[str, Any]


class DeclarativeDefinition(NamedTuple):
    """A declarative (low-code) source definition: a manifest, versioned."""

    definition_id: str
    name: str
    manifest: dict[str, Any]
    version: int
    raw: dict[str, Any]


_KINDS = {"source": capi.ABC_DEFINITION_SOURCE, "destination": capi.ABC_DEFINITION_DESTINATION}
_KIND_NAMES = {value: name for name, value in _KINDS.items()}


@dataclass(frozen=True)
class _Record:
    """How one kind of record is read from its handle, and walked."""

    make: Callable[..., Any]
    getters: tuple[Callable[[Any], Any], ...]
    json: Callable[[Any], str]
    next: Callable[..., Any]
    noun: str

    def snapshot(self, proxy: Any) -> Any:
        """The record of `proxy`, which is freed."""
        try:
            return self.make(*(getter(proxy) for getter in self.getters),
                             json.loads(self.json(proxy) or "{}"))
        finally:
            proxy.__swig_destroy__(proxy)


_TAG = _Record(CloudTag, (capi.abc_tag_id, capi.abc_tag_name, capi.abc_tag_color,
                          capi.abc_tag_workspace_id), capi.abc_tag_json,
               capi.abc_tag_iterator_next, "tag")
_ORGANIZATION = _Record(CloudOrganization, (capi.abc_organization_id, capi.abc_organization_name,
                                            capi.abc_organization_email),
                        capi.abc_organization_json, capi.abc_organization_iterator_next,
                        "organization")
_USER = _Record(CloudUser, (capi.abc_user_id, capi.abc_user_name, capi.abc_user_email),
                capi.abc_user_json, capi.abc_user_iterator_next, "user")
_PERMISSION = _Record(CloudPermission, (
    capi.abc_permission_id, capi.abc_permission_type, capi.abc_permission_user_id,
    capi.abc_permission_workspace_id, capi.abc_permission_organization_id,
    capi.abc_permission_scope, capi.abc_permission_scope_id), capi.abc_permission_json,
    capi.abc_permission_iterator_next, "permission")
_DEFINITION = _Record(CustomDefinition, (
    capi.abc_definition_id, lambda raw: _KIND_NAMES.get(capi.abc_definition_get_kind(raw), ""),
    capi.abc_definition_name, capi.abc_definition_docker_repository,
    capi.abc_definition_docker_image_tag, capi.abc_definition_documentation_url),
    capi.abc_definition_json, capi.abc_definition_iterator_next, "definition")
_DECLARATIVE = _Record(DeclarativeDefinition, (
    capi.abc_declarative_definition_id, capi.abc_declarative_definition_name,
    lambda raw: json.loads(capi.abc_declarative_definition_manifest(raw) or "{}"),
    capi.abc_declarative_definition_version), capi.abc_declarative_definition_json,
    capi.abc_declarative_definition_iterator_next, "declarative definition")


def _safe_mode(safe_mode: bool | None) -> int:
    """abc_safe_mode: None the default (names must mark the resource disposable), True on,
    False off."""
    return 0 if safe_mode is None else (1 if safe_mode else 2)


def _kind(kind: str) -> int:
    if kind not in _KINDS:
        raise exc.PyAirbyteInputError(message='kind must be "source" or "destination".',
                                      input_value=kind)
    return int(_KINDS[kind])


def _text(value: Mapping[str, Any] | str | None) -> str | None:
    """JSON text of a dict (a str is taken as JSON text already)."""
    return value if value is None or isinstance(value, str) else json.dumps(value)


class _WorkspaceAdministration:
    """Mixed into CloudWorkspace: the calls below go through its handle and credentials."""

    if TYPE_CHECKING:
        _handle: Handle

        def _raw(self) -> Any: ...
        def _call(self, function: Any, *args: Any) -> Any: ...
        def _list_options(self, name: str | None, name_contains: str | None = None, *,
                          page_size: int | None = None, include_deleted: bool = False,
                          filters: Mapping[str, Sequence[str] | None] | None = None
                          ) -> Handle: ...
        def get_connection(self, connection_id: str) -> Any: ...

    # ---- The generic steps ----------------------------------------------------------------------

    def _record(self, record: _Record, function: Any, *args: Any) -> Any:
        """function(workspace, *args) -> a new handle, read into a record."""
        return record.snapshot(self._call(function, self._raw(), *args))

    def _changed(self, record: _Record, get: Any, get_args: tuple[Any, ...], update: Any,
                 *update_args: Any) -> Any:
        """Fetches a record's handle, changes it, and reads the server's answer."""
        proxy = self._call(get, self._raw(), *get_args)
        try:
            self._call(update, proxy, *update_args)
        except BaseException:
            proxy.__swig_destroy__(proxy)
            raise
        return record.snapshot(proxy)

    def _walk(self, record: _Record, start: Any, *args: Any) -> Iterator[Any]:
        """The records of an iterator start(workspace, *args) makes (lazily, page by page)."""
        iterator = Handle(self._call(start, self._raw(), *args), f"{record.noun} iterator",
                          self._handle)
        try:
            while (proxy := self._call(record.next, iterator.raw)) is not None:
                yield record.snapshot(proxy)
        finally:
            iterator.close()

    def _walk_with_options(self, record: _Record, start: Any, leading: tuple[Any, ...],
                           name_contains: str | None,
                           filters: Mapping[str, Sequence[str] | None] | None = None) -> list[Any]:
        options = self._list_options(None, name_contains, filters=filters)
        try:
            return list(self._walk(record, start, *leading, options.raw))
        finally:
            options.close()

    # ---- Tags -----------------------------------------------------------------------------------

    def create_tag(self, name: str, color: str) -> CloudTag:
        """A new tag (``color``: six hex digits, e.g. "FF5733"); a name already used raises
        `AirbyteConflictError`."""
        return self._record(_TAG, capi.abc_tag_create, name, color)  # type: ignore[no-any-return]

    def get_tag(self, tag_id: str) -> CloudTag:
        return self._record(_TAG, capi.abc_tag_get, tag_id)  # type: ignore[no-any-return]

    def update_tag(self, tag_id: str, *, name: str | None = None,
                   color: str | None = None) -> CloudTag:
        """Rename and/or recolour a tag: every connection carrying it shows the change."""
        return self._changed(_TAG, capi.abc_tag_get, (tag_id,), capi.abc_tag_update,  # type: ignore[no-any-return]
                             name, color)

    def delete_tag(self, tag_id: str) -> None:
        """Delete a tag; the connections carrying it lose it."""
        self._call(capi.abc_tag_delete, self._raw(), tag_id)

    def list_tags(self, name_contains: str | None = None, *,
                  workspace_ids: Sequence[str] | None = None) -> list[CloudTag]:
        """The workspace's tags (or those of ``workspace_ids``)."""
        return self._walk_with_options(_TAG, capi.abc_workspace_iterate_tags, (), name_contains,
                                       {"workspace_ids": workspace_ids})

    # ---- Organizations, users, permissions --------------------------------------------------

    def list_organizations(self, name_contains: str | None = None) -> list[CloudOrganization]:
        """The organizations of the calling user."""
        return self._walk_with_options(_ORGANIZATION, capi.abc_workspace_iterate_organizations,
                                       (), name_contains)

    def list_users(self, organization_id: str, *, user_ids: Sequence[str] | None = None,
                   emails: Sequence[str] | None = None) -> list[CloudUser]:
        """The users of an organization, optionally only these ids / emails."""
        return self._walk_with_options(_USER, capi.abc_workspace_iterate_users,
                                       (organization_id,), None, {"user_ids": user_ids, "emails": emails})

    def create_permission(self, user_id: str, permission_type: str, *,
                          workspace_id: str | None = None,
                          organization_id: str | None = None) -> CloudPermission:
        """Grant a role: a workspace_* type on ``workspace_id``, an organization_* type on
        ``organization_id``."""
        return self._record(_PERMISSION, capi.abc_permission_create, user_id,  # type: ignore[no-any-return]
                            permission_type, workspace_id, organization_id)

    def get_permission(self, permission_id: str) -> CloudPermission:
        return self._record(_PERMISSION, capi.abc_permission_get, permission_id)  # type: ignore[no-any-return]

    def update_permission(self, permission_id: str, permission_type: str) -> CloudPermission:
        return self._changed(_PERMISSION, capi.abc_permission_get, (permission_id,),  # type: ignore[no-any-return]
                             capi.abc_permission_update, permission_type)

    def delete_permission(self, permission_id: str) -> None:
        self._call(capi.abc_permission_delete, self._raw(), permission_id)

    def list_permissions(self, *, user_id: str | None = None,
                         organization_id: str | None = None) -> list[CloudPermission]:
        return list(self._walk(_PERMISSION, capi.abc_workspace_iterate_permissions, user_id,
                               organization_id))

    # ---- Custom connector definitions -------------------------------------------------------

    def publish_custom_definition(self, kind: str, name: str, *, docker_repository: str,
                                  docker_image_tag: str,
                                  documentation_url: str | None = None) -> CustomDefinition:
        """A custom ``kind`` ("source" or "destination") definition of a Docker image."""
        return self._record(_DEFINITION, capi.abc_definition_create, _kind(kind), name,  # type: ignore[no-any-return]
                            docker_repository, docker_image_tag, documentation_url)

    def get_custom_definition(self, kind: str, definition_id: str) -> CustomDefinition:
        return self._record(_DEFINITION, capi.abc_definition_get, _kind(kind), definition_id)  # type: ignore[no-any-return]

    def update_custom_definition(self, kind: str, definition_id: str, *, name: str | None = None,
                                 docker_image_tag: str | None = None) -> CustomDefinition:
        return self._changed(_DEFINITION, capi.abc_definition_get, (_kind(kind), definition_id),  # type: ignore[no-any-return]
                             capi.abc_definition_update, name, docker_image_tag)

    def permanently_delete_custom_definition(self, kind: str, definition_id: str) -> None:
        self._call(capi.abc_definition_delete, self._raw(), _kind(kind), definition_id)

    def list_custom_definitions(self, kind: str,
                                name_contains: str | None = None) -> list[CustomDefinition]:
        return self._walk_with_options(_DEFINITION, capi.abc_workspace_iterate_definitions,
                                       (_kind(kind),), name_contains)

    def publish_declarative_definition(self, name: str,
                                       manifest: Mapping[str, Any] | str) -> DeclarativeDefinition:
        """A declarative source definition from a low-code manifest (a dict, or its JSON text);
        the server checks its version, type, check, streams and spec."""
        return self._record(_DECLARATIVE, capi.abc_declarative_definition_create, name,  # type: ignore[no-any-return]
                            _text(manifest))

    def get_declarative_definition(self, definition_id: str) -> DeclarativeDefinition:
        return self._record(_DECLARATIVE, capi.abc_declarative_definition_get, definition_id)  # type: ignore[no-any-return]

    def update_declarative_definition(self, definition_id: str,
                                      manifest: Mapping[str, Any] | str) -> DeclarativeDefinition:
        """Publish a new manifest as the definition's next version."""
        return self._changed(_DECLARATIVE, capi.abc_declarative_definition_get, (definition_id,),  # type: ignore[no-any-return]
                             capi.abc_declarative_definition_update, _text(manifest))

    def permanently_delete_declarative_definition(self, definition_id: str) -> None:
        self._call(capi.abc_declarative_definition_delete, self._raw(), definition_id)

    def list_declarative_definitions(self, name_contains: str | None = None
                                     ) -> list[DeclarativeDefinition]:
        return self._walk_with_options(_DECLARATIVE,
                                       capi.abc_workspace_iterate_declarative_definitions, (),
                                       name_contains)

    # ---- OAuth --------------------------------------------------------------------------------

    def initiate_source_oauth(self, source_type: str, redirect_url: str, *,
                              oauth_input: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Start a new source's OAuth consent flow; the answer holds the consent URL."""
        answer: dict[str, Any] = json.loads(self._call(
            capi.abc_source_initiate_oauth, self._raw(), source_type, redirect_url,
            _text(oauth_input)) or "{}")
        return answer

    def set_oauth_credentials(self, actor_type: str, name: str, credentials: Mapping[str, Any], *,
                              organization_id: str | None = None,
                              workspace_id: str | None = None) -> None:
        """Override the OAuth app credentials Airbyte uses for a connector (``name``, e.g.
        "google-ads"), for this workspace (or ``workspace_id``) or for ``organization_id``."""
        if organization_id is not None:
            self._call(capi.abc_organization_set_oauth_credentials, self._raw(), organization_id,
                       actor_type, name, _text(credentials))
        else:
            self._call(capi.abc_workspace_set_oauth_credentials, self._raw(), workspace_id,
                       actor_type, name, _text(credentials))

    def delete_oauth_credentials(self, actor_type: str, name: str, *,
                                 organization_id: str | None = None,
                                 workspace_id: str | None = None) -> None:
        if organization_id is not None:
            self._call(capi.abc_organization_delete_oauth_credentials, self._raw(),
                       organization_id, actor_type, name)
        else:
            self._call(capi.abc_workspace_delete_oauth_credentials, self._raw(), workspace_id,
                       actor_type, name)

    # ---- Workspaces, health, raw requests ---------------------------------------------------

    def _workspace_info(self, raw: Any) -> WorkspaceInfo:
        from airbyte_cloud.cloud.connectors import _workspace_info

        return _workspace_info(raw)

    def create_workspace(self, name: str, *, organization_id: str | None = None,
                         notifications: Mapping[str, Any] | None = None) -> WorkspaceInfo:
        """A new workspace (work in it with ``CloudWorkspace(workspace_id=info.workspace_id)``)."""
        return self._workspace_info(self._call(capi.abc_workspace_info_create, self._raw(), name,
                                               organization_id, _text(notifications)))

    def update_workspace(self, workspace_id: str | None = None, *, name: str | None = None,
                         notifications: Mapping[str, Any] | None = None) -> WorkspaceInfo:
        """Rename a workspace (default this one) and/or change its notifications."""
        return self._workspace_info(self._call(capi.abc_workspace_info_update, self._raw(),
                                               workspace_id, name, _text(notifications)))

    def permanently_delete_workspace(self, workspace_id: str, *,
                                     safe_mode: bool | None = None) -> None:
        """Delete a workspace with its connections, sources and destinations. Safe mode (the
        default) refuses unless its name marks it disposable (`AirbyteRefusedError`)."""
        self._call(capi.abc_workspace_info_delete, self._raw(), workspace_id,
                   _safe_mode(safe_mode))

    def check_health(self) -> bool:
        """True when the API answers GET /health; raises (transport, server error) otherwise."""
        self._call(capi.abc_workspace_check_health, self._raw())
        return True

    def api_request(self, method: str, path: str,
                    body: Mapping[str, Any] | None = None) -> tuple[int, Any]:
        """Any request below the API root with this workspace's credentials, retries and
        timeouts (e.g. ``("GET", "/workspaces?limit=5")``): (HTTP status, parsed JSON or None).
        A non-2xx answer raises as the typed calls do."""
        text, status = self._call(capi.abc_workspace_request, self._raw(), method, path,
                                  _text(body))
        return int(status), json.loads(text) if text else None

    # ---- Jobs of every type, with the API's filters ----------------------------------------

    def _job_filter(self, *, connection_id: str | None = None,
                    workspace_ids: Sequence[str] = (), job_type: str | None = None,
                    status: str | None = None, created_between: tuple[int, int] | None = None,
                    updated_between: tuple[int, int] | None = None, order_by: str | None = None,
                    descending: bool = False, page_size: int | None = None) -> Handle:
        job_filter = Handle(capi.abc_job_filter_new(), "job filter")
        raw = job_filter.raw
        steps: list[tuple[Any, tuple[Any, ...]]] = [
            (capi.abc_job_filter_add_workspace_id, (wid,)) for wid in workspace_ids]
        optional = [(connection_id, capi.abc_job_filter_set_connection_id),
                    (job_type, capi.abc_job_filter_set_job_type),
                    (status and _job_state(status), capi.abc_job_filter_set_status),
                    (page_size, capi.abc_job_filter_set_page_size)]
        steps += [(setter, (value,)) for value, setter in optional if value is not None]
        steps += [(setter, tuple(span)) for span, setter in
                  ((created_between, capi.abc_job_filter_set_created_between),
                   (updated_between, capi.abc_job_filter_set_updated_between)) if span]
        if order_by is not None:
            steps.append((capi.abc_job_filter_set_order, (order_by, int(descending))))
        try:
            for setter, args in steps:
                self._call(setter, raw, *args)
        except BaseException:
            job_filter.close()
            raise
        return job_filter

    def _sync_result(self, raw: Any) -> SyncResult:
        from airbyte_cloud.cloud.sync_results import SyncResult

        job = Handle(raw, "job", self._handle)
        return SyncResult(workspace=self,  # type: ignore[arg-type]
                          connection=self.get_connection(str(capi.abc_job_connection_id(raw))),
                          job_id=int(capi.abc_job_id(raw)), _job=job)

    def list_jobs(self, **filters: Any) -> list[SyncResult]:
        """Jobs of any type passing the API's filters, all pages fetched now: ``connection_id``,
        ``workspace_ids``, ``job_type`` ("sync", "reset", "refresh", "clear"), ``status``
        ("succeeded", "failed"...), ``created_between`` / ``updated_between`` (Unix seconds; 0
        leaves an end open), ``order_by`` ("createdAt", "updatedAt") with ``descending``,
        ``page_size``."""
        job_filter = self._job_filter(**filters)
        try:
            jobs = Handle(self._call(capi.abc_workspace_list_jobs, self._raw(), job_filter.raw),
                          "job list")
        finally:
            job_filter.close()
        try:
            return [self._sync_result(self._call(capi.abc_job_list_get, jobs.raw, index))
                    for index in range(capi.abc_job_list_count(jobs.raw))]
        finally:
            jobs.close()

    def iterate_jobs(self, **filters: Any) -> Iterator[SyncResult]:
        """Like list_jobs(), lazily, one page at a time."""
        job_filter = self._job_filter(**filters)
        try:
            iterator = Handle(self._call(capi.abc_workspace_iterate_jobs, self._raw(),
                                         job_filter.raw), "job iterator", self._handle)
        finally:
            job_filter.close()
        try:
            while (raw := self._call(capi.abc_job_iterator_next, iterator.raw)) is not None:
                yield self._sync_result(raw)
        finally:
            iterator.close()


def _job_state(status: str) -> int:
    state = getattr(capi, f"ABC_JOB_STATE_{str(status).upper()}", None)
    if state is None:
        raise exc.PyAirbyteInputError(message="Unknown job status.", input_value=str(status))
    return int(state)


__all__ = ["CloudTag", "CloudOrganization", "CloudUser", "CloudPermission", "CustomDefinition",
           "DeclarativeDefinition"]
