#!/usr/bin/env python3
"""Sweep the aligner's threshold (and scorer) against the development gold.

    .venv/bin/python scripts/tune_threshold.py [--scorers weighted,idf] [--thresholds 18:36:2] [--topic iran]

Runs the pipeline in-process on the shipped corpus for each setting and scores
it with ../shared/eval/score.py (imported, never copied into the project).
This is how the default threshold was chosen: the range where core recall
and alignment precision are both at their best.  Skips when ../shared is absent.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scorers", default="weighted")
    ap.add_argument("--thresholds", default="18:36:2", help="start:stop:step (stop included)")
    ap.add_argument("--topic", default="iran")
    a = ap.parse_args()
    if not (EVAL / "score.py").is_file():
        print(f"{EVAL}/score.py not found; skipped")
        return
    sys.path.insert(0, str(EVAL))
    import score  # type: ignore[import-not-found]

    from compare_claims.config import load_lexicon, load_segment_cues, load_topics, load_vocabulary
    from compare_claims.load import expand_paths, load_sources
    from compare_claims.pipeline import Options, Plan, run

    seeds, gold, texts = score.load_gold(str(EVAL / "dev_gold.json"))
    score.SEEDS.update(seeds)
    score.GOLD.update(gold)
    score.TEXTS.update(texts)
    score.BY_NAME.update({v: k for k, v in seeds.items()})
    sources = load_sources(expand_paths(sorted(str(p) for p in (ROOT / "data").glob("*.txt")))[0]).sources
    topics = load_topics()
    topic = topics[a.topic]
    plan = Plan.build(load_segment_cues(), [topics[n] for n in sorted(topics)], [topic], load_lexicon(topic),
                      load_vocabulary())
    start, stop, step = (float(x) for x in a.thresholds.split(":"))

    def ratio(p: tuple[int, int]) -> float:
        return p[0] / p[1] if p[1] else 1.0

    for scorer in a.scorers.split(","):
        t = start
        while t <= stop:
            doc = run(sources, topic, plan, Options(scorer=scorer, threshold=t)).to_dict()
            r = score.score_topic(doc, a.topic)
            print(f"{scorer:10s} threshold {t:5.1f}  coreR {ratio(r['core_recall']):.2f}  hardR {ratio(r['hard_recall']):.2f}"
                  f"  alignP {ratio(r['align_precision']):.2f}  topicP {ratio(r['topic_precision']):.2f}  groups {r['groups']}")
            t += step


if __name__ == "__main__":
    main()
