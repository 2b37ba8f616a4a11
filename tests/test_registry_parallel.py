"""``registry.parallel.run_parallel``: the one "layers on a few threads" helper of push and pull."""

from __future__ import annotations

import threading

import pytest

from dockerlab.registry.parallel import run_parallel


def test_results_keep_the_items_order():
    assert run_parallel(lambda n: n * n, range(10), jobs=3) == [n * n for n in range(10)]
    assert run_parallel(lambda n: n, [], jobs=3) == []


def test_at_most_jobs_calls_run_at_once():
    lock, running, peak = threading.Lock(), [0], [0]

    def call(n):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        with lock:
            running[0] -= 1
        return n

    assert run_parallel(call, range(20), jobs=2) == list(range(20))
    assert 1 <= peak[0] <= 2
    assert run_parallel(call, range(3), jobs=0) == [0, 1, 2]  # jobs below 1 means one thread


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
