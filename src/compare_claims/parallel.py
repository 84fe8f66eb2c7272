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


def map_in_forks(fn: Callable[[_S, _P], _R], state: _S, parts: Sequence[_P], jobs: int, *,
                 encode: Callable[[_R], Any], decode: Callable[[Any], _R], weights: Sequence[int],
                 meanwhile: Callable[[], object] | None = None) -> list[_R]:
    """``[fn(state, p) for p in parts]`` in ``jobs`` processes: this one and
    ``jobs - 1`` forked once each.  Each process starts on a part of its own
    (the forked ones on the heaviest by ``weights``; this one, which first
    does ``meanwhile``, on the lightest of those), then takes the next part
    not yet taken, heaviest first, from a queue they all read (a pipe of the
    parts' numbers): whichever process is free takes it, so that the last to
    finish finishes soonest whatever a part costs.  Sizes alone predict that
    badly: a text that cannot name the topic costs almost nothing, and the
    first part a process analyses pays for its lazily compiled patterns (the
    five shipped texts in shares fixed by size: one process 43 ms, the other
    27).  A pool costs a run ~30 ms to start (multiprocessing, its threads
    and queues), as much as five texts take to analyse; a fork ~1 ms.  What a
    forked process computes comes back through a pipe of its own as
    ``encode`` makes it, plain JSON data (``codec.pack``), read back by
    ``decode``: nothing pickled.  An exception there is raised here as a
    ``RuntimeError`` naming it."""
    import os

    workers = min(jobs, len(parts))
    if workers <= 1 or not hasattr(os, "fork"):  # (not can_fork: multiprocessing costs ~5 ms to import)
        return [fn(state, p) for p in parts]
    from .codec import pack, unpack

    order = sorted(range(len(parts)), key=lambda i: (-weights[i], i))
    first = [order[workers - 1], *order[:workers - 1]]  # process w starts on first[w] (this one is 0)
    numbers = b"".join(i.to_bytes(_NUMBER_BYTES, "big") for i in order[workers:])
    queue_read, queue_write = os.pipe()
    os.write(queue_write, numbers[:_PIPE_WHOLE])  # the rest once the others read

    def mine(start: int) -> list[tuple[int, _R]]:
        done = [(start, fn(state, parts[start]))]
        # every write to the queue is whole (at most _PIPE_WHOLE bytes, numbers whole): so is each read
        while len(got := os.read(queue_read, _NUMBER_BYTES)) == _NUMBER_BYTES:
            i = int.from_bytes(got, "big")
            done.append((i, fn(state, parts[i])))
        return done

    children: list[tuple[int, int]] = []  # (pid, read end of its pipe)
    out: list[Any] = [None] * len(parts)
    try:
        for w in range(1, workers):
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # the forked process: computes its parts, writes them, leaves at once
                code = 1
                try:
                    os.close(read_end)
                    os.close(queue_write)  # the queue ends when this process's parent closes it
                    try:
                        payload = pack({"done": [[i, encode(r)] for i, r in mine(first[w])]})
                        code = 0
                    except BaseException as exc:  # KeyboardInterrupt too: the parent decides
                        payload = pack({"failed": f"{type(exc).__name__}: {exc}"})
                    with os.fdopen(write_end, "wb") as sent:
                        sent.write(payload)
                finally:
                    os._exit(code)  # no exit handlers, no flush of what the parent had buffered
            os.close(write_end)
            children.append((pid, read_end))
        for k in range(_PIPE_WHOLE, len(numbers), _PIPE_WHOLE):
            os.write(queue_write, numbers[k:k + _PIPE_WHOLE])
        os.close(queue_write)
        queue_write = -1
        if meanwhile is not None:
            meanwhile()
        for i, r in mine(first[0]):
            out[i] = r
        while children:
            pid, read_end = children[0]
            with os.fdopen(read_end, "rb") as pipe:
                payload = pipe.read()
            children.pop(0)
            _, status = os.waitpid(pid, 0)
            reply: dict[str, Any] = unpack(payload) if payload else {"failed": f"exit status {status}"}
            if "failed" in reply:
                raise RuntimeError(f"a forked process failed: {reply['failed']}")
            for k, sent_r in reply["done"]:
                out[k] = decode(sent_r)
    finally:
        for fd in (queue_read, queue_write):
            if fd >= 0:
                os.close(fd)
        for pid, read_end in children:  # interrupted: no forked process outlives this call
            _end(pid, read_end)
    return out


# a part's number in the queue; a write of at most _PIPE_WHOLE bytes to a pipe is
# never split (POSIX's PIPE_BUF is at least 512; Linux's 4096)
_NUMBER_BYTES = 4
_PIPE_WHOLE = 512


def _end(pid: int, read_end: int) -> None:
    import os
    import signal

    for step in (lambda: os.kill(pid, signal.SIGKILL), lambda: os.waitpid(pid, 0), lambda: os.close(read_end)):
        try:
            step()
        except OSError:
            pass


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
