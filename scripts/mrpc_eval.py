#!/usr/bin/env python3
"""The aligner's scorers on MRPC (Microsoft Research Paraphrase Corpus).

    .venv/bin/python scripts/mrpc_eval.py [--split test|train]

MRPC labels news sentence pairs as paraphrase or not; it is an outside check
of the scorers that `compare-claims` aligns statements with.  For each scorer
it prints ROC AUC (threshold-free), and accuracy and F1 at the scorer's best
threshold and, for `weighted`, at the CLI's default threshold.  IDF weights
come from all sentences of the split (as the CLI takes them from all the
statements of the sources).  Skips with a message when ../shared is absent.
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from compare_claims import align
from compare_claims.config import load_vocabulary
from compare_claims.textnorm import content_stems

MRPC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "mrpc"


def read(split: str) -> list[tuple[int, str, str]]:
    path = MRPC / f"msr_paraphrase_{split}.txt"
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(int(r[0]), r[3], r[4]) for r in rows[1:] if len(r) == 5]


def auc(scores: list[float], labels: list[int]) -> float:
    pos = [s for s, y in zip(scores, labels) if y]
    neg = [s for s, y in zip(scores, labels) if not y]
    ranked = sorted((s, y) for s, y in zip(scores, labels))
    # Mann-Whitney U with average ranks for ties
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        avg = (i + j + 1) / 2
        rank_sum += avg * sum(1 for k in range(i, j) if ranked[k][1])
        i = j
    return (rank_sum - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def at(scores: list[float], labels: list[int], t: float) -> tuple[float, float]:
    tp = sum(1 for s, y in zip(scores, labels) if s >= t and y)
    fp = sum(1 for s, y in zip(scores, labels) if s >= t and not y)
    fn = sum(1 for s, y in zip(scores, labels) if s < t and y)
    tn = len(labels) - tp - fp - fn
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return (tp + tn) / len(labels), f1


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="test", choices=["test", "train"])
    a = ap.parse_args()
    if not MRPC.is_dir():
        print(f"MRPC not found at {MRPC}; skipped")
        return
    pairs = read(a.split)
    labels = [y for y, _a, _b in pairs]
    texts = [t for _y, x, z in pairs for t in (x, z)]
    vocabulary = load_vocabulary()
    feats, idf = align.featurize([content_stems(t, vocabulary) for t in texts])
    print(f"MRPC {a.split}: {len(pairs)} pairs, {sum(labels)} paraphrases ({sum(labels) / len(labels):.0%})")
    for name, fn in sorted(align.SCORERS.items()):
        scores = [fn(feats[2 * i], feats[2 * i + 1], idf) for i in range(len(pairs))]
        best_t, best = max(((t, at(scores, labels, t)) for t in range(0, 101)), key=lambda x: x[1][1])
        line = (f"{name:11s} AUC {auc(scores, labels):.3f}  best F1 {best[1]:.3f} (acc {best[0]:.3f}) at {best_t}")
        if name == align.DEFAULT_SCORER:
            acc, f1 = at(scores, labels, align.DEFAULT_THRESHOLD)
            line += f"  | at default {align.DEFAULT_THRESHOLD:g}: F1 {f1:.3f} acc {acc:.3f}"
        print(line)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
