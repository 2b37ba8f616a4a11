"""Helpers that make real images through the model/tarutil/store API (no builder needed).

``busybox_image(store)``: a FROM-scratch image whose first layer holds /usr/bin/busybox (with
``bin/sh`` linking to it) and whose second layer adds a few files and a whiteout.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from dockerlab.model import History, Image, ImageConfig, Platform, RunConfig, mediatypes as mt
from dockerlab.tarutil import tree_entries, whiteout, write_layer

BUSYBOX = Path("/usr/bin/busybox")


def _layer(store, entries):
    with store.blob_writer(media_type=mt.OCI_LAYER) as w:
        write_layer(w, entries)
    return w.descriptor


def busybox_image(store, ref: str | None = "halo:1.0", *, tmp: Path, message: str = "halo dari dockerlab") -> Image:
    base = tmp / "layer1"
    (base / "bin").mkdir(parents=True, exist_ok=True)
    shutil.copy2(BUSYBOX, base / "bin" / "busybox")
    os.chmod(base / "bin" / "busybox", 0o755)
    for name in ("sh", "ls", "cat", "echo"):
        if not (base / "bin" / name).is_symlink():
            os.symlink("busybox", base / "bin" / name)
    (base / "etc").mkdir(exist_ok=True)
    (base / "etc" / "old.conf").write_text("lama\n")
    top = tmp / "layer2"
    (top / "app").mkdir(parents=True, exist_ok=True)
    (top / "app" / "pesan.txt").write_text(message + "\n")
    (top / "app" / "run.sh").write_text("#!/bin/sh\ncat /app/pesan.txt\n")
    os.chmod(top / "app" / "run.sh", 0o755)
    l1 = _layer(store, tree_entries(base))
    l2 = _layer(store, tree_entries(top) + [whiteout("etc/old.conf")])
    host = Platform.host()
    config = ImageConfig.create(
        architecture=host.architecture, variant=host.variant,
        config=RunConfig(env=("PATH=/bin",), cmd=("/bin/sh", "/app/run.sh"), working_dir="/app"),
        diff_ids=[l1.digest, l2.digest], created="2024-01-01T00:00:00Z",
        history=[History(created="2024-01-01T00:00:00Z", created_by="COPY busybox /bin/"),
                 History(created="2024-01-01T00:00:00Z", created_by="ENV PATH=/bin", empty_layer=True),
                 History(created="2024-01-01T00:00:00Z", created_by="COPY app /app")],
    )
    image = store.put_image(config.raw, [l1, l2])
    return store.tag(ref, image) if ref else image
