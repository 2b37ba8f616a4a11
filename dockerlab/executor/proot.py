"""Without root (Binder, JupyterHub): ``proot`` fakes ``chroot`` and the user with ptrace;
``/dev`` and ``/proc`` are the host's."""

from __future__ import annotations

import shutil

from . import elf
from .base import Executor


class ProotExecutor(Executor):
    """Non-root: ``proot -r ROOTFS`` (``-0`` fakes root, ``-i uid:gid`` for ``--user``).

    Limits, as proot only fakes what ``get*id`` and ``stat`` report: the supplementary groups
    Docker would give (:func:`~dockerlab.executor.rootfs.resolve_user`) cannot be set, so
    ``id -G`` shows the host user's groups; and every file is really owned by the host user:
    ``-0`` makes ``chown`` report success and ``stat`` report root, but nothing is recorded
    (proot has no ownership database like fakeroot's ``-s``; ``--link2symlink`` and
    ``--kill-on-exit`` are about hard links and processes). So a RUN layer made without root
    gives new files the RUN user's owner and keeps the lower layers' owners for the rest, and a
    ``chown`` in RUN is lost: the builder prints a note when a RUN under proot calls
    ``chown``/``chgrp`` (``build/snapshot.OwnerMap``, ``build.run.owner_lost``).
    """

    name = _mode = "proot"

    def __init__(self, reason: str = "", program: str | None = None) -> None:
        super().__init__(reason)
        self.program = program or shutil.which("proot") or "proot"

    def _can_emulate(self, arch: str) -> bool:
        return elf.qemu_program(arch) is not None or elf.binfmt_handler(arch)

    def _extra(self, arch: str | None) -> list[str]:
        if arch and not elf.runs_natively(arch) and elf.qemu_program(arch):
            return ["-q", elf.qemu_program(arch)]
        return []
