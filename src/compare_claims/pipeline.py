"""The core, without I/O: sources in, a ``Result`` out.

load -> segment -> select -> align -> annotate -> (render, in render.py)
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Mapping, NamedTuple, Sequence

from . import align as align_mod
from .analysis import AnalysisCache, SourceAnalysis, analyze_all
from .models import Group, Member, Result, Source, Statement
from .select import Selected, select_with
from .topics import Matcher, Topic, tokenize

if TYPE_CHECKING:
    from .segment import Segmented


class Options(NamedTuple):
    """Every processing flag, gathered once (httpie's ProcessingOptions)."""

    scorer: str = align_mod.DEFAULT_SCORER
    threshold: float = align_mod.DEFAULT_THRESHOLD
    link: float = align_mod.DEFAULT_LINK
    split_clauses: bool = True
    annotate: bool = True
    only_divergent: bool = False


def segment_all(sources: Sequence[Source], options: Options) -> dict[str, Segmented]:
    from .segment import segment

    return {s.id: segment(s, split_clauses=options.split_clauses) for s in sources}


def analyze_sources(
    sources: Sequence[Source], options: Options, cache: AnalysisCache | None = None
) -> dict[str, SourceAnalysis]:
    return analyze_all(sources, split_clauses=options.split_clauses, annotate=options.annotate, cache=cache)


def select_all(
    analyses: Mapping[str, SourceAnalysis] | Mapping[str, Segmented], topic: Topic, topics: dict[str, Topic]
) -> list[Selected]:
    matchers = {name: Matcher.build(t.keywords) for name, t in topics.items()}
    matchers[topic.name] = Matcher.build(topic.keywords)
    out: list[Selected] = []
    for sid in sorted(analyses):
        a = analyses[sid]
        tokens = a.tokens if isinstance(a, SourceAnalysis) else None
        out.extend(select_with(a.statements, topic.name, matchers, tokens))
    return out


def _group_key(members: Sequence[Statement], rank: Mapping[str, int]) -> tuple[int, int, int]:
    """More sources first, then where the claim first appears (source order, offset)."""
    first = min(members, key=lambda st: (rank[st.source], st.start))
    return (-len({st.source for st in members}), rank[first.source], first.start)


def build_groups(
    selected: Sequence[Selected], sources: Sequence[Source], options: Options, background: Sequence[str] = (),
    *, analyses: Mapping[str, SourceAnalysis] | None = None, topic: Topic | None = None,
) -> list[Group]:
    """Align, then order: groups told by more sources first, then by where the
    claim first appears (sources in order, then offset); members by source
    order, then offset."""
    statements = [s.statement for s in selected]
    via = {(s.statement.source, s.statement.start): s.via for s in selected}
    stems = background_stems = None
    if analyses is not None:  # stems from the analysis: no second pass over the text
        chosen = {(s.source, s.start) for s in statements}
        index = {sid: {(st.source, st.start): i for i, st in enumerate(a.statements)} for sid, a in analyses.items()}
        stems = [analyses[s.source].stems[index[s.source][(s.source, s.start)]] for s in statements]
        background_stems = [w for sid in sorted(analyses) for st, w in zip(analyses[sid].statements, analyses[sid].stems)
                            if (st.source, st.start) not in chosen]
    topic_stems = frozenset(st for kw in (topic.keywords if topic else ()) for st in tokenize(kw).stems)
    aligned = align_mod.align(statements, scorer=options.scorer, threshold=options.threshold, link=options.link,
                              background=background, stems=stems, background_stems=background_stems,
                              topic_stems=topic_stems)
    rank = {s.id: i for i, s in enumerate(sources)}
    drafts = []
    for ag in aligned:
        members = []
        for idx, sc in zip(ag.members, ag.member_scores):
            st = statements[idx]
            members.append(Member(st, sc, via=via[(st.source, st.start)], reference=idx == ag.reference))
        members.sort(key=lambda m: (rank[m.statement.source], m.statement.start))
        drafts.append((_group_key([m.statement for m in members], rank), ag.score, members))
    drafts.sort(key=lambda d: d[0])
    return [Group(f"g{i}", score, tuple(members)) for i, (_k, score, members) in enumerate(drafts, 1)]


def run(
    sources: Sequence[Source], topic: Topic, topics: dict[str, Topic], options: Options,
    *, cache: AnalysisCache | None = None,
) -> Result:
    analyses = analyze_sources(sources, options, cache)
    selected = select_all(analyses, topic, topics)
    groups = build_groups(selected, sources, options, analyses=analyses, topic=topic)
    if options.annotate:
        from .annotate_groups import annotate_groups

        groups = annotate_groups(groups, sources, topic, analyses)
    all_groups = tuple(groups)
    if options.only_divergent:
        groups = [g for g in groups if g.flags]
    skipped = tuple(
        (sid, reason, count) for sid in sorted(analyses) for reason, count in analyses[sid].skipped
    )
    settings = (("scorer", options.scorer), ("threshold", options.threshold), ("link", options.link))
    return Result(topic.name, topic.label, tuple(sources), tuple(groups), skipped, settings,
                  all_groups=all_groups if options.only_divergent else None)
