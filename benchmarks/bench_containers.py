"""Speed of the base image build, of ``RUN``-style executor calls and of container runs.

Targets (a notebook cell must feel immediate, also on a 1-CPU Binder):
  * building the busybox base image: under 2 s;
  * ``executor.run(["true"])``: median under 0.5 s;
  * ``container.run(base, ["true"])`` (copy of the image + run + state): median under 1 s.
Exits 1 when a target is missed, 0 otherwise (2 when no executor exists here).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dockerlab import baseimage  # noqa: E402
from dockerlab import container as ct  # noqa: E402
from dockerlab.executor import detect  # noqa: E402
from dockerlab.store import Store  # noqa: E402
from dockerlab.tarutil import unpack_layers  # noqa: E402

ROUNDS = 7


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> int:
    executor = detect()
    if executor is None:
        print("no executor here (need root or proot)")
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-containers-") as tmp:
        store = Store(Path(tmp) / "store")
        build = timed(lambda: baseimage.build_base_image(store))
        image = store.resolve("dockerlab.local/busybox:latest")
        rootfs = Path(tmp) / "rootfs"
        unpack_layers(image.layers, rootfs)
        runs = [timed(lambda: executor.run(rootfs, ["true"])) for _ in range(ROUNDS)]
        containers = [timed(lambda: ct.run(store, image, ["true"], remove=True, executor=executor))
                      for _ in range(ROUNDS)]
    results = [
        ("base image build", build, 2.0),
        (f"executor.run true ({executor.name}, median)", statistics.median(runs), 0.5),
        (f"container.run true ({executor.name}, median)", statistics.median(containers), 1.0),
    ]
    failed = False
    for label, seconds, target in results:
        ok = seconds <= target
        failed |= not ok
        print(f"{label:45s} {seconds * 1000:8.1f} ms  (target {target * 1000:.0f} ms) {'ok' if ok else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
