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
from typer.testing import CliRunner

from compare_claims.cli import app
from compare_claims.models import SCHEMA_VERSION, Annotation, Group, Member, Result, Source, Span, Statement
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


def output(*args: str) -> str:
    res = runner.invoke(app, ["topic", *args, "--sources", str(DATA)])
    assert res.exit_code == 0, res.stderr
    return res.stdout


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    d: dict[str, Any] = json.loads(output("iran", "--format", "json"))
    return d


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schemas_are_valid_draft_2020_12(name: str) -> None:
    assert SCHEMAS[name]["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(SCHEMAS[name])


@pytest.mark.parametrize("topic", ["iran", "venezuela", "new-start", "syria"])
def test_json_output_validates(topic: str) -> None:
    d = json.loads(output(topic, "--format", "json"))
    assert errors(RESULT, d) == []
    assert d["groups"], "a topic with no groups would not test much"


def test_every_jsonl_line_validates_on_its_own() -> None:
    lines = output("iran", "--format", "jsonl").splitlines()
    assert len(lines) > 1
    for line in lines:
        assert errors(GROUP, json.loads(line)) == []


def test_schema_version_of_the_program_matches_the_schema(doc: dict[str, Any]) -> None:
    assert doc["schema_version"] == SCHEMA_VERSION
    assert errors(RESULT, {**doc, "schema_version": SCHEMA_VERSION.split(".")[0] + ".7"}) == []
    assert errors(RESULT, {**doc, "schema_version": "2.0"}) != []


def test_filled_in_annotations_validate() -> None:
    text = "Lavrov said Iran may have enriched 300 kg of uranium, not more."
    src = Source("MID", "mid.txt", text, label="MID")
    ann = Annotation(
        speaker="Lavrov", reporting_verb="said",
        hedges=(Span(17, 25, "may have"),), certainty=(),
        numbers=(Span(35, 41, "300 kg", kind="amount", value="300 kg"),),
        labels=(Span(12, 16, "Iran", kind="neutral"),), negations=(Span(54, 57, "not"),),
        diff=(Span(26, 34, "enriched"),),
    )
    st = Statement("MID", 0, len(text), text)
    group = Group("g1", None, (Member(st, 100.0, ann, via="named", reference=True),), flags=("hedge",))
    result = Result("iran", "Iran", (src,), (group,), settings=(("scorer", "weighted"), ("threshold", 34.0), ("link", 0.9)))
    assert errors(RESULT, result.to_dict()) == []
    for record in records(result):
        assert errors(GROUP, record) == []


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
