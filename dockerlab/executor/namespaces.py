"""As root: new mount, PID, UTS, IPC and network namespaces (only loopback, like ``--network
none``), ``/proc``, a minimal ``/dev``, then ``chroot`` — see :mod:`._launcher`."""

from __future__ import annotations

import shutil

from ..errors import PlatformMismatch
from . import elf
from .base import Executor
from .proot import ProotExecutor


class NamespacesExecutor(Executor):
    """Root: new namespaces + chroot (see :mod:`dockerlab.executor._launcher`).

    A program for another CPU, with no binfmt_misc handler registered, is handed to
    :class:`ProotExecutor` with ``-q qemu-<arch>-static`` when proot and qemu-user-static are
    installed (the multi-platform lesson runs arm64 images this way); otherwise it is a
    :class:`PlatformMismatch`.
    """

    name = _mode = "namespaces"

    def _emulator(self, error: PlatformMismatch) -> "ProotExecutor":
        program = shutil.which("proot")
        if program is None or elf.qemu_program(str(error.params.get("arch"))) is None:
            raise error
        return ProotExecutor(self.reason, program)

    def run(self, rootfs, argv, **options):  # type: ignore[override]
        try:
            return super().run(rootfs, argv, **options)
        except PlatformMismatch as error:
            return self._emulator(error).run(rootfs, argv, **options)

    def spawn(self, rootfs, argv, **options):  # type: ignore[override]
        try:
            return super().spawn(rootfs, argv, **options)
        except PlatformMismatch as error:
            return self._emulator(error).spawn(rootfs, argv, **options)
