"""Where the package finds its data files (cue lists, label lexicon, seeds)."""
from __future__ import annotations

from pathlib import Path


def data_dir() -> Path:
    """The data folder: ``compare_claims/_data`` in a wheel, else the repo's ``data/``."""
    bundled = Path(__file__).parent / "_data"
    if bundled.is_dir():
        return bundled
    return Path(__file__).resolve().parents[2] / "data"
