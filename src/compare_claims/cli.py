"""Command line: parse, call the core, print once.

Options shared by commands are defined once (sqlite-utils' ``output_options``);
the work behind each command is in ``commands.py``.  Errors become one line on
stderr and an exit code in one place, ``_Main.main``, whichever way the
program is called.

No ``from __future__ import annotations`` here: typer reads the commands'
annotations on every run, and real objects spare it evaluating strings.
"""
import gc

# The cyclic garbage collector's young generation is collected every 700 new
# objects by default: a run keeps almost every object it makes (statements,
# annotations, groups), so each collection scans survivors and finds nothing.
# BBC user topic, --jobs 2: 915 collections, ~0.35 s of the main process's CPU
# (~0.13 s in each worker); every 50,000 objects: 9, ~0.15 s (~0.04 s).  A
# short run (topic iran): its young passes cost some 8%.  Set before the
# imports below too: importing typer and the pipeline's modules makes 34
# collections, ~7 ms of a ~0.25 s run (none with this threshold).
GC_YOUNG_THRESHOLD = 50_000
gc.set_threshold(GC_YOUNG_THRESHOLD, 10, 10)

import math  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Annotated, Any, List, Optional, Sequence  # noqa: E402

import typer  # noqa: E402
from typer.core import TyperGroup  # noqa: E402

from . import __version__
from .errors import CompareClaimsError, ExitStatus, UsageError
from .render import Format


class _Main(TyperGroup):
    """Maps every error to one stderr line and an exit code, once."""

    def main(self, args: Optional[Sequence[str]] = None, prog_name: Optional[str] = None,
             complete_var: Optional[str] = None, standalone_mode: bool = True, windows_expand_args: bool = True,
             **extra: Any) -> Any:
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except CompareClaimsError as exc:
            code = _fail(str(exc), exc.exit_status)
        except KeyboardInterrupt:
            code = int(ExitStatus.INTERRUPTED)
        except Exception as exc:  # click's usage errors: one line, not usage + hint + message
            if type(exc).__name__ == "NoArgsIsHelpError":
                exc.show()  # type: ignore[attr-defined]
                code = int(ExitStatus.USAGE)
            elif hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
                code = _fail(exc.format_message(), ExitStatus.USAGE)
            elif type(exc).__name__ == "Abort":  # Ctrl-C at a prompt
                code = int(ExitStatus.INTERRUPTED)
            elif os.environ.get("COMPARE_CLAIMS_DEBUG"):
                raise
            else:  # a bug: one line, and an exit code no script reads as a result
                code = _fail(f"internal error: {type(exc).__name__}: {' '.join(str(exc).split())} "
                             "(a bug; COMPARE_CLAIMS_DEBUG=1 shows where)", ExitStatus.INTERNAL)
        if not isinstance(code, int):
            code = 0
        if standalone_mode:
            sys.exit(code)
        return code


def _fail(message: str, status: int) -> int:
    try:
        sys.stderr.write(f"compare-claims: error: {message}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
    return int(status)


app = typer.Typer(
    cls=_Main,
    add_completion=True,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="See where several reports of one event agree, and where they frame it differently.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


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


def _complete_topic(incomplete: str) -> List[str]:
    try:
        from .config import load_topics

        return [n for n in sorted(load_topics()) if n.startswith(incomplete)]
    except CompareClaimsError:
        return []


# ---------------------------------------------------------- options, defined once

Paths = Annotated[Optional[List[str]], typer.Argument(help="More source paths (same as --sources).", show_default=False)]
Sources = Annotated[Optional[List[str]], typer.Option(
    "--sources", "-s", show_default=False,
    help="Texts to compare: files, folders (read recursively), globs, or - for stdin "
         "(default: the shipped corpus). Repeat the flag or list paths after the command.")]
TopicsFile = Annotated[Optional[Path], typer.Option(
    "--topics-file", help="TOML file adding or overriding topics ([topics.NAME] label, keywords, labels).")]
Keywords = Annotated[Optional[str], typer.Option(
    "--keywords", "-k", help='An ad-hoc topic: comma-separated keywords ("LePage, resign, governor").')]
Fmt = Annotated[Optional[Format], typer.Option(
    "--format", "-f", case_sensitive=False, show_default=False,
    help="Output format: table, json, jsonl, csv, tsv, markdown or html "
         "(default: table, or what the --output file's suffix says).")]
Output = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the result to this file instead of stdout.")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Say what was read, skipped and why (stderr).")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print only the result: no warnings.")]
Strict = Annotated[bool, typer.Option("--strict", help="Stop at the first source that cannot be read (default: report it and go on).")]
Jobs = Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Processes for the per-source work (default: the machine's cores).")]
Dask = Annotated[Optional[str], typer.Option(
    "--dask", help="Run the per-source work on a Dask cluster: a scheduler address, or 'local' (needs compare-claims[dask]).")]
Color = Annotated[str, typer.Option("--color", help="Colour in the table: auto, always or never (NO_COLOR is honoured).")]
NoPager = Annotated[bool, typer.Option("--no-pager", help="Do not page the table on a terminal.")]
NoCache = Annotated[bool, typer.Option("--no-cache", envvar="COMPARE_CLAIMS_NO_CACHE",
                                       help="Do not read or write the analysis cache (or set COMPARE_CLAIMS_NO_CACHE=1).")]
CacheDir = Annotated[Optional[Path], typer.Option(
    "--cache-dir", help="Where the analysis cache is kept (default: $COMPARE_CLAIMS_CACHE_DIR, else "
                        "$XDG_CACHE_HOME/compare-claims).", show_default=False)]
Scorer = Annotated[str, typer.Option("--scorer", help="Similarity scorer: weighted, idf, token_set, token_sort.")]
Threshold = Annotated[float, typer.Option("--threshold", min=0, max=100, help="Minimum score (0-100) to align two statements.")]
OnlyDivergent = Annotated[bool, typer.Option("--only-divergent", help="Keep only rows where some divergence flag fired.")]
MinSources = Annotated[int, typer.Option("--min-sources", min=1, help="Keep only rows told by at least N sources.")]
Shared = Annotated[bool, typer.Option("--shared", help="Keep only rows told by two sources or more (--min-sources 2).")]
Explain = Annotated[bool, typer.Option("--explain", help="List, on stderr, each statement left out next to a kept one, and why.")]
Baseline = Annotated[Optional[Path], typer.Option("--baseline", help="Compare with a saved JSON result; exit 1 when claims moved.")]
WriteBaseline = Annotated[Optional[Path], typer.Option("--write-baseline", help="Save the result as a JSON baseline.")]
TextField = Annotated[Optional[str], typer.Option("--text-field", help="JSON Lines / CSV input: the field holding the article text.")]
SourceField = Annotated[Optional[str], typer.Option("--source-field", help="JSON Lines / CSV input: the field naming the outlet.")]

from .align import DEFAULT_SCORER, DEFAULT_THRESHOLD  # noqa: E402  (defaults shown in --help)


def _request(**kw: Any) -> Any:
    from .request import Request

    color = kw.pop("color", "auto")
    if color not in ("auto", "always", "never"):
        raise UsageError(f"--color must be auto, always or never, not {color!r}")
    threshold = kw.get("threshold", DEFAULT_THRESHOLD)
    if not math.isfinite(threshold):
        raise UsageError("--threshold must be a number from 0 to 100")
    if kw.get("fmt") is None:
        kw["fmt"] = _format_for(kw.get("output"))
    return Request(color=color, **kw)


_SUFFIX_FORMATS = {".html": Format.html, ".htm": Format.html, ".json": Format.json, ".jsonl": Format.jsonl,
                   ".ndjson": Format.jsonl, ".csv": Format.csv, ".tsv": Format.tsv, ".md": Format.markdown}


def _format_for(output: Optional[Path]) -> Format:
    """Without --format: what the --output file's suffix says (x.html: a page), else the table."""
    return _SUFFIX_FORMATS.get(output.suffix.lower(), Format.table) if output is not None else Format.table


def _paths(sources: Optional[List[str]], paths: Optional[List[str]]) -> List[str]:
    return list(sources or []) + list(paths or [])


@app.command("topic")
def topic_cmd(
    name: Annotated[Optional[str], typer.Argument(help="Topic to compare (see `compare-claims topics`); omit with --keywords.",
                                                  autocompletion=_complete_topic, show_default=False)] = None,
    paths: Paths = None, sources: Sources = None, topics_file: TopicsFile = None, keywords: Keywords = None,
    fmt: Fmt = None, output: Output = None,
    scorer: Scorer = DEFAULT_SCORER, threshold: Threshold = DEFAULT_THRESHOLD, only_divergent: OnlyDivergent = False,
    min_sources: MinSources = 1, shared: Shared = False, explain: Explain = False,
    baseline: Baseline = None, write_baseline: WriteBaseline = None,
    text_field: TextField = None, source_field: SourceField = None,
    verbose: Verbose = False, quiet: Quiet = False, strict: Strict = False, jobs: Jobs = None, dask: Dask = None,
    color: Color = "auto", no_pager: NoPager = False, no_cache: NoCache = False, cache_dir: CacheDir = None,
) -> None:
    """Align the statements every source makes about a topic, side by side.

    Example: compare-claims topic iran --format markdown
    """
    from .commands import run_topic

    req = _request(paths=_paths(sources, paths), topics_file=topics_file, keywords=keywords, topic=name,
                   fmt=fmt, output=output, scorer=scorer, threshold=threshold, only_divergent=only_divergent,
                   min_sources=max(min_sources, 2 if shared else 1), explain=explain, baseline=baseline,
                   write_baseline=write_baseline, text_field=text_field, source_field=source_field,
                   verbose=verbose, quiet=quiet, strict=strict, jobs=jobs, dask=dask or "", color=color,
                   pager=not no_pager, cache=not no_cache, cache_dir=cache_dir)
    raise typer.Exit(run_topic(req))


@app.command("compare")
def compare_cmd(
    paths: Annotated[Optional[List[str]], typer.Argument(help="The articles about one event: files, folders, globs.",
                                                         show_default=False)] = None,
    sources: Sources = None, fmt: Fmt = None, output: Output = None,
    scorer: Scorer = DEFAULT_SCORER, threshold: Threshold = DEFAULT_THRESHOLD, only_divergent: OnlyDivergent = False,
    min_sources: MinSources = 1, shared: Shared = False,
    baseline: Baseline = None, write_baseline: WriteBaseline = None,
    text_field: TextField = None, source_field: SourceField = None,
    verbose: Verbose = False, quiet: Quiet = False, strict: Strict = False, jobs: Jobs = None, dask: Dask = None,
    color: Color = "auto", no_pager: NoPager = False, no_cache: NoCache = False, cache_dir: CacheDir = None,
) -> None:
    """Align every statement of a set of articles on one event (the set is the topic).

    Example: compare-claims compare fox.txt nyt.txt huffpost.txt --shared
    """
    from .commands import run_topic

    req = _request(paths=_paths(sources, paths), topics_file=None, keywords=None, topic=None, whole=True,
                   fmt=fmt, output=output, scorer=scorer, threshold=threshold, only_divergent=only_divergent,
                   min_sources=max(min_sources, 2 if shared else 1), baseline=baseline,
                   write_baseline=write_baseline, text_field=text_field, source_field=source_field,
                   verbose=verbose, quiet=quiet, strict=strict, jobs=jobs, dask=dask or "", color=color,
                   pager=not no_pager, cache=not no_cache, cache_dir=cache_dir)
    raise typer.Exit(run_topic(req))


@app.command("quantities")
def quantities_cmd(
    name: Annotated[Optional[str], typer.Argument(help="Topic (see `compare-claims topics`); omit with --keywords.",
                                                  autocompletion=_complete_topic, show_default=False)] = None,
    paths: Paths = None, sources: Sources = None, topics_file: TopicsFile = None, keywords: Keywords = None,
    fmt: Fmt = None, output: Output = None,
    text_field: TextField = None, source_field: SourceField = None,
    verbose: Verbose = False, quiet: Quiet = False, strict: Strict = False, jobs: Jobs = None, dask: Dask = None,
    color: Color = "auto", no_pager: NoPager = False, no_cache: NoCache = False, cache_dir: CacheDir = None,
) -> None:
    """Line up every number, amount, duration and date of a topic across sources.

    Values are normalised ("two-hour" and "120 minutes" are both 120 min).
    Example: compare-claims quantities iran --format csv
    """
    from .commands import run_quantities

    req = _request(paths=_paths(sources, paths), topics_file=topics_file, keywords=keywords, topic=name, fmt=fmt,
                   output=output, text_field=text_field, source_field=source_field, verbose=verbose, quiet=quiet,
                   strict=strict, jobs=jobs, dask=dask or "", color=color, pager=not no_pager, cache=not no_cache, cache_dir=cache_dir)
    raise typer.Exit(run_quantities(req))


@app.command("topics")
def topics_cmd(
    paths: Paths = None, sources: Sources = None, topics_file: TopicsFile = None, keywords: Keywords = None,
    fmt: Fmt = None, output: Output = None,
    text_field: TextField = None, source_field: SourceField = None,
    verbose: Verbose = False, quiet: Quiet = False, strict: Strict = False, jobs: Jobs = None, dask: Dask = None,
    color: Color = "auto", no_pager: NoPager = False, no_cache: NoCache = False, cache_dir: CacheDir = None,
) -> None:
    """List the topics with the number of statements each source has on each.

    Formats: table, json, jsonl, csv, tsv, markdown, html.
    Example: compare-claims topics --topics-file my_topics.toml
    """
    from .commands import run_coverage

    raise typer.Exit(run_coverage(with_labels=True, req=_request(
        paths=_paths(sources, paths), topics_file=topics_file, keywords=keywords, fmt=fmt, output=output,
        text_field=text_field, source_field=source_field, verbose=verbose, quiet=quiet, strict=strict, jobs=jobs,
        dask=dask or "", color=color, pager=not no_pager, cache=not no_cache, cache_dir=cache_dir)))


@app.command("coverage")
def coverage_cmd(
    paths: Paths = None, sources: Sources = None, topics_file: TopicsFile = None, keywords: Keywords = None,
    fmt: Fmt = None, output: Output = None,
    text_field: TextField = None, source_field: SourceField = None,
    verbose: Verbose = False, quiet: Quiet = False, strict: Strict = False, jobs: Jobs = None, dask: Dask = None,
    color: Color = "auto", no_pager: NoPager = False, no_cache: NoCache = False, cache_dir: CacheDir = None,
) -> None:
    """Topic x source matrix of statement counts: who covers what, who is silent.

    Example: compare-claims coverage --format json
    """
    from .commands import run_coverage

    raise typer.Exit(run_coverage(_request(
        paths=_paths(sources, paths), topics_file=topics_file, keywords=keywords, fmt=fmt, output=output,
        text_field=text_field, source_field=source_field, verbose=verbose, quiet=quiet, strict=strict, jobs=jobs,
        dask=dask or "", color=color, pager=not no_pager, cache=not no_cache, cache_dir=cache_dir)))


@app.command("extract")
def extract_cmd(
    source: Annotated[str, typer.Argument(help="A text or HTML file, an http(s) URL, FILE.jsonl:LINE of a dataset, or - for stdin.")],
    text_field: TextField = None, source_field: SourceField = None, quiet: Quiet = False,
) -> None:
    """Print exactly the text a source's offsets refer to (UTF-8).

    For a text file, its decoded text; for an HTML page or URL, the article text
    extracted from it; for a dataset line, the article's text field.  In a
    result, text[start:end] of this output is the statement.
    Example: compare-claims extract page.html > page.txt
    """
    from .commands import run_extract

    raise typer.Exit(run_extract(source, text_field=text_field, source_field=source_field, quiet=quiet))


@app.command("diff")
def diff_cmd(
    old: Annotated[Path, typer.Argument(help="Saved JSON result (the baseline).")],
    new: Annotated[Path, typer.Argument(help="JSON result to compare with it.")],
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Exit code only.")] = False,
) -> None:
    """Compare two saved JSON results; exit 1 when groups appeared, disappeared or changed.

    Example: compare-claims diff baseline.json today.json
    """
    from .commands import run_diff

    raise typer.Exit(run_diff(old, new, quiet=quiet))


# The cyclic garbage collector is off for a run.  A run keeps almost every
# object it makes (statements, annotations, groups) and makes almost no cycles:
# each collection scans survivors and finds nothing.  BBC user topic, --jobs 2:
# collected every 50,000 new objects, 42 collections freed 415 objects in all
# and cost ~0.19 s of the main process's CPU (more in the workers, which
# inherit the setting); at the default (700), 915 collections, ~0.35 s.


def main() -> None:
    """Console-script entry."""
    _collect_less()
    every = app.registered_commands
    app.registered_commands = _commands_to_build(sys.argv[1:], os.environ)
    try:
        app()
    finally:
        app.registered_commands = every


def run() -> None:
    """Console-script entry (and ``python -m compare_claims``): ``main()``,
    then leave at once (``leave``)."""
    try:
        main()
        code: object = 0
    except SystemExit as done:
        code = done.code
    leave(code)


def leave(code: object) -> None:
    """Exit with ``code`` without tearing down the heap.  Python's own exit
    frees every object of the run one by one (statements, annotations, cue
    tables): ~7 ms of a ~115 ms `topic iran` here, for memory the system takes
    back anyway (as Instagram's servers skip it, with ``os._exit``).  Output is
    flushed first; where something registered an exit handler or started a
    thread (a Dask client, a pool), the exit is Python's, as before."""
    import atexit
    import threading

    if atexit._ncallbacks() or threading.active_count() > 1:
        raise SystemExit(code)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # as sys.exit prints a message given as the code
        _fail(str(code), 1)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a reader that left: nothing more to say to it
            pass
    os._exit(status)


def _collect_less() -> None:
    """What the imports made (cue tables, patterns) is frozen out of the
    collector's reach, and the collector is off for the run (see above):
    memory is freed by reference counting, as before."""
    gc.freeze()
    gc.disable()


def _commands_to_build(args: List[str], environ: Any) -> List[Any]:
    """Typer turns every command's signature into options before it parses
    anything, some 2 ms a command: when the first argument names a command,
    only that one is built (its parsing, help and errors are the same).  The
    bare program, --help, --version and shell completion see them all."""
    if args and not any(k.startswith("_") and k.endswith("_COMPLETE") for k in environ):
        asked = [c for c in app.registered_commands if c.name == args[0]]
        if asked:
            return asked
    return list(app.registered_commands)


if __name__ == "__main__":  # pragma: no cover
    run()
