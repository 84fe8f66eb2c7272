"""The number grammar's word gates: a pattern that cannot match without a word
(the amount without a currency's name, "... and a half" without "half") is
not tried, nor compiled, on a text that lacks it.  They must skip only what
could not match: the same quantities as without them, on any text."""
from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from compare_claims.config import load_lexicon
from compare_claims.numbers import NumberGrammar, find_numbers
from compare_claims.tokens import _IGNORECASE_ASCII, Toks, ascii_case_folded, plain

GRAMMAR = load_lexicon().numbers


def _without_word_gates(g: NumberGrammar) -> NumberGrammar:
    """The grammar as it was before the word gates (its own caches)."""
    needs = {name: tuple(n for n in need if n.isdisjoint(g.word_gates)) for name, need in g.needs.items()}
    return g._replace(needs=needs, word_gates={}, compiled={}, active_cache={})


UNGATED = _without_word_gates(GRAMMAR)


def test_the_gates_are_there() -> None:
    assert set(GRAMMAR.word_gates) == {"half", "currency"}
    assert "dollar" in GRAMMAR.word_gates["currency"]
    assert frozenset({"currency"}) in GRAMMAR.needs["amount_word"]


def test_every_character_re_takes_for_an_ascii_letter_is_folded() -> None:
    letter = re.compile("(?i)[a-z]")
    found = {}
    for code in range(128, sys.maxunicode + 1):
        c = chr(code)
        if letter.fullmatch(c):
            found[c] = next(x for x in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch("(?i)" + x, c))
    assert found == dict(_IGNORECASE_ASCII)


ODD = "\u0130\u0131\u017f\u212aİ"


@given(st.text(alphabet=st.sampled_from("halfdolrsuenpyHALFDOLRSUENPY " + ODD)), st.sampled_from(
    ["half", "dollar", "sterling", "euro", "rouble", "rupee", "yuan", "yen", "pound", "franc", "us"]))
def test_a_word_re_finds_case_ignored_is_in_the_folded_text(text: str, word: str) -> None:
    if re.search("(?i)" + re.escape(word), text):
        assert word in ascii_case_folded(text)


CURRENCY_SOUP = st.lists(
    st.sampled_from(
        "US us U.S. dollar dollars Dollars DOLLARS dollar's pound pounds sterling euro euros yen yuan rupee"
        " ſterling DOLLAR Half half HALF hour hours an a one and year years day 5 20 $ 3.5 two hundred million"
        " bn m more than about mid-May May 13 , . - troops an-hour half-hour".split()
    ),
    max_size=20,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(CURRENCY_SOUP, st.text()))
def test_word_gates_skip_only_what_cannot_match(text: str) -> None:
    tr = plain(text)
    assert find_numbers(tr, Toks(tr), GRAMMAR) == find_numbers(tr, Toks(tr), UNGATED)


def test_a_text_saying_us_does_not_compile_the_amount_pattern() -> None:
    g = GRAMMAR._replace(compiled={}, active_cache={})
    tr = "In 2019 the talks with us ended for a year."
    find_numbers(tr, Toks(tr), g)
    assert "amount_word" not in g.compiled and "dur_half" not in g.compiled
    tr = "They paid 20 US dollars for half an hour."
    assert find_numbers(tr, Toks(tr), g) == find_numbers(tr, Toks(tr), UNGATED)
    assert "amount_word" in g.compiled


def test_a_letter_re_takes_for_an_ascii_one_names_the_same_unit() -> None:
    # "ſ" (long s) matches "s" when case is ignored: the amount is read, not a crash
    for odd, plain_text in (("5 pound \u017fterling", "5 pound sterling"), ("40 \u212am", "40 km")):
        tr, ref = plain(odd), plain(plain_text)
        assert [q.value for _s, _e, q in find_numbers(tr, Toks(tr), GRAMMAR)] == \
            [q.value for _s, _e, q in find_numbers(ref, Toks(ref), GRAMMAR)]


def _without_month_digit_gates(g: NumberGrammar) -> NumberGrammar:
    needs = {name: tuple(n for n in need if n.isdisjoint({"day_month", "month_day", "month_year"}))
             for name, need in g.needs.items()}
    return g._replace(needs=needs, compiled={}, active_cache={})


NO_MONTH_DIGIT_GATES = _without_month_digit_gates(GRAMMAR)

DATE_SOUP = st.lists(
    st.sampled_from(
        "May May's d'May mid-May May-June Sept Sept. Jan. January June 13 13th 1st 2019 12-13 12 – 13 , . ' - in"
        " on since of 5 20 x-13 13-May ١٣ ２０１９ \u00a0 Mar. 3 123 2019x 13x 1²3 ¹ 20190 05th".split(" ")
    ),
    max_size=16,
).map(lambda parts: "".join(p + (" " if i % 3 else "") for i, p in enumerate(parts)))


@settings(max_examples=400, deadline=None)
@given(st.one_of(DATE_SOUP, DATE_SOUP.map(lambda t: t.replace(" ", "")), st.text()))
def test_month_digit_gates_skip_only_what_cannot_match(text: str) -> None:
    tr = plain(text)
    assert find_numbers(tr, Toks(tr), GRAMMAR) == find_numbers(tr, Toks(tr), NO_MONTH_DIGIT_GATES)


def test_a_month_without_a_day_or_year_next_to_it_compiles_no_date_pattern() -> None:
    g = GRAMMAR._replace(compiled={}, active_cache={})
    tr = "In May 2019 talks began; in June, 13 more."
    assert find_numbers(tr, Toks(tr), g) == find_numbers(tr, Toks(tr), NO_MONTH_DIGIT_GATES)
    assert "my" in g.compiled and "m" in g.compiled and "dmy" not in g.compiled
    assert "mdy" in g.compiled  # "June, 13"
    tr = "In May 2019 talks began; in June more."
    g = GRAMMAR._replace(compiled={}, active_cache={})
    assert find_numbers(tr, Toks(tr), g) == find_numbers(tr, Toks(tr), NO_MONTH_DIGIT_GATES)
    assert "my" in g.compiled and "mdy" not in g.compiled and "dmy" not in g.compiled
