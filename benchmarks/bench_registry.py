"""Push and pull speed against a loopback registry, beside skopeo doing the same copy.

Target (issue 6): push + pull of a 500 MiB image (random data, so compression cannot shrink it;
built straight through the store) to a loopback ``registry`` within 1.3x of
``skopeo copy oci:… docker://…`` and back (``docker://… oci:…``) in the same run. Our push and
pull run in child processes (like skopeo), each timed with its start-up and measured for peak
memory. ``BENCH_REGISTRY_MIB`` (default 500) shrinks the image for a quick try; ``BENCH_LAYERS``
(default 5) splits it. Exits 1 when the target is missed.

Each variant of our push is printed: deterministic gzip at level 6 (the default, what Docker
sends), gzip level 1, and uncompressed. The target is checked with the default.
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
        with RegistryServer(tmp_path / "registry") as server:
            addr = server.address
            store = Store(tmp_path / "store")
            local_ref = f"{addr}/bench/source:1"
            t = time.perf_counter()
            image = make_image(store, total, layers, local_ref)
            print(f"image: {total} MiB in {layers} random layers, made in {time.perf_counter() - t:.1f}s "
                  f"({image.digest[:19]})")

            # skopeo: oci layout -> registry -> oci layout (it compresses with gzip on the way up).
            s_push = timed([skopeo, "copy", "--dest-tls-verify=false", f"oci:{store.layout}:{local_ref}",
                            f"docker://{addr}/bench/skopeo:1"])
            s_pull = timed([skopeo, "copy", "--src-tls-verify=false", f"docker://{addr}/bench/skopeo:1",
                            f"oci:{tmp_path / 'skopeo-out'}:bench"])
            shutil.rmtree(tmp_path / "skopeo-out")

            rows = []
            for name, extra in (("gzip-6 (default)", {}), ("gzip-1", {"level": 1}),
                                ("uncompressed", {"compression": None})):
                repo = "bench/ours-" + name.split(" ")[0]
                pushed = child("push", tmp_path / "store", f"{addr}/{repo}:1", {"local": local_ref, **extra})
                pulled = child("pull", tmp_path / f"pulled-{repo.rsplit('-', 1)[-1]}", f"{addr}/{repo}:1", {})
                assert pulled["digest"] == pushed["digest"]
                rows.append((name, pushed, pulled))
                shutil.rmtree(tmp_path / f"pulled-{repo.rsplit('-', 1)[-1]}")
                # The push memo would let the next variant skip compression: forget it to measure honestly.
                shutil.rmtree(store.cache / "registry-compressed", ignore_errors=True)
                shutil.rmtree(store.cache / "registry-seen", ignore_errors=True)

    reference = s_push + s_pull
    print(f"skopeo copy: push {s_push:.1f}s + pull {s_pull:.1f}s = {reference:.1f}s")
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
