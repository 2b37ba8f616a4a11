"""Run one call per item on a few threads, as the store's sink and push do; stop the rest on the first error.

A thin layer over :class:`concurrent.futures.ThreadPoolExecutor` (no library does just this):
results come back in the order of the items, the first failing item (in that order) raises, and
the items not started yet are cancelled (``shutdown(cancel_futures=True)``) — the ones already
running finish before the error leaves, so no thread keeps writing after the caller has moved on.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def run_parallel(call: Callable[[T], R], items: Iterable[T], jobs: int) -> list[R]:
    """``[call(item) for item in items]`` on up to ``jobs`` threads (at least one)."""
    with ThreadPoolExecutor(max(1, jobs)) as pool:
        futures = [pool.submit(call, item) for item in items]
        try:
            return [f.result() for f in futures]
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
