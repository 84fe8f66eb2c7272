"""Matching normalisation, always on a copy: offsets stay on the original text."""
# No `from __future__ import annotations`: see models.py (NamedTuple start-up cost).

import re
import unicodedata
from functools import lru_cache
from typing import Mapping, NamedTuple

from .tokens import char_pairs, replace_chars

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
around across along toward towards behind beside besides beyond despite since though although
whether unless onto amid amidst throughout
nothing something anything everything nobody somebody anybody everybody no-one someone anyone everyone none
""".split())


_FOLD_PAIRS = char_pairs(_FOLD)


def fold(text: str) -> str:
    """Case-folded NFKC copy for matching (length may differ from the original),
    without accents and other marks: outlets and users write "José" and "Jose",
    "Muñoz" and "Munoz"."""
    if text.isascii():  # nothing to translate or normalise
        return text.lower()
    folded = unicodedata.normalize("NFKC", replace_chars(text, _FOLD_PAIRS)).casefold()
    if folded.isascii():
        return folded
    bare = unicodedata.normalize("NFKD", folded)
    if len(bare) == len(folded):  # nothing decomposed: no mark to drop
        return folded
    return unicodedata.normalize("NFKC", "".join(c for c in bare if not unicodedata.combining(c)))


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import Stemmer  # PyStemmer: C Snowball stemmer, cheap to import

    # its own cache off (size 0): stem_words memoises every word already, and
    # that second cache costs more than it saves (1,550 new words: 1.9 -> 0.6 ms)
    return Stemmer.Stemmer("english", 0)


_US_RE = re.compile(r"\bU\.S\.(?:A\.)?|\bUSA?\b")
# initials written with full stops are one word, as they are without ("I.R.S." is
# "IRS", "F.B.I." "FBI": the New York Times writes them so, most outlets do not)
_DOTTED_RE = re.compile(r"\b(?:[A-Z]\.){2,}")
# a party and a state set off after a politician's name (", D-N.Y.", ", R-Ariz.", "(I-Vt.)"):
# who they are, not what the statement tells; its letters would make two statements
# about New York politicians share a word
_PARTY_TAG_RE = re.compile(r"(?:(?<=\()|(?<=, ))[DRI]-(?:[A-Z][a-z]+\.?|(?:[A-Z]\.){1,2}|[A-Z]{2})(?![\w-])")
_UNITED_STATES_RE = re.compile(r"\bunited states\b")
_DIGIT_RE = re.compile(r"\d")
_THOUSANDS_RE = re.compile(r"(?<=\d)[,\u00a0 ](?=\d{3}\b)")
# a decimal number is one token ("6.1"), otherwise words as WORD_RE
_CONTENT_RE = re.compile(r"\d+(?:\.\d+)+|[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)
_AMERICA = frozenset({"american", "americans", "america"})
# number words compared as digits ("three" meets "3"); "one" is too often a pronoun
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
_NUMBER_WORDS.update({"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70",
                      "eighty": "80", "ninety": "90", "hundred": "100", "thousand": "1000",
                      "million": "1000000", "billion": "1000000000"})
del _NUMBER_WORDS["one"]



class Vocabulary(NamedTuple):
    """What makes two words one for the aligner, beyond stemming: irregular
    forms and British spellings (``data/lemmas.tsv``) and news synonyms
    (``data/synonyms.tsv``), read by the input layer (config.py)."""

    lemmas: Mapping[str, str]  # form -> lemma ("struck" -> "strike")
    # a word of a synonym group, or one of its inflections -> the stem of its group's first
    # word; by the word, not its stem: "national" stems as "nation" does, "aide" as "aid",
    # "Harding" as "hard", and none of them means its group's other words
    synonyms: Mapping[str, str]
    memo: dict[str, str]  # word -> its content form ("" for a stopword), filled as words are met
    word_stems: dict[str, str]  # word as written -> its stem (word_stem), filled as words are met

    @classmethod
    def build(cls, lemmas: Mapping[str, str], synonym_groups: list[list[str]]) -> "Vocabulary":
        out: dict[str, str] = {}
        for group in synonym_groups:
            words = [lemmas.get(w, w) for w in group]
            first = stem_words(words[:1])[0]
            for w in words:
                for form in sorted(inflections(w)):
                    out.setdefault(form, first)
        # every form is kept, its own stem or not: stemming them all to drop some cost each run ~1 ms
        return cls(dict(lemmas), out, {}, {})


PLAIN = Vocabulary({}, {}, {}, {})  # stemming alone

_DOUBLED_RE = re.compile(r"[^aeiou][aeiou][bdgklmnprt]$")


def inflections(word: str) -> set[str]:
    """A word and its regular English inflections ("country": "countries";
    "ban": "banned", "banning"; "injure": "injured", "injuring")."""
    out = {word, word + "s", word + "es", word + "ed", word + "ing"}
    if word.endswith("y"):
        out |= {word[:-1] + "ies", word[:-1] + "ied"}
    if word.endswith("e"):
        out |= {word + "d", word[:-1] + "ing"}  # not "ban" -> "band"
    if _DOUBLED_RE.search(word):
        out |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return out


def _spelling(w: str) -> str:
    """British to American spelling of -our words (rumour/rumor, favour/favor)."""
    if len(w) >= 6:
        for suf in ("our", "ours", "oured", "ouring"):
            if w.endswith(suf):
                return w[: -len(suf)] + "or" + suf[3:]
    return w


def _content_form(tok: str, vocab: Vocabulary) -> str:
    form = vocab.memo.get(tok)
    if form is None:
        w = tok[:-2] if tok.endswith("'s") else tok
        if w in _AMERICA:
            w = "usa"
        if w in _NUMBER_WORDS:
            form = _NUMBER_WORDS[w]
        elif w in STOPWORDS or (len(w) < 2 and not w.isdigit()) or _contracted_stopword(w):
            form = ""
        else:
            form = vocab.lemmas.get(w) or _spelling(w)
        vocab.memo[tok] = form
    return form


_CONTRACTIONS = frozenset({"re", "ve", "ll", "d", "m"})


def _contracted_stopword(w: str) -> bool:
    """"we're", "they've", "I'm": a stopword and a verb's ending, no content
    ("We're urging ..." / "We are urging ..." quote one utterance)."""
    base, mark, ending = w.partition("'")
    return bool(mark) and ending in _CONTRACTIONS and base in STOPWORDS


# what "thousand", "million" and "billion" become (_NUMBER_WORDS)
_SCALES = frozenset({"1000", "1000000", "1000000000"})
# amounts from this size on also meet by their first two figures
_ROUNDED_FROM = 10_000


def _figure(value: float) -> str:
    return f"{value:.0f}" if value >= 1 else f"{value:g}"


def _amounts(words: list[str]) -> list[str]:
    """A number and its scale word made one amount ("44", "1000000" ->
    "44000000"), and a large amount given also by its first two figures, so
    that one figure told exactly and rounded meets ("$27,615,940" / "nearly
    $28 million", "$216 million" / "$219 million": the numbers flag tells
    them apart once they share a row)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        i += 1
        if not w[:1].isdigit():
            out.append(w)
            continue
        try:
            value = float(w)
        except ValueError:  # "3d", "1st"
            out.append(w)
            continue
        if i < len(words) and words[i] in _SCALES and value < 1000:
            value *= int(words[i])
            w = _figure(value)
            i += 1
        out.append(w)
        if value >= _ROUNDED_FROM:
            rounded = float(f"{value:.2g}")
            if rounded != value:
                out.append(_figure(rounded))
    return out


def content_words(text: str, vocab: Vocabulary = PLAIN) -> list[str]:
    """Folded content words before stemming (see ``content_stems``)."""
    # each pattern only where its words can be: `in` is much cheaper than a regex scan
    t = _PARTY_TAG_RE.sub(" ", text) if "-" in text else text
    t = _US_RE.sub(" USA ", t) if "US" in t or "U.S." in t else t
    if "." in t and _DOTTED_RE.search(t):
        t = _DOTTED_RE.sub(lambda m: m.group().replace(".", "") + " ", t)
    digits = _DIGIT_RE.search(t) is not None
    if digits:
        t = _THOUSANDS_RE.sub("", t)
    t = fold(t)
    if "united states" in t:
        t = _UNITED_STATES_RE.sub(" usa ", t)
    kept: list[str] = []
    known = vocab.memo.get  # most words were met before: one lookup, no call
    for tok in _CONTENT_RE.findall(t):
        # hyphenated compounds count by their parts: "45000-strong" shares "45000"
        for w in tok.split("-") if "-" in tok else (tok,):
            form = known(w)
            if form is None:
                form = _content_form(w, vocab)
            if form:
                kept.append(form)
    if digits or "illion" in t or "thousand" in t:
        return _amounts(kept)
    return kept


_STEM_MEMO: dict[str, str] = {}


def stem_words(words: list[str]) -> list[str]:
    """Snowball stems, memoised per word."""
    missing = [w for w in words if w not in _STEM_MEMO]
    if missing:
        missing = list(dict.fromkeys(missing))  # each once, in order met
        _STEM_MEMO.update(zip(missing, _stemmer().stemWords(missing)))
    return list(map(_STEM_MEMO.__getitem__, words))


def content_stems(text: str, vocab: Vocabulary = PLAIN) -> list[str]:
    """Stems of the content words, in order (the unit the aligner compares);
    words of one synonym group share the group's stem.

    The United States is written in many ways ("US", "U.S.", "American",
    "the United States"); all become one token so that sources can agree on it.
    Only capital "US" is the country; lower-case "us" is a pronoun.  Numbers
    lose their thousands separators ("45,000" = "45000"); number words become
    digits ("three" = "3").
    """
    kept = content_words(text, vocab)
    if not kept:
        return []
    syn = vocab.synonyms
    stems = stem_words(kept)
    return [syn.get(w, st) for w, st in zip(kept, stems)] if syn else stems


def word_stem(token: str, vocab: Vocabulary = PLAIN) -> str:
    """The aligner's stem of one word as written ("" for a stopword)."""
    got = vocab.word_stems.get(token)
    if got is None:
        stems = content_stems(token, vocab)
        got = vocab.word_stems[token] = stems[0] if len(stems) == 1 else ""
    return got
