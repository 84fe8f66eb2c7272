"""Where the shipped data lives: in the wheel as ``_data``, in a checkout as ``data/``."""
from __future__ import annotations

from pathlib import Path


def data_dir() -> Path:
    packaged = Path(__file__).parent / "_data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"
