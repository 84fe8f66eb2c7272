"""Keeping the statements that are about a topic (select.py), on the seed texts."""
from __future__ import annotations

from pathlib import Path

import pytest

from compare_claims.config import load_segment_cues, load_topics
from compare_claims.models import Statement
from compare_claims.pipeline import matchers_for
from compare_claims.segment import Segmented, segment
from compare_claims.select import Selected, select_with
from compare_claims.topics import Matcher, Topic, tokenize
from conftest import read, seed_paths

SEGMENT_CUES = load_segment_cues()


def select(statements: tuple[Statement, ...], topic: Topic, topics: dict[str, Topic]) -> list[Selected]:
    return select_with(statements, topic.name, matchers_for([*topics.values(), topic]))


TOPICS = ("venezuela", "iran", "new-start", "syria")


@pytest.fixture(scope="module")
def topics() -> dict[str, Topic]:
    return load_topics()


@pytest.fixture(scope="module")
def segmented() -> dict[str, Segmented]:
    return {s.id: segment(s, SEGMENT_CUES) for s in read(seed_paths())}


@pytest.fixture(scope="module")
def selected(segmented: dict[str, Segmented], topics: dict[str, Topic]) -> dict[tuple[str, str], list[Selected]]:
    return {
        (sid, name): select(seg.statements, topics[name], topics)
        for sid, seg in segmented.items()
        for name in TOPICS
    }


def find(stmts: tuple[Statement, ...], prefix: str) -> Statement:
    hits = [s for s in stmts if s.text.startswith(prefix)]
    assert len(hits) == 1, prefix
    return hits[0]


def via_of(sel: list[Selected], st: Statement) -> str | None:
    return next((s.via for s in sel if s.statement == st), None)


def named(topics: dict[str, Topic], text: str) -> set[str]:
    tok = tokenize(text)
    return {n for n, t in topics.items() if Matcher.build(t.keywords).matches(tok)}


# --- via heading -------------------------------------------------------------------------------------


def test_on_syria_bullet_is_selected_via_its_heading(
    segmented: dict[str, Segmented], selected: dict[tuple[str, str], list[Selected]]
) -> None:
    st = find(segmented["Sputnik"].statements, "and he thinks both counterparts can now mutually begin")
    assert "Syria" not in st.text
    assert via_of(selected[("Sputnik", "syria")], st) == "heading"
    assert via_of(selected[("Sputnik", "iran")], st) is None


def test_on_iran_section_is_selected_for_iran_only(
    segmented: dict[str, Segmented], selected: dict[tuple[str, str], list[Selected]]
) -> None:
    in_iran = [s for s in segmented["Sputnik"].statements if s.heading == "On Iran"]
    assert in_iran
    chosen = {s.statement for s in selected[("Sputnik", "iran")]}
    assert set(in_iran) <= chosen
    assert not set(in_iran) & {s.statement for s in selected[("Sputnik", "syria")]}


def test_every_on_syria_bullet_is_selected_for_syria(
    segmented: dict[str, Segmented], selected: dict[tuple[str, str], list[Selected]]
) -> None:
    bullets = [s for s in segmented["Sputnik"].statements if s.heading == "On Syria"]
    assert len(bullets) >= 5
    assert set(bullets) <= {s.statement for s in selected[("Sputnik", "syria")]}


# --- via question --------------------------------------------------------------------------------------


def test_transcript_answer_inherits_the_questions_topic(
    segmented: dict[str, Segmented], selected: dict[tuple[str, str], list[Selected]]
) -> None:
    stmts = segmented["MID"].statements
    sel = selected[("MID", "iran")]
    first = find(stmts, "Regarding the developments around Iran")
    assert via_of(sel, first) == "named"
    later = [s for s in stmts if s.paragraph == first.paragraph and s.start > first.start]
    assert later
    for st in later:
        assert "Iran" not in st.text and "JCPOA" not in st.text
        assert via_of(sel, st) == "question", st.text
    assert find(stmts, "We discussed this today, and Mike Pompeo said") in later


def test_question_context_does_not_reach_the_next_answer_paragraph(
    segmented: dict[str, Segmented], selected: dict[tuple[str, str], list[Selected]]
) -> None:
    stmts = segmented["MID"].statements
    st = find(stmts, "As for the question that you asked US Secretary of State on the allegations")
    assert via_of(selected[("MID", "iran")], st) is None


def test_every_answer_statement_naming_no_topic_inherits_its_questions_topic(
    segmented: dict[str, Segmented], selected: dict[tuple[str, str], list[Selected]], topics: dict[str, Topic]
) -> None:
    checked = 0
    for st in segmented["MID"].statements:
        if not st.question or named(topics, st.text):
            continue
        for name in named(topics, st.question) & set(TOPICS):
            assert via_of(selected[("MID", name)], st) == "question", (name, st.text)
            checked += 1
    assert checked >= 3


# --- via paragraph ---------------------------------------------------------------------------------


def test_sentence_in_a_one_topic_paragraph_is_selected_via_paragraph(
    segmented: dict[str, Segmented], selected: dict[tuple[str, str], list[Selected]]
) -> None:
    st = find(segmented["MID"].statements, "I felt that the US side is also committed")
    assert via_of(selected[("MID", "iran")], st) == "paragraph"
    st = find(segmented["VOA"].statements, "and I felt that the American side is also determined")
    assert via_of(selected[("VOA", "iran")], st) == "paragraph"


# --- context never overrides another named topic ------------------------------------------------------


def test_sentence_naming_only_another_topic_is_not_selected_by_context(topics: dict[str, Topic]) -> None:
    stmts = (
        Statement("x", 0, 30, "Lavrov also discussed Syria.", paragraph=0, heading="On Iran"),
        Statement("x", 31, 70, "Russia supports Maduro in Caracas.", paragraph=0, heading="On Iran",
                  question="What about Iran?", speaker_hint="Sergey Lavrov"),
        Statement("x", 71, 100, "The talks were frank.", paragraph=0, heading="On Iran"),
        Statement("x", 101, 140, "We discussed Tehran and Damascus.", paragraph=1, heading="On Iran"),
        Statement("x", 141, 170, "This is a challenging situation.", paragraph=1),
    )
    chosen = {s.statement.start: s.via for s in select(stmts, topics["iran"], topics)}
    assert chosen == {71: "heading", 101: "named"}
    # paragraph context needs a paragraph about this topic alone
    assert 141 not in chosen


def test_on_the_seeds_context_never_selects_a_sentence_naming_another_topic(
    selected: dict[tuple[str, str], list[Selected]], topics: dict[str, Topic]
) -> None:
    checked = 0
    for (_sid, name), sel in selected.items():
        for s in sel:
            own = named(topics, s.statement.text)
            if s.via == "named":
                assert name in own
            else:
                assert own == set(), (name, s.via, s.statement.text)
                checked += 1
    assert checked > 20


def test_selection_keeps_text_order_and_is_a_subset(
    segmented: dict[str, Segmented], selected: dict[tuple[str, str], list[Selected]]
) -> None:
    for (sid, _name), sel in selected.items():
        order = {st: i for i, st in enumerate(segmented[sid].statements)}
        idx = [order[s.statement] for s in sel]
        assert idx == sorted(set(idx))
        assert all(s.via in {"named", "heading", "question", "paragraph"} for s in sel)


def test_every_topic_is_found_in_several_sources(selected: dict[tuple[str, str], list[Selected]]) -> None:
    for name in TOPICS:
        sources = {sid for (sid, n), sel in selected.items() if n == name and sel}
        assert len(sources) >= 2, (name, sources)


def test_lower_case_new_start_is_not_the_treaty(topics: dict[str, Topic]) -> None:
    stmts = (Statement("x", 0, 40, "Both sides want a new start in relations.", paragraph=0),
             Statement("x", 41, 80, "Both sides want to extend New START.", paragraph=1))
    chosen = [s.statement.start for s in select(stmts, topics["new-start"], topics)]
    assert chosen == [41]


# --- user keywords: what the matcher matches, select keeps ------------------------------------------


def seed_vocabulary() -> list[str]:
    from compare_claims.textnorm import WORD_RE

    words: set[str] = set()
    for p in seed_paths():
        words.update(w for w in WORD_RE.findall(Path(p).read_text(encoding="utf-8")) if w.isalpha() and w.islower())
    return sorted(words)


def kept(keyword: str, text: str) -> bool:
    topic = Topic("k", "k", (keyword,))
    st = Statement("x", 0, len(text), text)
    return bool(select((st,), topic, {"k": topic}))


@pytest.mark.parametrize(
    ("keyword", "text"),
    [
        ("Iran", "Iranian and Iran's diplomats met."),
        ("sanction", "New sanctions were imposed."),
        ("ally", "Russia will not ally with the United States."),
        ("ally", "The allies met."),
        ("rumour", "The rumours have no basis."),
        ("trade", "Trump is trading barbs with Beijing."),
        ("vote", "They were voting on it."),
        ("hope", "Some in Moscow may be hoping for a deal."),
        ("try", "We will try again."),
    ],
)
def test_user_keyword_selects_its_inflections(keyword: str, text: str) -> None:
    assert Matcher.build((keyword,)).matches(tokenize(text))
    assert kept(keyword, text)


def test_every_seed_word_as_a_keyword_selects_itself_and_its_inflections() -> None:
    by_stem: dict[str, set[str]] = {}
    for w in seed_vocabulary():
        by_stem.setdefault(tokenize(w).stems[0], set()).add(w)
    missed = []
    for words in by_stem.values():
        for keyword in sorted(words):
            for w in sorted(words):
                if not kept(keyword, f"They said {w} today."):
                    missed.append((keyword, w))
    assert missed == []
