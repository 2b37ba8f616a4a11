"""Verbs that share a name with a ``docker`` verb mean what Docker's mean: same arguments, main
flags and table columns (issue 17). Driven in-process on the embedded engine; the Docker Engine
side of ``run -p`` is in :func:`test_publish_on_the_docker_engine`."""

from __future__ import annotations

import json

import pytest

from dockerlab import engines
from dockerlab.cli import build_parser, main
from dockerlab.cli.containers import publish_ports, run_diff
from dockerlab.cli.inspect import _diff as run_compare
from build_helpers import make_context


@pytest.fixture
def local_cli(course_home, monkeypatch):
    monkeypatch.setenv("DOCKERLAB_ENGINE", "local")
    engines.reset()
    yield course_home
    engines.reset()


@pytest.fixture
def two_images(local_cli, tmp_path, capsys):
    ctx = make_context(tmp_path / "ctx", {"a.txt": "halo\n", "b.txt": "dua\n"},
                       "FROM scratch\nCOPY a.txt /\nLABEL kursus=docker\nCMD [\"/a.txt\"]\n")
    assert main(["build", "-q", "-t", "satu:1", str(ctx)]) == 0
    (ctx / "Dockerfile").write_text("FROM satu:1\nCOPY b.txt /\n")
    assert main(["build", "-q", "-t", "dua:1", str(ctx)]) == 0
    ids = capsys.readouterr().out.split()
    return ids


def test_diff_is_dockers_container_diff_and_compare_takes_two_images():
    parser = build_parser()
    args = parser.parse_args(["diff", "c1"])
    assert args.handler is run_diff and args.container == "c1"
    assert parser.parse_args(["container", "diff", "c1"]).handler is run_diff
    args = parser.parse_args(["compare", "a:1", "b:1"])
    assert args.handler is run_compare and (args.image, args.other) == ("a:1", "b:1")
    with pytest.raises(SystemExit):
        parser.parse_args(["diff", "a:1", "b:1"])  # docker diff takes one container


def test_compare_prints_the_two_images_difference(two_images, capsys):
    assert main(["compare", "--json", "satu:1", "dua:1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "/b.txt" in json.dumps(data) and "/a.txt" not in json.dumps(data.get("files", data))


def test_images_quiet_no_trunc_and_format(two_images, capsys):
    first, second = two_images
    assert main(["images", "-q"]) == 0
    assert sorted(capsys.readouterr().out.split()) == sorted(i[7:19] for i in (first, second))
    assert main(["images", "-q", "--no-trunc"]) == 0
    assert sorted(capsys.readouterr().out.split()) == sorted((first, second))
    assert main(["images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"]) == 0
    assert sorted(capsys.readouterr().out.splitlines()) == [f"dua:1 {second[7:19]}", f"satu:1 {first[7:19]}"]
    assert main(["images", "--format", "json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["Repository"] for r in rows} == {"satu", "dua"}
    assert set(rows[0]) >= {"Repository", "Tag", "ID", "CreatedAt", "Size", "Digest"}
    assert main(["images", "--format", "table {{.ID}}\t{{.Repository}}"]) == 0
    assert capsys.readouterr().out.splitlines()[0].split() == ["IMAGE", "ID", "REPOSITORY"]


def test_history_has_dockers_columns_newest_first(two_images, capsys):
    _, second = two_images
    assert main(["history", "dua:1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = lines[0]
    columns = ["IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT"]
    assert [header.index(c) for c in columns] == sorted(header.index(c) for c in columns)
    assert lines[1].startswith(second[7:19]) and "COPY" in lines[1]  # the newest step first
    assert all(line.startswith("<missing>") for line in lines[2:])
    assert len(lines) == 1 + 4  # COPY a.txt, LABEL, CMD, COPY b.txt
    assert main(["history", "-q", "dua:1"]) == 0
    assert capsys.readouterr().out.split() == [second[7:19]] + ["<missing>"] * 3
    assert main(["history", "--format", "{{.CreatedBy}}|{{.Size}}", "--no-trunc", "dua:1"]) == 0
    newest = capsys.readouterr().out.splitlines()[0]
    assert "#(nop) COPY file:" in newest and newest.endswith("in / |4 B")  # untruncated, b.txt's 4 bytes


def test_format_refuses_an_unknown_field_in_indonesian(two_images, capsys):
    assert main(["images", "--format", "{{.Nama}}"]) == 1
    err = capsys.readouterr().err
    assert "kolom .Nama tidak ada" in err and "Repository" in err
    assert main(["images", "--format", "{{range .}}x{{end}}"]) == 1
    assert "hanya mengenal" in capsys.readouterr().err


@pytest.mark.executor
def test_ps_columns_run_env_from_the_caller_and_publish_refused_locally(two_images, capsys, monkeypatch):
    from dockerlab.executor import detect
    from components import missing

    if detect() is None:
        missing("an executor (root or proot)", "apt-get install proot")
    monkeypatch.setenv("DARI_LUAR", "nilai luar")
    monkeypatch.delenv("TIDAK_ADA", raising=False)
    assert main(["build", "-q", "-t", "bb:1", "--build-arg", "X=1", _busybox_ctx(two_images)]) == 0
    capsys.readouterr()
    assert main(["run", "--name", "env1", "-e", "DARI_LUAR", "-e", "TIDAK_ADA", "-e", "A=1", "bb:1",
                 "sh", "-c", 'echo "$A|$DARI_LUAR|${TIDAK_ADA-unset}"']) == 0
    assert capsys.readouterr().out == "1|nilai luar|unset\n"  # docker run -e NAME: the caller's value
    assert main(["ps", "-a"]) == 0
    header = capsys.readouterr().out.splitlines()[0]
    columns = ["ID KONTAINER", "IMAGE", "PERINTAH", "DIBUAT", "STATUS", "PORT", "NAMA"]
    assert [header.index(c) for c in columns] == sorted(header.index(c) for c in columns)
    assert main(["ps", "-a", "--format", "{{.Names}} {{.Ports}}|{{.Command}}"]) == 0
    assert capsys.readouterr().out == 'env1 |"sh -c echo \\"$A|$DAR…"\n'  # cut at 20 like docker ps
    assert main(["run", "-p", "8080:80", "bb:1", "true"]) == 1
    assert "--engine docker" in capsys.readouterr().err
    assert main(["rm", "env1"]) == 0


_CTX: dict[str, str] = {}


def _busybox_ctx(_ids) -> str:
    import tempfile
    from pathlib import Path

    if "path" not in _CTX:
        root = Path(tempfile.mkdtemp(prefix="dl-cli-verbs-"))
        make_context(root / "ctx", {}, "FROM dockerlab.local/busybox\n")
        _CTX["path"] = str(root / "ctx")
    return _CTX["path"]


def test_publish_values_are_read_like_docker():
    assert publish_ports(["8080:80", "53:53/udp", "127.0.0.1:9000:90", "443", "127.0.0.1::22"]) == {
        "80/tcp": 8080, "53/udp": 53, "90/tcp": ("127.0.0.1", 9000), "443/tcp": None, "22/tcp": ("127.0.0.1", None)}
    for bad in ("80:x", "70000", "a:b:c:d", "8080:80/icmp", ""):
        with pytest.raises(Exception) as exc:
            publish_ports([bad])
        assert "Tulis seperti docker" in str(exc.value)


@pytest.mark.docker
def test_publish_on_the_docker_engine(store, docker_client, docker_host, tmp_path, capsys, monkeypatch):
    from dockerlab import baseimage
    from dockerlab.engines import transfer
    from dockerlab.engines.docker import DockerEngine

    baseimage.ensure_base_image(store)
    transfer.copy("dockerlab.local/busybox:latest", store, DockerEngine(docker_client, cache_dir=tmp_path / "cache"))
    monkeypatch.setenv("DOCKER_HOST", docker_host)
    monkeypatch.setenv("DOCKERLAB_HOME", str(tmp_path / "home"))
    engines.reset()
    try:
        code = main(["--engine", "docker", "run", "-d", "--name", "dl-cli-port", "-p", "127.0.0.1::80",
                     "dockerlab.local/busybox", "sleep", "300"])
        out = capsys.readouterr()
        assert code == 0, out.err
        # The session's dockerd runs with --bridge=none, so nothing is bound on the host; what Docker
        # recorded from -p is the proof that the flag reached it in Docker's own form.
        host_config = docker_client.containers.get("dl-cli-port").attrs["HostConfig"]
        assert host_config["PortBindings"] == {"80/tcp": [{"HostIp": "127.0.0.1", "HostPort": ""}]}
        assert host_config["NetworkMode"] == "bridge"
        assert main(["--engine", "docker", "ps", "--format", "{{.Names}}|{{.Ports}}"]) == 0
        assert "dl-cli-port|" in capsys.readouterr().out.splitlines()
    finally:
        main(["--engine", "docker", "rm", "-f", "dl-cli-port"])
        engines.reset()


def test_images_takes_a_repository_like_docker_images(two_images, capsys):
    assert main(["images", "--format", "{{.Repository}}:{{.Tag}}", "satu"]) == 0
    assert capsys.readouterr().out.split() == ["satu:1"]
    assert main(["images", "-q", "dua:1"]) == 0
    assert capsys.readouterr().out.split() == [two_images[1][7:19]]
    assert main(["images", "-q", "dua:2"]) == 0
    assert capsys.readouterr().out.split() == []


def test_save_to_stdout_and_load_from_stdin_like_docker(local_cli, two_images, tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "DOCKERLAB_HOME": str(local_cli), "DOCKERLAB_ENGINE": "local"}
    env.pop("DOCKERLAB_LANG", None)
    archive = tmp_path / "satu.tar"
    with open(archive, "wb") as out:
        done = subprocess.run([sys.executable, "-m", "dockerlab", "save", "satu:1"], stdout=out,
                              stderr=subprocess.PIPE, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    import tarfile

    assert "manifest.json" in tarfile.open(archive).getnames()
    other = {**env, "DOCKERLAB_HOME": str(tmp_path / "lain")}
    with open(archive, "rb") as stdin:
        done = subprocess.run([sys.executable, "-m", "dockerlab", "load"], stdin=stdin, capture_output=True,
                              text=True, env=other, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "satu:1" in done.stdout and two_images[0] in done.stdout


def test_save_refuses_a_terminal(two_images, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert main(["save", "satu:1"]) == 1
    assert "-o FILE" in capsys.readouterr().err


def test_inspect_format_reads_dockers_fields(two_images, capsys):
    first, _ = two_images
    assert main(["inspect", "-f", "{{.Id}} {{.Config.Cmd}} {{.Config.Labels}} {{.Config.Nothing}}", "satu:1"]) == 0
    assert capsys.readouterr().out == f"{first} [/a.txt] map[kursus:docker] <no value>\n"
    assert main(["inspect", "--format", "{{json .Config.Labels}}|{{len}}", "satu:1"]) == 1  # no functions
    assert "hanya mengenal" in capsys.readouterr().err
    assert main(["inspect", "--format", "{{json .RootFS.Layers}}", "satu:1"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
