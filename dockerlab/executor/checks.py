"""Why a command cannot start, said before (or right after) trying, in the learner's language.

The most confusing one is "exec format error": the program was built for another CPU (an arm64
image on an amd64 machine). We read the ELF header first and explain it, instead of letting the
kernel's three words reach the learner.
"""

from __future__ import annotations

import errno
import json
import os
import shlex
from typing import Any, Callable

from ..errors import ContainerError, PlatformMismatch
from . import elf
from .rootfs import find_program, read_small, resolve


class ExecError(ContainerError):
    """The command could not be started at all (missing, not executable, not a program)."""


def check_program(rootfs: str, argv: list[str], path_env: str, workdir: str,
                  *, can_emulate: Callable[[str], bool], depth: int = 0) -> str | None:
    """Find ``argv[0]`` in the root and check its CPU; its architecture (``None``: not ELF)."""
    if not argv:
        raise ExecError("executor.not_found", program="", path=path_env)
    program = find_program(rootfs, argv[0], path_env, workdir)
    if program is None:
        raise not_found(argv[0], path_env)
    host_path = resolve(rootfs, program)
    arch = elf.architecture(host_path)
    if arch is None:
        try:
            head = read_small(rootfs, program, 258, head=True) or b""
        except OSError as exc:
            raise ExecError("executor.exec_failed", program=argv[0], error=exc.strerror or exc) from None
        if head[:2] != b"#!":
            raise ExecError("executor.not_program", program=program)
        interpreter = _interpreter(head)
        if interpreter and depth < 4:  # check what actually runs the script
            return check_program(rootfs, [interpreter], path_env, workdir,
                                 can_emulate=can_emulate, depth=depth + 1)
        return None
    if not elf.runs_natively(arch) and not can_emulate(arch):
        raise PlatformMismatch("executor.platform_mismatch", program=program, arch=arch,
                               host=elf.host_architecture())
    return arch


def not_found(program: str, path: str) -> ExecError:
    """The error for a program that is not in the image, fitted to the likely cause: a whole
    command in one exec-form element (``["echo Selamat belajar Docker!"]``), a shell-form
    command in an image without a shell (FROM scratch), or just a name that is not there."""
    if " " in program.strip():
        try:
            words = shlex.split(program)
        except ValueError:
            words = program.split()
        return ExecError("executor.not_found.words", program=program,
                         split=json.dumps(words, ensure_ascii=False),
                         given=json.dumps([program], ensure_ascii=False))
    if program in ("/bin/sh", "sh"):
        return ExecError("executor.not_found.shell", program=program, path=path)
    return ExecError("executor.not_found", program=program, path=path)


def _interpreter(head: bytes) -> str | None:
    line = head[2:258].split(b"\n", 1)[0].decode(errors="replace").split()
    return line[0] if line and line[0].startswith("/") else None


def exec_error(rootfs: str, failure: dict[str, Any]) -> ContainerError:
    """The error to raise for what the launcher reported when ``execve`` failed."""
    program, number = str(failure.get("argv0", "")), int(failure.get("errno", 0))
    if number == errno.ENOEXEC:
        arch = None
        for candidate in (program, "/bin/" + program, "/usr/bin/" + program):
            arch = elf.architecture(resolve(rootfs, candidate)) if os.path.isabs(candidate) else None
            if arch:
                break
        if arch and not elf.runs_natively(arch):
            return PlatformMismatch("executor.platform_mismatch", program=program, arch=arch,
                                    host=elf.host_architecture())
        return ExecError("executor.not_program", program=program)
    if number == errno.ENOENT:
        return not_found(program, "$PATH")
    return ExecError("executor.exec_failed", program=program, error=failure.get("strerror") or number)


