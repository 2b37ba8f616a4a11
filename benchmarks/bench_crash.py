"""Many SIGKILLs: ``build``, ``load`` and ``pull`` (with the real ``registry`` server) killed at many moments, the store checked each time.

Each round starts the command in a child process, waits until the store's temporary folder or blob
folder has reached a randomly chosen state (a temporary blob of at least N bytes, or at least K
blobs in place — a condition, never a sleep), kills it with SIGKILL, then checks that every image
in the store validates and that the same command run again (in this process) gives the reference
digest. ``BENCH_KILLS`` rounds per command (default 20). Exits 1 when any round finds a problem.
The small version of this (a few kill points) is ``tests/test_hostile_store.py``.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dockerlab import archive, baseimage  # noqa: E402
from dockerlab.builder import build  # noqa: E402
from dockerlab.model import Image, validate  # noqa: E402
from dockerlab.store import Store  # noqa: E402

CHILD = """
import sys
sys.path.insert(0, {root!r})
from dockerlab.store import Store
from dockerlab import archive, builder
from dockerlab.registry import pull
store = Store(sys.argv[1])
verb = sys.argv[2]
if verb == "build":
    builder.build(store, sys.argv[3], "crash:1", progress=False, no_cache=sys.argv[4] == "1")
elif verb == "load":
    archive.load(store, sys.argv[3])
elif verb == "pull":
    pull(sys.argv[3], store=store, progress=False, jobs=1)
"""


def problems(store: Store) -> list[str]:
    out = []
    for view in store.images():
        for image in [view] if isinstance(view, Image) else view.images():
            out += [str(p) for p in validate(image)]
    return out


def state(store: Store) -> tuple[int, int]:
    """(largest temporary blob, blobs in place)."""
    tmp = max((p.stat().st_size for p in store.tmp.glob("blob-*") if p.is_file()), default=-1)
    return tmp, len(list((store.layout / "blobs" / "sha256").iterdir()))


def kill_round(store: Store, args: list[str], rng: random.Random, blobs_before: int) -> str:
    threshold_bytes = rng.choice([0, 1 << 20, 4 << 20, 12 << 20])
    threshold_blobs = blobs_before + rng.randint(0, 4)
    child = subprocess.Popen([sys.executable, "-c", CHILD.format(root=str(ROOT)), str(store.root), *args],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while child.poll() is None and time.monotonic() < deadline:
        tmp, count = state(store)
        if tmp >= threshold_bytes or count >= threshold_blobs:
            break
        time.sleep(0.001)  # polling the condition
    finished = child.poll() is not None
    child.send_signal(signal.SIGKILL)
    child.wait(60)
    return "finished before the kill" if finished else f"killed at tmp>={threshold_bytes} or blobs>={threshold_blobs}"


def main() -> int:
    kills = int(os.environ.get("BENCH_KILLS", "20"))
    rng = random.Random(1)
    failed = 0
    with tempfile.TemporaryDirectory(prefix="bench-crash-") as tmp:
        base = Path(tmp)
        ctx = base / "ctx"
        ctx.mkdir()
        for i in range(3):
            (ctx / f"data{i}").write_bytes(os.urandom(16 << 20))
        (ctx / "Dockerfile").write_text(f"FROM {baseimage.REPOSITORY}\nCOPY data0 /a\nCOPY data1 /b\nCOPY data2 /c\n"
                                        "RUN cat /a /b > /ab\n")
        reference_store = Store(base / "reference")
        reference = build(reference_store, ctx, "crash:1", progress=False).image.digest
        saved = archive.save(reference_store, ["crash:1"], base / "crash.tar")
        commands = [("build", ["build", str(ctx), "1"]), ("load", ["load", str(saved)])]
        server = None
        try:
            from dockerlab.registry import push
            from dockerlab.registry.server import RegistryServer

            server = RegistryServer(base / "registry").start()
            ref = f"{server.address}/bench/crash:1"
            reference_store.tag(ref, reference_store.resolve("crash:1"))
            push(reference_store.resolve(ref), ref, progress=False, compression=None)
            commands.append(("pull", ["pull", ref]))
        except Exception as exc:  # noqa: BLE001 - no registry server here: build and load only
            print(f"pull skipped: {exc}")
        for verb, args in commands:
            store = Store(base / f"store-{verb}")
            baseimage.ensure_base_image(store)
            outcomes: dict[str, int] = {}
            for _ in range(kills):
                what = kill_round(store, args, rng, state(store)[1])
                outcomes[what.split(" at ")[0]] = outcomes.get(what.split(" at ")[0], 0) + 1
                found = problems(store)
                if found:
                    failed += 1
                    print(f"{verb}: store invalid after a kill ({what}): {found[:3]}")
            if verb == "build":
                again = build(store, ctx, "crash:1", progress=False).image.digest
            elif verb == "load":
                again = archive.load(store, saved)[0].digest
            else:
                from dockerlab.registry import pull

                again = pull(args[1], store=store, progress=False).digest
            same = again == reference
            failed += not same
            print(f"{verb:6s} {kills} rounds {outcomes}; store valid after each: "
                  f"{'yes' if not failed else 'NO'}; the command again gives the reference digest: {same}")
        if server is not None:
            server.stop()
    print("OK" if not failed else "FAILED")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
