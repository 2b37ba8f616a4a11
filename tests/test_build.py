"""The daemonless builder: layers, history, config and the build cache (FROM scratch, no RUN)."""

from __future__ import annotations

import os

import pytest

from build_helpers import build, layer_listing, make_context
from dockerlab.model import EPOCH

DOCKERFILE = """\
FROM scratch
ARG VERSION=1.0
ENV APP=/app GREETING="halo dunia"
ENV OLD value with spaces
LABEL versi=$VERSION "nama lengkap"="contoh app"
WORKDIR $APP
COPY hello.txt .
COPY conf /etc/app/
EXPOSE 8080 53/udp
USER 1000:1000
VOLUME ["/data"]
STOPSIGNAL SIGINT
HEALTHCHECK --interval=30s --retries=3 CMD wget -q -O- http://localhost/
ONBUILD COPY . /src
ENTRYPOINT ["/app/run"]
CMD ["--port", "8080"]
"""
FILES = {"hello.txt": "halo\n", "conf/a.conf": "a=1\n", "conf/sub/b.conf": "b=2\n"}


@pytest.fixture
def ctx(tmp_path):
    return make_context(tmp_path / "ctx", FILES, DOCKERFILE)


def test_config_follows_the_dockerfile(store, ctx):
    result = build(store, ctx, "contoh:1.0")
    cfg = result.image.config
    rc = cfg.config
    assert cfg.created == "2024-01-01T00:00:00Z"
    assert rc.env == ("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                      "APP=/app", "GREETING=halo dunia", "OLD=value with spaces")
    assert dict(rc.labels) == {"versi": "1.0", "nama lengkap": "contoh app"}
    assert rc.working_dir == "/app"
    assert rc.exposed_ports == ("53/udp", "8080/tcp")
    assert rc.user == "1000:1000"
    assert rc.volumes == ("/data",)
    assert rc.stop_signal == "SIGINT"
    assert dict(rc.healthcheck) == {"Test": ["CMD-SHELL", "wget -q -O- http://localhost/"],
                                    "Interval": 30_000_000_000, "Retries": 3}
    assert rc.on_build == ("COPY . /src",)
    assert rc.entrypoint == ("/app/run",)
    assert rc.cmd == ("--port", "8080")
    assert result.tags == ("contoh:1.0",)
    assert store.resolve("contoh:1.0").id == result.image.id


def test_history_matches_the_legacy_builder(store, ctx):
    result = build(store, ctx)
    history = [(h.created_by, h.empty_layer) for h in result.image.config.history]
    nop = "/bin/sh -c #(nop) "
    copy_hello, copy_conf = history[5][0], history[6][0]
    assert history[:5] == [
        (nop + " ARG VERSION=1.0", True),
        (nop + " ENV APP=/app GREETING=halo dunia", True),
        (nop + " ENV OLD=value with spaces", True),
        (nop + " LABEL versi=1.0 nama lengkap=contoh app", True),
        (nop + "WORKDIR /app", False),  # WORKDIR created /app: a layer
    ]
    assert copy_hello.startswith(nop + "COPY file:") and copy_hello.endswith(" in . ")
    assert copy_conf.startswith(nop + "COPY dir:") and copy_conf.endswith(" in /etc/app/ ")
    assert history[7:] == [
        (nop + " EXPOSE 53/udp 8080", True),  # sorted, as dockerd 20.10 writes it
        (nop + " USER 1000:1000", True),
        (nop + " VOLUME [/data]", True),
        (nop + " STOPSIGNAL SIGINT", True),
        (nop + ' HEALTHCHECK &{["CMD-SHELL" "wget -q -O- http://localhost/"] "30s" "0s" "0s" \'\\x03\'}', True),
        (nop + " ONBUILD COPY . /src", True),
        (nop + ' ENTRYPOINT ["/app/run"]', True),
        (nop + ' CMD ["--port" "8080"]', True),
    ]
    assert all(h.created == "2024-01-01T00:00:00Z" for h in result.image.config.history)
    assert len(result.image.layers) == sum(1 for _, empty in history if not empty) == 3


def test_layers_hold_exactly_the_copied_files(store, ctx):
    result = build(store, ctx)
    workdir, hello, conf = [layer.digest for layer in result.image.layers]
    assert layer_listing(store, workdir) == [("app", "dir", 0o755, 0, 0, EPOCH)]
    assert layer_listing(store, hello) == [("app", "dir", 0o755, 0, 0, EPOCH),
                                           ("app/hello.txt", "file", 0o644, 0, 0, EPOCH)]
    assert [e[:2] for e in layer_listing(store, conf)] == [
        ("etc", "dir"), ("etc/app", "dir"), ("etc/app/a.conf", "file"), ("etc/app/sub", "dir"),
        ("etc/app/sub/b.conf", "file")]
    for layer in result.image.layers:
        assert layer.digest == layer.diff_id  # stored uncompressed


def test_steps_report_lines_layers_and_cache(store, ctx):
    first = build(store, ctx)
    assert [s.line for s in first.steps] == list(range(1, 17))
    assert [s.number for s in first.steps] == list(range(1, 17))
    assert {s.total for s in first.steps} == {16}
    assert not any(first.cached)
    assert [s.layer_digest is not None for s in first.steps] == [
        False, False, False, False, False, True, True, True] + [False] * 8
    second = build(store, ctx)
    assert second.image.id == first.image.id
    assert second.cached == [False] + [True] * 15  # FROM is never "from cache"
    assert "dari cache" in second.table() and "Instruksi" in second.table()
    assert "<th>Langkah</th>" in second._repr_html_() and "dl-cache-hit" in second._repr_html_()
    assert repr(second).startswith("<BuildResult <none> ") and "steps=16 cached=15" in repr(second)


def test_cache_follows_content_and_mode_not_mtime(store, ctx):
    first = build(store, ctx)
    hello = ctx / "hello.txt"
    os.utime(hello, (1, 1))  # only the mtime changes
    again = build(store, ctx)
    assert again.image.id == first.image.id and all(again.cached[1:])
    hello.write_text("halo lagi\n")  # content changes: this COPY and every later step rebuild
    changed = build(store, ctx)
    assert changed.cached == [False, True, True, True, True, True] + [False] * 10
    assert changed.image.id != first.image.id
    hello.write_text("halo\n")
    back = build(store, ctx)  # back to the first content: all from cache, the first image again
    assert back.image.id == first.image.id and all(back.cached[1:])
    os.chmod(ctx / "conf" / "a.conf", 0o600)  # the mode is part of the content
    moded = build(store, ctx)
    assert moded.cached[:7] == [False] + [True] * 6 and not any(moded.cached[7:])


def test_no_cache_rebuilds_everything_to_the_same_image(store, ctx):
    first = build(store, ctx)
    fresh = build(store, ctx, no_cache=True)
    assert not any(fresh.cached)
    assert fresh.image.id == first.image.id  # reproducible: same inputs, same image


def test_build_args_are_substituted_and_part_of_the_cache_key(store, ctx):
    first = build(store, ctx)
    other = build(store, ctx, build_args={"VERSION": "2.0"})
    assert dict(other.image.config.config.labels)["versi"] == "2.0"
    assert other.cached[1:4] == [True, True, True]  # ARG, ENV, ENV see nothing new
    assert other.cached[4] is False  # LABEL used $VERSION
    assert other.image.id != first.image.id


def test_env_substitution_in_copy_workdir_and_relative_workdir(store, tmp_path):
    ctx = make_context(tmp_path / "c", {"a.txt": "a"}, """\
FROM scratch
ENV BASE=/srv NAME=a
WORKDIR ${BASE}
WORKDIR sub/dir
COPY ${NAME}.txt ./${NAME:-x}-copy.txt
ENV NAME=${UNSET:-b} OTHER=${NAME}
""")
    result = build(store, ctx)
    rc = result.image.config.config
    assert rc.working_dir == "/srv/sub/dir"
    assert "NAME=b" in rc.env and "OTHER=a" in rc.env  # all pairs see the values before the ENV
    names = [e[0] for e in layer_listing(store, result.image.layers[-1].digest)]
    assert names == ["srv", "srv/sub", "srv/sub/dir", "srv/sub/dir/a-copy.txt"]


def test_workdir_makes_a_layer_only_when_it_creates_the_directory(store, tmp_path):
    ctx = make_context(tmp_path / "c", {"f": "x"}, "FROM scratch\nCOPY f /app/f\nWORKDIR /app\nWORKDIR /new\n")
    result = build(store, ctx)
    assert [h.empty_layer for h in result.image.config.history] == [False, True, False]
    assert len(result.image.layers) == 2


def test_copy_destination_rules(store, tmp_path):
    ctx = make_context(tmp_path / "c", {"a.txt": "a", "b.txt": "b", "c.md": "c", "d/e.txt": "e",
                                        ".dockerignore": "b.txt\n"}, """\
FROM scratch
COPY a.txt /file-renamed
COPY a.txt /into/
COPY *.txt /wild/
COPY d /dircontents
COPY ["c.md", "/json form/"]
COPY --chmod=700 --chown=1000:50 a.txt /owned/
COPY --chown=33 a.txt /owned2/
""")
    result = build(store, ctx)
    listings = [layer_listing(store, layer.digest) for layer in result.image.layers]
    names = [[e[0] for e in lst] for lst in listings]
    assert names[0] == ["file-renamed"]
    assert names[1] == ["into", "into/a.txt"]
    assert names[2] == ["wild", "wild/a.txt"]  # b.txt is in .dockerignore, so invisible
    assert names[3] == ["dircontents", "dircontents/e.txt"]  # a directory copies its contents
    assert names[4] == ["json form", "json form/c.md"]
    assert listings[5] == [("owned", "dir", 0o755, 1000, 50, EPOCH), ("owned/a.txt", "file", 0o700, 1000, 50, EPOCH)]
    assert listings[6][1][3:5] == (33, 33)  # a lone user is also the group


def test_copy_into_an_existing_directory_without_slash(store, tmp_path):
    ctx = make_context(tmp_path / "c", {"a.txt": "a", "b.txt": "b"},
                       "FROM scratch\nCOPY a.txt /tmp/\nCOPY b.txt /tmp\n")
    result = build(store, ctx)
    assert [e[0] for e in layer_listing(store, result.image.layers[1].digest)] == ["tmp", "tmp/b.txt"]


def test_add_extracts_local_archives(store, tmp_path):
    import io
    import tarfile

    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        data = b"from the archive\n"
        info = tarfile.TarInfo("pkg/readme.txt")
        info.size, info.mode, info.uid, info.gid, info.mtime = len(data), 0o640, 7, 8, 5
        tar.addfile(info, io.BytesIO(data))
    ctx = make_context(tmp_path / "c", {"pkg.tar.gz": buf.getvalue(), "plain.txt": "p"},
                       "FROM scratch\nADD pkg.tar.gz /opt/\nADD plain.txt /opt/\n")
    result = build(store, ctx)
    listing = layer_listing(store, result.image.layers[0].digest)
    assert ("opt/pkg/readme.txt", "file", 0o640, 7, 8, EPOCH) in listing
    assert [e[0] for e in layer_listing(store, result.image.layers[1].digest)] == ["opt", "opt/plain.txt"]
    assert result.image.config.history[0].created_by.startswith("/bin/sh -c #(nop) ADD file:")


def test_multi_stage_copy_from_and_target(store, tmp_path):
    ctx = make_context(tmp_path / "c", {"a.txt": "a"}, """\
FROM scratch AS builder
COPY a.txt /out/built.txt
LABEL stage=builder

FROM scratch AS final
COPY --from=builder /out/built.txt /app/
COPY --from=0 /out /copied
LABEL stage=final
""")
    result = build(store, ctx)
    assert dict(result.image.config.config.labels) == {"stage": "final"}
    names = [[e[0] for e in layer_listing(store, layer.digest)] for layer in result.image.layers]
    assert names == [["app", "app/built.txt"], ["copied", "copied/built.txt"]]
    assert [s.stage for s in result.steps] == ["builder"] * 3 + ["final"] * 4
    builder_only = build(store, ctx, target="builder")
    assert dict(builder_only.image.config.config.labels) == {"stage": "builder"}
    assert builder_only.steps[-1].total == 3


def test_global_args_are_scoped_per_stage(store, tmp_path):
    ctx = make_context(tmp_path / "c", {}, """\
ARG BASE=scratch
ARG V=global
FROM ${BASE}
ENV NOT_SEEN=x$V
ARG V
ENV SEEN=$V
""")
    result = build(store, ctx, build_args={"V": "from-cli"})
    env = result.image.config.config.env
    assert "NOT_SEEN=x" in env and "SEEN=from-cli" in env
    assert result.steps[0].instruction == "ARG BASE=scratch"


def test_progress_events_reach_a_callable(store, ctx):
    events = []
    build(store, ctx, progress=events.append)
    kinds = [e.kind for e in events]
    assert kinds.count("step") == 16
    assert kinds[-1] == "done"
    assert [e.step for e in events if e.kind == "step"] == list(range(1, 17))


def test_progress_prints_steps_by_default(store, ctx, capsys):
    build(store, ctx, progress=None)
    out = capsys.readouterr().out
    assert "Langkah 1/16 : FROM scratch" in out and "Berhasil dibangun" in out
    build(store, ctx, progress=True)
    assert " ---> dari cache" in capsys.readouterr().out


@pytest.mark.parametrize("language, hit, ran", [("id", "dari cache", "dijalankan"),
                                                ("en", "from cache", "executed")])
def test_one_cache_vocabulary_in_log_table_history_and_graph(store, tmp_path, capsys, language, hit, ran):
    """The build log, the build table, the history and the cache diagram use the same two words."""
    import dockerlab
    from dockerlab.inspection import history
    from dockerlab.show import cache_graph

    dockerlab.set_language(language)
    ctx = make_context(tmp_path / "v", {"a.txt": "a", "b.txt": "b"},
                       "FROM scratch\nCOPY a.txt /\nCOPY b.txt /\n")
    first = build(store, ctx, progress=True)
    log = capsys.readouterr().out
    assert log.count(f" ---> {ran}: layer ") == 2 and hit not in log
    (ctx / "b.txt").write_text("B")
    second = build(store, ctx, progress=True)
    log = capsys.readouterr().out
    assert f" ---> {hit}\n" in log and log.count(f" ---> {ran}: layer ") == 1
    assert [s.cached for s in second.steps] == [False, True, False]
    table = second.table()
    assert table.count(hit) == 2 and table.count(ran) == 1  # summary line + the COPY a.txt row
    hist = str(history(second.image, second))
    assert hist.count(hit) == 1 and hist.count(ran) == 1
    graph = cache_graph(second, previous=first).source
    assert f"\\n{hit}\"" in graph and f"\\n{ran}\"" in graph
    for text in (log, table, hist, graph):
        for other in ("Memakai cache", "Using cache", "dibangun ulang", "rebuilt", "cached,"):
            assert other not in text


def test_the_glossary_defines_the_cache_words():
    from pathlib import Path

    from dockerlab.i18n import tr

    text = (Path(__file__).parent.parent / "notebooks" / "glosarium.md").read_text(encoding="utf-8")
    for key in ("build.table.cached", "build.table.built", "inspect.cache.hit", "inspect.cache.miss"):
        assert f"| **{tr(key)}** |" in text, key
    assert f"`{tr('build.progress.cached').strip()}`" in text


def test_platform_for_scratch_and_mismatch_for_a_stored_base(store, tmp_path):
    from dockerlab.baseimage import ensure_base_image
    from dockerlab.errors import PlatformMismatch
    from dockerlab.executor.elf import host_architecture

    ctx = make_context(tmp_path / "c", {"a": "a"}, "FROM scratch\nCOPY a /\n")
    arm = build(store, ctx, platform="linux/arm64")
    assert (arm.image.config.os, arm.image.config.architecture) == ("linux", "arm64")
    per_stage = make_context(tmp_path / "d", {"a": "a"}, "FROM --platform=linux/riscv64 scratch\nCOPY a /\n")
    assert build(store, per_stage).image.config.architecture == "riscv64"
    ensure_base_image(store)
    other = "arm64" if host_architecture() != "arm64" else "amd64"
    base = make_context(tmp_path / "e", {}, "FROM dockerlab.local/busybox\nLABEL x=y\n")
    with pytest.raises(PlatformMismatch) as info:
        build(store, base, platform=f"linux/{other}")
    assert "baris 1" in str(info.value) and other in str(info.value)


def test_copy_from_a_stored_image(store, tmp_path):
    from dockerlab.baseimage import ensure_base_image

    ensure_base_image(store)
    ctx = make_context(tmp_path / "c", {}, "FROM scratch\nCOPY --from=dockerlab.local/busybox /etc/passwd /etc/group /etc/\n")
    result = build(store, ctx)
    listing = layer_listing(store, result.image.layers[0].digest)
    assert [e[0] for e in listing] == ["etc", "etc/group", "etc/passwd"]
    again = build(store, ctx)
    assert again.cached == [False, True]


def test_ignored_files_neither_copied_nor_part_of_the_cache_key(store, tmp_path):
    ctx = make_context(tmp_path / "c", {"app.py": "print(1)\n", "notes.log": "a\n", "tmp/x": "x",
                                        ".dockerignore": "*.log\ntmp\n"}, "FROM scratch\nCOPY . /app/\n")
    first = build(store, ctx)
    names = [e[0] for e in layer_listing(store, first.image.layers[0].digest)]
    assert names == ["app", "app/.dockerignore", "app/Dockerfile", "app/app.py"]
    (ctx / "notes.log").write_text("changed\n")
    (ctx / "tmp" / "y").write_text("new")
    again = build(store, ctx)
    assert again.cached == [False, True] and again.image.id == first.image.id
    (ctx / "app.py").write_text("print(2)\n")
    assert build(store, ctx).cached == [False, False]


def test_unused_build_args_are_reported(store, tmp_path):
    events = []
    ctx = make_context(tmp_path / "c", {}, "FROM scratch\nARG USED\nLABEL x=$USED\n")
    build(store, ctx, build_args={"USED": "1", "TYPO": "2"}, progress=events.append)
    warnings = [e.text for e in events if e.kind == "output"]
    assert warnings == ["[Peringatan] build-arg berikut tidak dipakai (tidak ada ARG bernama itu): TYPO\n"]


def test_a_symlink_named_as_source_is_followed_inside_the_context(store, tmp_path):
    ctx = make_context(tmp_path / "c", {"real.txt": "isi\n", "data/x": "x"}, "FROM scratch\n"
                       "COPY link.txt /a/\nCOPY *.lnk /b/\nCOPY datalink /c/\nCOPY data /d/\n")
    os.symlink("real.txt", ctx / "link.txt")
    os.symlink("real.txt", ctx / "w.lnk")
    os.symlink("data", ctx / "datalink")
    os.symlink("../real.txt", ctx / "data" / "inner-link")
    result = build(store, ctx)
    listings = [layer_listing(store, layer.digest) for layer in result.image.layers]
    assert [(e[0], e[1]) for e in listings[0]] == [("a", "dir"), ("a/link.txt", "file")]
    assert [(e[0], e[1]) for e in listings[1]] == [("b", "dir"), ("b/w.lnk", "file")]
    assert [(e[0], e[1]) for e in listings[2]] == [("c", "dir"), ("c/inner-link", "link"), ("c/x", "file")]
    assert [(e[0], e[1]) for e in listings[3]] == [("d", "dir"), ("d/inner-link", "link"), ("d/x", "file")]


def test_build_tables_use_the_same_size_format_as_inspection():
    from dockerlab.builder import result
    from dockerlab.inspection import _layers
    from dockerlab.textutil import human_size

    assert result.text_table is _layers.text_table  # one table, one size format: textutil's
    assert human_size(2_134_567) == "2,13 MB"   # Indonesian: a decimal comma


def test_a_json_form_that_does_not_parse_is_built_as_the_shell_form(store, tmp_path):
    # what dockerd's legacy builder does (tests/test_build_docker_parity.py checks it against dockerd)
    ctx = make_context(tmp_path / "c", {}, 'FROM scratch\nENTRYPOINT ["a",]\nCMD ["echo", Selamat belajar]\n'
                                           'HEALTHCHECK CMD ["wget", localhost]\nVOLUME ["/a", /b]\n')
    result = build(store, ctx)
    config = result.image.config.config
    assert list(config.entrypoint) == ["/bin/sh", "-c", '["a",]']
    assert list(config.cmd) == ["/bin/sh", "-c", '["echo", Selamat belajar]']
    assert config.healthcheck["Test"] == ["CMD-SHELL", '["wget", localhost]']
    assert sorted(config.volumes) == ["/b]", "[/a,"]
    assert result.image.config.history[1].created_by == \
        '/bin/sh -c #(nop)  CMD ["/bin/sh" "-c" "[\\"echo\\", Selamat belajar]"]'
    assert [s.instruction for s in result.steps][2] == 'CMD ["echo", Selamat belajar]'


def test_the_docker_command_names_the_context_as_the_learner_gave_it(store, tmp_path, monkeypatch):
    """A learner trial saw ``docker build -t my-app:latest .`` under a cell that built
    ``dockerlab.build("contoh/my-app", …)``: the command shows the context path, relative to the
    current folder, like ``course.docker("build", "contoh/my-app", …)`` prints it."""
    from dockerlab.builder.result import BuildResult

    make_context(tmp_path / "contoh" / "my-app", FILES, DOCKERFILE)
    monkeypatch.chdir(tmp_path)
    built = build(store, "contoh/my-app", "my-app:latest")
    assert built.docker_command == "docker build -t my-app:latest contoh/my-app"
    monkeypatch.chdir(tmp_path / "contoh")        # fixed at build time, not when shown later
    assert built.docker_command == "docker build -t my-app:latest contoh/my-app"
    monkeypatch.chdir(tmp_path)
    image = built.image
    given = BuildResult(image, (), ("my-app:latest",), context="contoh/my-app")
    assert given.docker_command == "docker build -t my-app:latest contoh/my-app"
    assert "docker build -t my-app:latest contoh/my-app" in given._repr_html_()
    resolved = BuildResult(image, (), ("my-app:latest",), context=tmp_path / "contoh" / "my-app")
    assert resolved.docker_command == "docker build -t my-app:latest contoh/my-app"
    assert BuildResult(image, (), ("a:1", "b:2"), context="./contoh/../contoh/my-app/").docker_command \
        == "docker build -t a:1 -t b:2 contoh/my-app"
    outside = tmp_path.parent / "elsewhere dir"
    assert BuildResult(image, (), (), context=outside).docker_command == f"docker build '{outside}'"
    assert BuildResult(image, (), ()).docker_command == "docker build ."
