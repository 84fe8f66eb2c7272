"""Word tokens of a statement with exact offsets, for cue matching and speakers.

Matching runs on a copy of the text in which curly quotes are straightened and
odd spaces made plain, one character for one, so offsets never move.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import accumulate

# One character in, one character out: offsets in the translated text are the
# offsets in the original.
_TRANSLATE_MAP = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-",
})


def char_pairs(table: dict[int, str]) -> tuple[tuple[str, str], ...]:
    """A ``str.maketrans`` table of one character for one, as (old, new) pairs."""
    return tuple((chr(k), v) for k, v in table.items())


def replace_chars(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """``text.translate(table)`` for a table of ``char_pairs`` whose new
    characters are none of the old ones.  On a text that is not ASCII,
    ``str.translate`` looks every character up in the table, some 50 times
    slower than a ``str.replace`` over the text for each character there is."""
    for old, new in pairs:
        if old in text:
            text = text.replace(old, new)
    return text


_TRANSLATE_PAIRS = char_pairs(_TRANSLATE_MAP)

# The characters beyond ASCII that `re` matches to an ASCII letter when case is
# ignored (tests/test_numbers_gates.py finds them over every code point).
_IGNORECASE_ASCII = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"), ("\u212a", "k"))


def ascii_case_folded(text: str) -> str:
    """``text`` lower-cased, with the characters `re` takes for an ASCII letter
    when case is ignored made that letter: an ASCII word ``re`` finds in
    ``text`` under IGNORECASE is a substring of this."""
    return replace_chars(text, _IGNORECASE_ASCII).lower()


def title_case(words: Iterable[str]) -> bool:
    """Are the words in Title Case, a headline's style: of the words longer
    than three letters, three in five or more capitalised ("of", "to", "a"
    stay lower)?"""
    long_words = [w for w in words if len(w) > 3 and w[:1].isalpha()]
    return bool(long_words) and sum(w[:1].isupper() for w in long_words) >= 0.6 * len(long_words)


def one_of(chars: str) -> str:
    r"""A pattern for one character of the class ``[chars]`` (``chars`` as
    written between the brackets, r"\w'’-"; no range or escape may hold a
    character beyond Latin-1).  ``re`` compiles a class holding such a
    character (and three runs of characters or more) into a bitmap of 65,536
    entries, ~0.3 ms a class in its Python compiler and some 5 ms a run over
    the project's patterns; the class of the others or each of those alone
    compiles in ~0.05 ms.  ``{1}`` keeps ``re`` from merging the alternatives
    back into one class, and the group one character wide (a lookbehind may
    hold it).  For a class inside a pattern: one that opens a pattern
    searched for lets ``re`` skip to its candidates, which a group does not."""
    wide = [c for c in chars if ord(c) > 0xFF]
    if not wide:
        return f"[{chars}]"
    narrow = "".join(c for c in chars if ord(c) <= 0xFF)
    return "(?:" + "|".join(([f"[{narrow}]"] if narrow else []) + [f"{c}{{1}}" for c in wide]) + ")"


# Words: letters/digits, joined by inner apostrophes or hyphens; split() with
# the group returns [gap, word, gap, word, ..., gap].
_SPLIT_RE = re.compile(r"(\w+(?:['\-]\w+)*)")


def plain(text: str) -> str:
    """``text`` with quotes straightened and odd spaces made plain (same length)."""
    if text.isascii():  # every character translated is beyond ASCII
        return text
    return replace_chars(text, _TRANSLATE_PAIRS)


def base(key: str) -> str:
    """A word without its possessive ending ("regime's" -> "regime")."""
    if key.endswith("'s"):
        return key[:-2]
    if key.endswith("s'"):
        return key[:-1]
    return key


class Toks:
    """Tokens of one (plain) text and the gaps between them."""

    __slots__ = ("text", "starts", "ends", "raws", "keys", "gaps", "n")

    def __init__(self, text: str) -> None:
        parts = _SPLIT_RE.split(text)  # one C-level split: [gap0, tok1, gap1, ..., gapN]
        bounds = list(accumulate(map(len, parts)))
        self.text = text
        self.raws: list[str] = parts[1::2]
        self.gaps: list[str] = parts[0::2]  # gaps[i] precedes token i; gaps[n] ends
        self.starts: list[int] = bounds[0:-1:2]
        self.ends: list[int] = bounds[1::2]
        self.keys: list[str] = list(map(str.lower, self.raws))
        self.n = len(self.raws)

    def gap_before(self, i: int) -> str:
        return self.gaps[i]

    def gap_after(self, i: int) -> str:
        """Text between token i and token i+1."""
        return self.gaps[i + 1]

    gap = gap_after
