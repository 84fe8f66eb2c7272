"""schema/result.schema.json and schema/group.schema.json describe the real output.

Real `--format json` / `--format jsonl` output must validate; so must a result
whose annotation fields are filled in (the annotate stage fills them); and the
schemas must be strict enough to catch a missing or misspelt field.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from cli_runner import CliRunner

from compare_claims.cli import app
from compare_claims.config import load_topics
from compare_claims.models import (SCHEMA_VERSION, Annotation, Evidence, Group, Member, Result, Source, Span,
                                   Statement)
from compare_claims.render import records

ROOT = Path(__file__).parents[1]
DATA = ROOT / "data"
SCHEMAS = {name: json.loads((ROOT / "schema" / name).read_text(encoding="utf-8"))
           for name in ("result.schema.json", "group.schema.json")}
REGISTRY: Registry[Any] = Registry().with_resources(
    (s["$id"], Resource.from_contents(s)) for s in SCHEMAS.values()
)
RESULT = Draft202012Validator(SCHEMAS["result.schema.json"], registry=REGISTRY)
GROUP = Draft202012Validator(SCHEMAS["group.schema.json"], registry=REGISTRY)
runner = CliRunner(env={"COLUMNS": "100"})


def errors(validator: Draft202012Validator, instance: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]


def output(*args: str, command: str = "topic") -> str:
    res = runner.invoke(app, [command, *args, "--sources", str(DATA)])
    assert res.exit_code == 0, res.stderr
    return res.stdout


# every built-in topic, an ad-hoc --keywords topic, and compare (every statement)
RUNS: dict[str, tuple[str, ...]] = {
    **{name: ("topic", name) for name in sorted(load_topics())},
    "keywords": ("topic", "--keywords", "Pompeo, Lavrov"),
    "compare": ("compare",),
}


def run_json(run: str, fmt: str = "json") -> str:
    command, *args = RUNS[run]
    return output(*args, "--format", fmt, command=command)


@pytest.fixture(scope="module")
def docs() -> dict[str, dict[str, Any]]:
    return {run: json.loads(run_json(run)) for run in RUNS}


@pytest.fixture(scope="module")
def doc(docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return docs["iran"]


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schemas_are_valid_draft_2020_12(name: str) -> None:
    assert SCHEMAS[name]["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(SCHEMAS[name])


def test_every_built_in_topic_is_checked() -> None:
    assert {"iran", "venezuela", "new-start", "syria"} <= set(RUNS)


@pytest.mark.parametrize("run", sorted(RUNS))
def test_json_output_validates(docs: dict[str, dict[str, Any]], run: str) -> None:
    d = docs[run]
    assert errors(RESULT, d) == []
    assert d["groups"], "a topic with no groups would not test much"


@pytest.mark.parametrize("run", sorted(RUNS))
def test_every_jsonl_line_validates_on_its_own(docs: dict[str, dict[str, Any]], run: str) -> None:
    lines = run_json(run, "jsonl").splitlines()
    assert len(lines) == len(docs[run]["groups"]) > 1
    for line in lines:
        assert errors(GROUP, json.loads(line)) == []


def test_the_runs_hold_every_new_field(docs: dict[str, dict[str, Any]]) -> None:
    """What the checks above validate is there: relations of both kinds, evidence,
    paragraphs, quoted labels; and each source says what its offsets point into."""
    groups = [g for d in docs.values() for g in d["groups"]]
    statements = [st for g in groups for st in g["statements"]]
    assert {g["relation"] for g in groups} == {"same", "related", None}
    assert any(g["evidence"] for g in groups)
    assert all(st["paragraph"] is not None for st in statements)
    assert any(lab.get("quoted") is True for st in statements for lab in st["labels"])
    assert {s["offsets"] for d in docs.values() for s in d["sources"]} == {"file"}
    assert {st["via"] for st in docs["compare"]["groups"][0]["statements"]} == {"set"}
    assert docs["keywords"]["topic"] == "keywords" and docs["compare"]["topic"] == "*"
    for d in docs.values():
        assert set(d["settings"]) == {"scorer", "threshold"}


@pytest.mark.parametrize("run", sorted(RUNS))
def test_evidence_backs_every_flag_and_slices_back(docs: dict[str, dict[str, Any]], run: str) -> None:
    d = docs[run]
    texts = {s["id"]: (DATA / s["file"]).read_text(encoding="utf-8") for s in d["sources"]}
    for g in d["groups"]:
        assert [e["flag"] for e in g["evidence"]] == g["flags"]
        for e in g["evidence"]:
            for sp in e["spans"]:
                assert sp["source"] in g["sources"]
                assert texts[sp["source"]][sp["start"]:sp["end"]] == sp["text"]
        for st in g["statements"]:
            a, b = st["paragraph"]
            assert a <= st["start"] < st["end"] <= b <= len(texts[st["source"]])


def test_schema_version_of_the_program_matches_the_schema(doc: dict[str, Any]) -> None:
    assert doc["schema_version"] == SCHEMA_VERSION
    assert errors(RESULT, {**doc, "schema_version": SCHEMA_VERSION.split(".")[0] + ".7"}) == []
    assert errors(RESULT, {**doc, "schema_version": "2.0"}) != []


def filled_in() -> Result:
    """Two sources, every annotation field filled in, a flag with its evidence,
    a quoted label, a source read from a page and one with stray cp1252 bytes."""
    text = "Lavrov said Iran may have enriched 300 kg of uranium, not more."
    other = "Pompeo said the \u201cregime\u201d enriched uranium."
    src = Source("MID", "mid.txt", text, label="MID")
    page = Source("VOA", "https://example.org/a", other, encoding="utf-8+cp1252", title="A title",
                  author="A. Writer", url="https://example.org/a", offsets="extracted")
    ann = Annotation(
        speaker="Lavrov", reporting_verb="said",
        hedges=(Span(17, 25, "may have", kind="weak", value="may have"),), certainty=(),
        numbers=(Span(35, 41, "300 kg", kind="amount", value="300 kg"),),
        labels=(Span(12, 16, "Iran", kind="neutral", value="iran"),), negations=(Span(54, 57, "not"),),
        diff=(Span(26, 34, "enriched", kind="changed"),),
    )
    quoted = Annotation(speaker="Pompeo", reporting_verb="say",
                        labels=(Span(17, 23, "regime", kind="pejorative", value="regime", quoted=True),))
    st = Statement("MID", 0, len(text), text, paragraph_start=0, paragraph_end=len(text))
    st2 = Statement("VOA", 0, len(other), other)  # no paragraph known: null
    evidence = (Evidence("hedge", "MID hedges ('may have'); VOA asserts",
                         (("MID", Span(17, 25, "may have")), ("VOA", Span(0, len(other), other)))),)
    group = Group("g1", 55.0, (Member(st, 100.0, ann, via="named", reference=True), Member(st2, 55.0, quoted)),
                  flags=("hedge",), relation="same", evidence=evidence)
    single = Group("g2", None, (Member(st2, 100.0, Annotation(), via="continues", reference=True),))
    return Result("iran", "Iran", (src, page), (group, single), settings=(("scorer", "weighted"), ("threshold", 34.0)))


def test_filled_in_annotations_validate() -> None:
    result = filled_in()
    d = result.to_dict()
    assert d["groups"][0]["statements"][1]["paragraph"] is None
    assert d["groups"][0]["statements"][1]["labels"][0]["quoted"] is True
    assert errors(RESULT, d) == []
    for record in records(result):
        assert errors(GROUP, record) == []


@pytest.mark.parametrize(
    ("value", "path"),
    [
        ("maybe", ("groups", 0, "relation")),
        (None, ("groups", 0, "relation")),  # two sources: same or related
        ("same", ("groups", 1, "relation")),  # one source: null
        (50.0, ("groups", 1, "score")),
        (["hedge"], ("groups", 1, "flags")),
        ("related", ("groups", 0, "relation")),  # related claims carry no flag
        (["whatever"], ("groups", 0, "flags")),
        ([{"flag": "hedge", "note": "x", "spans": []}], ("groups", 0, "evidence")),
        ("tone", ("groups", 0, "evidence", 0, "flag")),
        (1, ("groups", 0, "evidence", 0, "extra")),
        ({"source": "MID", "start": 1, "end": 2}, ("groups", 0, "evidence", 0, "spans", 0)),
        ({"source": "MID", "start": 1, "end": 2, "text": "x", "kind": "weak"}, ("groups", 0, "evidence", 0, "spans", 0)),
        ([1], ("groups", 0, "statements", 0, "paragraph")),
        ([1, 2, 3], ("groups", 0, "statements", 0, "paragraph")),
        ([-1, 2], ("groups", 0, "statements", 0, "paragraph")),
        ("0-10", ("groups", 0, "statements", 0, "paragraph")),
        (False, ("groups", 0, "statements", 1, "labels", 0, "quoted")),
        (True, ("groups", 0, "statements", 0, "numbers", 0, "quoted")),  # only labels and hedges say quoted
        (False, ("groups", 0, "statements", 0, "hedges", 0, "quoted")),  # quoted is true or absent
        ("weight", ("groups", 0, "statements", 0, "numbers", 0, "kind")),
        ("same", ("groups", 0, "statements", 0, "diff", 0, "kind")),
        ("whatever", ("groups", 0, "statements", 0, "via")),
        ("bytes", ("sources", 1, "offsets")),
        ("", ("sources", 1, "encoding")),
        (None, ("sources", 1, "title")),
        (0.9, ("settings", "link")),  # settings no longer have link
    ],
)
def test_a_wrong_new_field_is_caught(value: Any, path: tuple[str | int, ...]) -> None:
    d = filled_in().to_dict()
    assert errors(RESULT, _set(d, value, *path)) != []


@pytest.mark.parametrize(
    "path",
    [("groups", 0, "relation"), ("groups", 0, "evidence"), ("groups", 0, "evidence", 0, "note"),
     ("groups", 0, "evidence", 0, "spans", 0, "source"), ("groups", 0, "statements", 0, "paragraph"),
     ("groups", 0, "statements", 0, "numbers", 0, "value"), ("groups", 0, "statements", 0, "diff", 0, "kind"),
     ("sources", 1, "title"), ("sources", 1, "author"), ("sources", 1, "url"), ("sources", 1, "offsets")],
)
def test_a_missing_new_field_is_caught(path: tuple[str | int, ...]) -> None:
    assert errors(RESULT, _drop(filled_in().to_dict(), *path)) != []


def _drop(d: dict[str, Any], *path: str | int) -> dict[str, Any]:
    d = copy.deepcopy(d)
    node: Any = d
    for p in path[:-1]:
        node = node[p]
    del node[path[-1]]
    return d


def _set(d: dict[str, Any], value: Any, *path: str | int) -> dict[str, Any]:
    d = copy.deepcopy(d)
    node: Any = d
    for p in path[:-1]:
        node = node[p]
    node[path[-1]] = value
    return d


@pytest.mark.parametrize(
    "path",
    [
        ("schema_version",), ("topic",), ("topic_label",), ("settings",), ("sources",), ("groups",),
        ("sources", 0, "file"), ("sources", 0, "length"),
        ("groups", 0, "score"), ("groups", 0, "flags"), ("groups", 0, "statements"),
        ("groups", 0, "statements", 0, "start"), ("groups", 0, "statements", 0, "via"),
        # annotation fields may be empty, but they must be there
        ("groups", 0, "statements", 0, "speaker"), ("groups", 0, "statements", 0, "hedges"),
        ("groups", 0, "statements", 0, "diff"),
    ],
)
def test_a_missing_field_is_caught(doc: dict[str, Any], path: tuple[str | int, ...]) -> None:
    assert errors(RESULT, _drop(doc, *path)) != []


@pytest.mark.parametrize(
    ("value", "path"),
    [
        (1, ("extra",)),
        (1, ("groups", 0, "extra")),
        (1, ("groups", 0, "statements", 0, "extra")),
        ("42", ("groups", 0, "score")),
        (101, ("groups", 0, "score")),
        (-1, ("groups", 0, "statements", 0, "start")),
        ("VOA", ("groups", 0, "statements", 0, "hedges")),
        ([{"start": 1, "end": 2}], ("groups", 0, "statements", 0, "numbers")),  # a span needs its text
        ([{"start": 1, "end": 2, "text": "x", "weight": 3}], ("groups", 0, "statements", 0, "labels")),
        ("1", ("schema_version",)),
    ],
)
def test_a_wrong_field_is_caught(doc: dict[str, Any], value: Any, path: tuple[str | int, ...]) -> None:
    assert errors(RESULT, _set(doc, value, *path)) != []


def test_single_source_groups_have_null_score(doc: dict[str, Any]) -> None:
    single = [g for g in doc["groups"] if len(g["sources"]) == 1]
    assert single and all(g["score"] is None for g in single)
    assert errors(RESULT, doc) == []


def test_a_jsonl_line_needs_topic_and_version() -> None:
    line = json.loads(output("iran", "--format", "jsonl").splitlines()[0])
    assert errors(GROUP, line) == []
    assert errors(GROUP, _drop(line, "topic")) != []
    assert errors(GROUP, _drop(line, "schema_version")) != []
    assert errors(GROUP, _set(line, 1, "extra")) != []


PAGE = """<!DOCTYPE html><html><head><meta charset="windows-1251"><title>Iran talks stall</title>
<meta name="author" content="Jane Roe"></head>
<body><nav><a href="/">Home</a> | <a href="/w">World</a></nav>
<article><h1>Iran talks stall</h1>
<p>Iran said on Monday it would not talk to Washington about its nuclear programme under pressure, officials said.</p>
<p>The talks on Iran stalled again after the meeting in Vienna, diplomats said on Tuesday evening.</p>
</article><footer>Sign up for our newsletter</footer></body></html>
"""


def test_a_page_and_a_text_with_stray_bytes_validate(tmp_path: Path) -> None:
    """The source fields a page and a mis-encoded file fill in: offsets, encoding, title, author."""
    (tmp_path / "a.txt").write_bytes(b"Iran said on Monday it would not talk to Washington about its nuclear programme "
                                     b"\x93under pressure\x94.\n\nThe talks on Iran stalled again.\n")
    (tmp_path / "b.html").write_bytes(PAGE.encode("cp1251"))
    res = runner.invoke(app, ["topic", "iran", "--sources", str(tmp_path), "--format", "json"])
    assert res.exit_code == 0, res.stderr
    d = json.loads(res.stdout)
    assert errors(RESULT, d) == []
    by_file = {s["file"]: s for s in d["sources"]}
    assert (by_file["a.txt"]["encoding"], by_file["a.txt"]["offsets"]) == ("utf-8+cp1252", "file")
    page = by_file["b.html"]
    assert (page["encoding"], page["offsets"], page["title"], page["author"]) == (
        "cp1251", "extracted", "Iran talks stall", "Jane Roe")
    assert d["groups"]
