#!/usr/bin/env python3
"""Benchmark: cold CLI start-up against the import floor, and scale.

    .venv/bin/python scripts/bench.py [--runs 15] [--scale]

Prints, from one run on one machine: the best and median wall time of a cold
`compare-claims topic iran --format json` (a new process each time) and of
`python -c "import typer, rich, rapidfuzz"` (the floor every typer+rich CLI
pays), and their ratio (target <= 1.6).  With --scale it also times the
pipeline in-process on the BBC News corpus from ../shared/corpora (if present).
Not a test: timings depend on the machine and its load.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


CPU: dict[str, list[float]] = {}


def timed(argv: list[str], runs: int) -> list[float]:
    """Wall times in ms; the child's CPU time (user + system) is kept in CPU."""
    out = []
    env = dict(os.environ, NO_COLOR="1")
    for _ in range(runs):
        t = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        _pid, status, usage = os.wait4(proc.pid, 0)
        out.append((time.perf_counter() - t) * 1000)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{' '.join(argv)} failed")
        CPU.setdefault(argv[0], []).append((usage.ru_utime + usage.ru_stime) * 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--scale", action="store_true", help="also time the pipeline on BBC News")
    a = ap.parse_args()
    exe = shutil.which("compare-claims", path=str(Path(sys.executable).parent)) or "compare-claims"
    cli = [exe, "topic", "iran", "--format", "json"]
    floor = [sys.executable, "-c", "import typer, rich, rapidfuzz"]
    # interleave so that a change in machine load hits both alike
    t_cli: list[float] = []
    t_floor: list[float] = []
    timed(cli, 2)
    timed(floor, 2)
    for _ in range(a.runs):
        t_cli += timed(cli, 1)
        t_floor += timed(floor, 1)
    b_cli, b_floor = min(t_cli), min(t_floor)
    print(f"cold 'compare-claims topic iran --format json': best {b_cli:.0f} ms, median {statistics.median(t_cli):.0f} ms")
    print(f"floor 'import typer, rich, rapidfuzz':           best {b_floor:.0f} ms, median {statistics.median(t_floor):.0f} ms")
    print(f"ratio best/best: {b_cli / b_floor:.2f}   median/median: {statistics.median(t_cli) / statistics.median(t_floor):.2f}  (runs={a.runs})")
    c_cli, c_floor = CPU[cli[0]][2:], CPU[floor[0]][2:]
    print(f"CPU time (user+sys, less noisy): best {min(c_cli):.0f} ms vs {min(c_floor):.0f} ms, ratio {min(c_cli) / min(c_floor):.2f}; "
          f"median ratio {statistics.median(c_cli) / statistics.median(c_floor):.2f}")
    if a.scale:
        scale()


def scale() -> None:
    bbc = ROOT.parent / "shared" / "corpora" / "bbc_news"
    if not bbc.is_dir():
        print("scale: ../shared/corpora/bbc_news not found; skipped")
        return
    from compare_claims.load import expand_paths, load_sources
    from compare_claims.pipeline import Options, run
    from compare_claims.topics import Topic, load_topics

    for folder in ("politics", "business"):
        t = time.perf_counter()
        sources, _ = load_sources(expand_paths([str(bbc / folder)]))
        t_load = time.perf_counter() - t
        topics = load_topics()
        topic = Topic("election", "UK election", ("election", "Labour", "Tory", "Tories", "Conservatives", "ballot"))
        topics[topic.name] = topic
        t = time.perf_counter()
        result = run(sources, topic, topics, Options())
        t_run = time.perf_counter() - t
        n = sum(len(g.members) for g in result.groups)
        chars = sum(len(s.text) for s in sources)
        print(f"scale bbc/{folder}: {len(sources)} texts, {chars / 1e6:.2f} M chars: load {t_load:.2f} s, "
              f"pipeline {t_run:.2f} s, {n} statements on topic in {len(result.groups)} groups")


if __name__ == "__main__":
    main()
