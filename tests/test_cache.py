"""The analysis cache only ever saves time: same output with it, without it,
from a broken entry, or with a cache directory that cannot be written."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compare_claims.cache import DiskCache
from compare_claims.cli import app
from compare_claims.load import expand_paths, load_sources
from compare_claims.models import Source
from compare_claims.pipeline import Options, run
from compare_claims.topics import load_topics

DATA = Path(__file__).parents[1] / "data"


def cli(cache_dir: Path, *args: str) -> tuple[int, str, str]:
    runner = CliRunner(env={"COLUMNS": "100", "NO_COLOR": "1", "COMPARE_CLAIMS_CACHE_DIR": str(cache_dir)})
    res = runner.invoke(app, list(args))
    return res.exit_code, res.stdout, res.stderr


def test_cold_warm_and_uncached_runs_print_the_same_bytes(tmp_path: Path) -> None:
    args = ("topic", "iran", "--format", "json")
    code0, uncached, _ = cli(tmp_path / "c", *args, "--no-cache")
    code1, cold, err1 = cli(tmp_path / "c", *args, "--verbose")
    code2, warm, err2 = cli(tmp_path / "c", *args, "--verbose")
    assert code0 == code1 == code2 == 0
    assert uncached == cold == warm
    assert "0 hit(s), 5 miss(es)" in err1
    assert "5 hit(s), 0 miss(es)" in err2


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    cli(tmp_path / "c", "topic", "iran", "--format", "csv", "--no-cache")
    assert not (tmp_path / "c").exists()


def test_a_broken_entry_is_recomputed_not_an_error(tmp_path: Path) -> None:
    cache = tmp_path / "c"
    _, before, _ = cli(cache, "topic", "syria", "--format", "json")
    for entry in cache.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    code, after, err = cli(cache, "topic", "syria", "--format", "json", "--verbose")
    assert code == 0 and after == before
    assert "unreadable cache entry" in err and "Traceback" not in err


def test_an_unwritable_cache_directory_is_only_a_warning(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    code, out, err = cli(blocker / "cache", "topic", "iran", "--format", "csv", "--verbose")
    assert code == 0 and out.startswith("topic,group")
    assert "cache not written" in err


def test_editing_a_source_is_never_served_from_the_cache(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(DATA, corpus)
    cache = tmp_path / "c"
    _, before, _ = cli(cache, "topic", "iran", "--sources", str(corpus), "--format", "csv")
    f = corpus / "002_38518f3f8525e765.txt"
    f.write_text(f.read_text(encoding="utf-8") + "\nTehran said the talks on Iran were a waste of time.\n",
                 encoding="utf-8")
    _, after, _ = cli(cache, "topic", "iran", "--sources", str(corpus), "--format", "csv")
    assert "Tehran said the talks on Iran were a waste of time." in after
    assert "Tehran said the talks" not in before


@pytest.fixture(scope="module")
def corpus() -> tuple[Source, ...]:
    sources, _ = load_sources(expand_paths([str(DATA)]))
    return sources


def test_pipeline_result_is_equal_with_and_without_cache(tmp_path: Path, corpus: tuple[Source, ...]) -> None:
    topics = load_topics()
    plain = run(corpus, topics["venezuela"], topics, Options())
    cache = DiskCache(tmp_path)
    first = run(corpus, topics["venezuela"], topics, Options(), cache=cache)
    second = run(corpus, topics["venezuela"], topics, Options(), cache=cache)
    assert plain == first == second
    assert cache.hits == 5 and cache.misses == 5
