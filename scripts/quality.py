#!/usr/bin/env python3
"""One quality command: every measure of compare-claims, in one table.

    .venv/bin/python scripts/quality.py [--json] [--only iran,ecb,ecbx,mrpc,basil]
                                        [--shared DIR] [--jobs N] [--basil-limit N]

Each measure runs the installed CLI or the project's own scripts as
subprocesses; nothing from the gold is copied into the project.

* ``iran``:  ``python3 ../shared/eval/score.py --cmd ".venv/bin/compare-claims" --json``
  (development gold, topic iran): topicR, topicP, coreR, hardR, alignP.
* ``ecb``:   ``python3 ../shared/eval/ecb_dev/score.py --cmd ".venv/bin/compare-claims"
  --json FILE`` (ECB+ dev): pair recall R, precision P and F1, in total and per event.
* ``ecbx``:  three more ECB+ events built by ``scripts/ecb_extra.py`` from the sample
  (outside the development set, alone and mixed with the development event of the
  same kind), scored the same way, for the CLI and for the rapidfuzz peer
  (``scripts/peer_token_set.py``).
* ``mrpc``:  ``.venv/bin/python scripts/mrpc_eval.py``: ROC AUC of the default scorer
  (``weighted``) on the MRPC test split.
* ``basil``: ``compare-claims compare fox.txt nyt.txt hpo.txt --format json`` on each of
  the 100 BASIL triplets (``../shared/corpora/basil``; every statement of a triplet is
  the topic).  The three texts are written to a temporary folder as a reader would save
  them: the title line, a blank line, then the paragraphs separated by blank lines, the
  sentences of a paragraph joined by one space.  Figures: errors (non-zero exits or
  unreadable JSON), rows, multi-source rows, rows with all three outlets, multi-source
  rows per relation, rows per flag, and how many BASIL ``lex`` (lexical bias) spans
  overlap a loaded-label span of the outlet's own words (a label span not marked
  ``quoted``) in that outlet's statements.  Two figures read the runs against the blind
  readers' own work, kept in ``docs/``: of the claims they pre-registered as told by all
  three outlets (``docs/shared_claims.json``, 310 from reads 38-72), how many land in one
  row, strictly (a claim member of each outlet on the lines the reader gave) and leniently
  (any member); and of the 747 rows they judged (``docs/judged_rows.json``), how many
  judged one claim, mixed and two claims are still together.

Prints one Markdown table (measure | figure | target) and exits 0; ``--json`` prints
the figures as JSON instead.  A part whose data is absent (no ``../shared``) is skipped
with a message; a part that fails to run is reported and makes the exit status 1.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"
# the project's venv when there is one, else the interpreter running this script
BIN = ROOT / ".venv" / "bin" if (ROOT / ".venv" / "bin" / "compare-claims").exists() else Path(sys.executable).parent
CLI = BIN / "compare-claims"
PY = str(BIN / "python") if (BIN / "python").exists() else sys.executable
PARTS = ("iran", "ecb", "ecbx", "mrpc", "basil")
FLAGS = ("speaker", "hedge", "numbers", "polarity", "labels", "quote")
OUTLETS = ("fox", "nyt", "hpo")
TIMEOUT = 900

# (key, shown name, target as text, test) -- targets printed beside the figures
TARGETS: dict[str, tuple[str, Callable[[float], bool]]] = {
    "iran.topicR": (">= 0.95", lambda v: v >= 0.95),
    "iran.topicP": (">= 0.90", lambda v: v >= 0.90),
    "iran.coreR": (">= 0.95", lambda v: v >= 0.95),
    "iran.hardR": (">= 0.57", lambda v: v >= 0.57),
    "iran.alignP": (">= 0.90", lambda v: v >= 0.90),
    "ecb.R": (">= 0.60 (with P >= 0.97)", lambda v: v >= 0.60),
    "ecb.P": (">= 0.97", lambda v: v >= 0.97),
    "mrpc.auc_weighted": (">= 0.752", lambda v: v >= 0.752),
    # the "8 of 10 claims that all three outlets share in one row", over every
    # claim the blind readers pre-registered instead of ten
    "basil.shared_strict": (">= 80% strict", lambda v: v >= 0.80),
}


class Skip(Exception):
    """The data a part needs is absent."""


def _env() -> dict[str, str]:
    return dict(os.environ, NO_COLOR="1", COLUMNS="200", PYTHONIOENCODING="utf-8")


def _run(argv: list[str], timeout: int = TIMEOUT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", cwd=ROOT,
                          env=_env(), timeout=timeout)


def _cmd_str() -> str:
    return shlex.quote(str(CLI))


# --------------------------------------------------------------------------
# Development gold (topic iran)
# --------------------------------------------------------------------------

IRAN_KEYS = {"topic_recall": "topicR", "topic_precision": "topicP", "core_recall": "coreR",
             "hard_recall": "hardR", "align_precision": "alignP"}


def measure_iran(shared: Path) -> dict[str, Any]:
    script = shared / "eval" / "score.py"
    if not script.is_file():
        raise Skip(f"{script} not found")
    p = _run(["python3", str(script), "--cmd", _cmd_str(), "--topics", "iran", "--json"])
    figures = None
    errors = None
    for ln in p.stdout.splitlines():
        if ln.startswith("{"):
            figures = json.loads(ln)
        m = re.search(r"^TOTAL .*errors=(\d+)", ln)
        if m:
            errors = int(m.group(1))
    if figures is None or errors is None:
        raise RuntimeError(f"score.py exit {p.returncode}: no figures\n{p.stdout}{p.stderr}")
    if errors:
        raise RuntimeError(f"score.py: {errors} topic(s) failed\n{p.stdout}")
    return {short: round(float(figures[k]), 4) for k, short in IRAN_KEYS.items()}


# --------------------------------------------------------------------------
# ECB+ dev
# --------------------------------------------------------------------------


def _ratio(p: list[int]) -> float:
    return p[0] / p[1] if p[1] else 1.0


def _f1(r: float, p: float) -> float:
    return 2 * r * p / (r + p) if r + p else 0.0


def _rpf(row: dict[str, Any]) -> dict[str, float]:
    r, p = _ratio(row["pair_recall"]), _ratio(row["pair_precision"])
    return {"R": round(r, 4), "P": round(p, 4), "F1": round(_f1(r, p), 4)}


def measure_ecb(shared: Path) -> dict[str, Any]:
    script = shared / "eval" / "ecb_dev" / "score.py"
    if not script.is_file():
        raise Skip(f"{script} not found")
    with tempfile.TemporaryDirectory(prefix="quality-ecb-") as tmp:
        out = Path(tmp) / "ecb.json"
        p = _run(["python3", str(script), "--cmd", _cmd_str(), "--names", "cli", "--json", str(out)])
        if not out.is_file():
            raise RuntimeError(f"ecb_dev/score.py exit {p.returncode}: no figures\n{p.stdout}{p.stderr}")
        doc = json.loads(out.read_text(encoding="utf-8"))["cli"]
    if doc["total"]["error"]:
        raise RuntimeError(f"ecb_dev/score.py: {doc['total']['error']} topic(s) failed\n{p.stdout}")
    res: dict[str, Any] = _rpf(doc["total"])
    res["events"] = {t: _rpf(r) for t, r in sorted(doc["topics"].items())}
    return res


def measure_ecbx(shared: Path) -> dict[str, Any]:
    """Three more ECB+ events (the sample's ``ecb`` documents, rebuilt by
    scripts/ecb_extra.py), alone and mixed with the development event of the
    same kind: outside the development set, with more pairs of different
    claims.  The CLI beside the rapidfuzz peer of the issue (token_set_ratio
    >= 70, single linkage)."""
    script = shared / "eval" / "ecb_dev" / "score.py"
    if not script.is_file() or not (shared / "corpora" / "ecbplus_sample").is_dir():
        raise Skip("ECB+ sample or scorer not found")
    with tempfile.TemporaryDirectory(prefix="quality-ecbx-") as tmp:
        built = _run([PY, str(ROOT / "scripts" / "ecb_extra.py"), "--out", tmp])
        if built.returncode != 0:
            raise RuntimeError(f"ecb_extra.py exit {built.returncode}\n{built.stderr}")
        out = Path(tmp) / "scores.json"
        peer = f"{PY} {ROOT / 'scripts' / 'peer_token_set.py'}"
        p = _run(["python3", str(script), "--gold", str(Path(tmp) / "gold.json"), "--cmd", _cmd_str(),
                  "--cmd", peer, "--names", "cli,peer", "--json", str(out)])
        if not out.is_file():
            raise RuntimeError(f"score.py exit {p.returncode}: no figures\n{p.stdout}{p.stderr}")
        doc = json.loads(out.read_text(encoding="utf-8"))
    return {name: _rpf(doc[name]["total"]) for name in ("cli", "peer")}


# --------------------------------------------------------------------------
# MRPC
# --------------------------------------------------------------------------


def measure_mrpc(shared: Path) -> dict[str, Any]:
    if not (shared / "corpora" / "mrpc").is_dir():
        raise Skip(f"{shared / 'corpora' / 'mrpc'} not found")
    p = _run([PY, str(ROOT / "scripts" / "mrpc_eval.py")])
    m = re.search(r"^weighted\s+AUC\s+([0-9.]+)", p.stdout, re.M)
    if p.returncode != 0 or not m:
        raise RuntimeError(f"mrpc_eval.py exit {p.returncode}: no AUC for 'weighted'\n{p.stdout}{p.stderr}")
    return {"auc_weighted": float(m.group(1))}


# --------------------------------------------------------------------------
# BASIL
# --------------------------------------------------------------------------


def basil_text(article: dict[str, Any]) -> tuple[str, dict[str, tuple[int, int, int]]]:
    """The article as a reader saves it, and where each BASIL sentence sits in it.

    Returns the text and, per BASIL sentence id ("title", "p0", "p1", ...; "pN"
    indexes the flattened sentence list), ``(base, lo, hi)``: offset ``o`` of the
    BASIL sentence, ``lo <= o < hi``, is at ``text[base + o]``.
    """
    parts: list[str] = []
    where: dict[str, tuple[int, int, int]] = {}
    pos = 0

    def put(sid: str, s: str) -> None:
        nonlocal pos
        lead = len(s) - len(s.lstrip())
        body = s.strip()
        where[sid] = (pos - lead, lead, lead + len(body))
        parts.append(body)
        pos += len(body)

    def sep(s: str) -> None:
        nonlocal pos
        parts.append(s)
        pos += len(s)

    put("title", " ".join(str(article.get("title", "")).split()))
    n = 0
    for para in article["body-paragraphs"]:
        first = True
        for s in para:
            sid = f"p{n}"
            n += 1
            if not s.strip():
                continue
            sep("\n\n" if first else " ")
            first = False
            put(sid, s)
    sep("\n")
    return "".join(parts), where


def load_basil(basil: Path) -> dict[str, dict[str, tuple[dict[str, Any], list[dict[str, Any]]]]]:
    """triplet uuid -> outlet -> (article JSON, phrase-level annotations)."""
    out: dict[str, dict[str, tuple[dict[str, Any], list[dict[str, Any]]]]] = {}
    for path in sorted((basil / "articles").glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        ann = basil / "annotations" / path.parent.name / f"{path.stem}_ann.json"
        spans = json.loads(ann.read_text(encoding="utf-8")).get("phrase-level-annotations", []) if ann.is_file() else []
        out.setdefault(data["triplet-uuid"], {})[str(data["source"]).lower()] = (data, spans)
    return out


def _one_triplet(uuid: str, arts: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]],
                 work: Path) -> dict[str, Any]:
    d = work / uuid
    d.mkdir()
    files, lex = [], []
    lines: dict[str, list[int]] = {}  # outlet -> offset where each line starts
    for o in OUTLETS:
        if o not in arts:
            continue
        data, spans = arts[o]
        text, where = basil_text(data)
        f = d / f"{o}.txt"
        f.write_text(text, encoding="utf-8", newline="")
        lines[o] = [0] + [m.end() for m in re.finditer("\n", text)]
        files.append(str(f))
        for sp in spans:
            if sp.get("bias") != "lex" or sp.get("id") not in where:
                continue
            base, lo, hi = where[sp["id"]]
            a, b = min(max(int(sp["start"]), lo), hi), min(max(int(sp["end"]), lo), hi)
            if a < b:
                lex.append((o, base + a, base + b, str(sp.get("quote", "")).lower() == "yes"))
    p = _run([str(CLI), "compare", *files, "--format", "json", "--quiet", "--jobs", "1"], timeout=300)
    if p.returncode != 0:
        return {"uuid": uuid, "error": f"exit {p.returncode}: {p.stderr.strip()[-300:]}", "lex": lex}
    try:
        doc = json.loads(p.stdout)
    except json.JSONDecodeError as exc:
        return {"uuid": uuid, "error": f"invalid JSON: {exc}", "lex": lex}
    return {"uuid": uuid, "error": "", "doc": doc, "lex": lex, "lines": lines}


DOCS = ROOT / "docs"


def _on_lines(st: dict[str, Any], starts: list[int], lines: list[int]) -> bool:
    """Does a statement of the JSON output overlap one of these (1-based) lines?"""
    for n in lines:
        if 0 < n <= len(starts):
            a, b = starts[n - 1], starts[n] - 1 if n < len(starts) else 10**12
            if st["start"] < b and st["end"] > a:
                return True
    return False


def shared_claims_landed(claims: list[dict[str, Any]], docs: dict[str, dict[str, Any]],
                         line_starts: dict[str, dict[str, list[int]]]) -> dict[str, Any]:
    """How many pre-registered shared claims (``docs/shared_claims.json``) land in one row.

    ``docs`` and ``line_starts``: each run triplet's JSON output and, per outlet,
    where its lines start, keyed by the triplet's uuid.  A claim lands
    *strictly* when one row holds, for every outlet, a claim member
    (``role`` "claim") on one of the lines the reader gave for it (main or
    also), *leniently* when the row holds them in any role (a headline or a
    related member for one outlet): the readers' own two counts; ``not_strict``
    names the others (read, story, claim, text).
    """
    by_story = {u[:8]: u for u in docs}
    out: dict[str, Any] = {"claims": 0, "strict": 0, "lenient": 0, "not_strict": []}
    for c in claims:
        uuid = by_story.get(c["story"])
        if uuid is None:
            continue
        want = {o: list(c.get(o, [])) + list(c.get(f"{o}_also", [])) for o in OUTLETS}
        out["claims"] += 1
        strict = lenient = False
        for g in docs[uuid]["groups"]:
            on = {o: [st for st in g["statements"] if st["source"] == o
                      and _on_lines(st, line_starts[uuid].get(o, []), want[o])] for o in OUTLETS}
            if all(on.values()):
                lenient = True
                strict = strict or all(any(st["role"] == "claim" for st in sts) for sts in on.values())
        out["strict"] += strict
        out["lenient"] += lenient
        if not strict:  # which, for reading one by one (``--json``)
            out["not_strict"].append(f"{c.get('read', '')} {c['story']} {c.get('claim', '')}"
                                     f"{' (lenient)' if lenient else ''}: {c.get('text', '')}")
    return out


def judged_rows_together(items: list[dict[str, Any]], docs: dict[str, dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Of the rows readers judged blind (``docs/judged_rows.json``: each row's claim
    members as (outlet, start, end) and a verdict, yes / mixed / no), how many
    are still together: one row of the output holds a claim member overlapping
    each.  Per verdict: {"judged": n, "together": k}.  A change that keeps the
    "yes" rows and parts the others is a better aligner on rows read by eye."""
    by_story = {u[:8]: u for u in docs}
    out: dict[str, dict[str, int]] = {v: {"judged": 0, "together": 0} for v in ("yes", "mixed", "no")}
    for it in items:
        uuid = by_story.get(it["triplet"])
        if uuid is None or it["verdict"] not in out:
            continue
        out[it["verdict"]]["judged"] += 1
        out[it["verdict"]]["together"] += any(
            all(any(st["source"] == o and st["role"] == "claim" and st["start"] < b and st["end"] > a
                    for st in g["statements"]) for o, a, b, *_ in it["claim_members"])
            for g in docs[uuid]["groups"])
    return out


def measure_basil(shared: Path, jobs: int, limit: int = 0) -> dict[str, Any]:
    basil = shared / "corpora" / "basil"
    if not (basil / "articles").is_dir():
        raise Skip(f"{basil / 'articles'} not found")
    triplets = load_basil(basil)
    if limit:
        triplets = dict(sorted(triplets.items())[:limit])
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="quality-basil-") as tmp:
        with ThreadPoolExecutor(max(1, jobs)) as pool:
            results = list(pool.map(lambda kv: _one_triplet(kv[0], kv[1], Path(tmp)), sorted(triplets.items())))
    rows = multi = three = 0
    relation: Counter[str] = Counter()
    flags: Counter[str] = Counter()
    lex_total = lex_caught = lex_own_total = lex_own_caught = 0
    errors = []
    for r in results:
        lex_total += len(r["lex"])
        lex_own_total += sum(1 for *_x, quoted in r["lex"] if not quoted)
        if r["error"]:
            errors.append(f"{r['uuid']}: {r['error']}")
            continue
        labels: dict[str, list[tuple[int, int]]] = {}
        for g in r["doc"]["groups"]:
            rows += 1
            if len(g["sources"]) > 1:
                multi += 1
                three += len(set(g["sources"])) >= 3
                relation[str(g.get("relation") or "none")] += 1
            for f in g.get("flags", []):
                flags[f] += 1
            for st in g["statements"]:
                for lb in st.get("labels", []):
                    if not lb.get("quoted"):
                        labels.setdefault(st["source"], []).append((lb["start"], lb["end"]))
        for o, a, b, quoted in r["lex"]:
            if any(s < b and a < e for s, e in labels.get(o, [])):
                lex_caught += 1
                lex_own_caught += not quoted
    for e in errors:
        print(f"basil: ERROR {e}", file=sys.stderr)
    docs = {r["uuid"]: r["doc"] for r in results if not r["error"]}
    starts = {r["uuid"]: r["lines"] for r in results if not r["error"]}
    claims = json.loads((DOCS / "shared_claims.json").read_text(encoding="utf-8"))["items"]
    judged = json.loads((DOCS / "judged_rows.json").read_text(encoding="utf-8"))["items"]
    return {
        "triplets": len(results), "errors": len(errors), "seconds": round(time.monotonic() - t0, 1),
        "rows": rows, "multi_source_rows": multi, "three_source_rows": three,
        "relation": {k: relation.get(k, 0) for k in ("same", "related")} | {
            k: v for k, v in relation.items() if k not in ("same", "related")},
        "flags": {f: flags.get(f, 0) for f in FLAGS},
        "lex_spans": lex_total, "lex_on_own_label": lex_caught,
        "lex_unquoted_spans": lex_own_total, "lex_unquoted_on_own_label": lex_own_caught,
        "shared_claims": shared_claims_landed(claims, docs, starts),
        "judged_rows": judged_rows_together(judged, docs),
    }


# --------------------------------------------------------------------------
# Table
# --------------------------------------------------------------------------


def _target(key: str, value: float) -> str:
    if key not in TARGETS:
        return ""
    text, ok = TARGETS[key]
    return f"{text} {'met' if ok(value) else 'MISSED'}"


def _pct(a: int, b: int) -> str:
    return f"{a / b:.1%}" if b else "n/a"


def table(res: dict[str, Any], skipped: dict[str, str], failed: dict[str, str]) -> str:
    out = ["| measure | figure | target |", "|---|---|---|"]

    def row(name: str, fig: str, key: str = "", value: float | None = None) -> None:
        out.append(f"| {name} | {fig} | {_target(key, value) if value is not None else ''} |")

    if "iran" in res:
        for k in IRAN_KEYS.values():
            row(f"dev gold (iran) {k}", f"{res['iran'][k]:.2f}", f"iran.{k}", res["iran"][k])
    if "ecb" in res:
        e = res["ecb"]
        row("ECB+ dev pair R (total)", f"{e['R']:.3f}", "ecb.R", e["R"])
        row("ECB+ dev pair P (total)", f"{e['P']:.3f}", "ecb.P", e["P"])
        row("ECB+ dev pair F1 (total)", f"{e['F1']:.3f}")
        for t, v in e["events"].items():
            row(f"ECB+ dev {t} R / P / F1", f"{v['R']:.3f} / {v['P']:.3f} / {v['F1']:.3f}")
    if "ecbx" in res:
        for name, label in (("cli", "compare-claims"), ("peer", "peer: token_set_ratio >= 70, single linkage")):
            v = res["ecbx"][name]
            row(f"ECB+ outside the dev set, {label}: R / P / F1", f"{v['R']:.3f} / {v['P']:.3f} / {v['F1']:.3f}")
    if "mrpc" in res:
        row("MRPC test AUC (weighted)", f"{res['mrpc']['auc_weighted']:.3f}", "mrpc.auc_weighted",
            res["mrpc"]["auc_weighted"])
    if "basil" in res:
        b = res["basil"]
        row("BASIL triplets run / errors", f"{b['triplets']} / {b['errors']}")
        row("BASIL rows (all / multi-source / all three outlets)",
            f"{b['rows']} / {b['multi_source_rows']} / {b['three_source_rows']}")
        row("BASIL multi-source rows by relation",
            ", ".join(f"{k} {v}" for k, v in b["relation"].items()))
        row("BASIL rows per flag", ", ".join(f"{k} {v}" for k, v in b["flags"].items()))
        sc = b["shared_claims"]
        row("BASIL shared claims pre-registered by readers, in one row: strict / lenient",
            f"{sc['strict']}/{sc['claims']} = {_pct(sc['strict'], sc['claims'])} / "
            f"{sc['lenient']}/{sc['claims']} = {_pct(sc['lenient'], sc['claims'])}", "basil.shared_strict",
            sc["strict"] / sc["claims"] if sc["claims"] else None)
        jr = b["judged_rows"]
        row("BASIL rows judged blind, still together: one claim / mixed / two claims",
            " / ".join(f"{jr[v]['together']}/{jr[v]['judged']}" for v in ("yes", "mixed", "no")))
        row("BASIL lex spans on an unquoted label span (all lex spans)",
            f"{b['lex_on_own_label']}/{b['lex_spans']} = {_pct(b['lex_on_own_label'], b['lex_spans'])}")
        row("BASIL lex spans on an unquoted label span (lex spans not in a quote)",
            f"{b['lex_unquoted_on_own_label']}/{b['lex_unquoted_spans']} = "
            f"{_pct(b['lex_unquoted_on_own_label'], b['lex_unquoted_spans'])}")
    for part, why in skipped.items():
        row(f"{part}", f"skipped: {why}")
    for part, why in failed.items():
        row(f"{part}", f"FAILED: {why.splitlines()[0] if why else ''}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--only", default=",".join(PARTS),
                    help=f"comma-separated parts to run (default: all of {','.join(PARTS)})")
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared eval/corpora folder")
    ap.add_argument("--jobs", type=int, default=max(1, min(4, os.cpu_count() or 1)),
                    help="BASIL triplets run at once")
    ap.add_argument("--basil-limit", type=int, default=0, metavar="N",
                    help="only the first N BASIL triplets, by uuid (a quick check; the README figures use all)")
    a = ap.parse_args(argv)
    parts = [p.strip() for p in a.only.split(",") if p.strip()]
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        ap.error(f"unknown part(s) {', '.join(unknown)} (known: {', '.join(PARTS)})")
    if not CLI.exists():
        print(f"quality: {CLI} not found (install the project in this venv)", file=sys.stderr)
        return 2
    runners: dict[str, Callable[[], dict[str, Any]]] = {
        "iran": lambda: measure_iran(a.shared),
        "ecb": lambda: measure_ecb(a.shared),
        "ecbx": lambda: measure_ecbx(a.shared),
        "mrpc": lambda: measure_mrpc(a.shared),
        "basil": lambda: measure_basil(a.shared, a.jobs, a.basil_limit),
    }
    res: dict[str, Any] = {}
    skipped: dict[str, str] = {}
    failed: dict[str, str] = {}
    for p in parts:
        try:
            res[p] = runners[p]()
        except Skip as exc:
            skipped[p] = str(exc)
            print(f"quality: {p} skipped: {exc}", file=sys.stderr)
        except Exception as exc:  # noqa: BLE001 - report the part and go on
            failed[p] = str(exc)
            print(f"quality: {p} FAILED: {exc}", file=sys.stderr)
    if a.json:
        print(json.dumps({**res, "skipped": skipped, "failed": failed}, indent=1))
    else:
        print(table(res, skipped, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
