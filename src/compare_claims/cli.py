"""Command line: parse, call the core, print once.

Results go to stdout; diagnostics to a stderr console.  Domain errors are
mapped to a one-line message and an exit code in one place, ``_errors_to_exit``.

No ``from __future__ import annotations`` here: typer reads the commands'
annotations on every run, and real objects spare it evaluating strings.
"""
import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, List, Optional

import typer

from . import __version__
from .diagnostics import Diagnostics, PlainOutput
from .errors import CompareClaimsError, ExitStatus
from .render import Format

if TYPE_CHECKING:
    from rich.console import Console

    from .cache import DiskCache
    from .models import Result, Source
    from .pipeline import Options
    from .topics import Topic

app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="See where several reports of one event agree, and where they frame it differently.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _diagnostics() -> Diagnostics:
    return Diagnostics()


def _silence_stdout() -> None:
    """The reader went away (`| head`): send the rest of stdout nowhere, like cat."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _stdout_console() -> "Console":
    from rich.console import Console

    class _PipeSafeConsole(Console):
        def on_broken_pipe(self) -> None:  # rich would exit 1: a closed reader is not an error
            self.quiet = True
            _silence_stdout()

    width = int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS", "").isdigit() else None
    return _PipeSafeConsole(file=sys.stdout, highlight=False, width=width)


def _output(fmt: Format) -> "Console | PlainOutput":
    """A rich Console for the table; a plain file for machine formats (no rich import)."""
    return _stdout_console() if fmt is Format.table else PlainOutput()


@contextlib.contextmanager
def _pipe_safe() -> Iterator[None]:
    """Printing the result: a reader that stops early (`| head`) is not an error."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()


@contextlib.contextmanager
def _errors_to_exit(err: Diagnostics) -> Iterator[None]:
    """The edge: a domain error becomes one line on stderr and its exit code."""
    try:
        yield
    except CompareClaimsError as exc:
        err.print(f"compare-claims: error: {exc}", markup=False)
        raise typer.Exit(int(exc.exit_status)) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"compare-claims {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """See where several reports of one event agree, and where they frame it differently.

    Example: compare-claims topic iran
    """


def _default_corpus() -> list[str]:
    from .paths import data_dir

    return [str(data_dir())]


def _load(sources: Optional[List[str]], extra_paths: Optional[List[str]], err: Diagnostics, quiet: bool) -> "tuple[Source, ...]":
    from .load import STDIN_NAME, expand_paths, load_sources

    paths = list(sources or []) + list(extra_paths or [])
    if not paths:
        paths = _default_corpus()
    entries = expand_paths(paths)
    stdin_bytes = sys.stdin.buffer.read() if STDIN_NAME in entries else None
    loaded, warnings = load_sources(entries, stdin_bytes=stdin_bytes)
    if not quiet:
        for w in warnings:
            err.print(f"compare-claims: warning: {w}", markup=False)
    return loaded


def _topics(topics_file: Optional[Path]) -> "dict[str, Topic]":
    from .topics import load_topics

    return load_topics(topics_file)


SOURCES_HELP = "Texts to compare: files, directories, globs, or - for stdin (default: the shipped corpus). Repeat the flag or list several paths after it."
TOPICS_FILE_HELP = "TOML file adding or overriding topics ([topics.NAME] label, keywords, labels)."


@app.command("topic")
def topic_cmd(
    name: str = typer.Argument(..., help="Topic to compare (see `compare-claims topics`)."),
    paths: Optional[List[str]] = typer.Argument(None, help="More source paths (same as --sources).", show_default=False),
    sources: Optional[List[str]] = typer.Option(None, "--sources", "-s", help=SOURCES_HELP, show_default=False),
    topics_file: Optional[Path] = typer.Option(None, "--topics-file", help=TOPICS_FILE_HELP),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Output format.", case_sensitive=False),
    scorer: str = typer.Option("weighted", "--scorer", help="Similarity scorer: weighted, idf, token_set, token_sort."),
    threshold: float = typer.Option(25.0, "--threshold", min=0, max=100, help="Minimum score (0-100) to align two statements."),
    only_divergent: bool = typer.Option(False, "--only-divergent", help="Keep only groups where some divergence flag fired."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Compare with a saved JSON result; exit 1 when claims moved."),
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline", help="Save the result as a JSON baseline."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Say what was skipped and why (stderr)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the result: no warnings."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not read or write the analysis cache."),
) -> None:
    """Align the statements every source makes about a topic, side by side.

    Example: compare-claims topic iran --format markdown
    """
    err = _diagnostics()
    with _errors_to_exit(err):
        from .align import SCORERS
        from .pipeline import Options

        if scorer not in SCORERS:
            raise _usage(f"unknown scorer '{scorer}' (known: {', '.join(sorted(SCORERS))})")
        options = Options(scorer=scorer, threshold=threshold, only_divergent=only_divergent)
        result, topic, cache = _run_topic(name, sources, paths, topics_file, options, err, quiet, no_cache)
        if verbose and not quiet:
            _report_cache(cache, err)
            _report_skipped(result, err)
        if not result.groups and not quiet and not only_divergent:
            err.print(f"compare-claims: warning: no statement is on topic '{topic.name}' "
                      f"(keywords: {', '.join(topic.keywords)})", markup=False)
        from .render import render

        with _pipe_safe():
            render(result, fmt, _output(fmt))
        status = _baselines(result, baseline, write_baseline, err, quiet)
    if status:
        raise typer.Exit(status)


def _run_topic(
    name: str, sources: Optional[List[str]], paths: Optional[List[str]], topics_file: Optional[Path],
    options: "Options", err: Diagnostics, quiet: bool, no_cache: bool,
) -> "tuple[Result, Topic, DiskCache | None]":
    """Load the sources and topics, then run the core for one topic."""
    from .pipeline import run
    from .topics import get_topic

    cache = _cache(no_cache)  # first: --no-cache also covers the parsed topics file
    loaded = _load(sources, paths, err, quiet)
    topics = _topics(topics_file)
    topic = get_topic(topics, name)
    return run(loaded, topic, topics, options, cache=cache), topic, cache


def _cache(disabled: bool) -> "DiskCache | None":
    from .paths import cache_disabled, disable_cache

    disable_cache(disabled)  # also for the parsed-TOML cache
    if cache_disabled():
        return None
    from .cache import DiskCache

    return DiskCache()


def _report_cache(cache: "DiskCache | None", err: Diagnostics) -> None:
    if cache is None:
        err.print("compare-claims: analysis cache off", markup=False)
        return
    err.print(f"compare-claims: analysis cache {cache.directory}: {cache.hits} hit(s), {cache.misses} miss(es)",
              markup=False)
    for line in cache.errors:
        err.print(f"compare-claims: warning: {line}", markup=False)


def _usage(message: str) -> CompareClaimsError:
    from .errors import InputError

    return InputError(message)


def _report_skipped(result: "Result", err: Diagnostics) -> None:
    for sid, reason, count in result.skipped:
        err.print(f"compare-claims: {sid}: skipped {count} {reason}", markup=False)
    n = sum(len(g.members) for g in result.groups)
    err.print(f"compare-claims: {n} statements on topic '{result.topic}' in {len(result.groups)} groups", markup=False)


def _baselines(result: "Result", baseline: Optional[Path], write: Optional[Path], err: Diagnostics, quiet: bool) -> int:
    if write is None and baseline is None:
        return 0
    from .baseline import compare, read_baseline, write_baseline

    # read the old baseline before writing: --baseline X --write-baseline X compares, then updates
    old = read_baseline(baseline) if baseline is not None else None
    if write is not None:
        write_baseline(result, write)
    if old is None:
        return 0
    changes = compare(old, result.to_dict())
    if not changes:
        if not quiet:
            err.print("compare-claims: baseline: no change", markup=False)
        return int(ExitStatus.OK)
    for line in changes:
        err.print(f"compare-claims: baseline: {line}", markup=False)
    return int(ExitStatus.CHANGED)


@app.command("quantities")
def quantities_cmd(
    name: str = typer.Argument(..., help="Topic (see `compare-claims topics`)."),
    paths: Optional[List[str]] = typer.Argument(None, help="More source paths (same as --sources).", show_default=False),
    sources: Optional[List[str]] = typer.Option(None, "--sources", "-s", help=SOURCES_HELP, show_default=False),
    topics_file: Optional[Path] = typer.Option(None, "--topics-file", help=TOPICS_FILE_HELP),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Output format.", case_sensitive=False),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the result: no warnings."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not read or write the analysis cache."),
) -> None:
    """Line up every number, amount, duration and date of a topic across sources.

    Values are normalised ("ninety-minute" and "an hour and a half" are both 90 min).
    Example: compare-claims quantities iran --format csv
    """
    err = _diagnostics()
    with _errors_to_exit(err):
        from .pipeline import Options
        from .quantities import render_quantities

        result, _, _ = _run_topic(name, sources, paths, topics_file, Options(), err, quiet, no_cache)
        with _pipe_safe():
            render_quantities(result, fmt, _output(fmt))


@app.command("topics")
def topics_cmd(
    sources: Optional[List[str]] = typer.Option(None, "--sources", "-s", help=SOURCES_HELP, show_default=False),
    paths: Optional[List[str]] = typer.Argument(None, help="More source paths.", show_default=False),
    topics_file: Optional[Path] = typer.Option(None, "--topics-file", help=TOPICS_FILE_HELP),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table or json.", case_sensitive=False),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No warnings."),
) -> None:
    """List the topics with the number of statements each source has on it.

    Example: compare-claims topics --topics-file my_topics.toml
    """
    _print_coverage(sources, paths, topics_file, fmt, quiet, with_keywords=True)


@app.command("coverage")
def coverage_cmd(
    sources: Optional[List[str]] = typer.Option(None, "--sources", "-s", help=SOURCES_HELP, show_default=False),
    paths: Optional[List[str]] = typer.Argument(None, help="More source paths.", show_default=False),
    topics_file: Optional[Path] = typer.Option(None, "--topics-file", help=TOPICS_FILE_HELP),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table, json, csv, tsv or markdown.", case_sensitive=False),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No warnings."),
) -> None:
    """Topic x source matrix of statement counts: who covers what, who is silent.

    Example: compare-claims coverage --format json
    """
    _print_coverage(sources, paths, topics_file, fmt, quiet, with_keywords=False)


def _print_coverage(
    sources: Optional[List[str]], paths: Optional[List[str]], topics_file: Optional[Path], fmt: Format,
    quiet: bool, *, with_keywords: bool,
) -> None:
    err = _diagnostics()
    with _errors_to_exit(err):
        from .coverage import coverage, render_coverage

        cache = _cache(False)
        loaded = _load(sources, paths, err, quiet)
        topics = _topics(topics_file)
        with _pipe_safe():
            render_coverage(coverage(loaded, topics, cache=cache), fmt, _output(fmt), with_keywords=with_keywords)


@app.command("diff")
def diff_cmd(
    old: Path = typer.Argument(..., help="Saved JSON result (the baseline)."),
    new: Path = typer.Argument(..., help="JSON result to compare with it."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Exit code only."),
) -> None:
    """Compare two saved JSON results; exit 1 when groups appeared, disappeared or changed.

    Example: compare-claims diff baseline.json today.json
    """
    err = _diagnostics()
    with _errors_to_exit(err):
        from .baseline import compare, read_baseline

        changes = compare(read_baseline(old), read_baseline(new))
        if not quiet:
            with _pipe_safe():
                sys.stdout.write("".join(f"{line}\n" for line in changes) or "no change\n")
    if changes:
        raise typer.Exit(int(ExitStatus.CHANGED))


def main() -> None:
    """Console-script entry.  typer maps Ctrl-C to exit 130; commands print
    through ``_pipe_safe`` so that `| head` is not an error."""
    try:
        app()
    except BrokenPipeError:  # a write outside the commands (help text) to a closed pipe
        _silence_stdout()
        sys.exit(int(ExitStatus.OK))
