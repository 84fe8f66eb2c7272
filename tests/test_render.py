"""What a reader sees of the divergences: in the table, the JSON and the other views.

Runs the CLI on the shipped corpus (the seed texts) with a fixed width.
"""
from __future__ import annotations

import json
import re
from typing import Any

import pytest
from cli_runner import CliRunner

from compare_claims.cli import app
from conftest import read, run_topic, seed_paths

runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1"})


def run(*args: str) -> Any:
    res = runner.invoke(app, list(args))
    assert res.exit_code == 0, res.stderr
    return res


@pytest.fixture(scope="module")
def iran() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(run("topic", "iran", "--format", "json").stdout)
    return doc


def group_with(doc: dict[str, Any], *needles: str) -> dict[str, Any]:
    g: dict[str, Any]
    for g in doc["groups"]:
        texts = " ".join(s["text"] for s in g["statements"])
        if all(n in texts for n in needles):
            return g
    raise AssertionError(f"no group holds {needles}")


def test_role_inversion_is_visible_as_diff_spans_in_json(iran: dict[str, Any]) -> None:
    g = group_with(iran, "targeted by American interests", "American interests are attacked")
    diffs = {s["source"]: [d["text"] for d in s["diff"]] for s in g["statements"]}
    assert "targeted" in diffs["VOA"] and "they" in diffs["VOA"]
    assert "attacked" in diffs["Sputnik"] and any("Iran" in d for d in diffs["Sputnik"])


def test_role_inversion_is_visible_in_the_plain_table() -> None:
    out = run("topic", "iran").stdout
    flat = re.sub(r"[│\s]+", " ", out)
    assert "{they}" in flat and "{targeted}" in flat and "{attacked}" in flat


def test_diff_spans_slice_back_to_the_source_text(iran: dict[str, Any]) -> None:
    from pathlib import Path

    data = Path(__file__).parents[1] / "data"
    texts = {s["id"]: (data / s["file"]).read_text(encoding="utf-8") for s in iran["sources"]}
    n = 0
    for g in iran["groups"]:
        for st in g["statements"]:
            for key in ("diff", "hedges", "certainty", "numbers", "labels", "negations"):
                for span in st[key]:
                    assert texts[st["source"]][span["start"]:span["end"]] == span["text"]
                    n += 1
    assert n > 50


def test_speaker_of_a_transcript_answer_and_of_a_report(iran: dict[str, Any]) -> None:
    g = group_with(iran, "American side is also determined", "US side is also committed")
    speakers = {s["source"]: s["speaker"] for s in g["statements"]}
    assert speakers["MID"] == "Sergey Lavrov"  # first person inside his transcript turn
    g2 = group_with(iran, "Pompeo told Lavrov the United States does not")
    assert any(s["speaker"] == "Pompeo" and s["reporting_verb"] == "tell" for s in g2["statements"])


def test_hedge_against_assertion_is_flagged(iran: dict[str, Any]) -> None:
    # "have no basis" (asserted) vs "I hope ... turn out to be unfounded" (hedged)
    g = group_with(iran, "have no basis", "turn out to be unfounded")
    assert "hedge" in g["flags"]


def test_numbers_are_normalised_side_by_side(iran: dict[str, Any]) -> None:
    g = group_with(iran, "120,000-strong", "120,000 troops")
    values = {s["source"]: {n["value"] for n in s["numbers"]} for s in g["statements"]}
    assert "120000" in values["VOA"] and "120000" in values["MID"]
    assert "numbers" not in g["flags"]  # the same value written two ways is not a divergence


def test_quantities_view_lines_up_durations_across_sources(tmp_path: Any) -> None:
    topics = tmp_path / "t.toml"
    topics.write_text('[topics.call]\nlabel = "The Trump-Putin phone call"\n'
                      'keywords = ["telephone conversation", "phone call", "on the phone"]\n')
    doc = json.loads(run("quantities", "call", "--topics-file", str(topics), "--format", "json").stdout)
    by_value = {(r["kind"], r["value"]): r for r in doc["quantities"]}
    # "an hour and a half" (RU-comment) and "ninety-minute" (MID) are one value; "over an hour" (OSW) another
    assert set(by_value[("duration", "90 min")]["sources"]) == {"RU-comment", "MID"}
    assert set(by_value[("duration", ">60 min")]["sources"]) == {"OSW"}
    table = run("quantities", "call", "--topics-file", str(topics)).stdout
    assert "an hour and a half" in table and "ninety-minute" in table


def test_loaded_labels_are_shown_per_statement_and_summarised_per_source() -> None:
    doc = json.loads(run("topic", "venezuela", "--format", "json").stdout)
    osw = [s for g in doc["groups"] for s in g["statements"] if s["source"] == "OSW"]
    labelled = {lab["value"] for s in osw for lab in s["labels"]}
    assert "dictator" in labelled
    assert doc["coverage"]["OSW"]["labels"].get("dictator", 0) >= 1
    table = run("topic", "venezuela").stdout
    assert re.search(r"OSW: .*labels: .*dictator ×\d", table)


def test_polarity_mismatch_is_flagged_on_a_concrete_pair(tmp_path: Any) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("The ministers agreed to take concrete steps on Iran sanctions relief.\n")
    b.write_text("The ministers did not agree to take concrete steps on Iran sanctions relief.\n")
    doc = json.loads(run("topic", "iran", "--sources", str(tmp_path), "--format", "json").stdout)
    assert len(doc["groups"]) == 1
    assert "polarity" in doc["groups"][0]["flags"]


def test_an_outcome_word_is_not_shown_as_a_negation_in_the_table(tmp_path: Any) -> None:
    # read 30: "Democrats urge Trump to cancel Putin summit" showed "not: cancel", a negation the text lacks
    (tmp_path / "a.txt").write_text("Democrats urged Trump to cancel the Iran summit.\n")
    (tmp_path / "b.txt").write_text("Democrats said Trump should not attend the Iran summit.\n")
    out = run("topic", "iran", "--sources", str(tmp_path)).stdout
    flat = re.sub(r"[│\s]+", " ", out)
    assert "outcome: cancel" in flat and "not: not" in flat
    assert "not: cancel" not in flat


def test_only_divergent_keeps_flagged_groups_and_the_legend_explains_them() -> None:
    full = json.loads(run("topic", "iran", "--format", "json").stdout)
    only = json.loads(run("topic", "iran", "--format", "json", "--only-divergent").stdout)
    assert only["groups"] and all(g["flags"] for g in only["groups"])
    assert len(only["groups"]) == sum(1 for g in full["groups"] if g["flags"])
    assert only["coverage"] == full["coverage"]  # what sources cover is not changed by the filter
    table = run("topic", "iran", "--only-divergent").stdout
    legend = table[table.index("Legend"):]
    for marker, flag in (("HEDGE", "hedge"), ("NEG", "polarity")):
        if any(flag in g["flags"] for g in only["groups"]):
            assert marker in legend


def test_omissions_silent_sources_and_leaves_out(iran: dict[str, Any]) -> None:
    cov = iran["coverage"]
    speaking = sum(1 for c in cov.values() if not c["silent"])
    # a claim told widely: a "same" row whose claim enough sources tell; a "related"
    # row holds different claims of the story, which no source can be said to leave out
    widely = [g["id"] for g in iran["groups"] if g["relation"] == "same"
              and len({s["source"] for s in g["statements"] if s["role"] == "claim"}) >= max(2, -(-speaking // 4))]
    assert widely
    for sid, c in cov.items():
        carried = {g["id"] for g in iran["groups"] if sid in g["sources"]}
        # ... unless a statement of the source comes near the claim: it may tell it in other words
        near = {g["id"] for g in iran["groups"] if any(st["source"] == sid for st in g["nearby"])}
        lacked = {gid for gid in widely if gid not in carried} if not c["silent"] else set()
        assert set(c["leaves_out"]) == lacked - near
        assert set(c["told_nearby"]) == lacked & near
    whole = json.loads(run("compare", *map(str, seed_paths()), "--format", "json").stdout)
    related = {g["id"] for g in whole["groups"] if g["relation"] == "related"}
    assert related
    for c in whole["coverage"].values():
        assert not set(c["leaves_out"]) & related
    syria = json.loads(run("topic", "syria", "--format", "json").stdout)
    assert syria["coverage"]["VOA"]["silent"] is True  # VOA says nothing on Syria
    assert "Silent on this topic: VOA" in run("topic", "syria").stdout


def test_coverage_matrix_counts_statements_per_topic_and_source() -> None:
    doc = json.loads(run("coverage", "--format", "json").stdout)
    rows = {t["name"]: t for t in doc["topics"]}
    assert set(rows) == {"iran", "new-start", "syria", "venezuela"}
    assert rows["syria"]["silent"] == ["VOA"]
    iran = json.loads(run("topic", "iran", "--format", "json").stdout)
    assert rows["iran"]["statements"] == {sid: c["statements"] for sid, c in iran["coverage"].items()}


# --- one render() for every view and format --------------------------------------------------------


@pytest.fixture(scope="module")
def views() -> dict[str, Any]:
    from compare_claims.config import load_segment_cues, load_topics
    from compare_claims.coverage import coverage
    from compare_claims.pipeline import Plan, analyze
    from compare_claims.quantities import quantities

    seeds = read(seed_paths())
    topics = load_topics()
    result = run_topic(seeds, topics["iran"], topics)
    every = [topics[n] for n in sorted(topics)]
    plan = Plan.build(load_segment_cues(), every, every)
    return {"result": result, "coverage": coverage([analyze(s, plan) for s in seeds], every),
            "quantities": quantities(result)}


def environment(width: int = 80, color: bool = False) -> Any:
    import io

    from compare_claims.environment import Environment

    return Environment(io.StringIO(), io.StringIO(), False, False, width, color, "")


@pytest.mark.parametrize("view", ["result", "coverage", "quantities"])
def test_every_view_renders_in_every_format(views: dict[str, Any], view: str) -> None:
    import csv
    import io

    from compare_claims.render import Format, records, render, rows

    v = views[view]
    head, body = rows(v)
    assert body, "an empty view would not test much"
    out = {fmt: render(v, fmt, environment()) for fmt in Format}
    assert json.loads(out[Format.json]) == json.loads(json.dumps(v.to_dict()))
    assert [json.loads(line) for line in out[Format.jsonl].splitlines()] == json.loads(json.dumps(records(v)))
    for fmt, delimiter in ((Format.csv, ","), (Format.tsv, "\t")):
        parsed = list(csv.reader(io.StringIO(out[fmt]), delimiter=delimiter))
        assert parsed[0] == head and len(parsed) == len(body) + 1, fmt
    md = out[Format.markdown].splitlines()
    # a result is one Markdown row a group (a claim side by side), the other views one a row
    assert sum(1 for line in md if line.startswith("| ")) == (len(v.groups) if view == "result" else len(body)) + 1
    assert out[Format.html].startswith("<!DOCTYPE html>")
    table = out[Format.table]
    assert table.strip() and "\x1b[" not in table
    assert max(map(len, table.splitlines())) <= 80
    wide = render(v, Format.table, environment(width=160))
    assert max(map(len, wide.splitlines())) <= 160
    assert all(text.endswith("\n") for text in out.values())


def test_the_table_is_coloured_only_when_the_environment_says_so(views: dict[str, Any]) -> None:
    from compare_claims.render import Format, render

    plain = render(views["result"], Format.table, environment(color=False))
    colored = render(views["result"], Format.table, environment(color=True))
    assert "\x1b[" not in plain and "{" in plain  # the word diff in {braces}
    assert "\x1b[" in colored


def test_a_source_that_comes_near_a_claim_may_tell_it_and_is_not_said_to_leave_it_out(tmp_path: Path) -> None:
    """Read 35: "leaves out" listed rows an outlet tells in other words ("$1.4 billion"
    beside "$1.375 billion"). A statement of the source that comes near the row's claim
    (``align.NEARBY``) is shown as the row's "nearby", and the row under "may tell in
    other words", with offsets; a source with nothing near still leaves it out."""
    texts = {
        "fox": "The harbour board approved the seawall plan on Monday after a long debate.\n\n"
               "Fishermen rallied outside the town hall.\n\nThe mayor thanked the volunteers for their work.\n",
        "nyt": "The board approved the harbour seawall plan on Monday night after a debate.\n\n"
               "Critics called the budget reckless.\n",
        "hpo": "A seawall for the harbour won the backing of local officials this week, ending months of argument "
               "over its cost.\n\nTourists returned to the beach.\n",
    }
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    paths = [str(tmp_path / f"{n}.txt") for n in texts]
    doc = json.loads(run("compare", *paths, "--format", "json").stdout)
    (row,) = [g for g in doc["groups"] if g["sources"] == ["fox", "nyt"]]
    (near,) = row["nearby"]
    assert near["source"] == "hpo" and texts["hpo"][near["start"]:near["end"]].startswith("A seawall for the harbour")
    assert doc["coverage"]["hpo"]["told_nearby"] == [row["id"]] and doc["coverage"]["hpo"]["leaves_out"] == []
    assert f"may tell in other words {row['id']}" in run("compare", *paths).stdout
    assert "<dt>May tell in other words</dt>" in run("compare", *paths, "--format", "html").stdout
    # with nothing near the claim, the source leaves it out
    (tmp_path / "hpo.txt").write_text("Tourists returned to the beach on a sunny day.\n\nThe ferry ran late.\n",
                                      encoding="utf-8")
    doc = json.loads(run("compare", *paths, "--format", "json").stdout)
    (row,) = [g for g in doc["groups"] if g["sources"] == ["fox", "nyt"]]
    assert row["nearby"] == [] and doc["coverage"]["hpo"]["leaves_out"] == [row["id"]]
