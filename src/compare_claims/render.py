"""One ``render(view, fmt, env)`` for every command's output.

A view is a topic's :class:`Result`, the topic x source :class:`Coverage`
or a topic's :class:`Quantities`.  Each format is written the same way for
every view: JSON (one document, keys sorted), JSON Lines (one record a line),
CSV, TSV (tabs and newlines escaped as ``\\t`` ``\\n``), Markdown, an HTML
page, or the rich table for people.  Machine formats carry offsets and never
colour codes.
"""
from __future__ import annotations

import json
from enum import Enum
from typing import TYPE_CHECKING, Any, Union

from .models import SCHEMA_VERSION, Member, Result

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from .coverage import Coverage
    from .environment import Environment
    from .quantities import Quantities

    View = Union[Result, Coverage, Quantities]
# a topic's run renders a Result: the other two views are imported where they are
# met (their modules and classes cost a run ~0.5 ms it never uses)


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"
    html = "html"


# flag -> (marker, meaning); the legend lists the ones shown
FLAG_MARKERS: dict[str, tuple[str, str]] = {
    "speaker": ("WHO", "members attribute the claim to different speakers"),
    "hedge": ("HEDGE", "one source hedges what another asserts"),
    "numbers": ("NUM", "numbers, amounts or dates about the same thing differ"),
    "polarity": ("NEG", "one source negates what another asserts (possible contradiction)"),
    "labels": ("LABEL", "sources use different loaded labels in their own words"),
    "quote": ("QUOTE", "sources quote the same words of a speaker differently"),
}
RELATED_NOTE = "the statements are about one story but tell different claims (no flags)"


def dumps(obj: Any) -> str:
    """Sorted keys, one line: the C encoder; pipe through `jq .` to read it.
    A view holds no cycles: the encoder does not look for any (10% faster)."""
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, allow_nan=False, check_circular=False)


def plain_name(name: str) -> str:
    """A category or flag name as a reader sees it ("charged_verb" -> "charged verb")."""
    return name.replace("_", " ")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _flag_text(flags: tuple[str, ...]) -> str:
    return " ".join(FLAG_MARKERS.get(f, (f.upper(), ""))[0] for f in flags)


# ------------------------------------------------------------- records and rows


def records(view: View) -> list[dict[str, Any]]:
    """One self-contained record per line of JSON Lines."""
    if isinstance(view, Result):
        return [{**g.to_dict(), "topic": view.topic, "schema_version": SCHEMA_VERSION} for g in view.groups]
    from .coverage import Coverage

    if isinstance(view, Coverage):
        return [view.record(t, row) for t, row in zip(view.topics, view.counts)]
    return [{**r, "topic": view.result.topic} for r in view.rows]


def rows(view: View) -> tuple[list[str], list[list[Any]]]:
    """The view as one table: a header and rows (CSV, TSV, Markdown, HTML)."""
    if isinstance(view, Result):
        files = {s.id: s.file for s in view.sources}
        head = ["topic", "group", "group_score", "relation", "source", "file", "start", "end", "role", "speaker",
                "flags", "text"]
        body = [[view.topic, g.id, "" if g.score is None else f"{g.score:.1f}", g.relation, m.statement.source,
                 files[m.statement.source], m.statement.start, m.statement.end, m.role, m.annotation.speaker,
                 " ".join(g.flags), m.statement.text] for g in view.groups for m in g.members]
        return head, body
    from .coverage import Coverage

    if isinstance(view, Coverage):
        label = ["label"] if view.with_labels else []
        return (["topic", *label, *[s.label or s.id for s in view.sources]],
                [[t.name, *([t.label] if view.with_labels else []), *row] for t, row in zip(view.topics, view.counts)])
    ids = [s.id for s in view.result.sources]
    head = ["kind", "value", *[s.label or s.id for s in view.result.sources]]
    return head, [[r["kind"], r["value"], *("; ".join(f"{x['text']} ({x['group']})" for x in r["sources"].get(sid, []))
                                             for sid in ids)] for r in view.rows]


def _csv(head: list[str], body: list[list[Any]]) -> str:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(head)
    w.writerows(body)
    return buf.getvalue()


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _tsv(head: list[str], body: list[list[Any]]) -> str:
    """Tab-separated, one record a line: tabs, newlines and backslashes escaped."""
    return "".join("\t".join(str(c).translate(_TSV_ESCAPES) for c in r) + "\n" for r in [head, *body])


def _md_cell(text: Any) -> str:
    return _one_line(str(text)).replace("|", "\\|")


def _markdown(view: View) -> str:
    if not isinstance(view, Result):
        head, body = rows(view)
        empty = "—"
        lines = ["| " + " | ".join(map(_md_cell, head)) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(_md_cell(c) if c not in ("", 0) else empty for c in r) + " |" for r in body]
        return "\n".join(lines) + "\n"
    src = view.sources
    head = ["#", "score", *[_md_cell(s.label or s.id) for s in src], "flags"]
    lines = [f"## {view.topic_label} (`{view.topic}`)", "",
             "**Bold**: words not in the row's reference statement (marked ▸); ≈: a statement of the story related "
             "to the row's claim, not telling it; *related*: the members are related, "
             "not the same claim.", "",
             "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for g in view.groups:
        cells = []
        for s in src:
            mine = [m for m in g.members if m.statement.source == s.id]
            cells.append("<br>".join(_md_cell(_member_plain(m, len(g.sources) > 1)).replace("{", "**").replace("}", "**")
                                     for m in mine))
        score = "" if g.score is None else f"{g.score:.0f}"
        flags = "*related*" if g.relation == "related" else _flag_text(g.flags)
        lines.append("| " + " | ".join([g.id, score, *cells, flags]) + " |")
    lines.append("")
    lines.append(f"{len(view.groups)} groups; {sum(len(g.members) for g in view.groups)} statements.")
    lines.append("")
    lines.extend(f"- {line}" for line in coverage_lines(view))
    return "\n".join(lines) + "\n"


def _member_plain(m: Member, shared: bool = True) -> str:
    who = f" — {m.annotation.speaker}" if m.annotation.speaker else ""
    mark = "▸ " if m.reference and shared else ""
    related = "≈ " if m.role == "related" and shared else ""
    return f"{related}{mark}{_marked(m)}{who}"


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


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


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
        # rows, not statements: a row may hold two statements of a source (read 51 found the
        # counts not adding up to the statements)
        rows = c["shared_claims"] + c.get("related", 0) + c["only_here"]
        counts = [_count(c["shared_claims"], "claim") + " shared"]
        if c.get("related"):
            counts.append(f"{c['related']} related")
        counts.append(f"{c['only_here']} only here")
        parts = [f"{_count(c['statements'], 'statement')} in {_count(rows, 'row')}: " + ", ".join(counts)]
        if c["leaves_out"]:
            parts.append("leaves out " + " ".join(c["leaves_out"]))
        if c.get("told_nearby"):
            parts.append("may tell in other words " + " ".join(c["told_nearby"]))
        if c["labels"]:
            parts.append("labels: " + ", ".join(f"{k} ×{v}" for k, v in sorted(c["labels"].items())))
        lines.append(f"{names[sid]}: " + "; ".join(parts))
    return lines


# ------------------------------------------------------------------- the table


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
    # "cancel", "refuse": an outcome told, no negation in the text; shown apart from "not", "never"
    negations = [n for n in ann.negations if n.kind != "outcome"]
    outcomes = [n for n in ann.negations if n.kind == "outcome"]
    if negations:
        extras.append("not: " + ", ".join(_one_line(n.text) for n in negations))
    if outcomes:
        extras.append("outcome: " + ", ".join(_one_line(n.text) for n in outcomes))
    if ann.labels:
        # a label inside a quotation is the quoted speaker's word: said so, as the tally leaves it out
        extras.append("label: " + ", ".join(f"{_one_line(lb.text)} ({plain_name(lb.kind)}{', quoted' if lb.quoted else ''})"
                                           for lb in ann.labels))
    return extras


def _member_text(m: Member, *, color: bool, shared: bool = True) -> Text:
    """The statement with differing words highlighted (braces without colour), then its markers."""
    from rich.text import Text

    st, ann = m.statement, m.annotation
    t = Text((("≈ " if m.role == "related" else "") + ("▸ " if m.reference else "")) if shared else "")
    if not color:
        t.append(_one_line(_marked(m)))
    else:
        body = Text("".join(" " if ch.isspace() else ch for ch in st.text))  # same length: offsets hold
        for span in ann.diff:
            body.stylize("bold yellow", span.start - st.start, span.end - st.start)
        for span in ann.labels:
            body.stylize("underline magenta", span.start - st.start, span.end - st.start)
        for span in ann.hedges:
            body.stylize("italic cyan", span.start - st.start, span.end - st.start)
        for span in ann.negations:
            body.stylize("red", span.start - st.start, span.end - st.start)
        t.append_text(body)
    extras = _extras(m)
    if extras:
        t.append("\n" + "\n".join(extras), style="dim")
    return t


def _legend(result: Result, color: bool) -> str:
    shown = sorted({f for g in result.groups for f in g.flags})
    parts = ["score: 0-100 similarity of the statements in a row",
             "▸: the row's reference statement", "≈: a statement related to the row's claim, not telling it",
             ("bold yellow" if color else "{braces}") + ": words not in the reference"]
    if color:
        parts += ["italic cyan: hedge", "red: negation or failed outcome", "underlined magenta: loaded label"]
    if any(g.relation == "related" for g in result.groups):
        parts.append(f"related: {RELATED_NOTE}")
    parts += [f"{FLAG_MARKERS[f][0]}: {FLAG_MARKERS[f][1]}" for f in shown if f in FLAG_MARKERS]
    return "Legend — " + "; ".join(parts)


# a source column narrower than this breaks words: one block per row instead
MIN_COLUMN = 24


def _table_result(result: Result, console: Console, color: bool) -> None:
    from rich.table import Table
    from rich.text import Text

    console.print(_legend(result, color), style="dim", highlight=False, markup=False, soft_wrap=False)
    n = len(result.groups)
    title = f"{result.topic_label} — {n} claim{'' if n == 1 else 's'}"
    compact = (console.width - 10) // max(1, len(result.sources)) < MIN_COLUMN

    def head(g: Any) -> str:
        score = "" if g.score is None else f"{g.score:.0f}"
        note = "related" if g.relation == "related" else _flag_text(g.flags)
        return "\n".join(x for x in (g.id, score, note) if x)

    if compact:
        table = Table(title=title, expand=True)
        table.add_column("#", no_wrap=True)
        table.add_column("source", no_wrap=True)
        table.add_column("statement", ratio=1)
        for g in result.groups:
            for k, m in enumerate(g.members):
                src = next(s for s in result.sources if s.id == m.statement.source)
                table.add_row(head(g) if k == 0 else "", src.label or src.id,
                              _member_text(m, color=color, shared=len(g.sources) > 1))
            table.add_section()
    else:
        table = Table(title=title, show_lines=True, expand=True)
        table.add_column("#", no_wrap=True)
        for s in result.sources:
            table.add_column(s.label or s.id, ratio=1)
        for g in result.groups:
            row: list[Any] = [head(g)]
            for s in result.sources:
                mine = [m for m in g.members if m.statement.source == s.id]
                row.append(Text("\n\n").join(_member_text(m, color=color, shared=len(g.sources) > 1) for m in mine)
                           if mine else "")
            table.add_row(*row)
    console.print(table)
    for line in coverage_lines(result):
        console.print(line, highlight=False, markup=False)


def _table_rows(view: View, console: Console) -> None:
    from rich.table import Table

    from .coverage import Coverage
    from .quantities import Quantities

    head, body = rows(view)
    if isinstance(view, Coverage):
        table = Table(title="Statements per topic and source (— = says nothing)")
    else:
        assert isinstance(view, Quantities)
        table = Table(title=f"Quantities — {view.result.topic_label} (values normalised; — = not mentioned)",
                      show_lines=True)
    for i, h in enumerate(head):
        first = (2 if view.with_labels else 1) if isinstance(view, Coverage) else 2
        table.add_column(h, justify="right" if isinstance(view, Coverage) and i >= first else "left",
                         no_wrap=i < first)
    for r in body:
        table.add_row(*[str(c) if c not in ("", 0) else "—" for c in r])
    console.print(table)


def _table(view: View, env: Environment) -> str:
    import io

    from rich.console import Console

    buf = io.StringIO()
    console = Console(file=buf, width=env.width, highlight=False, force_terminal=env.color, no_color=not env.color,
                      color_system="standard" if env.color else None, legacy_windows=False, emoji=False)
    if isinstance(view, Result):
        _table_result(view, console, env.color)
    else:
        _table_rows(view, console)
    return buf.getvalue()


# ------------------------------------------------------------------ dispatcher


def render(view: View, fmt: Format, env: Environment) -> str:
    """``view`` in ``fmt``, as the text to write."""
    if fmt is Format.json:
        return dumps(view.to_dict()) + "\n"
    if fmt is Format.jsonl:
        return "".join(dumps(r) + "\n" for r in records(view))
    if fmt is Format.csv:
        return _csv(*rows(view))
    if fmt is Format.tsv:
        return _tsv(*rows(view))
    if fmt is Format.markdown:
        return _markdown(view)
    if fmt is Format.html:
        if isinstance(view, Result):
            from .report_html import render_html

            return render_html(view.to_dict(), {src.id: src.text for src in view.sources})
        return _html_table(view)
    return _table(view, env)


def _html_table(view: View) -> str:
    """The coverage or quantities table as one self-contained page."""
    from html import escape

    from .coverage import Coverage

    head, body = rows(view)
    title = "Coverage" if isinstance(view, Coverage) else f"Quantities — {view.result.topic_label}"  # type: ignore[union-attr]
    cells = "".join(f"<th>{escape(str(h))}</th>" for h in head)
    lines = "".join("<tr>" + "".join(f"<td>{escape(str(c)) if c not in ('', 0) else '—'}</td>" for c in r) + "</tr>"
                    for r in body)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            '<style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}'
            'td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}</style></head>'
            f"<body><h1>{escape(title)}</h1><table><thead><tr>{cells}</tr></thead><tbody>{lines}</tbody></table>"
            "</body></html>\n")
