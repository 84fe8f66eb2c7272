"""The annotate stage over an aligned group: word diffs and divergence flags.

Members of a group told by two or more sources get the words they do not
share with the group's reference statement; a group whose members tell the
same claim is flagged where the members telling it diverge.  A group whose
members are only related gets no flag, and no flag compares a related
member: comparing two different claims says nothing.
"""
from __future__ import annotations

from collections.abc import Sequence

from .divergence import FlagRules, group_flags, word_diff
from .models import Evidence, Group, Span

# below this many groups told by two sources or more, a pool costs more than it saves
MIN_GROUPS_PER_JOB = 200
# parts per job, each every PARTS-th group: the groups of most sources (the longest to diff) come first
PARTS_PER_JOB = 4


def told_by_several(g: Group) -> bool:
    """A group that ``annotate_group`` diffs and flags (it leaves the others as they are)."""
    return len({m.statement.source for m in g.members}) > 1


def annotate_group(g: Group, rules: FlagRules = FlagRules()) -> Group:
    if not told_by_several(g):
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


def annotate_groups(groups: Sequence[Group], rules: FlagRules = FlagRules(), *, jobs: int = 1) -> list[Group]:
    """``annotate_group`` over every group, in ``jobs`` processes when there
    are many: each group is annotated on its own, and put back in its place."""
    from .parallel import map_forked

    todo = [k for k, g in enumerate(groups) if told_by_several(g)]
    jobs = min(jobs, len(todo) // MIN_GROUPS_PER_JOB) if jobs > 1 else 1
    n_parts = jobs * PARTS_PER_JOB if jobs > 1 else 1
    parts = [todo[k::n_parts] for k in range(n_parts)]
    out = list(groups)
    for part, got in zip(parts, map_forked(_added_in_part, (groups, rules), parts, jobs)):
        for k, added in zip(part, got):
            out[k] = _with_added(groups[k], added)
    return out


# what annotate_group adds to a group: each member's diff, the flags and their evidence
# (what a process sends back: a tenth of the group it annotated)
Added = tuple[tuple[tuple[Span, ...], ...], tuple[str, ...], tuple[Evidence, ...]]


def _added_in_part(state: tuple[Sequence[Group], FlagRules], part: list[int]) -> list[Added]:
    groups, rules = state
    out = []
    for k in part:
        g = annotate_group(groups[k], rules)
        out.append((tuple(m.annotation.diff for m in g.members), g.flags, g.evidence))
    return out


def _with_added(g: Group, added: Added) -> Group:
    """``g`` as ``annotate_group`` returns it, given what it adds."""
    diffs, flags, evidence = added
    members = tuple(m._replace(annotation=m.annotation._replace(diff=d)) for m, d in zip(g.members, diffs))
    return g._replace(members=members, flags=flags, evidence=evidence)
