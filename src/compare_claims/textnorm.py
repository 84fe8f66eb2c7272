"""Matching normalisation, always on a copy: offsets stay on the original text."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters folded for matching only (NO-BREAK SPACE, curly quotes, dashes).
_FOLD = str.maketrans({
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
})

WORD_RE = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)

# Function words carry no claim; dropping them keeps common words from
# outweighing content words when statements are compared.
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not now of off on once only or other our ours ourselves out over own
same she should so some such than that the their theirs them themselves then there these they this
those through to too under until up very was we were what when where which while who whom why will
with would you your yours yourself yourselves s t d ll m re ve o y ain said says say told
mr ms mrs dr us among within upon per via yet still even already well much many one ones
""".split())

NEGATIONS = frozenset({"not", "no", "never", "none", "nothing", "without", "nor", "n't"})


def fold(text: str) -> str:
    """Case-folded NFKC copy for matching (length may differ from the original)."""
    return unicodedata.normalize("NFKC", text.translate(_FOLD)).casefold()


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import Stemmer  # PyStemmer: C Snowball stemmer, cheap to import

    return Stemmer.Stemmer("english")


def stem_words(words: list[str]) -> list[str]:
    return list(_stemmer().stemWords(words))


def words(text: str) -> list[str]:
    """Folded word tokens; a trailing possessive 's is dropped."""
    out = []
    for w in WORD_RE.findall(fold(text)):
        if w.endswith("'s"):
            w = w[:-2]
        out.append(w)
    return out


_US_RE = re.compile(r"\bU\.S\.(?:A\.)?|\bUSA?\b")
_UNITED_STATES_RE = re.compile(r"\bunited states\b")
_AMERICA = frozenset({"american", "americans", "america"})


def content_stems(text: str) -> list[str]:
    """Stems of the content words, in order (the unit the aligner compares).

    The United States is written in many ways ("US", "U.S.", "American",
    "the United States"); all become one token so that sources can agree on it.
    Only capital "US" is the country; lower-case "us" is a pronoun.
    """
    t = _UNITED_STATES_RE.sub(" usa ", fold(_US_RE.sub(" USA ", text)))
    kept: list[str] = []
    for w in WORD_RE.findall(t):
        if w.endswith("'s"):
            w = w[:-2]
        if w in _AMERICA:
            w = "usa"
        if w in STOPWORDS or (len(w) < 2 and not w.isdigit()):
            continue
        kept.append(w)
    return stem_words(kept) if kept else []
