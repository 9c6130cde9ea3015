"""airbyte_cloud: PyAirbyte's ``airbyte.cloud`` API on libairbyte_cloud, the native Airbyte client.

    import airbyte_cloud as ab
    from airbyte_cloud import cloud

    workspace = cloud.CloudWorkspace(workspace_id="...", api_key=ab.get_secret("AIRBYTE_CLOUD_API_KEY"))
    sync_result = workspace.get_connection(connection_id="...").run_sync()

See ``airbyte_cloud.cloud`` for the classes, ``airbyte_cloud.exceptions`` for the errors and
``airbyte_cloud.datasets`` for reading synced data back.
"""

from __future__ import annotations

from airbyte_cloud import exceptions
from airbyte_cloud._native import capi as _capi
from airbyte_cloud.secrets import SecretString, get_secret

__version__: str = _capi.abc_version_string()


def library_version() -> str:
    """The run-time version of libairbyte_cloud ("major.minor.patch")."""
    return str(_capi.abc_version_string())


def library_version_number() -> int:
    """The run-time version as (major << 16) | (minor << 8) | patch."""
    return int(_capi.abc_version_number())


def library_init() -> None:
    """Takes a reference on the library's process-wide state (libcurl). Optional: workspaces take
    their own. Each call needs one library_shutdown()."""
    _capi.abc_library_init()


def library_shutdown() -> None:
    """Releases one reference taken by library_init()."""
    _capi.abc_library_shutdown()


from airbyte_cloud import cloud, datasets  # noqa: E402  (they need the names above)

__all__ = ["cloud", "datasets", "exceptions", "get_secret", "SecretString", "library_version", "library_version_number",
           "library_init", "library_shutdown",
           "__version__"]
