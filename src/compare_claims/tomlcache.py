"""TOML parsing with parsed copies kept in the cache directory.

Importing tomllib (it compiles its regexes) costs more than parsing the small
topics and metadata files every run reads, so their parsed form is kept,
keyed by the file's content (and checked against it), as marshal data.  A
file that holds TOML dates (which marshal cannot store) is simply parsed
each time.  Errors are tomllib's (``TOMLDecodeError`` is a ``ValueError``).
"""
from __future__ import annotations

import marshal
import os
import zlib
from pathlib import Path
from typing import Any

from .paths import cache_dir, cache_disabled

_FORMAT = b"toml1"


def _entry(text: str) -> Path:
    body = text.encode("utf-8", "surrogatepass")
    a, b = zlib.crc32(body, zlib.crc32(_FORMAT)), zlib.adler32(body)
    return cache_dir() / f"toml-{a:08x}{b:08x}{len(body):x}.marshal"


def parse_toml(text: str) -> dict[str, Any]:
    use_cache = not cache_disabled()
    if use_cache:
        path = _entry(text)
        try:
            with open(path, "rb") as fh:
                stored_text, doc = marshal.load(fh)
            if stored_text == text and isinstance(doc, dict):
                return doc
        except (OSError, EOFError, ValueError, TypeError):
            pass
    import tomllib

    doc = tomllib.loads(text)
    if use_cache:
        try:
            data = marshal.dumps((text, doc))
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
            tmp.write_bytes(data)
            os.replace(tmp, path)
        except (OSError, ValueError):  # unwritable directory, or dates marshal cannot hold
            pass
    return doc
