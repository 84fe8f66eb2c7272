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
from dataclasses import dataclass
from typing import Callable, Sequence

from .models import Statement
from .textnorm import content_words, stem_words

DEFAULT_SCORER = "weighted"
DEFAULT_THRESHOLD = 34.0
# complete-linkage floor, as a fraction of ``threshold``
DEFAULT_LINK = 0.9


@dataclass(frozen=True)
class Features:
    """What the scorers compare: stems of content words, and their weights."""

    stems: tuple[str, ...]
    bag: frozenset[str]
    joined: str
    weight: float  # sum of the IDF of the bag


@dataclass(frozen=True)
class Aligned:
    """One group: statement indices (into the input), the reference, scores."""

    members: tuple[int, ...]
    reference: int
    score: float | None  # mean cross-source similarity; None for one source
    member_scores: tuple[float, ...]  # similarity of each member to the reference


def idf_table(bags: Sequence[frozenset[str]]) -> dict[str, float]:
    n = len(bags)
    df: dict[str, int] = {}
    for bag in bags:
        for t in bag:
            df[t] = df.get(t, 0) + 1
    return {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}


# Verbs that report speech carry no claim: "X said", "Y stressed".
REPORTING = frozenset(stem_words(
    "say tell state stress emphasize emphasise note add explain continue conclude respond sum "
    "announce declare remark reply comment quote clarify insist".split()))
REPORTING_WEIGHT = 0.2


def _demonyms(words: list[list[str]]) -> dict[str, str]:
    """Map "iranian" to "iran", "syrian" to "syria" when the place is named too."""
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


def featurize(texts: Sequence[str], background: Sequence[str] = ()) -> tuple[list[Features], dict[str, float]]:
    """Features of ``texts``; IDF counts ``texts`` and ``background`` (the other
    statements of the same sources), so that corpus-wide words weigh little."""
    words = [content_words(t) for t in texts]
    back_words = [content_words(t) for t in background]
    demonym = _demonyms(words + back_words)
    stems = [tuple(stem_words([demonym.get(w, w) for w in ws])) if ws else () for ws in words]
    bags = [frozenset(s) for s in stems]
    back_bags = [frozenset(stem_words([demonym.get(w, w) for w in ws])) for ws in back_words if ws]
    idf = idf_table(bags + back_bags)
    for t in REPORTING:
        if t in idf:
            idf[t] *= REPORTING_WEIGHT
    feats = [
        Features(s, b, " ".join(sorted(b)), sum(idf[t] for t in b))
        for s, b in zip(stems, bags)
    ]
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
    lo, hi = min(a.weight, b.weight), max(a.weight, b.weight)
    denom = 0.65 * lo + 0.35 * hi
    return min(100.0, 100.0 * shared / denom)


def token_set_score(a: Features, b: Features, idf: dict[str, float]) -> float:
    from rapidfuzz import fuzz

    return float(fuzz.token_set_ratio(a.joined, b.joined)) if a.bag and b.bag else 0.0


def token_sort_score(a: Features, b: Features, idf: dict[str, float]) -> float:
    from rapidfuzz import fuzz

    return float(fuzz.token_sort_ratio(a.joined, b.joined)) if a.bag and b.bag else 0.0


def blended_score(a: Features, b: Features, idf: dict[str, float]) -> float:
    w = weighted_score(a, b, idf)
    if w == 0.0:
        return 0.0
    return 0.8 * w + 0.2 * token_sort_score(a, b, idf)


SCORERS: dict[str, Callable[[Features, Features, dict[str, float]], float]] = {
    "weighted": blended_score,
    "idf": weighted_score,
    "token_set": token_set_score,
    "token_sort": token_sort_score,
}


def similarity(a: str, b: str, *, scorer: str = DEFAULT_SCORER, context: Sequence[str] = ()) -> float:
    """Score two texts 0-100 (IDF from ``context`` plus the two texts)."""
    feats, idf = featurize([a, b], context)
    return SCORERS[scorer](feats[0], feats[1], idf)


def align(
    statements: Sequence[Statement],
    *,
    scorer: str = DEFAULT_SCORER,
    threshold: float = DEFAULT_THRESHOLD,
    link: float = DEFAULT_LINK,
    background: Sequence[str] = (),
) -> list[Aligned]:
    """Partition ``statements`` into groups; every statement is in exactly one.

    The result does not depend on the order of ``statements``: candidate pairs
    are taken by score, ties broken by the statements' (source, start, end).
    """
    n = len(statements)
    fn = SCORERS[scorer]
    feats, idf = featurize([s.text for s in statements], background)
    keys = [(s.source, s.start, s.end) for s in statements]
    score: dict[tuple[int, int], float] = {}
    edges: list[tuple[float, tuple[str, int, int], tuple[str, int, int], int, int]] = []
    for i in range(n):
        for j in range(i + 1, n):
            if statements[i].source == statements[j].source:
                continue
            s = round(fn(feats[i], feats[j], idf), 6)
            score[(i, j)] = score[(j, i)] = s
            if s >= threshold:
                lo, hi = (i, j) if keys[i] <= keys[j] else (j, i)
                edges.append((-s, keys[lo], keys[hi], lo, hi))
    edges.sort()
    floor = threshold * link
    cluster_of = list(range(n))
    clusters: dict[int, list[int]] = {i: [i] for i in range(n)}
    for _neg, _ka, _kb, i, j in edges:
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj:
            continue
        a, b = clusters[ci], clusters[cj]
        ok = all(
            score.get((x, y), floor) >= floor
            for x in a
            for y in b
            if statements[x].source != statements[y].source
        )
        if not ok:
            continue
        keep, drop = (ci, cj) if min(keys[x] for x in a) <= min(keys[x] for x in b) else (cj, ci)
        clusters[keep] = sorted(clusters[keep] + clusters.pop(drop), key=lambda x: keys[x])
        for x in clusters[keep]:
            cluster_of[x] = keep
    out: list[Aligned] = []
    for members in clusters.values():
        cross = [score[(x, y)] for k, x in enumerate(members) for y in members[k + 1:]
                 if statements[x].source != statements[y].source]
        if cross:
            # the reference is the member most similar to the rest (a medoid)
            ref = max(members, key=lambda x: (sum(score.get((x, y), 0.0) for y in members if y != x), [-v for v in keys[x][1:]]))
            mscores = tuple(100.0 if x == ref else score.get((x, ref), 0.0) for x in members)
            out.append(Aligned(tuple(members), ref, sum(cross) / len(cross), mscores))
        else:
            out.append(Aligned(tuple(members), members[0], None, tuple(100.0 for _ in members)))
    return out
