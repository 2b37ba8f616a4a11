"""Containers: the engine-neutral interface (:mod:`.base`) and the embedded engine's containers.

``run(store, image, command)`` makes a container whose filesystem is its own copy of the image's
files (the image itself never changes), runs its command through :mod:`dockerlab.executor`, and
keeps its state under ``store.root / "containers" / <id>``.

The package is ``container`` (singular) on purpose: a subpackage ``dockerlab.containers`` would
replace the public function ``dockerlab.containers()`` as soon as it was imported.
"""

from __future__ import annotations

from .base import Change, Container, started, stop_started
from .local import LocalContainer, containers, get, prune, run

__all__ = ["Change", "Container", "LocalContainer", "containers", "get", "prune", "run", "started", "stop_started"]
