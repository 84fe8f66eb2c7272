"""On-disk cache of per-source analyses (segmentation, words, annotations).

A source's analysis depends on its text, its id, the code and the data files
(cue lists, lexicon).  The key hashes all of these, so editing a text, a cue
list or the package itself never serves a stale entry; stale entries are
simply never read again.  Location: ``$COMPARE_CLAIMS_CACHE_DIR``, else
``$XDG_CACHE_HOME/compare-claims``, else ``~/.cache/compare-claims``.
``--no-cache`` (or ``COMPARE_CLAIMS_NO_CACHE=1``) turns it off.  A cache that
cannot be read or written is ignored: it only ever costs time, never output.
"""
from __future__ import annotations

import os
import pickle
import zlib
from functools import lru_cache
from pathlib import Path

from . import __version__
from .analysis import SourceAnalysis
from .models import Source
from .paths import cache_dir, data_dir

_FORMAT = 2


def default_dir() -> Path:
    return cache_dir()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Version plus size and mtime of every module and cue file: cheap to take."""
    parts = [__version__, str(_FORMAT)]
    with os.scandir(os.path.dirname(__file__)) as entries:
        modules = sorted((e.name, e.stat()) for e in entries if e.name.endswith(".py"))
    for name, st in modules:
        parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    for path in (data_dir() / "cues.toml", data_dir() / "labels.toml"):
        try:
            st = path.stat()
        except OSError:
            continue
        parts.append(f"{path.name}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


class DiskCache:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or default_dir()
        self.hits = 0
        self.misses = 0
        self.errors: list[str] = []

    def _key(self, source: Source, variant: str) -> tuple[Path, str]:
        """File name from two checksums of everything the analysis depends on.

        The entry also stores that full key text and is used only when it
        matches exactly, so a checksum collision costs a recomputation,
        never a wrong answer (and zlib is far cheaper to load than hashlib).
        """
        head = "\0".join((code_fingerprint(), variant, source.id)).encode("utf-8")
        body = source.text.encode("utf-8", "surrogatepass")
        a = zlib.crc32(body, zlib.crc32(head))
        b = zlib.adler32(body, zlib.adler32(head))
        return self.directory / f"{a:08x}{b:08x}{len(body):x}.pickle", head.decode("utf-8") + "\0" + source.text

    def get(self, source: Source, variant: str) -> SourceAnalysis | None:
        path, key = self._key(source, variant)
        try:
            with open(path, "rb") as fh:
                stored_key, found = pickle.load(fh)
        except FileNotFoundError:
            self.misses += 1
            return None
        except Exception as exc:  # noqa: BLE001 - a broken entry is a miss, never an error
            # (includes an entry of an older format that does not unpack as (key, analysis))
            self.errors.append(f"{path}: unreadable cache entry ({type(exc).__name__}); recomputed")
            self.misses += 1
            return None
        if stored_key != key or not isinstance(found, SourceAnalysis):
            self.misses += 1
            return None
        self.hits += 1
        return found

    def put(self, source: Source, variant: str, analysis: SourceAnalysis) -> None:
        import tempfile  # only when writing: a warm run never needs it

        path, key = self._key(source, variant)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((key, analysis), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError as exc:
            self.errors.append(f"{self.directory}: cache not written ({exc.strerror or exc})")
