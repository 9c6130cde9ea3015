"""Typing: `python3 -m mypy --strict` passes on the typed example against the installed wheel
(py.typed), and on the package's own Pythonic layer. Skipped, visibly, without mypy."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wheel_venv import clean_env, make_venv

ROOT = Path(__file__).resolve().parent.parent


def mypy(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("SKIP: mypy is not installed (Debian: apt-get install python3-mypy)")
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                           "--cache-dir", os.devnull, *args], capture_output=True, text=True,
                          env=env, timeout=600)


def test_mypy_strict_on_the_typed_example(tmp_path: Path) -> None:
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("SKIP: mypy is not installed (Debian: apt-get install python3-mypy)")
    python = make_venv(tmp_path / "v")
    done = mypy("--python-executable", str(python), str(ROOT / "examples" / "typed_sync.py"),
                env=clean_env())
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success" in done.stdout


def test_mypy_strict_on_the_package_layer() -> None:
    package = ROOT / "src" / "airbyte_cloud"
    # SQLAlchemy 1.4 and pandas 1.5 (Debian 12) ship no type information: optional packages.
    done = mypy("--ignore-missing-imports", str(package),
                env=dict(os.environ, MYPYPATH=str(ROOT / "src")))
    assert done.returncode == 0, done.stdout + done.stderr
