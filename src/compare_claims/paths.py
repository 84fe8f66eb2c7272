"""Where the package finds its data files (cue lists, label lexicon, seeds)."""
from __future__ import annotations

from pathlib import Path


def data_dir() -> Path:
    """The data folder: ``compare_claims/_data`` in a wheel, else the repo's ``data/``."""
    bundled = Path(__file__).parent / "_data"
    if bundled.is_dir():
        return bundled
    return Path(__file__).resolve().parents[2] / "data"


def cache_dir() -> Path:
    """``$COMPARE_CLAIMS_CACHE_DIR``, else ``$XDG_CACHE_HOME/compare-claims``, else ``~/.cache/compare-claims``."""
    import os

    env = os.environ.get("COMPARE_CLAIMS_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "compare-claims"


_DISABLED_BY_FLAG = False


def disable_cache(disabled: bool) -> None:
    """``--no-cache`` for this invocation (each command sets it on entry)."""
    global _DISABLED_BY_FLAG
    _DISABLED_BY_FLAG = disabled


def cache_disabled() -> bool:
    import os

    return _DISABLED_BY_FLAG or os.environ.get("COMPARE_CLAIMS_NO_CACHE", "") not in ("", "0")
