"""A container's filesystem: the image unpacked once (read-only "lower"), copied per container.

``store.root / "rootfs" / <image id hex>`` holds each image's layers unpacked, made once under
the store lock and renamed into place complete. A container gets its own copy (``cp -a``, which
keeps owners, modes, times and hardlinks, and shares blocks where the filesystem can reflink) —
the image's blobs and the lower tree are never written. :func:`diff_trees` compares the copy to
the lower tree the way ``docker diff`` reports an overlay upper directory, and
:func:`layer_entries` turns those changes into a layer (with whiteouts for deletions), both with
the one file-system diff of :mod:`dockerlab.tarutil.diff` that ``RUN`` layers use too.
Written by hand: overlayfs needs root, and proot cannot mount it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .. import tarutil
from ..fsutil import remove_tree
from ..tarutil import Entry, unpack_layers
from .base import Change


def lower(store, image) -> Path:
    """The image's root filesystem, unpacked once into the store (do not write into it)."""
    root = store.private_dir(Path(store.root) / "rootfs")  # 0700: a setuid file stays ours
    target = root / image.id.hex
    if target.is_dir():
        return target
    with store.lock():
        if target.is_dir():
            return target
        tmp = Path(tempfile.mkdtemp(prefix=".unpack-", dir=root))
        try:
            unpack_layers(image.layers, tmp / "fs")
            os.replace(tmp / "fs", target)
        finally:
            remove_tree(tmp)
    return target


def copy_tree(source: Path, target: Path) -> None:
    """``target`` becomes an exact copy of ``source`` (owners, modes, times, links)."""
    cp = shutil.which("cp")
    if cp:
        subprocess.run([cp, "-a", "--reflink=auto", str(source), str(target)], check=True,
                       stdin=subprocess.DEVNULL, capture_output=True)
    else:  # pragma: no cover - every Linux we support has cp
        shutil.copytree(source, target, symlinks=True)


def diff_trees(lower_dir: str | Path, upper_dir: str | Path) -> list[Change]:
    """``docker diff``: what ``upper`` added, changed or deleted relative to ``lower``
    (:func:`dockerlab.tarutil.changes` of the two trees; mount points and Docker's bind-mounted
    files left out, as Docker leaves them out)."""
    found = tarutil.changes(tarutil.snapshot(lower_dir), tarutil.snapshot(upper_dir), same_tree=False)
    return [Change(kind, path) for kind, path in found]


def layer_entries(upper_dir: str | Path, changes: list[Change], *, keep_owner: bool) -> list[Entry]:
    """The layer holding exactly ``changes``: files and directories as they are now, whiteouts for
    ``D`` — the same layer rule as a ``RUN`` step (:func:`dockerlab.tarutil.layer_entries`)."""
    return tarutil.layer_entries(upper_dir, [(c.kind, c.path) for c in changes],
                                 owner=None if keep_owner else (0, 0))
