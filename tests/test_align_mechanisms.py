"""The aligner's mechanisms on real text: evidence for a pair, rows that grow with
the sources, blocking, the calibrated relation (align.py, segment.py)."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare_claims import align
from compare_claims.load import expand_paths, load_sources
from compare_claims.models import Source, Statement
from compare_claims.pipeline import Options, run, segment_all, select_all
from compare_claims.segment import segment
from compare_claims.topics import Topic, get_topic, load_topics

ECB_DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "ecb_dev"


def key(s: Statement) -> tuple[str, int, int]:
    return (s.source, s.start, s.end)


def find(seeds: tuple[Source, ...], phrase: str) -> Statement:
    src = next(s for s in seeds if phrase in s.text)
    start = src.text.index(phrase)
    return Statement(src.id, start, start + len(phrase), phrase)


# --- evidence ------------------------------------------------------------------------------------


def test_an_apposition_of_names_stays_with_its_sentence(seeds: tuple[Source, ...]) -> None:
    voa = next(s for s in seeds if s.id == "VOA")
    texts = [st.text for st in segment(voa).statements]
    assert not any(t.strip(" .–—-") == "Donald Trump and Vladimir Putin" for t in texts)
    assert any(t.endswith("Donald Trump and Vladimir Putin.") and len(t) > 60 for t in texts)


def test_a_fragment_made_only_of_names_aligns_with_nothing(seeds: tuple[Source, ...]) -> None:
    fragment = find(seeds, "Donald Trump and Vladimir Putin.")
    others = [
        find(seeds, "Presidents Trump and Putin spoke on the phone"),
        find(seeds, "telephone conversation between Trump and Putin"),
    ]
    assert len({s.source for s in [fragment, *others]}) == 3
    statements = [fragment, *others]
    for threshold in (1.0, 10.0, align.DEFAULT_THRESHOLD):
        rows = align.align(statements, threshold=threshold)
        assert (0,) in [r.members for r in rows], threshold


def test_one_common_word_is_not_evidence() -> None:
    a = Statement("A", 0, 30, "Mr. Stone has nothing to hide.")
    b = Statement("B", 0, 60, "The payments have nothing to do with the president.")
    assert [r.members for r in align.align([a, b], threshold=1.0)] == [(0,), (1,)]


def test_the_topic_words_alone_are_not_evidence() -> None:
    a = Statement("A", 0, 40, "Iran and the JCPOA were discussed.")
    b = Statement("B", 0, 40, "Iran rejects talks on the JCPOA.")
    topic = frozenset({"iran", "jcpoa"})
    rows = align.align([a, b], threshold=1.0, topic_stems=topic)
    assert sorted(r.members for r in rows) == [(0,), (1,)]


def test_the_same_meaning_in_other_words_counts() -> None:
    a = "A 6.1-magnitude quake hits the province, three people were killed"
    b = "A 6.1 magnitude earthquake struck the province, killing 3"
    assert align.similarity(a, b) >= 60.0


# --- rows that grow with the sources --------------------------------------------------------------


@pytest.fixture(scope="module")
def t37() -> tuple[tuple[Source, ...], list[Statement], list[align.Aligned]]:
    if not ECB_DEV.is_dir():
        pytest.skip("../shared/eval/ecb_dev not found")
    sources, _ = load_sources(expand_paths([str(ECB_DEV / "corpus" / "37")]))
    topics = load_topics(ECB_DEV / "topics" / "t37.toml")
    topic = get_topic(topics, "t37")
    selected = select_all(segment_all(sources, Options()), topic, topics)
    statements = [s.statement for s in selected]
    from compare_claims.topics import tokenize

    topic_stems = frozenset(t for kw in topic.keywords for t in tokenize(kw).stems)
    return sources, statements, align.align(statements, topic_stems=topic_stems)


def test_a_claim_told_by_every_outlet_is_one_row(
    t37: tuple[tuple[Source, ...], list[Statement], list[align.Aligned]],
) -> None:
    sources, statements, rows = t37
    # each outlet's headline saying that the quake hit: "6.1-magnitude quake strikes
    # Indonesia's Aceh", "... earthquake hits Indonesia's Aceh", "Magnitude - 6.1 quake hits ..."
    headlines = []
    for src in sources:
        hits = [i for i, s in enumerate(statements)
                if s.source == src.id and s.start < 120 and "quake" in s.text.lower()
                and any(v in s.text.lower() for v in ("hit", "strike", "struck"))]
        if hits:
            headlines.append(min(hits, key=lambda i: statements[i].start))
    assert len(headlines) >= 10
    row_of = {i: k for k, r in enumerate(rows) for i in r.members}
    assert len({row_of[i] for i in headlines}) == 1
    row = rows[row_of[headlines[0]]]
    assert len({statements[i].source for i in row.members}) >= 10
    assert row.relation in ("same", "related")


def test_rows_partition_the_statements(t37: tuple[tuple[Source, ...], list[Statement], list[align.Aligned]]) -> None:
    _sources, statements, rows = t37
    assert sorted(i for r in rows for i in r.members) == list(range(len(statements)))
    for r in rows:
        assert r.reference in r.members
        assert all(0.0 <= s <= 100.0 for s in r.member_scores)
        if len({statements[i].source for i in r.members}) == 1:
            assert r.score is None and r.relation is None
        else:
            assert r.score is not None and 0.0 <= r.score <= 100.0
            assert r.relation == align.relation_of(r.score)


# --- blocking, symmetry, order ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pool(seeds: tuple[Source, ...], topics: dict[str, Topic]) -> list[Statement]:
    segmented = segment_all(seeds, Options())
    out: list[Statement] = []
    for name in ("iran", "venezuela"):
        out.extend(s.statement for s in select_all(segmented, get_topic(topics, name), topics))
    return list(dict.fromkeys(out))


def partition(statements: list[Statement], **kw: object) -> set[frozenset[tuple[str, int, int]]]:
    rows = align.align(statements, **kw)  # type: ignore[arg-type]
    return {frozenset(key(statements[i]) for i in r.members) for r in rows}


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_blocking_gives_the_rows_of_the_exhaustive_search(pool: list[Statement], data: st.DataObject) -> None:
    subset = data.draw(st.lists(st.sampled_from(pool), min_size=2, max_size=40, unique=True), label="subset")
    threshold = data.draw(st.sampled_from([10.0, align.DEFAULT_THRESHOLD, 35.0]), label="threshold")
    assert partition(subset, threshold=threshold) == partition(subset, threshold=threshold, exhaustive=True)


def test_blocking_gives_the_rows_of_the_exhaustive_search_on_a_whole_topic(pool: list[Statement]) -> None:
    assert partition(pool) == partition(pool, exhaustive=True)


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_rows_and_relations_do_not_depend_on_input_order(pool: list[Statement], data: st.DataObject) -> None:
    subset = data.draw(st.lists(st.sampled_from(pool), min_size=2, max_size=40, unique=True), label="subset")
    shuffled = data.draw(st.permutations(subset), label="shuffled")

    def rows(statements: list[Statement]) -> set[tuple[frozenset[tuple[str, int, int]], str | None, float | None]]:
        return {(frozenset(key(statements[i]) for i in r.members), r.relation,
                 None if r.score is None else round(r.score, 6)) for r in align.align(statements)}

    assert rows(subset) == rows(shuffled)


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(range(200)), st.sampled_from(range(200)))
def test_pair_scores_are_symmetric_and_within_0_and_100(pool: list[Statement], i: int, j: int) -> None:
    a, b = pool[i % len(pool)], pool[j % len(pool)]
    feats, idf = align.featurize([a.text, b.text], [s.text for s in pool])
    for fn in align.SCORERS.values():
        s = fn(feats[0], feats[1], idf)
        assert 0.0 <= s <= 100.0
        assert s == fn(feats[1], feats[0], idf)
    ctx = align.Context(frozenset(), frozenset(), frozenset())
    assert align.evidence(feats[0], feats[1], ctx) == align.evidence(feats[1], feats[0], ctx)


def test_the_pipeline_writes_the_relation(seeds: tuple[Source, ...], topics: dict[str, Topic]) -> None:
    result = run(seeds, get_topic(topics, "iran"), topics, Options(annotate=False))
    for g in result.groups:
        d = g.to_dict()
        assert d["relation"] == (None if len(g.sources) == 1 else align.relation_of(g.score))
    assert any(g.relation == "same" for g in result.groups)
