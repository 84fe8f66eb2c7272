"""The core without I/O (pipeline.py): determinism and the documented order of groups and members."""
from __future__ import annotations


import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hst

from compare_claims import align
from compare_claims.config import load_topics
from compare_claims.models import Group, Result, Source
from compare_claims.pipeline import Options
from compare_claims.topics import Topic, get_topic
from conftest import read, run_topic, seed_paths
TOPICS = ("iran", "syria", "venezuela", "new-start")


@pytest.fixture(scope="module")
def results(seeds: tuple[Source, ...], topics: dict[str, Topic]) -> dict[str, Result]:
    return {name: run_topic(seeds, get_topic(topics, name), topics, Options()) for name in TOPICS}


def first_appearance(g: Group, rank: dict[str, int]) -> tuple[int, int]:
    return min((rank[m.statement.source], m.statement.start) for m in g.members)


# --- determinism -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", TOPICS)
def test_two_runs_give_equal_results(
    seeds: tuple[Source, ...], topics: dict[str, Topic], results: dict[str, Result], name: str
) -> None:
    again = run_topic(seeds, get_topic(topics, name), topics, Options())
    assert again == results[name]
    assert again.to_dict() == results[name].to_dict()


def test_argument_order_of_files_does_not_change_the_result(
    topics: dict[str, Topic], results: dict[str, Result]
) -> None:
    sources = read(sorted(seed_paths(), reverse=True))
    assert run_topic(sources, get_topic(topics, "iran"), topics, Options()) == results["iran"]


def test_result_describes_topic_sources_and_settings(seeds: tuple[Source, ...], results: dict[str, Result]) -> None:
    r = results["iran"]
    assert r.topic == "iran" and r.topic_label.startswith("Iran")
    assert r.sources == seeds
    settings = dict(r.settings)
    assert settings == {"scorer": align.DEFAULT_SCORER, "threshold": align.DEFAULT_THRESHOLD}
    skipped = {(sid, reason): n for sid, reason, n in r.skipped}
    assert skipped[("VOA", "exact repeat")] == 2
    assert all(n > 0 for n in skipped.values())


# --- order of groups and members ---------------------------------------------------------------------


@pytest.mark.parametrize("name", TOPICS)
def test_groups_are_ordered_by_number_of_sources_then_first_appearance(
    seeds: tuple[Source, ...], results: dict[str, Result], name: str
) -> None:
    rank = {s.id: i for i, s in enumerate(seeds)}
    groups = results[name].groups
    assert groups, name
    keys = [(-len(g.sources), *first_appearance(g, rank)) for g in groups]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)  # no ties: statements never overlap
    assert [g.id for g in groups] == [f"g{i}" for i in range(1, len(groups) + 1)]


@pytest.mark.parametrize("name", TOPICS)
def test_members_come_in_source_order_then_offset(
    seeds: tuple[Source, ...], results: dict[str, Result], name: str
) -> None:
    rank = {s.id: i for i, s in enumerate(seeds)}
    for g in results[name].groups:
        order = [(rank[m.statement.source], m.statement.start) for m in g.members]
        assert order == sorted(order), g.id
        assert len(set(order)) == len(order)


def test_threshold_zero_runs_on_the_seeds(seeds: tuple[Source, ...], topics: dict[str, Topic]) -> None:
    r = run_topic(seeds, get_topic(topics, "iran"), topics, Options(threshold=0.0))
    assert r.groups


def test_iran_has_cross_source_groups_first(results: dict[str, Result]) -> None:
    groups = results["iran"].groups
    multi = [g for g in groups if len(g.sources) > 1]
    assert len(multi) >= 3
    assert groups[: len(multi)] == tuple(multi)
    assert all(g.score is not None for g in multi)
    assert all(g.score is None for g in groups[len(multi):])


def test_group_sources_are_a_sorted_set_of_member_sources(results: dict[str, Result]) -> None:
    for r in results.values():
        for g in r.groups:
            assert g.sources == tuple(sorted({m.statement.source for m in g.members}))


def test_members_say_why_they_are_on_topic(results: dict[str, Result]) -> None:
    vias = {m.via for g in results["iran"].groups for m in g.members}
    assert {"named", "question", "paragraph"} <= vias
    assert vias <= {"named", "heading", "question", "paragraph", "continues"}
    assert "heading" in {m.via for g in results["syria"].groups for m in g.members}


def test_statements_in_the_result_slice_back_into_their_sources(
    seeds: tuple[Source, ...], results: dict[str, Result]
) -> None:
    text = {s.id: s.text for s in seeds}
    for r in results.values():
        for g in r.groups:
            for m in g.members:
                st = m.statement
                assert text[st.source][st.start:st.end] == st.text



# --- any input: the whole pipeline keeps exact offsets and renders every format ---------------

_PIECES = hst.sampled_from(
    list("abcdefg .,;:–—-“”\"'!?\n\u00a0•0123456789$%()[]")
    + ["Iran ", "Tehran ", "said ", "not ", "May 3 ", "120,000 ", "ninety-minute ", "regime ", "hope "]
)
_TEXTS = hst.lists(_PIECES, min_size=1, max_size=60).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(hst.lists(_TEXTS, min_size=1, max_size=4))
def test_any_texts_keep_exact_offsets_and_render_in_every_format(texts: list[str]) -> None:
    import io

    from compare_claims.environment import Environment
    from compare_claims.render import Format, render

    sources = tuple(Source(id=f"s{i}", file=f"s{i}.txt", text=t) for i, t in enumerate(texts))
    all_topics = load_topics()
    result = run_topic(sources, all_topics["iran"], all_topics, Options())
    for g in result.groups:
        for m in g.members:
            st = m.statement
            text = sources[int(st.source[1:])].text
            assert text[st.start:st.end] == st.text
            ann = m.annotation
            for span in (*ann.diff, *ann.numbers, *ann.hedges, *ann.certainty, *ann.labels, *ann.negations):
                assert text[span.start:span.end] == span.text
    stdout = io.StringIO()
    env = Environment(stdout, io.StringIO(), False, False, 80, False, "")
    for fmt in Format:
        out = render(result, fmt, env)
        assert isinstance(out, str)
        assert out.endswith("\n") or not result.groups, fmt
    assert stdout.getvalue() == ""  # render returns the text; writing it is the caller's


def _row_of(word: str, texts: dict[str, str], topics: dict[str, Topic]) -> tuple[set[str], str]:
    """The sources and relation of the row holding the statement that says
    ``word``, every statement aligned (`compare`)."""
    from compare_claims.topics import ALL_STATEMENTS

    sources = tuple(Source(id=k, file=f"{k}.txt", text=t) for k, t in sorted(texts.items()))
    result = run_topic(sources, ALL_STATEMENTS, topics)
    return next((set(g.sources), g.relation) for g in result.groups if any(word in m.statement.text for m in g.members))


def test_a_fact_on_two_peoples_word_is_one_claim_and_two_quotations_are_two(topics: dict[str, Topic]) -> None:
    # background first, so that the pair is no lead pair (LEAD_FACTOR); different in each source
    reported = {
        "a": "The bank was closed on Monday.\n\nThe weather was mild.\n\n"
             "The attorney general must release the full report to the American people, Warren wrote.\n",
        "b": "Markets fell in Asia.\n\nA storm hit the coast.\n\n"
             "Sanders said the full report must be released so the American people can judge for themselves.\n",
    }
    # reported speech: the same claim told on two people's word (the speaker flag shows who)
    assert _row_of("Warren", reported, topics) == ({"a", "b"}, "same")
    quoted = {
        "a": reported["a"].replace("The attorney", "“The attorney").replace("people, Warren", "people,” Warren"),
        "b": reported["b"].replace("Sanders said the full", "“The full").replace("themselves.", "themselves,” Sanders said."),
    }
    # their own words: two people saying alike things are two claims; a row of two
    # sources under the "same" score that gives its claim to two people falls apart
    # (read by eye over reads 18-22: 6 such rows, all judged two claims)
    assert _row_of("Warren", quoted, topics) == ({"a"}, "")


def test_two_outlets_narration_alike_in_part_is_no_row(seeds: tuple[Source, ...], results: dict[str, Result],
                                                        topics: dict[str, Topic]) -> None:
    from compare_claims.annotate import direct_speech

    # two sentences of BASIL outlets, each in prose of its own (background first: no lead pair)
    told = {
        "a": "The bank was closed on Monday.\n\nThe weather was mild.\n\n"
             "Indiana’s new law contains no reference to sexual orientation.\n",
        "b": "Markets fell in Asia.\n\nA storm hit the coast.\n\n"
             "In many of the states with similar laws, including Illinois, sexual orientation is a protected "
             "class under state law.\n",
    }
    # alike under the calibrated score, one pair of texts, nobody's words: two rows
    assert _row_of("Indiana", told, topics) == ({"a"}, "")
    # words reported in the outlet's own prose are the outlet's: two rows still
    reported = dict(told, b=told["b"].replace("In many of the states", "Critics also note that in many of the states"))
    assert _row_of("Indiana", reported, topics) == ({"a"}, "")
    # ... unless one tells all the other tells, within a longer sentence (read 20)
    within = {
        "a": "The bank was closed on Monday.\n\nThe weather was mild.\n\n"
             "Gowdy set a May 1 deadline for the interview.\n",
        "b": "Markets fell in Asia.\n\nA storm hit the coast.\n\n"
             "The South Carolina Republican set a deadline of May 1 for the interview and restated the committee "
             "is interested only in the deleted emails relating to Clinton's response as secretary of state to the "
             "2012 terror attacks on a U.S. outpost in Benghazi, Libya, that killed four Americans.\n",
    }
    assert _row_of("Gowdy", within, topics)[0] == {"a", "b"}
    # someone's own words beside another source's account stay side by side, as related
    # (Lavrov's remarks on the JCPOA withdrawal, VOA's report of the US view)
    jcpoa = next(g for g in results["iran"].groups if any("withdraw from the JCPOA" in m.statement.text for m in g.members))
    assert set(jcpoa.sources) == {"VOA", "MID"} and jcpoa.relation == "related"
    # every related row holds three sources, or a speaker's own words given to one person,
    # in every claim member or in a transcript's turn
    from compare_claims.divergence import speaker_key

    texts = {s.id: s.text for s in seeds}
    for r in results.values():
        for g in r.groups:
            if g.relation == "related" and len(g.sources) < align.RELATED_SOURCES:
                claim = [m for m in g.members if m.role == "claim"]
                own = [bool(m.annotation.speaker) and direct_speech(m.statement, texts[m.statement.source]) for m in claim]
                assert all(own) or any(o and m.statement.speaker_hint not in ("", "Question") for o, m in zip(own, claim))
                assert len({k for m in claim if (k := speaker_key(m.annotation.speaker))}) <= 1


def test_a_claim_told_in_two_statements_of_a_source_has_both_as_claim_members(topics: dict[str, Topic]) -> None:
    from compare_claims.topics import ALL_STATEMENTS

    # one source in one sentence, another in two (read 20: the release was left "related")
    texts = {
        "a": "Markets fell in Asia.\n\nA storm hit the coast.\n\n"
             "The president's tweet comes after the State Department, in a Friday news dump, released a batch of "
             "emails from Abedin's account that were discovered by the FBI on a laptop belonging to her estranged "
             "husband, Anthony Weiner.\n",
        "b": "The bank was closed on Monday.\n\nThe weather was mild.\n\n"
             "On Friday, the State Department released about 3,000 of Ms. Abedin's work-related emails. The emails "
             "were found on the laptop of Ms. Abedin's now estranged husband, Anthony D. Weiner, and were released "
             "as part of a public records request.\n",
    }
    sources = tuple(Source(id=k, file=f"{k}.txt", text=t) for k, t in sorted(texts.items()))
    row = next(g for g in run_topic(sources, ALL_STATEMENTS, topics).groups if "a" in g.sources and "b" in g.sources)
    told = {m.statement.text.split()[0] for m in row.members if m.role == "claim" and m.statement.source == "b"}
    assert told == {"On", "The"}


def test_a_row_holding_titles_and_leads_tells_its_claim_by_the_leads(topics: dict[str, Topic]) -> None:
    from compare_claims.topics import ALL_STATEMENTS

    # the titles are alike word for word, the leads tell the same claim in other words
    a = ("Senate Overrides Veto Of Harbour Bill\n\n"
         "The state Senate voted 70 to 28 on Wednesday to override the governor's veto of the harbour bill.\n\n"
         "The bill funds a new deep-water berth and two cranes.\n")
    b = ("Senate overrides veto of harbour bill\n\n"
         "Lawmakers in the upper chamber overrode Governor Hale's veto of the harbour bill on Wednesday, 70 votes to 28.\n\n"
         "Fishermen had opposed the berth for a decade.\n")
    result = run_topic((Source(id="a", file="a.txt", text=a), Source(id="b", file="b.txt", text=b)), ALL_STATEMENTS, topics)
    row = next(g for g in result.groups if len(g.members) == 4)
    # the titles sum the leads up; the leads tell the claim, the titles stay in the row as related
    assert [(m.statement.source, m.statement.paragraph, m.role) for m in row.members] == [
        ("a", 0, "related"), ("a", 1, "claim"), ("b", 0, "related"), ("b", 1, "claim")]


def test_two_reports_quoting_one_utterance_tell_one_claim_however_their_prose_differs(topics: dict[str, Topic]) -> None:
    quoted = {
        "a": "The bank was closed on Monday.\n\nThe weather was mild.\n\n"
             "“When you open your heart to this harbour, there is no room for fear in this town,” the mayor told the crowd.\n",
        "b": "Markets fell in Asia.\n\nA storm hit the coast.\n\n"
             "Responding on Tuesday to charges from the opposition that he had neglected the fishermen and the "
             "dockers of the eastern quay, Mayor Jo Hart said, “There is no room for fear in this town.”\n",
    }
    # the prose around the quotation scores under the calibrated 30; the words quoted are one utterance
    assert _row_of("harbour", quoted, topics) == ({"a", "b"}, "same")
    # a set phrase of five words inside two longer quotations is no utterance ("from hope to higher ground")
    phrase = {k: v.replace("there is no room for fear in this town", "no room for fear here")
              .replace("There is no room for fear in this town", "No room for fear here, and no more talk of closing the quay")
              for k, v in quoted.items()}
    assert _row_of("harbour", phrase, topics)[1] != "same"


def test_two_leads_are_the_same_claim_only_by_their_words_not_their_weight() -> None:
    """Two leads' pairs weigh LEAD_FACTOR more to build rows (leads tell the
    event), but a row is "same" only when the words show one claim."""
    from compare_claims.models import Annotation, Member, Statement
    from compare_claims.pipeline import _claim_and_related

    a = "Lawmakers on Tuesday passed the budget after a long night of talks."
    b = "The budget passed on Tuesday, lawmakers said after the vote."

    def row(paragraph: int) -> list[Member]:
        ref = Member(Statement("A", 0, len(a), a, paragraph=0), 100.0, Annotation(), reference=True)
        other = Member(Statement("B", 0, len(b), b, paragraph=paragraph), align.SAME + 5, Annotation())
        return [ref, other]

    assert _claim_and_related(row(5), align.DEFAULT_THRESHOLD, "same")[1] == "same"
    # the same score between two leads is the lead weight's: under SAME by the words
    assert (align.SAME + 5) / align.LEAD_FACTOR < align.SAME
    assert _claim_and_related(row(1), align.DEFAULT_THRESHOLD, "same")[1] == "related"
