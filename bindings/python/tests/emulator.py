"""Starts airbyte-cloud-emulator (ABC_EMULATOR) on a free loopback port, as the C tests do
(tests/support/emulator_process.h) and the other bindings' tests: --port 0 --quiet --ready-file,
then reads the ready file. Plain urllib for the admin calls: the package under test is not used."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from typing import Any


class Emulator:
    def __init__(self, *extra_args: str) -> None:
        binary = os.environ.get("ABC_EMULATOR")
        if not binary:
            raise RuntimeError("set ABC_EMULATOR to the airbyte-cloud-emulator binary")
        self.ready_file = os.path.join(tempfile.gettempdir(),
                                       f"abc-py-emulator-{os.getpid()}-{secrets.token_hex(4)}.json")
        self.process = subprocess.Popen([binary, "--port", "0", "--quiet", "--ready-file",
                                         self.ready_file, *extra_args],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ready = self._wait_for_ready_file()
        self.url: str = ready["url"]
        self.api_url: str = ready["apiUrl"]
        self.workspace_id: str = ready["workspaceId"]
        self.api_key: str = ready["apiKey"]
        self.client_id: str = ready["clientId"]
        self.client_secret: str = ready["clientSecret"]

    def _wait_for_ready_file(self) -> dict[str, Any]:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if os.path.exists(self.ready_file):
                with open(self.ready_file) as f:
                    text = f.read()
                if text:
                    return json.loads(text)  # type: ignore[no-any-return]
            if self.process.poll() is not None:
                raise RuntimeError("airbyte-cloud-emulator exited before it was ready")
            time.sleep(0.01)
        raise RuntimeError("airbyte-cloud-emulator not ready after 10 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if os.path.exists(self.ready_file):
            os.unlink(self.ready_file)

    def request(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method, headers={
            "Authorization": f"Bearer {self.api_key}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, text = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read()
        try:
            return status, json.loads(text) if text else None
        except ValueError:
            return status, text.decode(errors="replace")

    def post(self, path: str, body: Any) -> Any:
        status, answer = self.request("POST", path, body)
        if not 200 <= status < 300:
            raise RuntimeError(f"POST {path} -> {status}: {answer}")
        return answer

    def create_connection(self, name: str, count: int = 50) -> str:
        """A faker source, a duckdb destination and a connection with streams users and
        products, prefix "test_". Returns the connection id."""
        source = self.post("/v1/sources", {"name": f"{name}-source", "workspaceId": self.workspace_id,
                                           "configuration": {"sourceType": "faker", "count": count,
                                                             "seed": 7}})
        destination = self.post("/v1/destinations", {
            "name": f"{name}-destination", "workspaceId": self.workspace_id,
            "configuration": {"destinationType": "duckdb", "destination_path": "/local/test.duckdb"}})
        connection = self.post("/v1/connections", {
            "name": name, "sourceId": source["sourceId"], "destinationId": destination["destinationId"],
            "prefix": "test_", "configurations": {"streams": [
                {"name": "users", "syncMode": "full_refresh_overwrite"},
                {"name": "products", "syncMode": "full_refresh_overwrite"}]}})
        return str(connection["connectionId"])

    def set_behaviour(self, connection_id: str, outcome: str | None, duration_ms: int = 100) -> None:
        body: dict[str, Any] = {"durationMs": duration_ms}
        if outcome:
            body["outcome"] = outcome
        self.post(f"/_emulator/connections/{connection_id}/behaviour", body)

    def add_fault(self, **fault: Any) -> None:
        self.post("/_emulator/faults", fault)

    def stats(self) -> dict[str, Any]:
        return self.request("GET", "/_emulator/stats")[1]  # type: ignore[no-any-return]

    def job(self, job_id: int) -> dict[str, Any]:
        return self.request("GET", f"/v1/jobs/{job_id}")[1]  # type: ignore[no-any-return]
