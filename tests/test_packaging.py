"""The install files agree with each other: pyproject.toml, environment.yml, apt.txt, set-up script."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
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


def test_licence_is_an_spdx_string_and_the_backend_knows_that_form():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert data["project"]["license"] == "MIT"
    # the SPDX string form of project.license needs setuptools 77 or newer
    pin = [r for r in data["build-system"]["requires"] if _name(r) == "setuptools"]
    assert pin and int(re.search(r">=\s*(\d+)", pin[0]).group(1)) >= 77


def test_editable_install_prints_no_packaging_warnings(tmp_path):
    """The install `make setup` runs, into a throwaway venv: setuptools has nothing to warn about."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin/python"), "install",
                           "--no-deps", "-e", str(ROOT)], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    output = done.stdout + done.stderr
    for marker in ("BuildBackendWarning", "DeprecationWarning", "SetuptoolsWarning", "!!"):
        assert marker not in output, output
    check = subprocess.run([str(venv / "bin/python"), "-c", "import dockerlab; print(dockerlab.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path)
    assert check.stdout.strip() == str(ROOT / "dockerlab" / "__init__.py")


def _bench(folder: Path, name: str, code: int, lines: str) -> None:
    (folder / name).write_text(textwrap.dedent(f"""
        import sys
        print({lines!r})
        sys.exit({code})
    """))


def test_bench_runs_every_benchmark_and_lists_every_miss_at_the_end(tmp_path):
    _bench(tmp_path, "bench_a.py", 1, "MISS first target 9.0 s (target < 1)")
    _bench(tmp_path, "bench_b.py", 0, "OK   fine 0.1 s")
    _bench(tmp_path, "bench_c.py", 1, "third 3 ms MISSED")
    _bench(tmp_path, "bench_d.py", 2, "no executor here")
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks/run.py"), str(tmp_path)],
                          capture_output=True, text=True)
    assert done.returncode == 1
    head, summary = done.stdout.split("3 of 4 benchmarks missed:")
    for name in ("bench_a.py", "bench_b.py", "bench_c.py", "bench_d.py"):
        assert f"== {name}" in head  # every one ran, also after the first miss
    assert "MISS first target" in summary and "third 3 ms MISSED" in summary
    assert "bench_d.py (exit 2)" in summary and "bench_b.py" not in summary


def test_bench_passes_when_every_target_is_met(tmp_path):
    _bench(tmp_path, "bench_a.py", 0, "OK a")
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks/run.py"), str(tmp_path)],
                          capture_output=True, text=True)
    assert done.returncode == 0 and "all 1 benchmarks met their targets" in done.stdout


def test_make_bench_uses_the_runner():
    make = (ROOT / "Makefile").read_text()
    recipe = make.split("\nbench:", 1)[1].split("\n\n", 1)[0]
    assert "benchmarks/run.py" in recipe and "exit 1" not in recipe
