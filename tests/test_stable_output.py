"""Same inputs, same bytes: the order sources are given in, the order files sit
on disk and the terminal width never change the machine-readable output."""
from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from cli_runner import CliRunner

from compare_claims.cli import app

DATA = Path(__file__).parents[1] / "data"
TEXTS = sorted(DATA.glob("*.txt"))
SEEDS = str(DATA / "*.txt")  # not data/ itself: it also holds the tool's tables, which a folder run reports
FORMATS = ["json", "jsonl", "csv", "tsv", "markdown", "table"]
SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run(args: list[str], columns: int = 100) -> bytes:
    res = CliRunner(env={"COLUMNS": str(columns), "NO_COLOR": "1"}).invoke(app, ["topic", "iran", *args])
    assert res.exit_code == 0, res.stderr
    assert res.stderr == ""
    return res.stdout_bytes


@cache
def canonical(fmt: str) -> bytes:
    out = run(["--format", fmt, "--sources", SEEDS])
    assert len(out) > 1000
    return out


def test_the_sources_are_really_all_read() -> None:
    # the permutation tests below would pass vacuously if only one file counted
    out = canonical("csv").decode()
    for label in ("VOA", "Sputnik", "RU-comment", "OSW", "MID"):
        assert f",{label}," in out


@SETTINGS
@given(order=st.permutations(TEXTS), fmt=st.sampled_from(FORMATS),
       positional=st.lists(st.booleans(), min_size=len(TEXTS), max_size=len(TEXTS)))
def test_order_of_the_source_arguments_does_not_matter(order: list[Path], fmt: str, positional: list[bool]) -> None:
    args = ["--format", fmt]
    for path, as_argument in zip(order, positional):
        args += [str(path)] if as_argument else ["--sources", str(path)]
    assert run(args) == canonical(fmt)


@SETTINGS
@given(order=st.permutations([*TEXTS, DATA / "sources.toml"]), fmt=st.sampled_from(FORMATS),
       how=st.sampled_from(["directory", "glob"]))
def test_order_of_files_on_disk_does_not_matter(order: list[Path], fmt: str, how: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for path in order:  # files created in another order, in another place
            shutil.copyfile(path, corpus / path.name)
        where = str(corpus) if how == "directory" else str(corpus / "*.txt")
        assert run(["--format", fmt, "--sources", where]) == canonical(fmt)


@SETTINGS
@given(columns=st.integers(min_value=20, max_value=400), fmt=st.sampled_from(["json", "jsonl", "csv", "tsv", "markdown"]))
def test_terminal_width_does_not_change_machine_formats(columns: int, fmt: str) -> None:
    assert run(["--format", fmt, "--sources", SEEDS], columns=columns) == canonical(fmt)


def test_table_does_follow_the_width() -> None:
    # the control for the test above: COLUMNS does reach the renderer
    narrow = run(["--sources", SEEDS], columns=60).decode()
    assert max(map(len, narrow.splitlines())) <= 60
    assert narrow != canonical("table").decode()
