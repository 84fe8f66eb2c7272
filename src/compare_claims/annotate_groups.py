"""The annotate stage over an aligned group: word diffs and divergence flags.

Members of a group told by two or more sources get the words they do not
share with the group's reference statement; a group whose members tell the
same claim is flagged where the members telling it diverge.  A group whose
members are only related gets no flag, and no flag compares a related
member: comparing two different claims says nothing.
"""
from __future__ import annotations

from .divergence import FlagRules, group_flags, word_diff
from .models import Group


def annotate_group(g: Group, rules: FlagRules = FlagRules()) -> Group:
    if len(g.sources) < 2:
        return g
    reference = next((m for m in g.members if m.reference), g.members[0])
    # the reference itself is diffed against its closest member from another source,
    # so that both sides of a row show what the other lacks
    others = [m for m in g.members if m.statement.source != reference.statement.source]
    counterpart = max(others, key=lambda m: (m.score, -m.statement.start))
    members = []
    for m in g.members:
        against = reference if m is not reference else counterpart
        diff = word_diff(m.statement.text, start=m.statement.start, reference=against.statement.text)
        members.append(m._replace(annotation=m.annotation._replace(diff=diff)))
    # flags compare the members that tell the row's claim, never a related one
    claim = [m for m in members if m.role == "claim"]
    evidence = group_flags(claim, rules) if g.relation != "related" and len({m.statement.source for m in claim}) > 1 else ()
    return g._replace(members=tuple(members), flags=tuple(e.flag for e in evidence), evidence=evidence)
