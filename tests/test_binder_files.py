"""The Binder files are exactly what the course needs there, and the README's badge opens it.

``tests/test_packaging.py`` checks that the install files agree with each other; this checks them
against what actually runs on Binder: the notebooks' imports, the programs ``dockerlab`` looks for,
how repo2docker runs ``postBuild``. ``tests/test_binder.py`` then proves the set is sufficient by
building an environment from these files alone and running every notebook in it.
"""

from __future__ import annotations

import ast
import importlib.metadata
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

import binder_support as binder
from components import missing

ROOT = binder.ROOT
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
# Packages dockerlab.machine.TOOLS lists that Binder cannot use, and why.
NOT_ON_BINDER = {
    "docker.io": "Binder gives no Docker daemon (and no root to start one)",
    "qemu-user-static": "binfmt_misc handlers cannot be registered without root",
}
# Needed on Binder beyond the package's runtime dependencies, and why.
COURSE_TOOLS = {
    "jupyterlab": "the interface the README's badge opens",
    "nbval": "the course's own check that every notebook runs (tests/test_binder.py)",
}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].strip().lower()


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_environment_yml_is_runtime_plus_course_tools():
    runtime = {_name(r) for r in _pyproject()["project"]["dependencies"]}
    wanted = runtime | set(COURSE_TOOLS)
    have = {_name(r) for r in binder.pip_requirements()}
    assert have == wanted, (
        f"environment.yml (as PyPI names) {sorted(have)} must be pyproject.toml's runtime "
        f"dependencies plus {sorted(COURSE_TOOLS)}: missing {sorted(wanted - have)}, "
        f"unneeded {sorted(have - wanted)}")


def test_environment_yml_python_satisfies_requires_python():
    from packaging.specifiers import SpecifierSet

    pin = binder.environment_yml_packages()["python"]
    assert re.fullmatch(r"=\d+\.\d+", pin), f"pin python to a minor version, not {pin!r}"
    requires = SpecifierSet(_pyproject()["project"]["requires-python"])
    assert f"{pin[1:]}.0" in requires


def _imports(source: str) -> set[str]:
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_notebooks_import_only_what_environment_yml_provides():
    provided = {_name(r) for r in binder.pip_requirements()} | {"dockerlab"}
    by_module = importlib.metadata.packages_distributions()
    for notebook in NOTEBOOKS:
        cells = json.loads(notebook.read_text())["cells"]
        for module in set().union(*(_imports("".join(c["source"])) for c in cells
                                    if c["cell_type"] == "code")):
            if module in sys.stdlib_module_names:
                continue
            dists = {d.lower() for d in by_module.get(module, [module])}
            assert dists & provided, (
                f"{notebook.name} imports {module!r} ({sorted(dists)}), which environment.yml "
                f"does not provide")


def test_apt_txt_is_what_dockerlab_needs_without_root_or_daemon():
    from dockerlab.machine import TOOLS

    apt = set((ROOT / "apt.txt").read_text().split())
    needed = {package for _, package, _ in TOOLS} - set(NOT_ON_BINDER)
    assert apt == needed, (
        f"apt.txt {sorted(apt)} must be the packages of dockerlab.machine.TOOLS minus "
        f"{sorted(NOT_ON_BINDER)}: missing {sorted(needed - apt)}, unneeded {sorted(apt - needed)}")


def test_apt_txt_packages_are_the_ones_the_binder_test_used():
    """tests/test_binder.py uses this machine's packages in place of apt.txt's: they must be here."""
    for package in sorted(set((ROOT / "apt.txt").read_text().split())):
        done = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package],
                              capture_output=True, text=True)
        if "install ok installed" not in done.stdout:
            missing(f"the Debian package {package} (apt.txt)", f"apt-get install {package}")


def test_postbuild_takes_dependencies_from_environment_yml_only():
    text = (ROOT / "postBuild").read_text()
    installs = [line for line in text.splitlines() if re.search(r"\bpip install\b", line)]
    assert installs, "postBuild must install the dockerlab package"
    for line in installs:
        # With --no-deps an incomplete environment.yml fails the Binder test instead of pip
        # quietly filling the gap from pyproject.toml.
        assert "--no-deps" in line, f"postBuild: {line.strip()!r} must use --no-deps"


def test_postbuild_is_executable_in_git():
    done = subprocess.run(["git", "ls-files", "-s", "postBuild"], cwd=ROOT, capture_output=True,
                          text=True)
    if not done.stdout:
        pytest.skip("not a git checkout")
    assert done.stdout.split()[0] == "100755", "chmod +x postBuild (git mode 100755)"


def test_readme_binder_badge_opens_the_first_notebook_in_jupyterlab():
    readme = (ROOT / "README.md").read_text()
    badges = re.findall(r"\[!\[[^\]]*\]\((https://mybinder\.org/badge_logo\.svg)\)\]\(([^)]+)\)",
                        readme)
    assert len(badges) == 1, "README.md needs exactly one Binder badge"
    url = urlparse(badges[0][1])
    assert (url.scheme, url.netloc) == ("https", "mybinder.org")
    parts = url.path.strip("/").split("/")
    assert parts[:2] == ["v2", "gh"] and len(parts) == 5 and all(parts), (
        f"badge path must be /v2/gh/<owner>/<repo>/<branch>, not {url.path}")
    urlpath = parse_qs(url.query).get("urlpath", [""])
    assert len(urlpath) == 1 and urlpath[0].startswith("lab/tree/"), (
        "urlpath must open JupyterLab (lab/tree/...), not the classic notebook")
    target = urlpath[0][len("lab/tree/"):]
    assert NOTEBOOKS and target == f"notebooks/{NOTEBOOKS[0].name}", (
        f"the badge opens {target!r}; the first lesson is notebooks/"
        f"{NOTEBOOKS[0].name if NOTEBOOKS else '?'}")
    assert (ROOT / target).is_file()
