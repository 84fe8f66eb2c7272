"""Shared test set-up: the analysis cache goes to a temporary directory, never ~/.cache."""
from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    mp = pytest.MonkeyPatch()
    cache: Path = tmp_path_factory.mktemp("analysis-cache")
    mp.setenv("COMPARE_CLAIMS_CACHE_DIR", str(cache))
