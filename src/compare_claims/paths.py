"""Where the package finds its data files (cue lists, label lexicon, seeds)."""
from __future__ import annotations

from functools import cache
from pathlib import Path


@cache  # a run asks some ten times; resolving the path costs ~0.13 ms each
def data_dir() -> Path:
    """The data folder: ``compare_claims/_data`` in a wheel, else the repo's ``data/``."""
    bundled = Path(__file__).parent / "_data"
    if bundled.is_dir():
        return bundled
    return Path(__file__).resolve().parents[2] / "data"
