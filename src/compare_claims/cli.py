"""Command line: parse, call the core, print once.

Options shared by commands are defined once (sqlite-utils' ``output_options``):
each command takes the groups it needs.  The work behind each command is in
``commands.py``.  Errors become one line on stderr and an exit code in one
place, ``app``, whichever way the program is called.

Parsed with argparse, from the standard library: typer (on click) cost every
run ~25 ms to import and to build its commands from their signatures, a
quarter of a `topic iran` here.  Only the command asked for is built.
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

import argparse  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any, NamedTuple, NoReturn  # noqa: E402

from . import __version__  # noqa: E402
from .errors import CompareClaimsError, ExitStatus, UsageError  # noqa: E402
from .render import Format  # noqa: E402

PROG = "compare-claims"
ABOUT = "See where several reports of one event agree, and where they frame it differently."


def _fail(message: str, status: int) -> int:
    try:
        sys.stderr.write(f"{PROG}: error: {message}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
    return int(status)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's, as wide as $COLUMNS or the terminal: argparse makes one for
    every option added and asks shutil each time (shutil, with bz2 and lzma,
    costs a run ~1.6 ms to import)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, width or _columns())


def _columns() -> int:
    try:
        return max(40, int(os.environ["COLUMNS"])) - 2
    except (KeyError, ValueError):
        pass
    try:
        return max(40, os.get_terminal_size(sys.stdout.fileno()).columns) - 2
    except (OSError, ValueError, AttributeError):
        return 78


class _Parser(argparse.ArgumentParser):
    """A usage error is one line (``UsageError``), not usage, hint and message."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


# ---------------------------------------------------------- values, checked as parsed


def _whole(at_least: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if n < at_least:
            raise argparse.ArgumentTypeError(f"{n} is less than {at_least}")
        return n
    return parse


def _score(text: str) -> float:
    try:
        x = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not (math.isfinite(x) and 0 <= x <= 100):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number from 0 to 100")
    return x


def _format(text: str) -> Format:
    try:
        return Format(text.lower())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not one of {', '.join(f.value for f in Format)}") from None


def _env_flag(name: str) -> bool:
    """A yes/no environment variable (1/0, true/false, yes/no, on/off; unset or empty: no)."""
    value = os.environ.get(name, "").strip().lower()
    if value in ("", "0", "false", "f", "no", "n", "off"):
        return False
    if value in ("1", "true", "t", "yes", "y", "on"):
        return True
    raise UsageError(f"{name}={os.environ[name]!r} is not a yes or no (1/0, true/false, yes/no, on/off)")


# ---------------------------------------------------------- options, defined once


def _sources_options(p: argparse.ArgumentParser, *, more: str = "More source paths (same as --sources).") -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help=more)
    p.add_argument("-s", "--sources", action="append", metavar="PATH",
                   help="Texts to compare: files, folders (read recursively), globs, or - for stdin "
                        "(default: the shipped corpus). Repeat the flag or list paths after the command.")
    p.add_argument("--text-field", metavar="FIELD", help="JSON Lines / CSV input: the field holding the article text.")
    p.add_argument("--source-field", metavar="FIELD", help="JSON Lines / CSV input: the field naming the outlet.")
    p.add_argument("--strict", action="store_true",
                   help="Stop at the first source that cannot be read (default: report it and go on).")
    p.add_argument("-j", "--jobs", type=_whole(1), metavar="N",
                   help="Processes for the per-source work (default: the machine's cores).")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="Run the per-source work on a Dask cluster: a scheduler address, or 'local' "
                        "(needs compare-claims[dask]).")
    p.add_argument("--no-cache", action="store_true", default=None,
                   help="Do not read or write the analysis cache (or set COMPARE_CLAIMS_NO_CACHE=1).")
    p.add_argument("--cache-dir", type=Path, metavar="DIR",
                   help="Where the analysis cache is kept (default: $COMPARE_CLAIMS_CACHE_DIR, else "
                        "$XDG_CACHE_HOME/compare-claims).")


def _topic_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--topics-file", type=Path, metavar="FILE",
                   help="TOML file adding or overriding topics ([topics.NAME] label, keywords, labels).")
    p.add_argument("-k", "--keywords", help='An ad-hoc topic: comma-separated keywords ("LePage, resign, governor").')


def _output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("-f", "--format", dest="fmt", type=_format, metavar="FORMAT",
                   help="Output format: table, json, jsonl, csv, tsv, markdown or html "
                        "(default: table, or what the --output file's suffix says).")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="Write the result to this file instead of stdout.")
    p.add_argument("-v", "--verbose", action="store_true", help="Say what was read, skipped and why (stderr).")
    p.add_argument("-q", "--quiet", action="store_true", help="Print only the result: no warnings.")
    p.add_argument("--color", default="auto", metavar="WHEN",
                   help="Colour in the table: auto, always or never (NO_COLOR is honoured; default: auto).")
    p.add_argument("--no-pager", action="store_true", help="Do not page the table on a terminal.")


def _align_options(p: argparse.ArgumentParser) -> None:
    from .align import DEFAULT_SCORER, DEFAULT_THRESHOLD

    p.add_argument("--scorer", default=DEFAULT_SCORER,
                   help=f"Similarity scorer: weighted, idf, token_set, token_sort (default: {DEFAULT_SCORER}).")
    p.add_argument("--threshold", type=_score, default=DEFAULT_THRESHOLD, metavar="SCORE",
                   help=f"Minimum score (0-100) to align two statements (default: {DEFAULT_THRESHOLD:g}).")
    p.add_argument("--only-divergent", action="store_true", help="Keep only rows where some divergence flag fired.")
    p.add_argument("--min-sources", type=_whole(1), default=1, metavar="N",
                   help="Keep only rows told by at least N sources.")
    p.add_argument("--shared", action="store_true", help="Keep only rows told by two sources or more (--min-sources 2).")
    p.add_argument("--baseline", type=Path, metavar="FILE",
                   help="Compare with a saved JSON result; exit 1 when claims moved.")
    p.add_argument("--write-baseline", type=Path, metavar="FILE", help="Save the result as a JSON baseline.")


def _topic_name(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("name", nargs="?", metavar="TOPIC", help=f"{what} (see `compare-claims topics`); omit with --keywords.")


# ---------------------------------------------------------- what a command was asked


_SUFFIX_FORMATS = {".html": Format.html, ".htm": Format.html, ".json": Format.json, ".jsonl": Format.jsonl,
                   ".ndjson": Format.jsonl, ".csv": Format.csv, ".tsv": Format.tsv, ".md": Format.markdown}


def _format_for(output: Path | None) -> Format:
    """Without --format: what the --output file's suffix says (x.html: a page), else the table."""
    return _SUFFIX_FORMATS.get(output.suffix.lower(), Format.table) if output is not None else Format.table


def _request(ns: argparse.Namespace, **fixed: Any) -> Any:
    """The ``Request`` of a command that reads sources, from its parsed options."""
    from .request import Request

    if ns.color not in ("auto", "always", "never"):
        raise UsageError(f"--color must be auto, always or never, not {ns.color!r}")
    asked = vars(ns)
    fields = {k: asked[k] for k in Request._fields if k in asked}
    fields["paths"] = list(ns.sources or []) + list(ns.paths or [])
    if "name" in asked:
        fields["topic"] = ns.name
    if "shared" in asked:
        fields["min_sources"] = max(ns.min_sources, 2 if ns.shared else 1)
    fields["dask"] = ns.dask or ""
    fields["pager"] = not ns.no_pager
    fields["cache"] = not (ns.no_cache if ns.no_cache is not None else _env_flag("COMPARE_CLAIMS_NO_CACHE"))
    if ns.fmt is None:
        fields["fmt"] = _format_for(ns.output)
    fields.update(fixed)
    return Request(**fields)


# ---------------------------------------------------------- the commands


def _topic_args(p: argparse.ArgumentParser) -> None:
    _topic_name(p, "Topic to compare")
    _sources_options(p)
    _topic_options(p)
    _output_options(p)
    _align_options(p)
    p.add_argument("--explain", action="store_true",
                   help="List, on stderr, each statement left out next to a kept one, and why.")


def _topic_run(ns: argparse.Namespace) -> int:
    from .commands import run_topic

    return run_topic(_request(ns))


def _compare_args(p: argparse.ArgumentParser) -> None:
    _sources_options(p, more="The articles about one event: files, folders, globs.")
    _output_options(p)
    _align_options(p)


def _compare_run(ns: argparse.Namespace) -> int:
    from .commands import run_topic

    return run_topic(_request(ns, whole=True))


def _quantities_args(p: argparse.ArgumentParser) -> None:
    _topic_name(p, "Topic")
    _sources_options(p)
    _topic_options(p)
    _output_options(p)


def _quantities_run(ns: argparse.Namespace) -> int:
    from .commands import run_quantities

    return run_quantities(_request(ns))


def _coverage_args(p: argparse.ArgumentParser) -> None:
    _sources_options(p)
    _topic_options(p)
    _output_options(p)


def _topics_run(ns: argparse.Namespace) -> int:
    from .commands import run_coverage

    return run_coverage(_request(ns), with_labels=True)


def _coverage_run(ns: argparse.Namespace) -> int:
    from .commands import run_coverage

    return run_coverage(_request(ns))


def _extract_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", metavar="SOURCE",
                   help="A text or HTML file, an http(s) URL, FILE.jsonl:LINE of a dataset, or - for stdin.")
    p.add_argument("--text-field", metavar="FIELD", help="JSON Lines / CSV input: the field holding the article text.")
    p.add_argument("--source-field", metavar="FIELD", help="JSON Lines / CSV input: the field naming the outlet.")
    p.add_argument("-q", "--quiet", action="store_true", help="Print only the result: no warnings.")


def _extract_run(ns: argparse.Namespace) -> int:
    from .commands import run_extract

    return run_extract(ns.source, text_field=ns.text_field, source_field=ns.source_field, quiet=ns.quiet)


def _diff_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("old", type=Path, metavar="OLD", help="Saved JSON result (the baseline).")
    p.add_argument("new", type=Path, metavar="NEW", help="JSON result to compare with it.")
    p.add_argument("-q", "--quiet", action="store_true", help="Exit code only.")


def _diff_run(ns: argparse.Namespace) -> int:
    from .commands import run_diff

    return run_diff(ns.old, ns.new, quiet=ns.quiet)


class Command(NamedTuple):
    name: str
    about: str  # what it does, in one line (the program's --help lists them)
    more: str  # the rest of its --help: details and an example
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


COMMANDS = {c.name: c for c in (
    Command("topic", "Align the statements every source makes about a topic, side by side.",
            "Example: compare-claims topic iran --format markdown", _topic_args, _topic_run),
    Command("compare", "Align every statement of a set of articles on one event (the set is the topic).",
            "Example: compare-claims compare fox.txt nyt.txt huffpost.txt --shared", _compare_args, _compare_run),
    Command("quantities", "Line up every number, amount, duration and date of a topic across sources.",
            'Values are normalised ("two-hour" and "120 minutes" are both 120 min).\n'
            "Example: compare-claims quantities iran --format csv", _quantities_args, _quantities_run),
    Command("topics", "List the topics with the number of statements each source has on each.",
            "Formats: table, json, jsonl, csv, tsv, markdown, html.\n"
            "Example: compare-claims topics --topics-file my_topics.toml", _coverage_args, _topics_run),
    Command("coverage", "Topic x source matrix of statement counts: who covers what, who is silent.",
            "Example: compare-claims coverage --format json", _coverage_args, _coverage_run),
    Command("extract", "Print exactly the text a source's offsets refer to (UTF-8).",
            "For a text file, its decoded text; for an HTML page or URL, the article text\n"
            "extracted from it; for a dataset line, the article's text field.  In a\n"
            "result, text[start:end] of this output is the statement.\n"
            "Example: compare-claims extract page.html > page.txt", _extract_args, _extract_run),
    Command("diff", "Compare two saved JSON results; exit 1 when groups appeared, disappeared or changed.",
            "Example: compare-claims diff baseline.json today.json", _diff_args, _diff_run),
)}


def parser_for(command: Command) -> argparse.ArgumentParser:
    """The parser of one command (only the command asked for is built)."""
    p = _Parser(prog=f"{PROG} {command.name}", description=f"{command.about}\n\n{command.more}",
                formatter_class=_Formatter, allow_abbrev=False)
    command.arguments(p)
    return p


def program_help() -> str:
    width = max(len(n) for n in COMMANDS)
    lines = [f"usage: {PROG} [--version] [-h] COMMAND [ARGS]...", "", ABOUT, "",
             "Example: compare-claims topic iran", "", "commands:"]
    lines += [f"  {c.name:<{width}}  {c.about}" for c in COMMANDS.values()]
    lines += ["", "options:", "  --version          Print the version and exit.",
              "  --completion SHELL Print a completion script for bash, zsh or fish:",
              '                     eval "$(compare-claims --completion bash)"',
              "  -h, --help         Show this message and exit.", "",
              f"Each command's --help says what it takes: {PROG} topic --help"]
    return "\n".join(lines) + "\n"


def _dispatch(args: list[str]) -> int:
    if not args:
        sys.stderr.write(program_help())
        return int(ExitStatus.USAGE)
    first = args[0]
    if first in ("-h", "--help"):
        sys.stdout.write(program_help())
        return 0
    if first == "--version":
        sys.stdout.write(f"{PROG} {__version__}\n")
        return 0
    if first == "--completion":
        from .completion import script

        sys.stdout.write(script(args[1] if len(args) > 1 else "", COMMANDS, parser_for))
        return 0
    if first.startswith("-"):
        raise UsageError(f"no such option: {first}")
    command = COMMANDS.get(first)
    if command is None:
        raise UsageError(f"no such command {first!r} (commands: {', '.join(COMMANDS)})")
    ns, extra = parser_for(command).parse_known_intermixed_args(args[1:])
    if extra:
        raise UsageError(f"no such option: {extra[0]}" if extra[0].startswith("-") else f"unexpected argument {extra[0]!r}")
    return command.run(ns)


def app(args: Sequence[str] | None = None) -> int:
    """Run the command line ``args`` (default: the program's own); the exit
    status.  Every error is one line on stderr and an exit code, here."""
    try:
        return _dispatch(list(sys.argv[1:] if args is None else args))
    except CompareClaimsError as exc:
        return _fail(str(exc), exc.exit_status)
    except KeyboardInterrupt:
        return int(ExitStatus.INTERRUPTED)
    except SystemExit as done:  # --help of a command (argparse leaves once it is printed)
        return done.code if isinstance(done.code, int) else 0
    except Exception as exc:
        if os.environ.get("COMPARE_CLAIMS_DEBUG"):
            raise
        # a bug: one line, and an exit code no script reads as a result
        return _fail(f"internal error: {type(exc).__name__}: {' '.join(str(exc).split())} "
                     "(a bug; COMPARE_CLAIMS_DEBUG=1 shows where)", ExitStatus.INTERNAL)


def main() -> None:
    """Console-script entry: the command line of the process, then exit."""
    _collect_less()
    sys.exit(app())


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


if __name__ == "__main__":  # pragma: no cover
    run()
