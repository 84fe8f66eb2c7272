"""The input edge for sources: find them, read and decode them, read their
editable metadata.

Offsets everywhere are character offsets into the text a source's
``offsets`` field names: ``file``, the file's decoded text exactly as it is
on disk (a UTF-8 BOM is not part of the text); ``extracted``, the article
text taken out of an HTML page (a ``.html`` file, a file or stdin that looks
like HTML, an ``http(s)://`` URL; html_text.py); ``dataset``, one article's
text field in a JSON Lines or CSV export (datasets.py).  ``compare-claims
extract`` prints the text a source's offsets refer to.

Among many inputs, one that cannot be read is reported and skipped; nothing
is skipped silently.
"""
# No `from __future__ import annotations`: typing.NamedTuple compiles every string
# annotation into a ForwardRef at start-up (~35 us a field, ~9 ms a run in all).

import codecs
import os
import re
import stat
from pathlib import Path
from typing import NamedTuple

from .errors import InputError
from .models import Source

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FOLDER_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES  # what a folder contributes (datasets are named one by one)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv", ".tsv")
DATASET_SUFFIXES = JSONL_SUFFIXES + CSV_SUFFIXES
UNSUPPORTED_SUFFIXES = (".pdf", ".doc", ".docx", ".odt", ".rtf", ".epub", ".pages")
# files that describe a folder of texts rather than belong to it
NOT_SOURCES = ("readme", "source", "sources", "license", "licence", "copying", "changelog", "notice")
METADATA_FILE = "sources.toml"
STDIN_NAME = "-"
SNIFF_BYTES = 1024  # html_text.looks_like_html reads as much
MAX_BYTES = 200_000_000  # a source larger than this is refused, not read into memory

# bytes that are not UTF-8, decoded with surrogateescape; a pattern string (re
# compiles it on first use): most runs never meet one
_SURROGATES = "[\udc80-\udcff]+"


class Entry(NamedTuple):
    """One input to read."""

    kind: str  # file | url | stdin | dataset
    where: str  # the path, URL or "-"
    name: str  # the source's ``file``: relative to the folder given ("/" separated), the URL, "stdin"
    selector: str = ""  # dataset: "12" (line 12) or "12:left" (one article of that line)


class Decoded(NamedTuple):
    text: str
    encoding: str
    warning: str = ""


class Read(NamedTuple):
    """One text read from an entry, before it is given its id."""

    file: str  # the source's identity: file name, URL, "stdin" or "data.jsonl:12"
    text: str
    encoding: str = "utf-8"
    offsets: str = "file"  # what offsets refer to: file | extracted | dataset
    found: tuple[tuple[str, str], ...] = ()  # metadata the page or the dataset gives (outlet, title, ...)
    warning: str = ""
    order: tuple[str, int, str] = ("", 0, "")  # sort key: file, dataset line, key on the line


def printable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 become U+FFFD."""
    return name if name.isascii() else re.sub(_SURROGATES, "\ufffd", name)


def is_url(arg: str) -> bool:
    """``http://`` or ``https://`` (any case): an argument to fetch, not a path."""
    return arg[:8].lower().startswith(("http://", "https://"))


def decode(data: bytes, name: str) -> Decoded:
    """UTF-8 (BOM tolerated); a byte that is not UTF-8 is read as cp1252 where it
    stands, one character for one byte, and said where.  NUL bytes: binary."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks binary (NUL bytes), not a text file")
    warning = ""
    # "utf-8-sig" (a BOM dropped, then UTF-8) without importing that codec's module
    body = data[3:] if data.startswith(codecs.BOM_UTF8) else data
    try:  # most texts are UTF-8 throughout: no scan for the bytes that are not
        text, bad = body.decode("utf-8"), []
    except UnicodeDecodeError:
        text = body.decode("utf-8", "surrogateescape")
        bad = list(re.finditer(_SURROGATES, text))
    if bad:
        first = bad[0].start()
        line = text.count("\n", 0, first) + 1
        column = first - (text.rfind("\n", 0, first) + 1) + 1
        count = sum(m.end() - m.start() for m in bad)
        text = re.sub(
            _SURROGATES, lambda m: bytes(ord(c) - 0xDC00 for c in m.group()).decode("cp1252", "replace"), text)
        warning = (f"{name}: {count} byte(s) not UTF-8, first at line {line} column {column}; "
                   "read as cp1252 there")
    if not text.strip():  # str.strip also removes NO-BREAK SPACE
        raise InputError(f"{name}: file is empty")
    return Decoded(text, "utf-8" if not bad else "utf-8+cp1252", warning)


# ------------------------------------------------------------------ finding


def _why_not(path: Path) -> str:
    """'' when a file in a folder is a source; else why it is not."""
    name = path.name
    if name.startswith("."):
        return "hidden file"
    if name == METADATA_FILE or path.suffix.lower() == ".toml" or name.lower().endswith(".toml.json"):
        # sources.toml, topics and cue lists, and their JSON twins (config.DERIVED): this tool's own configuration
        return "metadata"
    if path.stem.lower() in NOT_SOURCES or name.lower() in NOT_SOURCES:
        return "describes the folder, not a source"
    suffix = path.suffix.lower()
    if suffix in FOLDER_SUFFIXES:
        return ""
    if suffix in UNSUPPORTED_SUFFIXES:
        return f"{suffix} is not supported; save it as text or HTML"
    if suffix in DATASET_SUFFIXES:
        return "a dataset is read only when named (--sources FILE)"
    return f"not a text or HTML file ({suffix or 'no suffix'})"


def _walk(root: Path, skipped: list[str]) -> list[Path]:
    """Files under ``root``, sorted by relative path; unreadable folders reported."""
    found: list[Path] = []

    def onerror(exc: OSError) -> None:
        if exc.filename is None or Path(exc.filename) == root:  # the folder given: nothing to read
            raise InputError(f"{printable(str(root))}: cannot read folder ({exc.strerror})")
        skipped.append(f"{printable(str(exc.filename))}: cannot read folder ({exc.strerror})")

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(Path(dirpath) / f for f in filenames)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def _dataset_part(raw: str) -> Entry | None:
    """``FILE.jsonl:LINE[:KEY]`` where FILE is a dataset on disk."""
    parts = raw.split(":")
    for k in range(len(parts) - 1, 0, -1):
        head, rest = ":".join(parts[:k]), ":".join(parts[k:])
        if head.lower().endswith(DATASET_SUFFIXES) and Path(head).is_file() and rest.split(":", 1)[0].isdigit():
            return Entry("dataset", head, printable(Path(head).name), rest)
    return None


def _file_entry(path: Path, name: str) -> Entry:
    kind = "dataset" if path.suffix.lower() in DATASET_SUFFIXES else "file"
    return Entry(kind, str(path), printable(name))


def expand_paths(paths: list[str]) -> tuple[list[Entry], list[str]]:
    """Files, folders (recursively: their text and HTML files, sorted), globs,
    URLs, datasets (``data.jsonl``, or one line: ``data.jsonl:12``); ``-`` is stdin.

    Returns the entries and one line per file of a folder that was not taken
    (and why).  Order follows the arguments; within a folder or glob, names
    are sorted, so the result never depends on the order of files on disk.
    """
    out: list[Entry] = []
    skipped: list[str] = []
    for raw in paths:
        if raw == STDIN_NAME:
            out.append(Entry("stdin", STDIN_NAME, "stdin"))
            continue
        if is_url(raw):
            out.append(Entry("url", raw, raw))
            continue
        if any(ch in raw for ch in "*?["):
            import glob  # only for a pattern: importing it compiles two of its own

            files = [p for p in map(Path, sorted(glob.glob(raw, recursive=True))) if p.is_file()]
            if not files:
                raise InputError(f"{printable(raw)}: no file matches this pattern")
            out.extend(_file_entry(f, f.name) for f in files)
            continue
        p = Path(raw)
        try:
            mode = p.stat().st_mode
        except FileNotFoundError:
            part = _dataset_part(raw)
            if part is None:
                raise InputError(f"{printable(raw)}: no such file or directory") from None
            out.append(part)
            continue
        except OSError as exc:
            raise InputError(f"{printable(raw)}: cannot read ({exc.strerror})") from None
        if stat.S_ISDIR(mode):
            taken = 0
            for f in _walk(p, skipped):
                why = _why_not(f)
                if why:
                    if why not in ("hidden file", "metadata"):
                        skipped.append(f"{printable(str(f))}: skipped: {why}")
                    continue
                out.append(_file_entry(f, f.relative_to(p).as_posix()))
                taken += 1
            if not taken:
                raise InputError(f"{printable(raw)}: folder holds no text or HTML files "
                                 f"({', '.join(FOLDER_SUFFIXES)})")
        elif stat.S_ISREG(mode):
            if p.suffix.lower() in UNSUPPORTED_SUFFIXES:
                raise InputError(f"{printable(raw)}: {p.suffix.lower()} is not supported; save it as text or HTML")
            out.append(_file_entry(p, p.name))
        else:
            raise InputError(f"{printable(raw)}: not a regular file")
    return out, skipped


def dedupe(entries: list[Entry]) -> tuple[list[Entry], list[str]]:
    """Each entry once (the same file by two names, or twice, is read once)."""
    seen: set[str] = set()
    out: list[Entry] = []
    warnings: list[str] = []
    for e in entries:
        key = e.where if e.kind in ("url", "stdin") else os.path.normpath(os.path.abspath(e.where))
        key += f":{e.selector}" if e.selector else ""
        if key in seen:
            warnings.append(f"{e.name}: given twice; read once")
            continue
        seen.add(key)
        out.append(e)
    return out, warnings


# ------------------------------------------------------------------ reading


def read_bytes(path: str) -> bytes:
    """A regular file's bytes, refusing what would hang or exhaust memory."""
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise InputError(f"{printable(path)}: not a regular file")
            if st.st_size > MAX_BYTES:
                raise InputError(f"{printable(path)}: larger than {MAX_BYTES // 1_000_000} MB")
            return fh.read()
    except OSError as exc:
        raise InputError(f"{printable(path)}: cannot read ({exc.strerror})") from None


def _found(**fields: str) -> tuple[tuple[str, str], ...]:
    return tuple((k, v) for k, v in fields.items() if v)


def _from_html(data: bytes, file: str, where: str, *, url: str = "", charset: str = "") -> Read:
    from .html_text import extract_html  # trafilatura: imported only when a page is read

    ex = extract_html(data, url=url, name=where, charset=charset)
    return Read(file, ex.text, ex.encoding, "extracted",
                _found(outlet=ex.outlet, title=ex.title, author=ex.author, date=ex.date, url=ex.url),
                order=(file, 0, ""))


def _from_bytes(data: bytes, file: str, where: str, *, html: bool = False) -> Read:
    """A text file, or an HTML page (by name, or sniffed)."""
    if not html and data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n\f")[:1] == b"<":
        from .html_text import looks_like_html  # only for a text that starts with markup

        html = looks_like_html(data)
    if html:
        return _from_html(data, file, where)
    dec = decode(data, where)
    return Read(file, dec.text, dec.encoding, "file", warning=dec.warning, order=(file, 0, ""))


def _from_url(url: str) -> Read:
    from .fetch import fetch_url
    from .html_text import looks_like_html

    got = fetch_url(url)
    if got.media_type in ("text/html", "application/xhtml+xml") or looks_like_html(got.data):
        return _from_html(got.data, url, url, url=got.final_url, charset=got.charset)
    if got.charset and got.charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            text = got.data.decode(got.charset)
        except (LookupError, UnicodeDecodeError):
            raise InputError(f"{url}: cannot decode the page as {got.charset}") from None
        if not text.strip():
            raise InputError(f"{url}: the page is empty")
        return Read(url, text.lstrip("\ufeff"), got.charset.lower(), "file", _found(url=got.final_url),
                    order=(url, 0, ""))
    dec = decode(got.data, url)
    return Read(url, dec.text, dec.encoding, "file", _found(url=got.final_url), dec.warning, order=(url, 0, ""))


def _from_dataset(entry: Entry, text_field: str | None, source_field: str | None) -> tuple[list[Read], list[str]]:
    from .datasets import read_dataset

    name = Path(entry.where).name
    articles, warnings = read_dataset(read_bytes(entry.where), name, text_field=text_field, source_field=source_field)
    if entry.selector:
        key = f"{name}:{entry.selector}"
        articles = [a for a in articles if a.key == key or a.key.startswith(key + ":")]
        if not articles:
            raise InputError(f"{printable(entry.where)}:{entry.selector}: no such article "
                             f"(line {entry.selector.split(':')[0]} is not an article of this file)")
    out = []
    for a in articles:
        line, _, sub = a.key[len(name) + 1:].partition(":")  # key: NAME:LINE[:KEY]
        out.append(Read(a.key, a.text, "utf-8", "dataset",
                        _found(outlet=a.outlet, title=a.title, date=a.date, url=a.url, label=a.label),
                        order=(entry.name, int(line) if line.isdigit() else 0, sub)))
    return out, warnings


def read_entry(entry: Entry, *, stdin_bytes: bytes | None = None, text_field: str | None = None,
               source_field: str | None = None) -> tuple[list[Read], list[str]]:
    """The texts of one entry (a dataset gives several) and its warnings."""
    if entry.kind == "dataset":
        return _from_dataset(entry, text_field, source_field)
    if entry.kind == "stdin":
        read = _from_bytes(stdin_bytes or b"", "stdin", "stdin")
    elif entry.kind == "url":
        read = _from_url(entry.where)
    else:
        read = _from_bytes(read_bytes(entry.where), entry.name, printable(entry.where),
                           html=Path(entry.where).suffix.lower() in HTML_SUFFIXES)
        read = read._replace(order=(entry.name, 0, ""))
    return [read], [read.warning] if read.warning else []


def metadata_for(entry: Entry, folders: dict[str, dict[str, dict[str, str]]],
                 read: Read | None = None) -> dict[str, str]:
    """The ``sources.toml`` table beside a file, if any (``folders`` memoises);
    for an article of a dataset, its own table (``"d.jsonl:2"``) first."""
    if entry.kind not in ("file", "dataset"):
        return {}
    from .config import read_metadata

    # memoised by the folder as written: a Path for each of thousands of files costs ~0.1 s
    folder, name = os.path.split(entry.where)
    if name in ("", ".", ".."):  # a name Path reads otherwise
        path = Path(entry.where)
        folder, name = str(path.parent), path.name
    if folder not in folders:
        folders[folder] = read_metadata(Path(folder).absolute())
    tables = folders[folder]
    if read is not None and read.offsets == "dataset" and read.file in tables:
        return tables[read.file]
    return tables.get(name, {})


def to_source(read: Read, meta: dict[str, str], source_id: str) -> Source:
    """What ``sources.toml`` says wins over what a page or a dataset line says."""
    found = dict(read.found)
    return Source(
        id=source_id, file=read.file, text=read.text,
        outlet=meta.get("outlet") or found.get("outlet", ""), kind=meta.get("kind", ""),
        date=meta.get("date") or found.get("date", ""), label=label_of(read, meta),
        encoding=read.encoding, title=meta.get("title") or found.get("title", ""),
        author=meta.get("author") or found.get("author", ""), url=meta.get("url") or found.get("url", ""),
        offsets=read.offsets)


def label_of(read: Read, meta: dict[str, str]) -> str:
    found = dict(read.found)
    return meta.get("label") or found.get("label") or found.get("outlet", "")


def default_id(read: Read, meta: dict[str, str]) -> str:
    """The column header: the label, else the file name without its suffix."""
    name = read.file
    stem = name.rsplit(".", 1)[0] if "." in name.rsplit("/", 1)[-1] and read.offsets != "dataset" else name
    return label_of(read, meta) or stem


def unique_ids(bases: list[str]) -> list[str]:
    """``bases`` made unique in order ("x", "x-2", ...)."""
    taken: set[str] = set()
    out = []
    for base in bases:
        cand, n = base, 2
        while cand in taken:
            cand, n = f"{base}-{n}", n + 1
        taken.add(cand)
        out.append(cand)
    return out


class Loaded(NamedTuple):
    sources: tuple[Source, ...]
    warnings: tuple[str, ...]


def load_sources(entries: list[Entry], *, stdin_bytes: bytes | None = None, strict: bool = False,
                 text_field: str | None = None, source_field: str | None = None) -> Loaded:
    """Read every entry into ``Source`` values, in this process, in order.

    A file that cannot be read or decoded is reported and skipped (with
    ``strict``, or when it is the only one, it stops the run).  Sources are
    sorted by file name (then dataset line), so the order of arguments or of
    files on disk never changes the result."""
    entries, warnings = dedupe(entries)
    folders: dict[str, dict[str, dict[str, str]]] = {}
    reads: list[tuple[Read, dict[str, str], str]] = []
    for entry in entries:
        try:
            got, more = read_entry(entry, stdin_bytes=stdin_bytes, text_field=text_field, source_field=source_field)
        except InputError as exc:
            if strict or len(entries) == 1:
                raise
            warnings.append(f"{exc}; skipped")
            continue
        warnings.extend(more)
        reads.extend((r, metadata_for(entry, folders, r), tie_break(entry)) for r in got)
    if not reads:
        raise InputError("no readable source")
    reads.sort(key=lambda rmt: (rmt[0].order, rmt[2]))
    ids = unique_ids([default_id(r, m) for r, m, _ in reads])
    return Loaded(tuple(to_source(r, m, i) for (r, m, _), i in zip(reads, ids)), tuple(warnings))


def tie_break(entry: Entry) -> str:
    """Orders two sources of the same name (report.txt of two folders) by
    where they are, not by the order they were given in."""
    return entry.where if entry.kind in ("url", "stdin") else os.path.normpath(os.path.abspath(entry.where))
