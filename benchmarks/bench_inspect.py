"""Speed of inspection on an image with 50 000 files (BENCH_FILES) in 5 layers.

The image: a base layer with most files, then layers that overwrite some files, add new ones,
delete single files (whiteouts), delete whole folders and make one folder opaque. Layers are
written with ``tarutil.write_layer`` into a real store, like any image the course builds.

Targets (issue 5): file tree < 2 s and efficiency < 2 s (each from a cold start: every layer read
from disk), the LayerExplorer's first view < 1 s. Each figure is the best of three runs. When the
machine is busier than its CPU count (load average), wall time measures the other processes, so
the targets are then judged on CPU time; both are printed. Exits 1 when a target is missed.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dockerlab.inspection import efficiency, tree  # noqa: E402
from dockerlab.inspection.entries import clear_cache  # noqa: E402
from dockerlab.model import History, ImageConfig, mediatypes as mt  # noqa: E402
from dockerlab.store import Store  # noqa: E402
from dockerlab.tarutil import Entry, opaque, whiteout, write_layer  # noqa: E402

TARGETS = {"tree": 2.0, "efficiency": 2.0, "explorer first view": 1.0}


def layer_specs(files: int) -> list[list[Entry]]:
    """Five layers of entries; about ``files`` file entries in total."""
    dirs = max(1, files // 100)
    base_dirs = int(dirs * 0.7)
    layers: list[list[Entry]] = []
    base = [Entry("data", "dir", 0o755)]
    for d in range(base_dirs):
        base.append(Entry(f"data/d{d:04}", "dir", 0o755))
        base += [Entry(f"data/d{d:04}/f{f:02}.txt", "file", data=b"x" * (64 + f)) for f in range(100)]
    layers.append(base)
    for n in range(1, 5):
        spec = [Entry("data", "dir", 0o755)]
        start = base_dirs + (n - 1) * (dirs - base_dirs) // 4
        stop = base_dirs + n * (dirs - base_dirs) // 4
        for d in range(start, stop):  # new folders
            spec.append(Entry(f"data/d{d:04}", "dir", 0o755))
            spec += [Entry(f"data/d{d:04}/f{f:02}.txt", "file", data=b"n" * 80) for f in range(100)]
        for d in range(n, base_dirs, 7):  # overwrite one file in many old folders, delete another
            spec.append(Entry(f"data/d{d:04}", "dir", 0o755))
            spec.append(Entry(f"data/d{d:04}/f{n:02}.txt", "file", data=b"o" * 200))
            spec.append(whiteout(f"data/d{d:04}/f{50 + n:02}.txt"))
        spec.append(whiteout(f"data/d{base_dirs - n:04}"))  # delete a whole folder
        if n == 4:
            spec.append(opaque("data/d0000"))
        layers.append(spec)
    return layers


def timed(name: str, fn, results: dict[str, tuple[float, float]], *, cold: bool = True, runs: int = 3):
    """Best of ``runs``: (wall seconds, CPU seconds); ``cold`` forgets cached listings first."""
    best_wall = best_cpu = float("inf")
    value = None
    for _ in range(runs):
        if cold:
            clear_cache()
        wall, cpu = time.perf_counter(), time.process_time()
        value = fn()
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    results[name] = (best_wall, best_cpu)
    return value


def main() -> int:
    files = int(os.environ.get("BENCH_FILES", "50000"))
    with tempfile.TemporaryDirectory(prefix="bench-inspect-") as tmp:
        store = Store(Path(tmp) / "store")
        descriptors = []
        for spec in layer_specs(files):
            with store.blob_writer(media_type=mt.OCI_LAYER) as w:
                write_layer(w, spec)
            descriptors.append(w.descriptor)
        config = ImageConfig.create(
            architecture="amd64", diff_ids=[d.digest for d in descriptors],
            history=[History(created_by=f"COPY layer{i} /") for i in range(len(descriptors))])
        image = store.tag("bench:inspect", store.put_image(config.raw, descriptors))
        results: dict[str, tuple[float, float]] = {}
        from dockerlab.show.widgets import LayerExplorer  # the ipywidgets import is not timed

        merged = timed("tree", lambda: tree(image), results)
        eff = timed("efficiency", lambda: efficiency(image), results)
        explorer = timed("explorer first view", lambda: LayerExplorer(image), results)
        timed("explorer: open last layer", lambda: setattr(explorer.layer, "value", 4), results,
              cold=False, runs=1)
        timed("efficiency (listings cached)", lambda: efficiency(image), results, cold=False)

        total_files = sum(1 for n in merged.nodes() if not n.is_dir)
        print(f"image: {len(image.layers)} layers, {sum(len(s) for s in layer_specs(files))} tar entries, "
              f"{total_files} files in the merged tree; score {eff.score:.3f}, "
              f"wasted {eff.wasted_bytes} B in {len(eff.inefficiencies)} paths")
    # On a shared machine wall time mostly measures the other processes; then judge CPU time.
    load = os.getloadavg()[0]
    busy = load > (os.cpu_count() or 1)
    basis = "CPU" if busy else "wall"
    print(f"load average {load:.1f} on {os.cpu_count()} CPUs: targets judged on {basis} time")
    ok = True
    for name, (wall, cpu) in results.items():
        target = TARGETS.get(name)
        judged = cpu if busy else wall
        verdict = "" if target is None else ("  OK" if judged < target else "  TOO SLOW")
        ok &= target is None or judged < target
        shown = f"target < {target:.1f} s" if target is not None else "no target"
        print(f"{name:30s} wall {wall:5.2f} s  cpu {cpu:5.2f} s  ({shown}){verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
