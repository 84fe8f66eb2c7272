"""Who covers what: topic x source statement counts.

Built from the same per-source analyses as a topic's result (the same
selection), asked for every topic at once.
"""
# No `from __future__ import annotations`: see models.py (NamedTuple start-up cost).

from typing import Any, NamedTuple, Sequence

from .models import Source
from .pipeline import SourceAnalysis
from .topics import Topic


class Coverage(NamedTuple):
    sources: tuple[Source, ...]
    topics: tuple[Topic, ...]
    counts: tuple[tuple[int, ...], ...]  # counts[topic][source]
    with_labels: bool = False  # tables show each topic's label (`compare-claims topics`)

    def to_dict(self) -> dict[str, Any]:
        return {
            "sources": [{"id": s.id, "file": s.file, "label": s.label} for s in self.sources],
            "topics": [self.record(t, row) for t, row in zip(self.topics, self.counts)],
        }

    def record(self, t: Topic, row: tuple[int, ...]) -> dict[str, Any]:
        return {
            "name": t.name,
            "label": t.label,
            "origin": t.origin,
            "keywords": list(t.keywords),
            "statements": {s.id: n for s, n in zip(self.sources, row)},
            "silent": [s.id for s, n in zip(self.sources, row) if n == 0],
        }


def coverage(analyses: Sequence[SourceAnalysis], topics: Sequence[Topic]) -> Coverage:
    """Count, for every topic and source, the statements selected for it
    (analyses asked for every topic, in ``topics`` order)."""
    analyses = sorted(analyses, key=lambda a: (a.source.file, a.source.id))
    counts = []
    for i, _t in enumerate(topics):
        counts.append(tuple(len(a.selected[i][1]) for a in analyses))
    return Coverage(tuple(a.source for a in analyses), tuple(topics), tuple(counts))
