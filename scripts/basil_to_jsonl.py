#!/usr/bin/env python3
"""Convert BASIL's articles to one JSON Lines file, as a dataset export looks.

    python3 scripts/basil_to_jsonl.py [--basil ../shared/corpora/basil] [--out basil.jsonl]
                                      [--year 2019] [--limit N] [--csv]

BASIL (Fan et al. 2019; ``../shared/corpora/basil/SOURCE.md``) keeps one JSON
file per article, ``body-paragraphs`` a list of paragraphs, each a list of
sentences.  Each output line is one article:

    {"text": ..., "outlet": "Fox News", "title": ..., "date": "2019-01-25",
     "url": ..., "triplet": "<triplet-uuid>", "uuid": "<uuid>"}

``text`` is the paragraphs separated by blank lines, the sentences of a
paragraph joined by one space (as ``scripts/basil_eval.py`` writes its text
files, less the title line).  Lines are sorted by (date, triplet, outlet), so
the three reports of one event are adjacent and the output is deterministic.
``--csv`` writes the same records as CSV (a header row, quoted fields).
Then: ``compare-claims topic T --sources basil.jsonl:LINE ...`` or the whole file.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BASIL = ROOT.parent / "shared" / "corpora" / "basil"
OUTLETS = {"fox": "Fox News", "nyt": "The New York Times", "hpo": "HuffPost"}
FIELDS = ("text", "outlet", "title", "date", "url", "triplet", "uuid")


def article_record(doc: dict[str, Any]) -> dict[str, str]:
    paragraphs = [" ".join(s.strip() for s in p if s.strip()) for p in doc["body-paragraphs"]]
    source = str(doc["source"]).lower()
    return {
        "text": "\n\n".join(p for p in paragraphs if p),
        "outlet": OUTLETS.get(source, source),
        "title": doc.get("title", ""),
        "date": doc.get("date", ""),
        "url": doc.get("url", ""),
        "triplet": doc.get("triplet-uuid", ""),
        "uuid": doc.get("uuid", ""),
    }


def records(basil: Path, year: str | None = None) -> list[dict[str, str]]:
    files = sorted((basil / "articles").glob(f"{year or '*'}/*.json"))
    out = [article_record(json.loads(f.read_text(encoding="utf-8"))) for f in files]
    out.sort(key=lambda r: (r["date"], r["triplet"], r["outlet"]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--basil", type=Path, default=DEFAULT_BASIL)
    ap.add_argument("--out", type=Path, default=None, help="output file (default: stdout)")
    ap.add_argument("--year", default=None, help="one year folder only (2010-2019)")
    ap.add_argument("--limit", type=int, default=0, help="first N articles only")
    ap.add_argument("--csv", action="store_true", help="write CSV instead of JSON Lines")
    args = ap.parse_args()
    recs = records(args.basil, args.year)
    if args.limit:
        recs = recs[: args.limit]
    out = args.out.open("w", encoding="utf-8", newline="") if args.out else sys.stdout
    try:
        if args.csv:
            w = csv.DictWriter(out, fieldnames=FIELDS, quoting=csv.QUOTE_MINIMAL)
            w.writeheader()
            w.writerows(recs)
        else:
            for r in recs:
                out.write(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n")
    finally:
        if args.out:
            out.close()
    print(f"{len(recs)} articles", file=sys.stderr)


if __name__ == "__main__":
    main()
