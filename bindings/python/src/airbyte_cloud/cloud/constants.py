"""Useful constants for working with Airbyte Cloud, as PyAirbyte's ``airbyte.cloud.constants``."""

from __future__ import annotations

from enum import Enum


class JobStatusEnum(str, Enum):
    """The status of a job, as the Airbyte API spells it (a ``str``: compare with "succeeded")."""

    PENDING = "pending"
    RUNNING = "running"
    INCOMPLETE = "incomplete"
    FAILED = "failed"
    SUCCEEDED = "succeeded"
    CANCELLED = "cancelled"

    def __str__(self) -> str:
        return str(self.value)


# The library's abc_job_state values (0..7), by the names the library gives them. "queued" (the
# library's own state before a job runs) and "unknown" (not fetched, or a state this version does
# not know) are not final, and PyAirbyte has no member for them: both read as PENDING.
def _native_states() -> list[JobStatusEnum]:
    from airbyte_cloud._native import capi

    names = [str(capi.abc_job_state_name(state)) for state in range(8)]
    return [JobStatusEnum(name) if name in JobStatusEnum._value2member_map_
            else JobStatusEnum.PENDING for name in names]


_BY_NATIVE_STATE = _native_states()


def _job_status(native_state: int) -> JobStatusEnum:
    if 0 <= native_state < len(_BY_NATIVE_STATE):
        return _BY_NATIVE_STATE[native_state]
    return JobStatusEnum.PENDING


FINAL_STATUSES: set[JobStatusEnum] = {
    JobStatusEnum.SUCCEEDED,
    JobStatusEnum.FAILED,
    JobStatusEnum.CANCELLED,
}
"""The set of `JobStatusEnum` strings that indicate a sync job has completed."""

FAILED_STATUSES: set[JobStatusEnum] = {
    JobStatusEnum.FAILED,
    JobStatusEnum.CANCELLED,
}
"""The set of `JobStatusEnum` strings that indicate a sync job has failed."""

READABLE_DESTINATION_TYPES: set[str] = {
    "postgres",
    "bigquery",
    "snowflake",
}
"""The destination types whose synced data this package can read back (datasets)."""

CLOUD_API_ROOT = "https://api.airbyte.com/v1"
"""The Airbyte Cloud API root."""
