"""What each command does, between parsing (cli.py) and the core (pipeline.py):
read the configuration and the sources at the edge, run the per-source work,
build the view, and write it once.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from .errors import ExitStatus, OutputError, UsageError
from .render import Format
from .request import Request
from .textnorm import PLAIN

if TYPE_CHECKING:
    from .cache import Cache
    from .environment import Environment
    from .models import Source
    from .work import Gathered, Meanwhile, Named, Prepared
    from .pipeline import Plan, SourceAnalysis
    from .topics import Topic


def say(line: str) -> None:
    """One diagnostic line on stderr (never on stdout)."""
    try:
        sys.stderr.write(f"compare-claims: {line}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # stderr closed: nothing to tell
        pass


def _default_corpus() -> list[str]:
    from .paths import data_dir

    # what Path.glob("*.txt") lists, without the pattern it compiles
    folder = str(data_dir())
    return sorted(os.path.join(folder, e.name) for e in os.scandir(folder) if e.name.endswith(".txt"))


def _topics(req: Request) -> dict[str, Topic]:
    from .config import load_topics
    from .topics import keywords_topic

    topics = load_topics(req.topics_file)
    if req.keywords is not None:
        t = keywords_topic(req.keywords)
        topics[t.name] = t
    return topics


def _topic(req: Request, topics: dict[str, Topic]) -> Topic:
    from .topics import ALL_STATEMENTS, get_topic

    if req.whole:
        return ALL_STATEMENTS
    if req.keywords is not None:
        return topics["keywords"]
    if not req.topic:
        raise UsageError("which topic? give its name (see `compare-claims topics`) or --keywords")
    return get_topic(topics, req.topic)


def gather(req: Request, plan: Plan, cache: Cache | None = None) -> list[SourceAnalysis]:
    """Read and analyse every source; report what was skipped and why."""
    prepared, skipped_files = _prepare(req, cache)
    got = _analyse(req, prepared, plan, cache)
    _report(req, got.warnings, got.failed, [a.source for a in got.analyses], skipped_files)
    return got.analyses


def _prepare(req: Request, cache: Cache | None) -> tuple[Prepared, list[str]]:
    """The jobs of the run (with a cache, the files read here: their text is the key)."""
    from .load import expand_paths
    from .work import Options, prepare

    entries, skipped_files = expand_paths(req.paths or _default_corpus())
    stdin = sys.stdin.buffer.read() if any(e.kind == "stdin" for e in entries) else None
    return prepare(entries, stdin_bytes=stdin, options=Options(req.text_field, req.source_field),
                   read_files=cache is not None), skipped_files


def _analyse(req: Request, prepared: Prepared, plan: Plan, cache: Cache | None,
             meanwhile: Meanwhile | None = None) -> Gathered:
    from .work import analyse

    with _progress(len(prepared.jobs), req) as advance:
        return analyse(prepared, plan, jobs=_jobs(req), dask=req.dask, progress=advance, cache=cache,
                       meanwhile=meanwhile)


def _jobs(req: Request) -> int:
    from .work import default_jobs

    return req.jobs or default_jobs()


def _report(req: Request, warnings: list[str], failed: list[str], sources: list[Source],
            skipped_files: list[str]) -> None:
    """What could not be read stops the run (--strict, or nothing was read); else it is said."""
    from .errors import InputError

    if failed and (req.strict or not sources):
        more = f" (and {len(failed) - 1} more)" if len(failed) > 1 else ""
        raise InputError(failed[0] + more)
    if (req.text_field or req.source_field) and not any(s.offsets == "dataset" for s in sources):
        warnings.append("--text-field and --source-field apply to dataset files (.jsonl, .csv) only; "
                        "none was given")
    if not req.quiet:
        for w in warnings:
            say(f"warning: {w}")
        for f in failed:
            say(f"warning: {f}; skipped")
        if req.verbose:
            for line in skipped_files:
                say(line)
        elif skipped_files:
            say(f"skipped {len(skipped_files)} file(s) that are not sources (--verbose lists them)")


class _Progress:
    """A rich progress bar on a terminal for runs over many sources; else nothing."""

    def __init__(self, total: int, show: bool) -> None:
        self.total, self.show = total, show
        self.bar: object = None

    def __enter__(self) -> Callable[[int], None] | None:
        if not self.show:
            return None
        from rich.progress import Progress

        self.bar = Progress(transient=True, redirect_stdout=False, redirect_stderr=False)
        bar = self.bar
        assert isinstance(bar, Progress)
        bar.start()
        task = bar.add_task("reading sources", total=self.total)
        return lambda n: bar.advance(task, n)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            from rich.progress import Progress

            assert isinstance(self.bar, Progress)
            self.bar.stop()


def _progress(total: int, req: Request) -> _Progress:
    tty = False
    try:
        tty = sys.stderr.isatty()
    except (ValueError, AttributeError):
        pass
    return _Progress(total, tty and total >= 50 and not req.quiet)


def _known(topics: dict[str, Topic]) -> tuple[Topic, ...]:
    return tuple(topics[n] for n in sorted(topics))


def _plan(req: Request, topics: dict[str, Topic], asked: list[Topic], annotate: bool) -> Plan:
    from .config import load_lexicon, load_segment_cues, load_vocabulary
    from .pipeline import Plan

    lexicon = load_lexicon(asked[0]) if annotate else None
    return Plan.build(load_segment_cues(), _known(topics), asked, lexicon, load_vocabulary() if annotate else PLAIN)


def _cache(req: Request, topics: dict[str, Topic], asked: list[Topic], annotate: bool) -> Cache | None:
    """The analysis cache for this plan, unless --no-cache, --dask, or it cannot be used safely (said once)."""
    if not req.cache or req.dask:
        return None
    from .cache import Cache, default_dir, default_key_file, plan_fingerprint

    def warn(line: str) -> None:
        if not req.quiet:
            say(line)

    try:
        where, key_file = req.cache_dir or default_dir(), default_key_file()
    except RuntimeError as exc:  # no home directory to keep it in
        warn(f"warning: cache not used: {exc}")
        return None
    return Cache.open(where, key_file, plan_fingerprint(_known(topics), asked, annotate), warn)


def _result(req: Request) -> tuple[object, int]:
    from .align import SCORERS
    from .pipeline import Options, build_groups, finish_result, ready_to_group, skipped_of
    from .work import Meanwhile

    if req.keywords is not None and req.topic:  # with --keywords, a first argument is a source
        req = req._replace(paths=[req.topic, *req.paths], topic=None)
    if req.scorer not in SCORERS:
        raise UsageError(f"unknown scorer '{req.scorer}' (known: {', '.join(sorted(SCORERS))})")
    topics = {} if req.whole else _topics(req)
    topic = _topic(req, topics)
    options = Options(scorer=req.scorer, threshold=req.threshold, only_divergent=req.only_divergent,
                      min_sources=req.min_sources)
    cache = _cache(req, topics, [topic], annotate=True)
    try:
        prepared, skipped_files = _prepare(req, cache)
        key, stored, analyses = "", None, None
        named = _named(req, prepared, cache)
        if cache and named:
            key = cache.groups_key(named.sources, options.scorer, options.threshold)
            stored = cache.load_groups(key)
        if named and stored is not None:  # the sources' own analyses are not needed: not even loaded
            _report(req, named.warnings, named.failed, named.sources, skipped_files)
            sources, (groups, skipped) = named.sources, stored
        else:
            plan = _plan(req, topics, [topic], annotate=True)
            got = _analyse(req, prepared, plan, cache, Meanwhile(ready_to_group))
            analyses, sources = got.analyses, [a.source for a in got.analyses]
            _report(req, got.warnings, got.failed, sources, skipped_files)
            groups = build_groups(analyses, topic, options, vocabulary=plan.vocabulary, lexicon=plan.lexicon,
                                  jobs=_jobs(req))
            skipped = skipped_of(analyses)
            if cache:
                cache.save_groups(key or cache.groups_key(sources, options.scorer, options.threshold), groups, skipped)
    finally:
        if cache:
            cache.close()
    result = finish_result(topic, options, sources, skipped, groups)
    if req.explain and analyses is not None:
        for line in explain_lines(analyses):
            say(line)
    if not req.quiet:
        if req.verbose:
            for sid, reason, count in result.skipped:
                say(f"{sid}: skipped {count} {reason}")
            n = sum(len(g.members) for g in result.groups)
            say(f"{n} statements on topic '{result.topic}' in {len(result.groups)} groups "
                f"from {len(result.sources)} sources")
        if not (result.all_groups or result.groups):
            say(f"warning: no statement is on topic '{topic.name}' (keywords: {', '.join(topic.keywords)})")
    return result, 0


def _named(req: Request, prepared: Prepared, cache: Cache | None) -> Named | None:
    """With a cache, the sources under their final ids when every one was
    read here: what a topic's groups are stored under.  --explain needs the
    sources' own analyses: not then."""
    from .work import named

    if cache is None or req.explain:
        return None
    got = named(prepared)
    return got if got is not None and got.sources else None


def explain_lines(analyses: list[SourceAnalysis]) -> list[str]:
    """Each statement left out next to a kept one, and the rule that left it out."""
    def short(text: str) -> str:
        flat = " ".join(text.split())
        return flat if len(flat) <= 90 else flat[:89] + "…"

    return [f"explain: {st.source} {st.start}-{st.end} left out ({why}): \"{short(st.text)}\" "
            f"[next to kept {kept.start}-{kept.end}]"
            for a in analyses for st, why, kept in a.left_out]


def run_topic(req: Request) -> int:
    from .models import Result

    # a baseline that cannot be read stops the run before any work or output (exit 2, not a result and exit 2);
    # read before writing: --baseline X --write-baseline X compares, then updates
    old = None
    if req.baseline is not None:  # imported only then: dataclasses and tempfile cost a run ~5 ms
        from .baseline import read_baseline

        old = read_baseline(req.baseline)
    result, _ = _result(req)
    assert isinstance(result, Result)
    emit(result, req)
    return _baselines(result, req, old)


def run_quantities(req: Request) -> int:
    from .models import Result
    from .quantities import quantities

    result, _ = _result(req)
    assert isinstance(result, Result)
    emit(quantities(result), req)
    return 0


def run_coverage(req: Request, *, with_labels: bool = False) -> int:
    from .coverage import coverage

    topics = _topics(req)
    asked = [topics[n] for n in sorted(topics)]
    cache = _cache(req, topics, asked, annotate=False)
    try:
        analyses = gather(req, _plan(req, topics, asked, annotate=False), cache)
    finally:
        if cache:
            cache.close()
    emit(coverage(analyses, asked)._replace(with_labels=with_labels), req)
    return 0


def run_extract(source: str, *, text_field: str | None, source_field: str | None, quiet: bool) -> int:
    from .errors import InputError
    from .load import expand_paths, read_entry

    entries, _ = expand_paths([source])
    if len(entries) != 1:
        raise InputError(f"{source}: extract reads one file or URL; this names {len(entries)} files")
    stdin = sys.stdin.buffer.read() if entries[0].kind == "stdin" else None
    reads, warnings = read_entry(entries[0], stdin_bytes=stdin, text_field=text_field, source_field=source_field)
    if not quiet:
        for w in warnings:
            say(f"warning: {w}")
    if len(reads) != 1:
        first = source.rstrip(":") + reads[0].file[len(Path(source).name):]
        raise InputError(f"{source}: holds {len(reads)} articles; name one by its line, e.g. {first}")
    write_stdout(reads[0].text)
    return 0


def run_diff(old: Path, new: Path, *, quiet: bool) -> int:
    from .baseline import compare, read_baseline

    changes = compare(read_baseline(old), read_baseline(new))
    if not quiet:
        write_stdout("".join(f"{line}\n" for line in changes) or "no change\n")
    return int(ExitStatus.CHANGED) if changes else 0


def _baselines(result: object, req: Request, old: dict[str, Any] | None) -> int:
    from .models import Result

    assert isinstance(result, Result)
    if req.write_baseline is None and req.baseline is None:
        return 0
    from .baseline import compare, write_baseline

    if req.write_baseline is not None:
        write_baseline(result, req.write_baseline)
    if old is None:
        return 0
    changes = compare(old, result.to_dict())
    if not changes:
        if not req.quiet:
            say("baseline: no change")
        return int(ExitStatus.OK)
    for line in changes:
        say(f"baseline: {line}")
    return int(ExitStatus.CHANGED)


# ------------------------------------------------------------------ writing


def emit(view: object, req: Request) -> None:
    """Render ``view`` once and write it: to ``--output``, through a pager, or to stdout."""
    from .environment import Environment
    from .render import render

    env = Environment.from_process(color=req.color, pager=req.pager and req.output is None)
    if req.output is not None:
        env = env._replace(color=req.color == "always", width=max(env.width, 100))
    text = render(view, req.fmt, env)  # type: ignore[arg-type]
    if req.output is not None:
        write_file(req.output, text)
    elif req.fmt is Format.table and env.pager and text.count("\n") >= _terminal_lines():
        page(text, env)
    else:
        write_stdout(text)


def _terminal_lines() -> int:
    import shutil

    return shutil.get_terminal_size((100, 24)).lines


def page(text: str, env: Environment) -> None:
    """Through the pager, as git does; straight to stdout if it cannot start."""
    import shlex
    import subprocess

    try:
        proc = subprocess.Popen(shlex.split(env.pager), stdin=subprocess.PIPE,
                                env={**os.environ, "LESS": os.environ.get("LESS", "FRX")})
    except (OSError, ValueError):
        write_stdout(text)
        return
    assert proc.stdin is not None
    try:
        proc.stdin.write(text.encode("utf-8", "replace"))
        proc.stdin.close()
    except (BrokenPipeError, OSError):  # the reader quit the pager early
        pass
    proc.wait()


def write_stdout(text: str) -> None:
    """Write the result; a reader that leaves early (`| head`) is not an error,
    a closed or full stdout is one line and exit 2."""
    out = sys.stdout
    if out is None:
        raise OutputError("cannot write the result: standard output is closed")
    try:
        out.flush()
        buffer = getattr(out, "buffer", None)
        if buffer is not None:  # UTF-8 whatever the locale: offsets count its characters
            buffer.write(text.encode("utf-8", "replace"))
            buffer.flush()
        else:
            out.write(text)
            out.flush()
    except BrokenPipeError:
        _silence_stdout()
    except (OSError, ValueError) as exc:
        _silence_stdout()
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise OutputError(f"cannot write the result to standard output ({reason})") from None


def _silence_stdout() -> None:
    """Send whatever is left for stdout nowhere, so the exit does not fail on it."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def write_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (a reader never sees half a file)."""
    from .baseline import write_atomically

    write_atomically(path, text.encode("utf-8"), OutputError, "cannot write")
