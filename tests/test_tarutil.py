"""Layer tars: deterministic writing, listing, safe unpacking with whiteouts."""

from __future__ import annotations

import hashlib
import io
import os
import tarfile
import tracemalloc
from pathlib import Path

import pytest

from dockerlab.errors import InvalidImage
from dockerlab.model import EPOCH
from dockerlab.tarutil import (
    Entry, extract_layer, list_layer, opaque, tree_entries, unpack_streams, whiteout, write_layer,
)


def make_tree(root: Path, stamp: int) -> Path:
    (root / "bin").mkdir(parents=True)
    (root / "etc").mkdir()
    (root / "bin" / "tool").write_bytes(b"#!/bin/sh\necho hi\n")
    os.chmod(root / "bin" / "tool", 0o4755)
    (root / "etc" / "motd").write_text("halo\n")
    os.chmod(root / "etc" / "motd", 0o640)
    os.symlink("/bin/tool", root / "bin" / "sh")
    os.link(root / "bin" / "tool", root / "bin" / "tool2")
    for p in [root / "bin" / "tool", root / "etc" / "motd", root / "etc", root / "bin"]:
        os.utime(p, (stamp, stamp))
    return root


def layer_bytes(entries, **kw) -> tuple[bytes, object]:
    buf = io.BytesIO()
    desc = write_layer(buf, entries, **kw)
    return buf.getvalue(), desc


def test_write_is_deterministic_and_hashed_while_written(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    a = make_tree(tmp_path / "a", 1_000_000)
    b = make_tree(tmp_path / "b", 2_000_000)
    os.chown(b / "etc" / "motd", 1234, 1234)
    data_a, desc_a = layer_bytes(tree_entries(a))
    data_b, desc_b = layer_bytes(list(reversed(tree_entries(b))))
    assert data_a == data_b
    assert desc_a.digest == "sha256:" + hashlib.sha256(data_a).hexdigest() and desc_a.size == len(data_a)
    with tarfile.open(fileobj=io.BytesIO(data_a)) as tar:
        members = tar.getmembers()
    names = [m.name for m in members]
    assert names == ["bin", "bin/sh", "bin/tool", "bin/tool2", "etc", "etc/motd"]
    assert all(m.mtime == EPOCH and m.uid == 0 and m.gid == 0 and m.uname == "" and m.gname == "" for m in members)
    assert all("atime" not in m.pax_headers and "ctime" not in m.pax_headers for m in members)
    by = {m.name: m for m in members}
    assert by["bin/tool"].mode == 0o4755 and by["etc/motd"].mode == 0o640
    assert by["bin/sh"].issym() and by["bin/sh"].linkname == "/bin/tool"
    assert by["bin/tool2"].islnk() and by["bin/tool2"].linkname == "bin/tool"


def test_source_date_epoch_and_owner_options(tmp_path, monkeypatch):
    root = make_tree(tmp_path / "t", 5)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")
    data, _ = layer_bytes(tree_entries(root, ["etc/motd"], prefix="app", uid=1000, gid=50))
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        (m,) = tar.getmembers()
    assert (m.name, m.mtime, m.uid, m.gid) == ("app/etc/motd", 1234567890, 1000, 50)


def test_entries_and_whiteouts_are_listed(tmp_path):
    data, _ = layer_bytes([Entry("d", "dir", 0o755), Entry("d/f", "file", data=b"xyz"),
                           whiteout("/d/gone"), opaque("d/sub"), Entry("l", "symlink", linkname="d/f")])
    entries = {e.path: e for e in list_layer(io.BytesIO(data))}
    assert entries["d/f"].size == 3 and entries["d/f"].type == "file" and not entries["d/f"].whiteout
    wh = entries["d/.wh.gone"]
    assert wh.whiteout and not wh.opaque and wh.target == "d/gone"
    op = entries["d/sub/.wh..wh..opq"]
    assert op.opaque and not op.whiteout and op.target == "d/sub"
    assert (wh.type, wh.mode, wh.uid, wh.gid, wh.size) == ("file", 0o600, 0, 0, 0)  # Docker's bytes
    assert entries["l"].type == "symlink" and entries["l"].linkname == "d/f"


def test_an_opaque_marker_carries_its_directorys_permission_bits_and_owner():
    marker = opaque("/srv/data", 0o42751, 5, 6)  # as Docker's overlay2 writes it: no setgid bit
    assert (marker.path, marker.type, marker.mode, marker.uid, marker.gid) == ("srv/data/.wh..wh..opq", "file", 0o751, 5, 6)
    with pytest.raises(InvalidImage):
        layer_bytes([Entry("x", "file"), Entry("x", "file")])


def tar_of(*members: tuple[tarfile.TarInfo, bytes | None]) -> io.BytesIO:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for info, data in members:
            if data is not None:
                info.size = len(data)
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
    buf.seek(0)
    return buf


def ti(name: str, kind=tarfile.REGTYPE, linkname: str = "", mode=0o644) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname, info.mode = kind, linkname, mode
    return info


def snapshot(root: Path) -> dict[str, str]:
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            rel = str(p.relative_to(root))
            out[rel] = ("link:" + os.readlink(p)) if p.is_symlink() else ("dir" if p.is_dir() else p.read_bytes().decode())
    return out


def test_whiteouts_and_opaque_dirs_apply_across_layers(tmp_path):
    lower = tar_of((ti("a", tarfile.DIRTYPE), None), (ti("a/old"), b"1"), (ti("a/keep"), b"2"),
                   (ti("o", tarfile.DIRTYPE), None), (ti("o/x"), b"3"), (ti("o/deep", tarfile.DIRTYPE), None),
                   (ti("o/deep/y"), b"4"), (ti("top"), b"5"))
    upper = tar_of((ti("a/.wh.old"), b""), (ti(".wh.top"), b""), (ti("o/new/z"), b"6"),
                   (ti("o/.wh..wh..opq"), b""), (ti("o/deep/w"), b"7"))
    root = tmp_path / "root"
    unpack_streams([(lower, "lower"), (upper, "upper")], root)
    assert snapshot(root) == {"a": "dir", "a/keep": "2", "o": "dir", "o/new": "dir", "o/new/z": "6",
                              "o/deep": "dir", "o/deep/w": "7"}


READ_ONLY_WHITEOUT = """
import io, os, sys, tarfile
from dockerlab.tarutil import unpack_streams

def tar(*members):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as out:
        for name, kind, mode, data in members:
            info = tarfile.TarInfo(name)
            info.type, info.mode, info.size = kind, mode, len(data or b"")
            out.addfile(info, io.BytesIO(data) if data is not None else None)
    buf.seek(0)
    return buf

root = sys.argv[1]
D, F = tarfile.DIRTYPE, tarfile.REGTYPE
unpack_streams([(tar(("d", D, 0o755, None), ("d/ro", D, 0o555, None), ("d/ro/f", F, 0o444, b"x"),
                     ("e", D, 0o555, None), ("e/g", F, 0o644, b"y")), "lower")], root)
unpack_streams([(tar((".wh.d", F, 0o600, b""), ("e", F, 0o644, b"now a file")), "upper")], root)
print(sorted(os.listdir(root)), open(os.path.join(root, "e")).read())
"""


def test_a_whiteout_removes_read_only_directories_without_root(tmp_path):
    """A lower layer's 0555 directories (as busybox images have) stop an ordinary user's unlink:
    the shared ``remove_tree`` opens them first. As root there is nothing to open, so this runs as
    the test's ordinary user (the Binder situation)."""
    from rootfs_helpers import ordinary_user_home, run_as_ordinary_user

    with ordinary_user_home("dockerlab-nonroot-unpack-") as base:
        done = run_as_ordinary_user(READ_ONLY_WHITEOUT, str(base / "root"), home=base, with_dependencies=True)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "['e'] now a file"


def test_gzip_layers_unpack(tmp_path):
    import gzip
    raw = tar_of((ti("f"), b"gz")).getvalue()
    extract_layer(io.BytesIO(gzip.compress(raw)), tmp_path / "r")
    assert (tmp_path / "r" / "f").read_bytes() == b"gz"


@pytest.mark.parametrize("members", [
    [(ti("../evil"), b"x")],
    [(ti("a/../../evil"), b"x")],
    [(ti("a", tarfile.DIRTYPE), None), (ti("a/h", tarfile.LNKTYPE, linkname="../../evil"), None)],
])
def test_path_traversal_is_refused_naming_the_entry(tmp_path, members):
    root = tmp_path / "sub" / "root"
    with pytest.raises(InvalidImage) as exc:
        extract_layer(tar_of(*members), root, where="layer sha256:abc")
    assert "sha256:abc" in str(exc.value) and ".." in str(exc.value)
    assert not (tmp_path / "evil").exists() and not (tmp_path / "sub" / "evil").exists()


def test_absolute_paths_and_symlinks_stay_inside(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    layer = tar_of((ti("/abs"), b"abs"),
                   (ti("esc", tarfile.SYMTYPE, linkname=str(outside)), None),
                   (ti("esc/planted"), b"p"),
                   (ti("up", tarfile.SYMTYPE, linkname="../../.."), None),
                   (ti("up/planted2"), b"q"),
                   (ti("bin", tarfile.DIRTYPE), None),
                   (ti("bin/busybox"), b"bb"),
                   (ti("bin/sh", tarfile.SYMTYPE, linkname="/bin/busybox"), None),
                   (ti("bin/sh"), b"replaced"))  # a file replacing a symlink must not write through it
    root = tmp_path / "root"
    extract_layer(layer, root)
    assert list(outside.iterdir()) == []
    assert (root / "abs").read_bytes() == b"abs"
    assert (root / outside.relative_to("/") / "planted").read_bytes() == b"p"  # the link, read in scope
    assert (root / "planted2").read_bytes() == b"q"
    assert (root / "bin" / "busybox").read_bytes() == b"bb"
    assert (root / "bin" / "sh").read_bytes() == b"replaced" and not (root / "bin" / "sh").is_symlink()


def test_hardlink_to_missing_target_is_an_error(tmp_path):
    with pytest.raises(InvalidImage) as exc:
        extract_layer(tar_of((ti("h", tarfile.LNKTYPE, linkname="/etc/passwd"), None)), tmp_path / "r")
    assert "/etc/passwd" in str(exc.value)


def test_hardlinks_and_modes_survive_unpack(tmp_path):
    layer = tar_of((ti("f", mode=0o4750), b"same"), (ti("g", tarfile.LNKTYPE, linkname="f"), None),
                   (ti("ro", tarfile.DIRTYPE, mode=0o555), None), (ti("ro/inner"), b"i"))
    root = tmp_path / "r"
    extract_layer(layer, root)
    assert os.stat(root / "f").st_ino == os.stat(root / "g").st_ino
    assert os.stat(root / "f").st_mode & 0o7777 == 0o4750
    assert os.stat(root / "ro").st_mode & 0o7777 == 0o555 and (root / "ro" / "inner").read_bytes() == b"i"


def test_device_files_are_skipped_when_not_allowed(tmp_path):
    info = ti("dev/null", tarfile.CHRTYPE)
    info.devmajor, info.devminor = 1, 3
    skipped = extract_layer(tar_of((ti("dev", tarfile.DIRTYPE), None), (info, None)), tmp_path / "r", )
    assert skipped == ["dev/null"] and not (tmp_path / "r" / "dev" / "null").exists()


def test_corrupt_tar_is_reported(tmp_path):
    with pytest.raises(InvalidImage) as exc:
        list(list_layer(io.BytesIO(b"\x00garbage" * 100 + b"x" * 700), where="layer sha256:def"))
    assert "sha256:def" in str(exc.value)


def test_writing_streams_with_bounded_memory(tmp_path):
    big = tmp_path / "big"
    with open(big, "wb") as f:
        for _ in range(64):
            f.write(os.urandom(1 << 20))
    sink = open(os.devnull, "wb")
    tracemalloc.start()
    try:
        desc = write_layer(sink, tree_entries(tmp_path, ["big"]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        sink.close()
    assert desc.size > 64 << 20
    assert peak < 8 << 20, f"peak {peak} bytes while writing a 64 MiB file"


def test_plain_tars_can_keep_wh_files(tmp_path):
    root = tmp_path / "r"
    (root / "d").mkdir(parents=True)
    (root / "d" / "x").write_text("lama")
    extract_layer(tar_of((ti("d/.wh.x"), b"just a file"), (ti("d/.wh..wh..opq"), b"")), root, whiteouts=False)
    assert snapshot(root) == {"d": "dir", "d/x": "lama", "d/.wh.x": "just a file", "d/.wh..wh..opq": ""}
