"""Which CPU a program was built for, read from its ELF header (``e_machine``).

Used to name the platform of the base image from the busybox binary, and to explain an
"exec format error" before it happens. Written by hand: 20 bytes of header do not justify
a dependency such as pyelftools.
"""

from __future__ import annotations

import os
import stat
import platform as _platform
import struct
from pathlib import Path

# e_machine -> (OCI architecture, variant)
MACHINES = {
    3: ("386", None),
    40: ("arm", "v7"),
    62: ("amd64", None),
    183: ("arm64", "v8"),
    243: ("riscv64", None),
    21: ("ppc64le", None),
    22: ("s390x", None),
}
_UNAME = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64",
          "armv7l": "arm", "i686": "386", "i386": "386", "riscv64": "riscv64",
          "ppc64le": "ppc64le", "s390x": "s390x"}
# What a CPU runs natively besides its own architecture.
_COMPATIBLE = {"amd64": {"386"}, "arm64": {"arm"}}
_QEMU = {"amd64": "x86_64", "arm64": "aarch64", "arm": "arm", "386": "i386",
         "riscv64": "riscv64", "ppc64le": "ppc64le", "s390x": "s390x"}


def host_architecture() -> str:
    """The OCI architecture name of this machine (``amd64``, ``arm64`` …)."""
    machine = _platform.machine().lower()
    return _UNAME.get(machine, machine)


def architecture(path: str | Path) -> str | None:
    """The OCI architecture of the ELF program at ``path``; ``None`` if it is not an ELF file (nor
    a regular file: a FIFO or a device in an image is never opened for reading here)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        head = fh.read(20)
    if len(head) < 20 or head[:4] != b"\x7fELF":
        return None
    order = "<" if head[5] == 1 else ">"
    (machine,) = struct.unpack(order + "H", head[18:20])
    if machine == 62 and head[4] == 1:
        return "386"  # x32 is not a Docker platform; treat a 32-bit x86-64 header as 386
    return MACHINES.get(machine, (f"unknown-{machine}", None))[0]


def variant(arch: str) -> str | None:
    """The usual OCI variant of ``arch`` (``v8`` for arm64, ``v7`` for arm)."""
    return next((v for a, v in MACHINES.values() if a == arch), None)


def runs_natively(arch: str) -> bool:
    """True when this CPU runs ``arch`` programs without emulation."""
    host = host_architecture()
    return arch == host or arch in _COMPATIBLE.get(host, set())


def binfmt_handler(arch: str) -> bool:
    """True when the kernel has an enabled binfmt_misc handler (qemu) for ``arch``."""
    name = _QEMU.get(arch, arch)
    entry = Path("/proc/sys/fs/binfmt_misc") / f"qemu-{name}"
    try:
        return entry.read_text().splitlines()[0].strip() == "enabled"
    except (OSError, IndexError):
        return False


def qemu_program(arch: str) -> str | None:
    """The ``qemu-<arch>-static`` program (from qemu-user-static) if installed."""
    name = f"qemu-{_QEMU.get(arch, arch)}-static"
    for directory in os.environ.get("PATH", "/usr/bin:/bin").split(os.pathsep) + ["/usr/bin"]:
        candidate = os.path.join(directory, name)
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def interpreter(path: str | Path) -> str | None:
    """The dynamic loader an ELF program asks for (``PT_INTERP``); ``None`` for a static one."""
    with open(path, "rb") as fh:
        head = fh.read(64)
        if head[:4] != b"\x7fELF":
            return None
        order = "<" if head[5] == 1 else ">"
        if head[4] == 2:  # 64-bit
            phoff, = struct.unpack(order + "Q", head[32:40])
            phentsize, phnum = struct.unpack(order + "HH", head[54:58])
        else:
            phoff, = struct.unpack(order + "I", head[28:32])
            phentsize, phnum = struct.unpack(order + "HH", head[42:46])
        for i in range(phnum):
            fh.seek(phoff + i * phentsize)
            entry = fh.read(phentsize)
            if struct.unpack(order + "I", entry[:4])[0] != 3:  # PT_INTERP
                continue
            if head[4] == 2:
                offset, = struct.unpack(order + "Q", entry[8:16])
                size, = struct.unpack(order + "Q", entry[32:40])
            else:
                offset, size = struct.unpack(order + "I", entry[4:8])[0], struct.unpack(order + "I", entry[16:20])[0]
            fh.seek(offset)
            return fh.read(size).rstrip(b"\0").decode(errors="replace")
    return None
