"""scripts/quality.py: every measure produces its figures, as numbers.

Runs the real script (which runs the CLI and the eval scripts as subprocesses)
on every part, BASIL on its first 4 triplets only to stay fast. Skips when
../shared is absent.
"""
from __future__ import annotations

import json
import numbers
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "quality.py"
SHARED = ROOT.parent / "shared"

NEEDED = [SHARED / "eval" / "score.py", SHARED / "eval" / "ecb_dev" / "score.py",
          SHARED / "corpora" / "mrpc", SHARED / "corpora" / "basil" / "articles"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, timeout=120)


def _is_num(v: object) -> bool:
    return isinstance(v, numbers.Real) and not isinstance(v, bool)


@pytest.mark.skipif(not all(p.exists() for p in NEEDED), reason="../shared (eval gold, MRPC, BASIL) is absent")
def test_every_figure_is_a_number() -> None:
    p = _run("--json", "--basil-limit", "4")
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert doc["skipped"] == {} and doc["failed"] == {}
    for k in ("topicR", "topicP", "coreR", "hardR", "alignP"):
        assert _is_num(doc["iran"][k]) and 0 <= doc["iran"][k] <= 1, k
    for k in ("R", "P", "F1"):
        assert _is_num(doc["ecb"][k]) and 0 <= doc["ecb"][k] <= 1, k
    assert doc["ecb"]["events"], "no per-event ECB+ figures"
    for event, fig in doc["ecb"]["events"].items():
        assert all(_is_num(fig[k]) for k in ("R", "P", "F1")), event
    assert _is_num(doc["mrpc"]["auc_weighted"]) and 0.5 < doc["mrpc"]["auc_weighted"] <= 1
    b = doc["basil"]
    assert b["triplets"] == 4 and b["errors"] == 0
    for k in ("rows", "multi_source_rows", "three_source_rows", "lex_spans", "lex_on_own_label",
              "lex_unquoted_spans", "lex_unquoted_on_own_label"):
        assert _is_num(b[k]) and b[k] >= 0, k
    assert set(b["relation"]) >= {"same", "related"} and all(_is_num(v) for v in b["relation"].values())
    assert set(b["flags"]) == {"speaker", "hedge", "numbers", "polarity", "labels", "quote"}
    assert all(_is_num(v) for v in b["flags"].values())
    assert b["multi_source_rows"] == sum(b["relation"].values())
    assert b["lex_on_own_label"] <= b["lex_spans"]
    sc = b["shared_claims"]
    assert sc["claims"] > 0 and 0 <= sc["strict"] <= sc["lenient"] <= sc["claims"]
    assert all(0 <= v["together"] <= v["judged"] for v in b["judged_rows"].values())


def test_table_and_skips_without_shared(tmp_path: Path) -> None:
    """With no shared folder every part says it is skipped, and the script still exits 0."""
    p = _run("--shared", str(tmp_path / "absent"))
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert lines[0] == "| measure | figure | target |"
    for part in ("iran", "ecb", "mrpc", "basil"):
        assert any(ln.startswith(f"| {part} | skipped:") for ln in lines), part


BASIL = SHARED / "corpora" / "basil" / "articles"


@pytest.mark.skipif(not BASIL.exists(), reason="../shared (BASIL) is absent")
def test_flags_to_read_writes_blind_items_and_counts_verdicts(tmp_path: Path) -> None:
    script = ROOT / "scripts" / "flags_to_read.py"
    # the triplets of the shuffled order that hold flags are found by running; a wide slice
    # (flags are rare: all 100) keeps the test meaningful, the in-process run keeps it fast
    done = subprocess.run([sys.executable, str(script), "--triplets", "0:100", "--out", str(tmp_path)],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    blind = json.loads((tmp_path / "blind.json").read_text(encoding="utf-8"))
    keyed = json.loads((tmp_path / "keyed.json").read_text(encoding="utf-8"))
    assert blind and len(blind) == len(keyed)
    assert sorted(x["id"] for x in blind) == list(range(len(blind)))
    for b, k in zip(blind, keyed):
        assert "score" not in b and "triplet" not in b  # a reader sees neither
        assert b["a"] and b["b"] and b["a_source"] != b["b_source"]
        assert b["flag"] in ("speaker", "hedge", "numbers", "polarity", "labels", "quote") and k["score"] >= 30.0
    verdicts = [{"id": x["id"], "same_claim": True, "right": x["id"] == 0, "why": ""} for x in blind]
    (tmp_path / "verdicts.json").write_text(json.dumps(verdicts), encoding="utf-8")
    scored = subprocess.run([sys.executable, str(script), "--score", "--out", str(tmp_path)],
                            capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=60)
    assert scored.stdout.strip() == f"flags judged {len(blind)} of {len(blind)}; same claim {len(blind)}; right 1"


HELDOUT = [SHARED / "eval" / "ecb_dev" / "gold.json", SHARED / "corpora" / "ecbplus_sample",
           SHARED / "corpora" / "allsides_neus_sample" / "allsides_sample_25.jsonl"]


@pytest.mark.skipif(not all(p.exists() for p in HELDOUT), reason="../shared (ECB+, AllSides) is absent")
def test_flags_to_read_exports_the_held_out_sets(tmp_path: Path) -> None:
    script = ROOT / "scripts" / "flags_to_read.py"
    done = subprocess.run([sys.executable, str(script), "--heldout", "--out", str(tmp_path)],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "from the held-out sets" in done.stdout
    keyed = json.loads((tmp_path / "keyed.json").read_text(encoding="utf-8"))
    blind = json.loads((tmp_path / "blind.json").read_text(encoding="utf-8"))
    assert len(blind) == len(keyed)
    for k in keyed:  # each item names the set it came from, never a BASIL triplet
        assert k["triplet"].startswith(("ecb-", "allsides-")) and k["a_source"] != k["b_source"]


def _quality_module() -> object:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import quality
    finally:
        sys.path.pop(0)
    return quality


def _line_of(starts: list[int], offset: int) -> int:
    """The 1-based line holding ``offset``."""
    return max(n for n, s in enumerate(starts, 1) if s <= offset)


@pytest.mark.skipif(not BASIL.exists(), reason="../shared (BASIL) is absent")
def test_shared_claims_land_only_where_one_row_holds_every_outlet(tmp_path: Path) -> None:
    """The pre-registered claims measure counts a claim as landed when one row holds a
    claim member of each outlet on the reader's lines, and not when the lines' statements
    sit in rows apart; the judged-rows measure likewise."""
    q: object = _quality_module()
    triplets = q.load_basil(SHARED / "corpora" / "basil")  # type: ignore[attr-defined]
    uuid = "0c78e748-efbf-417c-a8c1-beeb6480147f"  # a triplet of the readers' claims
    run = q._one_triplet(uuid, triplets[uuid], tmp_path)  # type: ignore[attr-defined]
    assert run["error"] == ""
    doc, starts = run["doc"], run["lines"]
    docs, lines = {uuid: doc}, {uuid: starts}
    three = next(g for g in doc["groups"] if len(g["sources"]) == 3)
    first = {o: next(st for st in three["statements"] if st["source"] == o and st["role"] == "claim")
             for o in ("fox", "nyt", "hpo")}
    landed = {"story": uuid[:8], **{o: [_line_of(starts[o], st["start"])] for o, st in first.items()}}
    singles = [g for g in doc["groups"] if len(g["sources"]) == 1]
    apart = {"story": uuid[:8], **{o: [_line_of(starts[o], next(g for g in singles if g["sources"] == [o])
                                                 ["statements"][0]["start"])] for o in ("fox", "nyt", "hpo")}}
    got = q.shared_claims_landed([landed, apart, {"story": "ffffffff", "fox": [1], "nyt": [1], "hpo": [1]}],  # type: ignore[attr-defined]
                                 docs, lines)
    assert {k: got[k] for k in ("claims", "strict", "lenient")} == {"claims": 2, "strict": 1, "lenient": 1}
    assert got["not_strict"] == [f" {uuid[:8]} : "]  # the claim apart, by its (here empty) read and text

    together = {"triplet": uuid[:8], "verdict": "yes",
                "claim_members": [[st["source"], st["start"], st["end"]] for st in first.values()]}
    lone = next(g for g in singles if g["sources"] == ["nyt"])["statements"][0]
    fox = first["fox"]
    split = {"triplet": uuid[:8], "verdict": "no",
             "claim_members": [["fox", fox["start"], fox["end"]], ["nyt", lone["start"], lone["end"]]]}
    kept = q.judged_rows_together([together, split], docs)  # type: ignore[attr-defined]
    assert kept["yes"] == {"judged": 1, "together": 1} and kept["no"] == {"judged": 1, "together": 0}


@pytest.mark.skipif(not BASIL.exists(), reason="../shared (BASIL) is absent")
def test_every_pre_registered_claim_points_at_text() -> None:
    """docs/shared_claims.json: each claim's story is a BASIL triplet and each of its
    lines holds text in the file quality.py writes (a shifted line would count wrongly)."""
    q: object = _quality_module()
    triplets = q.load_basil(SHARED / "corpora" / "basil")  # type: ignore[attr-defined]
    by_story = {u[:8]: u for u in triplets}
    claims = json.loads((ROOT / "docs" / "shared_claims.json").read_text(encoding="utf-8"))["items"]
    assert len(claims) >= 290
    for c in claims:
        arts = triplets[by_story[c["story"]]]
        for o in ("fox", "nyt", "hpo"):
            text_lines = q.basil_text(arts[o][0])[0].split("\n")  # type: ignore[attr-defined]
            assert c[o], (c["read"], c["claim"], o)
            for n in c[o]:
                assert 0 < n <= len(text_lines) and text_lines[n - 1].strip(), (c["read"], c["claim"], o, n)
