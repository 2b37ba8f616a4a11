"""The course in a Binder-like setting: a non-root learner, no Docker daemon, 1 GiB of memory.

The environment is made from the Binder files alone (``environment.yml``, then ``postBuild`` run
by the learner in a copy of the repository; ``apt.txt``'s packages are this machine's), the engine
is chosen by ``DOCKERLAB_ENGINE=auto`` with ``DOCKER_HOST`` pointing nowhere, ``RUN`` steps and
containers go through ``proot``, and every notebook must pass ``nbval --nbval-lax``. See
``binder_support.py`` for how each part is made and why. Timings and peak memory per notebook go
to ``test-output/binder-report.json`` (the instructor's guide quotes them).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

import binder_support as binder
from components import IN_CI, missing, record

pytestmark = [pytest.mark.slow, pytest.mark.executor, pytest.mark.timeout(1800)]

NOTEBOOKS = sorted((binder.ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
REPORT = binder.ROOT / "test-output" / "binder-report.json"


@dataclass
class Binder:
    user: object
    env: Path
    home: Path
    repo: Path

    def environ(self, **extra: str) -> dict[str, str]:
        return binder.learner_env(self.user, self.env, self.home, **extra)

    def run(self, argv, *, limit=None, timeout=900.0, cwd=None):
        return binder.run_as(self.user, argv, cwd=cwd or self.repo, env=self.environ(),
                             limit=limit, timeout=timeout)


def _explain(done) -> str:
    return f"exit {done.returncode}\n--- stdout\n{done.stdout[-6000:]}\n--- stderr\n{done.stderr[-4000:]}"


@pytest.fixture(scope="module")
def setting():
    for tool in ("proot", "busybox"):
        if shutil.which(tool) is None:
            missing(f"the program {tool!r}", f"apt-get install {'busybox-static' if tool == 'busybox' else tool}")
    if not os.access(binder.SYSTEM_PYTHON, os.X_OK):
        missing("the system Python (for the Binder-like environment)", "apt-get install python3-venv")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        missing("runuser (to drop to the learner)", "apt-get install util-linux")
    user = binder.ensure_learner()
    assert user.pw_uid != 0
    env = binder.binder_env(user)
    home = binder.make_home(user)
    try:
        repo = binder.copy_repository(home / "dockerlab")
        binder.chown_tree(home, user)
        setting = Binder(user, env, home, repo)
        # repo2docker: `chmod +x postBuild && ./postBuild`, as the user, in the repository.
        (repo / "postBuild").chmod(0o755)
        done = setting.run(["./postBuild"], timeout=600)
        assert done.returncode == 0, f"postBuild failed as {user.pw_name}: {_explain(done)}"
        yield setting
    finally:
        binder.remove_tree(home)


PROBE = r"""
import json, os, sys, resource
import dockerlab
from dockerlab import engines, executor
from dockerlab.i18n import tr
found = executor.probe()
engine = engines.current()
print(json.dumps({
    "euid": os.geteuid(),
    "engine": engine.name,
    "reason": engine.info().reason,
    "expected_reason": tr("engine.reason.auto_local", host=os.environ["DOCKER_HOST"]),
    "executor": type(found.executor).__name__,
    "package": dockerlab.__file__,
    "cgroup": open("/proc/self/cgroup").read(),
    "rlimit_as": resource.getrlimit(resource.RLIMIT_AS)[0],
}))
"""


def test_the_setting_is_binder_like(setting):
    """Non-root, no daemon, auto → embedded engine, proot executor, the memory limit applies."""
    with binder.MemoryLimit() as limit:
        # From the notebooks folder, where kernels start (the repo root would shadow the install).
        done = setting.run(["python", "-c", PROBE], limit=limit, timeout=120,
                           cwd=setting.repo / "notebooks")
        assert done.returncode == 0, _explain(done)
        seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["euid"] == setting.user.pw_uid != 0
    assert seen["engine"] == "local", seen
    assert seen["reason"] == seen["expected_reason"], "auto must explain why it chose the embedded engine"
    assert seen["executor"] == "ProotExecutor", f"RUN steps must go through proot here: {seen}"
    # postBuild's install (into the env, or editable from the learner's copy), not our tree.
    assert seen["package"].startswith((str(setting.env), str(setting.repo))), seen["package"]
    if limit.path is not None:
        assert limit.path.name in seen["cgroup"], f"the run is not in the limited cgroup: {seen['cgroup']}"
    else:
        assert seen["rlimit_as"] == binder.ADDRESS_SPACE_FALLBACK
        if IN_CI:
            print(f"note: no cgroup could be made; used {limit.describe()}")


def test_what_root_installed_is_not_there_for_the_learner(setting):
    """Binder has only apt.txt's packages: the arm64 busybox that ``make setup-test`` unpacks as
    root for other tests must not reach the learner's runs (notebook 04 once needed it)."""
    if os.geteuid() != 0:
        pytest.skip("only root can hide root's files from the learner")
    hidden = binder.hidden_extras()
    probe = f"import json, os; print(json.dumps([os.listdir(p) for p in {hidden!r}]))"
    done = setting.run(["python", "-c", probe], timeout=120)
    assert done.returncode == 0, _explain(done)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [[] for _ in hidden], (
        f"the learner still sees root's extras {hidden}")


def test_notebook_04_is_complete_without_root_extras(setting):
    """The multi-platform lesson works with what Binder has: a two-platform index, the arm64
    manifest Latihan 04.2 asks for, and the kernel's real exec format error for arm64."""
    with binder.MemoryLimit() as limit:
        done = setting.run(["python", str(setting.repo / "tests/binder_nbrun.py"),
                            "notebooks/04-portabel.ipynb"], limit=limit, timeout=1500)
    assert done.returncode == 0, _explain(done)
    seen = json.loads(done.stdout.strip().splitlines()[-1])["04-portabel.ipynb"]
    assert not seen["errors"], seen["errors"]
    text = seen["text"]
    assert "2 manifest, satu per platform" in text and "linux/arm64" in text, text[-3000:]
    assert "Exec format error" in text, "the arm64 program must be refused by this machine's kernel"
    assert "platform itu dilewati" not in text, "no platform may be skipped"


def test_notebook_08_serves_its_page_without_root(setting):
    """The capstone as a learner runs it on Binder: the course registry as an ordinary user, the
    web app's containers under proot on free loopback ports, each page fetched over HTTP."""
    with binder.MemoryLimit() as limit:
        done = setting.run(["python", str(setting.repo / "tests/binder_nbrun.py"),
                            "notebooks/08-build-push-run.ipynb"], limit=limit, timeout=900)
    assert done.returncode == 0, _explain(done)
    seen = json.loads(done.stdout.strip().splitlines()[-1])["08-build-push-run.ipynb"]
    assert not seen["errors"], seen["errors"]
    text = seen["text"]
    assert "Registry kursus berjalan di 127.0.0.1:" in text, text[-3000:]
    assert text.count("HTTP 200 dari http://127.0.0.1:") >= 4, text[-3000:]
    assert "Halo dari my-app versi 1" in text and "Halo dari my-app versi 2" in text
    assert "Mesin bawaan: kontainer memakai jaringan komputer ini" in text


def test_the_installed_package_finds_the_course_folder(setting):
    """course.start copies notebooks/contoh/<lesson>: the package postBuild installed must find
    the learner's notebooks folder (a plain ``pip install .`` puts the package in site-packages,
    away from the repository)."""
    done = setting.run(["python", "-c", "from dockerlab.course import NOTEBOOKS; print(NOTEBOOKS)"],
                       cwd=setting.repo / "notebooks", timeout=120)
    assert done.returncode == 0, _explain(done)
    found = Path(done.stdout.strip().splitlines()[-1])
    assert (found / "contoh").is_dir() and found.resolve() == (setting.repo / "notebooks").resolve(), (
        f"the installed dockerlab looks for the course in {found}, not in the learner's "
        f"{setting.repo / 'notebooks'}: course.start fails in every notebook. Fix: "
        f"`python -m pip install --no-deps -e .` in postBuild, or let dockerlab.course find "
        f"the notebooks from the kernel's working folder")


@pytest.mark.parametrize("notebook", [nb.name for nb in NOTEBOOKS])
def test_notebook_passes_in_binder_setting(setting, notebook):
    junit = setting.home / f"{notebook}.xml"
    with binder.MemoryLimit() as limit:
        done = setting.run(
            ["python", "-m", "pytest", "-p", "no:cacheprovider", "-q", "--nbval-lax",
             f"--junitxml={junit}", f"notebooks/{notebook}"],
            limit=limit, timeout=1500)
        peak, oom = limit.peak(), limit.oom_kills()
        how = limit.describe()
    seconds = _seconds(junit)
    record(REPORT, notebook, {"seconds": seconds, "peak_bytes": peak, "memory_limit": how,
                              "passed": done.returncode == 0})
    assert oom == 0, f"{notebook}: the kernel was killed for memory ({how}, peak {peak})"
    assert done.returncode == 0, f"{notebook} fails as a non-root learner without Docker ({how}): {_explain(done)}"


def _seconds(junit: Path) -> float | None:
    try:
        return round(sum(float(case.get("time", 0)) for case in ET.parse(junit).iter("testcase")), 1)
    except (OSError, ET.ParseError):
        return None



def test_without_proot_every_failing_cell_says_why(setting):
    """Where proot cannot run, the first notebook says so, and each cell that needs it explains
    itself (ExecutorUnavailable, in Indonesian, shown short) instead of failing with something
    unrelated — also the cells that use what an earlier, unrunnable cell would have made, once a
    hub turns the opt-in extension on for every kernel (``dockerlab/course/kernel.py``) the
    documented way, in the learner's IPython kernel configuration."""
    bindir = binder.path_without("proot", setting.home / "bin-without-proot")
    profile = setting.home / ".ipython" / "profile_default"
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "ipython_kernel_config.py").write_text(
        'c.InteractiveShellApp.extensions = ["dockerlab.course.kernel"]\n')
    binder.chown_tree(bindir, setting.user)
    binder.chown_tree(setting.home / ".ipython", setting.user)
    env = setting.environ()
    env["PATH"] = f"{setting.env}/bin:{bindir}"
    try:
        with binder.MemoryLimit() as limit:
            done = binder.run_as(
                setting.user, ["python", str(setting.repo / "tests/binder_nbrun.py"),
                               *(f"notebooks/{nb.name}" for nb in NOTEBOOKS)],
                cwd=setting.repo, env=env, limit=limit, timeout=1500)
    finally:
        (profile / "ipython_kernel_config.py").unlink()   # the other tests' kernels are stock
    assert done.returncode == 0, _explain(done)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    first = report[NOTEBOOKS[0].name]
    assert not first["errors"], first["errors"]
    assert re.search(r"proot.{0,400}tidak ada", first["text"], re.S), (
        "the first notebook must say that proot is missing here")
    assert any(seen["errors"] for seen in report.values()), "without proot, RUN steps must fail"
    unexplained = [(name, e["cell"], e["ename"], e["evalue"][:120])
                   for name, seen in report.items() for e in seen["errors"]
                   if e["ename"] != "ExecutorUnavailable" or "proot" not in e["evalue"]]
    assert not unexplained, "cells that fail without saying proot is why:\n" + "\n".join(
        map(str, unexplained))
    long = [(name, e["cell"], e["first_line"][:120]) for name, seen in report.items()
            for e in seen["errors"] if not e["first_line"].startswith("❌ ExecutorUnavailable: ")]
    assert not long, "errors shown as a full traceback instead of the short form:\n" + "\n".join(
        map(str, long))
