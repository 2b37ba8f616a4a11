"""The install files agree with each other: pyproject.toml, environment.yml, apt.txt, set-up script."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# PyPI name -> conda-forge name where they differ.
CONDA_NAMES = {"docker": "docker-py", "graphviz": "python-graphviz"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].strip().lower()


def pyproject_runtime() -> set[str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return {_name(r) for r in data["project"]["dependencies"]}


def environment_yml() -> tuple[str, list[str]]:
    """(python pin, conda package names) — a list parser is enough for this flat file."""
    names, python = [], ""
    text = (ROOT / "environment.yml").read_text()
    for line in text.split("\ndependencies:", 1)[1].splitlines():
        m = re.match(r"^\s+-\s+([A-Za-z0-9_.-]+)(.*)$", line)
        if m:
            if m.group(1) == "python":
                python = m.group(2)
            else:
                names.append(m.group(1).lower())
    return python, names


def test_environment_yml_names_the_runtime_dependencies():
    python, conda = environment_yml()
    assert python == "=3.12"
    runtime = {CONDA_NAMES.get(n, n) for n in pyproject_runtime()}
    missing = runtime - set(conda)
    assert not missing, f"environment.yml lacks runtime dependencies: {sorted(missing)}"
    # Anything else it names must be a course tool, not a forgotten runtime dependency.
    extra = set(conda) - runtime - {"pip", "jupyterlab", "nbval"}
    assert not extra, f"environment.yml names packages pyproject.toml does not: {sorted(extra)}"


def test_apt_txt_is_the_course_packages():
    apt = set((ROOT / "apt.txt").read_text().split())
    script = (ROOT / "scripts/system-deps.sh").read_text()
    course = set(re.search(r'^COURSE="([^"]+)"', script, re.M).group(1).split())
    for required in ("busybox-static", "proot", "docker-registry", "skopeo"):
        assert required in apt
    # Binder has no Docker Engine and no qemu binfmt; everything else the course uses is there.
    assert apt <= course, f"apt.txt names packages the set-up does not: {sorted(apt - course)}"


def test_postbuild_installs_the_package_and_stops_on_error():
    text = (ROOT / "postBuild").read_text().splitlines()
    assert text[0].startswith("#!")
    assert "set -e" in text[:3]
    assert any(re.search(r"pip install .*\.$", line) for line in text)


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci/run").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "make test" in ci and "make test" in readme and "make lab" in readme
    assert "urlpath=lab/tree/notebooks/00-pengantar.ipynb" in readme
