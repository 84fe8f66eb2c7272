"""Group statements from different sources that tell the same claim.

API in rapidfuzz's manner: keyword-only ``scorer`` and ``threshold``, scores
0-100.  The default scorer, ``weighted``, compares stemmed content words
weighted by rarity within the topic (IDF), so that the words every statement
of the topic shares ("Iran", "said") count little and the words that carry
the claim count much; rapidfuzz's ``token_set_ratio`` over the same stems is
blended in to reward near-identical wording.  Grouping is agglomerative with
complete linkage over cross-source pairs: two groups merge only when every
statement of one is at least ``link`` similar to every statement of the other
that comes from a different source, which stops chains of unrelated
statements.  Several statements of one source may share a group: one long
sentence can carry two claims that another source states in two sentences.
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Callable, NamedTuple, Sequence

from .models import Statement
from .textnorm import stem_words

DEFAULT_SCORER = "weighted"
DEFAULT_THRESHOLD = 25.0
# complete-linkage floor, as a fraction of ``threshold``
DEFAULT_LINK = 0.9


class Features(NamedTuple):
    """What the scorers compare: stems of content words, and their weights."""

    stems: tuple[str, ...]
    bag: frozenset[str]
    joined: str
    weight: float  # sum of the IDF of the bag


class Aligned(NamedTuple):
    """One group: statement indices (into the input), the reference, scores."""

    members: tuple[int, ...]
    reference: int
    score: float | None  # mean cross-source similarity; None for one source
    member_scores: tuple[float, ...]  # similarity of each member to the reference
    relation: str = ""  # "same" claim or only "related"; "" for one source


def idf_table(bags: Sequence[frozenset[str]], document_frequency: Counter[str], documents: int) -> dict[str, float]:
    """Rarity of each stem among ``documents`` statements (``document_frequency``
    counts them), and ``bags`` when they are not among those counted."""
    df = Counter(document_frequency)
    n = max(documents, len(bags))
    if not documents:
        for bag in bags:
            df.update(bag)
    return {t: math.log((n + 1) / (df.get(t, 0) + 0.5)) for bag in bags for t in bag}


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
# sharing "Maduro" says little about sharing a claim about Maduro.
TOPIC_WEIGHT = 0.5


def _demonyms(words: Sequence[Sequence[str]]) -> dict[str, str]:
    """Map the stem "iranian" to "iran", "syrian" to "syria" when the place is named too."""
    vocab = {w for ws in words for w in ws}
    out = {}
    for w in vocab:
        if len(w) > 5 and w.endswith("n"):
            for cut in (1, 2, 3):
                base = w[:-cut]
                if len(base) >= 4 and base in vocab and base[-1] in "aeiou" + "n":
                    out[w] = base
                    break
    return out


def featurize(
    stems: Sequence[Sequence[str]], document_frequency: Counter[str], documents: int,
    topic_stems: frozenset[str] = frozenset(),
) -> tuple[list[Features], dict[str, float]]:
    """Features of statements given their content stems; IDF from the
    document frequencies of the sources' statements, so that corpus-wide
    words weigh little; ``topic_stems`` (the topic's keywords) weigh
    TOPIC_WEIGHT of their IDF."""
    demonym = _demonyms([*stems, list(document_frequency)])
    mapped = [tuple(demonym.get(w, w) for w in ws) for ws in stems]
    bags = [frozenset(s) for s in mapped]
    df: Counter[str] = Counter()
    for t, c in document_frequency.items():
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
    shared = sum(idf[t] for t in a.bag & b.bag)
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


def token_sort_score(a: Features, b: Features, idf: dict[str, float]) -> float:
    from rapidfuzz.fuzz import token_sort_ratio

    return float(token_sort_ratio(a.joined, b.joined)) if a.bag and b.bag else 0.0


# The default blend scales the IDF overlap by rapidfuzz's token_sort_ratio over
# the stems: at least BLEND_WEIGHT of it, all of it for identical wording.  It
# never exceeds the IDF overlap, which lets the candidate search bound it.
BLEND_WEIGHT = 0.8


def blended_score(a: Features, b: Features, idf: dict[str, float]) -> float:
    w = weighted_score(a, b, idf)
    if w == 0.0:
        return 0.0
    return w * (BLEND_WEIGHT + (1 - BLEND_WEIGHT) * token_sort_score(a, b, idf) / 100.0)


SCORERS: dict[str, Callable[[Features, Features, dict[str, float]], float]] = {
    "weighted": blended_score,
    "idf": weighted_score,
    "token_set": token_set_score,
    "token_sort": token_sort_score,
}


# scorers that give 0 to two statements with no content stem in common
SPARSE_SCORERS = frozenset({"weighted", "idf"})


def _candidate_pairs(
    feats: Sequence[Features], srcs: Sequence[str], idf: dict[str, float], *, sparse: bool, bound: float
) -> list[tuple[int, int]]:
    """Cross-source pairs worth scoring, i < j.

    For the sparse scorers only pairs that share a content stem can score
    above 0: an inverted index finds them and sums their shared weight without
    looking at every pair, and a pair whose best possible score (the IDF
    overlap, which the blend never exceeds) stays under ``bound`` is never
    scored.  Stems found in most statements (the
    topic's own name) do not make a pair a candidate on their own, but still
    count in its upper bound.  This keeps thousands of statements fast.
    """
    n = len(feats)
    if not sparse:
        return [(i, j) for i in range(n) for j in range(i + 1, n) if srcs[i] != srcs[j]]
    postings: dict[str, list[int]] = {}
    for i, f in enumerate(feats):
        for t in f.bag:
            postings.setdefault(t, []).append(i)
    cap = max(30, n // 10)
    common = {t for t, plist in postings.items() if len(plist) > cap}
    pairs: list[tuple[int, int]] = []
    for i, f in enumerate(feats):
        acc: dict[int, float] = {}
        for t in f.bag:
            if t in common:
                continue
            w = idf[t]
            for j in postings[t]:
                if j > i and srcs[j] != srcs[i]:
                    acc[j] = acc.get(j, 0.0) + w
        if not acc:
            continue
        slack = sum(idf[t] for t in f.bag if t in common)
        for j, shared in acc.items():
            g = feats[j]
            lo, hi = min(f.weight, g.weight), max(f.weight, g.weight)
            best = min(100.0, 100.0 * (shared + slack) / (SMALLER_SIDE * lo + (1 - SMALLER_SIDE) * hi)) if lo > 0 else 0.0
            if best >= bound:
                pairs.append((i, j))
    pairs.sort()
    return pairs


def align(
    statements: Sequence[Statement],
    *,
    scorer: str = DEFAULT_SCORER,
    threshold: float = DEFAULT_THRESHOLD,
    link: float = DEFAULT_LINK,
    stems: Sequence[Sequence[str]],
    document_frequency: Counter[str] | None = None,
    documents: int = 0,
    topic_stems: frozenset[str] = frozenset(),
) -> list[Aligned]:
    """Partition ``statements`` into groups; every statement is in exactly one.

    ``stems`` are each statement's content stems (``textnorm.content_stems``);
    ``document_frequency`` counts, for each stem, the statements of the
    sources that hold it (``documents`` in all): they weigh words.

    The result does not depend on the order of ``statements``: candidate pairs
    are taken by score, ties broken by the statements' (source, start, end).
    """
    n = len(statements)
    fn = SCORERS[scorer]
    feats, idf = featurize(stems, document_frequency or Counter(), documents, topic_stems)
    keys = [(s.source, s.start, s.end) for s in statements]
    srcs = [s.source for s in statements]
    score: dict[tuple[int, int], float] = {}
    edges: list[tuple[float, tuple[str, int, int], tuple[str, int, int], int, int]] = []
    floor = threshold * link
    for i, j in _candidate_pairs(feats, srcs, idf, sparse=scorer in SPARSE_SCORERS, bound=floor):
        s = round(fn(feats[i], feats[j], idf), 6)
        score[(i, j)] = score[(j, i)] = s
        if s >= threshold and s > 0:  # a pair with nothing in common never aligns
            lo, hi = (i, j) if keys[i] <= keys[j] else (j, i)
            edges.append((-s, keys[lo], keys[hi], lo, hi))
    edges.sort()
    cluster_of = list(range(n))
    clusters: dict[int, list[int]] = {i: [i] for i in range(n)}
    for _neg, _ka, _kb, i, j in edges:
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj:
            continue
        a, b = clusters[ci], clusters[cj]
        ok = all(
            score.get((x, y), 0.0) >= floor and score.get((x, y), 0.0) > 0
            for x in a
            for y in b
            if statements[x].source != statements[y].source
        )
        if not ok:
            continue
        keep, drop = (ci, cj) if min(keys[x] for x in a) <= min(keys[x] for x in b) else (cj, ci)
        clusters[keep] = clusters[keep] + clusters.pop(drop)
        for x in clusters[keep]:
            cluster_of[x] = keep
    out: list[Aligned] = []
    for unsorted in clusters.values():
        members = sorted(unsorted, key=lambda x: keys[x])
        cross = [score[(x, y)] for k, x in enumerate(members) for y in members[k + 1:]
                 if statements[x].source != statements[y].source]
        if cross:
            # the reference is the member most similar to the rest (a medoid)
            ref = max(members, key=lambda x: (sum(score.get((x, y), 0.0) for y in members if y != x), [-v for v in keys[x][1:]]))
            mscores = tuple(100.0 if x == ref else score.get((x, ref), 0.0) for x in members)
            out.append(Aligned(tuple(members), ref, sum(cross) / len(cross), mscores, "same"))
        else:
            out.append(Aligned(tuple(members), members[0], None, tuple(100.0 for _ in members)))
    return out
