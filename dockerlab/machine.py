"""What this machine offers the course: engine, executor, system tools — for the first cell.

A learner (or a teacher preparing a room) sees at a glance what works here and, for anything
missing, the exact command that installs it.
"""

from __future__ import annotations

import os
import platform as _platform
import shutil
from dataclasses import dataclass

from .i18n import tr


# (program, package that provides it, purpose key)
TOOLS = (
    ("busybox", "busybox-static", "env.purpose.busybox"),
    ("proot", "proot", "env.purpose.proot"),
    ("skopeo", "skopeo", "env.purpose.skopeo"),
    ("umoci", "umoci", "env.purpose.umoci"),
    ("dot", "graphviz", "env.purpose.dot"),
    ("docker-registry", "docker-registry", "env.purpose.registry"),
    ("dockerd", "docker.io", "env.purpose.docker"),
    ("qemu-aarch64-static", "qemu-user-static", "env.purpose.qemu"),
)


@dataclass(frozen=True)
class Tool:
    program: str
    package: str
    path: str | None
    purpose_key: str

    @property
    def present(self) -> bool:
        return self.path is not None

    def status(self) -> str:
        if self.present:
            return tr("env.ok")
        return tr("env.missing", hint=f"sudo apt-get install {self.package}")


@dataclass(frozen=True)
class Environment:
    python: str
    machine: str
    root: bool
    tools: tuple[Tool, ...]

    def tool(self, program: str) -> Tool:
        return next(t for t in self.tools if t.program == program)

    def rows(self) -> list[tuple[str, str, str]]:
        rows = [("Python", tr("env.python", version=self.python, machine=self.machine), ""),
                (tr("env.user"), tr("env.user.root" if self.root else "env.user.plain"), "")]
        rows += [(t.program, t.status(), tr(t.purpose_key)) for t in self.tools]
        return rows

    def __str__(self) -> str:
        width = max(len(r[0]) for r in self.rows())
        lines = [tr("env.title")]
        lines += [f"  {name:<{width}}  {status}" + (f"  ({purpose})" if purpose else "")
                  for name, status, purpose in self.rows()]
        return "\n".join(lines)

    def __repr__(self) -> str:
        present = sum(t.present for t in self.tools)
        return f"<Environment tools={present}/{len(self.tools)} root={self.root}>"

    def _repr_html_(self) -> str:
        from .show.html import header, table, wrap

        headers = [tr(k) for k in ("env.col.component", "env.col.status", "env.col.purpose")]
        return wrap(header(tr("env.title")) + table(headers, self.rows()), str(self))


CONTAINERD_SNAPSHOTTER = "io.containerd.snapshotter.v1"


def docker_image_store(info: dict) -> str:
    """``"containerd"`` or ``"classic"``: where a Docker Engine keeps its images, read from its
    ``docker info`` answer (``GET /info``).

    With the containerd image store (the default of new Docker Engine 29+ installs and Docker
    Desktop 4.34+, or ``"features": {"containerd-snapshotter": true}`` in ``daemon.json``) the
    storage driver reports ``driver-type: io.containerd.snapshotter.v1`` in ``DriverStatus``, and
    ``docker images`` shows a manifest (or index) digest as IMAGE ID; the classic store (graph
    drivers such as ``overlay2``) shows the config digest.
    """
    status = {str(pair[0]).strip().lower(): str(pair[1]).strip()
              for pair in info.get("DriverStatus") or () if isinstance(pair, (list, tuple)) and len(pair) == 2}
    if status.get("driver-type") == CONTAINERD_SNAPSHOTTER:
        return "containerd"
    return "classic"


def _which(program: str) -> str | None:
    # Daemons live in sbin, which is not on an ordinary user's PATH.
    return shutil.which(program) or shutil.which(program, path="/usr/sbin:/sbin:/usr/local/sbin")


def environment() -> Environment:
    """Report what this machine offers the course (tools, user, Python)."""
    tools = tuple(Tool(p, pkg, _which(p), key) for p, pkg, key in TOOLS)
    return Environment(python=_platform.python_version(), machine=_platform.machine(),
                       root=os.geteuid() == 0, tools=tools)
