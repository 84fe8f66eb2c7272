#!/usr/bin/env python3
"""Benchmark: every figure against a floor measured in the same run.

    .venv/bin/python scripts/bench.py [--runs 5] [--only startup,bbc,align,big]

Prints one table of medians (and min/max) from this one run, on this machine:

* startup: a cold `compare-claims topic iran --format json --no-cache` (new
  process, no cache) against `python -c "import typer, rich, rapidfuzz"`,
  run in turn so that load hits both alike; ratio of the medians; and the
  same command with a warm analysis cache.
* bbc: a user topic (UK election keywords) over the 2,225 BBC News articles
  of ../shared/corpora/bbc_news, JSON out: "cold" runs each with an empty
  analysis cache (a new --cache-dir), in turn with uncached runs
  (--no-cache), then "warm" runs with the cache the last cold run filled;
  every output checked
  byte-identical; wall time, peak memory (ru_maxrss of the child), output
  statements per second, against a floor process that reads every file and
  splits it into sentences with the same splitter (sentencex).  The cache
  and its key live in a temporary folder (--cache-dir, XDG_STATE_HOME).
* align: the aligner alone on 1,000, 5,000 and 20,000 statements sampled
  from BBC sentences (a fixed seed), in a fresh process each; time and peak
  memory.
* big: one 50 MB text file (BBC articles repeated), the same user topic; and
  one paragraph of 2 MB with no line break (its time per MB against the big file's).

Not a test: timings depend on the machine and its load.  Standard library only.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BBC = ROOT.parent / "shared" / "corpora" / "bbc_news"
KEYWORDS = ("general election, election campaign, polling day, Labour, Tory, Tories, Conservatives, "
            "Liberal Democrats, Blair, Howard, Kennedy")
EXE = str(Path(sys.executable).parent / "compare-claims")

FLOOR_SPLIT = """
import sys, glob, sentencex
n = 0
for path in sorted(glob.glob(sys.argv[1])):
    with open(path, encoding="utf-8", errors="replace") as fh:
        for block in fh.read().split("\\n"):
            if block.strip():
                n += sum(1 for _ in sentencex.segment("en", block))
print(n)
"""

ALIGN_ONLY = """
import glob, random, sys, time
from collections import Counter
from compare_claims.align import align, case_counts, names
from compare_claims.config import load_segment_cues, load_vocabulary
from compare_claims.load import expand_paths, load_sources
from compare_claims.segment import segment
from compare_claims.textnorm import content_stems
n = int(sys.argv[2])
sources = load_sources(expand_paths([sys.argv[1]])[0]).sources
cues, vocab = load_segment_cues(), load_vocabulary()
pool = [st for s in sources for st in segment(s, cues).statements]
sample = sorted(random.Random(2026).sample(pool, min(n, len(pool))), key=lambda st: (st.source, st.start))
stems = [content_stems(st.text, vocab) for st in sample]
df = Counter(t for ws in stems for t in set(ws))
t = time.perf_counter()
rows = align(sample, stems=stems, document_frequency=df, documents=len(sample),
             names=names(case_counts([st.text for st in sample]), vocab))
print(f"{time.perf_counter() - t:.3f} {len(rows)}")
"""


STATE = tempfile.mkdtemp(prefix="bench-state-")  # the cache's key: not the user's


def run(argv: list[str], *, stdout: int | None = subprocess.DEVNULL,
        cpu: list[float] | None = None) -> tuple[float, float, bytes]:
    """(wall seconds, peak MB of the child, its stdout); ``cpu`` gets the CPU
    seconds (user + system) of the child and the processes it waited for
    (its pool): steadier than wall time on a shared machine."""
    t = time.perf_counter()
    # byte-compiled modules, as `pip install .` leaves them (an editable install with
    # PYTHONDONTWRITEBYTECODE set would compile every module on every run)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["XDG_STATE_HOME"] = STATE
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE if stdout is None else stdout,
                            stderr=subprocess.DEVNULL, env=dict(env, NO_COLOR="1"))
    out = proc.stdout.read() if proc.stdout else b""
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    if cpu is not None:
        cpu.append(usage.ru_utime + usage.ru_stime)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(argv)}")
    return wall, usage.ru_maxrss / 1024, out


def stats(xs: list[float]) -> str:
    return f"{statistics.median(xs):.3f} (min {min(xs):.3f}, max {max(xs):.3f})"


def row(name: str, figure: str, note: str = "") -> None:
    print(f"| {name} | {figure} | {note} |", flush=True)


def startup(runs: int) -> None:
    cli = [EXE, "topic", "iran", "--format", "json", "--no-cache"]
    floor = [sys.executable, "-c", "import typer, rich, rapidfuzz"]
    with tempfile.TemporaryDirectory() as cache:
        cached = [EXE, "topic", "iran", "--format", "json", "--cache-dir", cache]
        run(cli), run(floor), run(cached)  # byte-compile, fill the page cache and the analysis cache
        t_cli, t_floor, t_cached = [], [], []
        for _ in range(runs):
            t_cli.append(run(cli)[0])
            t_floor.append(run(floor)[0])
            t_cached.append(run(cached)[0])
    row("startup: `topic iran --format json --no-cache`, s", stats(t_cli))
    row("startup: import floor (typer, rich, rapidfuzz), s", stats(t_floor))
    row("startup: ratio of medians", f"{statistics.median(t_cli) / statistics.median(t_floor):.2f}", "target <= 1.6")
    row("startup: the same, warm analysis cache, s", stats(t_cached))


def bbc(runs: int) -> None:
    pattern = str(BBC / "*" / "*.txt")
    cli = [EXE, "topic", "--keywords", KEYWORDS, "--sources", pattern, "--format", "json"]
    floor = [sys.executable, "-c", FLOOR_SPLIT, pattern]
    cold, warm, plain, mems, outs = [], [], [], [], set()
    cpu_cold: list[float] = []
    cpu_warm: list[float] = []
    cpu_plain: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):  # each in an empty cache (the last one's is then warm), in turn with an uncached run
            wall, mem, out = run([*cli, "--cache-dir", f"{tmp}/{i}"], stdout=None, cpu=cpu_cold)
            cold.append(wall)
            mems.append(mem)
            outs.add(out)
            wall, mem, out = run([*cli, "--no-cache"], stdout=None, cpu=cpu_plain)
            plain.append(wall)
            mems.append(mem)
            outs.add(out)
        for _ in range(runs):
            wall, mem, out = run([*cli, "--cache-dir", f"{tmp}/{runs - 1}"], stdout=None, cpu=cpu_warm)
            warm.append(wall)
            mems.append(mem)
            outs.add(out)
    if len(outs) != 1:
        raise SystemExit("bbc: the outputs of cold, warm and uncached runs differ")
    f_walls = [run(floor)[0] for _ in range(runs)]
    import json

    doc = json.loads(outs.pop())
    n = sum(len(g["statements"]) for g in doc["groups"])
    row("bbc: cold (empty cache), s", stats(cold), "target < 5")
    row("bbc: warm (cache filled), s", stats(warm), "target < 2")
    row("bbc: --no-cache, s", stats(plain))
    row("bbc: CPU s (user + system, pool included): cold / warm / --no-cache",
        " / ".join(f"{statistics.median(c):.2f}" for c in (cpu_cold, cpu_warm, cpu_plain)))
    row("bbc: peak memory, MB", f"{max(mems):.0f}", "target < 500")
    row("bbc: statements on topic per second (cold)", f"{n / statistics.median(cold):.0f}", f"{n} statements")
    row("bbc: floor (read + sentencex split), s", stats(f_walls))
    row("bbc: ratio of medians to the floor, cold / warm",
        f"{statistics.median(cold) / statistics.median(f_walls):.1f} / {statistics.median(warm) / statistics.median(f_walls):.1f}")


def align_only(runs: int) -> None:
    pattern = str(BBC / "*" / "*.txt")
    for n in (1000, 5000, 20000):
        times, mems = [], []
        for _ in range(max(1, runs // 2)):
            _wall, mem, out = run([sys.executable, "-c", ALIGN_ONLY, pattern, str(n)], stdout=None)
            times.append(float(out.split()[0]))
            mems.append(mem)
        row(f"align: {n} statements, s", stats(times), f"peak {max(mems):.0f} MB" + ("; target < 10 s" if n == 20000 else ""))


def big(runs: int) -> None:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(BBC.glob("*/*.txt"))]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        with open(path, "w", encoding="utf-8") as fh:
            size = 0
            while size < 50_000_000:
                for t in texts:
                    fh.write(t + "\n\n")
                    size += len(t.encode("utf-8")) + 2
        cli = [EXE, "topic", "--keywords", KEYWORDS, "--sources", str(path), "--format", "json"]
        walls, mems = [], []
        for i in range(max(1, runs // 2)):
            wall, mem, _out = run([*cli, "--cache-dir", f"{tmp}/cache-{i}"])  # cold: an empty cache
            walls.append(wall)
            mems.append(mem)
        row(f"big: one {path.stat().st_size / 1e6:.0f} MB file (empty cache), s", stats(walls), "target < 20")
        row("big: peak memory, MB", f"{max(mems):.0f}", "target < 600")
        # one paragraph without a line break: the splitter's work per sentence must not grow
        # with the paragraph (a check reading the paragraph before each sentence made 0.9 MB 16 s)
        para = Path(tmp) / "paragraph.txt"
        joined = " ".join(" ".join(t.split()) for t in texts)[:2_000_000]
        para.write_text(joined, encoding="utf-8")
        p_walls = [run([*cli[:4], "--sources", str(para), "--format", "json", "--no-cache"])[0]
                   for _ in range(max(1, runs // 2))]
        per_mb = statistics.median(walls) / (path.stat().st_size / 1e6)
        row(f"big: one paragraph of {para.stat().st_size / 1e6:.1f} MB, no line break, s", stats(p_walls),
            f"per MB {statistics.median(p_walls) / (para.stat().st_size / 1e6):.2f} s; the 50 MB file {per_mb:.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--only", default="startup,bbc,align,big")
    a = ap.parse_args()
    parts = a.only.split(",")
    print(f"cores: {len(os.sched_getaffinity(0))}; load average before: {os.getloadavg()[0]:.2f}\n")
    print("| figure | median (min, max) | target / note |\n|---|---|---|")
    if "startup" in parts:
        startup(a.runs)
    if not BBC.is_dir():
        print(f"\n{BBC} not found: bbc, align and big skipped")
        return
    if "bbc" in parts:
        bbc(a.runs)
    if "align" in parts:
        align_only(a.runs)
    if "big" in parts:
        big(a.runs)
    import shutil

    shutil.rmtree(STATE, ignore_errors=True)


if __name__ == "__main__":
    main()
