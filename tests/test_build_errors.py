"""Bad input stops the build with an Indonesian message naming the line and the fix, and leaves
the store exactly as it was: no tag moved, no new image referenced."""

from __future__ import annotations

import pytest

from build_helpers import build, make_context, need_executor
from dockerlab.baseimage import ensure_base_image
from dockerlab.errors import (
    BuildContextError, BuildError, DockerfileError, ExecutorUnavailable, ImageNotFound,
)


def _state(store):
    return sorted((str(ref), str(desc.digest)) for ref, desc in store.tags()), \
        sorted(str(v.digest) for v in store.images())


@pytest.fixture
def tagged(store, tmp_path):
    """A store with ``app:1`` already built, so a failed rebuild must not move it."""
    ctx = make_context(tmp_path / "ok", {"a.txt": "a"}, "FROM scratch\nCOPY a.txt /\n")
    return build(store, ctx, "app:1")


CASES = [
    ("FROM scratch\nCOPY missing.txt /\n", BuildContextError, 2, "missing.txt"),
    ("FROM scratch\nCOPY ../outside.txt /\n", BuildContextError, 2, "di luar konteks"),
    ("FROM scratch\nFROBNICATE x\n", DockerfileError, 2, "tidak dikenal"),
    ('FROM scratch\nCMD ["sh", 1]\n', DockerfileError, 2, "JSON"),
    ("FROM scratch\nCOPY a.txt /\nCDM [\"sh\"]\n", DockerfileError, 3, "maksud Anda CMD?"),
    ("FROM scratch\nCOPY a.txt /tmp/unduhan.bin\nRUN cat /tmp/unduhan.bin &&\n mkdir -p /opt\n",
     DockerfileError, 4, "akhiri baris 3 dengan `\\`"),
    ("FROM scratch\nCOPY a.txt b.txt /not-a-dir\n", DockerfileError, 2, "diakhiri '/'"),
    ("FROM does-not-exist:1.0\n", ImageNotFound, 1, "dockerlab.base_image()"),
    ("FROM scratch\nENV A\n", DockerfileError, 2, "NAMA=nilai"),
    ("FROM scratch\nEXPOSE 99999\n", DockerfileError, 2, "port"),
    ("FROM scratch\nCOPY --chmod=9z a.txt /\n", DockerfileError, 2, "--chmod"),
    ("FROM scratch\nLABEL a=\"unterminated\n", DockerfileError, 2, "kutip"),
    ("FROM scratch\nCOPY a.txt /\nCOPY --from=0 /a.txt /x\n", DockerfileError, 3, "tahap yang sedang dibangun"),
    ("FROM scratch AS awal\nCOPY a.txt /\nCOPY --from=awal /a.txt /x\n", DockerfileError, 3, "RUN cp"),
    ("FROM scratch\nCOPY a.txt /\nFROM scratch\nCOPY --from=1 /a.txt /x\n", DockerfileError, 4, "(tahap 1)"),
    ("FROM scratch\nCOPY a.txt /\nFROM scratch\nCOPY --from=2 /a.txt /x\n", DockerfileError, 4, "belum dibangun"),
]


@pytest.mark.parametrize("dockerfile, error, line, fragment", CASES)
def test_bad_input_names_the_line_and_leaves_the_store(store, tmp_path, tagged, dockerfile, error, line, fragment):
    before = _state(store)
    ctx = make_context(tmp_path / "bad", {"a.txt": "a", "b.txt": "b"}, dockerfile)
    with pytest.raises(error) as info:
        build(store, ctx, "app:1")
    message = str(info.value)
    assert f"baris {line}" in message
    assert fragment in message
    assert _state(store) == before
    assert store.resolve("app:1").id == tagged.image.id


@pytest.mark.parametrize("ref, keyword", [("dockerlab/busybox", "FROM"), ("busybox:latest", "FROM"),
                                          ("dockerlab.locl/busybox", "FROM"), ("busybox", "COPY")])
def test_a_name_close_to_the_base_image_suggests_it(store, tmp_path, ref, keyword):
    ensure_base_image(store)
    before = _state(store)
    text = f"FROM {ref}\n" if keyword == "FROM" else f"FROM scratch\nCOPY --from={ref} /bin/sh /\n"
    ctx = make_context(tmp_path / "c", {}, text)
    with pytest.raises(ImageNotFound) as info:
        build(store, ctx, "x:1")
    suggestion = "FROM dockerlab.local/busybox" if keyword == "FROM" else "COPY --from=dockerlab.local/busybox"
    line = 1 if keyword == "FROM" else 2
    assert str(info.value) == (f"Dockerfile baris {line}: image {ref!r} tidak ada — maksud Anda `{suggestion}`? "
                               "Image dasar kursus bernama dockerlab.local/busybox.")
    assert _state(store) == before


def test_base_image_advice_only_when_the_base_image_is_missing(store, tmp_path):
    import dockerlab

    ctx = make_context(tmp_path / "c", {}, "FROM dockerlab/busybox\n")
    with pytest.raises(ImageNotFound) as info:
        build(store, ctx)
    assert "maksud Anda `FROM dockerlab.local/busybox`?" in str(info.value)
    assert "dockerlab.base_image()" in str(info.value)
    (ctx / "Dockerfile").write_text("FROM ubuntu:22.04\n")
    ensure_base_image(store)
    with pytest.raises(ImageNotFound) as info:
        build(store, ctx)
    message = str(info.value)
    assert "'ubuntu:22.04'" in message and "`FROM dockerlab.local/busybox`" in message
    assert "base_image()" not in message and "maksud" not in message
    dockerlab.set_language("en")
    assert "Use the course base image" in str(info.value)


def test_an_image_on_another_registry_is_not_taken_for_the_base_image(store, tmp_path):
    ensure_base_image(store)
    ctx = make_context(tmp_path / "c", {}, "FROM localhost:5000/busybox:1.0\n")
    with pytest.raises(ImageNotFound) as info:
        build(store, ctx)
    assert "'localhost:5000/busybox:1.0'" in str(info.value) and "maksud" not in str(info.value)


def test_missing_and_empty_dockerfile(store, tmp_path):
    ctx = make_context(tmp_path / "c", {"a.txt": "a"})
    with pytest.raises(DockerfileError, match="tidak ditemukan"):
        build(store, ctx)
    (ctx / "Dockerfile").write_text("\n# nothing\n")
    with pytest.raises(DockerfileError, match="kosong"):
        build(store, ctx)
    with pytest.raises(BuildContextError, match="tidak ditemukan"):
        build(store, tmp_path / "nowhere")


def test_unknown_target(store, tmp_path):
    ctx = make_context(tmp_path / "c", {}, "FROM scratch AS a\nFROM scratch AS b\n")
    with pytest.raises(DockerfileError, match="'nope'"):
        build(store, ctx, target="nope")


def test_messages_switch_to_english(store, tmp_path):
    import dockerlab

    ctx = make_context(tmp_path / "c", {}, "FROM scratch\nCOPY nothing.txt /\n")
    with pytest.raises(BuildContextError) as info:
        build(store, ctx)
    dockerlab.set_language("en")
    assert "Dockerfile line 2" in str(info.value) and "cannot find" in str(info.value)


def test_without_executor_run_stops_at_its_line_and_copy_only_builds(store, tmp_path, monkeypatch):
    from dockerlab.executor import _probe

    monkeypatch.setenv("DOCKERLAB_EXECUTOR", "none")
    _probe.cache_clear()
    ensure_base_image(store)
    ctx = make_context(tmp_path / "c", {"a.txt": "a"},
                       "FROM dockerlab.local/busybox\nCOPY a.txt /\nRUN echo hi\n")
    before = _state(store)
    with pytest.raises(ExecutorUnavailable) as info:
        build(store, ctx, "x:1")
    assert "baris 3" in str(info.value) and "proot" in str(info.value)
    assert _state(store) == before
    (ctx / "Dockerfile").write_text("FROM dockerlab.local/busybox\nCOPY a.txt /\n")
    assert build(store, ctx, "x:1").image.id == store.resolve("x:1").id


@pytest.mark.executor
def test_failing_run_reports_code_and_output(store, tmp_path, tagged):
    need_executor()
    ensure_base_image(store)
    before = _state(store)
    ctx = make_context(tmp_path / "c", {}, "FROM dockerlab.local/busybox\nRUN echo sebelum gagal && exit 3\n")
    with pytest.raises(BuildError) as info:
        build(store, ctx, "app:1")
    message = str(info.value)
    assert "baris 2" in message and "kode keluar 3" in message and "sebelum gagal" in message
    assert _state(store) == before


def test_a_run_of_another_cpus_program_stays_a_platform_mismatch(store, tmp_path, tagged):
    from rootfs_helpers import foreign_elf

    from dockerlab.errors import DockerlabError, PlatformMismatch

    need_executor()
    ensure_base_image(store)
    before = _state(store)
    ctx = make_context(tmp_path / "c", {}, "FROM dockerlab.local/busybox\nCOPY asing /bin/\nRUN [\"/bin/asing\"]\n")
    foreign_elf(ctx / "asing", 0x1234)  # a CPU no emulator handles
    with pytest.raises(PlatformMismatch) as info:
        build(store, ctx, "app:1")
    assert isinstance(info.value, DockerlabError) and isinstance(info.value, RuntimeError)
    assert str(info.value).startswith("Dockerfile baris 3: RUN tidak bisa dimulai: exec format error: /bin/asing")
    assert info.value.params["line"] == 3 and info.value.params["program"] == "/bin/asing"
    assert _state(store) == before


def test_add_url_offline_says_so(store, tmp_path):
    # a loopback port nobody listens on: a real, immediate connection failure, like being offline
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ctx = make_context(tmp_path / "c", {}, f"FROM scratch\nADD http://127.0.0.1:{port}/file.tgz /\n")
    with pytest.raises(BuildError) as info:
        build(store, ctx)
    assert "baris 2" in str(info.value) and "offline" in str(info.value) and "COPY" in str(info.value)


def test_add_url_downloads_when_reachable(store, tmp_path):
    import functools
    import http.server
    import threading

    served = tmp_path / "www"
    served.mkdir()
    (served / "data.txt").write_text("dari server\n")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/data.txt"
        ctx = make_context(tmp_path / "c", {}, f"FROM scratch\nADD {url} /dl/\n")
        result = build(store, ctx)
    finally:
        server.shutdown()
        thread.join(timeout=10)
    from build_helpers import layer_file, layer_listing

    digest = result.image.layers[0].digest
    assert ("dl/data.txt", "file", 0o600, 0, 0) in [e[:5] for e in layer_listing(store, digest)]
    assert layer_file(store, digest, "dl/data.txt") == b"dari server\n"


class _BuggyExecutor:
    """An executor whose code has a bug (not a RUN the learner can fix)."""

    name = "buggy"

    def run(self, *args, **kwargs):
        return {}["missing"]


def test_a_bug_in_the_executor_is_not_reported_as_a_run_that_cannot_start(store, tmp_path):
    ensure_base_image(store)
    ctx = make_context(tmp_path / "c", {}, "FROM dockerlab.local/busybox\nRUN true\n")
    with pytest.raises(KeyError):
        build(store, ctx, executor=_BuggyExecutor())
