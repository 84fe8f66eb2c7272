"""Group statements from different sources that tell the same claim.

API in rapidfuzz's manner: keyword-only ``scorer`` and ``threshold``, scores
0-100.

Words.  Statements are compared by the stems of their content words
(``textnorm.content_stems``: irregular forms lemmatised, numbers normalised,
news synonyms folded together), weighted by rarity among the statements
(IDF), so that the words every statement shares count little; the topic's own
keywords weigh ``TOPIC_WEIGHT`` of their IDF and reporting verbs
``REPORTING_WEIGHT``.  The default scorer, ``weighted``, is that weighted
overlap scaled by rapidfuzz's ``token_sort_ratio`` over the stems (near-
identical wording scores highest).

Evidence.  A score alone does not make a pair: two statements must share at
least ``MIN_SHARED`` stems (not one common word), at least one of them not a
keyword of the topic unless they share ``MIN_SHARED_TOPIC`` (a pair that shares
only "Iran" and "nuclear" says nothing), at least one that is not a name
(``names``: words the texts always capitalise), and at least one that is not
in most statements (``common``).  The last rule is what lets an inverted index
find every pair that can count without looking at all pairs.  A sentence two
sources print word for word (``VERBATIM_WORDS`` or more) needs no other
evidence: it is one utterance or one wire report.

Two rules of news weigh on a pair's score: a claim includes its speaker (a
pair given to two different named speakers weighs ``SPEAKER_FACTOR``, unless
close enough to be one remark attributed two ways), and news puts its main
claim first (a pair of two headlines or leads weighs ``LEAD_FACTOR``).

Rows.  Agglomerative, average linkage over cross-source pairs: two rows merge
when the mean score over every cross-source pair of statements they would
join is at least ``threshold`` (a pair without evidence, or under
``FLOOR`` x threshold, counts 0).  A row of twelve outlets that tell one claim
grows because most of its pairs match; an unrelated statement cannot ride in
on one match, because it must match the row on average.  Merges go best first,
ties broken by the statements' (source, start, end), so the result does not
depend on input order.  Several statements of one source may share a row (a
headline and a lead), and every statement is in exactly one row.  Then each
source of a row must match the rest of it at ``MARGIN`` x threshold (at most
100) on average, else its statements leave, weakest source first; a row left
with one source falls apart.  The mean of a row of two sources is one pair of
texts, so it needs the margin over the threshold the linkage used.  Before
that, a row of headlines joins the row that holds most of their outlets'
leads, where those leads tell one claim (``_titles_join_leads``): short
headlines score low against long leads, and one claim stayed two rows.

Relation.  A row's score is the mean cross-source pair score.  It is ``same``
(one claim) when that mean is at least ``SAME``, else ``related`` (about one
event, saying different things); the pipeline reads the relation again from
the members that tell the row's claim (pipeline._claim_and_related), and a
"related" row of fewer than ``RELATED_SOURCES`` sources that holds no
speaker's own words, nor one statement told within another, falls apart
there.  The
threshold was set on the development sets, ``SAME`` on rows read by eye
(README, "Quality").
"""
# No `from __future__ import annotations`: typing.NamedTuple compiles every string
# annotation into a ForwardRef at start-up (~35 us a field, ~9 ms a run in all).

import heapq
import math
import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from itertools import chain, product
from typing import Callable, NamedTuple, Sequence

from .models import Statement
from .textnorm import PLAIN, STOPWORDS, WORD_RE, Vocabulary, content_stems, stem_words, word_stem

DEFAULT_SCORER = "weighted"
# rows form at this mean cross-source score ("related" and above)
DEFAULT_THRESHOLD = 20.0
# a row whose mean cross-source score reaches SAME tells one claim
SAME = 35.0
# a row under SAME ("related") needs this many sources, a speaker's own words
# (quoted) in every claim member or a transcript's turn among them, or one of
# them told within another, else it falls apart (pipeline._falls_apart): two
# outlets' prose alike in part, reported speech included, is one pair of texts,
# and such rows told one claim in about a quarter to a third of those read by
# eye (reads 11-16); a quotation beside another outlet's prose, in 18 of 112
# (judged blind over BASIL); a speaker's own words given to two different
# people are two claims too (reads 18-22: the 6 such rows read were all judged
# two claims)
RELATED_SOURCES = 3
# pairs under FLOOR x threshold count 0 in a row's mean (and are never scored)
FLOOR = 0.5
# a statement outside a row comes near its claim at this share of the threshold or more
# (its source is then not said to leave the claim out; see ``Aligned.nearby``).  Judged
# blind over BASIL (187 statements near a row at 0.75): 34 told its claim, 63 part of
# it, 90 not; of the 32 under 0.85, 1, 8 and 23; of the 45 from 0.85 to 1, 5, 14 and 26: a
# wrong "leaves out" costs a reader more than a wrong "may tell", so the bar stops there.
# Near any member, not the reference alone (``_nearby``): of the 78 outlets it then
# says may tell a claim, where they were said to leave it out, blind readers found 9
# telling it, 34 in part, 35 not (the statement pointed to: 2, 22 and 54)
NEARBY = 0.85
# every source of a row must match the rest of it at MARGIN x threshold on
# average: a row of two sources rests on one pair of texts, and a third source
# that barely matches makes a row of two claims (read by eye, reads 11-13:
# two-source rows at 20-22 told one claim in 6 of 24; see _weak_sources)
MARGIN = 1.1
MIN_SHARED = 2
MIN_SHARED_TOPIC = 3
# a pair needs this many shared stems that are neither names nor titles and roles
# (``roles``): a person's designation shared is who, not what.  Measured with the
# roles: on the claim-member pairs judged in reads 11-14, pairs judged two claims
# together 41 -> 36 of 108, judged one claim 195 -> 192 of 225; reads 18-21's
# missed pairs together 7 -> 8 of 168; iran gold and ECB+ unchanged
NEED_NON_NAME = 1
# ... and at least this many that are neither names nor the topic's keywords
NEED_SPECIFIC = 0
# a stem in more than max(COMMON_MIN, COMMON_SHARE x n) statements cannot make a pair alone
COMMON_MIN = 200

COMMON_SHARE = 0.01


class Features(NamedTuple):
    """What the scorers compare: stems of content words, and their weights."""

    stems: tuple[str, ...]
    bag: frozenset[str]
    joined: str
    weight: float  # sum of the IDF of the bag


class Aligned(NamedTuple):
    """One row: statement indices (into the input), the reference, scores, relation."""

    members: tuple[int, ...]
    reference: int
    score: float | None  # mean cross-source similarity; None for one source
    member_scores: tuple[float, ...]  # similarity of each member to the reference (_member_score)
    relation: str = ""  # "same" | "related"; "" for one source
    # a statement of each source outside the row that comes near it (a pair with a member
    # scoring NEARBY x the threshold or more, with evidence): it may tell the claim in other words
    nearby: tuple[int, ...] = ()


class Context(NamedTuple):
    """What the evidence rule needs besides two statements' features."""

    topic: frozenset[str]
    names: frozenset[str]
    common: frozenset[str]
    roles: frozenset[str] = frozenset()  # stems of titles and roles ("leader", "senator")


# added to every IDF: a word in most statements still counts (the words of the
# event itself), and rare words dominate less
IDF_ADD = 2.0


def idf_table(bags: Sequence[frozenset[str]], document_frequency: Counter[str], documents: int) -> dict[str, float]:
    """Rarity of each stem of ``bags`` among ``documents`` statements
    (``document_frequency`` counts them; without them, among ``bags``)."""
    df = document_frequency
    n = documents
    if not documents:
        df = Counter(t for bag in bags for t in bag)
        n = len(bags)
    stems = dict.fromkeys(chain.from_iterable(bags))  # each once, in the order met
    return {t: max(0.0, math.log((n + 1) / (df.get(t, 0) + 0.5))) + IDF_ADD for t in stems}


# Verbs that report speech carry no claim: "X said", "Y stressed".
REPORTING = frozenset(stem_words(
    "say tell state stress emphasize emphasise note add explain continue conclude respond sum "
    "announce declare remark reply comment quote clarify insist".split()))
REPORTING_WEIGHT = 0.2
# Share of the smaller statement in the overlap's denominator (1 would be the
# overlap coefficient, 0.5 a Dice-like mean): near 1, a clause inside a long
# sentence matches it fully; lower, length differences count against a pair.
SMALLER_SIDE = 0.65
# The topic's own keywords are in most statements of a topic by construction:
# sharing "Venezuela" says little about sharing a claim about Venezuela.
TOPIC_WEIGHT = 1.0


def _demonyms(words: Sequence[Sequence[str]], names: frozenset[str] = frozenset()) -> dict[str, str]:
    """Map the stem "iranian" to "iran", "syrian" to "syria" when the place is
    named too; a noun in "-sion" to its verb in "-d" ("explosion",
    "exploded"); and of two names one of which extends the other by at most
    three letters ("isra" for Israeli, "israel"), the longer to the shorter."""
    vocab = {w for ws in words for w in ws}
    out = {}
    for w in vocab:
        if len(w) > 5 and w.endswith("n"):
            for cut in (1, 2, 3):
                base = w[:-cut]
                if len(base) >= 4 and base in vocab and base[-1] in "aeiou" + "n":
                    out[w] = base
                    break
    # a verb and its noun in Latin "d/s" ("explod" for exploded, "explos" for
    # explosion; "decid"/"decis", "respond"/"respons"), when the texts hold both
    for w in vocab:
        if len(w) >= 5 and w.endswith("d") and w not in names and w[:-1] + "s" in vocab \
                and w[:-1] + "s" not in names:
            out[w[:-1] + "s"] = w
    for w in sorted(names):
        if w in out or len(w) < 5:
            continue
        for cut in (1, 2, 3):
            base = w[:-cut]
            if len(base) >= 4 and base in names and base in vocab:
                out[w] = out.get(base, base)
                break
    return out


# Two stems in a row are one word (``_compounds``) only where the one word is written at
# least 1/COMPOUND_SHARE as often as the two
# (a hashtag, "#HarbourFees", does not make thirty "harbour fees" one word)
COMPOUND_SHARE = 4


def _word_part(stem: str) -> bool:
    """A stem that can be part of a compound: letters, two or more (figures
    have their own forms: "07:37" is no word "0737")."""
    return len(stem) >= 2 and stem.isalpha()


def _compounds(stems: Sequence[Sequence[str]], document_frequency: Counter[str]) -> Sequence[Sequence[str]]:
    """Two stems in a row whose joined form the sources also write as one
    word are that word: a compound one outlet writes with a hyphen or a space
    and another as one ("Hale-Mart" / "Halemart", "co-chair" / "cochair")."""
    seen = {w for ws in stems for w in ws}

    def written(w: str) -> int:  # statements that write ``w`` (at least 1 when one here does)
        return document_frequency.get(w, 0) or int(w in seen)

    pairs: Counter[str] = Counter()
    for ws in stems:
        pairs.update({a + b for a, b in zip(ws, ws[1:]) if _word_part(a) and _word_part(b) and written(a + b)})
    one = {w for w, n in pairs.items() if written(w) * COMPOUND_SHARE >= n}
    if not one:
        return stems
    out: list[Sequence[str]] = []
    for ws in stems:
        joined: list[str] = []
        i = 0
        while i < len(ws):
            if i + 1 < len(ws) and ws[i] + ws[i + 1] in one and _word_part(ws[i]) and _word_part(ws[i + 1]):
                joined.append(ws[i] + ws[i + 1])
                i += 2
            else:
                joined.append(ws[i])
                i += 1
        out.append(tuple(joined))
    return out


def featurize(
    stems: Sequence[Sequence[str]], document_frequency: Counter[str] | None = None, documents: int = 0,
    topic_stems: frozenset[str] = frozenset(), names: frozenset[str] = frozenset(),
) -> tuple[list[Features], dict[str, float]]:
    """Features of statements given their content stems; IDF from the document
    frequencies of the sources' statements, so that corpus-wide words weigh
    little; ``topic_stems`` (the topic's keywords) weigh TOPIC_WEIGHT of their IDF."""
    df_in = document_frequency or Counter()
    stems = _compounds(stems, df_in)
    demonym = _demonyms([*stems, list(df_in)], names)
    mapped = [tuple(demonym.get(w, w) for w in ws) for ws in stems]
    bags = [frozenset(s) for s in mapped]
    df: Counter[str] = Counter()
    for t, c in df_in.items():
        df[demonym.get(t, t)] += c
    idf = idf_table(bags, df, documents)
    for t in REPORTING:
        if t in idf:
            idf[t] *= REPORTING_WEIGHT
    for t in topic_stems:
        if t in idf:
            idf[t] *= TOPIC_WEIGHT
    feats = [Features(s, b, " ".join(sorted(b)), sum(idf[t] for t in b)) for s, b in zip(mapped, bags)]
    return feats, idf


def weighted_score(a: Features, b: Features, idf: dict[str, float]) -> float:
    """IDF-weighted overlap, 0-100, symmetric.

    The shared weight is divided by a mix of the smaller and the larger side's
    weight: a clause inside a longer sentence still scores well, but less than
    a statement of the same length.
    """
    if not a.bag or not b.bag:
        return 0.0
    return _weighted(a, b, sum(idf[t] for t in a.bag & b.bag))


def _weighted(a: Features, b: Features, shared: float) -> float:
    """``weighted_score`` given the IDF weight the two statements share."""
    if shared <= 0:
        return 0.0
    if a.bag == b.bag:
        return 100.0
    lo, hi = min(a.weight, b.weight), max(a.weight, b.weight)
    denom = SMALLER_SIDE * lo + (1 - SMALLER_SIDE) * hi
    return min(100.0, 100.0 * shared / denom)


def token_set_score(a: Features, b: Features, idf: dict[str, float]) -> float:
    from rapidfuzz.fuzz import token_set_ratio

    return float(token_set_ratio(a.joined, b.joined)) if a.bag and b.bag else 0.0


@lru_cache(maxsize=1)
def score_ratio() -> Callable[[str, str], float]:
    """rapidfuzz's ratio, imported once: a ``from ... import`` costs 2 us a call,
    and the aligner scores tens of thousands of pairs."""
    from rapidfuzz.fuzz import ratio

    return ratio


def token_sort_score(a: Features, b: Features, idf: dict[str, float]) -> float:
    # ``joined`` is the sorted stems already: rapidfuzz's token_sort_ratio is its plain ratio
    return float(score_ratio()(a.joined, b.joined)) if a.bag and b.bag else 0.0


# A claim includes its speaker: two people saying alike things ("the report must
# be released") are two claims.  A pair given to two different named speakers
# scores SPEAKER_FACTOR of its words' score, unless it is close enough
# (SPEAKER_CLOSE) to be one remark attributed two ways (the speaker flag).
# Measured (scripts/quality.py): alignment precision on the dev gold 0.91 -> 1.00,
# ECB+ dev recall 0.605 -> 0.622, ECB+ outside the dev set 0.460 -> 0.448.
# Only for words that are the speakers' own (a quotation, a transcript turn:
# ``annotate.direct_speech``; the caller passes None for the others): a fact
# reported on two people's word ("Reed put the toll at 40" / "doctors said
# 40 died") is one claim attributed two ways.  Measured: ECB+ outside the dev
# set R 0.486 -> 0.498 at P 0.967 -> 0.968; dev gold and ECB+ dev unchanged.
SPEAKER_FACTOR = 0.5
SPEAKER_CLOSE = 60.0
# News puts its main claim first: the headline and the first paragraph of each
# report tell it, each outlet in its own words ("Two hurt as vandals torch
# Ruritanian ferry" / "Arson attack hits ferry during Ruritanian protests").  A pair of
# two such statements (blocks 0 and 1 of their sources) scores LEAD_FACTOR
# times its words' score.  Measured: BASIL triplets with one "same" row that
# holds the headline or lead of all three outlets 29 -> 64 of 100; ECB+ dev
# R 0.622 -> 0.669 at P 0.974; outside the dev set R 0.448 -> 0.486, P 0.974 ->
# 0.967.  Not smooth: 1.35 gave dev R 0.566, 1.45 0.689 (a few large merges
# decide these figures); see README, "Quality".
LEAD_FACTOR = 1.4
LEAD_PARAGRAPHS = 2

# The default blend scales the IDF overlap by rapidfuzz's token_sort_ratio over
# the stems: at least BLEND_WEIGHT of it, all of it for identical wording.  It
# never exceeds the IDF overlap, which lets the candidate search bound it.
BLEND_WEIGHT = 0.6


def blended_score(a: Features, b: Features, idf: dict[str, float]) -> float:
    return _blended(a, b, weighted_score(a, b, idf))


def _blended(a: Features, b: Features, weighted: float) -> float:
    """``blended_score`` given the pair's ``weighted_score``."""
    if weighted == 0.0:
        return 0.0
    return weighted * (BLEND_WEIGHT + (1 - BLEND_WEIGHT) * float(score_ratio()(a.joined, b.joined)) / 100.0)


SCORERS: dict[str, Callable[[Features, Features, dict[str, float]], float]] = {
    "weighted": blended_score,
    "idf": weighted_score,
    "token_set": token_set_score,
    "token_sort": token_sort_score,
}


def evidence(a: Features, b: Features, ctx: Context) -> bool:
    """True when two statements share enough to be a pair at all (see the module doc)."""
    return _is_evidence(a.bag & b.bag, ctx)


def _is_evidence(both: frozenset[str], ctx: Context) -> bool:
    """``evidence`` given the stems two statements share."""
    shared = both - REPORTING
    n = len(shared)
    if n < MIN_SHARED or len(shared - ctx.common) < MIN_SHARED:
        return False
    if n < MIN_SHARED_TOPIC and shared <= ctx.topic:
        return False
    if NEED_NON_NAME and len(shared - ctx.names - ctx.roles) < NEED_NON_NAME:
        return False
    if NEED_SPECIFIC and len(shared - ctx.names - ctx.topic) < NEED_SPECIFIC:
        return False
    return True


# a word, and whether a sentence ends right after it
# (its classes stay classes, not tokens.one_of: it reads every word of the
# statements selected, where a class matches faster than a group)
_TOKEN_END_RE = re.compile(r"([^\W_]+(?:[-'’][^\W_]+)*)([^\w\s]*[.!?:;\"“”][^\w\s]*(?=\s|$))?")


def case_counts(texts: Sequence[str]) -> Counter[tuple[str, bool]]:
    """How often each word (folded) is written with a capital, and without,
    inside a sentence (not its first word; texts in Title Case, headlines,
    skipped): counted per source, added up for ``names``."""
    counts: Counter[tuple[str, bool]] = Counter()
    for text in texts:
        toks = WORD_RE.findall(text)
        long_words = [t for t in toks if len(t) > 3]
        if not long_words or sum(t[0].isupper() for t in long_words) > 0.6 * len(long_words):
            continue
        # each word with the one before it: not the first word of a sentence
        pairs = _TOKEN_END_RE.findall(text)
        counts.update((tok.lower(), tok[0].isupper()) for (tok, _end), (_prev, prev_end) in zip(pairs[1:], pairs)
                      if not prev_end and tok[:1].isalpha())
    return counts


def names(counts: Counter[tuple[str, bool]], vocabulary: Vocabulary = PLAIN) -> frozenset[str]:
    """Stems of the words the texts (almost) always write with a capital
    inside a sentence: names ("Hale", "Ruritania")."""
    out = set()
    for (word, upper), c in counts.items():
        if upper and counts.get((word, False), 0) * 10 < c:
            st = word_stem(word, vocabulary)
            if st:
                out.add(st)
    return frozenset(out)


def names_of(texts: Sequence[str], vocabulary: Vocabulary = PLAIN) -> frozenset[str]:
    return names(case_counts(texts), vocabulary)


def _context(feats: Sequence[Features], topic_stems: frozenset[str], names: frozenset[str],
             roles: frozenset[str] = frozenset()) -> Context:
    df: dict[str, int] = {}
    for f in feats:
        for t in f.bag:
            df[t] = df.get(t, 0) + 1
    cap = max(COMMON_MIN, int(COMMON_SHARE * len(feats)))
    return Context(topic_stems, names, frozenset(t for t, c in df.items() if c > cap), roles)


class Scoring(NamedTuple):
    """What scoring a pair needs: every statement's features and the rules of the run."""

    feats: Sequence[Features]
    srcs: Sequence[str]
    idf: dict[str, float]
    ctx: Context
    lead: Sequence[bool]  # a headline or lead (blocks 0 and 1 of its source)
    speakers: Sequence[str | None]
    scorer: Callable[[Features, Features, dict[str, float]], float]
    floor: float  # pairs under it count 0 and are never kept
    postings: dict[str, list[int]]  # stem -> statements holding it (no common stem, no reporting verb)


def _postings(feats: Sequence[Features], ctx: Context) -> dict[str, list[int]]:
    """The inverted index of ``_candidate_pairs``: the statements (ascending) of each stem that can make a pair."""
    skip = ctx.common | REPORTING
    postings: dict[str, list[int]] = {}
    for i, f in enumerate(feats):
        for t in f.bag:
            if t not in skip:
                postings.setdefault(t, []).append(i)
    return postings


def _candidate_pairs(
    sc: Scoring, rows: range, *, bound: float, exhaustive: bool = False,
) -> list[tuple[int, int, frozenset[str], float]]:
    """Cross-source pairs worth scoring, i < j with i in ``rows``, with the stems they share and
    the IDF weight of those (a pair of two ``lead`` statements may score
    LEAD_FACTOR times its words: its bound is lower).

    A pair can count only when it shares MIN_SHARED stems that are neither
    ``common`` nor reporting verbs (``evidence``): an inverted index over those
    stems counts, for each statement, its shared stems with every later one
    (in C, through ``Counter``) without looking at every pair; a pair whose best
    possible score (the IDF overlap, which the blend never exceeds) stays
    under ``bound`` is never scored.  ``exhaustive`` returns every
    cross-source pair instead (the same rows, slower: for tests).
    """
    feats, srcs, idf, lead, postings = sc.feats, sc.srcs, sc.idf, sc.lead, sc.postings
    n = len(feats)
    if exhaustive:
        return [(i, j, both, sum(idf[t] for t in both)) for i in rows for j in range(i + 1, n)
                if srcs[i] != srcs[j] for both in (feats[i].bag & feats[j].bag,)]
    pairs: list[tuple[int, int, frozenset[str], float]] = []
    need = max(1, MIN_SHARED)
    for i in rows:
        f = feats[i]
        lists = []
        for t in f.bag:
            plist = postings.get(t)
            if plist is None:
                continue
            k = bisect_right(plist, i)
            if k < len(plist):
                lists.append(plist[k:] if k else plist)
        if len(lists) < need:
            continue
        counted = Counter(chain.from_iterable(lists))
        src = srcs[i]
        lead_i = bool(lead) and lead[i]
        bag, weight = f.bag, f.weight
        for j in sorted([j for j, c in counted.items() if c >= need]):  # pairs come out by (i, j)
            if srcs[j] == src:
                continue
            g = feats[j]
            both = bag & g.bag
            shared = sum(map(idf.__getitem__, both))
            lo, hi = (weight, g.weight) if weight <= g.weight else (g.weight, weight)
            least = bound / LEAD_FACTOR if lead_i and lead[j] else bound
            if lo > 0 and 100.0 * shared >= least * (SMALLER_SIDE * lo + (1 - SMALLER_SIDE) * hi):
                pairs.append((i, j, both, shared))
    return pairs


def _score(sc: Scoring, i: int, j: int, shared: float | None = None) -> float:
    """The score of the pair (i, j): its words, then the lead and speaker rules."""
    fn, feats, lead, speakers = sc.scorer, sc.feats, sc.lead, sc.speakers
    if shared is not None and fn in (blended_score, weighted_score):  # the weight shared is known
        w = _weighted(feats[i], feats[j], shared)
        s = round(_blended(feats[i], feats[j], w) if fn is blended_score else w, 6)
    else:
        s = round(fn(feats[i], feats[j], sc.idf), 6)
    if lead[i] and lead[j]:
        s = round(min(100.0, s * LEAD_FACTOR), 6)
    if speakers and s < SPEAKER_CLOSE and speakers[i] and speakers[j] and speakers[i] != speakers[j]:
        s = round(s * SPEAKER_FACTOR, 6)
    return s


def _pair_scores(sc: Scoring, rows: tuple[int, int], exhaustive: bool = False) -> list[tuple[int, int, float]]:
    """(i, j, score) of every pair with i in [rows) that has evidence and scores at least the floor, by (i, j)."""
    out = []
    for i, j, both, shared in _candidate_pairs(sc, range(*rows), bound=sc.floor, exhaustive=exhaustive):
        if not _is_evidence(both, sc.ctx):
            continue
        s = _score(sc, i, j, shared)
        if s >= sc.floor and s > 0:
            out.append((i, j, s))
    return out


def _exhaustive_pair_scores(sc: Scoring, rows: tuple[int, int]) -> list[tuple[int, int, float]]:
    return _pair_scores(sc, rows, exhaustive=True)


# below this many statements a pool costs more than it saves
MIN_STATEMENTS_PER_JOB = 1000
# parts per job: the first statements have the most later ones to meet, parts taken in turn even that out
PARTS_PER_JOB = 8


def all_pair_scores(sc: Scoring, *, jobs: int = 1, exhaustive: bool = False) -> dict[tuple[int, int], float]:
    """Every pair worth a row's mean, by (i, j): the statements cut in ranges
    of i, scored in ``jobs`` processes, merged in the order of the ranges
    (what one process scoring every range in turn gives)."""
    from .parallel import map_forked, ranges

    n = len(sc.feats)
    jobs = min(jobs, n // MIN_STATEMENTS_PER_JOB) if jobs > 1 else 1
    fn = _exhaustive_pair_scores if exhaustive else _pair_scores
    parts = ranges(n, jobs * PARTS_PER_JOB) if jobs > 1 else [(0, n)]
    if jobs > 1:
        score_ratio()  # rapidfuzz imported here, once, not in each forked process (~50 ms each)
    return {(i, j): s for got in map_forked(fn, sc, parts, jobs) for i, j, s in got}


# A sentence that two sources print word for word is one utterance or one wire
# report, however few content words it holds ("And you prove it."): such a
# pair needs no other evidence, from VERBATIM_WORDS words on.
VERBATIM_WORDS = 4
# ... and a quotation both print whole, from this many words on even without a closing comma or stop
QUOTED_WORDS = 6
_VERBATIM_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


# a quotation whole inside a statement: its opening and closing marks
_QUOTATION_RE = re.compile(r"[“\"]([^“”\"]+)[”\"]")


# the end of a quotation opened in an earlier statement (“It's not about you. | It's
# not about your fees,” Hale said.), and the start of one that goes on in the next
_QUOTATION_END_RE = re.compile(r"^\s*([^“”\"]*[^\s“”\"])[”\"]")
_QUOTATION_START_RE = re.compile(r"[“\"]([^“”\"]*[^\s“”\"])\s*$")


def _quotations(text: str) -> list[str]:
    """The quoted words of ``text``: every quotation whole in it, and the end
    of one opened before it or the start of one that goes on after it (the
    marks on either side tell: a closing mark with none opening before it).
    Straight marks, which open and close alike, are read as closing first
    when the words before the first one end a clause (``jobs,"``)."""
    got = [m.group(1) for m in _QUOTATION_RE.finditer(text)]
    straight = text.count('"')
    curly_open, curly_close = text.count("“"), text.count("”")
    end = _QUOTATION_END_RE.match(text)
    if end and (curly_close > curly_open or (straight % 2 == 1 and not curly_open and not curly_close
                                             and end.group(1)[-1:] in (",", ".", "!", "?"))):
        got.append(end.group(1))
    elif curly_open > curly_close or (straight % 2 == 1 and not curly_open and not curly_close):
        start = _QUOTATION_START_RE.search(text)
        if start:
            got.append(start.group(1))
    return got


def _verbatim_pairs(statements: Sequence[Statement], srcs: Sequence[str],
                    stems: Sequence[tuple[str, ...]]) -> set[tuple[int, int]]:
    """Cross-source pairs (i < j) of statements with the same words, case and
    punctuation aside, or quoting the same words whole (“I will not step aside,”
    he said / “I will not step aside,” said Mr. Reed: one utterance, however the
    two attribute it)."""
    by_stems: dict[tuple[str, ...], list[int]] = {}
    for i, f in enumerate(stems):  # the same words have the same stems: only those are read again
        by_stems.setdefault(f, []).append(i)
    by_words: dict[tuple[str, ...], list[int]] = {}
    for i in sorted(i for same in by_stems.values() if len({srcs[k] for k in same}) > 1 for i in same):
        words = word_tuple(statements[i].text)
        if len(words) >= VERBATIM_WORDS:
            by_words.setdefault(words, []).append(i)
    quoted_sizes: set[int] = set()
    for i, st in enumerate(statements):
        if "“" in st.text or "”" in st.text or '"' in st.text:
            for quoted in _quotations(st.text):
                words = word_tuple(quoted)
                # an utterance: it ends inside its marks (“... aside,”), or is long; not
                # a name in quotation marks ("no pass, no play" policy)
                said = quoted.rstrip()[-1:] in (",", ".", "!", "?") or len(words) >= QUOTED_WORDS
                if said and len(words) >= VERBATIM_WORDS and i not in by_words.get(words, ()):
                    by_words.setdefault(words, []).append(i)
                    quoted_sizes.add(len(quoted.strip()))
    if quoted_sizes:
        # a sentence of a longer quotation is a statement of its own, without marks (“... I
        # understand why it upset people. It wasn't kind.”): the same words quoted whole
        # elsewhere are that utterance; only statements about as long as a quotation are read
        near = {q + d for q in quoted_sizes for d in range(-1, 4)}  # marks and a full stop of its own
        for i, st in enumerate(statements):
            if len(st.text.strip()) in near:
                words = word_tuple(st.text)
                if words in by_words and i not in by_words[words]:
                    by_words[words].append(i)
    return {(i, j) if i < j else (j, i) for same in by_words.values() if len(same) > 1
            for k, i in enumerate(same) for j in same[k + 1:] if srcs[i] != srcs[j]}


# A statement whose words, from CONTAINED_WORDS words on, another source prints
# word for word inside a longer statement is that one's utterance or report cut
# elsewhere ("and I will never, ever stop trying. …" / "... stop trying,” Mr.
# Reed told ..."): a pair with no other evidence needed, like verbatim ones.
CONTAINED_WORDS = 7


def _contained_pairs(statements: Sequence[Statement], srcs: Sequence[str], bags: Sequence[frozenset[str]],
                     postings: dict[str, list[int]]) -> set[tuple[int, int]]:
    """Cross-source pairs (i < j) where one statement's words are all of a run of the other's
    (``bags``: each statement's stems as the aligner compares them; ``postings``: their index).
    Words are read only for the pairs whose stems allow it: few."""
    words: dict[int, str] = {}

    def joined(k: int) -> str:
        if k not in words:
            words[k] = " " + " ".join(word_tuple(statements[k].text)) + " "
        return words[k]

    sizes = [len(st.text) for st in statements]
    pairs: set[tuple[int, int]] = set()
    for i, own in enumerate(bags):
        if statements[i].text.count(" ") < CONTAINED_WORDS - 1:
            continue  # fewer words than an utterance needs
        held = [postings[t] for t in own if t in postings]
        if not held:
            continue
        src, size = srcs[i], sizes[i]
        for j in min(held, key=len):  # the statements holding its rarest stem
            if sizes[j] > size and srcs[j] != src and own <= bags[j]:
                phrase = joined(i)
                if phrase.count(" ") > CONTAINED_WORDS and len(phrase) < len(joined(j)) and phrase in joined(j):
                    pairs.add((i, j) if i < j else (j, i))
    return pairs


# Two sources quoting the same few words (a “smug bully”, “stop hiding”)
# report one remark: the pair scores SAME at least.  The words are quoted in one
# of the two and present in the other; of QUOTED_PHRASE_WORDS words, with
# QUOTED_PHRASE_STEMS content stems of which one is neither a name nor common.
QUOTED_PHRASE_WORDS = (2, 8)
QUOTED_PHRASE_STEMS = 2
_NEXT_WORD_RE = re.compile(r"\s+([a-z]+)\b")  # a word in lower case right after the closing mark
_SO_CALLED_RE = re.compile(r"(?:so-called|dubbed|known as)\s*$", re.IGNORECASE)


def _quoted_phrase_pairs(statements: Sequence[Statement], srcs: Sequence[str], stems: Sequence[Sequence[str]],
                         postings: dict[str, list[int]], ctx: Context) -> set[tuple[int, int]]:
    """Cross-source pairs (i < j) where one quotes words the other holds (see QUOTED_PHRASE_WORDS)."""
    quoting: dict[tuple[str, ...], set[int]] = {}
    named: set[tuple[str, ...]] = set()
    lo, hi = QUOTED_PHRASE_WORDS
    for i, st in enumerate(statements):
        if "“" in st.text or '"' in st.text:
            for m in _QUOTATION_RE.finditer(st.text):
                words = word_tuple(m.group(1))
                if not lo <= len(words) <= hi:
                    continue
                quoting.setdefault(words, set()).add(i)
                # a name in quotation marks (“Keep Westmark Green” hats, the “no pass,
                # no play” policy) or a term (the so-called “nuclear option”) is no one's
                # remark, wherever else it is quoted
                after = _NEXT_WORD_RE.match(st.text, m.end())
                if (m.group(1).istitle() or (after and after.group(1) not in STOPWORDS)
                        or _SO_CALLED_RE.search(st.text, max(0, m.start() - 12), m.start())):
                    named.add(words)
    pairs: set[tuple[int, int]] = set()
    for words, quoted_in in sorted(quoting.items()):
        if words in named:
            continue
        phrase_stems = set(content_stems(" ".join(words))) - REPORTING
        if len(phrase_stems) < QUOTED_PHRASE_STEMS or not phrase_stems - ctx.names - ctx.common:
            continue
        held: set[int] | None = None  # statements holding every stem of the phrase
        for t in sorted(phrase_stems):
            plist = postings.get(t)
            if plist is not None:
                held = set(plist) if held is None else held & set(plist)
        candidates = range(len(statements)) if held is None else sorted(held)
        joined = " " + " ".join(words) + " "
        holders = [j for j in candidates if phrase_stems <= set(stems[j])
                   and joined in " " + " ".join(word_tuple(statements[j].text)) + " "]
        pairs.update((i, j) if i < j else (j, i) for i in quoted_in for j in holders if srcs[i] != srcs[j])
    return pairs


_FIGURE_RE = re.compile(r"\d+(?:\.\d+)?")
FIGURES_SHARED = 2
FIGURE_ALONE_FROM = 1000


def _is_figure(stem: str) -> bool:
    """A figure that tells one fact: digits of 10 or more, not a year ("234", "6.1", "44000000")."""
    if not _FIGURE_RE.fullmatch(stem):
        return False
    if "." in stem:
        return True
    return int(stem) >= 10 and not 1800 <= int(stem) <= 2099


def _shared_figure_pairs(feats: Sequence[Features], srcs: Sequence[str],
                         postings: dict[str, list[int]]) -> set[tuple[int, int]]:
    """Cross-source pairs (i < j) that share FIGURES_SHARED figures or more, each held by
    at most two statements of a source ("passed 241-186" in three outlets), or one
    amount of FIGURE_ALONE_FROM or more that one statement of each source gives."""
    per_pair: dict[tuple[int, int], int] = {}
    for stem, holders in postings.items():
        if not _is_figure(stem):
            continue
        by_source = Counter(srcs[i] for i in holders)
        if max(by_source.values()) > 2 or len(by_source) < 2:
            continue
        # an amount of FIGURE_ALONE_FROM or more that one statement of each source gives
        # counts as two ("move $6 billion" / "about $6 billion in total")
        weight = FIGURES_SHARED if max(by_source.values()) == 1 and float(stem) >= FIGURE_ALONE_FROM else 1
        for k, i in enumerate(holders):
            for j in holders[k + 1:]:
                if srcs[i] != srcs[j]:
                    per_pair[(i, j)] = per_pair.get((i, j), 0) + weight
    return {ij for ij, c in per_pair.items() if c >= FIGURES_SHARED}


# a count against a count ("passed 388-7", "a 5-4 decision", "won, 121 to 58", "a
# 121-to-58 vote"): two numbers of up to three figures joined by a hyphen, a dash or
# "to", the larger first (a range, "10-12", "5 to 10", gives the smaller first), not
# inside a longer number, a date or a compound ("12-year-old")
_TALLY_RE = re.compile(r"(?<![\w.,/–-])(\d{1,3})(?:\s?[-–]\s?|[-\s]to[-\s])(\d{1,3})(?![\w/–-]|[.,]\d)")


def _shared_tally_pairs(statements: Sequence[Statement], srcs: Sequence[str]) -> set[tuple[int, int]]:
    """Cross-source pairs (i < j) giving one tally ("On Tuesday, the House voted 388-7" /
    "It passed in a 388-7 vote"), each held by at most two statements of a source: a
    vote's or a match's two counts tell one fact (such a pair scores the "same" score at
    least), the smaller often under 10, where ``_shared_figure_pairs`` counts no figure."""
    holders: dict[tuple[str, str], list[int]] = {}
    for i, st in enumerate(statements):
        # most sentences hold " to " and no figure: the plain tests first, then one search
        if ("-" in st.text or "–" in st.text or " to " in st.text) and _FIGURE_RE.search(st.text):
            for tally in {(a, b) for a, b in _TALLY_RE.findall(st.text) if int(a) > int(b)}:
                holders.setdefault(tally, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for held in holders.values():
        by_source = Counter(srcs[i] for i in held)
        if len(by_source) < 2 or max(by_source.values()) > 2:
            continue
        pairs.update((i, j) for k, i in enumerate(held) for j in held[k + 1:] if srcs[i] != srcs[j])
    return pairs


def word_tuple(text: str) -> tuple[str, ...]:
    """A statement's words as two sources printing it word for word share them
    (case and punctuation aside)."""
    return tuple(w.lower().replace("’", "'") for w in _VERBATIM_WORD_RE.findall(text))



# the words of a statement that goes on from one told alike: from this many on
GOING_ON_WORDS = 2
_CLOSING_MARK_RE = re.compile(r"[”\"]")


def _opening_words(text: str) -> tuple[str, ...]:
    """A statement's words up to the first closing quotation mark, when it
    closes one opened before it ('It’s harmful,” Mr. Dunn said ...'): the
    words of the quotation it goes on with; else all its words."""
    m = _CLOSING_MARK_RE.search(text)
    if m is not None and "“" not in text[:m.start()] and (m.group() == "”" or '"' not in text[m.end():]):
        return word_tuple(text[:m.start()])
    return word_tuple(text)


def _going_on_alike(statements: Sequence[Statement], srcs: Sequence[str],
                    pairs: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Cross-source pairs (i < j) of statements that go on word for word from a
    pair told alike (``pairs``): the next statement of each, right after it in
    its paragraph, opening on the same words, however few ("“I can’t help but
    feel that those words go much too far. It’s wrong. It’s
    harmful,” Mr. Dunn said": "It’s wrong." was a row of its own in each
    outlet, read 54); and so on from each pair found."""
    after: dict[int, int] = {}
    for i in range(len(statements) - 1):
        a, b = statements[i], statements[i + 1]
        if srcs[i] == srcs[i + 1] and a.paragraph == b.paragraph and 0 <= b.start - a.end <= 2:
            after[i] = i + 1
    found: set[tuple[int, int]] = set()
    todo = sorted(pairs)
    while todo:
        i, j = todo.pop()
        ni, nj = after.get(i), after.get(j)
        if ni is None or nj is None:
            continue
        words = _opening_words(statements[ni].text)
        pair = (ni, nj) if ni < nj else (nj, ni)
        if (len(words) >= GOING_ON_WORDS and words == _opening_words(statements[nj].text)
                and pair not in pairs and pair not in found):
            found.add(pair)
            todo.append(pair)
    return found


def relation_of(score: float | None) -> str:
    """The calibrated meaning of a row's score: ``same`` claim or ``related``."""
    if score is None:
        return ""
    return "same" if score >= SAME else "related"


Key = tuple[str, int, int]


def _average_linkage(
    n: int, keys: Sequence[Key], srcs: Sequence[str], pair_scores: dict[tuple[int, int], float], threshold: float
) -> list[list[int]]:
    """Merge rows best first while the mean cross-source score between them is
    at least ``threshold``; pairs not in ``pair_scores`` count 0."""
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    counts: dict[int, dict[str, int]] = {i: {srcs[i]: 1} for i in range(n)}
    size = [1] * n  # statements of each row
    first = list(keys)  # a row's first key: it keeps the smaller of the two it merges
    nbr: dict[int, dict[int, float]] = {i: {} for i in range(n)}
    # rows of one statement each: the mean of a cross-source pair is its score.  The heap
    # pops its smallest entry whatever the order entries went in: heapify is the pushes at once
    heap: list[tuple[float, Key, Key, int, int]] = []
    for (i, j), s in pair_scores.items():
        nbr[i][j] = s
        nbr[j][i] = s
        if s >= threshold and srcs[i] != srcs[j]:
            x, y = (i, j) if keys[i] <= keys[j] else (j, i)
            heap.append((-s, keys[x], keys[y], x, y))
    heapq.heapify(heap)

    def cross(a: int, b: int) -> int:
        ca, cb = counts[a], counts[b]
        if len(ca) == 1 and len(cb) == 1:  # the usual case: one source each
            return 0 if ca.keys() == cb.keys() else size[a] * size[b]
        if len(ca) > len(cb):
            ca, cb = cb, ca
        if len(ca) == 1:  # a row of one source against a larger one
            for s, c in ca.items():
                return size[a] * size[b] - c * cb.get(s, 0)
        return size[a] * size[b] - sum(c * cb.get(s, 0) for s, c in ca.items())

    pop, push = heapq.heappop, heapq.heappush
    while heap:
        neg, _kx, _ky, a, b = pop(heap)
        if a not in members or b not in members:
            continue
        total = nbr[a].get(b)
        if total is None:
            continue
        c = cross(a, b)
        if c <= 0 or total / c != -neg:
            continue  # stale: one of the two rows has grown since
        keep, drop = (a, b) if first[a] <= first[b] else (b, a)
        members[keep].extend(members.pop(drop))
        size[keep] += size[drop]
        kc = counts[keep]
        for src_id, k in counts.pop(drop).items():
            kc[src_id] = kc.get(src_id, 0) + k
        dn = nbr.pop(drop)
        kn = nbr[keep]
        kn.pop(drop, None)
        for x, s in dn.items():
            if x == keep:
                continue
            kn[x] = merged = kn.get(x, 0.0) + s
            xn = nbr[x]
            xn.pop(drop, None)
            xn[keep] = merged
        fk = first[keep]
        for x, s in kn.items():
            if s < threshold:  # the mean can only be lower (quick reject)
                continue
            c = cross(keep, x)
            if c <= 0:
                continue
            avg = s / c
            if avg >= threshold:
                fx = first[x]
                push(heap, (-avg, fk, fx, keep, x) if fk <= fx else (-avg, fx, fk, x, keep))
    return list(members.values())


# A claim every source tells is a clique: one statement of each source, each pair
# at the threshold or more and near the best match its statement has in the
# other's source (NEAR_BEST of it), the weakest pair at CLIQUE_FLOOR x threshold.
# Such cliques are rows before the linkage merges anything
# (``_claims_everyone_tells``): the linkage merges best pair first, and a
# statement whose best pair shares a side clause with another claim went there,
# leaving the claim it tells with every other source one short.  Measured with
# scripts/quality.py: BASIL pre-registered shared claims landing strictly 129 ->
# 134 of 290, leniently 147 -> 152; judged rows still together unchanged
# (529 / 155 / 40); the rows it changes, judged blind: 6 of 11 new ones one claim,
# 4 of the 7 they replace; iran gold, ECB+ dev and outside unchanged.  A floor of
# 1 x threshold: 138 / 158 of 290, but 16 of 31 new rows one claim against 17 of
# 26 replaced; every triangle of three sources instead of every source: ECB+ dev
# R 0.669 -> 0.568.
NEAR_BEST = 0.85
CLIQUE_FLOOR = 1.5


def _claims_everyone_tells(keys: Sequence[Key], srcs: Sequence[str], pair_scores: dict[tuple[int, int], float],
                           threshold: float) -> list[list[int]]:
    """The cliques of statements, one of every source, that tell one claim by
    NEAR_BEST: strongest weakest pair first, no statement in two."""
    sources = len(set(srcs))
    if sources < 3:  # two sources: a pair is the claim, the linkage's own first merge
        return []
    nbr: dict[int, dict[int, float]] = {}
    for (i, j), s in pair_scores.items():
        if srcs[i] != srcs[j] and s >= threshold:
            nbr.setdefault(i, {})[j] = s
            nbr.setdefault(j, {})[i] = s
    best: dict[tuple[int, str], float] = {}
    for x, others in nbr.items():
        for y, s in others.items():
            if s > best.get((x, srcs[y]), 0.0):
                best[(x, srcs[y])] = s
    near = {x: {y: s for y, s in others.items()
                if s >= NEAR_BEST * best[(x, srcs[y])] and s >= NEAR_BEST * best[(y, srcs[x])]}
            for x, others in nbr.items()}
    # only a statement near-best with a statement of every other source can be in one
    near = {x: others for x, others in near.items() if len({srcs[y] for y in others}) == sources - 1}
    found: list[tuple[float, list[Key], list[int]]] = []
    for i, others in near.items():
        for j, sij in others.items():
            if j <= i or j not in near:
                continue
            clique, weakest = [i, j], sij
            while len(clique) < sources:  # grow it by the statement that fits it best
                told = {srcs[x] for x in clique}
                fits = [(min(near[y][x] for x in clique), keys[y], y) for y in others
                        if srcs[y] not in told and y in near and all(x in near[y] for x in clique)]
                if not fits:
                    break
                fit, _key, y = min(fits, key=lambda f: (-f[0], f[1]))
                clique.append(y)
                weakest = min(weakest, fit)
            if len(clique) == sources and weakest >= CLIQUE_FLOOR * threshold:
                found.append((-weakest, sorted(keys[x] for x in clique), clique))
    found.sort()
    used: set[int] = set()
    out = []
    for _w, _k, clique in found:
        if used.isdisjoint(clique):
            used.update(clique)
            out.append(clique)
    return out


# rows small enough to try every way of taking one statement from each source
CLAIM_COMBINATIONS = 256
# a row of titles joins the row holding the leads of at least this share of its sources
TITLES_WITH_LEADS = 0.5
# a title's lead: its text's first statement after it, in this many blocks from the
# top (the title, a line of date or byline, the lead)
TITLE_LEAD_BLOCKS = 3


def is_title(st: Statement) -> bool:
    """The text's title: its first block, one line without a full stop.  It
    sums up the lead in fewer words; where a row holds both, the lead tells
    the claim (a title often bundles two: "X resigns after allegations")."""
    return (st.paragraph == 0 and st.start == st.paragraph_start and st.end == st.paragraph_end
            and not st.text.rstrip().endswith("."))


def weighs_as_lead(st: Statement) -> bool:
    """A statement of the first blocks, title included: a pair of two weighs
    LEAD_FACTOR times its words when rows are built."""
    return st.paragraph < LEAD_PARAGRAPHS


def is_lead(st: Statement) -> bool:
    """A statement of the lead: the first blocks, the title aside."""
    return weighs_as_lead(st) and not is_title(st)


def _reference(ms: Sequence[int], srcs: Sequence[str], keys: Sequence[Key],
               sims: dict[tuple[int, int], float], titles: Sequence[bool] = (),
               leads: Sequence[bool] = ()) -> int | None:
    """The reference of a small row: one statement from each source such that
    the chosen statements are most alike among themselves (the claim the row
    tells), and of those the one most like the others.  A reference chosen by
    its likeness to every member can be a headline or a lead holding two
    claims, whose best match in another source is then a statement of the
    other claim.  None for a row with too many ways to choose."""
    by_source: dict[str, list[int]] = {}
    for x in ms:
        by_source.setdefault(srcs[x], []).append(x)
    if titles:  # a source's title only when the row holds no statement of its lead
        by_source = {k: [x for x in v if not titles[x]] if any(leads[x] for x in v) else v
                     for k, v in by_source.items()}
    if math.prod(len(v) for v in by_source.values()) > CLAIM_COMBINATIONS:
        return None

    def sim(x: int, y: int) -> float:
        return sims[(x, y) if keys[x] < keys[y] else (y, x)]

    best: tuple[float, list[Key]] | None = None
    chosen: list[int] = []
    for combo in product(*(by_source[k] for k in sorted(by_source))):
        total = round(sum(sim(x, y) for k, x in enumerate(combo) for y in combo[k + 1:]), 6)
        rank = (-total, sorted(keys[x] for x in combo))
        if best is None or rank < best:
            best, chosen = rank, list(combo)
    return min(chosen, key=lambda x: (-round(sum(sim(x, y) for y in chosen if y != x), 6), keys[x]))


def _member_score(x: int, ref: int, ms: Sequence[int], srcs: Sequence[str], keys: Sequence[Key],
                  sims: dict[tuple[int, int], float]) -> float:
    """A member's similarity to the reference; for another statement of the
    reference's own source, to its nearest member of another source if that is
    higher: what holds it in the row (two statements of one source are not
    aligned with each other, and read 50 found such members shown at 0.0)."""
    def sim(a: int, b: int) -> float:
        return sims[(a, b) if keys[a] < keys[b] else (b, a)]

    if x == ref:
        return 100.0
    if srcs[x] != srcs[ref]:
        return sim(x, ref)
    return max([sim(x, ref)] + [sim(x, y) for y in ms if srcs[y] != srcs[x]])


def _weak_sources(srcs: Sequence[str], sims: dict[tuple[int, int], float], margin: float) -> set[str]:
    """The sources of a row (``sims``: every pair of its statements and its score) that match the
    rest under ``margin`` on average: the weakest goes first (ties: the first
    source id) and the means of the others are taken again without it, until
    every source left reaches the margin or one is left (then all go)."""
    total: dict[str, float] = {}
    count: dict[str, int] = {}
    met: dict[str, list[tuple[str, float]]] = {}  # source -> (other source, score) of its pairs
    for (x, y), s in sims.items():
        a, b = srcs[x], srcs[y]
        if a != b:
            for one, other in ((a, b), (b, a)):
                total[one] = total.get(one, 0.0) + s
                count[one] = count.get(one, 0) + 1
                met.setdefault(one, []).append((other, s))
    weak: set[str] = set()
    while len(total) > 1:
        worst = min(sorted(total), key=lambda a: total[a] / count[a])
        if total[worst] >= margin * count[worst]:
            break
        weak.add(worst)
        del total[worst], count[worst]
        for other, s in met[worst]:  # the others' means without it
            if other in total:
                total[other] -= s
                count[other] -= 1
    if len(total) == 1:
        weak.update(total)
    return weak


def _medoid(ms: Sequence[int], srcs: Sequence[str], keys: Sequence[Key],
            sims: dict[tuple[int, int], float], threshold: float) -> int:
    """The reference of a large row: the claim most sources tell, the member
    that the most other sources match at the threshold, then the most similar
    to the rest."""
    total = {x: 0.0 for x in ms}
    for (x, y), s in sims.items():
        total[x] += s
        total[y] += s
    support = {x: len({srcs[y] for y in ms if srcs[y] != srcs[x]
                       and sims[(x, y) if keys[x] < keys[y] else (y, x)] >= threshold}) for x in ms}
    return min(ms, key=lambda x: (-support[x], -round(total[x], 6), keys[x]))


def align(
    statements: Sequence[Statement],
    *,
    scorer: str = DEFAULT_SCORER,
    threshold: float = DEFAULT_THRESHOLD,
    stems: Sequence[Sequence[str]],
    document_frequency: Counter[str] | None = None,
    documents: int = 0,
    topic_stems: frozenset[str] = frozenset(),
    names: frozenset[str] = frozenset(),
    speakers: Sequence[str | None] = (),
    roles: frozenset[str] = frozenset(),
    exhaustive: bool = False,
    jobs: int = 1,
) -> list[Aligned]:
    """Partition ``statements`` into rows; every statement is in exactly one.

    ``stems`` are each statement's content stems (``textnorm.content_stems``);
    ``document_frequency`` counts, for each stem, the statements of the
    sources that hold it (``documents`` in all): they weigh words; ``names``
    are the stems of names (``names_of``): a pair needs more than names.
    ``roles``: stems of titles and roles: a pair that shares only names and
    these tells who, not what ("Senate Democratic Leader Mark Dunn said ..." /
    "Senator Mark Dunn, the Democratic leader, is ...").
    ``speakers``: each statement's speaker (a last name, or None when unknown,
    a role, or the words are not the speaker's own); a pair of two different
    speakers weighs less (SPEAKER_FACTOR).
    ``exhaustive`` scores every cross-source pair instead of the inverted
    index's candidates (the same rows; for tests).  ``jobs``: score the pairs
    in that many processes (the same rows).

    The result does not depend on the order of ``statements``: merges are taken
    by score, ties broken by the statements' (source, start, end).
    """
    n = len(statements)
    feats, idf = featurize(stems, document_frequency, documents, topic_stems, names)
    ctx = _context(feats, topic_stems, names if NEED_NON_NAME else frozenset(), roles)
    keys = [(s.source, s.start, s.end) for s in statements]
    srcs = [s.source for s in statements]
    lead = [weighs_as_lead(st) for st in statements]
    titles = [is_title(st) for st in statements]
    leads = [is_lead(st) for st in statements]
    sc = Scoring(feats, srcs, idf, ctx, lead, speakers, SCORERS[scorer], threshold * FLOOR,
                 {} if exhaustive else _postings(feats, ctx))
    pair_scores = all_pair_scores(sc, jobs=jobs, exhaustive=exhaustive)
    postings = sc.postings or _postings(feats, ctx)
    verbatim = _verbatim_pairs(statements, srcs, [f.stems for f in feats])
    verbatim |= _contained_pairs(statements, srcs, [f.bag for f in feats], postings)
    verbatim |= _going_on_alike(statements, srcs, verbatim)
    pair_scores.update(dict.fromkeys(verbatim, 100.0))
    quoted = _quoted_phrase_pairs(statements, srcs, [f.stems for f in feats], postings, ctx)
    for ij in quoted:
        pair_scores[ij] = max(pair_scores.get(ij, 0.0), SAME)
    figures = _shared_figure_pairs(feats, srcs, postings)
    tallies = _shared_tally_pairs(statements, srcs)
    for ij in tallies:
        pair_scores[ij] = max(pair_scores.get(ij, 0.0), SAME)
    for ij in figures:
        pair_scores[ij] = max(pair_scores.get(ij, 0.0), MARGIN * threshold)
    # a claim everyone tells is merged first: its pairs count as 100 (a copy only when there is one)
    cliques = _claims_everyone_tells(keys, srcs, pair_scores, max(threshold, 1e-9))
    seeded = {**pair_scores, **{(x, y): 100.0 for c in cliques for x in c for y in c if x < y}} if cliques else pair_scores
    rows = _average_linkage(n, keys, srcs, seeded, max(threshold, 1e-9))

    def pair(x: int, y: int) -> float:
        a, b = (x, y) if x < y else (y, x)
        got = pair_scores.get((a, b))
        if got is not None:
            return got
        if (a, b) in verbatim:
            return 100.0
        if (a, b) in quoted or (a, b) in tallies:
            return max(SAME, _score(sc, a, b) if evidence(feats[a], feats[b], ctx) else 0.0)
        if (a, b) in figures:
            return max(MARGIN * threshold, _score(sc, a, b) if evidence(feats[a], feats[b], ctx) else 0.0)
        return _score(sc, a, b) if evidence(feats[a], feats[b], ctx) else 0.0

    rows = _titles_join_leads(rows, statements, keys, titles, pair, threshold * FLOOR)
    margin = min(100.0, MARGIN * threshold)
    neighbours = _neighbours(pair_scores, threshold * NEARBY)
    out: list[Aligned] = []
    for unsorted in rows:
        ms = sorted(unsorted, key=lambda x: keys[x])
        if len({srcs[x] for x in ms}) < 2:
            out.append(Aligned(tuple(ms), ms[0], None, tuple(100.0 for _ in ms), ""))
            continue
        sims = {(x, y): pair(x, y) for k, x in enumerate(ms) for y in ms[k + 1:]}
        weak = _weak_sources(srcs, sims, margin)
        if weak:  # their statements leave, each a row of its own
            out.extend(Aligned((x,), x, None, (100.0,), "") for x in ms if srcs[x] in weak)
            ms = [x for x in ms if srcs[x] not in weak]
            if len({srcs[x] for x in ms}) < 2:
                out.extend(Aligned((x,), x, None, (100.0,), "") for x in ms)
                continue
            sims = {(x, y): s for (x, y), s in sims.items() if srcs[x] not in weak and srcs[y] not in weak}
        cross_scores = [s for (x, y), s in sims.items() if srcs[x] != srcs[y]]
        ref = _reference(ms, srcs, keys, sims, titles, leads)
        if ref is None:
            ref = _medoid(ms, srcs, keys, sims, threshold)
        mscores = tuple(_member_score(x, ref, ms, srcs, keys, sims) for x in ms)
        score = sum(cross_scores) / len(cross_scores)
        out.append(Aligned(tuple(ms), ref, score, mscores, relation_of(score), _nearby(ms, srcs, keys, neighbours)))
    return out


def _titles_join_leads(rows: list[list[int]], statements: Sequence[Statement], keys: Sequence[Key],
                       titles: Sequence[bool], pair: Callable[[int, int], float], floor: float) -> list[list[int]]:
    """A row of titles joins the row that holds the leads (``TITLE_LEAD_BLOCKS``) of
    most of its sources (``TITLES_WITH_LEADS``, two at least), where those
    leads tell one claim (``SAME`` on average) and the two rows match at
    ``floor`` on average: a headline sums up its lead, so
    outlets whose headlines meet and whose leads meet tell one claim twice
    (ECB+: "Two hurt as vandals torch Ruritanian ferry" beside "An arson attack
    on a ferry in Ruritania hurt at least two people ...").  Titles are
    short: their pairs with the other outlets' long leads score low, and the
    linkage alone leaves the claim in two rows."""
    srcs = [st.source for st in statements]
    first_lead: dict[str, int] = {}
    for x in sorted((x for r in rows for x in r if not titles[x]), key=lambda x: keys[x]):
        if statements[x].paragraph < TITLE_LEAD_BLOCKS:
            first_lead.setdefault(srcs[x], x)
    row_of = {x: k for k, r in enumerate(rows) for x in r}
    joined: dict[int, int] = {}  # row of titles -> row it joins
    for k, r in enumerate(rows):
        sources = {srcs[x] for x in r}
        if len(sources) < 2 or not all(titles[x] for x in r):
            continue
        where = Counter(row_of[first_lead[s]] for s in sources if s in first_lead)
        if not where:
            continue
        target, n = min(where.items(), key=lambda t: (-t[1], t[0]))
        if target == k or n < max(2, TITLES_WITH_LEADS * len(sources)) or target in joined:
            continue
        leads = rows[target]
        told = [pair(x, y) for k2, x in enumerate(leads) for y in leads[k2 + 1:] if srcs[x] != srcs[y]]
        cross = [pair(x, y) for x in r for y in leads if srcs[x] != srcs[y]]
        if told and sum(told) / len(told) >= SAME and cross and sum(cross) / len(cross) >= floor:
            joined[k] = target
    if not joined:
        return rows
    out = [list(r) for r in rows]
    for k, target in joined.items():
        out[target].extend(out[k])
        out[k] = []
    return [r for r in out if r]


def _neighbours(pair_scores: dict[tuple[int, int], float], floor: float) -> dict[int, list[tuple[int, float]]]:
    """Each statement's pairs scoring ``floor`` or more: (other statement, score)."""
    out: dict[int, list[tuple[int, float]]] = {}
    for (i, j), s in pair_scores.items():
        if s >= floor:
            out.setdefault(i, []).append((j, s))
            out.setdefault(j, []).append((i, s))
    return out


def _nearby(ms: Sequence[int], srcs: Sequence[str], keys: Sequence[Key],
            neighbours: dict[int, list[tuple[int, float]]]) -> tuple[int, ...]:
    """The statement of each source outside the row that comes nearest the row:
    of those near any member (``neighbours``), the one whose scores with the
    members add up highest.  Near the reference alone, an outlet telling the
    claim in the words of another member was said to leave it out (over the
    readers' pre-registered BASIL claims, 36 such outlets; 18 from every member)."""
    inside = {srcs[x] for x in ms}
    total: dict[int, float] = {}
    for m in ms:
        for x, s in neighbours.get(m, ()):
            if srcs[x] not in inside:
                total[x] = total.get(x, 0.0) + s
    best: dict[str, tuple[float, Key, int]] = {}
    for x, t in total.items():
        got = best.get(srcs[x])
        if got is None or (-t, keys[x]) < (-got[0], got[1]):
            best[srcs[x]] = (t, keys[x], x)
    return tuple(best[src][2] for src in sorted(best))
