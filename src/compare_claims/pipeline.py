"""The core, without I/O: sources in, a ``Result`` out.

load -> segment -> select -> align -> annotate -> (render, in render.py)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from . import align as align_mod
from .models import Group, Member, Result, Source, Statement
from .segment import Segmented, segment
from .select import Selected, select_with
from .topics import Matcher, Topic


@dataclass(frozen=True)
class Options:
    """Every processing flag, gathered once (httpie's ProcessingOptions)."""

    scorer: str = align_mod.DEFAULT_SCORER
    threshold: float = align_mod.DEFAULT_THRESHOLD
    link: float = align_mod.DEFAULT_LINK
    split_clauses: bool = True
    annotate: bool = True
    only_divergent: bool = False


def segment_all(sources: Sequence[Source], options: Options) -> dict[str, Segmented]:
    return {s.id: segment(s, split_clauses=options.split_clauses) for s in sources}


def select_all(
    segmented: dict[str, Segmented], topic: Topic, topics: dict[str, Topic]
) -> list[Selected]:
    matchers = {name: Matcher.build(t.keywords) for name, t in topics.items()}
    matchers[topic.name] = Matcher.build(topic.keywords)
    out: list[Selected] = []
    for sid in sorted(segmented):
        out.extend(select_with(segmented[sid].statements, topic.name, matchers))
    return out


def _group_order(sources: Sequence[Source]):  # type: ignore[no-untyped-def]
    rank = {s.id: i for i, s in enumerate(sources)}

    def key(members: Sequence[Statement]) -> tuple[int, int, int]:
        first = min(members, key=lambda st: (rank[st.source], st.start))
        n_sources = len({st.source for st in members})
        return (-n_sources, rank[first.source], first.start)

    return rank, key


def build_groups(
    selected: Sequence[Selected], sources: Sequence[Source], options: Options, background: Sequence[str] = ()
) -> list[Group]:
    """Align, then order: groups told by more sources first, then by where the
    claim first appears (sources in order, then offset); members by source
    order, then offset."""
    statements = [s.statement for s in selected]
    via = {(s.statement.source, s.statement.start): s.via for s in selected}
    aligned = align_mod.align(statements, scorer=options.scorer, threshold=options.threshold, link=options.link,
                              background=background)
    rank, key = _group_order(sources)
    drafts = []
    for ag in aligned:
        members = []
        for idx, sc in zip(ag.members, ag.member_scores):
            st = statements[idx]
            members.append(Member(st, sc, via=via[(st.source, st.start)], reference=idx == ag.reference))
        members.sort(key=lambda m: (rank[m.statement.source], m.statement.start))
        drafts.append((key([m.statement for m in members]), ag.score, members))
    drafts.sort(key=lambda d: d[0])
    return [Group(f"g{i}", score, tuple(members)) for i, (_k, score, members) in enumerate(drafts, 1)]


def run(sources: Sequence[Source], topic: Topic, topics: dict[str, Topic], options: Options) -> Result:
    segmented = segment_all(sources, options)
    selected = select_all(segmented, topic, topics)
    chosen = {(s.statement.source, s.statement.start) for s in selected}
    background = [st.text for sid in sorted(segmented) for st in segmented[sid].statements
                  if (st.source, st.start) not in chosen]
    groups = build_groups(selected, sources, options, background)
    if options.annotate:
        from .annotate_groups import annotate_groups

        groups = annotate_groups(groups, sources, topic)
    if options.only_divergent:
        groups = [g for g in groups if g.flags]
    skipped = tuple(
        (sid, reason, count) for sid in sorted(segmented) for reason, count in segmented[sid].skipped
    )
    settings = (("scorer", options.scorer), ("threshold", options.threshold), ("link", options.link))
    return Result(topic.name, topic.label, tuple(sources), tuple(groups), skipped, settings)
