"""The same build on three engines side by side (issue 19): the Docker Engine (legacy builder),
Podman (Buildah, through its Docker-API service) and dockerlab's embedded engine.

Each engine runs in this process against its own private daemon or store: a private ``dockerd``,
a private ``podman system service`` (vfs storage) and a fresh store. Each builds one Dockerfile
(COPY of a folder, two RUN steps, metadata) twice: cold (``no_cache``) and again from its cache.
Printed: the wall times, and each engine's ratio to the embedded engine's.

Targets (what must hold for the comparison to mean anything, not a speed race): every engine
builds the same steps (layer counts are printed: Buildah makes no layer for ``WORKDIR``), the rebuild takes every cacheable step
from the cache on each engine, and the cached rebuild is faster than the cold one on each.
An engine whose program is missing is reported and left out; needs root. Exits 1 on a miss.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

DOCKERFILE = """FROM dockerlab.local/busybox:latest
COPY data /data
RUN i=0; while [ $i -lt 200 ]; do echo $i > /tmp/f$i; i=$((i+1)); done
RUN cat /data/* > /all.txt && rm /tmp/f1*
WORKDIR /app
ENV MODE=bench
CMD ["sh"]
"""
FILES = int(os.environ.get("BENCH_ENGINES_FILES", "64"))


def context(root: Path) -> Path:
    ctx = root / "ctx"
    (ctx / "data").mkdir(parents=True)
    (ctx / "Dockerfile").write_text(DOCKERFILE)
    for i in range(FILES):
        (ctx / "data" / f"f{i:03d}.bin").write_bytes(os.urandom(64 * 1024))
    return ctx


def measure(engine, ctx: Path) -> dict:
    engine.ensure_base_image()  # not timed: the same base image everywhere
    start = time.perf_counter()
    cold = engine.build(str(ctx), "bench-engines:1", no_cache=True, progress=False)
    cold_s = time.perf_counter() - start
    start = time.perf_counter()
    warm = engine.build(str(ctx), "bench-engines:1", progress=False)
    warm_s = time.perf_counter() - start
    return {"cold": cold_s, "warm": warm_s, "layers": len(cold.image.layers),
            "steps": [s.instruction.split()[0] for s in cold.steps],
            "cached": [s.cached for s in warm.steps]}


def main() -> int:
    if os.geteuid() != 0:
        print("skipped: needs root (private dockerd, Podman service, RUN in namespaces)")
        return 0
    from components import DockerDaemon, PodmanService

    from dockerlab.engines.docker import PODMAN, DockerEngine
    from dockerlab.engines.local import LocalEngine
    from dockerlab.store import Store

    work = Path(tempfile.mkdtemp(prefix="bench-engines-"))
    os.environ["DOCKERLAB_HOME"] = str(work / "home")
    ctx = context(work)
    results: dict[str, dict] = {}
    failures: list[str] = []
    try:
        results["embedded"] = measure(LocalEngine(Store(work / "store")), ctx)
        if shutil.which("dockerd"):
            daemon = DockerDaemon().start()
            try:
                results["Docker"] = measure(DockerEngine(daemon.client, cache_dir=work / "docker-cache"), ctx)
            finally:
                daemon.stop()
        else:
            print("Docker Engine: left out (apt-get install docker.io)")
        if shutil.which("podman"):
            service = PodmanService().start()
            try:
                results["Podman/Buildah"] = measure(
                    DockerEngine(service.client, cache_dir=work / "podman-cache", profile=PODMAN), ctx)
            finally:
                service.stop()
        else:
            print("Podman: left out (apt-get install podman buildah)")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    base = results["embedded"]
    print(f"one build ({len(base['steps'])} steps, COPY of {FILES} x 64 KiB, two RUN), cold then cached:")
    print(f"  {'engine':<16} {'cold':>8} {'cached':>8} {'cold/embedded':>14} {'cached/embedded':>16} {'layers':>7}")
    for name, r in results.items():
        print(f"  {name:<16} {r['cold']:>7.2f}s {r['warm']:>7.2f}s {r['cold'] / base['cold']:>13.2f}x "
              f"{r['warm'] / base['warm']:>15.2f}x {r['layers']:>7}")
    for name, r in results.items():
        if r["steps"] != base["steps"]:
            failures.append(f"{name}: steps {r['steps']} differ from the embedded engine's {base['steps']}")
        if not all(r["cached"][1:]):
            failures.append(f"{name}: rebuild not fully cached {r['cached']}")
        if r["warm"] >= r["cold"]:
            failures.append(f"{name}: cached rebuild {r['warm']:.2f}s not faster than cold {r['cold']:.2f}s")
    if failures:
        for line in failures:
            print("MISS:", line)
        return 1
    print("all engine comparison targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
