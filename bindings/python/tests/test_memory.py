"""Memory: 100,000 handle cycles (bench/bindings/python/cycles.py --check): RSS stays flat and no
handle proxy accumulates, whether handles are closed or left to the garbage collector."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CYCLES = Path(__file__).resolve().parents[3] / "bench" / "bindings" / "python" / "cycles.py"


def test_100000_handle_cycles_keep_rss_flat() -> None:
    if not os.environ.get("ABC_EMULATOR"):
        pytest.skip("SKIP: ABC_EMULATOR is not set")
    done = subprocess.run([sys.executable, str(CYCLES), "--cycles", "100000", "--sample", "10000",
                           "--check"], capture_output=True, text=True, timeout=900)
    print(done.stdout, done.stderr)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "cycles  100000" in done.stdout and "RSS growth" in done.stdout
