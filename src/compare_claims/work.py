"""Run the per-source work (read, decode, segment, select, annotate) for many
sources: in this process, in a pool of processes (``--jobs``) or on a Dask
cluster (``--dask``).  The work is the same function everywhere; results come
back in the order of the sources, so the output is the same bytes for any
number of jobs.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import NamedTuple

from .errors import InputError
from .load import SourceSpec, read_source
from .pipeline import Plan, SourceAnalysis, analyze

# below this many sources a pool costs more than it saves
MIN_SOURCES_PER_JOB = 8


class Outcome(NamedTuple):
    analysis: SourceAnalysis | None
    message: str  # a warning (with an analysis) or why the source was skipped


def work(spec: SourceSpec, plan: Plan, stdin_bytes: bytes | None = None) -> Outcome:
    """One source, start to end: never raises for a bad file, says why instead."""
    try:
        source, warning = read_source(spec, stdin_bytes)
    except InputError as exc:
        return Outcome(None, str(exc))
    return Outcome(analyze(source, plan), warning)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run_all(
    specs: Sequence[SourceSpec], plan: Plan, *, stdin_bytes: bytes | None = None, jobs: int = 1,
    dask: str = "", progress: Callable[[int], None] | None = None,
) -> list[Outcome]:
    """Every spec's outcome, in the order of ``specs``."""
    if dask:
        from .cluster import run_on_dask

        return run_on_dask(specs, plan, dask, progress=progress)
    if jobs <= 1 or len(specs) < 2 * MIN_SOURCES_PER_JOB or any(not s.path for s in specs):
        out = []
        for spec in specs:
            out.append(work(spec, plan, stdin_bytes))
            if progress:
                progress(1)
        return out
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing

    chunk = max(1, min(64, len(specs) // (jobs * 8)))
    ctx = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init, initargs=(plan,)) as pool:
        results = []
        for outcome in pool.map(_work_in_pool, specs, chunksize=chunk):
            results.append(outcome)
            if progress:
                progress(1)
        return results


_PLAN: Plan | None = None


def _init(plan: Plan) -> None:
    """Each pool process receives the plan once, not once per source."""
    global _PLAN
    _PLAN = plan


def _work_in_pool(spec: SourceSpec) -> Outcome:
    assert _PLAN is not None
    return work(spec, _PLAN)
