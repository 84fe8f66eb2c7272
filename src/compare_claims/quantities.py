"""Every quantity of a topic, lined up across sources.

One row per normalised value (kind and value: "duration 90 min", "amount USD
20000000", "date --05-03"), one column per source, each cell the words the
source used and the group they sit in.  "ninety-minute" and "an hour and a
half" land in one row; "over an hour" (>60 min) in its own, next to it.
"""
from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from .models import Result

if TYPE_CHECKING:
    from rich.console import Console

    from .diagnostics import PlainOutput
    from .render import Format


def quantity_rows(result: Result) -> list[dict[str, Any]]:
    rows: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = {}
    for g in result.groups:
        for m in g.members:
            for n in m.annotation.numbers:
                key = (n.kind, n.value or n.text)
                rows.setdefault(key, {}).setdefault(m.statement.source, []).append(
                    {"text": n.text, "start": n.start, "end": n.end, "group": g.id}
                )
    out = []
    for (kind, value), by_source in sorted(rows.items()):
        out.append({"kind": kind, "value": value, "sources": by_source,
                    "silent": [s.id for s in result.sources if s.id not in by_source]})
    return out


def render_quantities(result: Result, fmt: Format, console: Console | PlainOutput) -> None:
    from .render import Format

    rows = quantity_rows(result)
    ids = [s.id for s in result.sources]
    headers = [s.label or s.id for s in result.sources]
    if fmt in (Format.json, Format.jsonl):
        doc = {"topic": result.topic, "quantities": rows}
        console.file.write(json.dumps(doc, sort_keys=True, ensure_ascii=False) + "\n")
        return

    def cell(r: dict[str, Any], sid: str) -> str:
        return "; ".join(f"{x['text']} ({x['group']})" for x in r["sources"].get(sid, []))

    if fmt in (Format.csv, Format.tsv):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt is Format.csv else "\t", lineterminator="\n")
        w.writerow(["kind", "value", *headers])
        for r in rows:
            w.writerow([r["kind"], r["value"], *(cell(r, sid) for sid in ids)])
        console.file.write(buf.getvalue())
        return
    if fmt is Format.markdown:
        lines = ["| kind | value | " + " | ".join(headers) + " |", "|---|---|" + "---|" * len(headers)]
        for r in rows:
            lines.append(f"| {r['kind']} | {r['value']} | " + " | ".join(cell(r, sid) or "—" for sid in ids) + " |")
        console.file.write("\n".join(lines) + "\n")
        return
    from rich.console import Console as RichConsole
    from rich.table import Table

    assert isinstance(console, RichConsole), "the table format needs a rich Console"
    table = Table(title=f"Quantities — {result.topic_label} (value normalised; — = not mentioned)", show_lines=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("value", no_wrap=True)
    for h in headers:
        table.add_column(h, overflow="fold")
    for r in rows:
        table.add_row(r["kind"], r["value"], *(cell(r, sid) or "—" for sid in ids))
    console.print(table)
