"""The exceptions of airbyte_cloud, mirroring PyAirbyte's ``airbyte.exceptions``.

One hierarchy: every error is a :class:`PyAirbyteError`. Errors from the Airbyte API or the
library are :class:`AirbyteError` subclasses, one per library status, raised in one place (the
native module calls :func:`_from_native` for every failed call). Each carries the library's
detail: ``status`` (the status name, e.g. ``"not_found"``), ``status_code``, ``http_status``,
``problem_type`` and ``problem_detail``. Sync failures and timeouts carry the connection id, job
id, job status and timeout as PyAirbyte's do. Messages never contain secrets.

As in PyAirbyte, exceptions are dataclasses whose ``str()`` lists their properties.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from types import FrameType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from airbyte_cloud.cloud.workspaces import CloudWorkspace

VERTICAL_SEPARATOR = "\n" + "-" * 60
_HIDDEN = {"message", "guidance", "help_url", "context", "original_exception", "native_job"}


@dataclass(eq=False)
class PyAirbyteError(Exception):
    """Base class for exceptions in Airbyte."""

    guidance: str | None = None
    help_url: str | None = None
    context: dict[str, Any] | None = None
    message: str | None = None
    original_exception: Exception | None = None

    def get_message(self) -> str:
        """The message given to the exception, else the first line of the class docstring."""
        if self.message:
            return self.message
        return self.__doc__.split("\n")[0] if self.__doc__ else ""

    def _properties(self) -> dict[str, Any]:
        shown = {
            key: value
            for key, value in self.__dict__.items()
            if key not in _HIDDEN and not key.startswith("_") and value not in (None, "", 0)
        }
        if "workspace" in shown:  # the URL says which; the object's repr would say too much
            shown["workspace_url"] = getattr(shown.pop("workspace"), "workspace_url", None)
        shown.update(self.context or {})
        return shown

    def __str__(self) -> str:
        name = type(self).__name__
        text = f"{self.get_message()} ({name}){VERTICAL_SEPARATOR}\n{name}: {self.get_message()}"
        if self.guidance:
            text += f"\n    {self.guidance}"
        if self.help_url:
            text += f"\n    More info: {self.help_url}"
        for key, value in self._properties().items():
            text += f"\n    {str(key).replace('_', ' ').title()}: {value!r}"
        if self.original_exception:
            text += f"{VERTICAL_SEPARATOR}\nCaused by: {self.original_exception!s}"
        return text

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items() if not k.startswith("_"))
        return f"{type(self).__name__}({shown})"

    def safe_logging_dict(self) -> dict[str, Any]:
        """The class name and message: safe to log (no secrets, no personal data)."""
        return {"class": type(self).__name__, "message": self.get_message()}


@dataclass(eq=False)
class PyAirbyteInternalError(PyAirbyteError):
    """An internal error occurred in PyAirbyte."""

    guidance: str | None = "Please consider reporting this error to the Airbyte team."


@dataclass(eq=False)
class PyAirbyteInputError(PyAirbyteError, ValueError):
    """The input provided to PyAirbyte did not match expected validation rules."""

    guidance: str | None = "Please check the provided value and try again."
    input_value: str | None = None


@dataclass(eq=False)
class PyAirbyteSecretNotFoundError(PyAirbyteError):
    """Secret not found."""

    guidance: str | None = "Please ensure that the secret is set."
    secret_name: str | None = None
    sources: list[str] | None = None


@dataclass(eq=False)
class PyAirbyteMissingPackageError(PyAirbyteError):
    """An optional package this feature needs is not installed."""

    package: str | None = None
    debian_package: str | None = None


@dataclass(eq=False)
class AirbyteError(PyAirbyteError):
    """An error occurred while communicating with the hosted Airbyte instance."""

    workspace: CloudWorkspace | None = None
    status: str | None = None
    status_code: int = 0
    http_status: int = 0
    problem_type: str | None = None
    problem_detail: str | None = None
    native_job: Any = None

    @property
    def workspace_url(self) -> str | None:
        """The URL of the workspace where the error occurred."""
        return self.workspace.workspace_url if self.workspace else None


@dataclass(eq=False)
class AirbyteConnectionError(AirbyteError):
    """A connection error occurred while communicating with the hosted Airbyte instance."""

    connection_id: str | None = None
    job_id: int | None = None
    job_status: str | None = None

    @property
    def connection_url(self) -> str | None:
        """The URL of the connection where the error occurred."""
        if self.workspace_url and self.connection_id:
            return f"{self.workspace_url}/connections/{self.connection_id}"
        return None

    @property
    def job_history_url(self) -> str | None:
        """The URL of the connection's job history."""
        return f"{self.connection_url}/job-history" if self.connection_url else None

    @property
    def job_url(self) -> str | None:
        """The URL of the job where the error occurred."""
        if self.job_history_url and self.job_id:
            return f"{self.job_history_url}#{self.job_id}::0"
        return None


@dataclass(eq=False)
class AirbyteConnectionSyncError(AirbyteConnectionError):
    """An error occurred while executing the remote Airbyte job.

    For a job that ended failed, beyond PyAirbyte: why, as the latest attempt's failure says
    (Airbyte's Config API; None when it could not be fetched): ``failure_origin`` ("source",
    "destination", ...), ``failure_type`` ("config_error", "system_error", ...) and
    ``failure_message`` (the message meant for users, e.g. the destination's connection error).
    The message includes them."""

    failure_origin: str | None = None
    failure_type: str | None = None
    failure_message: str | None = None


@dataclass(eq=False)
class AirbyteConnectionSyncTimeoutError(AirbyteConnectionSyncError):
    """An timeout occurred while waiting for the remote Airbyte job to complete."""

    timeout: int | None = None


@dataclass(eq=False)
class AirbyteWaitCancelledError(AirbyteConnectionError):
    """A wait was cancelled (a cancel token or the progress callback); the job goes on."""


@dataclass(eq=False)
class AirbyteConnectorCheckFailedError(AirbyteError):
    """A connector's check against its configuration failed (see the message)."""

    connector_id: str | None = None


@dataclass(eq=False)
class AirbyteMissingResourceError(AirbyteError):
    """Remote Airbyte resources does not exist."""

    resource_type: str | None = None
    resource_name_or_id: str | None = None


@dataclass(eq=False)
class AirbyteMultipleResourcesError(AirbyteError):
    """Could not locate the resource because multiple matching resources were found."""

    resource_type: str | None = None
    resource_name_or_id: str | None = None


@dataclass(eq=False)
class AirbyteDuplicateResourcesError(AirbyteError):
    """Process failed because resource name was not unique."""

    resource_type: str | None = None
    resource_name: str | None = None


@dataclass(eq=False)
class AirbyteTransportError(AirbyteError):
    """The Airbyte API could not be reached (DNS, connect, TLS, dropped connection)."""


@dataclass(eq=False)
class AirbyteRequestTimeoutError(AirbyteTransportError):
    """A request to the Airbyte API exceeded the request timeout."""

    timeout: int | None = None


@dataclass(eq=False)
class AirbyteAuthError(AirbyteError):
    """The credentials were rejected (401, or the token exchange failed)."""


@dataclass(eq=False)
class AirbyteForbiddenError(AirbyteError):
    """The credentials lack access to this resource (403)."""


@dataclass(eq=False)
class AirbyteConflictError(AirbyteError):
    """The request conflicts with the resource's state (409)."""


@dataclass(eq=False)
class AirbyteSyncAlreadyRunningError(AirbyteConflictError):
    """The connection already has a running sync job."""


@dataclass(eq=False)
class AirbyteRateLimitedError(AirbyteError):
    """The Airbyte API rate limit was hit, still after the configured retries (429)."""


@dataclass(eq=False)
class AirbyteServerError(AirbyteError):
    """The Airbyte API failed, still after the configured retries (5xx)."""


@dataclass(eq=False)
class AirbyteApiError(AirbyteError):
    """The Airbyte API rejected the request (400, 422...); see problem_detail."""


@dataclass(eq=False)
class AirbyteProtocolError(AirbyteError):
    """The Airbyte API answered something it does not promise."""


@dataclass(eq=False)
class AirbyteUnsupportedError(AirbyteError, NotImplementedError):
    """A feature this build or this server does not offer."""


@dataclass(eq=False)
class AirbyteRefusedError(AirbyteError):
    """Safe mode refused a delete: the resources are not named as disposable."""


@dataclass(eq=False)
class AirbyteJobStartUnknownError(AirbyteError):
    """The answer to a sync start was lost and whether a job started could not be decided: a job
    may be running on the connection named by ``connection_id``."""


@dataclass(eq=False)
class AirbyteInvalidArgumentError(AirbyteError, PyAirbyteInputError):
    """The library rejected an argument (a NULL, empty or out-of-range value, bad JSON)."""


@dataclass(eq=False)
class AirbyteOutOfMemoryError(AirbyteError, MemoryError):
    """The library ran out of memory."""


@dataclass(eq=False)
class AirbyteInternalError(AirbyteError, PyAirbyteInternalError):
    """A bug in libairbyte_cloud; please report it."""


# Library status code -> (status name, exception class). Codes are the C ABI's abc_status.
_BY_STATUS: dict[int, tuple[str, type[AirbyteError]]] = {
    1: ("invalid_argument", AirbyteInvalidArgumentError),
    2: ("out_of_memory", AirbyteOutOfMemoryError),
    3: ("transport", AirbyteTransportError),
    4: ("request_timeout", AirbyteRequestTimeoutError),
    5: ("auth", AirbyteAuthError),
    6: ("forbidden", AirbyteForbiddenError),
    7: ("not_found", AirbyteMissingResourceError),
    8: ("conflict", AirbyteConflictError),
    9: ("sync_already_running", AirbyteSyncAlreadyRunningError),
    10: ("rate_limited", AirbyteRateLimitedError),
    11: ("server", AirbyteServerError),
    12: ("api", AirbyteApiError),
    13: ("protocol", AirbyteProtocolError),
    14: ("sync_failed", AirbyteConnectionSyncError),
    15: ("wait_timeout", AirbyteConnectionSyncTimeoutError),
    16: ("cancelled", AirbyteWaitCancelledError),
    17: ("unsupported", AirbyteUnsupportedError),
    18: ("internal", AirbyteInternalError),
    19: ("refused", AirbyteRefusedError),
    20: ("job_start_unknown", AirbyteJobStartUnknownError),
}
_JOB_STATES = ["unknown", "pending", "queued", "running", "incomplete", "failed", "succeeded",
               "cancelled"]


_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep
_C_PREFIX = re.compile(r"^(abc_[a-z0-9_]+: )+")
# The C calls the library's hints name, and what a Python caller uses instead.
_C_CALLS = [
    (re.compile(r"abc_dataset_options_set_secret\((options, \w+, value\) "
                r"\(or _set_secret_env / _set_secret_file\)|\))"),
     "CloudWorkspace(dataset_secrets=...) (or dataset_options secret_env / secret_files)"),
    (re.compile(r"abc_options_set_config_api_url\(\)"), "CloudWorkspace(config_api_url=...)"),
    (re.compile(r"abc_dataset_cursor_is_null"), "Cursor.is_null"),
    (re.compile(r"abc_dataset_cursor_next"), "Cursor.next"),
]


def _public_name(frame: FrameType) -> str | None:
    """"CloudWorkspace.get_connection" for a frame of a public function or method; None for a
    private helper (a lambda or comprehension counts as the function it is written in)."""
    code = frame.f_code
    name = getattr(code, "co_qualname", None)  # Python 3.11+
    if name is None:
        owner = frame.f_locals.get("self")
        name = f"{type(owner).__name__}.{code.co_name}" if owner is not None else code.co_name
    parts = name.split(".<locals>.")[0].split(".")
    if parts[-1] in ("__init__", "__post_init__"):  # a constructor: the class's name
        parts = parts[:-1]
    if not parts or any(part.startswith(("_", "<")) for part in parts):
        return None
    return ".".join(parts)


def _called_method() -> str | None:
    """The outermost public function or method of this package on the stack below the caller's
    code ("CloudWorkspace.get_connection"); None when there is none."""
    frame: FrameType | None = sys._getframe(2)  # pylint: disable=protected-access
    method = None
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(_PACKAGE_DIR):
        method = _public_name(frame) or method
        frame = frame.f_back
    return method


def _python_message(message: str) -> str:
    """A C message as a Python caller reads it: the leading C function ("abc_connection_get: ")
    becomes the method called ("CloudConnection.name: ") and the C calls it names Python's."""
    text = _C_PREFIX.sub("", message or "")
    for call, name in _C_CALLS:
        text = call.sub(name, text)
    method = _called_method()
    if method is None or text.startswith(method + ":"):
        return text
    return f"{method}: {text}" if text else f"{method} failed"


def _from_native(status_code: int, message: str, http_status: int, problem_type: str,
                 problem_detail: str, connection_id: str, job_id: int, job_state: int,
                 timeout_ms: int, native_job: Any, failure_origin: str = "",
                 failure_type: str = "", failure_message: str = "") -> AirbyteError:
    """The exception for a failed library call (called by the native module, nowhere else)."""
    status, cls = _BY_STATUS.get(status_code, ("internal", AirbyteInternalError))
    fields: dict[str, Any] = dict(message=_python_message(message), status=status, status_code=status_code,
                                  http_status=http_status, problem_type=problem_type or None,
                                  problem_detail=problem_detail or None, native_job=native_job)
    if issubclass(cls, AirbyteConnectionError):
        fields.update(connection_id=connection_id or None, job_id=job_id or None,
                      job_status=_JOB_STATES[job_state] if job_id and 0 <= job_state < 8 else None)
    if cls is AirbyteConnectionSyncError:
        fields.update(failure_origin=failure_origin or None, failure_type=failure_type or None,
                      failure_message=failure_message or None)
    if cls is AirbyteConnectionSyncTimeoutError or cls is AirbyteRequestTimeoutError:
        fields["timeout"] = timeout_ms // 1000 if timeout_ms else None
    if cls is AirbyteInvalidArgumentError:
        fields["guidance"] = None
    return cls(**fields)


__all__ = [name for name in dir() if name.endswith("Error")] + ["VERTICAL_SEPARATOR"]
