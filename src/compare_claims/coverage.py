"""Who covers what: topic x source statement counts (per-topic omissions: Result.coverage)."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

from .models import Source
from .analysis import AnalysisCache
from .pipeline import Options, analyze_sources
from .select import select_with
from .topics import Matcher, Topic

if TYPE_CHECKING:
    from rich.console import Console

    from .diagnostics import PlainOutput
    from .render import Format


@dataclass(frozen=True)
class Coverage:
    sources: tuple[Source, ...]
    topics: tuple[Topic, ...]
    counts: tuple[tuple[int, ...], ...]  # counts[topic][source]

    def to_dict(self) -> dict[str, Any]:
        return {
            "sources": [{"id": s.id, "file": s.file, "label": s.label} for s in self.sources],
            "topics": [
                {
                    "name": t.name,
                    "label": t.label,
                    "origin": t.origin,
                    "keywords": list(t.keywords),
                    "statements": {s.id: n for s, n in zip(self.sources, row)},
                    "silent": [s.id for s, n in zip(self.sources, row) if n == 0],
                }
                for t, row in zip(self.topics, self.counts)
            ],
        }


def coverage(
    sources: Sequence[Source], topics: dict[str, Topic], options: Options = Options(),
    *, cache: AnalysisCache | None = None,
) -> Coverage:
    """Count, for every topic and source, the statements selected for it."""
    analyses = analyze_sources(sources, options, cache)
    matchers = {name: Matcher.build(t.keywords) for name, t in topics.items()}
    ordered = tuple(topics[name] for name in sorted(topics))
    counts = tuple(
        tuple(len(select_with(analyses[s.id].statements, t.name, matchers, analyses[s.id].tokens)) for s in sources)
        for t in ordered
    )
    return Coverage(tuple(sources), ordered, counts)


def render_coverage(cov: Coverage, fmt: Format, console: Console | PlainOutput, *, with_keywords: bool) -> None:
    from .render import Format

    headers = [s.label or s.id for s in cov.sources]
    if fmt is Format.json or fmt is Format.jsonl:
        console.file.write(json.dumps(cov.to_dict(), sort_keys=True, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt in (Format.csv, Format.tsv):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt is Format.csv else "\t", lineterminator="\n")
        w.writerow(["topic", *headers])
        for t, row in zip(cov.topics, cov.counts):
            w.writerow([t.name, *row])
        console.file.write(buf.getvalue())
        return
    if fmt is Format.markdown:
        lines = ["| topic | " + " | ".join(headers) + " |", "|---|" + "---|" * len(headers)]
        for t, row in zip(cov.topics, cov.counts):
            lines.append(f"| {t.name} | " + " | ".join(str(n) if n else "—" for n in row) + " |")
        console.file.write("\n".join(lines) + "\n")
        return
    from rich.console import Console as RichConsole
    from rich.table import Table

    assert isinstance(console, RichConsole), "the table format needs a rich Console"
    table = Table(title="Statements per topic and source (— = says nothing)")
    table.add_column("topic", no_wrap=True)
    if with_keywords:
        table.add_column("label")
    for h in headers:
        table.add_column(h, justify="right")
    for t, row in zip(cov.topics, cov.counts):
        cells = [str(n) if n else "—" for n in row]
        table.add_row(t.name, *([t.label] if with_keywords else []), *cells)
    console.print(table)
