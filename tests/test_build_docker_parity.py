"""The same Dockerfile built by the real dockerd (legacy builder) and by the embedded builder:
same history strings (except the content-hash labels), same layers, same file trees, same config."""

from __future__ import annotations

import io
import json
import re
import tarfile

import pytest

from build_helpers import build, make_context, need_executor
from dockerlab import archive
from dockerlab.baseimage import ensure_base_image

pytestmark = [pytest.mark.docker, pytest.mark.executor]

DOCKERFILE = """\
FROM dockerlab.local/busybox
ARG VERSION=1.0
ENV APP=/app GREETING="halo dunia"
LABEL versi=$VERSION
WORKDIR $APP
WORKDIR /etc
COPY hello.txt .
COPY --chown=1000:1000 conf /etc/app/
RUN echo "$GREETING" > /greet && rm /etc/group
RUN true
EXPOSE 8080 53/udp
USER 1000:1000
VOLUME ["/data"]
STOPSIGNAL SIGINT
HEALTHCHECK --interval=30s --retries=3 CMD wget -q -O- http://localhost/
ONBUILD COPY . /src
SHELL ["/bin/sh", "-ec"]
ENTRYPOINT ["/app/run"]
CMD ["--port", "8080"]
"""
MULTI_STAGE = """\
FROM dockerlab.local/busybox AS build
ARG NODEF
ENV OLD value with  spaces
RUN mkdir -p /out/x && echo 1 > /out/x/f && ln -s x /out/l
RUN rm -rf /out/x && mkdir /out/x && echo 2 > /out/x/g
FROM dockerlab.local/busybox
COPY *.txt /tmp
COPY d /etc/
ADD pkg.tgz /opt/
COPY --from=build /out /out
COPY . /ctx/
WORKDIR rel/dir
RUN touch here
"""

# a JSON form that does not parse is the shell form (Docker's parseMaybeJSON); `\` with spaces after
# it still continues the line
JSON_FALLBACK = (
    "FROM dockerlab.local/busybox\n"
    "RUN mkdir /app && \\   \n"
    "    echo ok > /app/ok\n"
    'ENTRYPOINT ["/bin/sh",]\n'
    'CMD ["echo", Selamat belajar]\n'
    'HEALTHCHECK CMD ["wget", localhost]\n'
    'VOLUME ["/a", /b]\n'
    'SHELL ["/bin/sh", "-c"] trailing text is ignored\n'
)


def _pkg() -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        info = tarfile.TarInfo("pkg/readme")
        info.size, info.mode = 2, 0o644
        tar.addfile(info, io.BytesIO(b"p\n"))
    return buf.getvalue()


CASES = {
    "single-stage": (DOCKERFILE, {"hello.txt": "halo\n", "conf/a.conf": "a\n", "conf/sub/b.conf": "b\n"}),
    "multi-stage": (MULTI_STAGE, {"a.txt": "x\n", "b.md": "y\n", "d/e/f": "z\n", "pkg.tgz": _pkg(),
                                  ".dockerignore": "b.md\n"}),
    "json-fallback": (JSON_FALLBACK, {}),
}
HASH = re.compile(r"(file|dir|multi):[0-9a-f]{64}")


def _tree(fileobj) -> list[tuple]:
    # a whiteout's own mode means nothing (dockerd writes 0600, tarutil 0644): compare its name only
    with tarfile.open(fileobj=fileobj, mode="r|") as tar:
        return [(m.name.rstrip("/"), m.type, None if "/.wh." in "/" + m.name else m.mode & 0o7777,
                 m.uid, m.gid, m.linkname) for m in tar]


@pytest.mark.parametrize("case", sorted(CASES))
def test_same_history_layers_and_config_as_dockerd(store, tmp_path, docker_client, case):
    need_executor()
    base = ensure_base_image(store)
    dockerfile, files = CASES[case]
    ctx = make_context(tmp_path / "ctx", files, dockerfile)
    if case == "multi-stage":
        (ctx / "d").chmod(0o700)  # the mode of a copied directory's contents is kept, not the directory's
    ours = build(store, ctx, "paritas:1").image
    saved = archive.save(store, [str(base.ref.familiar if base.ref else "dockerlab.local/busybox:latest")],
                         tmp_path / "base.tar")
    docker_client.images.load(saved.read_bytes())
    docker_client.images.build(path=str(ctx), tag="paritas:1", rm=True)
    theirs_config = docker_client.api.inspect_image("paritas:1")
    exported = b"".join(docker_client.images.get("paritas:1").save())
    outer = tarfile.open(fileobj=io.BytesIO(exported))
    manifest = json.load(outer.extractfile("manifest.json"))[0]
    config = json.load(outer.extractfile(manifest["Config"]))

    assert [HASH.sub("HASH", h.created_by) for h in ours.config.history] == \
        [HASH.sub("HASH", h.get("created_by", "")) for h in config["history"]]
    assert [h.empty_layer for h in ours.config.history] == [bool(h.get("empty_layer")) for h in config["history"]]
    assert len(ours.layers) == len(manifest["Layers"])
    for layer, name in zip(ours.layers[1:], manifest["Layers"][1:]):
        with store.open_blob(layer.digest) as f:
            mine = _tree(f)
        assert mine == _tree(outer.extractfile(name))
    keys = ("Env", "Cmd", "Entrypoint", "WorkingDir", "User", "ExposedPorts", "Labels", "Volumes",
            "StopSignal", "Healthcheck", "OnBuild", "Shell")
    ours_cfg = json.loads(ours.config.raw)["config"]
    assert {k: ours_cfg.get(k) or None for k in keys} == {k: theirs_config["Config"].get(k) or None for k in keys}


def _load_base(store, tmp_path, docker_client) -> None:
    ensure_base_image(store)
    saved = archive.save(store, ["dockerlab.local/busybox:latest"], tmp_path / "base.tar")
    docker_client.images.load(saved.read_bytes())


def test_the_shell_form_fallback_warns_on_neither_engine_and_fails_when_run(store, tmp_path, docker_client):
    """dockerd's legacy builder accepts ``CMD ["echo", Selamat belajar]`` silently (no warning in
    its log); the container fails only when it runs. The embedded builder prints nothing either."""
    import docker

    _load_base(store, tmp_path, docker_client)
    ctx = make_context(tmp_path / "ctx", {}, 'FROM dockerlab.local/busybox\nCMD ["echo", Selamat belajar]\n')
    events = []
    ours = build(store, ctx, "salah:1", progress=events.append).image
    theirs = [m.get("stream", "") + m.get("error", "") for m in
              docker_client.api.build(path=str(ctx), tag="salah:1", rm=True, decode=True)]
    assert "Successfully tagged salah:1\n" in theirs
    assert not [line for line in theirs if "warn" in line.lower()]
    assert [e.kind for e in events if e.kind == "output"] == []
    assert list(ours.config.config.cmd) == docker_client.api.inspect_image("salah:1")["Config"]["Cmd"] == \
        ["/bin/sh", "-c", '["echo", Selamat belajar]']
    with pytest.raises(docker.errors.ContainerError) as info:
        docker_client.containers.run("salah:1", remove=True)
    assert info.value.exit_status == 127 and b"not found" in info.value.stderr


@pytest.mark.parametrize("dockerfile, line, word", [
    ('FROM scratch\nCDM ["sh"]\n', 2, "CDM"),
    ("FORM scratch\n", 1, "FORM"),
    ("FROM scratch\nRUN head -c 400000 /dev/zero > /tmp/unduhan.bin &&\n mkdir -p /opt\n", 3, "MKDIR"),
    ("FROM scratch\nRUN echo a\n\n# komentar\necho b\n", 5, "ECHO"),
    ("# escape=`\nFROM scratch\nRUN echo a `\n  && echo b |\ncat\n", 5, "CAT"),
])
def test_unknown_instructions_stop_both_engines_at_the_same_line(store, tmp_path, docker_client,
                                                                dockerfile, line, word):
    import docker

    from dockerlab.errors import DockerfileError

    ctx = make_context(tmp_path / "ctx", {}, dockerfile)
    with pytest.raises(DockerfileError) as ours:
        build(store, ctx)
    with pytest.raises(docker.errors.APIError) as theirs:
        list(docker_client.api.build(path=str(ctx), rm=True, decode=True))
    assert f"line {line}: unknown instruction: {word}" in str(theirs.value.explanation)
    assert ours.value.line == line and f"{word!r}" in str(ours.value)


def test_a_string_array_is_required_by_both_engines(store, tmp_path, docker_client):
    import docker

    from dockerlab.errors import DockerfileError

    ctx = make_context(tmp_path / "ctx", {}, 'FROM scratch\nCMD ["sleep", 1]\n')
    with pytest.raises(DockerfileError) as ours:
        build(store, ctx)
    with pytest.raises(docker.errors.APIError) as theirs:
        list(docker_client.api.build(path=str(ctx), rm=True, decode=True))
    assert "arrays must be comprised of strings only" in str(theirs.value.explanation)
    assert ours.value.line == 2 and "JSON" in str(ours.value)
