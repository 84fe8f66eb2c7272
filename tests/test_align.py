"""Aligning statements that tell the same claim across sources (align.py)."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare_claims import align
from compare_claims.models import Result, Source, Statement
from compare_claims.pipeline import Options
from conftest import run_topic
from compare_claims.textnorm import content_words
from compare_claims.topics import Topic, get_topic



@pytest.fixture(scope="module")
def iran(seeds: tuple[Source, ...], topics: dict[str, Topic]) -> Result:
    return run_topic(seeds, get_topic(topics, "iran"), topics, Options())


def group_of(result: Result, source: str, prefix: str) -> int:
    hits = [i for i, g in enumerate(result.groups) for m in g.members
            if m.statement.source == source and m.statement.text.startswith(prefix)]
    assert len(hits) == 1, (source, prefix, hits)
    return hits[0]


def key(s: Statement) -> tuple[str, int, int]:
    return (s.source, s.start, s.end)


# --- on the seeds ----------------------------------------------------------------------------------


def test_two_renderings_of_the_same_remark_land_in_one_group(iran: Result) -> None:
    voa = group_of(iran, "VOA", "and I felt that the American side is also determined")
    mid = group_of(iran, "MID", "I felt that the US side is also committed")
    assert voa == mid
    g = iran.groups[voa]
    assert set(g.sources) == {"VOA", "MID"}
    assert g.score is not None and align.DEFAULT_THRESHOLD * align.DEFAULT_LINK <= g.score <= 100.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("VOA", "because the region is already overstrained by various conflict situations"),
         ("MID", "After all, there is already too much tension in the region")),
        (("VOA", "if they are targeted by American interests"),
         ("Sputnik", "but\u00a0if American interests are attacked by\u00a0Iran")),
    ],
)
def test_other_cross_source_pairs_on_iran_align(iran: Result, a: tuple[str, str], b: tuple[str, str]) -> None:
    assert group_of(iran, *a) == group_of(iran, *b)


def test_groups_never_join_statements_that_share_only_stopwords(iran: Result) -> None:
    for g in iran.groups:
        for i, x in enumerate(g.members):
            for y in g.members[i + 1:]:
                if x.statement.source == y.statement.source:
                    continue
                (fx, fy), _ = align.featurize([x.statement.text, y.statement.text])
                assert fx.bag & fy.bag, (x.statement.text, y.statement.text)


STOPWORD_ONLY = [
    ("A", "It was not there for them, but they would have been."),
    ("B", "They were there, and it was all for us, was it not?"),
    ("C", "Why would they have been there at all?"),
]


def stopword_statements() -> list[Statement]:
    out = []
    for src, text in STOPWORD_ONLY:
        assert content_words(text) == []
        out.append(Statement(src, 0, len(text), text))
    return out


@pytest.mark.parametrize("scorer", sorted(align.SCORERS))
@pytest.mark.parametrize("threshold", [1.0, 10.0, align.DEFAULT_THRESHOLD])
def test_statements_with_only_stopwords_are_never_merged(scorer: str, threshold: float) -> None:
    groups = align.align(stopword_statements(), scorer=scorer, threshold=threshold)
    assert sorted(g.members for g in groups) == [(0,), (1,), (2,)]




@pytest.mark.parametrize(
    "scorer",
    [name
     for name in sorted(align.SCORERS)],
)
def test_stopword_only_statements_are_not_merged_even_at_threshold_zero(scorer: str) -> None:
    groups = align.align(stopword_statements(), scorer=scorer, threshold=0.0)
    assert sorted(g.members for g in groups) == [(0,), (1,), (2,)]


@pytest.mark.parametrize("scorer", ["weighted", "idf"])
def test_threshold_zero_does_not_crash(scorer: str) -> None:
    statements = [Statement("A", 0, 15, "sanctions talks"), Statement("B", 0, 9, "sanctions"),
                  Statement("C", 0, 5, "talks")]
    groups = align.align(statements, scorer=scorer, threshold=0.0)
    assert sorted(i for g in groups for i in g.members) == [0, 1, 2]


def test_every_selected_statement_is_in_exactly_one_group(
    seeds: tuple[Source, ...], topics: dict[str, Topic], iran: Result
) -> None:
    for name in ("iran", "syria", "venezuela", "new-start"):
        topic = get_topic(topics, name)
        result = iran if name == "iran" else run_topic(seeds, topic, topics, Options())
        selected = Counter(key(s.statement) for s in select_all(segment_all(seeds, Options()), topic, topics))
        grouped = Counter(key(m.statement) for g in result.groups for m in g.members)
        assert grouped == selected, name
        assert all(n == 1 for n in grouped.values())


def test_group_scores_and_references(iran: Result) -> None:
    assert any(len(g.sources) >= 2 for g in iran.groups)
    for g in iran.groups:
        refs = [m for m in g.members if m.reference]
        assert len(refs) == 1
        assert refs[0].score == 100.0
        assert all(0.0 <= m.score <= 100.0 for m in g.members)
        if len(g.sources) == 1:
            assert g.score is None
        else:
            assert g.score is not None and 0.0 <= g.score <= 100.0


# --- the matching core -----------------------------------------------------------------------------


WORDS = st.sampled_from(
    "Iran Iranian Iran's Tehran JCPOA the a of and US U.S. American United States Russia Russian Lavrov "
    "Pompeo said told stressed war war-like sanctions sanction 120,000 120000 troops rumours rumors found "
    "felt finding \u201cquoted\u201d \u00a0 - \u2013 . , ? : not no never it's we they I".split()
)
TEXTS = st.one_of(
    st.lists(WORDS, max_size=20).map(" ".join),
    st.text(max_size=80),
    st.text(alphabet=st.characters(categories=["L", "N", "Zs", "P"]), max_size=80),
)


@settings(max_examples=100, deadline=None)
@given(TEXTS, TEXTS, st.sampled_from(sorted(align.SCORERS)))
def test_scores_are_within_0_and_100_and_symmetric(a: str, b: str, scorer: str) -> None:
    ab = align.similarity(a, b, scorer=scorer)
    ba = align.similarity(b, a, scorer=scorer)
    assert 0.0 <= ab <= 100.0
    assert ab == ba


@settings(max_examples=50, deadline=None)
@given(TEXTS, TEXTS, st.lists(TEXTS, max_size=5))
def test_scorers_are_symmetric_on_shared_features(a: str, b: str, context: list[str]) -> None:
    feats, idf = align.featurize([a, b], context)
    for name, fn in align.SCORERS.items():
        s = fn(feats[0], feats[1], idf)
        assert 0.0 <= s <= 100.0, name
        assert s == fn(feats[1], feats[0], idf), name


@settings(max_examples=100, deadline=None)
@given(TEXTS, st.sampled_from(sorted(align.SCORERS)))
def test_a_text_is_fully_similar_to_itself(a: str, scorer: str) -> None:
    if content_words(a):
        assert align.similarity(a, a, scorer=scorer) == pytest.approx(100.0, abs=1e-9)
    else:
        assert align.similarity(a, a, scorer=scorer) == 0.0


@pytest.mark.parametrize("text", ["Iran", "Iran talks", "Lavrov said Iran"])
def test_identical_texts_score_exactly_100_with_every_scorer(text: str) -> None:
    assert {name: align.similarity(text, text, scorer=name) for name in align.SCORERS} == dict.fromkeys(
        align.SCORERS, 100.0
    )


@pytest.mark.parametrize("scorer", sorted(align.SCORERS))
def test_identical_statements_align_at_threshold_100(scorer: str) -> None:
    text = "Lavrov said Iran must not be attacked."
    statements = [Statement("A", 0, len(text), text), Statement("B", 5, 5 + len(text), text)]
    assert [g.members for g in align.align(statements, scorer=scorer, threshold=100.0)] == [(0, 1)]


def test_similarity_examples() -> None:
    a = "I felt that the American side is also determined to search for a political solution"
    b = "I felt that the US side is also committed to finding a political solution."
    c = "A lion's share of attacks against Russia's online resources originates on US territory."
    assert align.similarity(a, b) > align.similarity(a, c)
    assert align.similarity(a, b) >= align.DEFAULT_THRESHOLD
    assert align.similarity("Rumours about 120,000 troops", "rumors about 120000 troops") == pytest.approx(100.0)


# --- order independence ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pool(seeds: tuple[Source, ...], topics: dict[str, Topic]) -> list[Statement]:
    segmented = segment_all(seeds, Options())
    out: list[Statement] = []
    for name in ("iran", "syria"):
        out.extend(s.statement for s in select_all(segmented, get_topic(topics, name), topics))
    unique = list(dict.fromkeys(out))
    assert len({s.source for s in unique}) >= 4
    return unique


def partition(statements: list[Statement], **kw: float | str) -> set[frozenset[tuple[str, int, int]]]:
    groups = align.align(statements, **kw)  # type: ignore[arg-type,unused-ignore]
    return {frozenset(key(statements[i]) for i in g.members) for g in groups}


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_alignment_does_not_depend_on_input_order(pool: list[Statement], data: st.DataObject) -> None:
    subset = data.draw(st.lists(st.sampled_from(pool), min_size=2, max_size=40, unique=True), label="subset")
    shuffled = data.draw(st.permutations(subset), label="shuffled")
    scorer = data.draw(st.sampled_from(sorted(align.SCORERS)), label="scorer")
    threshold = data.draw(st.sampled_from([20.0, align.DEFAULT_THRESHOLD, 50.0]), label="threshold")
    a = partition(subset, scorer=scorer, threshold=threshold)
    b = partition(shuffled, scorer=scorer, threshold=threshold)
    assert a == b
    assert sorted(k for g in a for k in g) == sorted(key(s) for s in subset)


@settings(max_examples=10, deadline=None)
@given(st.data())
def test_full_iran_and_syria_selection_does_not_depend_on_order(pool: list[Statement], data: st.DataObject) -> None:
    shuffled = data.draw(st.permutations(pool))
    assert partition(pool) == partition(shuffled)


def test_reference_does_not_depend_on_input_order(pool: list[Statement]) -> None:
    def refs(statements: list[Statement]) -> set[tuple[str, int, int]]:
        return {key(statements[g.reference]) for g in align.align(statements)}

    assert refs(pool) == refs(list(reversed(pool)))


def test_groups_are_sets_of_sources_sentences(pool: list[Statement]) -> None:
    for g in align.align(pool):
        assert g.reference in g.members
        assert len(g.member_scores) == len(g.members)
        assert len(set(g.members)) == len(g.members)
        for i in g.members:
            assert re.search(r"\w", pool[i].text)
