"""Checks the "Python" section of docs/BINDINGS.md as a user would follow it: installs the wheel
into a fresh venv with --no-index, then runs the block between the python-quickstart markers, as
written, against a fresh emulator through the environment variables the section names."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from emulator import Emulator
from wheel_venv import clean_env, make_venv

DOCS = Path(os.environ.get("ABC_DOCS", Path(__file__).resolve().parents[3] / "docs" / "BINDINGS.md"))


def quickstart_block() -> str:
    match = re.search(r"<!-- python-quickstart:begin[^>]*-->\s*```python\n(.*?)```\s*"
                      r"<!-- python-quickstart:end -->", DOCS.read_text(), re.S)
    assert match, f"no python-quickstart block in {DOCS}"
    return match.group(1)


def test_the_quick_start_runs_as_written(tmp_path: Path) -> None:
    program = tmp_path / "quickstart.py"
    program.write_text(quickstart_block())
    python = make_venv(tmp_path / "v")
    emulator = Emulator()
    try:
        connection_id = emulator.create_connection("py-quickstart")
        emulator.set_behaviour(connection_id, "succeeded", 300)
        env = dict(clean_env(), AIRBYTE_CLOUD_WORKSPACE_ID=emulator.workspace_id,
                   AIRBYTE_CLOUD_API_KEY=emulator.api_key, AIRBYTE_CLOUD_API_URL=emulator.api_url)
        done = subprocess.run([str(python), str(program), connection_id], env=env, cwd=tmp_path,
                              capture_output=True, text=True, timeout=120)
        print(done.stdout, done.stderr)
        assert done.returncode == 0, done.stderr
        assert re.search(r"^job \d+ succeeded: \d+ rows, \d+ bytes$", done.stdout, re.M)
        assert "Successfully connected to workspace" in done.stdout
        assert "succeeded after" in done.stderr  # the progress line

        emulator.set_behaviour(connection_id, "failed", 50)
        failed = subprocess.run([str(python), str(program), connection_id], env=env, cwd=tmp_path,
                                capture_output=True, text=True, timeout=120)
        assert failed.returncode == 1 and "ended failed" in failed.stderr, failed.stderr
    finally:
        emulator.stop()
