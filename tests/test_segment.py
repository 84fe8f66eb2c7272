"""Splitting sources into statements (segment.py), on the real seed texts."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare_claims.config import load_segment_cues
from compare_claims.models import Source, Statement
from compare_claims.segment import Segmented, segment

from conftest import read, seed_paths

SEGMENT_CUES = load_segment_cues()
ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def sources() -> dict[str, Source]:
    return {s.id: s for s in read(seed_paths())}


@pytest.fixture(scope="module")
def segmented(sources: dict[str, Source]) -> dict[str, Segmented]:
    return {sid: segment(src, SEGMENT_CUES) for sid, src in sources.items()}


def statements_of(segmented: dict[str, Segmented], sid: str) -> tuple[Statement, ...]:
    return segmented[sid].statements


def find(stmts: tuple[Statement, ...], prefix: str) -> Statement:
    hits = [s for s in stmts if s.text.startswith(prefix)]
    assert len(hits) == 1, (prefix, [h.text for h in hits])
    return hits[0]


def one_text(text: str) -> Segmented:
    """A made-up text segmented as one source."""
    return segment(Source(id="x", file="x.txt", text=text), SEGMENT_CUES)


def skipped(seg: Segmented) -> dict[str, int]:
    return dict(seg.skipped)


# --- offsets -------------------------------------------------------------------------------------


SEED_IDS = ["VOA", "Sputnik", "RU-comment", "OSW", "MID"]


@pytest.mark.parametrize("sid", SEED_IDS)
def test_every_statement_slices_back_into_its_source(
    sources: dict[str, Source], segmented: dict[str, Segmented], sid: str
) -> None:
    src = sources[sid]
    stmts = statements_of(segmented, sid)
    assert len(stmts) > 10
    for s in stmts:
        assert s.source == sid
        assert 0 <= s.start < s.end <= len(src.text)
        assert src.text[s.start:s.end] == s.text
        assert s.text == s.text.strip(), s.text  # no surrounding white space or NBSP


@pytest.mark.parametrize("sid", SEED_IDS)
def test_statements_are_in_order_and_do_not_overlap(segmented: dict[str, Segmented], sid: str) -> None:
    stmts = statements_of(segmented, sid)
    for a, b in zip(stmts, stmts[1:]):
        assert a.end <= b.start, (a.text, b.text)
        assert a.paragraph <= b.paragraph


@pytest.mark.parametrize("sid", SEED_IDS)
def test_every_statement_carries_the_paragraph_it_sits_in(
    sources: dict[str, Source], segmented: dict[str, Segmented], sid: str
) -> None:
    text = sources[sid].text
    spans: dict[int, tuple[int, int]] = {}
    for s in statements_of(segmented, sid):
        a, b = s.paragraph_start, s.paragraph_end
        assert 0 <= a <= s.start < s.end <= b <= len(text)
        assert a == 0 or text[a - 1] == "\n"  # whole lines
        assert b == len(text) or text[b] in "\r\n"
        assert spans.setdefault(s.paragraph, (a, b)) == (a, b)  # one span per paragraph
    ordered = sorted(spans.values())
    assert all(x[1] < y[0] for x, y in zip(ordered, ordered[1:]))  # paragraphs do not overlap


@pytest.mark.parametrize("sid", SEED_IDS)
def test_no_statement_is_only_punctuation(segmented: dict[str, Segmented], sid: str) -> None:
    for s in statements_of(segmented, sid):
        assert re.search(r"\w", s.text), repr(s.text)
        assert not re.match(r"^[\W_]*[“”\"]\s*\.", s.text), repr(s.text)  # does not start with `“.`


@pytest.mark.parametrize("sid", SEED_IDS)
def test_segmenting_twice_gives_the_same_result(sources: dict[str, Source], segmented: dict[str, Segmented], sid: str) -> None:
    assert segment(sources[sid], SEGMENT_CUES) == segmented[sid]


# --- the VOA text: repeated headline, `“.` endings -----------------------------------------------


def test_headline_repeated_three_times_yields_one_statement(
    sources: dict[str, Source], segmented: dict[str, Segmented]
) -> None:
    text = sources["VOA"].text
    headline = "visit to Sochi began with a meeting with Lavrov"
    assert text.count(headline) == 3
    stmts = statements_of(segmented, "VOA")
    hits = [s for s in stmts if headline in s.text]
    assert len(hits) == 1
    assert hits[0].start == 0 and hits[0].text == "Pompeo\u2019s visit to Sochi began with a meeting with Lavrov"
    # the two later copies (one with a straight apostrophe) are the exact repeats reported
    assert skipped(segmented["VOA"]).get("exact repeat") == 2


def test_closing_quote_full_stop_stays_with_its_sentence(segmented: dict[str, Segmented]) -> None:
    stmts = statements_of(segmented, "VOA")
    s = find(stmts, "To achieve this, we are putting pressure on the leaders of the Islamic Republic")
    assert s.text.endswith("Islamic Republic \u201c.")
    s = find(stmts, "Then it makes sense to meet in Osaka")
    assert s.text.endswith("declaration there. \u201c.")
    s = find(stmts, "although \u201cour relations are far from the best times.")
    assert s.text.endswith("best times.\u201d.")
    ending = [x for x in stmts if x.text.endswith(("\u201c.", "\u201d."))]
    assert len(ending) >= 5
    assert all(len(x.text.split()) >= 3 for x in ending)


def test_a_quote_mark_that_opens_the_next_sentence_goes_with_it(segmented: dict[str, Segmented]) -> None:
    """'..., Pompeo said in his address. “As you said, ...': the splitter cuts after
    the quote mark; a mark after a blank opens the sentence that follows."""
    moved = 0
    for sid in segmented:
        stmts = statements_of(segmented, sid)
        assert not [x.text for x in stmts if re.search(r"\s[\u201c\"]$", x.text)]
        moved += sum(1 for x, y in zip(stmts, stmts[1:]) if y.text.startswith("\u201c") and y.start == x.end + 1)
    assert moved >= 1
    seg = one_text('"It\'s destructive," Rice said on the show. "It\'s always been bipartisan. We need to keep it."\n')
    assert [x.text for x in seg.statements][:2] == ['"It\'s destructive," Rice said on the show.', '"It\'s always been bipartisan.']


def test_double_full_stop_stays_with_its_sentence(segmented: dict[str, Segmented]) -> None:
    stmts = statements_of(segmented, "VOA")
    s = find(stmts, "According to the political scientist, this will allow Trump")
    assert s.text.endswith("some progress..")


def test_voa_trailer_is_not_a_statement(segmented: dict[str, Segmented]) -> None:
    # the byline and the section label after the last paragraph are short lines
    # without punctuation: skipped (as headings), never statements
    stmts = statements_of(segmented, "VOA")
    texts = [s.text for s in stmts]
    assert not any("World news" in t or "Victor Vladimirov" in t for t in texts)
    assert stmts[-1].text.startswith("According to the political scientist")


# --- Sputnik: NBSP, bullets under "On Syria", site furniture -------------------------------------


def test_statement_under_on_syria_heading_has_that_heading(segmented: dict[str, Segmented]) -> None:
    stmts = statements_of(segmented, "Sputnik")
    s = find(stmts, "Lavrov and Pompeo discussed the overall situation in\u00a0Syria")
    assert s.heading == "On Syria"
    s = find(stmts, "and he thinks both counterparts can now mutually begin")
    assert s.heading == "On Syria"
    s = find(stmts, "Lavrov said Russia wants the people of\u00a0Venezuela")
    assert s.heading == "On Venezuela"
    # the heading line itself is context, not a statement
    assert not any(x.text in ("On Syria", "On Venezuela", "On Iran") for x in stmts)


def test_bullets_are_not_part_of_statements(segmented: dict[str, Segmented]) -> None:
    for sid in SEED_IDS:
        for s in statements_of(segmented, sid):
            assert not s.text.startswith(("\u2022", "-", "\u2013", "\u2014", "*")), s.text


def test_nbsp_is_kept_in_statement_text(segmented: dict[str, Segmented]) -> None:
    s = find(statements_of(segmented, "Sputnik"), "During his visit to\u00a0Sochi on\u00a0Tuesday")
    assert "\u00a0" in s.text


SITE_FURNITURE = [
    ("Sputnik", "log in or register"),
    ("Sputnik", "Get the latest news"),
    ("Sputnik", "To participate in the discussion"),
    ("Sputnik", "\u00a9 Sputnik"),
    ("Sputnik", "Go to the mediabank"),
    ("MID", "de-DE1 en-GB1"),
    ("MID", "Additional materials"),
    ("MID", "Advanced settings"),
]


@pytest.mark.parametrize(("sid", "junk"), SITE_FURNITURE)
def test_site_furniture_is_not_a_statement(
    sources: dict[str, Source], segmented: dict[str, Segmented], sid: str, junk: str
) -> None:
    assert junk in sources[sid].text
    assert not any(junk in s.text for s in statements_of(segmented, sid))


def test_site_furniture_is_counted_in_skipped(segmented: dict[str, Segmented]) -> None:
    # Get the latest news, (c) Sputnik caption, To participate..., log in or register
    assert skipped(segmented["Sputnik"]).get("site furniture", 0) >= 4
    # the language selector; "Additional materials" and "Advanced settings" are
    # short unpunctuated lines, kept out as headings (they are never statements)
    assert skipped(segmented["MID"]).get("site furniture", 0) >= 1


def test_read_more_teaser_headline_is_kept_as_a_claim(segmented: dict[str, Segmented]) -> None:
    # a linked headline states a claim ("US ... Does Not Seek War With Iran"): it is not furniture
    assert any(s.text.startswith("READ MORE") and "War With" in s.text for s in statements_of(segmented, "Sputnik"))


@pytest.mark.parametrize(
    ("sid", "line", "reason"),
    # the Cyrillic line is the site's own caption right under "log in or register":
    # part of that block of furniture; the Polish one is the article's title
    [("Sputnik", "\u0417\u0430\u0433\u043e\u043b\u043e\u0432\u043e\u043a", "site furniture"),
     ("OSW", "Pompeo w Rosji: dobra atmosfera, brak rezultat\u00f3w", "not English")],
    ids=["cyrillic", "polish"],
)
def test_foreign_title_lines_are_skipped_and_counted(
    sources: dict[str, Source], segmented: dict[str, Segmented], sid: str, line: str, reason: str
) -> None:
    assert line in sources[sid].text
    assert not any(line in s.text or s.text in line for s in statements_of(segmented, sid))
    assert skipped(segmented[sid]).get(reason, 0) >= 1
    assert skipped(segmented["OSW"]).get("not English") == 1


def test_english_title_before_polish_is_kept(segmented: dict[str, Segmented]) -> None:
    s = statements_of(segmented, "OSW")[0]
    assert s.text == "Pompeo in Russia: good atmosphere, but no visible results"


# --- the MID transcript: turns, speakers, questions ----------------------------------------------


def test_no_statement_contains_a_turn_label(segmented: dict[str, Segmented]) -> None:
    for s in statements_of(segmented, "MID"):
        assert not s.text.startswith(("Question:", "Sergey Lavrov:")), s.text
        assert "Question:" not in s.text


def test_answer_statements_carry_the_speaker(sources: dict[str, Source], segmented: dict[str, Segmented]) -> None:
    text = sources["MID"].text
    stmts = statements_of(segmented, "MID")
    s = find(stmts, "Indeed, we have concerns regarding the US-declared")
    assert s.speaker_hint == "Sergey Lavrov"
    assert text[s.start - len("Sergey Lavrov: "):s.start] == "Sergey Lavrov: "
    # later paragraphs of the same answer keep the speaker
    s = find(stmts, "I felt that the US side is also committed")
    assert s.speaker_hint == "Sergey Lavrov"
    s = find(stmts, "They are not ready to do so, so draw your own conclusions.")
    assert s.speaker_hint == "Sergey Lavrov"
    # the opening remarks come before any turn label: they are the main speaker's,
    # the first person named in a turn label (the questions are the journalists')
    assert find(stmts, "I thank my colleague for the productive talks.").speaker_hint == "Sergey Lavrov"
    assert find(stmts, "You mentioned the START-3 Treaty").speaker_hint == "Question"


def test_every_labelled_turn_starts_a_statement_after_its_label(
    sources: dict[str, Source], segmented: dict[str, Segmented]
) -> None:
    text = sources["MID"].text
    starts = {s.start: s for s in statements_of(segmented, "MID")}
    turns = list(re.finditer(r"^(Question|Sergey Lavrov):\s+", text, re.MULTILINE))
    assert len(turns) == 8
    for m in turns:
        st = starts.get(m.end())
        assert st is not None, m.group(0)
        assert st.speaker_hint == m.group(1)


def test_question_statements_are_marked_as_questions(segmented: dict[str, Segmented]) -> None:
    s = find(statements_of(segmented, "MID"), "Could you explain what you see in common with the US on Iran")
    assert s.speaker_hint == "Question"
    assert s.question == ""


def test_first_answer_paragraph_carries_its_question(
    sources: dict[str, Source], segmented: dict[str, Segmented]
) -> None:
    text = sources["MID"].text
    m = re.search(r"^Question:\s+(You mentioned that despite the disagreements with Iran.*)$", text, re.MULTILINE)
    assert m
    question = m.group(1).strip()
    stmts = statements_of(segmented, "MID")
    first = find(stmts, "Regarding the developments around Iran and the JCPOA")
    later_same_paragraph = find(stmts, "We discussed this today, and Mike Pompeo said")
    assert first.question == question
    assert later_same_paragraph.paragraph == first.paragraph
    assert later_same_paragraph.question == question
    # the second paragraph of the answer no longer carries it
    next_paragraph = find(stmts, "When I say that we hope a political solution to the Iranian issue")
    assert next_paragraph.paragraph > first.paragraph
    assert next_paragraph.question == ""


def test_each_answer_is_tied_to_its_own_question(
    sources: dict[str, Source], segmented: dict[str, Segmented]
) -> None:
    text = sources["MID"].text
    questions = re.findall(r"^Question:\s+(.*)$", text, re.MULTILINE)
    stmts = statements_of(segmented, "MID")
    answers = [s for s in stmts if s.speaker_hint == "Sergey Lavrov"]
    carried: list[str] = []
    for s in answers:
        if s.question and (not carried or carried[-1] != s.question):
            carried.append(s.question)
    assert carried == [q.strip() for q in questions]


# --- arbitrary text --------------------------------------------------------------------------------


SPECIAL = list("\u00a0\u201c\u201d\n.?:\u2022 ,;-\u2013\"'()[]\r")
CHARS = st.one_of(
    st.sampled_from(SPECIAL),
    st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")),
    st.characters(codec="utf-8"),
)
TOKENS = st.sampled_from(
    ["Iran", "said", "Lavrov", "Question: ", "Sergey Lavrov: ", "On Syria\n", "\u201c.", "\u201d.", "..",
     "\u201c", "\u201d", ".", "?", "\n", "\n\n", "\r\n", "\u00a0", "  \u2022 ", ":", "the", "US",
     "de-DE1 en-GB1", "log in", "Mr.", "1. ", "We agree", "because", ", but they", " \u2013 "]
)
TEXT = st.text(alphabet=CHARS, max_size=300) | st.lists(
    TOKENS | st.text(alphabet=CHARS, max_size=6), max_size=60
).map(" ".join) | st.lists(TOKENS, max_size=80).map("".join)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_segment_never_raises_and_slices_back(t: str) -> None:
    src = Source(id="x", file="x.txt", text=t)
    seg = segment(src, SEGMENT_CUES)
    for s in seg.statements:
        assert s.source == "x"
        assert t[s.start:s.end] == s.text
        assert s.text.strip() and re.search(r"\w", s.text)
    for a, b in zip(seg.statements, seg.statements[1:]):
        assert a.end <= b.start
    assert all(isinstance(n, int) and n > 0 for _reason, n in seg.skipped)
    assert segment(src, SEGMENT_CUES) == seg
    assert segment(src, SEGMENT_CUES, split_clauses=False) == segment(src, SEGMENT_CUES, split_clauses=False)


# --- site furniture is found by its shape, not by phrases copied from the seeds ------------------


# A page as a reader saves it from a browser: none of these lines is in the seeds.
PAGE_LINES = [
    ("Home | World | Politics | Sport | Video", "furniture"),
    ("Ministers agree to overhaul the voting rolls", "statement"),  # the headline, right under the menu
    ("The government will add two million names to the register of voters before the next election, "
     "the electoral commission said on Monday.", "statement"),
    ("She urged residents to check the register of voters.", "statement"),
    ("Opposition leaders welcomed the plan but questioned the comments made by the minister.", "statement"),
    ("Sign up for our newsletter", "furniture"),
    ("Follow us on Twitter", "furniture"),
    ("Get the latest headlines delivered to your inbox", "furniture"),
    ("\u00a9 2024 Example Media", "furniture"),
]


def page_text(lines: list[str]) -> str:
    return "\n\n".join(lines) + "\n"


def test_furniture_is_found_by_its_shape_on_a_page_not_from_the_seeds() -> None:
    text = page_text([line for line, _ in PAGE_LINES])
    seg = segment(Source(id="p", file="page.txt", text=text), SEGMENT_CUES)
    assert [s.text for s in seg.statements] == [line for line, kind in PAGE_LINES if kind == "statement"]
    assert skipped(seg) == {"site furniture": sum(kind == "furniture" for _, kind in PAGE_LINES)}
    for s in seg.statements:
        assert text[s.start:s.end] == s.text


@pytest.mark.parametrize(
    "line",
    ["Sign up for our newsletter", "Home | World | Politics | Sport | Video", "\u00a9 2024 Example Media",
     "Follow us on Twitter", "Get the latest headlines delivered to your inbox",
     "Subscribe to our daily briefing", "Share this article", "Read more", "Skip to main content"],
)
def test_a_furniture_line_between_two_paragraphs_is_skipped(line: str) -> None:
    before = "The electoral commission said on Monday that two million names would be added to the register."
    after = "Opposition leaders questioned the comments made by the minister about the cost of the reform."
    seg = segment(Source(id="p", file="page.txt", text=page_text([before, line, after])), SEGMENT_CUES)
    assert [s.text for s in seg.statements] == [before, after]
    assert skipped(seg) == {"site furniture": 1}


SEED_PHRASES = ("get the latest news", "advanced settings", "additional materials", "world news", "print version",
                "to participate in the discussion")


def _as_words(code: str) -> str:
    """Source or data text with regex spellings of spaces undone ("get\\ the", "get\\s+the")."""
    code = re.sub(r"\\s[+*?]?|\\ |\[ \]|\s+", " ", code.lower())
    return " ".join(code.replace("\\", "").split())


def test_no_phrase_of_the_seeds_is_copied_into_the_program() -> None:
    files = [ROOT / "data" / "segment.toml", *sorted(p for p in (ROOT / "src").rglob("*") if p.is_file()
                                                      and p.suffix in (".py", ".toml", ".txt", ".js", ".css", ".tsv"))]
    assert len(files) > 10
    assert _as_words(r"^(?:get\ the\ latest\ news|world\s+news)\b") == "^(?:get the latest news|world news)b"
    found = [(str(p.relative_to(ROOT)), phrase) for p in files for phrase in SEED_PHRASES
             if phrase in _as_words(p.read_text(encoding="utf-8"))]
    assert found == []


# --- long inputs: linear work, exact offsets --------------------------------------------------------


def test_six_thousand_clauses_joined_by_semicolons_segment_with_exact_offsets() -> None:
    # 281 KB in one sentence; a quadratic clause splitter takes minutes on it
    clauses = [f"aides in ward {i} said the vote ran smoothly" for i in range(6000)]
    text = "; ".join(clauses) + ".\n"
    assert len(text) == 280_890
    seg = one_text(text)
    assert [s.text for s in seg.statements] == clauses[:-1] + [clauses[-1] + "."]
    for s in seg.statements:
        assert text[s.start:s.end] == s.text
        assert (s.sentence_start, s.sentence_end) == (0, len(text) - 1)


def test_a_long_quotation_segments_into_its_sentences_with_exact_offsets() -> None:
    sentences = [f"Ward {i} counted its ballots without any trouble." for i in range(3000)]
    text = "The clerk read out the statement: \u201c" + " ".join(sentences) + "\u201d\n"
    seg = one_text(text)
    texts = [s.text for s in seg.statements]
    # who speaks stays with the quotation's first sentence
    assert texts[0] == "The clerk read out the statement: \u201c" + sentences[0]
    assert texts[1:-1] == sentences[1:-1]
    assert texts[-1] == sentences[-1] + "\u201d"
    for s in seg.statements:
        assert text[s.start:s.end] == s.text


def test_an_attribution_before_a_colon_stays_with_its_quotation() -> None:
    text = ("Representative Jane Roe of Ohio, who leads the panel, said: \u201cWe are asking the mayor to "
            "open the port. Why would he not do it?\u201d\n")
    texts = [s.text for s in one_text(text).statements]
    assert texts[0].startswith("Representative Jane Roe") and texts[0].endswith("open the port.")
    assert not any(t.rstrip().endswith("said") for t in texts)


def test_two_dashes_enclose_an_aside_that_does_not_split_the_sentence() -> None:
    text = ("CAIRO \u2014 The two delegations left the talks on Friday after a long meeting \u2014 the first "
            "in three months \u2014 could not settle the dispute over the water rights of the river.\n")
    texts = [s.text for s in one_text(text).statements]
    assert texts == [text.strip()]


def test_a_dash_and_a_dash_typed_as_two_hyphens_enclose_one_aside() -> None:
    """Read 36: "“I can't imagine what this place would be — I can't imagine what the
    country would be -- with Donald Trump as our president." was cut at the dash, the
    two hyphens closing the aside being no dash; the other outlets' copies stayed whole."""
    text = ("\u201cI can\u2019t imagine what this harbour would be \u2014 I can\u2019t imagine what the town "
            "would be -- with Tom Hale as our mayor.\u201d\n")
    assert [s.text for s in one_text(text).statements] == [text.strip()]


def test_a_horizontal_bar_is_a_dash_as_the_em_dash_is() -> None:
    """HuffPost writes its dashes as U+2015 ("the project \u2015 and sets up a legal battle");
    they split and pair as the em dash of the other outlets does."""
    for dash in ("\u2014", "\u2015"):
        one = (f"The council approved the new budget for the harbour on Monday {dash} the mayor said the vote "
               "came far too late for the fishermen.\n")
        two = (f"The council met after a meeting {dash} the first in many long weeks {dash} and could not agree "
               "on the budget.\n")
        assert len(one_text(one).statements) == 2, dash
        assert len(one_text(two).statements) == 1, dash


def test_an_attribution_with_a_short_phrase_after_a_comma_stays_with_its_quotation() -> None:
    """Read 37: "“... does it make?” Mrs. Clinton said, her voice rising." left "Mrs.
    Clinton said, her voice rising." a statement of its own; a sentence after the
    quotation that says more than who spoke and how still stands alone."""
    text = ("\u201cWhat difference, at this point, does it make?\u201d Mrs. Hale said, her voice rising. "
            "\u201cIt is our job to find out.\u201d\n\n"
            "\u201cWhat difference does it make?\u201d Mrs. Hale said, adding that the harbour board had "
            "failed the town for years.\n")
    texts = [s.text for s in one_text(text).statements]
    assert texts[0].endswith("Mrs. Hale said, her voice rising.")
    assert any(t.startswith("Mrs. Hale said, adding that") for t in texts)


def test_one_dash_still_splits_two_claims() -> None:
    text = ("The council approved the new budget for the harbour on Monday \u2014 the mayor said the vote "
            "came far too late for the fishermen.\n")
    texts = [s.text for s in one_text(text).statements]
    assert len(texts) == 2


def test_a_state_abbreviation_ends_a_sentence_when_the_next_opens_one() -> None:
    text = ("The governor made the announcement in his hometown of Hope, Ark. In a long speech he vowed to "
            "end stagnant wages. He spoke with Gov. Smith of Little Rock, Ark. after the rally.\n")
    texts = [s.text for s in one_text(text).statements]
    assert texts[0].endswith("Hope, Ark.")
    assert texts[1].startswith("In a long speech")
    assert any("Gov. Smith of Little Rock, Ark. after the rally." in t for t in texts)


def test_a_clock_time_before_a_time_zone_and_cong_end_no_sentence() -> None:
    """Read 35: "took effect Friday at 5 p.m. Eastern time." and "former Cong. Rob
    Simmons" were cut in two; "at 8 p.m. Voters lined up" still ends one sentence."""
    text = ("The resignation took effect Friday at 5 p.m. Eastern time. He deleted his profiles. "
            "He will face former Cong. Rob Simmons in the primary. The polls close at 8 p.m. "
            "Voters lined up early.\n")
    texts = [s.text for s in one_text(text).statements]
    assert texts == ["The resignation took effect Friday at 5 p.m. Eastern time.", "He deleted his profiles.",
                     "He will face former Cong. Rob Simmons in the primary.", "The polls close at 8 p.m.",
                     "Voters lined up early."]


# --- a fragment of names stays with its sentence -----------------------------------------------------


def test_a_fragment_of_names_after_a_dash_stays_inside_its_sentence() -> None:
    names = ("The summit in Osaka next month will bring together the two leaders who matter most for arms control "
             "\u2013 Donald Trump and Vladimir Putin.")
    claims = "The talks will continue next week in Geneva \u2013 both ministers said the meeting was useful."
    text = names + "\n\n" + claims + "\n"
    seg = one_text(text)
    assert [s.text for s in seg.statements] == [
        names,  # "Donald Trump and Vladimir Putin." tells no claim of its own
        "The talks will continue next week in Geneva",  # two claims: split at the dash
        "both ministers said the meeting was useful.",
    ]


def test_a_headline_or_sentence_that_mentions_a_prompt_word_is_kept() -> None:
    text = ("Netflix raises subscription prices\n\nVoters must register.\n\n"
            "Ministers agree to overhaul the register of voters\n\nSign up for our newsletter\n\nMost read\n\n"
            "To participate in the discussion\n\nlog in or register\n")
    seg = segment(Source("x", "x.txt", text), SEGMENT_CUES)
    assert [s.text for s in seg.statements] == [
        "Netflix raises subscription prices", "Voters must register.",
        "Ministers agree to overhaul the register of voters"]
    assert dict(seg.skipped)["site furniture"] == 4


def test_initials_cut_by_the_splitter_are_joined_again() -> None:
    text = ("Sen. Chuck Schumer, D-N.Y., argued that the deal was fair. Rep. John Smith, R-Texas, disagreed. "
            "He took vitamin C. The next day he left.")
    seg = segment(Source("x", "x.txt", text), SEGMENT_CUES)
    assert [s.text for s in seg.statements] == [
        "Sen. Chuck Schumer, D-N.Y., argued that the deal was fair.", "Rep. John Smith, R-Texas, disagreed.",
        "He took vitamin C.", "The next day he left."]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "word", "I", "and", "but", "because", "they", " ", "  ", "\n", ";", ":", ",",
                                 "-", "\u2013", "\u2014", "\u201c", '"', "(", ")", "[", "]", "The"]), max_size=25).map("".join))
def test_clause_cuts_and_bracket_depth_match_their_first_forms(text: str) -> None:
    # the clause pattern opens with one character class and bracket depth is read
    # from the brackets only (speed); where a sentence may be cut must not move
    from compare_claims.segment import _CLAUSE_RE, _depth_before, _depths

    first = re.compile(
        r"""(?P<punct>;\s+)
        |(?P<dash>\s[–—-]\s+)
        |(?P<colon>:\s+(?=[A-Z]))
        |(?P<conj>,\s+(?=(?:because|but|while|whereas|although|though)\s
            |and\s(?:I|we|he|she|they|it|this|that|there|then|thus|so|in|at|today|now|yet)\s))""",
        re.VERBOSE,
    )
    assert [m.span() for m in _CLAUSE_RE.finditer(text)] == [m.span() for m in first.finditer(text)]
    depth, running = [], 0
    for ch in text:
        depth.append(running)
        if ch in "([":
            running += 1
        elif ch in ")]" and running:
            running -= 1
    brackets = _depths(text)
    assert [_depth_before(brackets, i) for i in range(len(text))] == depth


_BLOCK_WORDS = ["Gov.", "Sen.", "Mr.", "D-N.", "Y.,", "U.S.", "said", "the", "plan", "will", "fail", "and", "they",
                "“We", "win.”", "(", ")", ";", ":", " – ", ",", ".", "?", " ", "  ", "J.", "Smith", "A.", "e.g.", "Jan."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_BLOCK_WORDS), min_size=1, max_size=30).map(" ".join),
       st.text(max_size=12), st.text(max_size=12), st.sampled_from(["", "\n", " ", "(", "x", ".", "-"]))
def test_a_paragraph_splits_alike_wherever_it_stands(block: str, before1: str, before2: str, joint: str) -> None:
    # segment() splits a repeated paragraph once: the split may depend on the
    # paragraph and the one character before it, nothing further back
    from compare_claims.segment import _split_block

    cues = load_segment_cues()
    first = before1 + joint + block
    second = before2 + joint + block
    if not joint and (before1[-1:] != before2[-1:]):
        return  # the character before differs: another memo key
    s1, s2 = len(first) - len(block), len(second) - len(block)
    assert _split_block(first, s1, len(first), cues, True) == _split_block(second, s2, len(second), cues, True)


def test_a_headline_printed_twice_is_no_transcript() -> None:
    from compare_claims.annotate import annotate_statements
    from compare_claims.config import load_lexicon

    title = "Ann Lee Senate: Governor Names Former Chief Of Staff To The Empty Seat"
    text = (f"{title}\n\n{title}\n\nThe governor on Wednesday appointed Ann Lee to the seat left empty in May.\n\n"
            "Lee, 43, is a former chief of staff to the governor.\n")
    seg = one_text(text)
    anns = annotate_statements(seg.statements, text, load_lexicon())
    body = [a.speaker for s, a in zip(seg.statements, anns) if not s.text.startswith(("Ann Lee Senate", "Governor"))]
    assert body and not any("Senate" in sp for sp in body)


def test_a_title_printed_again_as_the_first_paragraph_counts_as_no_paragraph() -> None:
    # 29 of the 300 BASIL texts print their title twice: the lead after the copy was
    # paragraph 2, no lead for the aligner (align.is_lead), so its title kept the claim
    title = "Texas Rep. Sam Lee resigns from Congress"
    lead = "Rep. Sam Lee resigned from Congress on Friday, following allegations of misconduct."
    rest = "Lee had said in December that he would not seek re-election."
    twice, once = (one_text(f"{title}\n\n{copy}{lead}\n\n{rest}\n") for copy in (f"{title}\n\n", ""))
    assert [(s.text, s.paragraph) for s in twice.statements] == [(s.text, s.paragraph) for s in once.statements]
    assert [s.paragraph for s in twice.statements] == [0, 1, 2]
    assert dict(twice.skipped)["exact repeat"] == 1


def test_an_abbreviation_after_a_hyphen_ends_no_sentence() -> None:
    # read 40: "the post-Sept. 11 law" was cut after "Sept."; BASIL also cut "then-Rep. Gabrielle Giffords"
    text = ("Briefings were held before the reauthorization of the Patriot Act, the post-Sept. 11 law that "
            "authorized the surveillance. Lawmakers appealed after the 2011 shooting of then-Rep. Gabrielle "
            "Giffords. Then ex-Sen. Bob Kerrey spoke.\n")
    assert [s.text[:20] for s in one_text(text).statements] == [
        "Briefings were held ", "Lawmakers appealed a", "Then ex-Sen. Bob Ker"]


def test_letters_with_full_stops_end_a_sentence_in_a_quotation_before_a_word_that_opens_one() -> None:
    # read 52: "... But I don't think it's O.K. I think it's immoral." was one statement
    text = ("He continued: \u201cYou might say that\u2019s all O.K. You might say that\u2019s what you need to win. "
            "But I don\u2019t think it\u2019s O.K. I think it\u2019s wrong to lie to the F.B.I. agents who asked.\u201d\n")
    assert [s.text for s in one_text(text).statements] == [
        "He continued: \u201cYou might say that\u2019s all O.K.", "You might say that\u2019s what you need to win.",
        "But I don\u2019t think it\u2019s O.K.", "I think it\u2019s wrong to lie to the F.B.I. agents who asked.\u201d"]


def test_an_honorific_in_brackets_ends_no_sentence() -> None:
    # read 50: "are agile public speakers with persuasive biographies (Mr. Rubio), or are ..." was cut after "Mr."
    text = ("He faces rivals who hold greater appeal to voters (Mr. Walker), are agile speakers (Mr. Rubio), "
            "or are liked by all (Mrs. Fiorina). (Dr. Carson) said nothing.\n")
    assert [s.text[:20] for s in one_text(text).statements] == ["He faces rivals who ", "(Dr. Carson) said no"]


def test_no_statement_opens_on_a_colon_a_semicolon_or_a_comma() -> None:
    # read 41: "... titled It's About the Money!: How You Can Get Out of Debt, ..." left a
    # statement opening on ":"; BASIL had "; she followed him on Twitter." after "Wash."
    text = ("The former representative co-wrote a book titled It's About the Money!: How You Can Get Out "
            "of Debt, and was accused of spending campaign funds. He did not know the student in "
            "Bellingham, Wash.; she followed him on Twitter.\n")
    starts = [st.text[:1] for st in one_text(text).statements]
    assert starts and not set(starts) & set(":;,")


def test_a_second_title_before_the_first_paragraph_is_a_statement_and_a_later_heading_is_not() -> None:
    # reads 39 and 41: the Times' print headline under the web title ("Governor Appoints
    # Ex-Aide to Fill Kerry's Seat") was a heading, in no statement
    text = ("William Cowan Named Interim Senator in Massachusetts\n\nSite Mobile Navigation\n\n"
            "Governor Appoints Ex-Aide to Fill Kerry's Seat\n\n"
            "Gov. Deval Patrick on Wednesday named his former chief of staff to the seat.\n\n"
            "What Comes Next for the Senate Race\n\nA special election will follow in June.\n")
    seg = one_text(text)
    texts = [s.text for s in seg.statements]
    assert "Governor Appoints Ex-Aide to Fill Kerry's Seat" in texts
    assert "What Comes Next for the Senate Race" not in texts
    assert seg.statements[-1].heading == "What Comes Next for the Senate Race"


def test_an_embedded_posts_signature_is_furniture_and_its_text_a_statement() -> None:
    # read 41: "#MorningJoe pic.twitter.com/... — Morning Joe (@Morning_Joe) December 4, 2017" was a claim
    text = ("Trump told reporters he felt badly for Flynn.\n\n"
            "The president this morning says 'I feel badly for General Flynn.' #MorningJoe "
            "pic.twitter.com/tBp5aXWhBj — Morning Joe (@Morning_Joe) December 4, 2017\n")
    seg = one_text(text)
    assert [s.text for s in seg.statements][-1] == "The president this morning says 'I feel badly for General Flynn.'"
    assert dict(seg.skipped)["site furniture"] == 1


def test_a_closing_quote_the_splitter_put_first_goes_back_to_its_sentence() -> None:
    text = ("A reporter asked whether the old speech made him look like a man \u201ctrapped in the past.\" "
            "The senator answered that those words were \"timeless\" truths.\n")
    seg = one_text(text)
    texts = [s.text for s in seg.statements]
    assert texts[0].endswith("past.\"") and texts[1].startswith("The senator")
    assert all(text[s.start:s.end] == s.text for s in seg.statements)


def test_an_editors_correction_is_skipped_and_counted() -> None:
    text = ("The council approved the harbour budget on Monday after a long debate.\n\n"
            "Correction: December 1, 2010\n\n"
            "Because of an editing error, an earlier version of this post said the mayor was from Ohio. "
            "She is from Nevada.\n\n"
            "The vote was seven to two, the clerk said.\n")
    seg = one_text(text)
    texts = [s.text for s in seg.statements]
    assert not any("Correction" in t or "editing error" in t or "Nevada" in t for t in texts)
    assert skipped(seg).get("editorial notice") == 2
    assert any("seven to two" in t for t in texts)


def test_initials_then_an_honorific_end_a_sentence() -> None:
    text = ("The emails were kept on a server at her home in Albany, N.Y. Mr. Gray had asked her to hand the "
            "server to a neutral party. The office in Washington, D.C. said nothing.\n")
    seg = one_text(text)
    texts = [s.text for s in seg.statements]
    assert texts[0].endswith("Albany, N.Y.") and texts[1].startswith("Mr. Gray had asked")
    assert any(t.startswith("The office in Washington, D.C. said nothing") for t in texts)
    assert all(text[s.start:s.end] == s.text for s in seg.statements)


@pytest.mark.parametrize("text, parts", [
    # "but" before a word or two and a comma is an aside inside a phrase, not a second claim
    ("The envoy would leave the talks if given a prominent, but unpaid, advisory post, officials said on Friday.", 1),
    ("\u201cWe are disappointed by the court's ruling in this case, but hardly surprised,\u201d the lawyer said.", 1),
    # ... a subject after it opens a clause of its own
    ("The plan failed in the Senate last week, but he said, in a long interview, that he would try again.", 2),
])
def test_but_before_a_short_aside_does_not_cut_the_sentence(text: str, parts: int) -> None:
    assert len(one_text(text).statements) == parts


BBC = ROOT.parent / "shared" / "corpora" / "bbc_news"


@pytest.mark.skipif(not BBC.is_dir(), reason="../shared/corpora/bbc_news is absent")
def test_a_text_that_lost_its_line_breaks_gives_the_same_statements_and_no_paragraph() -> None:
    """Sixty BBC articles on one line (an export that lost its line breaks, 111 KB)
    are cut into the statements the same articles give as paragraphs; the block
    is no paragraph to read for context (the rules reading a statement's
    paragraph read 2 MB for each statement: 75 s for one such file)."""
    from compare_claims.segment import MAX_PARAGRAPH_CHARS

    texts = [" ".join(p.read_text(encoding="utf-8", errors="replace").split())
             for p in sorted((BBC / "business").glob("*.txt"))[:60]]
    one_line = " ".join(texts)
    assert len(one_line) > 5 * MAX_PARAGRAPH_CHARS
    joined = segment(Source("a", "a.txt", one_line), SEGMENT_CUES).statements
    apart = segment(Source("b", "b.txt", "\n\n".join(texts)), SEGMENT_CUES).statements
    assert [s.text for s in joined] == [s.text for s in apart]
    assert all(s.paragraph_start == s.paragraph_end == -1 for s in joined)
    assert all(one_line[s.start:s.end] == s.text for s in joined)
    assert all(s.paragraph_start >= 0 for s in apart)


def test_a_colon_cuts_only_before_a_capital() -> None:
    """A colon before a capital may join two claims; before a word in lower case,
    what follows is what the sentence names, and it stays whole."""
    from compare_claims.segment import _clauses

    named = "The inspectors saw something that caught their attention: emails sent from a private account."
    assert _clauses(named, 0, len(named)) == [(0, len(named))]
    two = "The inspectors gave their verdict on the plan: The ministry will close every port by June."
    assert len(_clauses(two, 0, len(two))) == 2


def test_an_attribution_before_a_colon_is_no_transcript_turn() -> None:
    # a headline quoting someone and a later "Added Jo Hart: “...”" made the article read as a
    # transcript, and every unattributed sentence the headline's speaker's (read 62)
    text = ("Tom Reyes: If The Harbour Deal Fails There Is A Real Risk Of Closure\n\n"
            "The port authority raised the stakes on the council in its push to pass the harbour deal.\n\n"
            "The message was hardly subtle. But it certainly was debatable.\n\n"
            "Added Jo Hart: \u201cI think you would really have to ask somebody else about the deal.\u201d\n")
    stmts = one_text(text).statements
    hints = {s.text.split()[1]: s.speaker_hint for s in stmts}
    assert hints["port"] == hints["message"] == ""
    assert hints["think"] == "Jo Hart"  # the name after the verb speaks that paragraph
    assert hints["The"] == "Tom Reyes"  # the headline still quotes its speaker


def test_a_question_mark_with_a_word_right_after_it_ends_no_sentence() -> None:
    """Read 67: a page whose encoding lost characters ("Reed ? and Jo ?Hale, and ?Ann Lee")
    was cut into "… and Jo ?", "Hale, and ?" and "Ann Lee, …": junk statements."""
    seg = one_text("The group is run by two strategists, Tom Reed ? and Jo ?Hale, and ?Ann Lee, "
                   "a former aide. They have reserved airtime. Wait for what? Wait until when?\n")
    assert [s.text for s in seg.statements] == [
        "The group is run by two strategists, Tom Reed ? and Jo ?Hale, and ?Ann Lee, a former aide.",
        "They have reserved airtime.", "Wait for what?", "Wait until when?"]
