"""Memory and speed of layer writing, storing, unpacking and saving with a large build context.

Target (DESIGN): a 1 GiB context stays under 150 MiB peak memory. Sparse files keep the disk
cost of the *input* near zero; the store and the unpacked tree do take real space.
Size: BENCH_SIZE_MIB (default 1024). Exits 1 when the target is missed.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dockerlab.archive import save  # noqa: E402
from dockerlab.model import History, ImageConfig, mediatypes as mt  # noqa: E402
from dockerlab.store import Store  # noqa: E402
from dockerlab.tarutil import tree_entries, unpack_layers, write_layer  # noqa: E402

TARGET_MIB = 150


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    size_mib = int(os.environ.get("BENCH_SIZE_MIB", "1024"))
    with tempfile.TemporaryDirectory(prefix="bench-layers-") as tmp:
        tmp = Path(tmp)
        ctx = tmp / "context"
        ctx.mkdir()
        per_file = 128
        for i in range(max(1, size_mib // per_file)):
            with open(ctx / f"data-{i}.bin", "wb") as f:
                f.truncate(per_file << 20)
        store = Store(tmp / "store")
        timings = {}
        start = time.perf_counter()
        with store.blob_writer(media_type=mt.OCI_LAYER) as w:
            write_layer(w, tree_entries(ctx))
        timings["write layer"] = time.perf_counter() - start
        layer = w.descriptor
        config = ImageConfig.create(architecture="amd64", diff_ids=[layer.digest], history=[History(created_by="COPY . /")])
        image = store.tag("bench:1", store.put_image(config.raw, [layer]))
        start = time.perf_counter()
        unpack_layers(image.layers, tmp / "rootfs")
        timings["unpack"] = time.perf_counter() - start
        start = time.perf_counter()
        save(store, "bench:1", tmp / "bench.tar")
        timings["save"] = time.perf_counter() - start
    peak = peak_mib()
    for name, seconds in timings.items():
        print(f"{name:12s} {seconds:7.2f} s  ({size_mib / seconds:7.1f} MiB/s)")
    print(f"peak RSS     {peak:7.1f} MiB (target < {TARGET_MIB} MiB for {size_mib} MiB of context)")
    return 0 if peak < TARGET_MIB else 1


if __name__ == "__main__":
    sys.exit(main())
