#!/usr/bin/env python3
"""What a change does to the rows of the 100 BASIL triplets: run two installs
of compare-claims over every triplet and print the rows, roles, flags and
speakers that differ, for reading one by one.

    .venv/bin/python scripts/basil_diff.py OLD_BINARY NEW_BINARY [--mode compare|topic]
                                           [--out DIR] [--basil DIR] [--only UUID8,...]

OLD_BINARY and NEW_BINARY are two `compare-claims` executables (an install of
the commit before, say, in a `git worktree`, and this checkout's). ``compare``
(the default) runs `compare fox.txt nyt.txt hpo.txt`, as the blind reads do;
``topic`` runs `topic basil` with the topic scripts/basil_eval.py writes.
Each run's JSON is kept in DIR/old and DIR/new (a temporary directory unless
``--out``).  Printed: multi-source rows only in one run ("-" old, "+" new),
rows of the same statements whose relation, roles or flags differ, and
statements whose speaker differs.  Standard library only (and basil_eval).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import basil_eval as be  # noqa: E402

Key = frozenset[tuple[str, int]]


def run_all(binary: str, triplets: list[Any], texts: Path, out: Path, mode: str) -> None:
    out.mkdir(parents=True, exist_ok=True)

    def one(t: Any) -> None:
        d = texts / t.uuid
        if not (d / "topics.toml").is_file():
            be.write_triplet(t, d)
        if mode == "compare":
            args = [binary, "compare", *(str(d / "texts" / f"{o}.txt") for o in be.OUTLETS if o in t.articles)]
        else:
            args = [binary, "topic", be.TOPIC_NAME, "--sources", str(d / "texts"),
                    "--topics-file", str(d / "topics.toml")]
        proc = subprocess.run([*args, "--format", "json", "--quiet", "--no-cache"], capture_output=True, text=True,
                              encoding="utf-8", env=dict(os.environ, NO_COLOR="1"), timeout=600)
        if proc.returncode != 0:
            raise SystemExit(f"{binary} on {t.uuid[:8]}: exit {proc.returncode}: {proc.stderr.strip()}")
        (out / f"{t.uuid}.json").write_text(proc.stdout, encoding="utf-8")

    with ThreadPoolExecutor(max(1, os.cpu_count() or 1)) as pool:
        list(pool.map(one, triplets))


def rows(doc: dict[str, Any]) -> dict[Key, dict[str, Any]]:
    """Multi-source rows by their statements (source, start)."""
    out: dict[Key, dict[str, Any]] = {}
    for g in doc["groups"]:
        if len({s["source"] for s in g["statements"]}) > 1:
            out[frozenset((s["source"], s["start"]) for s in g["statements"])] = g
    return out


def _short(text: str, n: int = 130) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def _show(sign: str, g: dict[str, Any]) -> list[str]:
    head = f" {sign} {g.get('relation')} {g.get('score')} flags {[e['flag'] for e in g.get('evidence', [])]}"
    return [head] + [f"     {s['source']:4s} {s.get('role', ''):8s} {_short(s['text'])}" for s in g["statements"]]


def diff(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The lines that tell what differs between two runs over one triplet."""
    lines: list[str] = []
    ro, rn = rows(old), rows(new)
    for k in sorted(set(ro) - set(rn), key=sorted):
        lines += _show("-", ro[k])
    for k in sorted(set(rn) - set(ro), key=sorted):
        lines += _show("+", rn[k])
    for k in sorted(set(ro) & set(rn), key=sorted):
        a, b = ro[k], rn[k]
        roles_a = {(s["source"], s["start"]): s.get("role") for s in a["statements"]}
        roles_b = {(s["source"], s["start"]): s.get("role") for s in b["statements"]}
        flags_a, flags_b = [e["flag"] for e in a.get("evidence", [])], [e["flag"] for e in b.get("evidence", [])]
        if a.get("relation") != b.get("relation") or roles_a != roles_b or flags_a != flags_b:
            lines.append(f" ~ {a.get('relation')} -> {b.get('relation')}, flags {flags_a} -> {flags_b}")
            lines += [f"     {s['source']:4s} {roles_a[(s['source'], s['start'])] or '':8s} -> "
                      f"{roles_b[(s['source'], s['start'])] or '':8s} {_short(s['text'])}" for s in a["statements"]]
    spk_a = {(s["source"], s["start"]): s for g in old["groups"] for s in g["statements"]}
    for g in new["groups"]:
        for s in g["statements"]:
            was = spk_a.get((s["source"], s["start"]))
            if was is not None and (was.get("speaker") or "") != (s.get("speaker") or ""):
                lines.append(f" speaker {s['source']} {s['start']}: {was.get('speaker')!r} -> {s.get('speaker')!r}"
                             f" | {_short(s['text'])}")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--mode", choices=("compare", "topic"), default="compare")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--basil", type=Path, default=be.DEFAULT_BASIL)
    ap.add_argument("--only", default="", help="comma-separated triplet uuid prefixes")
    a = ap.parse_args()
    if not a.basil.is_dir():
        print(f"basil_diff: {a.basil} not found", file=sys.stderr)
        return 2
    triplets = be.load_corpus(a.basil)
    if a.only:
        triplets = [t for t in triplets if t.uuid.startswith(tuple(a.only.split(",")))]
    with tempfile.TemporaryDirectory(prefix="basil-diff-") as tmp:
        out = a.out or Path(tmp)
        for side, binary in (("old", a.old), ("new", a.new)):
            run_all(binary, triplets, out / "texts", out / side, a.mode)
        changed = 0
        for t in triplets:
            lines = diff(*(json.loads((out / side / f"{t.uuid}.json").read_text(encoding="utf-8"))
                           for side in ("old", "new")))
            if lines:
                changed += 1
                print(f"===== {t.uuid}")
                print("\n".join(lines))
        print(f"triplets changed: {changed} of {len(triplets)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
