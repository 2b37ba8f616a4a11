"""Hostile build contexts: symlinks to host files, FIFOs and devices, hostile ``ADD`` archives,
``COPY`` aimed above the root.

Where Docker accepts the input the build does what Docker does (checked against ``dockerd``: a
context symlink is copied as a symlink and never followed out of the context, a FIFO inside a
copied folder is copied as a FIFO, ``COPY f ../../../tmp/x`` lands in the image's ``/tmp``); where
it cannot (Docker's own daemon waits forever on a FIFO source) the build stops with a clear error
naming the Dockerfile line. Always: no traceback, no hang, no host file read into the store, the
sentinels unchanged, the store valid.
"""

from __future__ import annotations

import gzip
import os
import stat
import tarfile
from pathlib import Path
from typing import Callable

import pytest

from hostile_support import SECRET, assert_clear, d, f, guarded, hard, info, sym, tar_of

from dockerlab import baseimage
from dockerlab.builder import build
from dockerlab.errors import DockerlabError
from dockerlab.store import Store

FROM = f"FROM {baseimage.REPOSITORY}\n"


def _paths(store: Store, ref: str) -> dict[str, str]:
    """path -> kind of the built image's last layer (read through the one tar reader)."""
    from dockerlab.tarutil import list_layer

    image = store.resolve(ref)
    with image.layers[-1].open() as stream:
        return {e.path: e.type for e in list_layer(stream)}


Setup = Callable[[Path, Path], str]  # (context, sentinel) -> Dockerfile text
CASES: dict[str, tuple[Setup, str | None, Callable[[Store], None] | None]] = {}


def case(name: str, refused_line: str | None = None, check: Callable[[Store], None] | None = None):
    def register(fn: Setup) -> Setup:
        CASES[name] = (fn, refused_line, check)
        return fn
    return register


@case("copy_symlink_to_host_file", "2")
def _(ctx, s):
    os.symlink(str(s / "file"), ctx / "link")
    return FROM + "COPY link /x\n"


@case("copy_symlink_dotdot_out", "2")
def _(ctx, s):
    os.symlink("../" * 12 + str(s / "file").lstrip("/"), ctx / "link")
    return FROM + "COPY link /x\n"


@case("copy_dir_with_host_links", None, lambda st: _assert(_paths(st, "out:1"), {"d/abs": "symlink", "d/rel": "symlink"}))
def _(ctx, s):
    (ctx / "dir").mkdir()
    os.symlink(str(s / "file"), ctx / "dir" / "abs")
    os.symlink("../../../../../../" + str(s / "file").lstrip("/"), ctx / "dir" / "rel")
    return FROM + "COPY dir /d/\n"


@case("copy_dot_with_host_links")
def _(ctx, s):
    os.symlink(str(s), ctx / "sentinel-link")
    return FROM + "COPY . /ctx/\n"


@case("dockerfile_is_fifo", "Dockerfile")
def _(ctx, s):
    os.mkfifo(ctx / "Dockerfile.pipe")
    return "@Dockerfile.pipe"


@case("dockerfile_is_device", "Dockerfile")
def _(ctx, s):
    os.symlink("/dev/zero", ctx / "Dockerfile.zero")
    return "@Dockerfile.zero"


@case("dockerignore_is_fifo")
def _(ctx, s):
    os.mkfifo(ctx / ".dockerignore")
    (ctx / "a").write_text("a")
    return FROM + "COPY a /a\n"


@case("copy_fifo_source", "2")
def _(ctx, s):
    os.mkfifo(ctx / "pipe")
    return FROM + "COPY pipe /p\n"


@case("copy_fifo_in_dir", None, lambda st: _assert(_paths(st, "out:1"), {"d/pipe": "fifo", "d/f": "file"}))
def _(ctx, s):
    (ctx / "dir").mkdir()
    os.mkfifo(ctx / "dir" / "pipe")
    (ctx / "dir" / "f").write_text("x")
    return FROM + "COPY dir /d/\n"


@case("copy_device_source", "2")
def _(ctx, s):
    os.mknod(ctx / "zero", 0o600 | stat.S_IFCHR, os.makedev(1, 5))
    return FROM + "COPY zero /z\n"


@case("copy_to_dotdot", None, lambda st: _assert(_paths(st, "out:1"), {"tmp/x": "file"}))
def _(ctx, s):
    (ctx / "f").write_text("x")
    return FROM + "WORKDIR /a/b\nCOPY f ../../../../../../tmp/x\n"


@case("copy_to_absolute_dotdot", None, lambda st: _assert(_paths(st, "out:1"), {"x": "file"}))
def _(ctx, s):
    (ctx / "f").write_text("x")
    return FROM + "COPY f /../../x\n"


@case("copy_source_dotdot", "2")
def _(ctx, s):
    return FROM + "COPY ../../../etc/passwd /x\n"


def _archive(ctx: Path, *members, name: str = "a.tar", compress: bool = False) -> None:
    data = tar_of(*members)
    (ctx / name).write_bytes(gzip.compress(data) if compress else data)


@case("add_dotdot_entry", "2")
def _(ctx, s):
    _archive(ctx, f("../../escape", b"payload"))
    return FROM + "ADD a.tar /dst/\n"


@case("add_absolute_entries", None, lambda st: _assert(_paths(st, "out:1"), {"dst/etc/abs": "file"}))
def _(ctx, s):
    _archive(ctx, f("/etc/abs", b"payload"))
    return FROM + "ADD a.tar /dst/\n"


@case("add_symlink_then_write_through")
def _(ctx, s):
    _archive(ctx, sym("out", str(s)), f("out/planted", b"payload"), sym("up", "../../../../../.."), f("up/tmp/x", b"y"))
    return FROM + "ADD a.tar /dst/\nRUN true\n"


@case("add_hardlink_to_host_file", "2")
def _(ctx, s):
    _archive(ctx, hard("h", str(s / "file")))
    return FROM + "ADD a.tar /dst/\n"


@case("add_device_entry", None, lambda st: _assert(_paths(st, "out:1"), {"dst/disk": "block"}))
def _(ctx, s):
    _archive(ctx, (info("disk", tarfile.BLKTYPE, devmajor=7, devminor=0), None))
    return FROM + "ADD a.tar /dst/\nRUN true\n"


@case("add_whiteout_names_stay_files", None, lambda st: _assert(_paths(st, "out:1"), {"dst/.wh.etc": "file"}))
def _(ctx, s):
    _archive(ctx, f(".wh.etc", b""), d("keep"))
    return FROM + "ADD a.tar /dst/\n"


@case("add_gzip_bomb", "2")
def _(ctx, s):
    _archive(ctx, f("zeros", b"\0" * (12 << 20)), compress=True)
    return FROM + "ADD a.tar /dst/\n"


@case("add_garbage_named_tar", None, lambda st: _assert(_paths(st, "out:1"), {"dst/a.tar": "file"}))
def _(ctx, s):
    (ctx / "a.tar").write_bytes(os.urandom(3000))
    return FROM + "ADD a.tar /dst/\n"


@case("add_truncated_archive", "2")
def _(ctx, s):
    (ctx / "a.tar").write_bytes(tar_of(f("big", b"x" * 5000))[:2000])
    return FROM + "ADD a.tar /dst/\n"


@case("add_truncated_gzip", "2")
def _(ctx, s):
    (ctx / "a.tar").write_bytes(gzip.compress(tar_of(f("big", os.urandom(50000))))[:3000])
    return FROM + "ADD a.tar /dst/\n"


@case("copy_from_stage_with_host_links", None, lambda st: _assert(_paths(st, "out:1"), {"got/link": "symlink"}))
def _(ctx, s):
    _archive(ctx, sym("link", str(s / "file")))
    return f"FROM {baseimage.REPOSITORY} AS one\nADD a.tar /x/\n{FROM}COPY --from=one /x/ /got/\n"


def _assert(found: dict[str, str], expected: dict[str, str]) -> None:
    for path, kind in expected.items():
        assert found.get(path) == kind, (path, found)


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_context(name, tmp_path, monkeypatch):
    from dockerlab.executor import detect

    setup, refused, check = CASES[name]
    if name == "add_gzip_bomb":
        monkeypatch.setenv("DOCKERLAB_MAX_LAYER_SIZE", "4m")  # above the base image's layer
    with guarded(tmp_path, monkeypatch) as guard:
        store = guard.watch(Store(tmp_path / "store"))
        ctx = tmp_path / "ctx"
        ctx.mkdir()
        text = setup(ctx, guard.sentinel)
        dockerfile = None
        if text.startswith("@"):
            dockerfile = text[1:]
        else:
            if "RUN" in text and detect() is None:
                pytest.skip("no executor")
            (ctx / "Dockerfile").write_text(text)
        try:
            build(store, ctx, "out:1", dockerfile=dockerfile, progress=False)
        except DockerlabError as exc:
            assert refused is not None, f"{name} refused: {exc}"
            needle = "Dockerfile" if refused == "Dockerfile" else f"baris {refused}"
            assert_clear(exc, needle)
            assert store.tags() == [] or all(r.repository != "out" for r, _ in store.tags())
        else:
            assert refused is None, f"{name} was not refused"
            if check is not None:
                check(store)
        for blob in (store.layout / "blobs" / "sha256").iterdir():
            assert SECRET not in blob.read_bytes()
