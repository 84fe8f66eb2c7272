"""Shared test set-up: the analysis cache goes to a temporary directory, never ~/.cache."""
from __future__ import annotations

from pathlib import Path

import pytest

from compare_claims.load import expand_paths, load_sources
from compare_claims.models import Source
from compare_claims.topics import Topic, load_topics

DATA = Path(__file__).parents[1] / "data"


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    mp = pytest.MonkeyPatch()
    cache: Path = tmp_path_factory.mktemp("analysis-cache")
    mp.setenv("COMPARE_CLAIMS_CACHE_DIR", str(cache))


@pytest.fixture(scope="session")
def seeds() -> tuple[Source, ...]:
    """The shipped corpus (the five seed texts), loaded once."""
    return load_sources(expand_paths([str(DATA)]))[0]


@pytest.fixture(scope="session")
def topics() -> dict[str, Topic]:
    """The built-in topics."""
    return load_topics()
