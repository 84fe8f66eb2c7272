#!/usr/bin/env python3
"""The peer the issue measures: lines naming a keyword, rapidfuzz token_set_ratio >= 70,
single linkage across sources.  Same command-line shape as `compare-claims topic`, so the
ECB scorer can run it:

    python3 ../shared/eval/ecb_dev/score.py --cmd ".venv/bin/python scripts/peer_token_set.py"
"""
from __future__ import annotations

import glob
import json
import os
import sys
import tomllib

from rapidfuzz.fuzz import token_set_ratio
from rapidfuzz.utils import default_process


def main(args: list[str]) -> None:
    topic = args[1]
    src = args[args.index("--sources") + 1]
    with open(args[args.index("--topics-file") + 1], "rb") as fh:
        keywords = [k.lower() for k in tomllib.load(fh)["topics"][topic]["keywords"]]
    files = sorted(glob.glob(os.path.join(src, "*.txt")))
    statements = []
    for f in files:
        pos = 0
        for line in open(f, encoding="utf-8").read().split("\n"):
            if line.strip() and any(k in line.lower() for k in keywords):
                statements.append((os.path.basename(f), pos, pos + len(line), line))
            pos += len(line) + 1
    parent = list(range(len(statements)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, a in enumerate(statements):
        for j in range(i + 1, len(statements)):
            b = statements[j]
            if a[0] != b[0] and token_set_ratio(a[3], b[3], processor=default_process) >= 70:
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(statements)):
        groups.setdefault(find(i), []).append(i)
    print(json.dumps({
        "sources": [{"id": os.path.basename(f), "file": os.path.basename(f)} for f in files],
        "groups": [{"statements": [{"source": statements[i][0], "start": statements[i][1], "end": statements[i][2]}
                                   for i in g]} for g in groups.values()],
    }))


if __name__ == "__main__":
    main(sys.argv[1:])
