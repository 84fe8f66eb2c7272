"""Plain JSON data for what the analysis cache keeps, and back: one source's
analysis, and a topic's groups.  No I/O (the cache itself is ``cache.py``).

Data only, by construction: every value is built by the constructor of its
own type from lists of strings and numbers (``Decimal`` travels as its
text), never from a class named in the data.  What is decoded has passed
its tag (``cache.py``) and was written by this very code (the code is part
of every key), so decoding checks shapes, not every field's type: a list of
another length raises ``TypeError`` or ``ValueError`` and the cache
recomputes.  ``decode(encode(x))
== x`` for every value the pipeline makes (tested).
"""
from __future__ import annotations

import json
import zlib
from decimal import Decimal
from typing import Any

from .models import Annotation, Evidence, Group, Member, Source, Span, Statement
from .numbers import Quantity
from .pipeline import SourceAnalysis
from .select import Selected

FORMAT = 1  # bump when what is stored changes shape


def pack(value: Any) -> bytes:
    """What an entry holds: the JSON text, compressed (fast: level 1)."""
    return zlib.compress(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass"), 1)


def unpack(data: bytes) -> Any:
    """``pack`` undone; ``ValueError`` for what is not one."""
    try:
        return json.loads(zlib.decompress(data))
    except zlib.error as exc:
        raise ValueError(str(exc)) from None


def _quantity(q: Quantity | None) -> list[Any] | None:
    if q is None:
        return None
    return [q.kind, q.value, None if q.amount is None else str(q.amount), q.unit, q.qualifier, q.year, q.month,
            list(q.days), list(q.about)]


def _unquantity(d: list[Any] | None) -> Quantity | None:
    if d is None:
        return None
    kind, value, amount, unit, qualifier, year, month, days, about = d
    return Quantity(_str(kind), _str(value), None if amount is None else Decimal(_str(amount)), _str(unit),
                    _str(qualifier), None if year is None else _int(year), None if month is None else _int(month),
                    tuple(_int(x) for x in days), tuple(_str(x) for x in about))


def _span(s: Span) -> list[Any]:
    return [s.start, s.end, s.text, s.kind, s.value, _quantity(s.quantity), s.quoted]


def _unspan(d: list[Any]) -> Span:
    if d[5] is None:  # the common case: no quantity
        return Span._make(d)
    d = list(d)
    d[5] = _unquantity(d[5])
    return Span._make(d)


def _spans(spans: tuple[Span, ...]) -> list[Any]:
    return [_span(s) for s in spans] if spans else []


def _unspans(d: list[Any]) -> tuple[Span, ...]:
    return tuple(map(_unspan, d)) if d else ()


def _annotation(a: Annotation) -> list[Any]:
    return [a.speaker, a.reporting_verb, _spans(a.hedges), _spans(a.certainty), _spans(a.numbers),
            _spans(a.labels), _spans(a.negations), _spans(a.diff),
            None if a.speaker_span is None else _span(a.speaker_span)]


def _unannotation(d: list[Any]) -> Annotation:
    speaker, verb, hedges, certainty, numbers, labels, negations, diff, where = d
    return Annotation(speaker, verb, _unspans(hedges), _unspans(certainty), _unspans(numbers),
                      _unspans(labels), _unspans(negations), _unspans(diff), None if where is None else _unspan(where))


def _statement(st: Statement, with_source: bool = True) -> list[Any]:
    fields = list(st)
    return fields if with_source else fields[1:]


def _unstatement(d: list[Any], source: str | None = None) -> Statement:
    return Statement._make(d if source is None else [source, *d])


def _str(x: object) -> str:
    if not isinstance(x, str):
        raise ValueError("text expected")
    return x


def _int(x: object) -> int:
    if not isinstance(x, int) or isinstance(x, bool):
        raise ValueError("an integer expected")
    return x


# ------------------------------------------------------------------ one source


def encode_analysis(a: SourceAnalysis) -> dict[str, Any]:
    """``a`` without its source (the cache is keyed by it, and the caller has
    it): statements name their source by its id, which is the source's."""
    sid = a.source.id
    statements = [s.statement for _n, sel in a.selected for s in sel]
    statements += [x for st, _why, kept in a.left_out for x in (st, kept)]
    if any(st.source != sid for st in statements):
        raise ValueError("a statement of another source")
    return {
        "format": FORMAT,
        "statements": a.statements,
        "skipped": [[r, n] for r, n in a.skipped],
        "selected": [[name, [[*_statement(s.statement, False), s.via] for s in sel]] for name, sel in a.selected],
        "left_out": [[_statement(st, False), why, _statement(kept, False)] for st, why, kept in a.left_out],
        "stems": [list(s) for s in a.stems],
        "annotations": [_annotation(x) for x in a.annotations],
        "df": [[w, n] for w, n in a.document_frequency],
        "cases": [[w, cap, n] for (w, cap), n in a.case_counts],
    }


def decode_analysis(d: dict[str, Any], source: Source) -> SourceAnalysis:
    if d.get("format") != FORMAT:
        raise ValueError("another format")
    sid = source.id
    selected = tuple((name, tuple(Selected(_unstatement(s[:-1], sid), s[-1]) for s in sel)) for name, sel in d["selected"])
    left_out = tuple((_unstatement(st, sid), why, _unstatement(kept, sid)) for st, why, kept in d["left_out"])
    return SourceAnalysis(
        source, _int(d["statements"]), tuple(map(tuple, d["skipped"])), selected, left_out,
        tuple(map(tuple, d["stems"])), tuple(map(_unannotation, d["annotations"])), tuple(map(tuple, d["df"])),
        tuple(((w, cap), n) for w, cap, n in d["cases"]))


# ------------------------------------------------------------------ a topic's groups


def _member(m: Member) -> list[Any]:
    return [_statement(m.statement), m.score, _annotation(m.annotation), m.via, m.reference, m.role]


def _unmember(d: list[Any]) -> Member:
    st, score, annotation, via, reference, role = d
    return Member(Statement._make(st), score, _unannotation(annotation), via, reference, role)


def _group(g: Group) -> list[Any]:
    return [g.id, g.score, [_member(m) for m in g.members], list(g.flags), g.relation,
            [[e.flag, e.note, [[sid, _span(s)] for sid, s in e.spans]] for e in g.evidence]]


def _ungroup(d: list[Any]) -> Group:
    gid, score, members, flags, relation, evidence = d
    return Group(gid, score, tuple(map(_unmember, members)), tuple(flags), relation,
                 tuple(Evidence(flag, note, tuple((sid, _unspan(s)) for sid, s in spans))
                       for flag, note, spans in evidence))


def encode_groups(groups: tuple[Group, ...], skipped: tuple[tuple[str, str, int], ...]) -> dict[str, Any]:
    """Every group of a topic (before ``--only-divergent`` / ``--min-sources``)
    and what each source skipped."""
    return {"format": FORMAT, "groups": [_group(g) for g in groups], "skipped": [list(s) for s in skipped]}


def decode_groups(d: dict[str, Any]) -> tuple[tuple[Group, ...], tuple[tuple[str, str, int], ...]]:
    if d.get("format") != FORMAT:
        raise ValueError("another format")
    return tuple(map(_ungroup, d["groups"])), tuple(map(tuple, d["skipped"]))
