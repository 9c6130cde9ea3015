"""A typed example (checked with `python3 -m mypy --strict` by tests/test_typing.py): run syncs on
several connections at once and report each as it finishes, then read the rows back.

    python3 typed_sync.py CONNECTION_ID [CONNECTION_ID...]

Settings from the environment: AIRBYTE_CLOUD_WORKSPACE_ID, AIRBYTE_CLOUD_API_KEY and, for a
self-managed Airbyte or the emulator, AIRBYTE_CLOUD_API_URL.
"""
from __future__ import annotations

import sys

import airbyte_cloud as ab
from airbyte_cloud import cloud
from airbyte_cloud.exceptions import AirbyteError


def progress(update: cloud.SyncProgress) -> None:
    print(f"  job {update.job_id}: {update.status} after {update.elapsed:.1f} s", file=sys.stderr)


def main(connection_ids: list[str]) -> int:
    with cloud.CloudWorkspace(workspace_id=ab.get_secret("AIRBYTE_CLOUD_WORKSPACE_ID"),
                              api_key=ab.get_secret("AIRBYTE_CLOUD_API_KEY"),
                              request_timeout=30.0) as workspace:
        results: list[cloud.SyncResult] = [workspace.run_sync(c, wait=False) for c in connection_ids]
        with workspace.waiter() as waiter:
            for result in results:
                waiter.add(result)
            for finished in waiter:
                status: cloud.JobStatusEnum = finished.get_job_status()
                print(f"{finished.connection.connection_id}: job {finished.job_id} {status}, "
                      f"{finished.records_synced} records")
        latest = results[0].connection.get_sync_result()
        if latest is not None and latest.get_job_status() == cloud.JobStatusEnum.SUCCEEDED:
            try:
                for name, dataset in latest.streams.items():
                    print(f"{name}: {len(dataset)} rows in {dataset.qualified_name}")
            except AirbyteError as error:
                print(f"no datasets: {error.get_message()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
