"""Typed, frozen values passed between the pipeline stages.

All are NamedTuples: as immutable and typed as frozen dataclasses, but far
cheaper to define at start-up (a CLI run in loops pays for every class it
defines) and to load from the analysis cache.

load -> segment -> select -> align -> annotate -> render.  Dicts appear only at
the JSON edge, through ``Result.to_dict()``.
"""
# No `from __future__ import annotations`: typing.NamedTuple compiles every string
# annotation into a ForwardRef at start-up (~35 us a field, ~9 ms a run in all).

from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .numbers import Quantity

SCHEMA_VERSION = "1.6"  # 1.1: per-source "coverage" summary; 1.2: relation, evidence, paragraph, sources' title/author/url/offsets; 1.3: quoted hedges; 1.4: the quote flag; 1.5: a group's "nearby" statements and a source's "told_nearby"; 1.6: "shared_claims" only where the source tells a "same" row's claim, "related" the other rows it shares


class Source(NamedTuple):
    """One input text: a file decoded exactly as it is on disk, the article
    text extracted from an HTML page, or one article of a dataset
    (``offsets`` says which)."""

    id: str  # short stable id used in the output (label or file stem)
    file: str  # file name (relative to the folder given), URL, "stdin" or "data.jsonl:LINE"
    text: str  # decoded text; every offset points into it
    outlet: str = ""
    kind: str = ""
    date: str = ""
    label: str = ""
    encoding: str = "utf-8"
    title: str = ""
    author: str = ""
    url: str = ""
    offsets: str = "file"  # what offsets refer to: "file" (the decoded file), "extracted"
    # (the article text extracted from HTML), "dataset" (the article's text field)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "file": self.file,
            "outlet": self.outlet,
            "kind": self.kind,
            "date": self.date,
            "label": self.label,
            "encoding": self.encoding,
            "length": len(self.text),
            "title": self.title,
            "author": self.author,
            "url": self.url,
            "offsets": self.offsets,
        }


class Statement(NamedTuple):
    """A span of a source: ``source.text[start:end] == text``.

    ``heading`` and ``question`` are the context the statement sits under (the
    section heading; for the first paragraph of a transcript answer, the
    question it answers). They select topics and are never part of the claim.
    """

    source: str
    start: int
    end: int
    text: str
    paragraph: int = 0  # index of the paragraph (block) inside the source
    heading: str = ""
    question: str = ""
    speaker_hint: str = ""  # speaker of the transcript turn, if any ("Question" for a question)
    sentence_start: int = -1  # the sentence this statement is a clause of (-1: the statement itself)
    sentence_end: int = -1
    paragraph_start: int = -1  # the paragraph (block) it sits in, for context
    paragraph_end: int = -1


class Span(NamedTuple):
    """A character span inside a statement's source (absolute offsets)."""

    start: int
    end: int
    text: str
    kind: str = ""
    value: str = ""
    quantity: "Quantity | None" = None  # for numbers: the typed value behind ``value``
    quoted: bool = False  # inside a quotation: the quoted speaker's words, not the outlet's

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.kind:
            d["kind"] = self.kind
        if self.value:
            d["value"] = self.value
        if self.quoted:
            d["quoted"] = True
        return d


class Annotation(NamedTuple):
    """What the annotate stage found in one statement."""

    speaker: str = ""
    reporting_verb: str = ""
    hedges: tuple[Span, ...] = ()
    certainty: tuple[Span, ...] = ()
    numbers: tuple[Span, ...] = ()  # kind = number|amount|duration|date|percent; value normalised
    labels: tuple[Span, ...] = ()  # loaded labels; kind = category
    negations: tuple[Span, ...] = ()
    diff: tuple[Span, ...] = ()  # words not shared with the group's reference statement
    speaker_span: Span | None = None  # where the speaker is named, when in the statement
    # the statement opens inside a quotation opened before it (its words, to its first
    # closing mark, are quoted: "... my point was." inside a three-sentence quotation)
    in_quotation: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "reporting_verb": self.reporting_verb,
            "hedges": [s.to_dict() for s in self.hedges],
            "certainty": [s.to_dict() for s in self.certainty],
            "numbers": [s.to_dict() for s in self.numbers],
            "labels": [s.to_dict() for s in self.labels],
            "negations": [s.to_dict() for s in self.negations],
            "diff": [s.to_dict() for s in self.diff],
        }


class Evidence(NamedTuple):
    """Why a group carries a flag: a sentence, and the spans it rests on."""

    flag: str
    note: str
    spans: tuple[tuple[str, Span], ...]  # (source id, span)

    def to_dict(self) -> dict[str, Any]:
        return {"flag": self.flag, "note": self.note,
                "spans": [{"source": sid, "start": s.start, "end": s.end, "text": s.text} for sid, s in self.spans]}


class Member(NamedTuple):
    """A statement placed in a group, with its score against the group."""

    statement: Statement
    score: float  # 0-100 similarity to the group's reference statement
    annotation: Annotation = Annotation()
    via: str = "named"  # why it is on topic: named | heading | question | paragraph | continues | set
    reference: bool = False  # the statement the others are compared (and diffed) with
    role: str = "claim"  # tells the row's claim, or is only "related" to it (another claim of the story)

    def to_dict(self) -> dict[str, Any]:
        st = self.statement
        d: dict[str, Any] = {
            "source": st.source,
            "start": st.start,
            "end": st.end,
            "text": st.text,
            "score": round(self.score, 1),
            "via": self.via,
            "reference": self.reference,
            "role": self.role,
            "paragraph": [st.paragraph_start, st.paragraph_end] if st.paragraph_start >= 0 else None,
        }
        d.update(self.annotation.to_dict())
        return d


class Group(NamedTuple):
    """Statements from one or more sources that tell the same claim."""

    id: str
    score: float | None  # 0-100, mean cross-source pair score; None when one source only
    members: tuple[Member, ...]
    flags: tuple[str, ...] = ()
    relation: str = ""  # "same" claim, only "related", or "" (one source)
    evidence: tuple[Evidence, ...] = ()  # one per flag
    # the statement of each source outside the row that comes near its claim: that
    # source may tell it in other words, so it is not said to leave it out
    nearby: tuple[Statement, ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({m.statement.source for m in self.members}))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "score": None if self.score is None else round(self.score, 1),
            "relation": self.relation or None,
            "sources": list(self.sources),
            "flags": list(self.flags),
            "evidence": [e.to_dict() for e in self.evidence],
            "statements": [m.to_dict() for m in self.members],
            "nearby": [{"source": st.source, "start": st.start, "end": st.end} for st in self.nearby],
        }


class Result(NamedTuple):
    """Everything a renderer needs for one topic."""

    topic: str
    topic_label: str
    sources: tuple[Source, ...]
    groups: tuple[Group, ...]
    skipped: tuple[tuple[str, str, int], ...] = ()  # (source id, reason, count)
    settings: tuple[tuple[str, Any], ...] = ()
    # every group before a filter (--only-divergent) kept some: coverage counts them all
    all_groups: tuple[Group, ...] | None = None

    def coverage(self) -> dict[str, dict[str, Any]]:
        """Per source: what it says on the topic and what it leaves out.

        ``leaves_out`` lists the groups that this source does not carry and
        that are widely told: "same" rows (one claim; a "related" row holds
        different claims of the story, which no source can leave out) whose
        claim two sources or more tell, and at least a quarter of the sources
        that say anything on the topic (with five sources, two; with 400, a
        hundred).  A silent source leaves out
        everything: its list is empty.  ``shared_claims``: the "same" rows
        in which it tells the claim; ``related``: the other rows it shares
        with another source (a "related" row, or a member only related to a
        row's claim): those hold other claims of the story, not one claim
        it shares (read 50 found a footer's "3 claims shared" where all
        three rows were "related"); ``only_here``: rows of its own.
        ``labels`` counts its loaded labels
        by term, in its own words (not inside a quotation).  One pass over
        the groups, then one over the widely told groups per source.
        """
        groups = self.all_groups if self.all_groups is not None else self.groups
        out: dict[str, dict[str, Any]] = {
            s.id: {"statements": 0, "silent": True, "shared_claims": 0, "related": 0, "only_here": 0, "leaves_out": [],
                   "told_nearby": [], "labels": {}}
            for s in self.sources
        }
        shared: list[tuple[str, frozenset[str], int]] = []  # (id, sources in it or near it, sources telling its claim)
        near: dict[str, list[str]] = {}  # source -> the widely told groups it comes near
        for g in groups:
            srcs = frozenset(m.statement.source for m in g.members)
            if len(srcs) > 1 and g.relation == "same":
                shared.append((g.id, srcs, len({m.statement.source for m in g.members if m.role == "claim"})))
                for st in g.nearby:
                    near.setdefault(st.source, []).append(g.id)
            telling = {m.statement.source for m in g.members if m.role == "claim"} if g.relation == "same" else set()
            for sid in srcs:
                out[sid]["only_here" if len(srcs) == 1 else "shared_claims" if sid in telling else "related"] += 1
            for m in g.members:
                c = out[m.statement.source]
                c["statements"] += 1
                c["silent"] = False
                for lab in m.annotation.labels:
                    if lab.quoted:  # a label inside a quotation is the quoted speaker's word, not the outlet's
                        continue
                    key = lab.value or lab.text.lower()
                    c["labels"][key] = c["labels"].get(key, 0) + 1
        speaking = sum(1 for c in out.values() if not c["silent"])
        widely = [(gid, srcs) for gid, srcs, told in shared if told >= max(2, -(-speaking // 4))]
        for sid, c in out.items():
            if not c["silent"]:
                nearby = set(near.get(sid, ()))
                c["leaves_out"] = [gid for gid, srcs in widely if sid not in srcs and gid not in nearby]
                c["told_nearby"] = [gid for gid, srcs in widely if sid not in srcs and gid in nearby]
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "topic": self.topic,
            "topic_label": self.topic_label,
            "settings": dict(self.settings),
            "sources": [s.to_dict() for s in self.sources],
            "groups": [g.to_dict() for g in self.groups],
            "coverage": self.coverage(),
        }
