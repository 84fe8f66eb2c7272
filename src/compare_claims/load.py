"""The input edge for sources: find files, read and decode them, read their
editable metadata.

Offsets everywhere are character offsets into the decoded text exactly as it
is on disk (a UTF-8 BOM is not part of the text).  Among many inputs, a file
that cannot be read is reported and skipped; nothing is skipped silently.
"""
from __future__ import annotations

import glob
import os
import re
import stat
from pathlib import Path
from typing import Any, NamedTuple

from .errors import InputError
from .models import Source

TEXT_SUFFIXES = (".txt", ".text", ".md")
UNSUPPORTED_SUFFIXES = (".pdf", ".doc", ".docx", ".odt", ".rtf", ".epub", ".pages")
# files that describe a folder of texts rather than belong to it
NOT_SOURCES = ("readme", "source", "sources", "license", "licence", "copying", "changelog", "notice")
METADATA_FILE = "sources.toml"
STDIN_NAME = "-"
MAX_BYTES = 200_000_000  # a source larger than this is refused, not read into memory

_SURROGATES_RE = re.compile("[\udc80-\udcff]+")


class Entry(NamedTuple):
    """One input to read: a file (``path``) or stdin (``path`` None)."""

    path: Path | None
    name: str  # as shown and as the source's ``file``: relative to the folder given, "/" separated
    stem: str  # the default id: ``name`` without its suffix


class Decoded(NamedTuple):
    text: str
    encoding: str
    warning: str = ""


class Loaded(NamedTuple):
    sources: tuple[Source, ...]
    warnings: tuple[str, ...]  # one line each: bad bytes, files read once, files skipped
    skipped: tuple[str, ...] = ()  # files in folders that are not sources, one line each


def printable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 become U+FFFD."""
    return _SURROGATES_RE.sub("\ufffd", name)


def decode(data: bytes, name: str) -> Decoded:
    """UTF-8 (BOM tolerated); a byte that is not UTF-8 is read as cp1252 where it
    stands, one character for one byte, and said where.  NUL bytes: binary."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks binary (NUL bytes), not a text file")
    text = data.decode("utf-8-sig", "surrogateescape")
    warning = ""
    bad = [m for m in _SURROGATES_RE.finditer(text)]
    if bad:
        first = bad[0].start()
        line = text.count("\n", 0, first) + 1
        column = first - (text.rfind("\n", 0, first) + 1) + 1
        count = sum(m.end() - m.start() for m in bad)
        text = _SURROGATES_RE.sub(
            lambda m: bytes(ord(c) - 0xDC00 for c in m.group()).decode("cp1252", "replace"), text)
        warning = (f"{name}: {count} byte(s) not UTF-8, first at line {line} column {column}; "
                   "read as cp1252 there")
    if not text.strip():  # str.strip also removes NO-BREAK SPACE
        raise InputError(f"{name}: file is empty")
    return Decoded(text, "utf-8" if not bad else "utf-8+cp1252", warning)


def _is_source_name(path: Path) -> str:
    """'' when a file in a folder is a source; else why it is not."""
    name = path.name
    if name.startswith("."):
        return "hidden file"
    if path.stem.lower() in NOT_SOURCES or name.lower() in NOT_SOURCES:
        return "describes the folder, not a source"
    if name == METADATA_FILE:
        return "metadata"
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return ""
    if suffix in UNSUPPORTED_SUFFIXES:
        return f"{suffix} is not supported; save it as text or HTML"
    return f"not a text file ({suffix or 'no suffix'})"


def _walk(root: Path, skipped: list[str]) -> list[Path]:
    """Files under ``root``, sorted by relative path; unreadable folders reported."""
    found: list[Path] = []

    def onerror(exc: OSError) -> None:
        skipped.append(f"{printable(str(exc.filename or root))}: cannot read folder ({exc.strerror})")

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for f in sorted(filenames):
            found.append(Path(dirpath) / f)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def expand_paths(paths: list[str]) -> tuple[list[Entry], list[str]]:
    """Files, folders (recursively: their text files, sorted) and globs; ``-`` is stdin.

    Returns the entries and one line per file of a folder that was not taken
    (and why).  Order follows the arguments; within a folder or glob, names
    are sorted so the result never depends on the order of files on disk.
    """
    out: list[Entry] = []
    skipped: list[str] = []
    for raw in paths:
        if raw == STDIN_NAME:
            out.append(Entry(None, "stdin", "stdin"))
            continue
        if any(ch in raw for ch in "*?["):
            matches = sorted(glob.glob(raw, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            if not files:
                raise InputError(f"{printable(raw)}: no file matches this pattern")
            out.extend(_entry(f, f.name) for f in files)
            continue
        p = Path(raw)
        try:
            mode = p.stat().st_mode
        except FileNotFoundError:
            raise InputError(f"{printable(raw)}: no such file or directory") from None
        except OSError as exc:
            raise InputError(f"{printable(raw)}: cannot read ({exc.strerror})") from None
        if stat.S_ISDIR(mode):
            taken = 0
            for f in _walk(p, skipped):
                rel = f.relative_to(p).as_posix()
                why = _is_source_name(f)
                if why:
                    if why not in ("hidden file", "metadata"):
                        skipped.append(f"{printable(str(f))}: skipped: {why}")
                    continue
                out.append(_entry(f, rel))
                taken += 1
            if not taken:
                raise InputError(f"{printable(raw)}: folder holds no text files ({', '.join(TEXT_SUFFIXES)})")
        elif stat.S_ISREG(mode):
            if p.suffix.lower() in UNSUPPORTED_SUFFIXES:
                raise InputError(f"{printable(raw)}: {p.suffix.lower()} is not supported; save it as text or HTML")
            out.append(_entry(p, p.name))
        else:
            raise InputError(f"{printable(raw)}: not a regular file")
    return out, skipped


def _entry(path: Path, rel: str) -> Entry:
    name = printable(rel)
    return Entry(path, name, name.rsplit(".", 1)[0] if "." in name.rsplit("/", 1)[-1] else name)


def _unique_id(base: str, taken: set[str]) -> str:
    cand, n = base, 2
    while cand in taken:
        cand, n = f"{base}-{n}", n + 1
    taken.add(cand)
    return cand


def read_bytes(path: Path) -> bytes:
    """A regular file's bytes, refusing what would hang or exhaust memory."""
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise InputError(f"{printable(str(path))}: not a regular file")
            if st.st_size > MAX_BYTES:
                raise InputError(f"{printable(str(path))}: larger than {MAX_BYTES // 1_000_000} MB")
            return fh.read()
    except OSError as exc:
        raise InputError(f"{printable(str(path))}: cannot read ({exc.strerror})") from None


class SourceSpec(NamedTuple):
    """A source to read, with the id and metadata it will have (known before
    it is read, so that sources can be read anywhere, in any order)."""

    id: str
    name: str  # the source's ``file``
    path: str  # "" for stdin
    meta: tuple[tuple[str, str], ...]  # outlet, kind, date, label from sources.toml


def plan_sources(entries: list[Entry]) -> tuple[list[SourceSpec], list[str]]:
    """Sort, drop repeats and give every entry its id and metadata.

    Sources are sorted by file name (then path), so the order of arguments or
    of files on disk never changes the result.  A ``sources.toml`` beside a
    file gives its label (the id) and metadata."""
    from .config import read_metadata

    warnings: list[str] = []
    metadata: dict[Path, dict[str, dict[str, str]]] = {}
    seen: set[str] = set()
    keyed: list[tuple[str, str, Entry]] = []
    for entry in entries:
        key = "stdin" if entry.path is None else os.path.normpath(os.path.abspath(entry.path))
        if key in seen:
            warnings.append(f"{entry.name}: given twice; read once")
            continue
        seen.add(key)
        keyed.append((entry.name, key, entry))
    keyed.sort(key=lambda t: (t[0], t[1]))
    taken: set[str] = set()
    specs = []
    for name, _key, entry in keyed:
        meta: dict[str, str] = {}
        if entry.path is not None:
            folder = entry.path.absolute().parent
            if folder not in metadata:
                metadata[folder] = read_metadata(folder)
            meta = metadata[folder].get(entry.path.name, {})
        fields = tuple((k, str(meta[k])) for k in ("outlet", "kind", "date", "label") if k in meta)
        specs.append(SourceSpec(_unique_id(meta.get("label") or entry.stem, taken), name,
                                "" if entry.path is None else str(entry.path), fields))
    return specs, warnings


def read_source(spec: SourceSpec, stdin_bytes: bytes | None = None) -> tuple[Source, str]:
    """Read and decode one source; returns it and a warning ("" for none)."""
    if spec.path:
        dec = decode(read_bytes(Path(spec.path)), printable(spec.path))
    else:
        dec = decode(stdin_bytes or b"", "stdin")
    meta = dict(spec.meta)
    return Source(id=spec.id, file=spec.name, text=dec.text, outlet=meta.get("outlet", ""),
                  kind=meta.get("kind", ""), date=meta.get("date", ""), label=meta.get("label", ""),
                  encoding=dec.encoding), dec.warning


def load_sources(entries: list[Entry], *, stdin_bytes: bytes | None = None, strict: bool = False) -> Loaded:
    """Read every entry into a ``Source``, in this process.

    A file that cannot be read or decoded is reported and skipped (with
    ``strict``, or when it is the only one, it stops the run)."""
    specs, warnings = plan_sources(entries)
    sources = []
    for spec in specs:
        try:
            source, warning = read_source(spec, stdin_bytes)
        except InputError as exc:
            if strict or len(specs) == 1:
                raise
            warnings.append(f"{exc}; skipped")
            continue
        if warning:
            warnings.append(warning)
        sources.append(source)
    if not sources:
        raise InputError("no readable source")
    return Loaded(tuple(sources), tuple(warnings))
