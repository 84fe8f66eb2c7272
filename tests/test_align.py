"""The aligner's mechanisms on real text: evidence for a pair, rows that grow with
the sources, blocking, the calibrated relation (align.py, segment.py)."""
from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare_claims import align
from compare_claims.config import load_topics, load_vocabulary
from compare_claims.models import Source, Statement
from compare_claims.pipeline import Options
from compare_claims.segment import segment
from compare_claims.textnorm import STOPWORDS, content_stems
from compare_claims.topics import Topic, get_topic
from conftest import read, run_topic

ECB_DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "ecb_dev"
ECB_SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "ecbplus_sample"
VOCABULARY = load_vocabulary()


def key(s: Statement) -> tuple[str, int, int]:
    return (s.source, s.start, s.end)


def find(seeds: tuple[Source, ...], phrase: str) -> Statement:
    src = next(s for s in seeds if phrase in s.text)
    start = src.text.index(phrase)
    return Statement(src.id, start, start + len(phrase), phrase)


def align_statements(statements: list[Statement], **kw: Any) -> list[align.Aligned]:
    """The aligner as the pipeline calls it, weighing words among these statements."""
    stems = [content_stems(s.text, VOCABULARY) for s in statements]
    df = Counter(t for ws in stems for t in set(ws))
    names = align.names(align.case_counts([s.text for s in statements]), VOCABULARY)
    return align.align(statements, stems=stems, document_frequency=df, documents=len(statements), names=names, **kw)


def score(a: str, b: str, context: list[str] = []) -> float:
    stems = [content_stems(t, VOCABULARY) for t in [a, b, *context]]
    feats, idf = align.featurize(stems)
    return align.SCORERS[align.DEFAULT_SCORER](feats[0], feats[1], idf)


# --- evidence ------------------------------------------------------------------------------------


def test_an_apposition_of_names_stays_with_its_sentence(seeds: tuple[Source, ...], segment_cues: Any) -> None:
    voa = next(s for s in seeds if s.id == "VOA")
    texts = [st.text for st in segment(voa, segment_cues).statements]
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
        rows = align_statements(statements, threshold=threshold)
        assert (0,) in [r.members for r in rows], threshold


def test_one_common_word_is_not_evidence() -> None:
    a = Statement("A", 0, 30, "Mr. Stone has nothing to hide.")
    b = Statement("B", 0, 60, "The payments have nothing to do with the president.")
    assert [r.members for r in align_statements([a, b], threshold=1.0)] == [(0,), (1,)]


def test_a_person_named_with_a_title_alike_is_not_evidence(lexicon: Any) -> None:
    """Who a statement is about is not what it says: two statements sharing only
    a person's name and title ("Senate Democratic Leader Harry Reid" / "Senator
    Harry Reid, the Democratic leader") are no pair; a claim shared as well is."""
    roles = frozenset(st for t in lexicon.titles for st in content_stems(t, VOCABULARY))
    story = ["The president unveiled the plan at the White House on Wednesday.",
             "Gun sales rose sharply in the weeks after the shooting."]

    def rows(a: str, b: str) -> list[tuple[int, ...]]:
        texts = [("A", a), ("B", b), *(("C", t) for t in story)]
        got = align_statements([Statement(k, 0, len(t), t) for k, t in texts], roles=roles)
        return sorted(tuple(m for m in r.members if m < 2) for r in got if any(m < 2 for m in r.members))

    said = "Senate Democratic Leader Harry Reid said all options should be on the table."
    about = "Senator Harry Reid of Nevada, the Democratic leader, is a longtime supporter of gun rights."
    assert rows(said, about) == [(0,), (1,)]
    told = "Senator Harry Reid of Nevada, the Democratic leader, said every option should be on the table."
    assert rows(said, told) == [(0, 1)]


def test_the_topic_words_alone_are_not_evidence() -> None:
    a = Statement("A", 0, 40, "Iran and the JCPOA were discussed.")
    b = Statement("B", 0, 40, "Iran rejects talks on the JCPOA.")
    rows = align_statements([a, b], threshold=1.0, topic_stems=frozenset({"iran", "jcpoa"}))
    assert sorted(r.members for r in rows) == [(0,), (1,)]


def test_statements_of_stopwords_only_are_never_merged() -> None:
    a = Statement("A", 0, 20, "It is what it is.")
    b = Statement("B", 0, 20, "It was what it was.")
    for threshold in (0.0, 1.0, align.DEFAULT_THRESHOLD):
        assert sorted(r.members for r in align_statements([a, b], threshold=threshold)) == [(0,), (1,)]


def test_the_same_meaning_in_other_words_counts() -> None:
    a = "A 6.1-magnitude quake hits the province, three people were killed"
    b = "A 6.1 magnitude earthquake struck the province, killing 3"
    c = "The provincial parliament passed a budget after three days of debate"
    assert score(a, b, [c]) >= 60.0
    assert score(a, c, [b]) < align.DEFAULT_THRESHOLD
    # "30 nations" are "30 countries", a suit is a lawsuit (read 23's missed rows)
    assert content_stems("more than 30 nations sued", VOCABULARY) == content_stems("more than 30 countries sued", VOCABULARY)
    assert content_stems("the suit says", VOCABULARY) == content_stems("the lawsuit says", VOCABULARY)
    assert set(content_stems("a deadly blaze", VOCABULARY)) == set(content_stems("a fire that killed", VOCABULARY))


@pytest.mark.parametrize("short, long", [("Rep.", "Representative"), ("Sen.", "Senator"), ("Gov.", "Governor"),
                                         ("Lt. Gov.", "Lieutenant Governor"), ("Reps.", "Representatives")])
def test_a_title_abbreviated_before_a_name_is_the_title_spelled_out(short: str, long: str) -> None:
    # wire style writes "Rep. Michele Bachmann" where other papers write "Representative": one title
    rest = "Jo Hart shared a photo from her visit"
    assert content_stems(f"{short} {rest}", VOCABULARY) == content_stems(f"{long} {rest}", VOCABULARY)


def test_a_compound_written_with_a_hyphen_and_as_one_word_is_one_word() -> None:
    # read 56: "faced pressure from ... retail giant Wal-Mart" / "also faced pressure from Walmart"
    texts = ["Hutchinson has faced pressure from the state's top employers, including retail giant Wal-Mart.",
             "Hutchinson also faced pressure from Walmart, which is headquartered in the state.",
             "The co-chair of the panel met the governor; the cochair said the bill was unfair."]
    stems = [content_stems(t, VOCABULARY) for t in texts]
    feats, _ = align.featurize(stems, Counter(w for ws in stems for w in set(ws)), len(texts))
    assert "walmart" in feats[0].bag and "walmart" in feats[1].bag and {"wal", "mart"}.isdisjoint(feats[0].bag)
    assert "cochair" in feats[2].bag


def test_a_compound_is_not_made_of_figures_nor_of_a_hashtag_against_many() -> None:
    # "07:37" is no word "0737"; one "#BirthrightCitizenship" does not join thirty "birthright citizenship"
    texts = ["The quake struck at 07 37 local time.", "The quake struck at 0737 local time.",
             "#BirthrightCitizenship", *[f"Birthright citizenship was debated for the {n}th time." for n in range(8)]]
    stems = [content_stems(t, VOCABULARY) for t in texts]
    feats, _ = align.featurize(stems, Counter(w for ws in stems for w in set(ws)), len(texts))
    assert "0737" not in feats[0].bag
    assert all({"birthright", "citizenship"} <= f.bag for f in feats[3:])


@pytest.mark.parametrize("word, other", [
    ("national", "country"),  # "the National Enquirer", "national emergency" are no "country"
    ("aide", "help"),  # "a Trump aide" stems as "aid" does
    ("band", "ban"),  # no inflection of "ban"
    ("increasingly", "rise"),
])
def test_a_synonym_folds_its_words_and_their_inflections_not_words_that_stem_alike(word: str, other: str) -> None:
    assert content_stems(word, VOCABULARY) != content_stems(other, VOCABULARY)


@given(st.sampled_from([line.split() for line in (Path(__file__).parents[1] / "data" / "synonyms.tsv").read_text(
    encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]), st.data())
def test_every_inflection_of_a_synonym_group_is_one_word(group: list[str], data: Any) -> None:
    from compare_claims.textnorm import inflections

    a, b = data.draw(st.sampled_from(group)), data.draw(st.sampled_from(group))
    form = data.draw(st.sampled_from(sorted(inflections(b))))
    assert content_stems(a, VOCABULARY) == content_stems(form, VOCABULARY) or not content_stems(form, VOCABULARY)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTVWXYZ", min_size=2, max_size=5),
       st.sampled_from(["officials said on Friday", "agents searched the house", "."]))
def test_initials_with_full_stops_are_the_word_they_spell(letters: str, rest: str) -> None:
    """"I.R.S." is "IRS" (The New York Times writes initials with full stops,
    most outlets without): the dotted form used to lose its letters."""
    dotted = ".".join(letters) + "."
    assert content_stems(f"The {dotted} {rest}", VOCABULARY) == content_stems(f"The {letters} {rest}", VOCABULARY)
    if letters.lower() not in STOPWORDS:  # "B.E." is "be"
        assert content_stems(f"the {dotted}", VOCABULARY)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["Raúl Labrador", "Felipe Calderón", "Linda T. Sánchez", "São Paulo", "Zoë Müller"]),
       st.sampled_from(["said on Friday", "jumped into the race", "."]))
def test_a_name_written_with_or_without_its_marks_is_one_word(name: str, rest: str) -> None:
    """Outlets write "Raúl" and "Raul", "Calderón" and "Calderon" (read 31: the
    New York Times' "Raúl R. Labrador" shared no first name with "Raul Labrador")."""
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    assert plain != name
    assert content_stems(f"{name} {rest}", VOCABULARY) == content_stems(f"{plain} {rest}", VOCABULARY)


def test_a_pronoun_with_its_verb_contracted_is_no_content_word() -> None:
    # read 32: “We’re asking the president ...” and “We are asking the president ...” quote one
    # utterance; "we're" was a content word the other lacked
    assert content_stems("We’re asking the president to open the government", VOCABULARY) == \
        content_stems("We are asking the president to open up government", VOCABULARY)
    assert content_stems("They'll say I'm wrong", VOCABULARY) == content_stems("They will say I am wrong", VOCABULARY)
    assert "don't" in content_stems("I don't agree", VOCABULARY)  # a negation is no pronoun's ending


def test_a_party_and_state_after_a_name_is_no_shared_word() -> None:
    # ", D-N.Y." and "(D-N.Y.)" tell who the politician is, not the claim: two statements
    # about New York politicians shared "ny" and formed a row
    a = Statement("A", 0, 150, "Senate Minority Leader Jo Hart, D-N.Y., and Sen. Ann Lee, D-Mass., "
                               "both called Tuesday for a postponement of the vote.")
    b = Statement("B", 0, 150, "Senate Democratic Leader Jo Hart (D-N.Y.) told a reporter that the "
                               "nominee did not win anybody over.")
    rows = align_statements([a, b], roles=frozenset({"senat", "leader", "sen"}))
    assert sorted(r.members for r in rows) == [(0,), (1,)]
    assert content_stems("Sen. Jo Hart (R-Ariz.) said", VOCABULARY) == content_stems("Sen. Jo Hart said", VOCABULARY)
    assert content_stems("Sen. Jo Hart, R-S.C., said", VOCABULARY) == content_stems("Sen. Jo Hart said", VOCABULARY)
    # ... while a word of the same shape in the text stays ("the D-Day landing")
    assert "day" in content_stems("the D-Day landing", VOCABULARY)


def test_an_indefinite_pronoun_is_no_shared_word() -> None:
    # "nothing", "someone", "everyone" say no more than "it" (read 26, and the first read:
    # "Mr. Stone has nothing to hide" beside "... have nothing to do with the president")
    a = Statement("A", 0, 40, "Mr. Hart has nothing to hide.”")
    b = Statement("B", 0, 90, "“The charges brought against Mr. Hart have nothing to do with the mayor,” she told CNN.")
    c = Statement("C", 0, 60, "The council will vote on the budget next week.")
    rows = align_statements([a, b, c])
    assert sorted(r.members for r in rows) == [(0,), (1,), (2,)]
    assert not {"noth", "someon", "everyon"} & set(content_stems("Nothing, someone said, is everyone's", VOCABULARY))


def test_a_noun_in_sion_meets_its_verb() -> None:
    # "explosion" and "exploded", "decision" and "decided": one word to a reader
    a = "An explosion at the depot killed two workers, the fire service said"
    b = "A gas tank exploded at the depot, killing two workers"
    c = "The council decided to close the depot after the inquiry"
    d = "The council's decision to close the depot followed the inquiry"
    stems = [content_stems(t, VOCABULARY) for t in (a, b, c, d)]
    feats, _ = align.featurize(stems)
    assert {"explos", "explod"} & feats[0].bag & feats[1].bag
    assert {"decis", "decid"} & feats[2].bag & feats[3].bag
    # a name is never folded: "Claus" is not "Claud"
    feats, _ = align.featurize([["claus", "visit"], ["claud", "visit"]], names=frozenset({"claud", "claus"}))
    assert not feats[0].bag & feats[1].bag - {"visit"}


def test_one_amount_told_exactly_and_rounded_is_one_amount() -> None:
    exact = "The couple paid $43,885,310 in federal taxes over eight years, the returns show"
    rounded = "The couple paid nearly $44 million in federal taxes over eight years, the returns show"
    other = "The couple paid nearly $13 million in federal taxes over eight years, the returns show"
    context = ["The state budget grew by $2 million this year", "Turnout was high in the city"]
    # the same figure, written two ways, counts as a shared word; another figure does not
    assert score(exact, rounded, context) > score(exact, other, context)
    # two different amounts share no word merely by being in millions
    a, b = content_stems("earned $5 million", VOCABULARY), content_stems("paid $9 million", VOCABULARY)
    assert not set(a) & set(b) - {"earn", "paid"}
    # $139 million and $141 million are one figure to the aligner (the numbers flag tells them apart)
    assert set(content_stems("$139 million", VOCABULARY)) & set(content_stems("$141 million", VOCABULARY))


def test_identical_statements_score_100_and_align() -> None:
    text = "The two ministers agreed to meet again in June to discuss arms control."
    assert score(text, text) == 100.0
    a, b = Statement("A", 0, len(text), text), Statement("B", 0, len(text), text)
    rows = align_statements([a, b], threshold=100.0)
    assert [r.members for r in rows] == [(0, 1)]
    assert rows[0].relation == "same"


def rows_of_two(a: str, b: str, story: list[str]) -> list[tuple[tuple[int, ...], str]]:
    """The rows that hold ``a`` (source A) or ``b`` (B), aligned among the
    sentences of ``story`` (source C): their members among the two, and relation."""
    texts = [("A", a), ("B", b), *(("C", t) for t in story)]
    got = align_statements([Statement(k, 0, len(t), t) for k, t in texts])
    return sorted((tuple(m for m in r.members if m < 2), r.relation) for r in got if any(m < 2 for m in r.members))


def test_the_end_of_a_quotation_opened_before_is_that_utterance() -> None:
    """A quotation cut into sentences: its last sentence holds a closing mark
    and none opening (“It's not about you. | It's not about your jobs,” he
    said.).  Those words printed alone elsewhere are the same utterance."""
    story = ["The senator spoke to voters in Ohio on Saturday about the president's agenda.",
             "The campaign issued a statement shortly after the senator spoke.",
             "Voters in the state go to the polls on Tuesday in the primary."]

    def rows(a: str, b: str) -> list[tuple[tuple[int, ...], str]]:
        return rows_of_two(a, b, story)

    for end in ('It\'s not about your jobs," Santorum said.', "It\u2019s not about your jobs,\u201d Santorum said."):
        assert rows("It's not about your jobs.", end) == [((0, 1), "same")], end
    # and the start of one that goes on in the next sentence
    assert rows("It is about some phony ideal.", 'Santorum said: "It is about some phony ideal.') == [((0, 1), "same")]
    assert align._quotations('He called it "unfair." Then he left.') == ["unfair."]  # whole: read as before


def test_two_sources_quoting_the_same_words_tell_one_remark() -> None:
    """An ad called him an “elitist hypocrite”: two outlets that report the same
    few words, quoted, are one row however little else they share; a name in
    quotation marks (a slogan, a show) or a so-called term is no one's remark."""
    # the rest of the stories: their words weigh as words of the event do
    story = ["The senator's campaign answered the group with an ad of its own this week.",
             "The group said the ad would run this week in three states, attacking the senator.",
             "The senator has opposed armed guards and called for more security in schools.",
             "Supporters of the new president cheered in the crowd as the Senate met for years.",
             "Republicans and Democrats in the Senate traded warnings over the filibuster."]

    def rows(a: str, b: str) -> list[tuple[tuple[int, ...], str]]:
        return rows_of_two(a, b, story)

    a = 'The group\'s first ad called the senator an "elitist hypocrite" for his security detail.'
    b = ("Its campaign, launched this week after the shooting in Newtown, attacks the senator as an “elitist"
         " hypocrite” for opposing the widely criticized plan to place armed guards in every school.")
    assert rows(a, b) == [((0, 1), "same")]
    unquoted = rows(a.replace('"elitist hypocrite"', "elitist hypocrite"), b.replace("“elitist hypocrite”", "elitist hypocrite"))
    assert unquoted in ([((0,), ""), ((1,), "")], [((0, 1), "related")])
    slogan_a = ("Outside the arena thousands of supporters wore “Make America Great Again” hats while vendors"
                " sold buttons and flags along the avenue.")
    slogan_b = ("In his first address he vowed to make America great again, pledging new roads, bridges, tunnels"
                " and airports across the nation.")
    assert rows(slogan_a, slogan_b) == rows(slogan_a.replace("“", "").replace("”", ""), slogan_b)
    term_a = ("Republican leaders said on Tuesday that they were ready to use the so-called “nuclear option” to"
              " confirm the judge.")
    term_b = "Democrats warned that the nuclear option would poison relations between the parties for a generation."
    assert rows(term_a, term_b) == rows(term_a.replace("“", "").replace("”", ""), term_b)


def test_a_row_of_two_sources_needs_a_margin_over_the_threshold() -> None:
    """A row two sources alone tell rests on one pair of texts: it stands at
    MARGIN x threshold, while a third source telling it too holds the row at
    the threshold."""
    a = "The two ministers agreed to meet again in June to discuss arms control."
    b = "Officials said the ministers would meet again in June, with arms control on the agenda."
    c = "The two ministers agreed to meet again in June to discuss arms control, officials said."
    two = [Statement(k, 0, len(t), t) for k, t in (("A", a), ("B", b))]
    s = align_statements(two, threshold=1.0)[0].score
    assert s is not None and 20 < s < 100
    below_margin = s / (1 + (align.MARGIN - 1) / 2)  # the pair clears it, not the margin
    assert [r.members for r in align_statements(two, threshold=below_margin)] == [(0,), (1,)]
    assert [r.members for r in align_statements(two, threshold=s / align.MARGIN)] == [(0, 1)]
    three = [*two, Statement("C", 0, len(c), c)]
    rows = align_statements(three, threshold=below_margin)
    assert [r.members for r in rows] == [(0, 1, 2)]


def test_a_source_that_barely_matches_a_row_leaves_it_and_the_others_stay() -> None:
    # statements 0, 1 (sources A, B) tell one claim (40); 2 (C) matches each at 21:
    # the mean over the row's three pairs clears a threshold of 20, but C's own
    # mean (21) is under 1.1 x 20, so C leaves; A and B stay at 40
    srcs = ["A", "B", "C"]
    sims = {(0, 1): 40.0, (0, 2): 21.0, (1, 2): 21.0}
    assert align._weak_sources(srcs, sims, 22.0) == {"C"}
    # the weakest goes first, and the others are judged without it: A and B
    # start at (40 + 20 + 0) / 3 = 20, under the margin; D (0) goes, then C
    # (20), and A and B stay at 40
    srcs4 = ["A", "B", "C", "D"]
    sims4 = {(0, 1): 40.0, (0, 2): 20.0, (1, 2): 20.0, (0, 3): 0.0, (1, 3): 0.0, (2, 3): 0.0}
    assert align._weak_sources(srcs4, sims4, 22.0) == {"C", "D"}
    # a row of two under the margin falls apart: both sources leave
    assert align._weak_sources(["A", "B"], {(0, 1): 21.0}, 22.0) == {"A", "B"}


# --- rows that grow with the sources --------------------------------------------------------------


@pytest.fixture(scope="module")
def t37() -> tuple[tuple[Source, ...], list[Statement], list[align.Aligned]]:
    if not ECB_DEV.is_dir():
        pytest.skip("../shared/eval/ecb_dev not found")
    sources = read([str(ECB_DEV / "corpus" / "37")])
    topics = load_topics(ECB_DEV / "topics" / "t37.toml")
    topic = get_topic(topics, "t37")
    result = run_topic(sources, topic, topics, Options())
    statements = [m.statement for g in result.groups for m in g.members]
    topic_stems = frozenset(t for kw in topic.keywords for t in content_stems(kw, VOCABULARY))
    return sources, statements, align_statements(statements, topic_stems=topic_stems)


def test_outlets_whose_headlines_meet_and_whose_leads_meet_tell_that_claim_in_one_row(tmp_path: Path) -> None:
    # ECB+ topic 8 outside the development set (scripts/ecb_extra.py): outlets on a fire-bomb
    # attack on a Greek bank, each with a headline, a date line and a lead telling it; the
    # headlines were one row and the leads another
    if not ECB_SAMPLE.is_dir():
        pytest.skip("../shared/corpora/ecbplus_sample not found")
    built = subprocess.run([sys.executable, str(Path(__file__).parents[1] / "scripts" / "ecb_extra.py"),
                            "--out", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    sources = read([str(tmp_path / "corpus" / "m8")])
    topics = load_topics(tmp_path / "topics" / "m8.toml")
    result = run_topic(sources, get_topic(topics, "m8"), topics, Options())
    row_of = {(m.statement.source, m.statement.start): k for k, g in enumerate(result.groups) for m in g.members}
    together = apart = 0
    for src in sources:
        mine = sorted((s for s in row_of if s[0] == src.id), key=lambda s: s[1])
        first = src.text.split("\n", 1)[0]
        if len(mine) < 2 or mine[0][1] != 0 or "bank" not in first.lower() or "Greek" not in src.text:
            continue
        lead = mine[1]  # the first statement after the headline (the date line is no statement)
        if row_of[mine[0]] == row_of[lead]:
            together += 1
        else:
            apart += 1
    assert together >= 5 and together > apart  # apart: a headline of another claim ("... Calls Deaths 'Murder'")


def test_a_claim_told_by_every_outlet_is_one_row(
    t37: tuple[tuple[Source, ...], list[Statement], list[align.Aligned]],
) -> None:
    sources, statements, rows = t37
    # each outlet's headline saying that the quake hit
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
            assert r.score is None and r.relation == ""
        else:
            assert r.score is not None and 0.0 <= r.score <= 100.0
            assert r.relation == align.relation_of(r.score)


# --- blocking, symmetry, order ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pool(seeds: tuple[Source, ...], topics: dict[str, Topic]) -> list[Statement]:
    out: list[Statement] = []
    for name in ("iran", "venezuela"):
        result = run_topic(seeds, get_topic(topics, name), topics)
        out.extend(m.statement for g in result.groups for m in g.members)
    return list(dict.fromkeys(out))


def partition(statements: list[Statement], **kw: Any) -> set[frozenset[tuple[str, int, int]]]:
    rows = align_statements(statements, **kw)
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

    def rows(statements: list[Statement]) -> set[tuple[frozenset[tuple[str, int, int]], str, float | None]]:
        return {(frozenset(key(statements[i]) for i in r.members), r.relation,
                 None if r.score is None else round(r.score, 6)) for r in align_statements(statements)}

    assert rows(subset) == rows(shuffled)


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(range(200)), st.sampled_from(range(200)))
def test_pair_scores_are_symmetric_and_within_0_and_100(pool: list[Statement], i: int, j: int) -> None:
    a, b = pool[i % len(pool)], pool[j % len(pool)]
    feats, idf = align.featurize([content_stems(t, VOCABULARY) for t in [a.text, b.text, *(s.text for s in pool)]])
    for fn in align.SCORERS.values():
        s = fn(feats[0], feats[1], idf)
        assert 0.0 <= s <= 100.0
        assert s == fn(feats[1], feats[0], idf)
    ctx = align.Context(frozenset(), frozenset(), frozenset())
    assert align.evidence(feats[0], feats[1], ctx) == align.evidence(feats[1], feats[0], ctx)


def test_the_pipeline_writes_the_relation(seeds: tuple[Source, ...], topics: dict[str, Topic]) -> None:
    result = run_topic(seeds, get_topic(topics, "iran"), topics)
    from compare_claims.divergence import one_utterance

    for g in result.groups:
        d = g.to_dict()
        if len(g.sources) == 1:
            assert d["relation"] is None
            continue
        # the sources telling the claim do so at SAME on average (two leads' pairs
        # without the weight they have in building rows), or quote one utterance
        ref = next(m for m in g.members if m.reference)
        told = [m for m in g.members if m.role == "claim" and not m.reference]
        lead = ref.statement.paragraph < align.LEAD_PARAGRAPHS
        scores = [m.score / align.LEAD_FACTOR if lead and m.statement.paragraph < align.LEAD_PARAGRAPHS else m.score
                  for m in told]
        mean = sum(scores) / len(scores) if scores else 0.0
        same = bool(told) and (mean >= align.SAME or all(one_utterance(ref, m) for m in told))
        assert d["relation"] == ("same" if same else "related")
    assert any(g.relation == "same" for g in result.groups)
    # a row of related statements carries no divergence flag
    assert all(not g.flags for g in result.groups if g.relation == "related")


def test_two_renderings_of_one_remark_land_in_one_row(seeds: tuple[Source, ...], topics: dict[str, Topic]) -> None:
    result = run_topic(seeds, get_topic(topics, "iran"), topics)
    row = next(g for g in result.groups if any("looking for a war with Iran" in m.statement.text for m in g.members))
    assert {"VOA", "Sputnik"} <= set(row.sources)


def test_two_people_saying_alike_things_are_two_claims() -> None:
    # (body paragraphs: a headline or lead pair would weigh more, LEAD_FACTOR)
    a = Statement("A", 0, 90, "The attorney general must release the full report to the American people, Warren wrote.", paragraph=5)
    b = Statement("B", 0, 90, "Sanders said the full report must be released so the American people can judge for themselves.",
                  paragraph=5)
    unknown = align_statements([a, b])
    assert [(r.members, r.relation) for r in unknown] == [((0, 1), "same")]  # alike, and nothing says who
    named = align_statements([a, b], speakers=["warren", "sanders"])
    assert [r.relation for r in named if len(r.members) > 1] in ([], ["related"])
    # one remark given to two people stays one row (the speaker flag tells the difference)
    c = Statement("C", 0, 90, "The attorney general must release the full report to the American people, Sanders wrote.",
                  paragraph=5)
    assert [r.members for r in align_statements([a, c], speakers=["warren", "sanders"])] == [(0, 1)]


def test_a_sentence_printed_word_for_word_aligns_however_short() -> None:
    a = Statement("A", 0, 24, "“Tell me who you are.”", paragraph=5)
    b = Statement("B", 0, 24, '"Tell me who you are ..."', paragraph=7)
    c = Statement("C", 0, 24, "Who are you, then?", paragraph=7)
    rows = align_statements([a, b, c])
    assert sorted(r.members for r in rows) == [(0, 1), (2,)]
    # three words are not enough to tell an utterance from a stock phrase
    short = [Statement("A", 0, 10, "Thank you all."), Statement("B", 0, 10, "Thank you all.")]
    assert sorted(r.members for r in align_statements(short)) == [(0,), (1,)]


def test_a_sentence_of_a_long_quotation_meets_the_same_words_quoted_whole() -> None:
    # one source quotes a speech at length, its sentences statements without marks of their own;
    # another quotes one of those sentences, with more of its own around it
    inside = "I understand how it offends people."
    quoted = "“I understand how it offends people,” she said, adding “I have made a lot of mistakes.”"
    other = "I understand there are going to be people that hate this."
    rows = align_statements([Statement("A", 0, len(inside), inside, paragraph=4),
                             Statement("B", 0, len(quoted), quoted, paragraph=6),
                             Statement("B", 200, 200 + len(other), other, paragraph=9)])
    row = next(r for r in rows if 0 in r.members)
    scores = dict(zip(row.members, row.member_scores))
    assert scores.get(0) == scores.get(1) == 100.0  # one the reference, the other its words


def test_a_piece_of_a_quotation_another_source_prints_inside_a_longer_sentence_is_one_utterance() -> None:
    # one source's statement is a clause cut from a quotation (no marks, no speaker of its own);
    # another prints the same words inside its sentence: the same utterance, a "same" row
    piece = "and I will never, ever let you down. …"
    told = ("and I will never, ever let you down,” the mayor told hundreds of thousands of rain-soaked "
            "admirers and onlookers in a forceful sixteen-minute address from the west front of the old "
            "capitol building downtown.")
    other = "The council will meet again next week to vote on the budget, an aide said."
    rows = align_statements([Statement("A", 0, len(piece), piece), Statement("B", 0, len(told), told),
                             Statement("C", 0, len(other), other)])
    row = next(r for r in rows if 0 in r.members)
    assert row.members == (0, 1) and row.relation == "same"
    # fewer words than CONTAINED_WORDS are a stock phrase, not an utterance
    short = "and thank you all so much."
    longer = "and thank you all so much, she told the crowd of supporters gathered at the hall."
    rows = align_statements([Statement("A", 0, len(short), short), Statement("B", 0, len(longer), longer)])
    assert all(r.relation != "same" for r in rows)


def test_one_utterance_quoted_whole_aligns_however_each_source_attributes_it() -> None:
    said = "“I will not resign,” he said after a meeting with the committee, according to a local paper."
    told = "“I will not resign,” said Mr. Lee, who tried to end questions about his health."
    rows = align_statements([Statement("A", 0, len(said), said), Statement("B", 0, len(told), told)])
    assert [r.members for r in rows] == [(0, 1)] and rows[0].relation == "same"
    # a name in quotation marks is no utterance: "don't ask, don't tell" names a policy
    a = "The administration still seeks to repeal the military's “don't ask, don't tell” policy this year."
    b = "Democrats hoped to pass a treaty and a bill ending “don't ask, don't tell” before the recess."
    rows = align_statements([Statement("A", 0, len(a), a), Statement("B", 0, len(b), b)])
    assert all(r.relation != "same" for r in rows)  # its words may relate them; they are no one utterance


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["Iran", "iran", "The", "the", "talks", "Talks", ".", "!", "\"", " ", "  ",
                                          "\n", "U.S.", "it's", "-", "1", "A"]), max_size=30).map("".join), max_size=5))
def test_case_counts_match_their_first_form(texts: list[str]) -> None:
    # case_counts pairs each word with the one before it in one pass (speed); the
    # counts must be those of the loop that walked the words one by one
    def first_form(texts: list[str]) -> Counter[tuple[str, bool]]:
        counts: Counter[tuple[str, bool]] = Counter()
        for text in texts:
            toks = align.WORD_RE.findall(text)
            long_words = [t for t in toks if len(t) > 3]
            if not long_words or sum(t[0].isupper() for t in long_words) > 0.6 * len(long_words):
                continue
            after_end = True
            for m in align._TOKEN_END_RE.finditer(text):
                tok, end = m.group(1), m.group(2)
                if not after_end and tok[:1].isalpha():
                    counts[(tok.lower(), tok[0].isupper())] += 1
                after_end = bool(end)
        return counts

    assert align.case_counts(texts) == first_form(texts)


def test_two_figures_shared_by_few_statements_tell_one_fact() -> None:
    """Three outlets gave a vote as "234-193" in their own words; each sentence sat
    alone. Two figures that one or two statements of each source hold join a pair at
    the row margin; a figure every statement of a source repeats does not, nor do years."""
    def rows(texts: dict[str, list[str]]) -> list[list[str]]:
        statements = [Statement(source=src, start=k * 200, end=k * 200 + len(t), text=t)
                      for src, ts in texts.items() for k, t in enumerate(ts)]
        got = align_statements(statements)
        return sorted(sorted(statements[m].source for m in g.members) for g in got if len(g.members) > 1)

    a = "The harbour board approved the plan 234-193 after a long night."
    b = "The sweeping measure, passed 234-193, makes good on a pledge that helped the mayor win."
    fillers = ["Fishermen rallied outside the town hall on Monday.", "The mayor thanked the volunteers."]
    assert rows({"fox": [a, *fillers], "nyt": [b, "Critics called the budget reckless and vowed to fight."]}) \
        == [["fox", "nyt"]]
    # without the tally, or with years in its place, the two are no pair
    for other in ("by a show of hands", "2018-2019"):
        assert rows({"fox": [a.replace("234-193", other), *fillers],
                     "nyt": [b.replace("234-193", other), "Critics called the budget reckless and vowed to fight."]}) == []


def test_one_large_amount_each_source_gives_once_tells_one_fact() -> None:
    """"plans to move $8 billion ... toward the wall" / "Mr. Trump would have about $8
    billion in all": one amount of 1,000 or more that one statement of each source
    gives is a fact both tell; the same amount in two statements of a source is not."""
    def together(a: list[str], b: list[str]) -> bool:
        statements = [Statement(source=src, start=k * 300, end=k * 300 + len(t), text=t)
                      for src, ts in (("fox", a), ("nyt", b)) for k, t in enumerate(ts)]
        got = align_statements(statements)
        return any({statements[m].text for m in g.members} >= {a[0], b[0]} for g in got)

    a = ["An aide told reporters that the harbour board plans to move $8 billion toward the new seawall.",
         "Fishermen rallied outside the town hall on Monday.", "The mayor thanked the volunteers."]
    b = ["Combined with the grant passed on Thursday night, the mayor would have about $8 billion in all.",
         "Critics called the budget reckless and vowed to fight."]
    assert together(a, b)
    assert not together(a, [b[0], "Another $8 billion sits in a fund the courts have frozen.", b[1]])
    assert not together([a[0].replace("$8 billion", "the money"), *a[1:]], [b[0].replace("$8 billion", "money"), b[1]])


def test_a_tally_joins_two_sources_and_a_range_a_date_or_a_compound_does_not() -> None:
    def st(source: str, text: str) -> Statement:
        return Statement(source=source, start=0, end=len(text), text=text)

    texts = [("A", "The court ruled 5-4 on Monday."), ("B", "In a 5-4 decision, the justices agreed."),
             ("A", "Prices rose 2-3 percent in 2010-2012."), ("B", "Prices rose 2-3 percent, on pages 10-12."),
             ("A", "A 12-year-old was hurt on 9-11."), ("B", "A 12-year-old said 9-11 changed things.")]
    statements = [st(s, t) for s, t in texts]
    assert align._shared_tally_pairs(statements, [s.source for s in statements]) == {(0, 1)}


def test_sentences_going_on_word_for_word_after_a_quotation_told_alike_meet(segment_cues: Any) -> None:
    # read 54: the sentences after one utterance's first, however short, stayed rows of their own
    texts = {"A": "\u201cThose harbour fees are well over the line for every family. It\u2019s wrong. It\u2019s "
                  "destructive,\u201d Ann Lee said on Sunday.\n",
             "B": "Ann Lee spoke on the radio.\n\n\u201cThose harbour fees are well over the line for every family. "
                  "It's wrong. It's destructive,\u201d said Lee, a councillor.\n"}
    statements = [st for sid, text in texts.items()
                  for st in segment(Source(id=sid, file=sid, text=text), segment_cues).statements]
    rows = align_statements(statements)
    for words in ("It\u2019s wrong.", "It\u2019s destructive"):
        held = [r for r in rows if any(statements[m].text.replace("'", "\u2019").startswith(words) for m in r.members)]
        assert len(held) == 1 and {statements[m].source for m in held[0].members} == {"A", "B"}, words


def test_a_claim_every_source_tells_near_best_is_taken_first() -> None:
    """One statement of each source, each pair at the threshold and near the best match its
    statement has in the other source (``NEAR_BEST``), the weakest pair at ``CLIQUE_FLOOR``
    times the threshold: a row before the linkage merges anything; a statement far under its
    best match, a weak pair or a source missing makes none."""
    keys = [("A", 0, 1), ("B", 0, 1), ("C", 0, 1), ("B", 5, 6), ("C", 5, 6)]
    srcs = [k[0] for k in keys]
    # 0 (A) matches 3 (B) best, a side clause; 0-1-2 tell one claim, 1 near 0's best
    scores = {(0, 3): 44.0, (0, 1): 40.0, (0, 2): 38.0, (1, 2): 36.0, (3, 4): 25.0}
    assert align._claims_everyone_tells(keys, srcs, scores, 20.0) == [[0, 1, 2]]
    # the order statements come in changes nothing
    perm = [4, 2, 0, 3, 1]
    where = {old: new for new, old in enumerate(perm)}
    moved = {tuple(sorted((where[i], where[j]))): s for (i, j), s in scores.items()}
    got = align._claims_everyone_tells([keys[i] for i in perm], [srcs[i] for i in perm], moved, 20.0)
    assert [sorted(perm[x] for x in c) for c in got] == [[0, 1, 2]]
    # far under 0's best match in B: no claim everyone tells
    assert align._claims_everyone_tells(keys, srcs, {**scores, (0, 3): 60.0}, 20.0) == []
    # its weakest pair under the floor
    assert align._claims_everyone_tells(keys, srcs, {**scores, (1, 2): 25.0}, 20.0) == []
    # two sources: the linkage's own first merge
    assert align._claims_everyone_tells(keys[:2], srcs[:2], {(0, 1): 90.0}, 20.0) == []


def test_a_statement_near_any_member_is_the_one_that_may_tell_the_claim() -> None:
    """An outlet near the row through a member other than its reference may tell the claim
    in that member's words: it is pointed to (not said to leave the claim out), and of two
    candidates the one nearest the members together."""
    keys = [("A", 0, 1), ("B", 0, 1), ("C", 0, 1), ("C", 5, 6)]
    srcs = [k[0] for k in keys]
    near = align._neighbours({(1, 2): 30.0, (0, 3): 18.0, (1, 3): 18.0}, 17.0)
    # 2 is near member 1 only, 3 near both: 3 comes nearest the row (36 against 30)
    assert align._nearby([0, 1], srcs, keys, near) == (3,)
    # a source inside the row gets no pointer; one near no member neither
    assert align._nearby([0, 1, 2], srcs, keys, near) == ()
    assert align._nearby([0, 1], srcs, keys, align._neighbours({(1, 2): 30.0}, 17.0)) == (2,)
    assert align._nearby([0, 1], srcs, keys, {}) == ()
