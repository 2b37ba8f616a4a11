"""Hostile layer tars, taken by every route: they never reach the host, never corrupt the store.

Each case is a list of layer tars (real bytes: ``tarfile`` where it writes them, hand-made blocks
where it refuses to). Each route takes the layers its own way: unpacked by the one extraction path
(as a container's image is), ``docker run``, ``FROM … RUN``, the inspection listings (``tree``,
``efficiency``, image ``diff``), ``ADD`` of the tar as an archive (whiteouts off), and ``save`` →
``load`` into a fresh store then unpacked. Every case asserts, through :func:`hostile_support.guarded`,
that the sentinel trees next to the store and beside ``TMPDIR`` are unchanged (contents, modes,
mtimes) and that every image in the store still validates; and either the route succeeds contained,
or it ends in a clear (Indonesian) dockerlab error — never a raw exception, never a hang.
"""

from __future__ import annotations

import gzip
import os
import tarfile
from pathlib import Path
from typing import Callable

import pytest

from hostile_support import (
    END, SECRET, base_plus, pax_records, d, f, guarded, hard, image_of_layers, info, pax_member, raw_header, raw_member, sym,
    tar_of, assert_clear,
)

import dockerlab
from dockerlab import archive, inspection, tarutil
from dockerlab.builder import build
from dockerlab.container import local as containers
from dockerlab.errors import DockerlabError, InvalidImage
from dockerlab.executor import detect
from dockerlab.store import Store

Case = Callable[[Path], list[bytes]]  # sentinel root -> layer tars
CASES: dict[str, tuple[Case, set[str]]] = {}  # id -> (layers, routes where it must be refused)
EXTRACT = {"unpack", "run", "build", "load"}  # routes that unpack the layers as an image's
ALL = EXTRACT | {"inspect"}


def case(name: str, refused: set[str] = frozenset()) -> Callable[[Case], Case]:
    def register(fn: Case) -> Case:
        CASES[name] = (fn, set(refused))
        return fn
    return register


# ------------------------------------------------------------ traversal and absolute names

case("dotdot_file", ALL)(lambda s: [tar_of(f("../escape", b"payload"))])
case("dotdot_deep", ALL)(lambda s: [tar_of(f("a/../../../escape", b"payload"))])
case("dotdot_dir", ALL)(lambda s: [tar_of(d("../escaped-dir"))])
case("absolute_file")(lambda s: [tar_of(f(str(s / "file"), b"overwritten"))])  # lands inside the root
case("absolute_dir_then_file")(lambda s: [tar_of(d(str(s)), f(str(s / "new"), b"x"))])
case("dotdot_hardlink", ALL)(lambda s: [tar_of(f("a", b"x"), hard("h", "../../../etc/passwd"))])
case("dotdot_symlink_name", ALL)(lambda s: [tar_of(sym("../../link", "/"))])

# ------------------------------------------------------------ symlinks that point out


case("symlink_root_then_write")(lambda s: [tar_of(sym("out", str(s)), f("out/planted", b"x"))])
case("symlink_relative_then_write")(lambda s: [tar_of(sym("out", "../" * 12 + str(s).lstrip("/")),
                                                       f("out/planted", b"x"))])
case("symlink_next_layer_write")(lambda s: [tar_of(sym("out", str(s))), tar_of(f("out/file", b"overwritten"))])
case("symlink_next_layer_dir")(lambda s: [tar_of(sym("out", str(s / "dir"))), tar_of(d("out/deep", 0o777))])
case("symlink_chain")(lambda s: [tar_of(sym("a", "b"), sym("b", "c"), sym("c", str(s)), f("a/planted", b"x"))])
case("symlink_loop", EXTRACT)(lambda s: [tar_of(sym("a", "b"), sym("b", "a"), f("a/x", b"x"))])
case("dir_swapped_for_symlink_abs")(lambda s: [tar_of(d("d", 0o700), f("d/x", b"x")), tar_of(sym("d", str(s)))])
case("dir_swapped_for_symlink_rel")(lambda s: [tar_of(d("d", 0o777), f("d/x", b"x"), sym("d", "../" * 12 + str(s).lstrip("/")))])
case("dir_swapped_same_layer_deep")(lambda s: [tar_of(d("a"), d("a/b", 0o777), f("a/b/c", b"x"), sym("a", str(s)))])
case("hardlink_through_symlink", EXTRACT)(lambda s: [tar_of(sym("out", str(s)), hard("h", "out/file"))])
case("hardlink_absolute", EXTRACT)(lambda s: [tar_of(hard("h", str(s / "file")))])
case("hardlink_to_itself", EXTRACT)(lambda s: [tar_of(f("h", b"x"), hard("h", "h"))])
case("hardlink_to_dir", EXTRACT)(lambda s: [tar_of(d("dd"), hard("h", "dd"))])
case("hardlink_missing", EXTRACT)(lambda s: [tar_of(hard("h", "nothing/here"))])

# ------------------------------------------------------------ whiteouts

case("whiteout_dotdot", ALL)(lambda s: [tar_of(f(".wh...", b""))])
case("whiteout_dotdot_in_dir", ALL)(lambda s: [tar_of(d("x"), f("x/.wh...", b""))])
case("whiteout_dot", ALL)(lambda s: [tar_of(f(".wh..", b""))])
case("whiteout_empty", ALL)(lambda s: [tar_of(f("x/.wh.", b""))])
case("whiteout_through_symlink")(lambda s: [tar_of(sym("out", str(s))), tar_of(f("out/.wh.file", b""))])
case("whiteout_through_relative_symlink")(lambda s: [tar_of(sym("out", "../" * 12 + str(s).lstrip("/"))),
                                                     tar_of(f("out/.wh.dir", b""))])
case("opaque_through_symlink")(lambda s: [tar_of(sym("out", str(s))), tar_of(f("out/.wh..wh..opq", b""))])
case("opaque_at_root", {"run", "build"})(lambda s: [tar_of(f("keep", b"x"), f("gone", b"x")), tar_of(f(".wh..wh..opq", b""), f("new", b"y"))])
case("aufs_metadata")(lambda s: [tar_of(d(".wh..wh.plnk"), f(".wh..wh.plnk/1.2", b"x"), f("ok", b"x"))])
case("whiteout_own_layer")(lambda s: [tar_of(f("a", b"lower")), tar_of(f("a", b"same layer"), f(".wh.a", b""))])

# ------------------------------------------------------------ devices, FIFOs, special /etc files

case("block_device")(lambda s: [tar_of((info("disk", tarfile.BLKTYPE, devmajor=7, devminor=0), None))])
case("char_device_null")(lambda s: [tar_of((info("mem", tarfile.CHRTYPE, devmajor=1, devminor=1), None))])
case("hardlink_to_device")(lambda s: [tar_of((info("zero", tarfile.CHRTYPE, devmajor=1, devminor=5), None),
                                             hard("zero2", "zero"))])
case("fifo")(lambda s: [tar_of((info("pipe", tarfile.FIFOTYPE), None))])
case("passwd_fifo", {"run", "build"})(lambda s: [tar_of(d("etc"), (info("etc/passwd", tarfile.FIFOTYPE), None))])
case("passwd_device")(lambda s: [tar_of((info("etc/passwd", tarfile.CHRTYPE, devmajor=1, devminor=5), None))])
case("passwd_dev_zero_link")(lambda s: [tar_of(d("dev"), (info("dev/zero", tarfile.CHRTYPE, devmajor=1, devminor=5), None),
                                                                 sym("etc/passwd", "/dev/zero"))])
case("passwd_symlink_out")(lambda s: [tar_of(sym("etc/passwd", "../" * 12 + str(s / "passwd").lstrip("/")))])
case("passwd_huge", {"run", "build"})(lambda s: [tar_of(f("etc/passwd", b"root:x:0:0::/:/bin/sh\n" + b"#" * (5 << 20)))])
case("setuid_file")(lambda s: [tar_of(f("usr/bin/su", b"#!/bin/sh\n", mode=0o4755), f("sg", b"x", mode=0o2755))])
case("workdir_is_fifo", {"run"})(lambda s: [tar_of((info("work", tarfile.FIFOTYPE), None))])

# ------------------------------------------------------------ duplicates, modes

case("duplicate_file_dir_file")(lambda s: [tar_of(f("p", b"1"), d("p"), f("p/in", b"2"), f("p", b"3"))])
case("dir_then_file")(lambda s: [tar_of(d("q"), f("q/x", b"x"), f("q", b"now a file"))])
case("closed_dirs")(lambda s: [tar_of(d("ro", 0o555), f("ro/x", b"x"), d("none", 0o000), f("none/y", b"y")),
                                tar_of(f("ro/z", b"z"), f("none/w", b"w"))])
case("odd_mtimes")(lambda s: [tar_of(f("old", b"x", mtime=0), f("future", b"x", mtime=2**33))])

# ------------------------------------------------------------ lying and broken headers

case("pax_zero_length", ALL)(lambda s: [pax_member(b"0 \n" + b"x" * 20) + raw_member(b"a", b"x") + END])
case("pax_length_beyond", ALL)(lambda s: [pax_member(b"999 path=a\n") + raw_member(b"a", b"x") + END])
case("pax_garbage_length", ALL)(lambda s: [pax_member(b"zz path=a\n") + raw_member(b"a", b"x") + END])
case("pax_size_lies_bigger", ALL)(lambda s: [pax_member(b"16 size=999999\n") + raw_member(b"a", b"x" * 100) + END])
case("pax_size_terabyte", ALL)(lambda s: [pax_member(b"22 size=1099511627776\n") + raw_member(b"a", b"x") + END])
case("pax_size_negative", ALL)(lambda s: [pax_member(b"12 size=-5\n") + raw_member(b"a", b"x") + END])
case("header_size_huge", ALL)(lambda s: [raw_header(b"big", size_field=b"\x80" + (1 << 44).to_bytes(11, "big")) + END])
case("header_size_lies", ALL)(lambda s: [raw_header(b"a", size=1 << 20) + b"short" + END])
case("pax_header_huge", ALL)(lambda s: [raw_header(b"././@PaxHeader", kind=b"x", size=64 << 20) + END])
case("gnu_longname_huge", ALL)(lambda s: [raw_header(b"././@LongLink", kind=b"L", size=32 << 20) + END])
case("gnu_sparse", EXTRACT)(lambda s: [raw_header(b"sparse", kind=b"S", size=0) + END])
case("pax_sparse", ALL)(lambda s: [pax_member(pax_records(GNU_sparse_major="1", GNU_sparse_minor="0",
                                                               GNU_sparse_name="s", GNU_sparse_realsize="1099511627776"))
                                        + raw_member(b"s", b"\x00" * 512 + b"x") + END])
case("pax_nul_in_path", ALL)(lambda s: [pax_member(b"12 path=a\0b\n") + raw_member(b"a", b"x") + END])
case("name_5000_chars", ALL)(lambda s: [tar_of(f("x" * 5000, b"x"))])
case("component_300_chars", ALL)(lambda s: [tar_of(f("d/" + "y" * 300, b"x"))])
case("non_utf8_name")(lambda s: [tar_of(f(os.fsdecode(b"caf\xe9-\xff"), b"x"))])
case("truncated", ALL)(lambda s: [tar_of(f("a", b"x" * 5000), f("b", b"y"))[:1500]])
case("garbage", ALL)(lambda s: [os.urandom(4096)])
case("bad_checksum", ALL)(lambda s: [(lambda t: t[:148] + b"0000000\0" + t[156:])(tar_of(f("a", b"x")))])
case("empty_blob")(lambda s: [b""])
case("zero_blocks_only")(lambda s: [END])
case("trailing_garbage_after_end")(lambda s: [tar_of(f("a", b"x")) + os.urandom(1000)])


def _bomb(s: Path) -> list[bytes]:
    return [gzip.compress(tar_of(f("zeros", b"\0" * (3 << 20))), 9)]


case("gzip_bomb", ALL)(_bomb)
case("too_many_entries", ALL)(lambda s: [tar_of(*[f(f"n{i}", b"") for i in range(300)])])
case("file_bigger_than_limit", ALL)(lambda s: [tar_of(f("big", b"\0" * (3 << 20)))])

LIMITED = {"gzip_bomb", "too_many_entries", "file_bigger_than_limit"}  # run under small limits

ROUTES = ["unpack", "run", "build", "inspect", "add", "load"]


# ------------------------------------------------------------ the routes


def _route(route: str, store: Store, layers: list[bytes], work: Path) -> None:
    if route == "unpack":
        image = image_of_layers(store, layers)
        tarutil.unpack_layers(image.layers, work / "root")
    elif route == "inspect":
        image = image_of_layers(store, layers)
        base = image_of_layers(store, [tar_of(f("plain", b"x"))], "plain:1")
        inspection.tree(image, store=store)
        inspection.efficiency(image, store=store)
        inspection.diff(base, image, store=store)
        inspection.layers(image, store=store)
        inspection.history(image, store=store)
    elif route == "run":
        image = base_plus(store, layers)
        containers.run(store, image, ["true"], remove=True, timeout=60, workdir="/work")
    elif route == "build":
        base_plus(store, layers)
        context = work / "context"
        context.mkdir()
        (context / "Dockerfile").write_text("FROM hostile:1\nRUN true\n")
        build(store, context, "after:1", progress=False)
    elif route == "add":
        from dockerlab import baseimage

        baseimage.ensure_base_image(store)
        context = work / "context"
        context.mkdir()
        for i, data in enumerate(layers):
            (context / f"layer{i}.tar").write_bytes(data)
        adds = "".join(f"ADD layer{i}.tar /dst/\n" for i in range(len(layers)))
        (context / "Dockerfile").write_text(f"FROM {baseimage.REPOSITORY}\n{adds}")
        build(store, context, "added:1", progress=False)
    elif route == "load":
        image = image_of_layers(store, layers)
        archive.save(store, ["hostile:1"], work / "image.tar")
        other = Store(work / "other")
        (loaded,) = archive.load(other, work / "image.tar")
        tarutil.unpack_layers(loaded.layers, work / "root")
        assert loaded.digest == image.digest


def _needs_executor(route: str) -> None:
    if route in ("run", "build") and detect() is None:
        from components import missing

        missing("an executor (root or proot)", "apt-get install proot")


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_layer(name, route, tmp_path, monkeypatch):
    fn, refused = CASES[name]
    _needs_executor(route)
    if name in LIMITED:
        monkeypatch.setenv("DOCKERLAB_MAX_LAYER_SIZE", "1m")
        monkeypatch.setenv("DOCKERLAB_MAX_LAYER_ENTRIES", "200")
    with guarded(tmp_path, monkeypatch) as guard:
        store = guard.watch(Store(tmp_path / "store"))
        work = tmp_path / "work"
        work.mkdir()
        layers = fn(guard.sentinel)
        try:
            _route(route, store, layers, work)
        except DockerlabError as exc:
            assert_clear(exc)
            assert route in refused or route == "add" or name in ("absolute_dir_then_file",), \
                f"{name}/{route} refused: {exc}"
            if isinstance(exc, InvalidImage) and route in ("unpack", "inspect", "load"):
                assert "layer" in str(exc) or "sha256:" in str(exc)
        else:
            assert route not in refused, f"{name}/{route} was not refused"
        if route == "load" and (tmp_path / "work" / "other").exists():
            guard.watch(Store(tmp_path / "work" / "other"))


def test_every_class_has_cases():
    """The suite's own census: how many cases each class has (reported by the engineer)."""
    classes = {
        "traversal": [n for n in CASES if n.startswith(("dotdot", "absolute"))],
        "symlinks/hardlinks": [n for n in CASES if n.startswith(("symlink", "dir_swapped", "hardlink"))],
        "whiteouts": [n for n in CASES if n.startswith(("whiteout", "opaque", "aufs"))],
        "devices/fifos/etc": [n for n in CASES if n.startswith(("block", "char", "fifo", "passwd", "setuid", "workdir"))],
        "headers/names/bombs": [n for n in CASES if n.startswith(("pax", "header", "gnu", "name", "component",
                                                                   "non_utf8", "truncated", "garbage", "bad_",
                                                                   "empty", "zero", "trailing", "gzip", "too_many",
                                                                   "file_bigger"))],
    }
    assert all(len(v) >= 5 for v in classes.values()), {k: len(v) for k, v in classes.items()}


def test_unpacked_contents_are_where_the_image_says(tmp_path, monkeypatch):
    """Containment is not emptiness: what the hostile layers may do, they do inside the root."""
    with guarded(tmp_path, monkeypatch) as guard:
        store = guard.watch(Store(tmp_path / "store"))
        root = tmp_path / "root"
        s = guard.sentinel
        image = image_of_layers(store, [
            tar_of(sym("out", str(s)), f("out/planted", b"in the root"), f(str(s / "abs"), b"abs"),
                   d("d", 0o700), f("d/x", b"x"), (info("disk", tarfile.BLKTYPE, devmajor=7), None)),
            tar_of(sym("d", str(s)), f("out/.wh.planted", b""), f("kept", b"k")),
        ])
        skipped = tarutil.unpack_layers(image.layers, root)
        assert skipped == ["disk"] and not (root / "disk").exists()
        inside = root / str(s).lstrip("/")
        assert (inside / "abs").read_bytes() == b"abs" and not (inside / "planted").exists()
        assert os.readlink(root / "d") == str(s) and (root / "kept").read_bytes() == b"k"


def test_a_whiteout_of_dotdot_names_the_layer_in_both_languages(tmp_path, monkeypatch):
    with guarded(tmp_path, monkeypatch) as guard:
        store = guard.watch(Store(tmp_path / "store"))
        image = image_of_layers(store, [tar_of(f(".wh...", b""))])
        with pytest.raises(InvalidImage) as exc:
            tarutil.unpack_layers(image.layers, tmp_path / "root")
        assert_clear(exc.value, image.layers[0].digest, "whiteout", "tidak aman")
        dockerlab.set_language("en")
        assert "is unsafe" in str(exc.value)


def test_a_bomb_names_the_limit_and_how_to_raise_it(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCKERLAB_MAX_LAYER_SIZE", "1m")
    with guarded(tmp_path, monkeypatch) as guard:
        store = guard.watch(Store(tmp_path / "store"))
        image = image_of_layers(store, _bomb(guard.sentinel))
        with pytest.raises(InvalidImage) as exc:
            tarutil.unpack_layers(image.layers, tmp_path / "root")
        assert_clear(exc.value, "1 MiB", "DOCKERLAB_MAX_LAYER_SIZE=4M", image.layers[0].digest)


def test_secret_never_read_from_the_host(tmp_path, monkeypatch):
    """A layer cannot make any route copy a host file into the store (the guard checks blobs)."""
    assert SECRET  # the guard looks for these bytes in every blob after every case above
