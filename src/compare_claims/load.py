"""Find and decode source texts; read their editable metadata.

Offsets everywhere are character offsets into the decoded text exactly as it
is on disk (a UTF-8 BOM is not part of the text).
"""
from __future__ import annotations

import glob
import os
from pathlib import Path
from typing import Any, Iterable, NamedTuple

from .errors import InputError, TopicsFileError
from .models import Source

TEXT_SUFFIXES = (".txt", ".text", ".md")
METADATA_FILE = "sources.toml"
STDIN_NAME = "-"


class Decoded(NamedTuple):
    text: str
    encoding: str
    warning: str = ""


def decode(data: bytes, name: str) -> Decoded:
    """UTF-8 (BOM tolerated), else cp1252 with a warning; never latin-1."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks binary (NUL bytes), not a text file")
    try:
        decoded = Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc2:
            raise InputError(
                f"{name}: undecodable bytes (not UTF-8 at byte {first_bad}, not cp1252 at byte {exc2.start})"
            ) from None
        decoded = Decoded(text, "cp1252", f"{name}: not valid UTF-8 (byte {first_bad}); decoded as cp1252")
    if not decoded.text.strip():  # str.strip also removes NO-BREAK SPACE
        raise InputError(f"{name}: file is empty")
    return decoded


def expand_paths(paths: Iterable[str]) -> list[Path | str]:
    """Files, directories (their text files, sorted) and globs; ``-`` is stdin.

    Order follows the arguments; within a directory or glob, names are sorted so
    the result never depends on the order of files on disk.
    """
    out: list[Path | str] = []
    for raw in paths:
        if raw == STDIN_NAME:
            out.append(STDIN_NAME)
            continue
        if any(ch in raw for ch in "*?["):
            matches = sorted(glob.glob(raw, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            if not files:
                raise InputError(f"{raw}: no file matches this pattern")
            out.extend(files)
            continue
        p = Path(raw)
        if p.is_dir():
            files = sorted(
                (c for c in p.iterdir() if c.is_file() and c.suffix.lower() in TEXT_SUFFIXES
                 and not c.name.startswith(".") and c.name.lower() != "readme.md"),
                key=lambda c: c.name,
            )
            if not files:
                raise InputError(f"{raw}: directory holds no text files ({', '.join(TEXT_SUFFIXES)})")
            out.extend(files)
        elif p.is_file():
            out.append(p)
        elif p.exists():
            raise InputError(f"{raw}: not a regular file")
        else:
            raise InputError(f"{raw}: no such file or directory")
    return out


def read_metadata(directory: Path) -> dict[str, dict[str, str]]:
    """``sources.toml`` beside the texts: ``[files."name.txt"] outlet/kind/date/label``."""
    path = directory / METADATA_FILE
    if not path.is_file():
        return {}
    from .tomlcache import parse_toml  # only when a metadata file exists

    try:
        doc = parse_toml(path.read_text(encoding="utf-8"))
    except ValueError as exc:  # TOMLDecodeError and UnicodeDecodeError both are
        raise TopicsFileError(f"{path}: malformed metadata TOML: {exc}") from None
    files = doc.get("files", {})
    if not isinstance(files, dict):
        raise TopicsFileError(f"{path}: [files] must be a table of file names")
    return {str(k): {kk: str(vv) for kk, vv in v.items()} for k, v in files.items() if isinstance(v, dict)}


def _unique_id(base: str, taken: set[str]) -> str:
    cand, n = base, 2
    while cand in taken:
        cand, n = f"{base}-{n}", n + 1
    taken.add(cand)
    return cand


def load_sources(
    entries: list[Path | str], *, stdin_bytes: bytes | None = None
) -> tuple[tuple[Source, ...], list[str]]:
    """Decode every entry into a ``Source``; returns sources and warnings.

    Sources are sorted by file name (then path) so that the order of arguments
    or of files on disk never changes the result.
    """
    warnings: list[str] = []
    loaded: list[tuple[str, str, Decoded, dict[str, Any]]] = []
    meta_cache: dict[Path, dict[str, dict[str, str]]] = {}
    seen: set[str] = set()
    for entry in entries:
        if entry == STDIN_NAME:
            data = stdin_bytes if stdin_bytes is not None else b""
            name, key = "stdin", "stdin"
            meta: dict[str, Any] = {}
        else:
            assert isinstance(entry, Path)
            key = os.path.normpath(str(entry.resolve()))
            if key in seen:
                warnings.append(f"{entry}: given twice; read once")
                continue
            try:
                data = entry.read_bytes()
            except OSError as exc:
                raise InputError(f"{entry}: cannot read ({exc.strerror})") from None
            name = entry.name
            d = entry.resolve().parent
            if d not in meta_cache:
                meta_cache[d] = read_metadata(d)
            meta = meta_cache[d].get(name, {})
        seen.add(key)
        dec = decode(data, str(entry) if entry != STDIN_NAME else "stdin")
        if dec.warning:
            warnings.append(dec.warning)
        loaded.append((name, key, dec, meta))
    loaded.sort(key=lambda t: (t[0], t[1]))
    taken: set[str] = set()
    sources = []
    for name, _key, dec, meta in loaded:
        base = meta.get("label") or Path(name).stem
        sources.append(
            Source(
                id=_unique_id(base, taken),
                file=name,
                text=dec.text,
                outlet=meta.get("outlet", ""),
                kind=meta.get("kind", ""),
                date=meta.get("date", ""),
                label=meta.get("label", ""),
                encoding=dec.encoding,
            )
        )
    return tuple(sources), warnings
