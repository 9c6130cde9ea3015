"""PyAirbyte's ``airbyte.cloud`` API on libairbyte_cloud.

    import airbyte_cloud as ab
    from airbyte_cloud import cloud

    workspace = cloud.CloudWorkspace(workspace_id="123", api_key=ab.get_secret("AIRBYTE_CLOUD_API_KEY"))
    connection = workspace.get_connection(connection_id="456")
    sync_result = connection.run_sync()
    print(sync_result.get_job_status())

Beyond PyAirbyte: attempts, failures and logs of jobs, connection state and catalog, connector
checks (Airbyte's Config API); tags, organizations, users, permissions, custom and declarative
definitions, OAuth credentials, workspace management, jobs of every type with the API's filters;
progress callbacks, cancel, waiting for many jobs (``CloudWorkspace.waiter``),
listing and iterating resources, stream catalogs, library settings (timeouts, retries, polling,
logging), and ``close()`` / ``with`` on every object holding native handles.
"""

from __future__ import annotations

from airbyte_cloud._native import capi as _capi
from airbyte_cloud.cloud import (
    administration,
    connections,
    connectors,
    constants,
    diagnostics,
    sync_results,
    workspaces,
)
from airbyte_cloud.cloud.administration import (
    CloudOrganization,
    CloudPermission,
    CloudTag,
    CloudUser,
    CustomDefinition,
    DeclarativeDefinition,
)
from airbyte_cloud.cloud.connections import CloudConnection
from airbyte_cloud.cloud.connectors import (
    CloudDestination,
    CloudSource,
    StreamInfo,
    WorkspaceInfo,
    bigquery_destination_config,
    duckdb_destination_config,
    motherduck_destination_config,
    postgres_destination_config,
    snowflake_destination_config,
)
from airbyte_cloud.cloud.constants import JobStatusEnum
from airbyte_cloud.cloud.diagnostics import (
    ConfiguredStream,
    ConnectionState,
    ConnectorCheckResult,
    StreamState,
    SyncAttempt,
    SyncAttemptFailure,
)
from airbyte_cloud.cloud.sync_results import SyncProgress, SyncResult
from airbyte_cloud.cloud.workspaces import CloudWorkspace, JobWaiter, RequestBudget


def is_disposable_name(name: str) -> bool:
    """Whether safe mode lets a delete remove a resource of this name ("delete-me" in it)."""
    return bool(_capi.abc_name_is_disposable(name))


def name_matches(name: str, *, exact: str | None = None, contains: str | None = None) -> bool:
    """The name test the listings apply: equal to `exact`, containing `contains` (any case)."""
    options = _capi.abc_list_options_new()
    try:
        if exact is not None:
            _capi.abc_list_options_set_name(options, exact)
        if contains is not None:
            _capi.abc_list_options_set_name_contains(options, contains)
        return bool(_capi.abc_list_options_matches(options, name))
    finally:
        options.__swig_destroy__(options)


__all__ = [
    "workspaces", "connections", "connectors", "constants", "sync_results", "diagnostics",
    "administration", "SyncAttempt", "SyncAttemptFailure", "ConnectionState", "StreamState",
    "ConfiguredStream", "ConnectorCheckResult", "CloudTag", "CloudOrganization", "CloudUser",
    "CloudPermission", "CustomDefinition", "DeclarativeDefinition",
    "CloudWorkspace", "CloudConnection", "CloudSource", "CloudDestination", "SyncResult",
    "SyncProgress", "JobWaiter", "RequestBudget", "StreamInfo", "WorkspaceInfo", "JobStatusEnum",
    "is_disposable_name", "name_matches", "postgres_destination_config",
    "snowflake_destination_config", "bigquery_destination_config", "duckdb_destination_config",
    "motherduck_destination_config",
]
