"""``store.parallel.run_parallel``: the one "layers on a few threads" helper of push and pull."""

from __future__ import annotations

import threading

import pytest

from dockerlab.store.parallel import run_parallel


def test_results_keep_the_items_order():
    assert run_parallel(lambda n: n * n, range(10), jobs=3) == [n * n for n in range(10)]
    assert run_parallel(lambda n: n, [], jobs=3) == []


GRACE = 0.5  # seconds the first calls stay running: an executor ignoring `jobs` starts more within microseconds


def _at_most_jobs(run, jobs: int, waves: int = 3) -> tuple[int, list[int]]:
    """Run ``waves * jobs`` calls through ``run``. Each call waits (bounded) until ``jobs`` calls
    run together; the first ``jobs`` calls then stay running until a (jobs+1)-th call starts or
    :data:`GRACE` has passed. Returns the most calls seen running at once and the calls that
    started while ``jobs`` others were still running.

    Proving that something does *not* happen needs a window: without it, a run that ignores
    ``jobs`` is caught only when its extra thread wins a race against the first calls' return
    (measured: about 3 runs in 4)."""
    lock, running, peak, overshoot = threading.Lock(), [0], [0], []
    full = threading.Barrier(jobs, timeout=20)  # trips each time `jobs` calls are running together
    one_too_many = threading.Event()

    def call(n):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
            if running[0] > jobs:
                overshoot.append(n)
                one_too_many.set()
        try:
            full.wait()  # BrokenBarrierError: fewer than `jobs` calls ever ran at once
            if n < jobs:
                one_too_many.wait(GRACE)
        finally:
            with lock:
                running[0] -= 1
        return n

    items = range(waves * jobs)
    assert run(call, items, jobs) == list(items)
    return peak[0], overshoot


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_at_most_jobs_calls_run_at_once(jobs):
    peak, overshoot = _at_most_jobs(run_parallel, jobs)
    assert peak == jobs and overshoot == []
    assert run_parallel(lambda n: n, range(3), jobs=0) == [0, 1, 2]  # jobs below 1 means one thread


def test_the_first_failing_item_in_order_raises():
    second_failed = threading.Event()

    def call(n):
        if n == 1:
            second_failed.set()
            raise KeyError(n)
        assert second_failed.wait(30), "item 1 never ran"
        raise ValueError(n)

    with pytest.raises(ValueError) as info:
        run_parallel(call, range(2), jobs=2)
    assert info.value.args == (0,)  # item 0 failed after item 1, but comes first


def test_an_error_leaves_only_after_the_running_calls_ended():
    second_started, first_failed, finished = threading.Event(), threading.Event(), []

    def call(n):
        if n == 0:
            assert second_started.wait(30), "item 1 never started"
            first_failed.set()
            raise ValueError(n)
        second_started.set()
        assert first_failed.wait(30)
        finished.append(n)
        return n

    with pytest.raises(ValueError):
        run_parallel(call, range(2), jobs=2)
    assert finished == [1]
