"""Baselines: --write-baseline, --baseline and `compare-claims diff` (baseline.py).

What counts as a change is written in baseline.py's docstring; these tests hold
the program to it: real changes give readable lines and exit 1, meaningless
ones (ids renumbered, order, small score moves, annotations, relabelled
sources, shifted offsets) give nothing and exit 0.
"""
from __future__ import annotations

import copy
import json
import os
import random
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest
from cli_runner import CliRunner

from compare_claims.baseline import EXCERPT_CHARS, SCORE_TOLERANCE, compare, read_baseline, write_baseline
from compare_claims.cli import app
from compare_claims.errors import BaselineError
from compare_claims.models import SCHEMA_VERSION, Result

DATA = Path(__file__).parents[1] / "data"
# the five seed texts, named one by one: data/ also holds the tool's own tables, which a folder run reports
SEEDS = [arg for p in sorted(DATA.glob("*.txt")) for arg in ("--sources", str(p))]
ENV = {"COLUMNS": "100", "NO_COLOR": "1"}
runner = CliRunner(env=ENV)


def cli(*args: str | Path) -> Any:
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    res = cli("topic", "iran", *SEEDS, "--format", "json")
    assert res.exit_code == 0, res.stderr
    d: dict[str, Any] = json.loads(res.stdout)
    return d


@pytest.fixture
def new(doc: dict[str, Any]) -> dict[str, Any]:
    """A fresh copy of the current result to edit."""
    return copy.deepcopy(doc)


def multi(d: dict[str, Any], min_statements: int = 2) -> list[dict[str, Any]]:
    """Groups told by several sources, with at least ``min_statements`` statements."""
    return [g for g in d["groups"] if len(g["sources"]) > 1 and len(g["statements"]) >= min_statements]


def ref(st: dict[str, Any]) -> str:
    return f"[{st['source']} {st['start']}-{st['end']}]"


def file_of(d: dict[str, Any], sid: str) -> str:
    return next(s["file"] for s in d["sources"] if s["id"] == sid)


# ------------------------------------------------------------ nothing counts


def test_identical_results_give_no_change(doc: dict[str, Any], new: dict[str, Any]) -> None:
    assert compare(doc, new) == []


def test_renumbered_ids_and_shuffled_order_do_not_count(doc: dict[str, Any], new: dict[str, Any]) -> None:
    rng = random.Random(5)
    rng.shuffle(new["groups"])
    for i, g in enumerate(new["groups"]):
        g["id"] = f"g{100 + i}"
        rng.shuffle(g["statements"])
    rng.shuffle(new["sources"])
    assert compare(doc, new) == []


def test_small_score_moves_do_not_count_but_five_points_do(doc: dict[str, Any], new: dict[str, Any]) -> None:
    moved, nudged = multi(new)[:2]
    nudged["score"] = round(nudged["score"] + 0.04, 1)  # third decimal territory
    before = moved["score"]
    moved["score"] = round(before + SCORE_TOLERANCE - 0.1, 1)
    assert compare(doc, new) == []
    moved["score"] = round(before + SCORE_TOLERANCE, 1)
    lines = compare(doc, new)
    assert len(lines) == 1
    assert lines[0].startswith("~ score: " + " + ".join(ref(s) for s in _by_key(doc, moved["statements"])))
    assert f"{before:.1f} -> {before + SCORE_TOLERANCE:.1f}" in lines[0]


def test_group_score_becoming_null_counts(doc: dict[str, Any], new: dict[str, Any]) -> None:
    multi(new)[0]["score"] = None
    assert len(compare(doc, new)) == 1
    assert "-> null" in compare(doc, new)[0]


def test_annotations_member_scores_flags_and_settings_do_not_count(doc: dict[str, Any], new: dict[str, Any]) -> None:
    for g in new["groups"]:
        g["flags"] = ["speaker", "numbers"]
        for st in g["statements"]:
            st.update(speaker="Lavrov", reporting_verb="said", score=1.0, via="paragraph", reference=not st["reference"])
            span = {"start": st["start"], "end": st["start"] + 3, "text": st["text"][:3], "kind": "number", "value": "3"}
            for field in ("hedges", "certainty", "numbers", "labels", "negations", "diff"):
                st[field] = [span]
    new["settings"]["threshold"] = 50.0
    new["topic_label"] = "Another label"
    new["schema_version"] = "1.9"
    assert compare(doc, new) == []


def test_relabelling_a_source_does_not_count(doc: dict[str, Any], new: dict[str, Any]) -> None:
    for s in new["sources"]:
        if s["id"] == "VOA":
            s["id"] = s["label"] = "Voice"
    for g in new["groups"]:
        g["sources"] = sorted("Voice" if x == "VOA" else x for x in g["sources"])
        for st in g["statements"]:
            if st["source"] == "VOA":
                st["source"] = "Voice"
    assert compare(doc, new) == []


def test_offsets_shifted_by_an_edit_elsewhere_do_not_count(doc: dict[str, Any], new: dict[str, Any]) -> None:
    # a paragraph off the topic was deleted near the top of MID: every MID span moves
    for g in new["groups"]:
        for st in g["statements"]:
            if st["source"] == "MID":
                st["start"] -= 40
                st["end"] -= 40
    assert compare(doc, new) == []


# ------------------------------------------------------------ changes count


def test_removed_statement_is_named_with_source_offsets_and_excerpt(doc: dict[str, Any], new: dict[str, Any]) -> None:
    g = multi(new, 3)[0]
    gone = g["statements"].pop()
    lines = compare(doc, new)
    excerpt = " ".join(gone["text"].split())
    if len(excerpt) > EXCERPT_CHARS:
        excerpt = excerpt[: EXCERPT_CHARS - 1].rstrip() + "…"
    assert f'- statement: {ref(gone)} "{excerpt}"' in lines
    regrouped = [line for line in lines if line.startswith("~ regrouped: ")]
    assert len(regrouped) == 1 and ref(gone) in regrouped[0].split(" -> ")[0]
    assert ref(gone) not in regrouped[0].split(" -> ")[1]
    assert len(lines) == 2


def test_long_excerpts_are_cut_to_sixty_characters(doc: dict[str, Any], new: dict[str, Any]) -> None:
    new["groups"] = [g for g in new["groups"] if len(g["statements"]) > 1 or len(g["statements"][0]["text"]) < 100]
    lines = compare(doc, new)
    assert lines and all(line.startswith("- statement: ") for line in lines)
    for line in lines:
        quoted = line.split('"', 1)[1].rsplit('"', 1)[0]
        assert EXCERPT_CHARS - 5 < len(quoted) <= EXCERPT_CHARS and quoted.endswith("…")


def test_vanished_group_reports_group_and_statements(doc: dict[str, Any], new: dict[str, Any]) -> None:
    g = multi(new)[0]
    new["groups"].remove(g)
    lines = compare(doc, new)
    members = _by_key(doc, g["statements"])
    assert lines[-1].startswith("- group: " + ref(members[0]) + ' "')
    assert all(ref(s) in lines[-1] for s in members)
    assert sorted(lines[:-1]) == sorted(f"- statement: {ref(s)}" + line.split("]", 1)[1]
                                        for s, line in zip(members, lines[:-1]))
    assert all(line.startswith("- statement: ") for line in lines[:-1]) and len(lines) == len(members) + 1


def test_new_singleton_statement_is_one_line(doc: dict[str, Any], new: dict[str, Any]) -> None:
    new["groups"].append({"id": "g99", "score": None, "sources": ["OSW"], "flags": [],
                          "statements": [_statement("OSW", 7000, 7050, "Tehran said it would enrich more uranium.")]})
    assert compare(doc, new) == ['+ statement: [OSW 7000-7050] "Tehran said it would enrich more uranium."']


def test_split_group(doc: dict[str, Any], new: dict[str, Any]) -> None:
    g = multi(new)[0]
    first, *rest = g["statements"]
    g["statements"] = [first]
    new["groups"].append({**g, "id": "g99", "statements": rest})
    lines = compare(doc, new)
    assert len(lines) == 1 and lines[0].startswith("~ split: ")
    before, after = lines[0].removeprefix("~ split: ").split(" -> ")
    assert before.count("[") == len(rest) + 1 and after.count(" | ") == 1


def test_merged_groups(doc: dict[str, Any], new: dict[str, Any]) -> None:
    a, b = multi(new)[:2]
    a["statements"] += b["statements"]
    new["groups"].remove(b)
    lines = compare(doc, new)
    assert len(lines) == 1 and lines[0].startswith("~ merged: ")
    assert lines[0].split(" -> ")[0].count(" | ") == 1


def test_statement_moving_between_groups_is_regrouped(doc: dict[str, Any], new: dict[str, Any]) -> None:
    a = multi(new, 3)[0]
    b = next(g for g in multi(new) if g is not a)
    b["statements"].append(a["statements"].pop())
    lines = compare(doc, new)
    assert len(lines) == 1 and lines[0].startswith("~ regrouped: ")


def test_sources_and_topic_changes(doc: dict[str, Any], new: dict[str, Any]) -> None:
    new["topic"] = "syria"
    new["sources"].append({**new["sources"][0], "id": "NEW", "label": "NEW", "file": "zzz_new.txt"})
    gone = new["sources"].pop(0)
    lines = compare(doc, new)
    assert lines[:3] == ["~ topic: iran -> syria", f"- source: {gone['file']} ({gone['id']})", "+ source: zzz_new.txt (NEW)"]


def test_lines_are_deterministic_and_ordered(doc: dict[str, Any], new: dict[str, Any]) -> None:
    g1, g2 = multi(new)[:2]
    new["groups"].remove(g1)
    new["groups"].remove(g2)
    lines = compare(doc, new)
    for seed in range(3):
        other = copy.deepcopy(new)
        random.Random(seed).shuffle(other["groups"])
        assert compare(doc, other) == lines
    kinds = [line.split(":")[0] for line in lines]
    assert kinds == sorted(kinds, key=["- statement", "- group"].index)


# ------------------------------------------------------------ reading, writing


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "no such baseline file"),
        ("{not json", "invalid JSON at line 1"),
        (b"\xff\xfe\x00", "not UTF-8"),
        ('{"groups": []}', "not a compare-claims result"),
        ("[1, 2]", "not a compare-claims result"),
        ('{"schema_version": "1.0", "topic": "iran", "groups": [{"statements": [{"source": "VOA"}]}]}',
         "groups[0].statements[0]"),
        ('{"schema_version": "2.0", "topic": "iran", "groups": []}', "major version"),
    ],
)
def test_bad_baselines_are_one_line_errors(tmp_path: Path, content: str | bytes | None, words: str) -> None:
    path = tmp_path / "base.json"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    with pytest.raises(BaselineError) as exc:
        read_baseline(path)
    msg = str(exc.value)
    assert words in msg and str(path) in msg and "\n" not in msg


def test_a_directory_is_not_a_baseline(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="directory"):
        read_baseline(tmp_path)


def test_other_minor_version_is_accepted(tmp_path: Path, doc: dict[str, Any]) -> None:
    major = SCHEMA_VERSION.split(".")[0]
    path = tmp_path / "base.json"
    path.write_text(json.dumps({**doc, "schema_version": f"{major}.42"}), encoding="utf-8")
    assert compare(read_baseline(path), doc) == []


def test_write_baseline_is_the_json_output_and_leaves_no_temp_file(tmp_path: Path, doc: dict[str, Any]) -> None:
    out = tmp_path / "iran.json"
    res = cli("topic", "iran", *SEEDS, "--format", "json", "--write-baseline", out)
    assert res.exit_code == 0, res.stderr
    assert out.read_text(encoding="utf-8") == res.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["iran.json"]
    assert read_baseline(out) == doc


def test_write_baseline_replaces_a_file_keeping_its_permissions(tmp_path: Path) -> None:
    out = tmp_path / "iran.json"
    out.write_text("old", encoding="utf-8")
    os.chmod(out, 0o640)
    write_baseline(Result("iran", "Iran", (), ()), out)
    assert json.loads(out.read_text(encoding="utf-8"))["topic"] == "iran"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_write_baseline_needs_an_existing_directory(tmp_path: Path) -> None:
    res = cli("topic", "iran", *SEEDS, "--format", "json", "--write-baseline", tmp_path / "no" / "x.json")
    assert res.exit_code == 2
    assert res.stderr.startswith("compare-claims: error: ") and "does not exist" in res.stderr
    assert res.stderr.count("\n") == 1 and "Traceback" not in res.stderr
    assert not (tmp_path / "no").exists()


# ------------------------------------------------------------ through the CLI


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("baseline") / "iran.json"
    res = cli("topic", "iran", *SEEDS, "--format", "json", "--write-baseline", path)
    assert res.exit_code == 0, res.stderr
    return path


def test_unchanged_corpus_exits_0(saved: Path) -> None:
    res = cli("topic", "iran", *SEEDS, "--format", "json", "--baseline", saved)
    assert res.exit_code == 0
    assert res.stderr == "compare-claims: baseline: no change\n"
    quiet = cli("topic", "iran", *SEEDS, "--format", "json", "--baseline", saved, "--quiet")
    assert quiet.exit_code == 0 and quiet.stderr == ""
    assert quiet.stdout == res.stdout  # the result is still printed


def test_edited_corpus_exits_1_and_says_what_moved(saved: Path, tmp_path: Path, doc: dict[str, Any]) -> None:
    g = multi(doc)[0]
    st = g["statements"][-1]
    src = tmp_path / "corpus"
    shutil.copytree(DATA, src)
    path = src / file_of(doc, st["source"])
    text = path.read_text(encoding="utf-8")
    assert text[st["start"]:st["end"]] == st["text"]
    path.write_text(text[: st["start"]] + text[st["end"]:], encoding="utf-8")  # the sentence is gone
    res = cli("topic", "iran", "--sources", src, "--format", "json", "--baseline", saved, "--quiet")
    assert res.exit_code == 1
    lines = res.stderr.splitlines()
    assert f"compare-claims: baseline: - statement: {ref(st)}" in [line.split(' "')[0] for line in lines]
    assert all(line.startswith("compare-claims: baseline: ") for line in lines)
    assert json.loads(res.stdout)["topic"] == "iran"  # stdout keeps the result, clean


def test_diff_command(tmp_path: Path, saved: Path, doc: dict[str, Any], new: dict[str, Any]) -> None:
    same = cli("diff", saved, saved)
    assert (same.exit_code, same.stdout) == (0, "no change\n")
    g = multi(new)[0]
    new["groups"].remove(g)
    changed = tmp_path / "new.json"
    changed.write_text(json.dumps(new), encoding="utf-8")
    res = cli("diff", saved, changed)
    assert res.exit_code == 1
    assert res.stdout.splitlines() == compare(doc, new) and res.stdout.startswith("- statement: ")
    assert cli("diff", saved, changed, "--quiet").stdout == ""


@pytest.mark.parametrize("name", ["missing.json", "bad.json"])
def test_bad_baseline_exits_2_not_1(tmp_path: Path, saved: Path, name: str) -> None:
    (tmp_path / "bad.json").write_text('{"schema_version": "9.0", "topic": "iran", "groups": []}', encoding="utf-8")
    for res in (cli("diff", saved, tmp_path / name),
                cli("topic", "iran", *SEEDS, "-f", "json", "--baseline", tmp_path / name)):
        assert res.exit_code == 2
        assert res.stderr.startswith(f"compare-claims: error: {tmp_path / name}: ")
        assert res.stderr.count("\n") == 1


# ------------------------------------------------------------ helpers


def _by_key(d: dict[str, Any], statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(statements, key=lambda s: (file_of(d, s["source"]), s["start"], s["end"]))


def _statement(source: str, start: int, end: int, text: str) -> dict[str, Any]:
    return {"source": source, "start": start, "end": end, "text": text, "score": 100.0, "via": "named",
            "reference": True, "speaker": "", "reporting_verb": "", "hedges": [], "certainty": [], "numbers": [],
            "labels": [], "negations": [], "diff": []}
