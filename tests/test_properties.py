"""Properties of one analysis path, over any small set of texts: sentences of
the seed articles mixed with arbitrary Unicode.

* ``topic --keywords ... --format json`` run twice gives the same bytes;
* every statement's offsets slice its text back out of the source's text
  (the text ``extract`` prints, and the file decoded as UTF-8);
* the CLI with ``--jobs 1`` and the in-process core (``pipeline.run``) give
  the same groups.
"""
from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from cli_runner import CliRunner

from compare_claims.cli import app
from compare_claims.config import load_topics
from compare_claims.pipeline import Options
from compare_claims.render import dumps
from compare_claims.topics import keywords_topic

from conftest import read, run_topic, seed_paths

KEYWORDS = "Iran, nuclear, sanctions, Pompeo, Lavrov"
runner = CliRunner(env={"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"})


def _sentences() -> list[str]:
    out: list[str] = []
    for path in seed_paths():
        text = Path(path).read_text(encoding="utf-8")
        out += [s for s in re.split(r"(?<=[.!?”])\s+", text) if 30 < len(s) < 300]
    return out


SENTENCES = _sentences()
ON_TOPIC = [s for s in SENTENCES if any(k.strip() in s for k in KEYWORDS.split(","))]
# any character but NUL (a NUL makes a file binary) and surrogates (not text)
NOISE = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40)
PIECE = st.one_of(st.sampled_from(SENTENCES), NOISE, st.sampled_from(["\n", "\n\n", " ", "\u00a0", "\r\n"]))
# each text opens with a seed sentence on the topic: never blank, never taken for HTML, no BOM to strip
TEXT = st.builds(lambda first, rest: first + " " + "".join(rest), st.sampled_from(ON_TOPIC),
                 st.lists(PIECE, min_size=1, max_size=12))
SETTINGS = settings(max_examples=15, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def cli(*args: str) -> Any:
    return runner.invoke(app, list(args))


def write(folder: Path, texts: list[str]) -> list[str]:
    paths = []
    for k, text in enumerate(texts):
        path = folder / f"text-{k}.txt"
        path.write_bytes(text.encode("utf-8"))
        paths.append(str(path))
    return paths


@SETTINGS
@given(texts=st.lists(TEXT, min_size=1, max_size=4))
def test_same_bytes_twice_and_offsets_slice_back(texts: list[str]) -> None:
    same_bytes_and_offsets(texts)


def test_the_property_checks_something() -> None:
    """The control: on seed paragraphs with stray Unicode, there are groups to check."""
    doc = same_bytes_and_offsets(SEED_PARTS)
    assert sum(len(g["statements"]) for g in doc["groups"]) >= 5


def same_bytes_and_offsets(texts: list[str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        paths = write(Path(tmp), texts)
        first = cli("topic", "--keywords", KEYWORDS, *paths, "--format", "json")
        second = cli("topic", "--keywords", KEYWORDS, *paths, "--format", "json")
        assert first.exit_code == 0, first.stderr
        assert first.stdout_bytes == second.stdout_bytes
        doc: dict[str, Any] = json.loads(first.stdout)
        assert [s["file"] for s in doc["sources"]] == [Path(p).name for p in paths]
        by_id = {s["id"]: texts[int(s["file"][len("text-"):-len(".txt")])] for s in doc["sources"]}
        extracted = {s["id"]: cli("extract", str(Path(tmp) / s["file"])).stdout_bytes.decode("utf-8")
                     for s in doc["sources"]}
        for s in doc["sources"]:
            assert s["length"] == len(by_id[s["id"]]) and extracted[s["id"]] == by_id[s["id"]]
        for g in doc["groups"]:
            for member in g["statements"]:
                text = by_id[member["source"]]
                assert 0 <= member["start"] < member["end"] <= len(text)
                assert text[member["start"]:member["end"]] == member["text"]
    return doc


SEED_PARTS = [Path(p).read_text(encoding="utf-8")[:4000] + "\u00a0\U0001f600 \u202e\r\n" for p in seed_paths()[:3]]


@SETTINGS
@given(texts=st.lists(TEXT, min_size=1, max_size=4))
@example(texts=SEED_PARTS)  # one case with many groups, every run
def test_jobs_1_and_the_in_process_core_give_the_same_groups(texts: list[str]) -> None:
    topic = keywords_topic(KEYWORDS)
    topics = {**load_topics(), topic.name: topic}
    with tempfile.TemporaryDirectory() as tmp:
        paths = write(Path(tmp), texts)
        res = cli("topic", "--keywords", KEYWORDS, *paths, "--format", "json", "--jobs", "1")
        assert res.exit_code == 0, res.stderr
        core = run_topic(read(paths), topic, topics, Options())
    doc = json.loads(res.stdout)
    expected = json.loads(dumps(core.to_dict()))
    assert doc["groups"] == expected["groups"]
    assert doc["sources"] == expected["sources"]
