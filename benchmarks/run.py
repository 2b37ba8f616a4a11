"""Run every benchmark, then report every missed target (``make bench``).

Each ``bench_*.py`` in this folder runs to its end in its own process, whatever the ones before it
did; its output streams through as it comes. A benchmark misses when it exits non-zero; the lines
it printed that name a miss (``MISS``/``MISSED``) are repeated in the summary at the end, so no
miss scrolls away. Exits 1 when anything missed, 0 otherwise. ``python benchmarks/run.py DIR``
runs the benchmarks of another folder (the tests use that).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

MISS_LINE = re.compile(r"\bMISS(ED)?\b")


def run_one(script: Path) -> tuple[int, list[str]]:
    """Run one benchmark, echoing its output; (exit code, the lines that name a miss)."""
    misses: list[str] = []
    with subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, bufsize=1) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            sys.stdout.write(line)
            sys.stdout.flush()
            if MISS_LINE.search(line):
                misses.append(line.rstrip())
    return proc.returncode, misses


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path(__file__).resolve().parent
    scripts = sorted(folder.glob("bench_*.py"))
    if not scripts:
        print(f"no bench_*.py in {folder}")
        return 1
    failed: list[tuple[Path, int, list[str]]] = []
    for script in scripts:
        print(f"== {script.name}", flush=True)
        code, misses = run_one(script)
        if code != 0:
            failed.append((script, code, misses))
    print()
    if not failed:
        print(f"all {len(scripts)} benchmarks met their targets")
        return 0
    print(f"{len(failed)} of {len(scripts)} benchmarks missed:")
    for script, code, misses in failed:
        print(f"  {script.name} (exit {code})")
        for line in misses or ["(no MISS line printed; see its output above)"]:
            print(f"      {line.strip()}")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
