"""A tiny busybox root filesystem made by hand, for executor tests that need no store."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from components import missing

BUSYBOX = "/usr/bin/busybox"

PASSWD = "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n"
GROUP = "root:x:0:\napp:x:1000:\nstaff:x:50:app\nnogroup:x:65534:\n"


def make_rootfs(root: Path) -> Path:
    """``root`` filled with busybox, its applets as symlinks, /etc/passwd and /etc/group."""
    if not os.path.exists(BUSYBOX):
        missing("busybox-static (/usr/bin/busybox)", "apt-get install busybox-static")
    (root / "bin").mkdir(parents=True)
    shutil.copy2(BUSYBOX, root / "bin" / "busybox")
    applets = subprocess.run([BUSYBOX, "--list"], capture_output=True, text=True, check=True).stdout.split()
    for name in applets:
        if name != "busybox":
            os.symlink("busybox", root / "bin" / name)
    (root / "etc").mkdir()
    (root / "etc" / "passwd").write_text(PASSWD)
    (root / "etc" / "group").write_text(GROUP)
    (root / "tmp").mkdir(mode=0o1777)
    os.chmod(root / "tmp", 0o1777)
    (root / "root").mkdir(mode=0o700)
    return root


def foreign_elf(path: Path, machine: int) -> Path:
    """A file with just an ELF header claiming CPU ``machine`` (e_machine), executable."""
    header = b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + (2).to_bytes(2, "little") + machine.to_bytes(2, "little")
    path.write_bytes(header + b"\x00" * 200)
    path.chmod(0o755)
    return path
