"""The command line speaks Indonesian (English with --lang en) and never ends in a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import dockerlab
from dockerlab import engines
from dockerlab.cli import main

ARGPARSE_ENGLISH = ("usage:", "positional arguments", "options:", "show this help message and exit",
                    "invalid choice", "error:", "required")


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DOCKERLAB_")}
    return subprocess.run([sys.executable, "-m", "dockerlab", *args], capture_output=True, text=True,
                          env={**environ, **env}, timeout=120)


@pytest.fixture(autouse=True)
def fresh_state():
    yield
    dockerlab.set_language(None)
    engines.reset()


def test_help_is_indonesian_by_default(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for english in ARGPARSE_ENGLISH:
        assert english not in out, english
    assert out.startswith("cara pakai: dockerlab")
    assert "argumen posisi" in out and "opsi:" in out and "tampilkan bantuan ini" in out


def test_help_is_english_with_lang_en(capsys):
    with pytest.raises(SystemExit):
        main(["--lang", "en", "registry", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: dockerlab registry")
    assert "show this help message and exit" in out and "cara pakai" not in out


def test_unknown_language_is_a_usage_error_not_a_traceback():
    done = run("--lang", "fr", "info")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "pilihan 'fr' tidak sah" in done.stderr and "cara pakai:" in done.stderr
    assert "invalid choice" not in done.stderr and "usage:" not in done.stderr


def test_missing_argument_is_explained_in_indonesian(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["tag", "satu:1"])  # docker tag SOURCE TARGET
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "argumen berikut wajib diisi: target" in err
    assert "required" not in err and "usage:" not in err


def test_unknown_engine_in_environment_is_an_indonesian_error():
    done = run("info", DOCKERLAB_ENGINE="foo")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "Galat:" in done.stderr and "'foo'" in done.stderr and "DOCKERLAB_ENGINE" in done.stderr


def test_operating_system_error_is_reported_not_raised(capsys, need_tool):
    need_tool("docker-registry")
    # /proc refuses new folders: the registry storage cannot be created.
    assert main(["registry", "start", "--storage", "/proc/dockerlab-no-such-dir"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Galat:") and "/proc/dockerlab-no-such-dir" in err
    assert "Periksa path dan izin" in err


def test_one_table_printer_for_every_verb():
    from dockerlab.cli import containers
    from dockerlab.cli.output import table

    assert table([["REPOSITORI", "TAG"], ["halo", "1.0"], ["dockerlab.local/busybox", ""]]) == (
        "REPOSITORI                TAG\n"
        "halo                      1.0\n"
        "dockerlab.local/busybox")  # no trailing blanks
    assert table([]) == ""
    assert containers.table is table  # `images` prints dockerlab.images()'s own table


def test_images_prints_the_table_of_dockerlab_images(course_home, monkeypatch, capsys, tmp_path):
    from dockerlab.baseimage import ensure_base_image
    from dockerlab.store import Store

    monkeypatch.setenv("DOCKERLAB_ENGINE", "local")
    engines.reset()
    image = ensure_base_image(Store(course_home))
    assert main(["images"]) == 0
    out = capsys.readouterr().out
    assert out == dockerlab.images().table() + "\n"  # the notebook's columns, Docker's header names
    header, *rows = out.splitlines()
    assert header.split() == ["REPOSITORY", "TAG", "IMAGE", "ID", "CREATED", "SIZE"]
    assert rows and all(r.startswith("dockerlab.local/busybox ") for r in rows)
    assert {r[header.index("TAG"):].split()[0] for r in rows} >= {"latest"}  # the columns line up
    assert all(r[header.index("IMAGE ID"):].split()[0] == image.id.hex[:12] for r in rows)
    assert all(r[header.index("CREATED"):].startswith("2024-01-01 00:00:00") for r in rows)
    assert main(["--lang", "en", "images"]) == 0
    # Docker's own column names in both languages; only the decimal mark follows the language
    assert capsys.readouterr().out == out.replace(",", ".")
    assert main(["images", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {(r["repository"], r["tag"], r["created"]) for r in listed} >= {
        ("dockerlab.local/busybox", "latest", "2024-01-01 00:00:00")}
