"""Notebook runs (nbval): choose the engine the kernels see, and give them a fresh course folder.

``--dockerlab-engine=local`` runs the notebooks on the embedded engine (strict comparison);
``--dockerlab-engine=docker`` starts a private Docker Engine for the session first (the kernels
inherit ``DOCKER_HOST``) and stops it at the end; ``--dockerlab-engine=podman`` likewise starts a
private Podman API service (the kernels inherit ``CONTAINER_HOST``). Kernels start after ``pytest_sessionstart``,
so the environment set here is what every notebook sees.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "tests"))

_state: dict = {}


def pytest_addoption(parser):
    parser.addoption("--dockerlab-engine", choices=("local", "docker", "podman"), default=None,
                     help="engine the notebooks' kernels use (starts a private dockerd for 'docker', "
                          "a private Podman service for 'podman')")


def pytest_sessionstart(session):
    choice = session.config.getoption("--dockerlab-engine")
    if choice is None:
        return
    home = Path(tempfile.mkdtemp(prefix="dl-nbval-home-"))
    _state["home"] = home
    os.environ["DOCKERLAB_HOME"] = str(home)
    os.environ["DOCKERLAB_ENGINE"] = choice
    os.environ.pop("DOCKERLAB_LANG", None)
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    if choice == "local":
        return
    from components import IN_CI, DockerDaemon, PodmanService, not_available

    kind = {"docker": DockerDaemon, "podman": PodmanService}[choice]
    lack = kind.lacking()
    if lack is not None:
        message = f"nbval on --dockerlab-engine={choice}: {not_available(*lack)}"
        if IN_CI:
            raise RuntimeError(f"CI=true: {message}")
        print(f"\nSKIP: {message}; the notebooks run on the embedded engine instead")
        os.environ["DOCKERLAB_ENGINE"] = "local"
        return
    daemon = kind().start()
    _state["daemon"] = daemon
    daemon.export(os.environ)


# Outputs nbval must not compare strictly: SVG text differs between graphviz versions (the DOT
# source of every diagram is compared by the unit tests instead).
SKIP_COMPARE = ("image/svg+xml",)


def pytest_collection_modifyitems(session, config, items):
    for item in items:
        notebook = getattr(item, "parent", None)
        skip = getattr(notebook, "skip_compare", None)
        if isinstance(skip, tuple) and not set(SKIP_COMPARE) <= set(skip):
            notebook.skip_compare = skip + SKIP_COMPARE


def pytest_sessionfinish(session, exitstatus):
    daemon = _state.pop("daemon", None)
    if daemon is not None:
        daemon.stop()
    home = _state.pop("home", None)
    if home is not None:
        shutil.rmtree(home, ignore_errors=True)
