"""Run the per-source work (read, decode, segment, select, annotate) for many
sources: in this process, in a pool of processes (``--jobs``) or on a Dask
cluster (``--dask``).  The work is one function everywhere; results are put
back in the order of the sources and given their ids afterwards, so the
output is the same bytes for any number of jobs or workers.
"""
# No `from __future__ import annotations`: typing.NamedTuple compiles every string
# annotation into a ForwardRef at start-up (~35 us a field, ~9 ms a run in all).

import os
from collections.abc import Callable, Sequence
from typing import NamedTuple

from .errors import InputError
from .load import Entry, Read, default_id, dedupe, metadata_for, read_entry, tie_break, to_source, unique_ids
from .pipeline import Plan, SourceAnalysis, analyze, with_source

# below this many sources per process a pool costs more than it saves
MIN_SOURCES_PER_JOB = 8


class Job(NamedTuple):
    """One source to analyse: an entry to read where the work runs, or a text
    already read (stdin, an article of a dataset)."""

    entry: Entry
    read: Read | None = None


class Outcome(NamedTuple):
    read: Read | None  # what was read (its text is in the analysis), None when it could not be
    analysis: SourceAnalysis | None
    message: str  # a warning, or why the source was skipped


class Options(NamedTuple):
    text_field: str | None = None
    source_field: str | None = None


def work(job: Job, plan: Plan) -> Outcome:
    """One source, start to end: never raises for a bad input, says why instead."""
    try:
        if job.read is not None:
            read, warning = job.read, ""
        else:
            (read,), warnings = read_entry(job.entry)
            warning = "; ".join(warnings)
    except InputError as exc:
        return Outcome(None, None, str(exc))
    source = to_source(read, {}, read.file)
    return Outcome(read._replace(text=""), analyze(source, plan), warning)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class Gathered(NamedTuple):
    analyses: list[SourceAnalysis]
    warnings: list[str]
    failed: list[str]


def gather(entries: list[Entry], plan: Plan, *, stdin_bytes: bytes | None = None, jobs: int = 1, dask: str = "",
           options: Options = Options(), progress: Callable[[int], None] | None = None) -> Gathered:
    """Analyse every source of ``entries``; sources are ordered by file name
    (then dataset line) and given their ids (label from ``sources.toml``, the
    page or the dataset, else the file name) once all are back."""
    entries, warnings = dedupe(entries)
    job_list: list[Job] = []
    failed: list[str] = []
    for e in entries:
        if e.kind in ("stdin", "dataset"):  # read here: a dataset holds many sources
            try:
                reads, more = read_entry(e, stdin_bytes=stdin_bytes, text_field=options.text_field,
                                         source_field=options.source_field)
            except InputError as exc:
                failed.append(str(exc))
                continue
            warnings.extend(more)
            job_list.extend(Job(e, r) for r in reads)
        else:
            job_list.append(Job(e))
    outcomes = run_all(job_list, plan, jobs=jobs, dask=dask, progress=progress)
    folders: dict[str, dict[str, dict[str, str]]] = {}
    done: list[tuple[Read, SourceAnalysis, dict[str, str], str]] = []
    for job, o in zip(job_list, outcomes):
        if o.read is None or o.analysis is None:
            failed.append(o.message)
            continue
        if o.message:
            warnings.append(o.message)
        done.append((o.read, o.analysis, metadata_for(job.entry, folders, o.read), tie_break(job.entry)))
    done.sort(key=lambda t: (t[0].order, t[3]))
    ids = unique_ids([default_id(r, m) for r, _a, m, _w in done])
    analyses = [with_source(a, to_source(r._replace(text=a.source.text), m, i))
                for (r, a, m, _w), i in zip(done, ids)]
    return Gathered(analyses, warnings, failed)


def run_all(jobs_: Sequence[Job], plan: Plan, *, jobs: int = 1, dask: str = "",
            progress: Callable[[int], None] | None = None) -> list[Outcome]:
    """Every job's outcome, in the order of ``jobs_``."""
    if dask:
        from .cluster import run_on_dask

        return run_on_dask(jobs_, plan, dask, progress=progress)
    if jobs <= 1 or len(jobs_) < 2 * MIN_SOURCES_PER_JOB:
        out = []
        for job in jobs_:
            out.append(work(job, plan))
            if progress:
                progress(1)
        return out
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(64, len(jobs_) // (jobs * 8)))
    ctx = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init, initargs=(plan,)) as pool:
        results = []
        for outcome in pool.map(_work_in_pool, jobs_, chunksize=chunk):
            results.append(outcome)
            if progress:
                progress(1)
        return results


_PLAN: Plan | None = None


def _init(plan: Plan) -> None:
    """Each pool process receives the plan once, not once per source."""
    global _PLAN
    _PLAN = plan


def _work_in_pool(job: Job) -> Outcome:
    assert _PLAN is not None
    return work(job, _PLAN)
