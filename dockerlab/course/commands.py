"""The ``docker`` command line that does what a cell does, shown beside it (``podman`` when the
course runs on Podman: the same verbs and flags)."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from html import escape
from typing import Any

from ..product import equivalent
from .lesson import _wrap


_FLAGS = {
    "tag": "-t", "dockerfile": "-f", "platform": "--platform", "target": "--target", "name": "--name",
    "detach": "-d", "no_cache": "--no-cache", "output": "-o", "input": "-i", "all": "-a",
    "force": "-f", "remove": "--rm", "build_args": "--build-arg", "env": "-e", "message": "-m",
    "publish": "-p",
}


@dataclass(frozen=True)
class DockerCommand:
    """A ``docker`` (or ``podman``) command line, shown as a learner would type it."""

    argv: tuple[str, ...]
    program: str = "docker"

    @property
    def text(self) -> str:
        return self.program + " " + shlex.join(self.argv)

    def __str__(self) -> str:
        return f"$ {self.text}"

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        return _wrap(f"<span class='dl-sub'>{escape(equivalent(self.program))}:</span> "
                     f"<code>$ {escape(self.text)}</code>")


def docker(verb: str, *args: Any, **options: Any) -> DockerCommand:
    """``docker("build", "contoh/my-app", tag="my-app:latest")`` → ``$ docker build -t my-app:latest contoh/my-app``.

    Options come first, as ``docker`` expects; ``True`` gives a bare flag, lists repeat the flag,
    dicts give ``KEY=VALUE`` pairs.
    """
    argv: list[str] = str(verb).split()
    for key, value in options.items():
        if value is None or value is False:
            continue
        flag = _FLAGS.get(key, "--" + key.replace("_", "-"))
        if value is True:
            argv.append(flag)
        elif isinstance(value, dict):
            for k, v in value.items():
                argv += [flag, f"{k}={v}"]
        elif isinstance(value, (list, tuple)):
            for v in value:
                argv += [flag, str(v)]
        else:
            argv += [flag, str(value)]
    for arg in args:
        argv += [str(a) for a in arg] if isinstance(arg, (list, tuple)) else [str(arg)]
    from .. import engines

    return DockerCommand(tuple(argv), engines.command_name())

