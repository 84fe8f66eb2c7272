"""The annotate stage over aligned groups: per statement cues, per group flags.

Each member gets its speaker, reporting verb, hedges, certainty markers,
numbers, loaded labels and negations; members of a group told by two or more
sources also get the words they do not share with the group's reference
statement.  The group is flagged where its sources diverge.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Mapping, Sequence

from .divergence import group_flags, word_diff
from .models import Annotation, Group, Source, Statement
from .topics import Topic

if TYPE_CHECKING:
    from .analysis import SourceAnalysis


def _annotator(
    topic: Topic, analyses: Mapping[str, SourceAnalysis] | None
) -> Callable[[Statement], Annotation]:
    """Annotations from the analysis when it has them and the topic adds no
    labels of its own; otherwise annotate now (compiling the cue lists)."""
    if analyses is not None and not topic.labels:
        known = {
            (st.source, st.start): ann
            for a in analyses.values() if a.annotations is not None
            for st, ann in zip(a.statements, a.annotations)
        }
    else:
        known = {}
    cues = None

    def get(st: Statement) -> Annotation:
        nonlocal cues
        found = known.get((st.source, st.start))
        if found is not None:
            return found
        from .annotate import annotate, load_cues

        if cues is None:
            cues = load_cues(extra_labels={category: list(terms) for category, terms in topic.labels} or None)
        return annotate(st.text, start=st.start, cues=cues, speaker_hint=st.speaker_hint)

    return get


def annotate_groups(
    groups: Sequence[Group], sources: Sequence[Source], topic: Topic,
    analyses: Mapping[str, SourceAnalysis] | None = None,
) -> list[Group]:
    annotation_of = _annotator(topic, analyses)
    out = []
    for g in groups:
        reference = next((m for m in g.members if m.reference), g.members[0])
        shared = len(g.sources) > 1
        # the reference itself is diffed against its closest member from another source,
        # so that both sides of a row show what the other lacks
        others = [m for m in g.members if m.statement.source != reference.statement.source]
        counterpart = max(others, key=lambda m: (m.score, -m.statement.start)) if others else None
        members = []
        for m in g.members:
            st = m.statement
            ann = annotation_of(st)
            if shared:
                against = reference if m is not reference else counterpart
                assert against is not None
                ann = ann._replace(diff=word_diff(st.text, start=st.start, reference=against.statement.text))
            members.append(m._replace(annotation=ann))
        flags = group_flags(
            [m.annotation for m in members], [m.statement.source for m in members],
            [(m.statement.text, m.statement.start) for m in members],
        ) if shared else ()
        out.append(g._replace(members=tuple(members), flags=tuple(flags)))
    return out
