"""Every quantity of a topic, lined up across sources.

One row per normalised value (kind and value: "duration 90 min", "amount USD
20000000", "date --05-03"), one column per source, each cell the words the
source used and the group they sit in.  "two-hour" and "120 minutes" land
in one row; "over an hour" (>60 min) in its own, next to it.
"""
# No `from __future__ import annotations`: see models.py (NamedTuple start-up cost).

from typing import Any, NamedTuple

from .models import Result


class Quantities(NamedTuple):
    result: Result
    rows: tuple[dict[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"topic": self.result.topic, "quantities": list(self.rows)}


def quantities(result: Result) -> Quantities:
    rows: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = {}
    for g in result.groups:
        for m in g.members:
            for n in m.annotation.numbers:
                key = (n.kind, n.value or n.text)
                rows.setdefault(key, {}).setdefault(m.statement.source, []).append(
                    {"text": n.text, "start": n.start, "end": n.end, "group": g.id}
                )
    out = [{"kind": kind, "value": value, "sources": by_source,
            "silent": [s.id for s in result.sources if s.id not in by_source]}
           for (kind, value), by_source in sorted(rows.items())]
    return Quantities(result, tuple(out))
