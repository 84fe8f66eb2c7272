"""The annotate stage over aligned groups: per statement cues, per group flags.

Each member gets its speaker, reporting verb, hedges, certainty markers,
numbers, loaded labels and negations; members of a group told by two or more
sources also get the words they do not share with the group's reference
statement.  The group is flagged where its sources diverge.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from .annotate import annotate, group_flags, load_cues, word_diff
from .models import Group, Source
from .topics import Topic


def annotate_groups(groups: Sequence[Group], sources: Sequence[Source], topic: Topic) -> list[Group]:
    cues = load_cues(extra_labels={category: list(terms) for category, terms in topic.labels} or None)
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
            ann = annotate(st.text, start=st.start, cues=cues, speaker_hint=st.speaker_hint)
            if shared:
                against = reference if m is not reference else counterpart
                assert against is not None
                ann = replace(ann, diff=word_diff(st.text, start=st.start, reference=against.statement.text))
            members.append(replace(m, annotation=ann))
        flags = group_flags([m.annotation for m in members], [m.statement.source for m in members]) if shared else ()
        out.append(replace(g, members=tuple(members), flags=tuple(flags)))
    return out
