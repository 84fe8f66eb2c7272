"""Plain JSON data for what the analysis cache keeps, and back: one source's
analysis, and a topic's groups.  No I/O (the cache itself is ``cache.py``).

Written: the values as they are.  They are NamedTuples of strings, numbers
and tuples, which JSON writes as lists of their fields, in order (the C
encoder, fast); a ``Decimal`` (a quantity's amount) as its text.

Read: data only, by construction.  Every value is built by the constructor
of its own type (``Span._make``, ...) from those lists, never from a class
named in the data; the one ``Decimal`` is parsed from its text.  What is
decoded has passed its tag (``cache.py``) and was written by this very code
(the code is part of every key), so decoding checks shapes, not every
field's type: a list of another length raises ``TypeError`` or
``ValueError`` and the cache recomputes.  ``decode(unpack(pack(encode(x))))
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

FORMAT = 4  # bump when what is stored changes shape (3: a group's nearby statements; 4: in_quotation)


def pack(value: Any) -> bytes:
    """What an entry holds: the JSON text, compressed (fast: level 1).  The
    values hold no cycles: the encoder does not look for any (20% faster)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_decimal, check_circular=False)
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 1)


def unpack(data: bytes) -> Any:
    """``pack`` undone; ``ValueError`` for what is not one."""
    try:
        return json.loads(zlib.decompress(data))
    except zlib.error as exc:
        raise ValueError(str(exc)) from None


def _decimal(value: object) -> str:
    if isinstance(value, Decimal):
        return str(value)  # exact, trailing zeros kept: Decimal(str(d)) == d, same digits
    raise TypeError(f"{type(value).__name__} is not stored")


# ------------------------------------------------------------------ reading back


def _unquantity(d: list[Any]) -> Quantity:
    kind, value, amount, unit, qualifier, year, month, days, about = d
    if amount is not None and not isinstance(amount, str):
        raise ValueError("an amount is written as its text")
    return Quantity(kind, value, None if amount is None else Decimal(amount), unit, qualifier, year, month,
                    tuple(days), tuple(about))


def _unspan(d: list[Any]) -> Span:
    if d[5] is None:  # the common case: no quantity
        return Span._make(d)
    d = list(d)
    d[5] = _unquantity(d[5])
    return Span._make(d)


def _unspans(d: list[Any]) -> tuple[Span, ...]:
    return tuple(map(_unspan, d)) if d else ()


def _unannotation(d: list[Any]) -> Annotation:
    speaker, verb, hedges, certainty, numbers, labels, negations, diff, where, in_quotation = d
    return Annotation(speaker, verb, _unspans(hedges), _unspans(certainty), _unspans(numbers),
                      _unspans(labels), _unspans(negations), _unspans(diff), None if where is None else _unspan(where),
                      bool(in_quotation))


def _unmember(d: list[Any]) -> Member:
    st, score, annotation, via, reference, role = d
    return Member(Statement._make(st), score, _unannotation(annotation), via, reference, role)


def _ungroup(d: list[Any]) -> Group:
    gid, score, members, flags, relation, evidence, nearby = d
    return Group(gid, score, tuple(map(_unmember, members)), tuple(flags), relation,
                 tuple(Evidence(flag, note, tuple((sid, _unspan(s)) for sid, s in spans))
                       for flag, note, spans in evidence),
                 tuple(Statement._make(st) for st in nearby))


def _format(d: Any) -> None:
    if not isinstance(d, dict) or d.get("format") != FORMAT:
        raise ValueError("another format")


# ------------------------------------------------------------------ one source


def encode_analysis(a: SourceAnalysis) -> dict[str, Any]:
    """``a`` without its source: the cache is keyed by it, and the caller has it."""
    return {"format": FORMAT, "statements": a.statements, "skipped": a.skipped, "selected": a.selected,
            "left_out": a.left_out, "stems": a.stems, "annotations": a.annotations,
            "df": a.document_frequency, "cases": a.case_counts}


def decode_analysis(d: Any, source: Source) -> SourceAnalysis:
    _format(d)
    selected = tuple((name, tuple(Selected(Statement._make(st), via) for st, via in sel)) for name, sel in d["selected"])
    left_out = tuple((Statement._make(st), why, Statement._make(kept)) for st, why, kept in d["left_out"])
    if any(s.statement.source != source.id for _n, sel in selected for s in sel):
        raise ValueError("a statement of another source")
    statements = d["statements"]
    if not isinstance(statements, int):
        raise ValueError("a count expected")
    return SourceAnalysis(
        source, statements, tuple(map(tuple, d["skipped"])), selected, left_out, tuple(map(tuple, d["stems"])),
        tuple(map(_unannotation, d["annotations"])), tuple(map(tuple, d["df"])),
        tuple(((w, cap), n) for (w, cap), n in d["cases"]))


# ------------------------------------------------------------------ a topic's groups


def encode_groups(groups: tuple[Group, ...], skipped: tuple[tuple[str, str, int], ...]) -> dict[str, Any]:
    """Every group of a topic (before ``--only-divergent`` / ``--min-sources``)
    and what each source skipped."""
    return {"format": FORMAT, "groups": groups, "skipped": skipped}


def decode_groups(d: Any) -> tuple[tuple[Group, ...], tuple[tuple[str, str, int], ...]]:
    _format(d)
    return tuple(map(_ungroup, d["groups"])), tuple(map(tuple, d["skipped"]))
