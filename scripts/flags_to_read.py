#!/usr/bin/env python3
"""Write every divergence flag the tool raises on BASIL triplets, for reading by eye.

    .venv/bin/python scripts/flags_to_read.py [--seed 2030] [--triplets 0:100] [--out DIR]
    .venv/bin/python scripts/flags_to_read.py --heldout [--out DIR]   # ECB+ events, AllSides stories

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

ROOT = Path(__file__).resolve().parents[1]


def run_compare(texts: Path) -> dict[str, Any]:
    cli = Path(sys.executable).with_name("compare-claims")
    files = sorted(str(p) for p in texts.glob("*.txt"))
    done = subprocess.run([str(cli), "compare", *files, "--format", "json", "--quiet", "--jobs", "1"],
                          capture_output=True, text=True, check=True)
    doc: dict[str, Any] = json.loads(done.stdout)
    return doc


def _flag_items(where: str, result: dict[str, Any]) -> list[dict[str, Any]]:
    """One item per flag and claim member it compares with the row's reference."""
    out: list[dict[str, Any]] = []
    for g in result["groups"]:
            ref = next((s for s in g["statements"] if s["reference"]), None)
            if not g["flags"] or ref is None:
                continue
            for ev in g["evidence"]:
                sources = {sp["source"] for sp in ev["spans"]} - {ref["source"]}
                for m in g["statements"]:
                    if m["source"] in sources and m["role"] == "claim" and not m["reference"]:
                        out.append({"triplet": where, "group": g["id"], "score": m["score"],
                                    "flag": ev["flag"], "note": ev["note"],
                                    "a_source": ref["source"], "a_speaker": ref["speaker"], "a": ref["text"],
                                    "b_source": m["source"], "b_speaker": m["speaker"], "b": m["text"]})
    return out


def heldout_results() -> list[tuple[str, dict[str, Any]]]:
    """The CLI's results on sets no flag rule was written from: the ECB+ events
    (development and the three built by ecb_extra.py), each on its topic, and
    the 25 AllSides stories (left, center, right) with ``compare``."""
    shared = ROOT.parent / "shared"
    cli = Path(sys.executable).with_name("compare-claims")
    out: list[tuple[str, dict[str, Any]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        extra = Path(tmp) / "ecb_extra"
        subprocess.run([sys.executable, str(ROOT / "scripts" / "ecb_extra.py"), "--out", str(extra)],
                       check=True, capture_output=True)
        for gold in (shared / "eval" / "ecb_dev" / "gold.json", extra / "gold.json"):
            for name, t in sorted(json.loads(gold.read_text(encoding="utf-8"))["topics"].items()):
                if name.startswith("m"):  # the mixed sets repeat documents of the others
                    continue
                base = gold.parent
                args = ["topic", name, "--sources", str(base / t["dir"]), "--topics-file", str(base / t["topics_file"]),
                        "--format", "json", "--quiet", "--jobs", "1"]
                done = subprocess.run([str(cli), *args], capture_output=True, text=True, check=True)
                out.append((f"ecb-{name}", json.loads(done.stdout)))
        stories = shared / "corpora" / "allsides_neus_sample" / "allsides_sample_25.jsonl"
        for line in stories.read_text(encoding="utf-8").splitlines():
            story = json.loads(line)
            d = Path(tmp) / f"allsides-{story['id']}"
            d.mkdir()
            for side in ("left", "center", "right"):
                news = story["news"][side]
                (d / f"{side}.txt").write_text(news["newsTitle"] + "\n\n" + "\n\n".join(news["newBody"]) + "\n",
                                               encoding="utf-8")
            out.append((d.name, run_compare(d)))
    return out


def items(lo: int, hi: int, seed: int, compare: bool = False, heldout: bool = False) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if heldout:
        for where, result in heldout_results():
            out.extend(_flag_items(where, result))
    else:
        triplets = basil_eval.load_corpus(basil_eval.DEFAULT_BASIL)
        random.Random(seed).shuffle(triplets)
        for t in triplets[lo:hi]:
            with tempfile.TemporaryDirectory() as tmp:
                texts, topics, _built = basil_eval.write_triplet(t, Path(tmp))
                result = run_compare(texts) if compare else basil_eval.run_inprocess(texts, topics)
            out.extend(_flag_items(t.uuid, result))
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
    ap.add_argument("--heldout", action="store_true",
                    help="the ECB+ events and the AllSides stories, not BASIL (no flag rule was written from them)")
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
    found = items(lo, hi, args.seed, args.compare, args.heldout)
    args.out.mkdir(parents=True, exist_ok=True)
    blind = [{k: v for k, v in x.items() if k not in ("score", "triplet", "group")} for x in found]
    (args.out / "blind.json").write_text(json.dumps(blind, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    (args.out / "keyed.json").write_text(json.dumps(found, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    what = "the held-out sets" if args.heldout else f"triplets {lo}:{hi}"
    print(f"{len(found)} flag items from {what} (seed {args.seed}) -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
