"""RUN without root (the Binder case): proot, where files are really the host user's.

The layer must still say who owns what the way Docker would — new files the RUN user's, files of
the layers below their old owner — and a ``chown`` proot can only pretend is announced."""

from __future__ import annotations

import json

import pytest

from build_helpers import make_context
from rootfs_helpers import ordinary_user_home, run_as_ordinary_user

pytestmark = pytest.mark.executor

SCRIPT = """
import json, sys, tarfile
from dockerlab.store import Store
from dockerlab.baseimage import ensure_base_image
from dockerlab.builder import build
store = Store(sys.argv[1])
ensure_base_image(store)
result = build(store, sys.argv[2], progress=False)
layers = []
for layer in result.image.layers[1:]:
    with store.open_blob(layer.digest) as f, tarfile.open(fileobj=f, mode="r|") as tar:
        layers.append({m.name: [m.uid, m.gid] for m in tar})
print(json.dumps({"layers": layers, "outputs": [s.output for s in result.steps]}))
"""

DOCKERFILE = """\
FROM dockerlab.local/busybox
USER 1000:1000
RUN mkdir /tmp/punya && echo isi > /tmp/punya/f
USER root
RUN touch /tmp/x && chown 1000:1000 /tmp/x && echo ada >> /etc/motd
"""


def test_run_without_root_gives_dockers_owners_and_says_chown_is_lost():
    with ordinary_user_home("dockerlab-nonroot-build-") as base:
        ctx = make_context(base / "ctx", {}, DOCKERFILE)
        done = run_as_ordinary_user(SCRIPT, str(base / "store"), str(ctx), home=base, with_dependencies=True)
        assert done.returncode == 0, done.stderr
        result = json.loads(done.stdout.splitlines()[-1])
    as_user, as_root = result["layers"]
    # made by USER 1000:1000: theirs; /tmp comes from the base layer: root's, as it was
    assert as_user == {"tmp": [0, 0], "tmp/punya": [1000, 1000], "tmp/punya/f": [1000, 1000]}
    # the chown was only pretended: /tmp/x is recorded as the RUN user's (root), and it is said
    assert as_root["tmp/x"] == [0, 0] and as_root["etc/motd"] == [0, 0]
    notes = [out for out in result["outputs"] if "chown" in out]
    assert len(notes) == 1 and "[Catatan] Dockerfile baris 5" in notes[0] and "proot" in notes[0]
