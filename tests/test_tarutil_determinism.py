"""The same entries give byte-identical layers under every supported Python (DESIGN §3)."""

from __future__ import annotations

import glob
import subprocess
import sys
from pathlib import Path

from components import missing

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = f"""
import io, sys
sys.path.insert(0, {str(ROOT)!r})
from dockerlab.tarutil import Entry, write_layer
entries = [Entry("bin", "dir", 0o755), Entry("bin/sh", "symlink", linkname="/bin/busybox"),
           Entry("a" * 120 + "/long-name-\\u00fc.txt", "file", 0o644, data=b"x" * 1000),
           Entry("dev/null", "char", 0o666, devmajor=1, devminor=3),
           Entry("etc/f", "file", 0o4755, uid=70000, gid=5, data=b"hi"),
           Entry("h", "hardlink", linkname="etc/f"), Entry("fifo", "fifo", 0o600)]
print(write_layer(io.BytesIO(), entries, mtime=1704067200).digest)
"""


def _other_pythons() -> list[str]:
    found = []
    for minor in (10, 11, 12, 13):
        found += sorted(glob.glob(f"/root/.pyenv/versions/3.{minor}.*/bin/python3"))[-1:]
        found += [p for p in (f"/usr/bin/python3.{minor}",) if Path(p).exists()]
    return [p for p in found if Path(p).resolve() != Path(sys.executable).resolve()]


def test_layers_are_identical_across_python_versions():
    ours = subprocess.run([sys.executable, "-c", SCRIPT], check=True, capture_output=True, text=True).stdout
    others = _other_pythons()
    if not others:
        missing("another Python 3.10+ interpreter to compare with", "pyenv install 3.12 (or apt-get install python3.x)")
    for python in others:
        theirs = subprocess.run([python, "-I", "-c", SCRIPT], check=True, capture_output=True, text=True).stdout
        assert theirs == ours, python
