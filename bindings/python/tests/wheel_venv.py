"""A fresh virtual environment with the built wheel installed from the file, without network
(python3 -m venv v && v/bin/pip install --no-index airbyte_cloud-*.whl), as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def wheel_path() -> Path:
    dist = os.environ.get("ABC_PY_DIST")
    if not dist:
        pytest.skip("SKIP: ABC_PY_DIST (the build's wheel folder) is not set")
    wheels = sorted(Path(dist).glob("airbyte_cloud-*.whl"))
    assert len(wheels) == 1, f"expected one wheel in {dist}, found {wheels}"
    return wheels[0]


def clean_env() -> dict[str, str]:
    """The environment without anything pointing at the build tree."""
    return {k: v for k, v in os.environ.items()
            if k not in ("PYTHONPATH", "LD_LIBRARY_PATH", "PYTHONHOME")}


def make_venv(directory: Path) -> Path:
    """The venv's python, after installing the wheel into it."""
    subprocess.run([sys.executable, "-m", "venv", str(directory)], check=True, timeout=300)
    python = directory / "bin" / "python"
    done = subprocess.run([str(python), "-m", "pip", "install", "--no-index", "--no-cache-dir",
                           str(wheel_path())], capture_output=True, text=True, env=clean_env(),
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return python
