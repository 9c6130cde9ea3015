"""API coverage: every function of include/airbyte_cloud.h is used by the Python layer
(src/airbyte_cloud, native/abc_python.c), is a handle type's destructor (abc_py_handles.i), or is
listed in EXCLUDED.txt with a reason; EXCLUDED.txt lists nothing used or undeclared; and every
function the SWIG module should wrap is really there."""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

import pytest

from airbyte_cloud._native import capi

ROOT = Path(__file__).resolve().parent.parent
HEADER = Path(os.environ.get("ABC_HEADER", ROOT.parent.parent / "include" / "airbyte_cloud.h"))


def header_tools():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("abc_header", ROOT / "tools" / "abc_header.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def layer_text() -> str:
    paths = list((ROOT / "src" / "airbyte_cloud").rglob("*.py")) + [ROOT / "native" / "abc_python.c"]
    return "\n".join(path.read_text() for path in paths)


def excluded() -> dict[str, str]:
    entries = {}
    for line in (ROOT / "EXCLUDED.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, reason = line.partition(":")
            entries[name.strip()] = reason.strip()
    return entries


def test_every_header_function_is_used_or_excluded_with_a_reason() -> None:
    tools = header_tools()
    text = tools.read_with_areas(HEADER)
    declared = tools.functions(text)
    assert len(declared) > 200
    destructors = {f"{handle}_free" for handle in tools.handles(text)}
    used = set(re.findall(r"\babc_\w+", layer_text()))
    skipped = excluded()
    missing = [f for f in declared if f not in used and f not in destructors and f not in skipped]
    assert not missing, f"not used by the Python layer nor in EXCLUDED.txt: {missing}"
    stale = [f for f in skipped if f in used or f not in declared]
    assert not stale, f"EXCLUDED.txt lists functions used or not declared: {stale}"
    assert all(len(reason) > 20 for reason in skipped.values())


def test_the_swig_module_wraps_what_the_layer_calls() -> None:
    called = set(re.findall(r"capi\.(abc_\w+)", layer_text()))
    absent = sorted(name for name in called if not hasattr(capi, name))
    assert not absent, f"capi lacks {absent}"


@pytest.mark.parametrize("name", ["abc_run_sync", "abc_job_wait", "abc_waiter_next",
                                  "abc_error_message", "abc_string_free", "abc_job_free"])
def test_raw_waits_errors_and_frees_are_not_exposed(name: str) -> None:
    assert not hasattr(capi, name)
