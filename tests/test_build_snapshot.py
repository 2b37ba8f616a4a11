"""The RUN layer diff (``dockerlab.builder.snapshot``): the same trees give the same layer, whatever
inode numbers the filesystem handed out."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from build_helpers import build, make_context, need_executor
from dockerlab.baseimage import ensure_base_image
from dockerlab.builder import snapshot

INODE = 7  # the field of a snapshot row holding the inode number


def _rows(entries):
    return [(e.path, e.type, e.mode, e.uid, e.gid, e.size, e.linkname) for e in entries]


def _with_inode(snap, path, inode):
    row = list(snap[path])
    row[INODE] = inode
    return {**snap, path: tuple(row)}


def _tree(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


def test_removed_and_remade_directory_gives_one_layer_whatever_the_inode(tmp_path):
    root = tmp_path / "root"
    _tree(root, {"d/keep/k": "k\n", "d/keep/sub/s": "s\n", "d/other": "o\n"})
    before = snapshot.take(root)
    shutil.rmtree(root / "d/keep")
    (root / "d/keep").mkdir()
    (root / "d/keep/new").write_text("baru\n")
    after = snapshot.take(root)
    # the two things a filesystem may do: reuse the freed inode for the new directory, or not
    reused = _with_inode(after, "d/keep", before["d/keep"][INODE])
    fresh = _with_inode(after, "d/keep", before["d/keep"][INODE] + 10**9)
    layer = _rows(snapshot.diff(root, before, reused))
    assert layer == _rows(snapshot.diff(root, before, fresh))
    assert [row[0] for row in layer] == ["d", "d/keep", "d/keep/.wh.k", "d/keep/.wh.sub", "d/keep/new"]


def test_a_directory_replaced_by_a_file_hides_its_children_without_whiteouts(tmp_path):
    root = tmp_path / "root"
    _tree(root, {"d/x/a": "a\n", "d/x/b/c": "c\n", "e": "e\n"})
    before = snapshot.take(root)
    shutil.rmtree(root / "d/x")
    (root / "d/x").write_text("now a file\n")
    os.remove(root / "e")
    os.mkdir(root / "e")
    after = snapshot.take(root)
    assert [row[0] for row in _rows(snapshot.diff(root, before, after))] == ["d", "d/x", "e"]


TRICKY = """\
FROM dockerlab.local/busybox
RUN mkdir -p /d/keep /d/gone/deep /e && echo k > /d/keep/k && echo g > /d/gone/deep/g && mkdir /empty
RUN rm -rf /d/keep && mkdir /d/keep && echo baru > /d/keep/new && rm -r /d/gone \\
    && rm -rf /empty && mkdir /empty && rm -rf /e && mkdir /e
"""


@pytest.mark.executor
def test_removing_and_remaking_directories_builds_the_same_layer_every_time(store, tmp_path):
    need_executor()
    ensure_base_image(store)
    ctx = make_context(tmp_path / "ctx", {}, TRICKY)
    digests = {build(store, ctx, no_cache=True).image.layers[-1].digest for _ in range(8)}
    assert len(digests) == 1
