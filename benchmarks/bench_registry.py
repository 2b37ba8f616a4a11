"""Push and pull speed against a loopback registry, beside skopeo doing the same copy.

Target (issue 6): push + pull of a 500 MiB image (random data, so compression cannot shrink it;
built straight through the store) to a loopback ``registry`` within 1.3x of
``skopeo copy oci:… docker://…`` and back (``docker://… oci:…``) in the same run. Our push and
pull run in child processes (like skopeo), each timed with its start-up and measured for peak
memory. The machine is shared, so skopeo and our default are run in alternation
``BENCH_ROUNDS`` times (default 3) and the best round of each is compared. ``BENCH_REGISTRY_MIB``
(default 500) shrinks the image for a quick try; ``BENCH_LAYERS`` (default 5) splits it. Exits 1
when the target is missed.

Besides the default (deterministic gzip, level 6: 1 MiB members compressed on every CPU,
incompressible members stored), gzip level 1 and uncompressed pushes are shown once, for
information. The target is checked with the default.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MIB = 1 << 20
TARGET = 1.3
CHILD = """
import json, resource, sys, time
start = time.perf_counter()
from dockerlab.registry import pull, push
from dockerlab.store import Store
verb, root, ref, extra = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
store = Store(root)
if verb == "push":
    result = push(store.resolve(extra.pop("local")), ref, progress=False, **extra)
    digest = result.digest
else:
    digest = pull(ref, store=store, progress=False, **extra).digest
print(json.dumps({"seconds": time.perf_counter() - start, "digest": str(digest),
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def make_image(store, total_mib: int, layers: int, ref: str):
    from dockerlab.model import EPOCH, History, ImageConfig, RunConfig, rfc3339, mediatypes as mt
    from dockerlab.tarutil import Entry, write_layer

    descriptors = []
    per_layer = total_mib * MIB // layers
    with tempfile.TemporaryDirectory(dir=store.root) as tmp:
        for i in range(layers):
            path = Path(tmp) / f"random-{i}.bin"
            with open(path, "wb") as f:
                for _ in range(per_layer // MIB):
                    f.write(os.urandom(MIB))
            with store.blob_writer(media_type=mt.OCI_LAYER) as writer:
                descriptors.append(write_layer(writer, [Entry(f"data/random-{i}.bin", "file", 0o644,
                                                              size=per_layer, source=path)], mtime=EPOCH))
            path.unlink()
    created = rfc3339(EPOCH)
    config = ImageConfig.create(architecture="amd64", config=RunConfig(cmd=("sh",)),
                                diff_ids=[d.digest for d in descriptors], created=created,
                                history=[History(created=created, created_by=f"random layer {i}") for i in range(layers)])
    return store.tag(ref, store.put_image(config.raw, descriptors))


def child(verb: str, root: Path, ref: str, extra: dict) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, verb, str(root), ref, json.dumps(extra)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    from dockerlab.registry.server import RegistryServer
    from dockerlab.store import Store

    total = int(os.environ.get("BENCH_REGISTRY_MIB", "500"))
    layers = int(os.environ.get("BENCH_LAYERS", "5"))
    skopeo = shutil.which("skopeo")
    if skopeo is None:
        print("skopeo is missing: apt-get install skopeo")
        return 1
    with tempfile.TemporaryDirectory(prefix="bench-registry-") as tmp:
        tmp_path = Path(tmp)
        store = Store(tmp_path / "store")
        local_ref = "dockerlab.local/bench/source:1"
        t = time.perf_counter()
        image = make_image(store, total, layers, local_ref)
        print(f"image: {total} MiB in {layers} random layers, made in {time.perf_counter() - t:.1f}s "
              f"({image.digest[:19]})")
        counter = iter(range(1000))

        def fresh_registry() -> RegistryServer:
            # Every measurement gets an empty registry: nothing can be skipped or mounted, for
            # skopeo (whose blob-info cache would mount from an earlier round) nor for us.
            return RegistryServer(tmp_path / f"registry-{next(counter)}")

        def skopeo_round() -> tuple[float, float]:
            # oci layout -> registry -> oci layout (skopeo gzips on the way up, like we do)
            with fresh_registry() as server:
                up = timed([skopeo, "copy", "--dest-tls-verify=false", f"oci:{store.layout}:{local_ref}",
                            f"docker://{server.address}/bench/skopeo:1"])
                down = timed([skopeo, "copy", "--src-tls-verify=false", f"docker://{server.address}/bench/skopeo:1",
                              f"oci:{tmp_path / 'skopeo-out'}:bench"])
            shutil.rmtree(tmp_path / "skopeo-out")
            shutil.rmtree(server.storage)
            return up, down

        def our_round(extra: dict) -> tuple[dict, dict]:
            with fresh_registry() as server:
                ref = f"{server.address}/bench/ours:1"
                pushed = child("push", tmp_path / "store", ref, {"local": local_ref, **extra})
                pulled = child("pull", tmp_path / "pulled", ref, {})
            assert pulled["digest"] == pushed["digest"]
            shutil.rmtree(tmp_path / "pulled")
            shutil.rmtree(server.storage)
            # The push memo would let the next round skip compression: forget it to measure honestly.
            shutil.rmtree(store.cache / "registry-compressed", ignore_errors=True)
            shutil.rmtree(store.cache / "registry-seen", ignore_errors=True)
            return pushed, pulled

        rounds = int(os.environ.get("BENCH_ROUNDS", "3"))
        skopeo_runs, default_runs = [], []
        for _ in range(rounds):
            skopeo_runs.append(skopeo_round())
            default_runs.append(our_round({}))
        s_push, s_pull = min(skopeo_runs, key=sum)
        rows = [("gzip-6 (default)", *min(default_runs, key=lambda r: r[0]["seconds"] + r[1]["seconds"]))]
        rows.append(("gzip-1", *our_round({"level": 1})))
        rows.append(("uncompressed", *our_round({"compression": None})))

    reference = s_push + s_pull
    print(f"skopeo copy (best of {len(skopeo_runs)}): push {s_push:.1f}s + pull {s_pull:.1f}s = {reference:.1f}s; "
          f"all rounds: {', '.join(f'{sum(r):.1f}s' for r in skopeo_runs)}")
    totals = ", ".join(f"{a['seconds'] + b['seconds']:.1f}s" for a, b in default_runs)
    print(f"dockerlab default, all rounds: {totals}")
    ok = True
    for name, pushed, pulled in rows:
        ours = pushed["seconds"] + pulled["seconds"]
        ratio = ours / reference
        print(f"dockerlab {name:17s}: push {pushed['seconds']:.1f}s + pull {pulled['seconds']:.1f}s = {ours:.1f}s "
              f"= {ratio:.2f}x skopeo (target <= {TARGET}x for the default); peak memory push "
              f"{pushed['peak_mib']:.0f} MiB, pull {pulled['peak_mib']:.0f} MiB")
        if name.endswith("(default)") and ratio > TARGET:
            ok = False
    print("OK" if ok else "MISSED: dockerlab's default push+pull is slower than the target")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
