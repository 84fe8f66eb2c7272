"""Work after the per-source analysis, split over forked processes (--jobs):
the aligner's pair scores and the groups' diffs and flags come out as one
process computes them (parallel.py, align.py, annotate_groups.py)."""
from __future__ import annotations

import os
import time
import random
from collections import Counter
from typing import Any

import pytest

from compare_claims import align, annotate_groups, parallel
from compare_claims.config import load_segment_cues, load_vocabulary
from compare_claims.divergence import FlagRules
from compare_claims.load import expand_paths, load_sources
from compare_claims.models import Source, Statement
from compare_claims.segment import segment
from compare_claims.textnorm import content_stems
from compare_claims.topics import Topic, get_topic
from conftest import SHARED, make_plan, run_topic

BBC_POLITICS = SHARED / "corpora" / "bbc_news" / "politics"
VOCABULARY = load_vocabulary()




def aligned(statements: list[Statement], **kw: Any) -> list[align.Aligned]:
    """The aligner as the pipeline calls it, weighing words among these statements."""
    stems = [content_stems(s.text, VOCABULARY) for s in statements]
    df = Counter(t for ws in stems for t in set(ws))
    names = align.names(align.case_counts([s.text for s in statements]), VOCABULARY)
    return align.align(statements, stems=stems, document_frequency=df, documents=len(statements), names=names, **kw)


def test_ranges_cover_every_index_once_in_order() -> None:
    for n in (0, 1, 7, 100, 1001):
        for parts in (1, 2, 3, 16, 2000):
            got = parallel.ranges(n, parts)
            assert [i for lo, hi in got for i in range(lo, hi)] == list(range(n))
            assert all(hi > lo for lo, hi in got) or n == 0


def test_map_forked_keeps_the_order_of_the_parts(pools: list[int | None]) -> None:
    parts = list(range(40))
    assert parallel.map_forked(lambda state, p: state * p, 3, parts, 2) == [3 * p for p in parts]
    assert pools == ([2] if parallel.can_fork() else [])
    assert parallel.map_forked(lambda state, p: state * p, 3, parts, 1) == [3 * p for p in parts]
    assert len(pools) <= 1  # one job: no pool


def plain(x: Any) -> Any:
    return x


def test_map_in_forks_puts_uneven_parts_back_in_order_without_a_pool(
        forks: list[int], pools: list[int | None]) -> None:
    parts = [f"part {k}" for k in range(11)]  # 11 over 3 processes: 4, 4 and 3 parts
    got = parallel.map_in_forks(lambda state, p: [state, p, os.getpid()], "s", parts, 3, encode=plain, decode=plain,
                                weights=[1] * len(parts))
    assert [g[:2] for g in got] == [["s", p] for p in parts]
    assert pools == []
    if hasattr(os, "fork"):
        assert len(forks) == 2 and len({pid for _s, _p, pid in got}) == 3  # the work really ran in three processes
    # one job: every part here, no fork
    assert parallel.map_in_forks(lambda state, p: state + p, "s ", parts, 1, encode=plain, decode=plain,
                                 weights=[1] * len(parts)) == [
        "s " + p for p in parts]
    assert len(forks) <= 2


def test_what_a_forked_process_sends_is_decoded_by_the_caller_s_own_types(forks: list[int]) -> None:
    # JSON on the pipe: tuples come back as lists unless ``decode`` rebuilds them
    got = parallel.map_in_forks(lambda state, p: (p, state), "x", [1, 2, 3, 4], 2,
                                encode=list, decode=tuple, weights=[1, 1, 1, 1])
    assert got == [(1, "x"), (2, "x"), (3, "x"), (4, "x")]


def test_a_free_process_takes_the_next_part_so_the_last_finishes_soonest(forks: list[int]) -> None:
    if not hasattr(os, "fork"):
        pytest.skip("no fork here")
    # one part is slow (the heaviest: a forked process starts on it); while it runs, this
    # process takes every other part from the queue.  Shares fixed by weight beforehand
    # would have given the forked process half of the light parts too.
    def work(state: float, p: int) -> list[int]:
        if p == 0:
            time.sleep(state)
        return [p, os.getpid()]

    got = parallel.map_in_forks(work, 0.5, list(range(9)), 2, encode=plain, decode=plain, weights=[9] + [1] * 8)
    assert [p for p, _pid in got] == list(range(9))
    slow_pid = got[0][1]
    assert slow_pid != os.getpid() and all(pid == os.getpid() for _p, pid in got[1:])


def test_many_parts_go_through_the_queue_each_once(forks: list[int]) -> None:
    # more numbers than one write to the queue holds whole: written on as the others read
    parts = list(range(700))
    got = parallel.map_in_forks(lambda state, p: p * state, 2, parts, 2, encode=plain, decode=plain,
                                weights=[p % 7 for p in parts])
    assert got == [2 * p for p in parts]


def test_what_this_process_does_meanwhile_runs_here_once_and_changes_no_result(forks: list[int]) -> None:
    ran: list[int] = []
    parts = list(range(7))
    got = parallel.map_in_forks(lambda state, p: state * p, 3, parts, 2, encode=plain, decode=plain,
                                weights=[1] * len(parts), meanwhile=lambda: ran.append(os.getpid()))
    assert got == [3 * p for p in parts]
    if hasattr(os, "fork"):
        assert ran == [os.getpid()] and len(forks) == 1


def test_a_failure_in_a_forked_process_is_raised_here_and_no_process_is_left(forks: list[int]) -> None:
    if not hasattr(os, "fork"):
        pytest.skip("no fork here")

    def fail_on_part_1(state: int, p: int) -> int:
        if p == 1:
            raise ValueError(f"bad part {p}")
        return p

    with pytest.raises(RuntimeError, match="ValueError: bad part 1"):
        # the forked process starts on the heaviest, part 1
        parallel.map_in_forks(fail_on_part_1, 0, [0, 1, 2, 3], 2, encode=plain, decode=plain,
                              weights=[1, 3, 2, 2])
    assert forks
    for pid in forks:  # reaped: no zombie
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_the_seeds_aligned_in_two_processes_give_the_rows_of_one(
        seeds: tuple[Source, ...], topics: dict[str, Topic], monkeypatch: pytest.MonkeyPatch,
        pools: list[int | None]) -> None:
    statements = list(dict.fromkeys(m.statement for name in ("iran", "venezuela")
                                    for g in run_topic(seeds, get_topic(topics, name), topics).groups
                                    for m in g.members))
    one = aligned(statements)
    monkeypatch.setattr(align, "MIN_STATEMENTS_PER_JOB", 1)  # a pool even for a few hundred statements
    two = aligned(statements, jobs=2)
    assert pools == ([2] if parallel.can_fork() else [])
    assert two == one  # rows, references, scores, relations
    assert any(r.relation == "same" for r in one)


@pytest.mark.skipif(not BBC_POLITICS.is_dir(), reason=f"BBC News corpus not found at {BBC_POLITICS}")
def test_bbc_sentences_aligned_in_two_processes_give_the_rows_of_one(pools: list[int | None]) -> None:
    sources = load_sources(expand_paths([str(BBC_POLITICS)])[0]).sources
    cues = load_segment_cues()
    every = [st for s in sources for st in segment(s, cues).statements]
    sample = sorted(random.Random(2026).sample(every, min(3000, len(every))), key=lambda st: (st.source, st.start))
    one = aligned(sample)
    two = aligned(sample, jobs=2)
    assert pools == ([2] if parallel.can_fork() else [])
    assert two == one
    assert sum(len(r.members) > 1 for r in one) > 50


def test_groups_annotated_in_two_processes_are_the_groups_annotated_here(
        seeds: tuple[Source, ...], topics: dict[str, Topic], monkeypatch: pytest.MonkeyPatch,
        pools: list[int | None]) -> None:
    topic = get_topic(topics, "iran")
    groups = run_topic(seeds, topic, topics).groups
    plain = [g._replace(members=tuple(m._replace(annotation=m.annotation._replace(diff=())) for m in g.members),
                        flags=(), evidence=()) for g in groups]
    lexicon = make_plan(topic, topics).lexicon
    assert lexicon is not None
    rules = FlagRules(lexicon.modals, lexicon.quiet_labels, align.SAME, lexicon.reported, lexicon.stance)
    here = [annotate_groups.annotate_group(g, rules) for g in plain]
    monkeypatch.setattr(annotate_groups, "MIN_GROUPS_PER_JOB", 1)
    forked = annotate_groups.annotate_groups(plain, rules, jobs=2)
    assert pools == ([2] if parallel.can_fork() else [])
    assert forked == here
    assert any(g.flags for g in here) and any(m.annotation.diff for g in here for m in g.members)
