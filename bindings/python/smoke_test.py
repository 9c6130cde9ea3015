#!/usr/bin/env python3
"""Plain-FFI smoke test: the C ABI alone, from a language with no SWIG module (Python ctypes).

    python3 smoke_test.py /path/to/libairbyte_cloud.so /path/to/airbyte-cloud-emulator

dlopen()s the library, declares the prototypes it uses, starts the emulator (--port 0
--ready-file), creates a connection on it over plain HTTP, then through the C API: makes a
workspace, connects, runs a sync and waits, reads status/rows/bytes, lists the history, checks a
failed sync's error detail and a bad argument, and frees everything. Ends with "N passed, M failed".
"""
import ctypes
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

ABC_OK = 0
ABC_ERROR_INVALID_ARGUMENT = 1
ABC_ERROR_SYNC_FAILED = 14
ABC_JOB_STATE_FAILED = 5
ABC_JOB_STATE_SUCCEEDED = 6


class Handle(ctypes.c_void_p):
    """An opaque handle (abc_workspace *, abc_job *...)."""


def load(path):
    lib = ctypes.CDLL(path)
    P = ctypes.POINTER
    status = ctypes.c_int
    err = P(Handle)  # abc_error **
    protos = {
        "abc_version_string": (ctypes.c_char_p, []),
        "abc_strerror": (ctypes.c_char_p, [ctypes.c_int]),
        "abc_error_free": (None, [Handle]),
        "abc_error_status": (ctypes.c_int, [Handle]),
        "abc_error_message": (ctypes.c_char_p, [Handle]),
        "abc_error_job_id": (ctypes.c_int64, [Handle]),
        "abc_error_job_state": (ctypes.c_int, [Handle]),
        "abc_error_connection_id": (ctypes.c_char_p, [Handle]),
        "abc_options_new": (status, [P(Handle), err]),
        "abc_options_free": (None, [Handle]),
        "abc_options_set_api_url": (status, [Handle, ctypes.c_char_p, err]),
        "abc_options_set_bearer_token": (status, [Handle, ctypes.c_char_p, err]),
        "abc_options_set_poll_interval": (status, [Handle, ctypes.c_int64, ctypes.c_int64, err]),
        "abc_workspace_new": (status, [P(Handle), ctypes.c_char_p, Handle, err]),
        "abc_workspace_free": (None, [Handle]),
        "abc_workspace_connect": (status, [Handle, err]),
        "abc_workspace_id": (ctypes.c_char_p, [Handle]),
        "abc_connection_get": (status, [P(Handle), Handle, ctypes.c_char_p, err]),
        "abc_connection_free": (None, [Handle]),
        "abc_connection_name": (status, [P(ctypes.c_char_p), Handle, err]),
        "abc_connection_stream_count": (status, [P(ctypes.c_size_t), Handle, err]),
        "abc_run_sync": (status, [P(Handle), Handle, ctypes.c_char_p, Handle, err]),
        "abc_job_free": (None, [Handle]),
        "abc_job_id": (ctypes.c_int64, [Handle]),
        "abc_job_status": (ctypes.c_int, [Handle]),
        "abc_job_state_name": (ctypes.c_char_p, [ctypes.c_int]),
        "abc_job_rows_synced": (ctypes.c_int64, [Handle]),
        "abc_job_bytes_synced": (ctypes.c_int64, [Handle]),
        "abc_connection_list_jobs": (status, [P(Handle), Handle, ctypes.c_int, ctypes.c_int64, err]),
        "abc_job_list_count": (ctypes.c_size_t, [Handle]),
        "abc_job_list_get": (status, [P(Handle), Handle, ctypes.c_size_t, err]),
        "abc_job_list_free": (None, [Handle]),
    }
    for name, (restype, argtypes) in protos.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes
    return lib


class Emulator:
    def __init__(self, binary):
        fd, self.ready_file = tempfile.mkstemp(prefix="abc-py-emulator-", suffix=".json")
        os.close(fd)
        os.unlink(self.ready_file)
        self.process = subprocess.Popen([binary, "--port", "0", "--quiet", "--ready-file", self.ready_file],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not os.path.exists(self.ready_file):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("airbyte-cloud-emulator did not start")
            time.sleep(0.01)
        with open(self.ready_file) as ready:
            self.ready = json.load(ready)

    def post(self, path, body):
        request = urllib.request.Request(self.ready["url"] + path, data=json.dumps(body).encode(), method="POST",
                                         headers={"Authorization": "Bearer " + self.ready["apiKey"],
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request) as response:
            text = response.read()
            return json.loads(text) if text else None

    def create_connection(self, name, outcome):
        workspace = self.ready["workspaceId"]
        source = self.post("/v1/sources", {"name": name + "-src", "workspaceId": workspace,
                                           "configuration": {"sourceType": "faker", "count": 30, "seed": 5}})
        destination = self.post("/v1/destinations", {"name": name + "-dst", "workspaceId": workspace,
                                                     "configuration": {"destinationType": "duckdb",
                                                                       "destination_path": "/local/x.duckdb"}})
        connection = self.post("/v1/connections", {"name": name, "sourceId": source["sourceId"],
                                                   "destinationId": destination["destinationId"]})
        connection_id = connection["connectionId"]
        self.post("/_emulator/connections/%s/behaviour" % connection_id, {"outcome": outcome, "durationMs": 100})
        return connection_id

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if os.path.exists(self.ready_file):
            os.unlink(self.ready_file)


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, condition, what):
        if condition:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL: " + what)


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    lib = load(sys.argv[1])
    emulator = Emulator(sys.argv[2])
    t = Checks()
    try:
        run(lib, emulator, t)
    finally:
        emulator.stop()
    print("%d passed, %d failed" % (t.passed, t.failed))
    return 0 if t.failed == 0 else 1


def run(lib, emulator, t):
    ready = emulator.ready
    error = Handle()
    t.check(lib.abc_version_string().decode().count(".") == 2, "version string")

    options = Handle()
    t.check(lib.abc_options_new(ctypes.byref(options), None) == ABC_OK, "abc_options_new")
    t.check(lib.abc_options_set_api_url(options, ready["apiUrl"].encode(), None) == ABC_OK, "set_api_url")
    t.check(lib.abc_options_set_bearer_token(options, ready["apiKey"].encode(), None) == ABC_OK, "set_bearer_token")
    t.check(lib.abc_options_set_poll_interval(options, 20, 100, None) == ABC_OK, "set_poll_interval")
    workspace = Handle()
    t.check(lib.abc_workspace_new(ctypes.byref(workspace), ready["workspaceId"].encode(), options,
                                  ctypes.byref(error)) == ABC_OK, "abc_workspace_new")
    lib.abc_options_free(options)  # the workspace copied them
    t.check(lib.abc_workspace_id(workspace).decode() == ready["workspaceId"], "workspace id")
    status = lib.abc_workspace_connect(workspace, ctypes.byref(error))
    t.check(status == ABC_OK and not error, "connect: %s" % (status,))

    # Bad input: an empty id is an invalid argument, with the detail in an owned abc_error.
    connection = Handle()
    status = lib.abc_connection_get(ctypes.byref(connection), workspace, b"", ctypes.byref(error))
    t.check(status == ABC_ERROR_INVALID_ARGUMENT and bool(error) and not connection, "empty connection id")
    if error:
        t.check(b"connection_id" in lib.abc_error_message(error), "message names the argument")
        lib.abc_error_free(error)
        error = Handle()

    connection_id = emulator.create_connection("py-smoke", "succeeded")
    t.check(lib.abc_connection_get(ctypes.byref(connection), workspace, connection_id.encode(),
                                   ctypes.byref(error)) == ABC_OK, "abc_connection_get")
    name = ctypes.c_char_p()
    t.check(lib.abc_connection_name(ctypes.byref(name), connection, None) == ABC_OK and name.value == b"py-smoke",
            "connection name")
    streams = ctypes.c_size_t()
    t.check(lib.abc_connection_stream_count(ctypes.byref(streams), connection, None) == ABC_OK and streams.value > 0,
            "stream count")

    # Run a sync and wait (NULL options: the defaults, which wait).
    job = Handle()
    status = lib.abc_run_sync(ctypes.byref(job), workspace, connection_id.encode(), None, ctypes.byref(error))
    t.check(status == ABC_OK and bool(job), "abc_run_sync: %d" % status)
    if job:
        t.check(lib.abc_job_status(job) == ABC_JOB_STATE_SUCCEEDED, "job succeeded")
        t.check(lib.abc_job_state_name(lib.abc_job_status(job)) == b"succeeded", "state name")
        t.check(lib.abc_job_rows_synced(job) > 0, "rows synced")
        t.check(lib.abc_job_bytes_synced(job) > 0, "bytes synced")
        job_id = lib.abc_job_id(job)
        lib.abc_job_free(job)

        history = Handle()
        t.check(lib.abc_connection_list_jobs(ctypes.byref(history), connection, 10, 0, None) == ABC_OK,
                "list jobs")
        t.check(lib.abc_job_list_count(history) == 1, "one job in the history")
        first = Handle()
        t.check(lib.abc_job_list_get(ctypes.byref(first), history, 0, None) == ABC_OK and
                lib.abc_job_id(first) == job_id, "history's job is the sync's")
        lib.abc_job_free(first)
        lib.abc_job_list_free(history)

    # A failed sync: ABC_ERROR_SYNC_FAILED with the job id and state in the error; the job
    # handle is set all the same.
    failing_id = emulator.create_connection("py-smoke-failing", "failed")
    failed_job = Handle()
    status = lib.abc_run_sync(ctypes.byref(failed_job), workspace, failing_id.encode(), None, ctypes.byref(error))
    t.check(status == ABC_ERROR_SYNC_FAILED and bool(error), "failed sync status: %d" % status)
    if error:
        t.check(lib.abc_error_status(error) == ABC_ERROR_SYNC_FAILED, "error status")
        t.check(lib.abc_error_job_state(error) == ABC_JOB_STATE_FAILED, "error job state")
        t.check(lib.abc_error_connection_id(error).decode() == failing_id, "error connection id")
        t.check(bool(failed_job) and lib.abc_error_job_id(error) == lib.abc_job_id(failed_job), "error job id")
        t.check(len(lib.abc_strerror(status)) > 0, "strerror")
        lib.abc_error_free(error)
    lib.abc_job_free(failed_job)

    # NULL is safe everywhere a handle is freed.
    lib.abc_job_free(None)
    lib.abc_connection_free(connection)
    lib.abc_workspace_free(workspace)
    t.check(True, "freed everything")


if __name__ == "__main__":
    sys.exit(main())
