"""Wait for a condition with a bound — never sleep and hope."""

from __future__ import annotations

import time
from typing import Callable, TypeVar

T = TypeVar("T")


def wait_until(
    check: Callable[[], T],
    *,
    timeout: float,
    interval: float = 0.05,
    what: str = "condition",
) -> T:
    """Call ``check`` until it returns something truthy or ``timeout`` seconds pass.

    Returns the truthy value. Raises ``TimeoutError`` naming ``what`` and the last exception
    ``check`` raised, if any.
    """
    deadline = time.monotonic() + timeout
    last_error: BaseException | None = None
    while True:
        try:
            value = check()
            if value:
                return value
        except Exception as exc:  # noqa: BLE001 - the condition may fail until ready
            last_error = exc
        if time.monotonic() >= deadline:
            detail = f" (last error: {last_error!r})" if last_error else ""
            raise TimeoutError(f"{what} not reached within {timeout:.1f}s{detail}")
        time.sleep(interval)
