#!/usr/bin/env python3
"""Builds the airbyte_cloud wheel from the build tree's package folder, with no network and no
build backend (a wheel is a zip with a .dist-info folder; PEP 427):

    make_wheel.py PACKAGE_DIR VERSION OUT_DIR   -> OUT_DIR/airbyte_cloud-VERSION-<tag>.whl

PACKAGE_DIR is the complete package as the build made it: the Python sources, py.typed, the SWIG
module (capi.py, _capi.<soabi>.so) and libairbyte_cloud.so.0 next to it; the extension's RUNPATH is
$ORIGIN, so the installed package needs no LD_LIBRARY_PATH. The tag is this interpreter's
(cp311-cp311-linux_x86_64 on Debian 12): the wheel holds native code.
"""
from __future__ import annotations

import base64
import hashlib
import sys
import sysconfig
import zipfile
from pathlib import Path

SUMMARY = "PyAirbyte's airbyte.cloud API on libairbyte_cloud, the native Airbyte API client"


def tag() -> str:
    version = f"cp{sys.version_info.major}{sys.version_info.minor}"
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return f"{version}-{version}-{platform}"


def record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def files(package: Path) -> list[Path]:
    skipped = ("__pycache__", ".pytest_cache", ".mypy_cache")
    return sorted(p for p in package.rglob("*")
                  if p.is_file() and not any(part in skipped for part in p.parts))


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    package, version, out_dir = Path(argv[1]), argv[2], Path(argv[3])
    out_dir.mkdir(parents=True, exist_ok=True)
    dist_info = f"airbyte_cloud-{version}.dist-info"
    wheel = out_dir / f"airbyte_cloud-{version}-{tag()}.whl"
    metadata = {
        f"{dist_info}/METADATA": (f"Metadata-Version: 2.1\nName: airbyte_cloud\nVersion: {version}\n"
                                  f"Summary: {SUMMARY}\nRequires-Python: >=3.11\n"
                                  "Provides-Extra: sql\nProvides-Extra: pandas\n"),
        f"{dist_info}/WHEEL": (f"Wheel-Version: 1.0\nGenerator: make_wheel.py\n"
                               f"Root-Is-Purelib: false\nTag: {tag()}\n"),
    }
    records = []
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files(package):
            name = f"airbyte_cloud/{path.relative_to(package).as_posix()}"
            data = path.read_bytes()
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.external_attr = (0o755 if path.suffix in (".so", ".0") else 0o644) << 16
            archive.writestr(info, data, zipfile.ZIP_DEFLATED)
            records.append(record_line(name, data))
        for name, text in metadata.items():
            archive.writestr(name, text)
            records.append(record_line(name, text.encode()))
        records.append(f"{dist_info}/RECORD,,")
        archive.writestr(f"{dist_info}/RECORD", "\n".join(records) + "\n")
    print(wheel)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
