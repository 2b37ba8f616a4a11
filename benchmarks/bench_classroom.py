"""A whole class at once: N learners (default 20) on one real JupyterHub, all working together.

Starts the class as ``make hub`` does (``python -m dockerlab.kelas start`` in the class venv:
JupyterHub, configurable-http-proxy, the class registry with token auth, the teacher's service)
with ``BENCH_LEARNERS`` learners (default 20). Then every learner, concurrently: logs in through
the hub's login form, starts their server through the hub's REST API, runs notebook 01 top to
bottom in a kernel of their own server, pushes their ``my-app`` to their namespace in the class
registry, and runs notebook 02 in a second kernel. Memory is sampled every half second: per
learner, every process of that learner's user (server, kernels, proot and what runs under it);
the hub alone, and the proxy and the class services beside it.

Prints: learners completed / N, wall time for the class, per-notebook times (median, slowest),
per-learner peak memory (median, largest), hub memory, and the largest class this machine holds
with every notebook finishing within 60 s (estimated from this run: the work is CPU-bound, so the
slowest notebook time grows with the class on a fixed number of cores). Needs root (it makes
system users) and the class venv (``make hub-venv``); removes every account it made. Writes
``test-output/bench_classroom.json``. Exits 1 (a ``MISS`` line) when a learner did not complete or
a notebook took longer than 60 s.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from hub_support import Classroom  # noqa: E402

LIMIT = 60.0  # seconds one notebook may take


def uid_rss() -> dict[int, int]:
    """Resident memory (bytes) summed per user id, now."""
    totals: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text().splitlines()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status if ":" in line)
        if "VmRSS" not in fields:
            continue
        uid = int(fields["Uid"].split()[0])
        totals[uid] = totals.get(uid, 0) + int(fields["VmRSS"].split()[0]) * 1024
    return totals


def rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def owner(pid: int) -> int | None:
    try:
        return Path(f"/proc/{pid}").stat().st_uid
    except OSError:
        return None


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                pass
    return found


def main() -> int:
    import pwd

    count = int(os.environ.get("BENCH_LEARNERS", "20"))
    room = Classroom(count)
    started = time.perf_counter()
    room.start()
    print(f"class of {count} up in {time.perf_counter() - started:.1f} s at {room.url}", flush=True)
    uids = {pwd.getpwnam(n).pw_uid: n for n in room.learners}
    peaks: dict[str, int] = {n: 0 for n in room.learners}
    hub_peak = {"hub": 0, "beside": 0}
    stop = threading.Event()

    def sample() -> None:
        hub = room.proc.pid
        while not stop.is_set():
            for uid, total in uid_rss().items():
                if uid in uids:
                    peaks[uids[uid]] = max(peaks[uids[uid]], total)
            hub_peak["hub"] = max(hub_peak["hub"], rss(hub))
            beside = 0
            for child in children(hub):  # the proxy, the services and the registry under them
                beside += sum(rss(pid) for pid in (child, *children(child)) if owner(pid) == 0)
            hub_peak["beside"] = max(hub_peak["beside"], beside)
            stop.wait(0.5)

    times: dict[str, dict[str, float]] = {}
    failures: dict[str, str] = {}

    def learner(name: str) -> None:
        spent: dict[str, float] = {}
        try:
            person = room.learner(name).login()
            t0 = time.perf_counter()
            person.start_server()
            spent["server"] = time.perf_counter() - t0
            for notebook in ("01-image-pertama.ipynb", "02-struktur-berlapis.ipynb"):
                t0 = time.perf_counter()
                kernel = person.kernel(notebook)
                results = kernel.run_notebook(ROOT / "notebooks" / notebook)
                if results[-1]["status"] != "ok":
                    raise RuntimeError(f"{notebook}: {results[-1]['error']}")
                spent[notebook[:2]] = time.perf_counter() - t0
                if notebook.startswith("01"):
                    t0 = time.perf_counter()
                    target = f"{room.registry}/{name}/my-app:latest"
                    pushed = kernel.execute(f"dockerlab.tag('my-app:latest', '{target}')\n"
                                            f"dockerlab.push('{target}')")
                    if pushed["status"] != "ok":
                        raise RuntimeError(f"push: {pushed['error']}")
                    spent["push"] = time.perf_counter() - t0
                spent["reconnects"] = spent.get("reconnects", 0) + kernel.reconnects
                kernel.close()
            times[name] = spent
        except Exception as exc:  # noqa: BLE001 - reported
            failures[name] = f"{type(exc).__name__}: {exc}"

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        t0 = time.perf_counter()
        threads = [threading.Thread(target=learner, args=(n,)) for n in room.learners]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=3600)
        wall = time.perf_counter() - t0
    finally:
        stop.set()
        sampler.join(timeout=5)
        room.stop()

    mib = 1 << 20
    done = len(times)
    notebook_times = [t[k] for t in times.values() for k in ("01", "02")]
    slowest = max(notebook_times, default=float("inf"))
    # CPU-bound on a fixed number of cores: the slowest notebook time scales with the class.
    largest = int(count * LIMIT / slowest) if slowest > 0 else 0
    result = {
        "learners": count, "completed": done, "wall_s": round(wall, 1),
        "notebook_01_s": {"median": round(statistics.median([t["01"] for t in times.values()]), 1) if times else None,
                          "max": round(max((t["01"] for t in times.values()), default=0), 1)},
        "notebook_02_s": {"median": round(statistics.median([t["02"] for t in times.values()]), 1) if times else None,
                          "max": round(max((t["02"] for t in times.values()), default=0), 1)},
        "push_s_max": round(max((t["push"] for t in times.values()), default=0), 1),
        "server_start_s_max": round(max((t["server"] for t in times.values()), default=0), 1),
        "learner_peak_mib": {"median": round(statistics.median(peaks.values()) / mib, 1),
                             "max": round(max(peaks.values()) / mib, 1)},
        "hub_peak_mib": round(hub_peak["hub"] / mib, 1),
        "proxy_and_services_peak_mib": round(hub_peak["beside"] / mib, 1),
        "websocket_reconnects": sum(t.get("reconnects", 0) for t in times.values()),
        "largest_class_within_60s": largest,
        "cpus": os.cpu_count(),
        "failures": failures,
    }
    out = ROOT / "test-output" / "bench_classroom.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"learners completed: {done} / {count}")
    print(f"wall time for the class: {wall:.1f} s")
    print(f"notebook 01: median {result['notebook_01_s']['median']} s, slowest {result['notebook_01_s']['max']} s")
    print(f"notebook 02: median {result['notebook_02_s']['median']} s, slowest {result['notebook_02_s']['max']} s")
    print(f"push to the class registry: slowest {result['push_s_max']} s")
    print(f"per-learner peak memory (server + kernels + children): median "
          f"{result['learner_peak_mib']['median']} MiB, largest {result['learner_peak_mib']['max']} MiB")
    print(f"hub: {result['hub_peak_mib']} MiB; proxy + class services + registry: "
          f"{result['proxy_and_services_peak_mib']} MiB")
    print(f"kernel websocket reconnects (as JupyterLab does after a drop): {result['websocket_reconnects']}")
    print(f"largest class with every notebook within {LIMIT:.0f} s on {os.cpu_count()} cores (estimate): {largest}")
    for name, why in sorted(failures.items()):
        print(f"  {name}: {why}")
    missed = False
    if done != count:
        print(f"MISS: {count - done} of {count} learners did not complete")
        missed = True
    if slowest > LIMIT:
        print(f"MISS: the slowest notebook took {slowest:.1f} s (target: within {LIMIT:.0f} s for {count} learners)")
        missed = True
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
