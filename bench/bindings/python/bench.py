#!/usr/bin/env python3
"""The Python package against the PyAirbyte way of calling the Airbyte API, on one emulator.

    ABC_EMULATOR=build/tools/emulator/airbyte-cloud-emulator \\
      PYTHONPATH=build/bindings/python/package python3 bench/bindings/python/bench.py \\
      [--reads 2000] [--syncs 5] [--job-seconds 3] [--smoke]

The PyAirbyte way (airbyte/_util/api_util.py, v0.10-0.20): every call builds a new API client, so
a new `requests` session and connection (python3-requests; urllib when it is missing), one
request, the JSON parsed; a sync is POST /jobs then GET /jobs/{id} every 2 s
(JOB_WAIT_INTERVAL_SECS) until the job is final. The package: one CloudWorkspace (kept-alive
connections), SyncResult.get_job_status() (GET /jobs/{id}, parsed in C), run_sync() with the
library's polling (250 ms growing x1.25 to 2 s).

Per status read: wall time and CPU time (this process) per read of a running job. Per sync: wall
time from start to seeing the job final, requests sent (the emulator's count) and CPU, for jobs
that run --job-seconds. Prints a Markdown table.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any, Callable

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../../../bindings/python/tests"))
from emulator import Emulator  # noqa: E402

from airbyte_cloud import cloud  # noqa: E402

try:
    import requests
except ImportError:  # the same calls through urllib
    requests = None  # type: ignore[assignment]
import urllib.request  # noqa: E402

FINAL = {"succeeded", "failed", "cancelled"}


class PyAirbyteWay:
    """One new HTTP client per call, as PyAirbyte's api_util does (airbyte_api.AirbyteAPI(...))."""

    def __init__(self, api_url: str, api_key: str) -> None:
        self.api_url = api_url
        self.headers = {"Authorization": f"Bearer {api_key}", "Content-Type": "application/json",
                        "Accept": "application/json"}

    def call(self, method: str, path: str, body: Any = None) -> Any:
        if requests is not None:
            with requests.Session() as session:
                response = session.request(method, self.api_url + path, headers=self.headers,
                                           json=body, timeout=30)
                response.raise_for_status()
                return response.json()
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.api_url + path, data=data, method=method,
                                         headers=self.headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def job_status(self, job_id: int) -> str:
        return str(self.call("GET", f"/jobs/{job_id}")["status"])

    def run_sync(self, connection_id: str) -> str:
        job = self.call("POST", "/jobs", {"connectionId": connection_id, "jobType": "sync"})
        while (status := self.job_status(job["jobId"])) not in FINAL:
            time.sleep(2)
        return status


def timed(function: Callable[[], Any], count: int) -> tuple[float, float]:
    """(wall ms, CPU ms) per call."""
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(count):
        function()
    return ((time.perf_counter() - wall) * 1000 / count, (time.process_time() - cpu) * 1000 / count)


def per_sync(emulator: Emulator, run: Callable[[str], Any], connection_id: str,
             syncs: int) -> tuple[float, float, float]:
    """(wall s, requests, CPU ms) per sync."""
    wall_total = cpu_total = requests_total = 0.0
    for _ in range(syncs):
        before = emulator.stats()["requests"]
        wall, cpu = time.perf_counter(), time.process_time()
        status = run(connection_id)
        wall_total += time.perf_counter() - wall
        cpu_total += time.process_time() - cpu
        requests_total += emulator.stats()["requests"] - before
        assert str(status) == "succeeded", status
    return wall_total / syncs, requests_total / syncs, cpu_total * 1000 / syncs


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reads", type=int, default=2000)
    parser.add_argument("--syncs", type=int, default=5)
    parser.add_argument("--job-seconds", type=float, default=3.0)
    parser.add_argument("--smoke", action="store_true", help="a few reads and one short sync")
    args = parser.parse_args()
    if args.smoke:
        args.reads, args.syncs, args.job_seconds = 50, 1, 0.5
    emulator = Emulator()
    try:
        baseline = PyAirbyteWay(emulator.api_url, emulator.api_key)
        running = emulator.create_connection("py-bench-running", count=5)
        emulator.set_behaviour(running, "running", 3_600_000)
        syncing = emulator.create_connection("py-bench-sync", count=5)
        emulator.set_behaviour(syncing, "succeeded", int(args.job_seconds * 1000))
        with cloud.CloudWorkspace(emulator.workspace_id, api_key=emulator.api_key,
                                  api_root=emulator.api_url) as workspace:
            result = workspace.run_sync(running, wait=False)
            job_id = result.job_id
            for _ in range(20):  # warm up both (connections, imports, allocator)
                result.get_job_status()
                baseline.job_status(job_id)
            package_read = timed(result.get_job_status, args.reads)
            baseline_read = timed(lambda: baseline.job_status(job_id), args.reads)
            result.cancel()
            package_sync = per_sync(emulator, lambda c: workspace.run_sync(c, wait_timeout=600)
                                    .get_job_status(), syncing, args.syncs)
            baseline_sync = per_sync(emulator, baseline.run_sync, syncing, args.syncs)
    finally:
        emulator.stop()
    client = f"requests {requests.__version__}" if requests is not None else "urllib"
    print(f"Status reads: {args.reads} of a running job; syncs: {args.syncs} of a job running "
          f"{args.job_seconds:g} s; PyAirbyte way through {client}; Python "
          f"{sys.version.split()[0]}; {os.cpu_count()} CPU(s).\n")
    print("| | per status read (wall) | per status read (CPU) | per sync (wall) "
          "| requests per sync | CPU per sync |")
    print("|---|---|---|---|---|---|")
    for name, read, sync in (("airbyte_cloud (this package)", package_read, package_sync),
                             ("PyAirbyte way (new session per call, 2 s polling)", baseline_read,
                              baseline_sync)):
        print(f"| {name} | {read[0]:.3f} ms | {read[1]:.3f} ms | {sync[0]:.2f} s | {sync[1]:.1f} "
              f"| {sync[2]:.1f} ms |")
    print(f"\nPer status read the package takes {baseline_read[0] / package_read[0]:.1f}x less "
          f"wall time and {baseline_read[1] / max(package_read[1], 1e-9):.1f}x less CPU; per sync "
          f"it sees the end {baseline_sync[0] - package_sync[0]:+.2f} s earlier (negative: later).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
