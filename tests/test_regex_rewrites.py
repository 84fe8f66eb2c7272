"""Patterns rewritten for speed find what the patterns they replace found.

A pattern that opens with a look back is tried at every position of a text;
one that opens with a character (or a class) lets ``re`` skip to the places
where it can start.  Each test below runs the old pattern beside the new one
on made-up text."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from compare_claims.config import load_segment_cues
from compare_claims.select import _NAME_RE

CUES = load_segment_cues()
HONORIFICS = ["Dr", "Mr", "Mrs", "Ms"]
OLD_INITIALS_END = re.compile(r"(?<=\b[A-Z]\.[A-Z]\.)\s+(?=(?:" + "|".join(HONORIFICS) + r")\.\s+[A-Z])")
OLD_NAME = re.compile(r"(?<=[\s(“\"'‘])[A-Z][a-z]{2,}(?:[-'’][A-Z]?[a-z]+)?")

SENTENCE_BITS = st.lists(
    st.sampled_from(["N.Y.", "D.C.", "U.S.", "A.B.C.", "Mr.", "Mrs.", "Ms.", "Dr.", "mr.", "Gowdy", "x", "X.", ".",
                     " ", "  ", "\n", "\u00a0", "in", "Chappaqua,", "(", "Y.", "N."]),
    max_size=20,
).map(lambda parts: " ".join(parts))

NAME_BITS = st.lists(
    st.sampled_from(["Bob", "Smith", "O'Neill", "Abc'Def", "Abc'D", "Abc’def", "Ab", "ABC", "Jean-Luc", "mary",
                     " ", "(", "“", "\"", "'", "‘", "’", "-", ",", ".", "Xyz'Qrs'Tuv", "A", "Zoë"]),
    max_size=20,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(SENTENCE_BITS, st.text()), st.data())
def test_initials_end_cuts_where_the_look_back_pattern_cut(text: str, data: st.DataObject) -> None:
    # the segmenter searches a sentence from its first character that is not blank
    a = data.draw(st.integers(0, len(text)))
    while a < len(text) and text[a].isspace():
        a += 1
    b = data.draw(st.integers(a, len(text)))
    old = [m.span() for m in OLD_INITIALS_END.finditer(text, a, b)]
    new = [m.span(1) for m in CUES.initials_end_re.finditer(text, a, b)]
    assert new == old


def test_the_honorifics_are_the_shipped_ones() -> None:
    assert "(?:Dr|Mr|Mrs|Ms)" in CUES.initials_end_re.pattern


@settings(max_examples=400, deadline=None)
@given(st.one_of(NAME_BITS, st.text()))
def test_names_found_as_the_look_back_pattern_found_them(text: str) -> None:
    assert _NAME_RE.findall(text) == OLD_NAME.findall(text)


def test_folded_text_holds_no_curly_apostrophe() -> None:
    # the keyword prefilter (select._prefilter) searches folded text and so
    # leaves the curly apostrophe out of its classes: no character folds to one
    from compare_claims.textnorm import fold

    assert [hex(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and "\u2019" in fold(f"a{chr(c)}b")] == []


@settings(max_examples=400, deadline=None)
@given(st.one_of(NAME_BITS, st.text()))
def test_prefilter_finds_what_the_curly_class_found(text: str) -> None:
    from compare_claims.config import load_topics
    from compare_claims.pipeline import matchers_for
    from compare_claims.textnorm import fold

    new = matchers_for(list(load_topics().values())).prefilter
    old = re.compile(new.pattern.replace("[\\w']", "[\\w'’]"))
    for t in (text, f"iran{text}", f"joint {text} comprehensive plan"):
        assert (new.search(fold(t)) is None) == (old.search(fold(t)) is None)


LINE_BITS = st.lists(
    st.sampled_from(["Read", "read", "READ", "more", "Log", "in", "log\u00a0in", "Sign up", "\u0130n", "Ne\u017fsletter",
                     "Correction:", "correction :", "Editor's", "Editor\u2019s", "note:", "This", "post", "has", "been",
                     "revised", "\u00a9", "(c)", "Photo:", "Get", "the", "latest", "Subscribe", "to", "our", "\u212a",
                     " ", "  ", "\t", "\n", ".", ",", ":", "x", "Iran", "said", "sign"]),
    max_size=12,
).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(LINE_BITS, LINE_BITS.map(lambda t: t.replace(" ", "")), st.text()))
def test_cue_phrases_find_what_their_pattern_finds(line: str) -> None:
    # the furniture patterns are compiled only for a line whose words may hold
    # a phrase: the test before the pattern must never turn a match away
    from compare_claims.segment import Phrases

    for cue in (CUES.prompt_re, CUES.call_re, CUES.credit_re, CUES.notice_re):
        pattern = re.compile(cue.source, cue.flags)
        fresh = Phrases(cue.source, cue.flags, cue.phrases)  # not compiled yet: the test on the words runs
        assert fresh.phrases == cue.phrases
        got, want = fresh.match(line), pattern.match(line)
        assert (got and got.span()) == (want and want.span())
        fresh = Phrases(cue.source, cue.flags, cue.phrases)
        got, want = fresh.search(line), pattern.search(line)
        assert (got and got.span()) == (want and want.span())


def test_cue_phrases_pass_every_line_when_a_letter_is_not_ascii() -> None:
    from compare_claims.segment import Phrases

    assert Phrases("(?:caf\u00e9)", re.IGNORECASE, ["caf\u00e9"]).phrases == ("",)
    assert Phrases("(?:)", re.IGNORECASE, []).match("anything") is not None
    assert Phrases("^(?:editor\u2019s\\s+note:)", re.IGNORECASE, ["editor\u2019s note:"]).phrases == ("editor\u2019s note:",)


def test_a_caseless_character_of_a_cue_phrase_matches_only_itself() -> None:
    # Phrases tests a line's folded words for such a character as it is
    chars = {c for cue in (CUES.prompt_re, CUES.call_re, CUES.credit_re, CUES.notice_re) for p in cue.phrases
             for c in p if not c.isascii()}
    assert chars  # "’", "©"
    for c in chars:
        pattern = re.compile(re.escape(c), re.IGNORECASE)
        assert [x for x in map(chr, range(0x110000)) if pattern.fullmatch(x)] == [c]


def test_a_text_without_an_editors_notice_does_not_compile_that_pattern() -> None:
    from compare_claims.models import Source
    from compare_claims.segment import segment

    cues = load_segment_cues()
    segment(Source("a", "a.txt", "Iran said on Monday that talks would resume.\n\nRead more\n"), cues)
    assert cues.notice_re.compiled is None and cues.prompt_re.compiled is not None


@settings(max_examples=400, deadline=None)
@given(st.one_of(NAME_BITS, SENTENCE_BITS, st.text(alphabet=st.characters(max_codepoint=127))).filter(str.isascii))
def test_tokenize_of_ascii_text_is_the_folded_pass(text: str) -> None:
    from compare_claims.textnorm import WORD_RE, fold, stem_words
    from compare_claims.topics import _parts, tokenize

    raw = _parts(WORD_RE.findall(text))
    words = _parts(WORD_RE.findall(fold(text)))
    assert len(words) == len(raw)
    assert tokenize(text) == (tuple(stem_words(words)), tuple(w.isupper() and len(w) > 1 for w in raw))


ONE_OF_SETS = ["-'’", "\\w'’-", "'’*-", "•·▪◦●*", "\\w.'’-", "”\"’", "“\"‘", "ab"]


def test_one_of_matches_the_characters_its_class_matches() -> None:
    # classes beyond Latin-1 are written as groups that compile faster (tokens.one_of)
    from compare_claims.tokens import one_of

    chars = "".join(map(chr, range(0x3000))) + "\U0001f600\uff07\u2019\u201c\u201d\u2018"
    for spec in ONE_OF_SETS:
        for flags in (0, re.IGNORECASE):
            new = re.compile(one_of(spec), flags)
            old = re.compile(f"[{spec}]", flags)
            assert [c for c in chars if new.fullmatch(c)] == [c for c in chars if old.fullmatch(c)], spec
        assert re.compile(f"(?<!{one_of(spec)})x").search("x")  # one character wide
    assert one_of("ab") == "[ab]"


@settings(max_examples=300, deadline=None)
@given(st.one_of(NAME_BITS, SENTENCE_BITS, st.text()))
def test_patterns_written_with_one_of_find_what_their_classes_found(text: str) -> None:
    from compare_claims import annotate, divergence, segment, select

    old = {
        select._NAME_RE: r"[\s(“\"'‘]([A-Z][a-z]{2,}(?:[-'’][A-Z]?[a-z]+)?)",
        divergence._QUOTE_WORD_RE: r"[^\W_]+(?:[\'’*-][^\W_]*)*|\*+",
        segment._INNER_END_RE: r"[.!?…][”\"’]?\s+(?=[“\"‘]?[A-Z])",
        segment._TURN_RE: r"^(?P<label>Question|Answer|Q|A|(?:[A-Z][a-z][\w.'’-]*)(?:\s[A-Z][a-z][\w.'’-]*){0,2}):\s+(?=\S)",
        segment._BULLET_RE: r"^[\s\u00a0]*(?:[•·▪◦●*]|-(?=\s)|–(?=\s)|—(?=\s)|\d{1,2}[.)](?=\s))?[\s\u00a0]*",
        annotate._name_re(): r"((?:[A-Z][\w'’-]+\s+){0,2}(?:[A-Z]\.\s+)?[A-Z][\w'’-]+)",
    }
    for new, source in old.items():
        was = re.compile(source, new.flags)
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in was.finditer(text)]
        assert [m.groups() for m in new.finditer(text)] == [m.groups() for m in was.finditer(text)]
    # (an abbreviated form of address before the name, "Mr.", is written with its capital)
    apposed = re.compile(r"\s*,\s+(?:[A-Z][a-z]{1,3}\.\s+)?(?i:((?:[A-Z][\w'’-]+\s+){0,2}(?:[A-Z]\.\s+)?[A-Z][\w'’-]+))")
    assert [m.span() for m in annotate._apposed_re().finditer(text)] == [m.span() for m in apposed.finditer(text)]


def test_the_any_case_letter_is_what_re_matches_to_a_capital_ignoring_case() -> None:
    from compare_claims.annotate import _ANY_CASE_LETTER

    new, old = re.compile(_ANY_CASE_LETTER), re.compile("(?i)[A-Z]")
    assert [c for c in range(0x110000) if bool(new.fullmatch(chr(c))) != bool(old.fullmatch(chr(c)))] == []


@settings(max_examples=400, deadline=None)
@given(st.one_of(NAME_BITS, SENTENCE_BITS, st.text()))
def test_words_are_what_parts_makes_of_them(text: str) -> None:
    from compare_claims.textnorm import WORD_RE
    from compare_claims.topics import _parts, _words

    assert _words(text) == _parts(WORD_RE.findall(text))
