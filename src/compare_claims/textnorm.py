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
_DIGIT_RE = re.compile(r"\d")
_THOUSANDS_RE = re.compile(r"(?<=\d)[,\u00a0 ](?=\d{3}\b)")
_AMERICA = frozenset({"american", "americans", "america"})
# Irregular past forms the stemmer leaves alone; without them "found" and
# "finding" never meet.  General English, not tuned to any text.
IRREGULAR = {
    "found": "find", "felt": "feel", "said": "say", "told": "tell", "took": "take", "taken": "take",
    "held": "hold", "went": "go", "gone": "go", "made": "make", "came": "come", "gave": "give",
    "given": "give", "saw": "see", "seen": "see", "knew": "know", "known": "know", "thought": "think",
    "brought": "bring", "began": "begin", "begun": "begin", "sent": "send", "met": "meet", "left": "leave",
    "kept": "keep", "led": "lead", "won": "win", "lost": "lose", "paid": "pay", "spoke": "speak",
    "spoken": "speak", "chose": "choose", "chosen": "choose", "broke": "break", "broken": "break",
    "sought": "seek", "fought": "fight", "bought": "buy", "caught": "catch", "taught": "teach",
    "built": "build", "spent": "spend", "stood": "stand", "understood": "understand", "wrote": "write",
    "written": "write", "drew": "draw", "drawn": "draw", "grew": "grow", "grown": "grow", "rose": "rise",
    "risen": "rise", "fell": "fall", "fallen": "fall", "threw": "throw", "thrown": "throw",
    "heard": "hear", "meant": "mean", "shot": "shoot", "struck": "strike", "withdrew": "withdraw",
    "withdrawn": "withdraw", "forbade": "forbid", "undertook": "undertake", "overtook": "overtake",
    "ran": "run", "sat": "sit", "hid": "hide", "hidden": "hide", "bore": "bear", "borne": "bear",
    "swore": "swear", "sworn": "swear", "tore": "tear", "torn": "tear", "wore": "wear", "worn": "wear",
    "became": "become", "forgot": "forget", "forgotten": "forget", "got": "get", "gotten": "get",
    "troops": "troop", "rumours": "rumor", "rumour": "rumor",
}


def _spelling(w: str) -> str:
    """British to American spelling of -our words (rumour/rumor, favour/favor)."""
    if len(w) >= 6:
        for suf in ("our", "ours", "oured", "ouring"):
            if w.endswith(suf):
                return w[: -len(suf)] + "or" + suf[3:]
    return w


# word -> its content form ("" for a stopword); words repeat, so each is worked once
_CONTENT_MEMO: dict[str, str] = {}


def _content_form(tok: str) -> str:
    form = _CONTENT_MEMO.get(tok)
    if form is None:
        w = tok[:-2] if tok.endswith("'s") else tok
        if w in _AMERICA:
            w = "usa"
        if w in STOPWORDS or (len(w) < 2 and not w.isdigit()):
            form = ""
        else:
            form = IRREGULAR.get(w) or _spelling(w)
        _CONTENT_MEMO[tok] = form
    return form


def content_words(text: str) -> list[str]:
    """Folded content words before stemming (see ``content_stems``)."""
    t = _US_RE.sub(" USA ", text)
    if _DIGIT_RE.search(t):
        t = _THOUSANDS_RE.sub("", t)
    t = _UNITED_STATES_RE.sub(" usa ", fold(t))
    kept: list[str] = []
    for tok in WORD_RE.findall(t):
        # hyphenated compounds count by their parts: "120000-strong" shares "120000"
        for w in tok.split("-") if "-" in tok else (tok,):
            form = _content_form(w)
            if form:
                kept.append(form)
    return kept


_STEM_MEMO: dict[str, str] = {}


def stem_words(words: list[str]) -> list[str]:
    """Snowball stems, memoised per word."""
    missing = [w for w in set(words) if w not in _STEM_MEMO]
    if missing:
        _STEM_MEMO.update(zip(missing, _stemmer().stemWords(missing)))
    return [_STEM_MEMO[w] for w in words]


def content_stems(text: str) -> list[str]:
    """Stems of the content words, in order (the unit the aligner compares).

    The United States is written in many ways ("US", "U.S.", "American",
    "the United States"); all become one token so that sources can agree on it.
    Only capital "US" is the country; lower-case "us" is a pronoun.  Numbers
    lose their thousands separators ("45,000" = "45000").
    """
    kept = content_words(text)
    return stem_words(kept) if kept else []
