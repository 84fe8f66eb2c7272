"""Run one function over many parts of a shared state in forked processes.

The state (statements, their features) is set before the processes are
forked: each inherits it as it is and only the parts' results travel back.
Results come back in the order of the parts, so that a caller who merges
them in that order gets what one process computing every part in turn gets.
Where ``fork`` is not available, or one job is asked for, every part is
computed here: the same function, in the same order.
"""
# No `from __future__ import annotations`: kept alike to the other pipeline modules.
# multiprocessing is imported only when processes are forked: with the pickle
# and socket modules it loads, it costs a run that forks none ~5 ms.
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

_S = TypeVar("_S")
_P = TypeVar("_P")
_R = TypeVar("_R")

# the function and the state of the map under way, read by the forked processes
_TASK: tuple[Callable[[Any, Any], Any], Any] | None = None


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def map_forked(fn: Callable[[_S, _P], _R], state: _S, parts: Sequence[_P], jobs: int) -> list[_R]:
    """``[fn(state, p) for p in parts]``, in ``jobs`` forked processes when
    more than one is asked for and ``fork`` is available."""
    if jobs <= 1 or len(parts) < 2 or not can_fork():
        return [fn(state, p) for p in parts]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _TASK
    _TASK = (fn, state)
    try:
        with ProcessPoolExecutor(max_workers=min(jobs, len(parts)),
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_run_part, parts))
    finally:
        _TASK = None


def _run_part(part: Any) -> Any:
    assert _TASK is not None
    fn, state = _TASK
    return fn(state, part)


def ranges(n: int, parts: int) -> list[tuple[int, int]]:
    """``range(n)`` cut into ``parts`` contiguous [lo, hi) pieces (none empty)."""
    parts = max(1, min(parts, n))
    step, extra = divmod(n, parts)
    out, lo = [], 0
    for k in range(parts):
        hi = lo + step + (1 if k < extra else 0)
        out.append((lo, hi))
        lo = hi
    return out
