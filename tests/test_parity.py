"""Build parity: the same Dockerfile built by the embedded engine and by the real Docker Engine.

Both start FROM the course's busybox base image, built into the store and copied into dockerd.
For each case the two images must have the same number of layers, the same history shape
(``empty_layer`` pattern), the same files in every layer (path, type, mode, owner, size, content,
link target, whiteouts) and the same config fields. What differs by design is asserted as a
difference, each with its reason: times (Docker stamps the build time, dockerlab the fixed epoch),
history ``created_by`` text, and the image ID that follows from them.
"""

from __future__ import annotations

import io
import json
import re
import tarfile
import textwrap
from pathlib import Path

import pytest

from conftest_docker import DOCKER_WHITEOUT_MODE, apply_rows, canonical_whiteouts, entries, is_whiteout

from dockerlab import baseimage
from dockerlab.engines import transfer
from dockerlab.engines.docker import DockerEngine
from dockerlab.errors import BuildContextError, BuildError, DockerfileError, ImageNotFound
from dockerlab.engines.local import LocalEngine
from dockerlab.model import EPOCH, EPOCH_ISO
from dockerlab.store import Store

pytestmark = [pytest.mark.docker, pytest.mark.executor]

BASE = "dockerlab.local/busybox:latest"

CASES: dict[str, dict] = {
    "copy": {
        "Dockerfile": f"""
            FROM {BASE}
            COPY *.txt /app/
            COPY --chown=1000:1000 src/ /app/src/
            COPY --chown=nobody:nogroup conf/app.ini /etc/app.ini
            COPY . /ctx/
            """,
        "files": {"a.txt": "satu\n", "b.txt": "dua\n", "c.md": "bukan txt\n", "debug.log": "log\n",
                  "src/main.sh": "#!/bin/sh\necho halo\n", "src/lib/util.sh": "util\n",
                  "conf/app.ini": "[app]\n", "secret/key": "rahasia\n",
                  "keep.log": "tetap\n", ".dockerignore": "*.log\n!keep.log\nsecret/\n"},
        "modes": {"src/main.sh": 0o755, "conf/app.ini": 0o600},
    },
    "run": {
        "Dockerfile": f"""
            FROM {BASE}
            RUN echo a > /a && mkdir -p /d/e /d/keep && echo b > /d/e/f && echo k > /d/keep/k
            RUN echo c >> /a && rm -r /d/e && rm /etc/group && chmod 600 /etc/passwd && ln -s /a /link
            RUN true
            """,
        "files": {},
    },
    "run-tricky": {
        "Dockerfile": f"""
            FROM {BASE}
            RUN mkdir -p /d/keep /d/gone/deep /e && echo k > /d/keep/k && echo g > /d/gone/deep/g \\
                && echo a > /a && echo f > /e/file && mkdir /empty
            RUN rm -rf /d/keep && mkdir /d/keep && echo baru > /d/keep/new && rm -r /d/gone \\
                && ln /a /hard && chmod 4755 /a && mkfifo /fifo && rm /e/file && mkdir /e/file \\
                && ln -s ../a /e/rel && touch /empty
            WORKDIR /d
            WORKDIR /srv/baru
            USER 1000:1000
            RUN touch /tmp/milik-1000
            """,
        "files": {},
    },
    "metadata-2": {
        "Dockerfile": f"""
            FROM {BASE}
            ENV LEGACY nilai dengan spasi
            ENV A=1 B="dua kata" C=$A
            SHELL ["/bin/sh", "-ec"]
            RUN echo "$B" > /b
            HEALTHCHECK --interval=30s --timeout=3s --retries=2 CMD wget -q -O- localhost || exit 1
            ONBUILD COPY . /app
            ENTRYPOINT echo mulai
            CMD echo tidak-dipakai
            """,
        "files": {},
    },
    "metadata": {
        "Dockerfile": f"""
            FROM {BASE}
            ARG VERSION=1.0
            ARG NAMA
            ENV APP_VERSION=$VERSION GREETING="halo dunia"
            LABEL org.example.version=$VERSION maintainer="kursus" nama=${{NAMA:-kosong}}
            WORKDIR /srv/app
            WORKDIR sub
            RUN pwd > /where && echo "$APP_VERSION $NAMA" > /args
            EXPOSE 53/udp 8080
            VOLUME /data
            USER nobody
            STOPSIGNAL SIGINT
            ENTRYPOINT ["sh", "-c"]
            CMD ["echo $GREETING"]
            """,
        "files": {},
        "build_args": {"NAMA": "budi"},
    },
    "copy-2": {
        "Dockerfile": f"""
            ARG TAG=latest
            FROM dockerlab.local/busybox:$TAG AS awal
            ENV D=/data PATH=/opt/bin:$PATH
            WORKDIR $D/kerja
            COPY satu.txt salin.txt
            COPY tautan /tautan-atas
            COPY pohon/ ./pohon/
            FROM awal
            COPY --from=0 /data/kerja/salin.txt /hasil/
            USER nobody:nogroup
            """,
        "files": {"satu.txt": "1\n", "pohon/a/b.txt": "b\n", "pohon/c.tmp": "tmp\n",
                  "pohon/x/y/z.tmp": "tmp\n", ".dockerignore": "**/*.tmp\nDockerfile\n"},
        "links": {"tautan": "satu.txt", "pohon/a/ke-b": "b.txt"},
        "dirs": ["pohon/kosong"],
    },
    "add": {
        "Dockerfile": f"""
            FROM {BASE}
            ADD arsip.tar.gz /opt/
            ADD --chown=1000:1000 catatan.txt /opt/catatan/
            ADD arsip.tar /srv/
            """,
        "files": {"catatan.txt": "catatan\n"},
        "archives": {"arsip.tar.gz": "w:gz", "arsip.tar": "w"},
    },
    "add-chown-archive": {
        "Dockerfile": f"""
            FROM {BASE}
            ADD --chown=1000:1000 arsip.tar /srv/
            """,
        "files": {},
        "archives": {"arsip.tar": "w"},
    },
    "expose-order": {
        "Dockerfile": f"""
            FROM {BASE}
            EXPOSE 8080 53/udp 443/tcp
            """,
        "files": {},
    },
    "multistage": {
        "Dockerfile": f"""
            FROM {BASE} AS builder
            RUN mkdir /out && echo dibangun > /out/hasil && echo sampah > /out/sampah
            FROM builder AS tester
            RUN test -f /out/hasil && echo ok > /out/tes
            FROM {BASE}
            COPY --from=builder /out/hasil /app/hasil
            COPY --from=tester /out/tes /app/
            CMD ["cat", "/app/hasil"]
            """,
        "files": {},
    },
    "multistage-target": {
        "Dockerfile": "@multistage",
        "files": {},
        "target": "tester",
    },
    # -- Dockerfiles shaped like real projects' (issue 17) ------------------------------------------
    "project-app": {  # a compose sample's app image: ARG defaults, stages by name and index, globs
        "Dockerfile": f"""
            # syntax=docker/dockerfile:1
            ARG BASE={BASE}
            FROM ${{BASE}} AS base
            ARG APP_VERSION=1.4.2
            ARG BUILD_ENV
            ENV APP_HOME=/srv/app \\
                APP_VERSION=${{APP_VERSION}} \\
                MODE=${{BUILD_ENV:-production}} \\
                DEBUG=${{BUILD_ENV:+yes}}
            LABEL org.opencontainers.image.title="contoh app" \\
                  org.opencontainers.image.version="${{APP_VERSION}}"

            WORKDIR $APP_HOME

            FROM base AS build
            COPY src/ ./src/
            COPY *.cfg config/
            RUN set -eux; \\
                mkdir -p out; \\
                # a comment inside the continuation
                cat src/*.py > out/app.py; \\
                ln -s app.py out/main; \\
                chmod 0750 out

            FROM base
            RUN echo "app:x:1000:1000::/srv/app:/bin/sh" >> /etc/passwd \\
             && echo "app:x:1000:" >> /etc/group
            COPY --from=build --chown=app:app /srv/app/out/ ./bin/
            COPY --from=0 /etc/passwd /tmp/passwd-tahap-0
            COPY --chown=1000 static /srv/static
            COPY README.md NOTES.md* ./
            USER app
            EXPOSE 8080/tcp 9090
            VOLUME /srv/app/data /var/log/app
            STOPSIGNAL SIGQUIT
            HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=2 \\
              CMD wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1
            ENTRYPOINT ["/srv/app/bin/main"]
            CMD ["--listen", ":8080"]
            """,
        "files": {"README.md": "baca\n", "NOTES.md": "diabaikan\n", "src/app.py": "print(1)\n",
                  "src/util.py": "x = 2\n", "src/cache/x.pyc": "bin\n", "a.cfg": "a\n", "b.cfg": "b\n",
                  "static/index.html": "<p>halo</p>\n", "static/tmp/junk": "sampah\n",
                  ".dockerignore": "*.md\n!README.md\nsrc/**/*.pyc\nstatic/tmp\n"},
        "modes": {"src/app.py": 0o755},
        "build_args": {"BUILD_ENV": "staging"},
    },
    "project-official": {  # an official image's pattern: users, data dir, entrypoint script
        "Dockerfile": f"""
            FROM {BASE}
            ENV DB_VERSION=16.1 \\
                DATA_DIR=/var/lib/db
            RUN set -eux; \\
            	mkdir -p "$DATA_DIR" /docker-entrypoint-initdb.d; \\
            	chmod 1777 "$DATA_DIR"; \\
            	echo 'db:x:999:999:db:/var/lib/db:/bin/false' >> /etc/passwd; \\
            	echo 'db:x:999:' >> /etc/group; \\
            	chown -R 999:999 "$DATA_DIR"
            VOLUME $DATA_DIR
            COPY docker-entrypoint.sh /usr/local/bin/
            RUN ln -s usr/local/bin/docker-entrypoint.sh /entrypoint.sh # backwards compat
            ENTRYPOINT ["docker-entrypoint.sh"]
            EXPOSE 5432
            STOPSIGNAL SIGINT
            CMD ["postgres"]
            """,
        "files": {"docker-entrypoint.sh": "#!/bin/sh\nexec \"$@\"\n"},
        "modes": {"docker-entrypoint.sh": 0o755},
    },
    "project-lines": {  # what real files do with lines: blank lines and comments inside, escapes
        "Dockerfile": f"""
            FROM {BASE}
            ENV C trailing\\\\backslash\\\\
            LABEL sesudah=ya
            RUN echo "$C" > /c \\

             && echo lanjut >> /c
            ENV A=1 \\
                B="dua tiga" \\
            # a comment between the pairs
                D=${{A}}x
            RUN printf '%s|%s|%s\\n' "$A" "$B" "$D" > /abd
            """,
        "files": {},
    },
    "project-escape": {  # the Windows-style escape directive
        "Dockerfile": f"""
            # escape=`
            FROM {BASE}
            ENV P=c:\\app\\ `
                Q=q
            RUN echo "$P" > /p `
             && echo "$Q" >> /p
            WORKDIR /w
            """,
        "files": {},
    },
    "project-expansion": {  # ARG and ENV expansion forms Docker and BuildKit share
        "Dockerfile": """
            ARG TAG=latest
            FROM dockerlab.local/busybox:${TAG}
            ARG TAG
            ARG EMPTY=
            ARG UNSET
            ENV T1=${TAG:-none} T2=${EMPTY:-dflt} T3=${UNSET:-dflt} T4=${TAG:+set} T5=${EMPTY:+set} T6=x${UNSET}y
            ENV T7="$T1-$T2" T8='$T1' T9=\\$T1 T10=${UNSET:-$T1} T11="${EMPTY:-a b}"
            ENV OLD old style value $T1
            LABEL "kunci berspasi"="v" spasi="a b" special="$@|${#}|$$"
            WORKDIR /w/${TAG}
            USER ${UNSET:-1000}:${EMPTY:-100}
            EXPOSE ${PORT:-8080}
            """,
        "files": {},
    },
    "project-entrypoints": {  # ENTRYPOINT and CMD combinations, SHELL, ONBUILD from a stage
        "Dockerfile": f"""
            FROM {BASE} AS induk
            ONBUILD RUN echo "onbuild jalan" > /onbuild.txt
            ONBUILD ENV DARI_ONBUILD=1
            CMD ["sh"]
            FROM induk AS anak
            WORKDIR /tmp
            WORKDIR kerja
            ENTRYPOINT /bin/echo bentuk-shell
            FROM anak
            CMD echo "cmd setelah entrypoint shell"
            SHELL ["/bin/sh", "-c"]
            ENTRYPOINT ["/bin/echo"]
            """,
        "files": {},
    },
    "project-quoting": {  # quoting and expansion idioms of real files
        "Dockerfile": f"""
            FROM {BASE}
            ENV X=lama
            ENV PATH="/opt/bin:${{PATH}}" X=baru Y=$X Z="${{X}}"
            LABEL description="Baris satu \\
              baris dua" "com.example.nama"='dengan spasi' kosong=""
            ARG A
            ARG B=${{A:-tanpa}}-$X
            COPY ["berspasi satu.txt", "dua.txt", "/dst dir/"]
            RUN echo "$B|$Y|$Z" > /hasil && printf '%s\\n' '$PATH' "${{PATH%%:*}}" >> /hasil
            EXPOSE 80/tcp 443
            ENTRYPOINT ["/bin/sh", "-c", "echo \\"$0\\" \\"$@\\"", "nama"]
            """,
        "files": {"berspasi satu.txt": "1\n", "dua.txt": "2\n"},
    },
    "project-copy-owners": {  # COPY --from keeps the owners the source stage gave its files
        "Dockerfile": f"""
            FROM {BASE} AS sumber
            RUN mkdir -p /o/sub && echo x > /o/f && echo y > /o/sub/g && ln -s f /o/l \\
             && chown -R 1234:5678 /o && chown 42:43 /o/sub/g
            USER 1000
            RUN mkdir -p /tmp/u && echo z > /tmp/u/h
            FROM {BASE}
            COPY --from=sumber /o /dest/o
            COPY --from=sumber /tmp/u /dest/u
            COPY --from=sumber /o/sub/g /o/l /satu/
            COPY --from=sumber --chown=7:8 /o /dest/chown
            """,
        "files": {},
    },
}


@pytest.fixture(scope="module")
def engines(docker_client, tmp_path_factory):
    root = tmp_path_factory.mktemp("parity")
    store = Store(root / "store")
    baseimage.ensure_base_image(store)
    docker = DockerEngine(docker_client, cache_dir=root / "cache")
    transfer.copy(BASE, store, docker)
    return LocalEngine(store), docker, root


def context(root: Path, name: str) -> Path:
    case = CASES[name]
    text = case["Dockerfile"]
    if text.startswith("@"):
        text = CASES[text[1:]]["Dockerfile"]
    ctx = root / f"ctx-{name}"
    ctx.mkdir(exist_ok=True)
    (ctx / "Dockerfile").write_text(textwrap.dedent(text).lstrip())
    for name, mode in case.get("archives", {}).items():
        with tarfile.open(ctx / name, mode) as tar:
            for member, data, uid, perm in (("app/", None, 0, 0o755), ("app/run.sh", b"#!/bin/sh\necho jalan\n", 1000, 0o755),
                                             ("app/data/nilai.txt", b"42\n", 0, 0o640)):
                info = tarfile.TarInfo(member)
                info.mtime, info.uid, info.gid, info.mode = 1600000000, uid, uid, perm
                if data is None:
                    info.type = tarfile.DIRTYPE
                else:
                    info.size = len(data)
                tar.addfile(info, io.BytesIO(data) if data is not None else None)
    for rel, content in case["files"].items():
        (ctx / rel).parent.mkdir(parents=True, exist_ok=True)
        (ctx / rel).write_text(content)
        (ctx / rel).chmod(case.get("modes", {}).get(rel, 0o644))
    for rel, target in case.get("links", {}).items():
        if not (ctx / rel).is_symlink():
            (ctx / rel).symlink_to(target)
    for rel in case.get("dirs", []):
        (ctx / rel).mkdir(parents=True, exist_ok=True)
        (ctx / rel).chmod(0o755)
    return ctx


def build_both(engines, name):
    local, docker, root = engines
    ctx = context(root, name)
    case = CASES[name]
    options = dict(build_args=case.get("build_args"), target=case.get("target"), progress=False)
    return (local.build(ctx, f"dl-parity-{name}:local", **options).image,
            docker.build(ctx, f"dl-parity-{name}:docker", **options).image)


def layer_rows(image, with_mtime=False):
    out = []
    for layer in image.layers:
        with layer.open() as f:
            out.append(entries(f, with_mtime=with_mtime))
    return out


CONFIG_FIELDS = ("env", "cmd", "entrypoint", "working_dir", "user", "exposed_ports", "labels", "volumes",
                 "stop_signal", "healthcheck", "on_build", "shell")


KNOWN_GAPS: dict[str, str] = {}  # case -> reason, for a difference not fixed yet


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[n]))
                                  if n in KNOWN_GAPS else n for n in sorted(CASES)])
def test_same_layers_history_files_and_config(engines, name):
    local, docker = build_both(engines, name)
    # same layers, same history shape
    assert len(local.layers) == len(docker.layers)
    assert [h.empty_layer for h in local.history] == [h.empty_layer for h in docker.history]
    assert local.layers[0].diff_id == docker.layers[0].diff_id  # the shared base layer
    # the same file tree in each layer (paths, types, modes, owners, sizes, contents, whiteouts)
    local_rows, docker_rows = layer_rows(local), layer_rows(docker)
    tree: set[str] = set()  # the paths of the layers below the one compared
    expanded: set[str] = set()
    for index, (ours, theirs) in enumerate(zip(local_rows, docker_rows)):
        modes = {row[0]: row[2] for row in theirs}
        for row in theirs:
            if is_whiteout(row):  # Docker: 0600, or for an opaque marker the directory's own mode
                parent = row[0].rsplit("/", 1)[0] if "/" in row[0] else ""
                expected = modes.get(parent) if row[0].endswith("/.wh..wh..opq") else DOCKER_WHITEOUT_MODE
                assert row[2] == expected, row
        for row in ours:  # dockerlab writes Docker's whiteout bytes (mode 0600, owner 0:0)
            if is_whiteout(row) and not row[0].endswith("/.wh..wh..opq"):
                assert row[2:5] == (DOCKER_WHITEOUT_MODE, 0, 0), row
        # An opaque marker and a whiteout per hidden child say the same thing; overlay2 writes the
        # marker for a directory removed and made again (and for one that replaced a file, where
        # it hides nothing), dockerlab's snapshot diff writes whiteouts (the rule Docker's naive diff
        # drivers follow, independent of inode reuse). Compare them as one form.
        canon_theirs, markers = canonical_whiteouts(theirs, tree)
        canon_ours, _ = canonical_whiteouts(ours, tree)
        expanded |= markers
        assert canon_ours == canon_theirs, f"layer {index}: {docker.layers[index].history.created_by}"
        tree = apply_rows(tree, theirs)
    assert expanded == ({"d/keep/.wh..wh..opq", "e/file/.wh..wh..opq"} if name == "run-tricky" else set())
    if name == "add-chown-archive":  # Docker ignores --chown for a local archive it unpacks
        assert {r[0]: r[3:5] for r in docker_rows[1]} == {
            "srv": (0, 0), "srv/app": (0, 0), "srv/app/run.sh": (1000, 1000), "srv/app/data": (0, 0),
            "srv/app/data/nilai.txt": (0, 0)}
    if name == "copy":  # what both agree on is also what the Dockerfile asks for
        paths = {row[0]: row for row in docker_rows[4]}
        assert "ctx/keep.log" in paths and "ctx/a.txt" in paths
        assert not {"ctx/debug.log", "ctx/secret", "ctx/secret/key"} & set(paths)
        assert {(r[3], r[4]) for r in docker_rows[2] if r[0].startswith("app/src/")} == {(1000, 1000)}
        assert [r[2:5] for r in docker_rows[3] if r[0] == "etc/app.ini"] == [(0o600, 65534, 65534)]
    # the same config
    for field in CONFIG_FIELDS:
        assert getattr(local.config.config, field) == getattr(docker.config.config, field), field
    assert (local.config.architecture, local.config.os) == (docker.config.architecture, docker.config.os)


@pytest.mark.parametrize("name", ["copy", "run", "metadata"])
def test_times_and_ids_differ_by_design(engines, name):
    local, docker = build_both(engines, name)
    # Times: dockerlab stamps every layer entry and `created` with the fixed epoch (reproducible
    # builds); Docker's legacy builder keeps the build time and the context files' times.
    assert local.config.created == EPOCH_ISO and docker.config.created != EPOCH_ISO
    new_local = [row for rows in layer_rows(local, with_mtime=True)[1:] for row in rows]
    new_docker = [row for rows in layer_rows(docker, with_mtime=True)[1:] for row in rows]
    assert {row[-1] for row in new_local} == {EPOCH}
    assert {row[-1] for row in new_docker} != {EPOCH}
    # Therefore the configs, and the image IDs, differ — while the layers' files are the same.
    assert local.id != docker.id


SOURCE_HASH = re.compile(r"(file|dir|multi):[0-9a-f]{64}\b")


@pytest.mark.parametrize("name", [
    "add", "copy", "run", "run-tricky", "metadata", "metadata-2", "multistage", "multistage-target", "expose-order",
    *sorted(n for n in CASES if n.startswith("project-")),
])
def test_history_text_is_dockers(engines, name):
    """``created_by`` is Docker's text, except the source hash of COPY/ADD: Docker hashes the
    sources' tar headers, file times included, and dockerlab's times are the fixed epoch."""
    local, docker = build_both(engines, name)
    ours = [h.history.created_by for h in local.history]
    theirs = [h.history.created_by for h in docker.history]
    assert [SOURCE_HASH.sub(r"\1:<hash>", t) for t in ours] == [SOURCE_HASH.sub(r"\1:<hash>", t) for t in theirs]
    for a, b in zip(ours, theirs):
        if SOURCE_HASH.search(b):
            assert a != b  # the difference by design: the hash covers the file times


@pytest.mark.parametrize("name", ["copy", "metadata", "metadata-2", "multistage", "multistage-target", "run-tricky",
                                  "project-lines", "project-official", "project-copy-owners"])
def test_build_steps_and_events_match(engines, name):
    local_engine, docker_engine, root = engines
    ctx = context(root, name)
    case = CASES[name]
    results, events = {}, {}
    for engine in (local_engine, docker_engine):
        for attempt in ("first", "cached"):
            seen = []
            result = engine.build(ctx, f"dl-steps-{name}:{engine.name}", build_args=case.get("build_args"),
                                  target=case.get("target"), progress=seen.append,
                                  no_cache=attempt == "first")
            results[engine.name, attempt] = [(s.number, s.total, s.line, s.cached, s.layer_digest is None,
                                              s.instruction.split()[0], s.stage, s.instruction)
                                             for s in result.steps]
            events[engine.name, attempt] = [(e.kind, e.step, e.total) for e in seen if e.kind in ("step", "cached")]
    for attempt in ("first", "cached"):
        assert results["docker", attempt] == results["local", attempt]
        assert events["docker", attempt] == events["local", attempt]
    assert not any(row[3] for row in results["docker", "first"])
    assert all(row[3] == (row[5] != "FROM") for row in results["docker", "cached"])


ERRORS = {
    "run-fails": ("FROM {base}\n# komentar\nRUN echo mulai && \\\n    exit 3\n", BuildError, 3),
    "copy-missing": ("FROM {base}\nWORKDIR /app\nCOPY hilang.txt ./\n", BuildContextError, 3),
    # Docker: "invalid from flag value 0: refers to current build stage" (a BuildError at step 3 on
    # the Docker engine); the embedded engine refuses it at the same line as a DockerfileError.
    "from-current-stage": ("FROM {base}\nRUN true\nCOPY --from=0 /etc/passwd /x\n", (BuildError, DockerfileError), 3),
    "unknown-instruction": ("FROM {base}\nRUN true\nJALANKAN sesuatu\n", DockerfileError, 3),
}


ERROR_GAPS: dict[str, str] = {}  # case -> reason, for a difference not fixed yet


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=ERROR_GAPS[n]))
                                  if n in ERROR_GAPS else n for n in sorted(ERRORS)])
def test_the_same_errors_at_the_same_lines(engines, name):
    local, docker, root = engines
    text, kind, line = ERRORS[name]
    ctx = root / f"err-{name}"
    ctx.mkdir(exist_ok=True)
    (ctx / "Dockerfile").write_text(text.format(base=BASE))
    lines = {}
    for engine in (local, docker):
        with pytest.raises(kind) as err:
            engine.build(ctx, progress=False)
        lines[engine.name] = err.value.params.get("line")
    assert lines == {"local": line, "docker": line}


def test_the_same_platform_error_at_the_same_line(engines):
    """The legacy builder would quietly build on the local image of another CPU; both refuse."""
    from dockerlab.errors import PlatformMismatch
    from dockerlab.executor import elf

    local, docker, root = engines
    other = "linux/arm64" if elf.host_architecture() != "arm64" else "linux/amd64"
    ctx = root / "err-platform"
    ctx.mkdir(exist_ok=True)
    (ctx / "Dockerfile").write_text(f"ARG X=1\nFROM {BASE}\nRUN true\n")
    errors = {}
    for engine in (local, docker):
        with pytest.raises(PlatformMismatch) as err:
            engine.build(ctx, f"dl-platform:{engine.name}", platform=other, progress=False)
        errors[engine.name] = str(err.value)
    assert errors["docker"] == errors["local"]
    assert errors["docker"].startswith("Dockerfile baris 2: image ")
    with pytest.raises(ImageNotFound):
        docker.image("dl-platform:docker")  # nothing was built or tagged


# -- where BuildKit and the legacy builder differ, dockerlab follows BuildKit (issue 17) -------------
# The session's dockerd is 20.10 with its legacy builder (BuildKit needs buildx, not packaged here).
# Each case: the Dockerfile, what the legacy builder answers, and what dockerlab builds instead.
BUILDKIT_CASES = {
    "heredoc": ("FROM {base}\nRUN <<EOF\necho hai > /hai\nEOF\n", "unknown instruction: ECHO"),
    "copy-chmod": ("FROM {base}\nCOPY --chmod=0755 a.txt /x\n", "--chmod option requires BuildKit"),
    "copy-link": ("FROM {base}\nCOPY --link a.txt /x\n", "Unknown flag: link"),
    "pattern": ("FROM {base}\nENV F=arsip.tar.gz\nENV G=${{F%.gz}}\n", "missing ':' in substitution"),
    "no-colon": ("FROM {base}\nENV G=${{F-bawaan}}\n", "missing ':' in substitution"),
    "start-interval": ("FROM {base}\nHEALTHCHECK --start-interval=2s CMD true\n", "Unknown flag: start-interval"),
    # the platform ARGs BuildKit defines; the legacy builder leaves them empty
    "buildplatform": ("FROM --platform=$BUILDPLATFORM {base}\nARG TARGETARCH\nRUN echo \"$TARGETARCH\" > /arch\n",
                      "failed to parse platform"),
}


@pytest.mark.parametrize("name", sorted(BUILDKIT_CASES))
def test_buildkit_features_the_legacy_builder_refuses(engines, name):
    local, docker, root = engines
    text, legacy = BUILDKIT_CASES[name]
    ctx = root / f"bk-{name}"
    ctx.mkdir(exist_ok=True)
    (ctx / "Dockerfile").write_text(text.format(base=BASE))
    (ctx / "a.txt").write_text("a\n")
    with pytest.raises(Exception) as theirs:
        docker.build(ctx, f"dl-bk-{name}:docker", progress=False)
    assert legacy in str(theirs.value)
    # the Docker engine's message says it is a BuildKit feature this classic builder lacks
    assert "fitur BuildKit" in str(theirs.value) and "builder klasik" in str(theirs.value)
    image = local.build(ctx, f"dl-bk-{name}:local", progress=False).image
    config = image.config.config
    if name == "heredoc":
        with image.layers[-1].open() as f:
            assert [(r[0], r[6]) for r in entries(f)] == [("hai", __import__("hashlib").sha256(b"hai\n").hexdigest())]
    elif name == "copy-chmod":
        with image.layers[-1].open() as f:
            assert [r[:3] for r in entries(f)] == [("x", "file", 0o755)]
    elif name == "pattern":
        assert "G=arsip.tar" in config.env
    elif name == "no-colon":
        assert "G=bawaan" in config.env
    elif name == "buildplatform":
        from dockerlab.executor.elf import host_architecture

        with image.layers[-1].open() as f:
            rows = entries(f)
        digest = __import__("hashlib").sha256(f"{host_architecture()}\n".encode()).hexdigest()
        assert [(r[0], r[6]) for r in rows] == [("arch", digest)]
    elif name == "start-interval":
        assert json.loads(image.config.raw)["config"]["Healthcheck"]["StartInterval"] == 2_000_000_000


def test_workdir_keeps_no_trailing_slash_as_buildkit(engines):
    """The legacy builder keeps ``WORKDIR /srv/app/`` as written; BuildKit cleans the path."""
    local, docker, root = engines
    ctx = root / "bk-workdir"
    ctx.mkdir(exist_ok=True)
    (ctx / "Dockerfile").write_text(f"FROM {BASE}\nWORKDIR /srv/app/\n")
    theirs = docker.build(ctx, "dl-bk-workdir:docker", progress=False).image
    ours = local.build(ctx, "dl-bk-workdir:local", progress=False).image
    assert theirs.config.config.working_dir == "/srv/app/"
    assert ours.config.config.working_dir == "/srv/app"
    assert len(ours.layers) == len(theirs.layers)  # both made the folder


@pytest.mark.parametrize("text, line", [
    ("FROM {base}\nLABEL a=" + "x" * 70000 + "\n", 2),          # over 65535 bytes
    ("FROM {base} AS a/b\n", 1),                                  # stage name
    ("FROM {base}\nHEALTHCHECK --interval=0s CMD true\n", 2),      # under 1ms
    ("FROM {base}\nCOPY --chown 1:1 a.txt /x\n", 2),              # a flag needs =value
    ("FROM {base}\nCOPY tidak-ada* /x/\n", 2),                    # no source at all
    ("FROM {base}\nCOPY a\\ b.txt /x/\n", 2),                       # words split on blanks, escape or not
])
def test_both_engines_refuse(engines, text, line):
    local, docker, root = engines
    ctx = root / f"refuse-{abs(hash(text))}"
    ctx.mkdir(exist_ok=True)
    (ctx / "Dockerfile").write_text(text.format(base=BASE))
    (ctx / "a.txt").write_text("a\n")
    with pytest.raises(Exception):
        docker.build(ctx, "dl-refuse:docker", progress=False)
    from dockerlab.errors import DockerlabError

    with pytest.raises(DockerlabError) as ours:
        local.build(ctx, "dl-refuse:local", progress=False)
    assert ours.value.params.get("line") == line


def test_a_hardlink_in_an_added_archive_stays_a_hardlink(engines):
    local, docker, root = engines
    ctx = root / "add-hardlink"
    ctx.mkdir(exist_ok=True)
    (ctx / "Dockerfile").write_text(f"FROM {BASE}\nADD arsip.tar /srv/\n")
    with tarfile.open(ctx / "arsip.tar", "w") as tar:
        for name, kind, target, data in (("app/", tarfile.DIRTYPE, "", None), ("app/bin", tarfile.REGTYPE, "", b"x\n"),
                                         ("app/alias", tarfile.LNKTYPE, "app/bin", None)):
            info = tarfile.TarInfo(name)
            info.type, info.linkname, info.mode, info.mtime = kind, target, 0o755, 1600000000
            info.size = len(data) if data else 0
            tar.addfile(info, io.BytesIO(data) if data else None)
    ours = local.build(ctx, "dl-hardlink:local", progress=False).image
    theirs = docker.build(ctx, "dl-hardlink:docker", progress=False).image
    rows = [layer_rows(image)[-1] for image in (ours, theirs)]
    assert rows[0] == rows[1]
    # the tar names the first path as the file and the other as the link to it, as Docker writes it
    assert ("srv/app/bin", "hardlink", 0o755, 0, 0, 0, None, "srv/app/alias") in rows[1]
