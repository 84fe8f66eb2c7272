"""One ``render(result, fmt, console)`` for every output format.

Machine formats (json, jsonl, csv, tsv, markdown) are plain text written to
``console.file``, so they never carry colour codes whatever the terminal; the
table is drawn by rich, which honours NO_COLOR and writes no escape codes when
stdout is not a terminal (the word diff then shows in {braces}).
"""
from __future__ import annotations

import json
from enum import Enum
from typing import TYPE_CHECKING, Any

from .models import SCHEMA_VERSION, Member, Result

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from .diagnostics import PlainOutput


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"


# flag -> (marker, meaning); the legend under the table lists the ones shown
FLAG_MARKERS: dict[str, tuple[str, str]] = {
    "speaker": ("WHO", "members attribute the claim to different speakers"),
    "hedge": ("HEDGE", "one source hedges what another asserts"),
    "numbers": ("NUM", "numbers, amounts or dates differ"),
    "polarity": ("NEG", "negation or outcome differs (possible contradiction)"),
    "labels": ("LABEL", "sources name actors or events with different loaded labels"),
}


def dumps(obj: Any) -> str:
    """Sorted keys, one document per line: C-encoded (indent would use the slow
    pure-Python encoder); pipe through `jq .` to read it."""
    return json.dumps(obj, sort_keys=True, ensure_ascii=False)


def _flag_text(flags: tuple[str, ...]) -> str:
    return " ".join(FLAG_MARKERS.get(f, (f.upper(), ""))[0] for f in flags)


def to_jsonl(result: Result) -> str:
    lines = []
    for g in result.groups:
        d = g.to_dict()
        d["topic"] = result.topic
        d["schema_version"] = SCHEMA_VERSION
        lines.append(dumps(d))
    return "\n".join(lines) + ("\n" if lines else "")


CSV_COLUMNS = ("topic", "group", "group_score", "source", "file", "start", "end", "speaker", "flags", "text")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def to_delimited(result: Result, delimiter: str) -> str:
    import csv
    import io

    files = {s.id: s.file for s in result.sources}
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for g in result.groups:
        for m in g.members:
            st = m.statement
            w.writerow([
                result.topic, g.id, "" if g.score is None else f"{g.score:.1f}", st.source, files[st.source],
                st.start, st.end, m.annotation.speaker, " ".join(g.flags), st.text,
            ])
    return buf.getvalue()


def _md_cell(text: str) -> str:
    return _one_line(text).replace("|", "\\|")


def to_markdown(result: Result) -> str:
    src = result.sources
    head = ["#", "score", *[_md_cell(s.label or s.id) for s in src], "flags"]
    lines = [f"## {result.topic_label} (`{result.topic}`)", "",
             "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for g in result.groups:
        cells = []
        for s in src:
            mine = [m for m in g.members if m.statement.source == s.id]
            cells.append("<br>".join(_md_cell(_member_plain(m)).replace("{", "**").replace("}", "**") for m in mine))
        score = "" if g.score is None else f"{g.score:.0f}"
        lines.append("| " + " | ".join([g.id, score, *cells, _flag_text(g.flags)]) + " |")
    lines.append("")
    lines.append(f"{len(result.groups)} groups; {sum(len(g.members) for g in result.groups)} statements. "
                 "**Bold**: words not in the row's reference statement.")
    lines.append("")
    lines.extend(f"- {line}" for line in coverage_lines(result))
    return "\n".join(lines) + "\n"


def _member_plain(m: Member) -> str:
    who = f" — {m.annotation.speaker}" if m.annotation.speaker else ""
    return f"{_marked(m)}{who}"


def _marked(m: Member, open_mark: str = "{", close_mark: str = "}") -> str:
    """The statement with the words it does not share with the row's reference
    in braces: the word diff where there is no colour (pipes, NO_COLOR, Markdown)."""
    st = m.statement
    out, pos = [], st.start
    for span in sorted(m.annotation.diff, key=lambda sp: sp.start):
        out.append(st.text[pos - st.start:span.start - st.start])
        out.append(open_mark + span.text + close_mark)
        pos = span.end
    out.append(st.text[pos - st.start:])
    return "".join(out)


def _extras(m: Member) -> list[str]:
    """Who said it, numbers, hedges, certainty and loaded labels, one line each."""
    ann = m.annotation
    extras = []
    if ann.speaker:
        extras.append(f"— {ann.speaker}" + (f" ({ann.reporting_verb})" if ann.reporting_verb else ""))
    if ann.numbers:
        extras.append("# " + ", ".join(n.value or n.text for n in ann.numbers))
    if ann.hedges:
        extras.append("hedge: " + ", ".join(_one_line(h.text) for h in ann.hedges))
    if ann.certainty:
        extras.append("certain: " + ", ".join(_one_line(c.text) for c in ann.certainty))
    if ann.negations:
        extras.append("not: " + ", ".join(_one_line(n.text) for n in ann.negations))
    if ann.labels:
        extras.append("label: " + ", ".join(f"{_one_line(lb.text)} ({lb.kind})" for lb in ann.labels))
    return extras


def _member_text(m: Member, *, plain: bool) -> Text:
    """The statement with differing words highlighted (braces when plain), then its markers."""
    from rich.text import Text

    st, ann = m.statement, m.annotation
    if plain:
        t = Text(_one_line(_marked(m)))
    else:
        t = Text(_one_line_keep(st.text))
        for span in ann.diff:
            t.stylize("bold yellow", span.start - st.start, span.end - st.start)
        for span in ann.labels:
            t.stylize("underline magenta", span.start - st.start, span.end - st.start)
        for span in ann.hedges:
            t.stylize("italic cyan", span.start - st.start, span.end - st.start)
        for span in ann.negations:
            t.stylize("red", span.start - st.start, span.end - st.start)
    extras = _extras(m)
    if extras:
        t.append("\n" + "\n".join(extras), style="dim")
    return t


def _one_line_keep(text: str) -> str:
    """Same length as ``text`` (so highlight offsets hold), with white space flattened."""
    return "".join(" " if ch.isspace() else ch for ch in text)


def render_table(result: Result, console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    # no colour (a pipe, NO_COLOR): show the word diff with braces instead of bold
    plain = console.no_color or not console.is_terminal
    table = Table(title=f"{result.topic_label} — {len(result.groups)} claims", show_lines=True, expand=True)
    table.add_column("#", no_wrap=True)
    for s in result.sources:
        table.add_column(s.label or s.id, ratio=1, overflow="fold")
    for g in result.groups:
        row: list[Any] = [f"{g.id}\n{'' if g.score is None else f'{g.score:.0f}'}\n{_flag_text(g.flags)}"]
        for s in result.sources:
            mine = [m for m in g.members if m.statement.source == s.id]
            row.append(Text("\n\n").join(_member_text(m, plain=plain) for m in mine) if mine else "")
        table.add_row(*row)
    console.print(table)
    for line in coverage_lines(result):
        console.print(line, highlight=False, markup=False)
    shown = sorted({f for g in result.groups for f in g.flags})
    legend = ["score: 0-100 similarity of the statements in a row",
              ("{braces}" if plain else "bold") + ": words not in the row's reference statement"]
    legend += [f"{FLAG_MARKERS[f][0]}: {FLAG_MARKERS[f][1]}" for f in shown if f in FLAG_MARKERS]
    console.print("Legend — " + "; ".join(legend), style="dim", highlight=False, markup=False)


def coverage_lines(result: Result) -> list[str]:
    """Omissions and loaded labels per source, under the table."""
    cov = result.coverage()
    names = {s.id: s.label or s.id for s in result.sources}
    lines = []
    silent = [names[sid] for sid, c in cov.items() if c["silent"]]
    if silent:
        lines.append("Silent on this topic: " + ", ".join(silent))
    for sid, c in cov.items():
        if c["silent"]:
            continue
        parts = [f"{c['statements']} statements", f"{c['shared_claims']} claims shared", f"{c['only_here']} only here"]
        if c["leaves_out"]:
            parts.append("leaves out " + " ".join(c["leaves_out"]))
        if c["labels"]:
            parts.append("labels: " + ", ".join(f"{k} ×{v}" for k, v in sorted(c["labels"].items())))
        lines.append(f"{names[sid]}: " + "; ".join(parts))
    return lines


def render(result: Result, fmt: Format, console: Console | PlainOutput) -> None:
    """Write ``result`` in ``fmt`` to ``console`` (stdout in the CLI).

    The table needs a rich Console; every other format only writes text to
    ``console.file``, so a ``PlainOutput`` will do."""
    if fmt is Format.table:
        from rich.console import Console as RichConsole

        assert isinstance(console, RichConsole), "the table format needs a rich Console"
        render_table(result, console)
        return
    if fmt is Format.json:
        out = dumps(result.to_dict()) + "\n"
    elif fmt is Format.jsonl:
        out = to_jsonl(result)
    elif fmt is Format.csv:
        out = to_delimited(result, ",")
    elif fmt is Format.tsv:
        out = to_delimited(result, "\t")
    else:
        out = to_markdown(result)
    console.file.write(out)
