"""Waits: progress callbacks, stopping, cancelling, many jobs at once, threads, and Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from typing import Any

import pytest

from airbyte_cloud import exceptions as exc
from airbyte_cloud.cloud import JobStatusEnum, SyncProgress


def test_progress_callback(workspace: Any, new_connection: Any) -> None:
    seen: list[SyncProgress] = []
    sync_result = workspace.get_connection(new_connection("succeeded", 300)).run_sync(
        progress=seen.append)
    assert seen and all(p.job_id == sync_result.job_id for p in seen)
    assert seen[-1].status == JobStatusEnum.SUCCEEDED and seen[-1].is_final
    assert seen[-1].records_synced == sync_result.records_synced
    assert [p.elapsed for p in seen] == sorted(p.elapsed for p in seen)


def test_progress_callback_stops_or_raises(workspace: Any, new_connection: Any, emulator: Any) -> None:
    connection_id = new_connection("running", 60000)
    with pytest.raises(exc.AirbyteWaitCancelledError) as raised:
        workspace.run_sync(connection_id, progress=lambda progress: True)
    job_id = raised.value.job_id
    assert job_id and emulator.job(job_id)["status"] in ("pending", "running")  # goes on
    sync_result = workspace.get_sync_result(connection_id, job_id)

    class Stop(Exception):
        pass

    def fail(progress: SyncProgress) -> None:
        raise Stop(progress.job_id)

    with pytest.raises(Stop):
        sync_result.wait_for_completion(progress=fail)
    assert sync_result.cancel() == "cancelled"


def test_waiter_reports_each_job_as_it_finishes(workspace: Any, new_connection: Any) -> None:
    durations = [600, 100, 350]
    results = [workspace.run_sync(new_connection("succeeded" if d != 350 else "failed", d), wait=False)
               for d in durations]
    with workspace.waiter() as waiter:
        assert [waiter.add(result) for result in results] == [0, 1, 2]
        assert waiter.pending_count == 3
        finished = list(waiter)
        assert [r.job_id for r in finished] == [results[i].job_id for i in (1, 2, 0)]
        assert [r.get_job_status() for r in finished] == ["succeeded", "failed", "succeeded"]
        assert waiter.pending_count == 0 and waiter.next() is None
    slow = workspace.run_sync(new_connection("running", 60000), wait=False)
    waiter = workspace.waiter()
    waiter.add(slow)
    with pytest.raises(exc.AirbyteConnectionSyncTimeoutError):
        waiter.next(timeout=0.2)
    slow.close()  # the waiter borrows the job: closing the job closes the waiter first
    with pytest.raises(exc.PyAirbyteInputError):
        waiter.next()
    workspace.get_sync_result(slow.connection.connection_id, slow.job_id).cancel()


def test_threads_share_a_workspace_and_waits_release_the_gil(workspace: Any,
                                                             new_connection: Any) -> None:
    connection_ids = [new_connection("succeeded", 300) for _ in range(4)]
    results: dict[str, Any] = {}
    errors: list[BaseException] = []
    counting = threading.Event()
    counter = [0]

    def count() -> None:
        while not counting.is_set():
            counter[0] += 1

    def sync(connection_id: str) -> None:
        try:
            results[connection_id] = workspace.run_sync(connection_id).get_job_status()
        except BaseException as error:  # reported below
            errors.append(error)

    counter_thread = threading.Thread(target=count)
    counter_thread.start()
    threads = [threading.Thread(target=sync, args=(c,)) for c in connection_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    counting.set()
    counter_thread.join()
    assert not errors
    assert results == {c: JobStatusEnum.SUCCEEDED for c in connection_ids}
    assert counter[0] > 10000  # Python ran while four threads waited in the library


CTRL_C_SCRIPT = """
import sys
from airbyte_cloud import cloud
workspace = cloud.CloudWorkspace(sys.argv[1], api_key=sys.argv[2], api_root=sys.argv[3],
                                 poll_interval=(5.0, 5.0))
mode = sys.argv[5]
if mode == "run_sync":
    print("waiting", flush=True)
    workspace.run_sync(sys.argv[4], wait_timeout=600)
else:
    result = workspace.run_sync(sys.argv[4], wait=False)
    print(result.job_id, flush=True)
    if mode == "wait":
        result.wait_for_completion(wait_timeout=600)
    else:
        waiter = workspace.waiter()
        waiter.add(result)
        waiter.next(timeout=600)
print("not interrupted", flush=True)
"""


@pytest.mark.parametrize("mode", ["wait", "run_sync", "waiter"])
def test_ctrl_c_stops_a_wait_promptly_and_leaves_the_job_running(
        emulator: Any, new_connection: Any, mode: str) -> None:
    connection_id = new_connection("running", 120000)
    process = subprocess.Popen(
        [sys.executable, "-c", CTRL_C_SCRIPT, emulator.workspace_id, emulator.api_key,
         emulator.api_url, connection_id, mode],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ))
    assert process.stdout is not None
    first_line = process.stdout.readline().strip()
    time.sleep(0.5)  # inside the wait (polling every 5 s)
    interrupted_at = time.monotonic()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    took = time.monotonic() - interrupted_at
    assert process.returncode != 0 and "KeyboardInterrupt" in err, err
    assert "not interrupted" not in out
    assert took < 3, f"the wait took {took:.2f} s to stop"  # well before the next poll (5 s)
    jobs = emulator.request("GET", f"/v1/jobs?connectionId={connection_id}")[1]["data"]
    assert [job["status"] for job in jobs] in (["running"], ["pending"])  # the job goes on
    if first_line.isdigit():
        assert jobs[0]["jobId"] == int(first_line)
    emulator.request("DELETE", f"/v1/jobs/{jobs[0]['jobId']}")


def test_cancel_from_another_thread_while_waiting(workspace: Any, new_connection: Any) -> None:
    sync_result = workspace.run_sync(new_connection("running", 60000), wait=False)
    outcome: list[Any] = []
    waiting = threading.Thread(target=lambda: outcome.append(sync_result.wait_for_completion(
        wait_timeout=60)))
    waiting.start()
    time.sleep(0.3)  # the other thread is inside the wait, holding the job handle
    assert sync_result.cancel() == JobStatusEnum.CANCELLED
    waiting.join(30)
    assert outcome == [JobStatusEnum.CANCELLED]
    assert sync_result.get_job_status() == "cancelled"
