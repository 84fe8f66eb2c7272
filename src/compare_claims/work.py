"""Run the per-source work (read, decode, segment, select, annotate) for many
sources: in this process, in a pool of processes (``--jobs``) or on a Dask
cluster (``--dask``).  The work is one function everywhere; results are put
back in the order of the sources and given their ids afterwards, so the
output is the same bytes for any number of jobs or workers.

With the analysis cache (``cache.py``; not on Dask), files are read here
first: a source's text is its key.  Stored analyses are loaded, the others
computed (and packed for the cache where they are computed) and stored.
"""
# No `from __future__ import annotations`: typing.NamedTuple compiles every string
# annotation into a ForwardRef at start-up (~35 us a field, ~9 ms a run in all).

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import InputError
from .load import Entry, Read, default_id, dedupe, metadata_for, read_entry, tie_break, to_source, unique_ids
from .models import Source
from .pipeline import Plan, SourceAnalysis, analyze, with_source

if TYPE_CHECKING:
    from .cache import Cache

# below this many sources per process a pool costs more than it saves
MIN_SOURCES_PER_JOB = 8


class Job(NamedTuple):
    """One source to analyse: an entry to read where the work runs, or a text
    already read (stdin, an article of a dataset)."""

    entry: Entry
    read: Read | None = None
    warning: str = ""  # said when the file was read here (with the cache)
    failed: str = ""  # why the file could not be read here


class Outcome(NamedTuple):
    read: Read | None  # what was read (its text is in the analysis), None when it could not be
    analysis: SourceAnalysis | None
    message: str  # a warning, or why the source was skipped
    packed: bytes = b""  # the analysis as the cache stores it (``codec.pack``), when asked for


class Meanwhile(NamedTuple):
    """What this process may do while forked ones analyse sources."""

    task: Callable[[], object]


class Options(NamedTuple):
    text_field: str | None = None
    source_field: str | None = None


def work(job: Job, plan: Plan, pack: bool = False) -> Outcome:
    """One source, start to end: never raises for a bad input, says why instead.
    ``pack``: with the analysis packed for the cache (done where the work runs:
    in the pool, in parallel)."""
    if job.failed:
        return Outcome(None, None, job.failed)
    try:
        if job.read is not None:
            read, warning = job.read, job.warning
        else:
            (read,), warnings = read_entry(job.entry)
            warning = "; ".join(warnings)
    except InputError as exc:
        return Outcome(None, None, str(exc))
    source = to_source(read, {}, read.file)
    analysis = analyze(source, plan)
    # a text that cannot name a topic asked is found so again faster than read from the cache
    if not pack or not analysis.statements:
        return Outcome(read._replace(text=""), analysis, warning)
    from .codec import encode_analysis, pack as packed

    return Outcome(read._replace(text=""), analysis, warning, packed(encode_analysis(analysis)))


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class Gathered(NamedTuple):
    analyses: list[SourceAnalysis]
    warnings: list[str]
    failed: list[str]


class Prepared(NamedTuple):
    """The jobs of a run, with what reading them here already said."""

    jobs: list[Job]
    warnings: list[str]
    failed: list[str]


class Named(NamedTuple):
    """Every source read, under its final id (text included), before any analysis."""

    sources: list[Source]
    warnings: list[str]
    failed: list[str]


def gather(entries: list[Entry], plan: Plan, *, stdin_bytes: bytes | None = None, jobs: int = 1, dask: str = "",
           options: Options = Options(), progress: Callable[[int], None] | None = None,
           cache: "Cache | None" = None) -> Gathered:
    """Analyse every source of ``entries``; sources are ordered by file name
    (then dataset line) and given their ids (label from ``sources.toml``, the
    page or the dataset, else the file name) once all are back.  With a
    ``cache`` (not on Dask), files are read here, and a source whose analysis
    is stored is not analysed again; what was analysed is stored."""
    prepared = prepare(entries, stdin_bytes=stdin_bytes, options=options, read_files=cache is not None and not dask)
    return analyse(prepared, plan, jobs=jobs, dask=dask, progress=progress, cache=cache)


def prepare(entries: list[Entry], *, stdin_bytes: bytes | None = None, options: Options = Options(),
            read_files: bool = False) -> Prepared:
    """One job a source: stdin and datasets read here (a dataset holds many
    sources), files too with ``read_files``; the rest where the work runs."""
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
        elif e.kind == "file" and read_files:
            job_list.append(_read_here(e))
        else:
            job_list.append(Job(e))
    return Prepared(job_list, warnings, failed)


def analyse(prepared: Prepared, plan: Plan, *, jobs: int = 1, dask: str = "",
            progress: Callable[[int], None] | None = None, cache: "Cache | None" = None,
            meanwhile: Meanwhile | None = None) -> Gathered:
    """Every prepared job analysed (with a ``cache``: the stored ones loaded), under its final id.
    ``meanwhile``: what this process may do while forked ones analyse."""
    if cache is not None and not dask:
        outcomes = _cached(prepared.jobs, plan, cache, jobs=jobs, progress=progress, meanwhile=meanwhile)
    else:
        outcomes = run_all(prepared.jobs, plan, jobs=jobs, dask=dask, progress=progress, meanwhile=meanwhile)
    done, warnings, failed = _settle(prepared, outcomes)
    analyses = [with_source(a, s) for s, a in done if a is not None]
    return Gathered(analyses, warnings, failed)


def named(prepared: Prepared) -> Named | None:
    """The sources of ``prepared`` under the ids ``analyse`` gives them, when
    every one was read here (else None: a URL is read where the work runs)."""
    if any(job.read is None and not job.failed for job in prepared.jobs):
        return None
    outcomes = [Outcome(job.read, None, job.warning) if job.read is not None else Outcome(None, None, job.failed)
                for job in prepared.jobs]
    done, warnings, failed = _settle(prepared, outcomes)
    return Named([s for s, _a in done], warnings, failed)


def _settle(prepared: Prepared, outcomes: Sequence[Outcome]
            ) -> tuple[list[tuple[Source, SourceAnalysis | None]], list[str], list[str]]:
    """Sources in order (file name, then dataset line) under their ids
    (label from ``sources.toml``, the page or the dataset, else the file
    name); the warnings and failures of the run, in the order of the jobs."""
    warnings, failed = list(prepared.warnings), list(prepared.failed)
    folders: dict[str, dict[str, dict[str, str]]] = {}
    done: list[tuple[Read, SourceAnalysis | None, dict[str, str], str]] = []
    for job, o in zip(prepared.jobs, outcomes):
        if o.read is None:
            failed.append(o.message)
            continue
        if o.message:
            warnings.append(o.message)
        done.append((o.read, o.analysis, metadata_for(job.entry, folders, o.read), tie_break(job.entry)))
    done.sort(key=lambda t: (t[0].order, t[3]))
    ids = unique_ids([default_id(r, m) for r, _a, m, _w in done])
    return ([(to_source(r._replace(text=a.source.text) if a is not None else r, m, i), a)
             for (r, a, m, _w), i in zip(done, ids)], warnings, failed)


def _read_here(entry: Entry) -> Job:
    """A file read in this process (its analysis may be stored: the key is its text)."""
    try:
        (read,), warnings = read_entry(entry)
    except InputError as exc:
        return Job(entry, failed=str(exc))
    return Job(entry, read, "; ".join(warnings))


def _cached(job_list: list[Job], plan: Plan, cache: "Cache", *, jobs: int,
            progress: Callable[[int], None] | None, meanwhile: Meanwhile | None = None) -> list[Outcome]:
    """Every job's outcome: from the cache when its analysis is stored, else
    computed (in a pool when many are) and then stored."""
    keys: dict[int, tuple[str, Source]] = {}
    for i, job in enumerate(job_list):
        if job.read is not None and not job.failed:
            source = to_source(job.read, {}, job.read.file)
            keys[i] = (cache.source_key(source), source)
    stored = cache.load_analyses(list(keys.values()))
    outcomes: list[Outcome | None] = [None] * len(job_list)
    todo: list[int] = []
    for i, job in enumerate(job_list):
        got = stored.get(keys[i][0]) if i in keys else None
        if got is not None and job.read is not None:
            outcomes[i] = Outcome(job.read._replace(text=""), got, job.warning)
        else:
            todo.append(i)
    if progress and len(todo) < len(job_list):
        progress(len(job_list) - len(todo))
    fresh = run_all([job_list[i] for i in todo], plan, jobs=jobs, progress=progress, pack=True, meanwhile=meanwhile)
    new: list[tuple[str, bytes]] = []
    for i, o in zip(todo, fresh):
        outcomes[i] = o._replace(packed=b"")
        if o.analysis is not None and o.packed:
            new.append((keys[i][0] if i in keys else cache.source_key(o.analysis.source), o.packed))
    cache.save_analyses(new)
    return [o for o in outcomes if o is not None]


def run_all(jobs_: Sequence[Job], plan: Plan, *, jobs: int = 1, dask: str = "",
            progress: Callable[[int], None] | None = None, pack: bool = False,
            meanwhile: Meanwhile | None = None) -> list[Outcome]:
    """Every job's outcome, in the order of ``jobs_``."""
    if dask:
        from .cluster import run_on_dask

        return run_on_dask(jobs_, plan, dask, progress=progress)
    if jobs <= 1 or len(jobs_) < 2:
        out = []
        for job in jobs_:
            out.append(work(job, plan, pack))
            if progress:
                progress(1)
        return out
    if len(jobs_) < 2 * MIN_SOURCES_PER_JOB:  # a few sources: one fork a process, shared by size
        from .parallel import map_in_forks

        done = map_in_forks(_work_of, (plan, pack), jobs_, jobs, encode=_plain_outcome, decode=_outcome_of,
                            weights=[_size(job) for job in jobs_], meanwhile=meanwhile and meanwhile.task)
        if progress:
            progress(len(jobs_))
        return done
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(64, len(jobs_) // (jobs * 8)))
    ctx = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init, initargs=(plan, pack)) as pool:
        results = []
        for outcome in pool.map(_work_in_pool, jobs_, chunksize=chunk):
            results.append(outcome)
            if progress:
                progress(1)
        return results


def _size(job: Job) -> int:
    """About how much work a job is: its text's length, or its file's size."""
    if job.read is not None:
        return len(job.read.text)
    try:
        return os.stat(job.entry.where).st_size if job.entry.kind == "file" else 0
    except OSError:
        return 0


def _work_of(state: tuple[Plan, bool], job: Job) -> Outcome:
    plan, pack = state
    return work(job, plan, pack)


def _plain_outcome(o: Outcome) -> list[Any]:
    """``o`` as plain JSON data (``codec``), for the pipe from a forked process."""
    from .codec import encode_analysis

    a = o.analysis
    return [o.read, a.source if a else None, encode_analysis(a) if a else None, o.message, o.packed.hex()]


def _outcome_of(d: list[Any]) -> Outcome:
    """``_plain_outcome`` undone: each value built by its own type."""
    from .codec import decode_analysis

    read_d, source_d, analysis_d, message, packed = d
    read = None
    if read_d is not None:
        file, text, encoding, offsets, found, warning, order = read_d
        read = Read(file, text, encoding, offsets, tuple((k, v) for k, v in found), warning, tuple(order))
    source = Source(*source_d) if source_d is not None else None
    analysis = decode_analysis(analysis_d, source) if analysis_d is not None and source is not None else None
    return Outcome(read, analysis, message, bytes.fromhex(packed))


_PLAN: Plan | None = None
_PACK = False


def _init(plan: Plan, pack: bool = False) -> None:
    """Each pool process receives the plan once, not once per source."""
    global _PLAN, _PACK
    _PLAN, _PACK = plan, pack


def _work_in_pool(job: Job) -> Outcome:
    assert _PLAN is not None
    return work(job, _PLAN, _PACK)
