"""DESIGN §3: the same inputs give the same image ID and manifest digest in two separate
processes, with different umask and TZ, building into two different stores."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from build_helpers import make_context, need_executor

SCRIPT = """
import json, os, sys, time
os.umask(int(sys.argv[3], 8))
time.tzset()
from dockerlab.store import Store
from dockerlab.builder import build
store = Store(sys.argv[1])
if sys.argv[4] == "busybox":
    from dockerlab.baseimage import ensure_base_image
    ensure_base_image(store)
result = build(store, sys.argv[2], "repro:1", progress=False)
print(json.dumps({"id": result.image.id, "digest": result.image.digest,
                  "diff_ids": [str(d) for d in result.image.config.diff_ids]}))
"""


def _build_in_child(store_dir, ctx, umask: str, tz: str, base: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "DOCKERLAB_HOME")}
    env["TZ"] = tz
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(store_dir), str(ctx), umask, base],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


FILES = {"app/main.py": "print('halo')\n", "app/data/x.json": "{}\n", "README.md": "# contoh\n"}


def test_copy_build_is_reproducible_across_processes(tmp_path):
    ctx = make_context(tmp_path / "ctx", FILES, """\
FROM scratch
ENV APP=/app
WORKDIR /app
COPY app/ ./
COPY README.md /
CMD ["python", "main.py"]
""")
    a = _build_in_child(tmp_path / "store-a", ctx, "022", "UTC", "scratch")
    b = _build_in_child(tmp_path / "store-b", ctx, "077", "Asia/Jakarta", "scratch")
    assert a == b
    assert a["id"].startswith("sha256:") and len(a["diff_ids"]) == 3


@pytest.mark.executor
def test_run_build_is_reproducible_across_processes(tmp_path):
    need_executor()
    ctx = make_context(tmp_path / "ctx", FILES, """\
FROM dockerlab.local/busybox
COPY app /app
RUN mkdir -p /var/lib/contoh && echo dibuat > /var/lib/contoh/file && rm /app/README.md 2>/dev/null; touch /app/new
CMD ["cat", "/var/lib/contoh/file"]
""")
    a = _build_in_child(tmp_path / "store-a", ctx, "022", "UTC", "busybox")
    b = _build_in_child(tmp_path / "store-b", ctx, "077", "America/Sao_Paulo", "busybox")
    assert a == b
    assert len(a["diff_ids"]) == 3
