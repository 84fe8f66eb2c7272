"""Shared test set-up: the shipped corpus and the built-in topics, loaded once."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

from compare_claims.config import load_lexicon, load_segment_cues, load_topics, load_vocabulary
from compare_claims.lexicon import Lexicon
from compare_claims.load import expand_paths, load_sources
from compare_claims.models import Result, Source
from compare_claims.pipeline import Options, Plan, run
from compare_claims.segment import SegmentCues
from compare_claims.topics import Topic

# every run of the suite (and every CLI it starts) keeps its analysis cache and its
# key in a folder of its own, never the user's: warm runs are tested along the way
_HOME = tempfile.mkdtemp(prefix="compare-claims-tests-")
atexit.register(shutil.rmtree, _HOME, ignore_errors=True)
os.environ["XDG_CACHE_HOME"] = os.path.join(_HOME, "cache")
os.environ["XDG_STATE_HOME"] = os.path.join(_HOME, "state")
os.environ.pop("COMPARE_CLAIMS_CACHE_DIR", None)

DATA = Path(__file__).parents[1] / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def seed_paths() -> list[str]:
    return sorted(str(p) for p in DATA.glob("*.txt"))


def read(paths: list[str]) -> tuple[Source, ...]:
    return load_sources(expand_paths(paths)[0]).sources


@pytest.fixture(scope="session")
def seeds() -> tuple[Source, ...]:
    """The shipped corpus (the five seed texts), loaded once."""
    return read(seed_paths())


@pytest.fixture(scope="session")
def topics() -> dict[str, Topic]:
    """The built-in topics."""
    return load_topics()


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="session")
def segment_cues() -> SegmentCues:
    return load_segment_cues()


def make_plan(topic: Topic, topics: dict[str, Topic], *, annotate: bool = True) -> Plan:
    """What the CLI builds for one topic: every known topic, the topic's own labels."""
    return Plan.build(load_segment_cues(), [topics[n] for n in sorted(topics)], [topic],
                      load_lexicon(topic) if annotate else None, load_vocabulary())


def run_topic(sources: tuple[Source, ...], topic: Topic, topics: dict[str, Topic],
              options: Options = Options()) -> Result:
    return run(sources, topic, make_plan(topic, topics), options)


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The processes forked by ``parallel.map_in_forks`` (their pids, seen from this process)."""
    import os

    forked: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    return forked


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int | None]:
    """The number of processes of each pool started."""
    import concurrent.futures

    started: list[int | None] = []
    real_pool = concurrent.futures.ProcessPoolExecutor

    def pool(*args: Any, **kw: Any) -> Any:
        started.append(kw.get("max_workers"))
        return real_pool(*args, **kw)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", pool)
    return started
