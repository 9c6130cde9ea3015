"""The wheel installs into a fresh venv with --no-index and works there: no build tree, no
PYTHONPATH, no LD_LIBRARY_PATH (the extension finds libairbyte_cloud.so.0 beside it: $ORIGIN)."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path
from typing import Any

from wheel_venv import clean_env, make_venv, wheel_path

SCRIPT = """
import sys
import airbyte_cloud as ab
from airbyte_cloud import cloud
assert sys.prefix != sys.base_prefix and ab.__file__.startswith(sys.prefix), ab.__file__
workspace = cloud.CloudWorkspace(workspace_id=sys.argv[1], api_key=sys.argv[2], api_root=sys.argv[3],
                                 poll_interval=(0.02, 0.1))
result = workspace.run_sync(sys.argv[4])
print(ab.__version__, result.get_job_status(), result.records_synced > 0)
"""


def test_wheel_contents() -> None:
    with zipfile.ZipFile(wheel_path()) as wheel:
        names = set(wheel.namelist())
    for expected in ("airbyte_cloud/__init__.py", "airbyte_cloud/py.typed", "airbyte_cloud/capi.py",
                     "airbyte_cloud/libairbyte_cloud.so.0", "airbyte_cloud/cloud/workspaces.py"):
        assert expected in names
    assert any(n.startswith("airbyte_cloud/_capi.cpython-") and n.endswith(".so") for n in names)
    assert any(n.endswith(".dist-info/RECORD") for n in names)


def test_wheel_installs_into_a_fresh_venv_and_runs(tmp_path: Path, emulator: Any,
                                                   new_connection: Any) -> None:
    python = make_venv(tmp_path / "v")
    connection_id = new_connection("succeeded", 50)
    done = subprocess.run([str(python), "-c", SCRIPT, emulator.workspace_id, emulator.api_key,
                           emulator.api_url, connection_id], capture_output=True, text=True,
                          env=clean_env(), cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [done.stdout.split()[0], "succeeded", "True"]
