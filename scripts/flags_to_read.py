#!/usr/bin/env python3
"""Write every divergence flag the tool raises on BASIL triplets, for reading by eye.

    .venv/bin/python scripts/flags_to_read.py [--seed 2030] [--triplets 0:100] [--out DIR]

The triplets (``../shared/corpora/basil``) are shuffled with ``random.Random(seed)``
over the corpus order of ``basil_eval.load_corpus``, and the slice ``--triplets``
is run in-process on topic ``basil`` (as ``scripts/basil_eval.py`` builds it),
or with ``--compare`` through the CLI's ``compare`` (every statement, as
``scripts/quality.py`` runs it).
For each flag, each claim member it compares with the row's reference is one
item: the flag, its note, both statements and their speakers.

Two files are written to ``--out`` (default ``flags_to_read/``):
``blind.json`` (no score, no triplet: what a reader judges) and ``keyed.json``
(the same items with the member's score and the triplet uuid).  A reader
writes ``verdicts.json``: ``[{"id", "same_claim", "right", "why"}]``; then
``--score`` prints how many are right.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import basil_eval  # noqa: E402


def run_compare(texts: Path) -> dict[str, Any]:
    cli = Path(sys.executable).with_name("compare-claims")
    files = sorted(str(p) for p in texts.glob("*.txt"))
    done = subprocess.run([str(cli), "compare", *files, "--format", "json", "--quiet", "--jobs", "1"],
                          capture_output=True, text=True, check=True)
    doc: dict[str, Any] = json.loads(done.stdout)
    return doc


def items(lo: int, hi: int, seed: int, compare: bool = False) -> list[dict[str, Any]]:
    triplets = basil_eval.load_corpus(basil_eval.DEFAULT_BASIL)
    random.Random(seed).shuffle(triplets)
    out: list[dict[str, Any]] = []
    for t in triplets[lo:hi]:
        with tempfile.TemporaryDirectory() as tmp:
            texts, topics, _built = basil_eval.write_triplet(t, Path(tmp))
            result = run_compare(texts) if compare else basil_eval.run_inprocess(texts, topics)
        for g in result["groups"]:
            ref = next((s for s in g["statements"] if s["reference"]), None)
            if not g["flags"] or ref is None:
                continue
            for ev in g["evidence"]:
                sources = {sp["source"] for sp in ev["spans"]} - {ref["source"]}
                for m in g["statements"]:
                    if m["source"] in sources and m["role"] == "claim" and not m["reference"]:
                        out.append({"triplet": t.uuid, "group": g["id"], "score": m["score"],
                                    "flag": ev["flag"], "note": ev["note"],
                                    "a_source": ref["source"], "a_speaker": ref["speaker"], "a": ref["text"],
                                    "b_source": m["source"], "b_speaker": m["speaker"], "b": m["text"]})
    random.Random(seed).shuffle(out)  # a reader sees no order of score or triplet
    for i, item in enumerate(out):
        item["id"] = i
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=2030)
    ap.add_argument("--triplets", default="0:100", help="slice LO:HI of the shuffled triplets")
    ap.add_argument("--out", type=Path, default=Path("flags_to_read"))
    ap.add_argument("--compare", action="store_true", help="every statement (the CLI's compare), not topic basil")
    ap.add_argument("--score", action="store_true", help="count the verdicts in OUT/verdicts.json")
    args = ap.parse_args(argv)
    if args.score:
        keyed = {x["id"]: x for x in json.loads((args.out / "keyed.json").read_text(encoding="utf-8"))}
        verdicts = json.loads((args.out / "verdicts.json").read_text(encoding="utf-8"))
        right = sum(bool(v["right"]) for v in verdicts)
        same = sum(bool(v["same_claim"]) for v in verdicts)
        print(f"flags judged {len(verdicts)} of {len(keyed)}; same claim {same}; right {right}")
        return 0
    lo, hi = (int(x) for x in args.triplets.split(":"))
    found = items(lo, hi, args.seed, args.compare)
    args.out.mkdir(parents=True, exist_ok=True)
    blind = [{k: v for k, v in x.items() if k not in ("score", "triplet", "group")} for x in found]
    (args.out / "blind.json").write_text(json.dumps(blind, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    (args.out / "keyed.json").write_text(json.dumps(found, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(found)} flag items from triplets {lo}:{hi} (seed {args.seed}) -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
