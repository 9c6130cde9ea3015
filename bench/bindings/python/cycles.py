#!/usr/bin/env python3
"""Memory of the Python binding over many create/use/free cycles, against the emulator.

    ABC_EMULATOR=build/tools/emulator/airbyte-cloud-emulator \\
      PYTHONPATH=build/bindings/python/package python3 bench/bindings/python/cycles.py \\
      [--cycles 100000] [--sample 10000] [--check]

One cycle: a CloudWorkspace (options, credentials, a log sink to Python's logging) made, read and
closed; a CloudConnection handle and a SyncResult made; an invalid-argument error raised and
caught (the error path: abc_error to exception, freed); sync and list options made and freed;
every 10th cycle also a job read over HTTP (GET /jobs/{id}), a one-job history page, a 404 error,
and that cycle leaves its handles to the garbage collector instead of closing them.

Every --sample cycles: a full gc.collect(), then RSS (VmRSS) and the live handle proxies. With
--check it exits 1 when RSS grew by more than 4 MiB from the first sample to the last, or handle
proxies accumulate.
"""
from __future__ import annotations

import argparse
import gc
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../../../bindings/python/tests"))
from emulator import Emulator  # noqa: E402

from airbyte_cloud import cloud, exceptions as exc  # noqa: E402
from airbyte_cloud._native import capi  # noqa: E402


def rss_kib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def live_proxies() -> int:
    return sum(1 for o in gc.get_objects() if type(o).__module__ == "airbyte_cloud.capi")


def cycle(number: int, emulator: Emulator, connection_id: str, job_id: int) -> None:
    workspace = cloud.CloudWorkspace(emulator.workspace_id, api_key=emulator.api_key,
                                     api_root=emulator.api_url, log_level="error",
                                     request_timeout=10)
    assert workspace.workspace_url
    connection = workspace.get_connection(connection_id)
    assert connection.connection_url
    try:
        workspace.get_connection("").source_id
    except exc.AirbyteInvalidArgumentError:
        pass
    options = capi.abc_sync_options_new()
    capi.abc_sync_options_set_timeout_ms(options, 1000)
    list_options = capi.abc_list_options_new()
    capi.abc_list_options_set_name(list_options, "x")
    if number % 10 == 0:
        result = connection.get_sync_result(job_id)
        assert result is not None and result.get_job_status() == "succeeded"
        assert len(connection.get_previous_sync_logs(limit=1)) == 1
        try:
            workspace.get_connection("00000000-0000-0000-0000-000000000000").stream_names
        except exc.AirbyteMissingResourceError:
            pass
        return  # left to the garbage collector
    connection.close()
    workspace.close()
    options.__swig_destroy__(options)
    list_options.__swig_destroy__(list_options)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cycles", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=10_000)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    emulator = Emulator()
    try:
        connection_id = emulator.create_connection("py-cycles", count=5)
        emulator.set_behaviour(connection_id, "succeeded", 10)
        with cloud.CloudWorkspace(emulator.workspace_id, api_key=emulator.api_key,
                                  api_root=emulator.api_url, poll_interval=(0.01, 0.05)) as ws:
            job_id = ws.run_sync(connection_id).job_id
        samples = []
        for number in range(1, args.cycles + 1):
            cycle(number, emulator, connection_id, job_id)
            if number % args.sample == 0:
                gc.collect()
                samples.append((number, rss_kib(), live_proxies()))
                print(f"cycles {number:>7}: RSS {samples[-1][1] / 1024:.1f} MiB, "
                      f"live handle proxies {samples[-1][2]}", flush=True)
    finally:
        emulator.stop()
    growth = (samples[-1][1] - samples[0][1]) / 1024
    print(f"RSS growth from the first sample to the last: {growth:+.1f} MiB")
    if args.check and (growth > 4 or samples[-1][2] > samples[0][2]):
        print("FAIL: memory grows")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
