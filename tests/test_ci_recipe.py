"""The CI recipe in README.md works as printed.

The ```sh block between the ci-recipe markers is extracted and run with bash
against a copy of the shipped corpus: unchanged it passes (exit 0); with a
paragraph holding an aligned statement deleted it fails the build (exit 1);
without a baseline it fails as "could not compare" (exit 2), not as "moved".
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cli_runner import CliRunner

from compare_claims.cli import app

ROOT = Path(__file__).parents[1]
DATA = ROOT / "data"
START, END = "<!-- ci-recipe:start -->", "<!-- ci-recipe:end -->"


def snippet() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.count(START) == 1 and readme.count(END) == 1
    between = readme.split(START, 1)[1].split(END, 1)[0]
    m = re.fullmatch(r"\s*```sh\n(.*?)```\s*", between, flags=re.S)
    assert m, "the recipe must be one ```sh block between the markers"
    return m.group(1)


@pytest.fixture
def ci(tmp_path: Path) -> dict[str, Path]:
    """A checkout with a copied corpus and a baseline written from it."""
    texts = tmp_path / "texts"  # not the recipe's default names: the variables must be honoured
    texts.mkdir()
    for p in [*DATA.glob("*.txt"), DATA / "sources.toml"]:
        shutil.copyfile(p, texts / p.name)
    (tmp_path / "saved").mkdir()
    baseline = tmp_path / "saved" / "iran.json"
    res = CliRunner(env={"COLUMNS": "100"}).invoke(
        app, ["topic", "iran", "--sources", str(texts), "--format", "json", "--write-baseline", str(baseline)])
    assert res.exit_code == 0, res.stderr
    return {"root": tmp_path, "texts": texts, "baseline": baseline}


def run_recipe(ci: dict[str, Path], baseline: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "COLUMNS": "100",
        "CORPUS": str(ci["texts"]),
        "BASELINE": str(baseline or ci["baseline"]),
    }
    for name in ("TOPIC", "REPORT"):  # the recipe's defaults apply
        env.pop(name, None)
    return subprocess.run(["bash", "-c", snippet()], cwd=ci["root"], env=env, capture_output=True, text=True,
                          timeout=120)


def test_unchanged_corpus_passes(ci: dict[str, Path]) -> None:
    proc = run_recipe(ci)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert "unchanged" in proc.stdout
    # today's result is kept as an artifact, and it is the baseline itself
    assert (ci["root"] / "claims-iran.json").read_bytes() == ci["baseline"].read_bytes()


def test_deleting_an_aligned_paragraph_fails_the_build(ci: dict[str, Path]) -> None:
    doc: dict[str, Any] = json.loads(ci["baseline"].read_text(encoding="utf-8"))
    group = next(g for g in doc["groups"] if len(g["sources"]) > 1)
    st = group["statements"][-1]
    source = next(s for s in doc["sources"] if s["id"] == st["source"])
    path = ci["texts"] / source["file"]
    text = path.read_text(encoding="utf-8")
    assert text[st["start"]:st["end"]] == st["text"]
    para_start = text.rfind("\n", 0, st["start"]) + 1
    para_end = text.find("\n", st["end"])
    path.write_text(text[:para_start] + text[para_end + 1:], encoding="utf-8")

    proc = run_recipe(ci)
    assert proc.returncode == 1
    assert f"- statement: [{st['source']} {st['start']}-{st['end']}]" in proc.stderr
    assert "moved" in proc.stderr and "Traceback" not in proc.stderr


def test_missing_baseline_is_not_reported_as_moved(ci: dict[str, Path]) -> None:
    proc = run_recipe(ci, baseline=ci["root"] / "saved" / "nope.json")
    assert proc.returncode == 2
    assert "no such baseline file" in proc.stderr and "moved" not in proc.stderr
