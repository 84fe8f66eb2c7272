"""Articles from dataset exports: JSON Lines and CSV, one article a line.

Each usable line gives an ``Article``: its text and what the line says of it
(outlet, title, date, URL), a ``key`` that names it for good (``file:LINE``,
the line where the record starts) and a ``label`` that is readable and unique
in the file (the outlet, else the title, ``-2``, ``-3``... when repeated).

Fields are found by name, case and punctuation aside (``newsTitle``,
``news_title`` and ``NewsTitle`` all end in ``title``): first a key that is one
of the usual names, then a key whose last word is one.  ``text_field`` and
``source_field`` name the text and the outlet when the usual names do not
fit; a name may be a dotted path into nested objects (``news.left.newBody``),
where ``*`` stands for every key of an object or item of a list, so that one
line may hold several articles (``news.*.newBody``: one per side).  The
other fields of such an article are looked up beside its text first, then
further up.  A text given as a list is a list of paragraphs (joined by blank
lines); a paragraph given as a list is a list of sentences (joined by a space).

A line that cannot be read (not JSON, not an object, no text, a CSV record
with too many or too few fields) is skipped with a warning naming the file,
the line and why; a file where no line is usable is an ``InputError``.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import PurePath
from typing import Any, Iterable, Iterator, NamedTuple

from .errors import InputError
from .load import CSV_SUFFIXES, DATASET_SUFFIXES, JSONL_SUFFIXES, decode

__all__ = ["Article", "read_jsonl", "read_csv", "read_dataset", "is_dataset", "CSV_SUFFIXES", "DATASET_SUFFIXES",
           "JSONL_SUFFIXES"]
MAX_WARNINGS = 20  # per file; the rest are counted in one last warning
LABEL_MAX_CHARS = 40
_CSV_FIELD_LIMIT = 2**31 - 1

# Usual field names, in order of preference (compared lower-case, letters and digits only).
TEXT_NAMES = ("text", "content", "body", "article", "story", "maintext", "fulltext", "articletext",
              "bodytext", "paragraphs", "bodyparagraphs")
OUTLET_NAMES = ("outlet", "source", "media", "publisher", "site", "sitename", "newspaper", "publication",
                "domain", "sourcename", "mediaoutlet")
TITLE_NAMES = ("title", "headline", "heading")
DATE_NAMES = ("date", "published", "publishedat", "publishdate", "pubdate", "datepublished", "datepublish",
              "datetime", "timestamp")
URL_NAMES = ("url", "link", "permalink", "href", "uri")


class Article(NamedTuple):
    """One article of a dataset."""

    key: str  # "name:LINE", or "name:LINE:KEY" for one of several articles on a line; unique and stable
    text: str
    outlet: str = ""
    title: str = ""
    date: str = ""
    url: str = ""
    label: str = ""  # readable and unique in its file: outlet, else title, else key


class _Fields(NamedTuple):
    text: tuple[str, ...] | None  # a path, or None for the usual names
    source: tuple[str, ...] | None


# --------------------------------------------------------------------------------------------
# Field names and values
# --------------------------------------------------------------------------------------------

_WORD_RE = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def _norm(key: str) -> str:
    return re.sub(r"[^0-9a-z]", "", key.lower())


def _last_word(key: str) -> str:
    words = _WORD_RE.findall(key)
    return words[-1].lower() if words else ""


def _find_key(obj: dict[str, Any], names: tuple[str, ...]) -> str | None:
    """The key of ``obj`` that is one of ``names`` (the first name wins), else
    the first key whose last word is one of them."""
    by_norm: dict[str, str] = {}
    for k in obj:
        by_norm.setdefault(_norm(k), k)
    for n in names:
        if n in by_norm:
            return by_norm[n]
    for n in names:
        for k in obj:
            if _last_word(k) == n:
                return k
    return None


def _scalar(value: Any) -> str:
    """A metadata value as one line of text ("" for none); an object gives its name."""
    if isinstance(value, dict):
        key = _find_key(value, ("name", "title", "text", "value"))
        value = value.get(key) if key is not None else None
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    return " ".join(str(value).split())


def _text_value(value: Any) -> str | None:
    """An article text: a string, or paragraphs (a list), each a string or a list of sentences."""
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, list):
        paras: list[str] = []
        for p in value:
            if isinstance(p, list):
                if not all(isinstance(s, str) for s in p):
                    return None
                p = " ".join(s.strip() for s in p if s.strip())
            if not isinstance(p, str):
                return None
            if p.strip():
                paras.append(p.strip())
        return "\n\n".join(paras) if paras else None
    return None


def _path(spec: str | None) -> tuple[str, ...] | None:
    if spec is None or not spec.strip():
        return None
    return tuple(spec.strip().split("."))


# A matched text: its value, the objects from the line down to the one holding
# it (innermost last), and the keys the wildcards took.
class _Hit(NamedTuple):
    value: Any
    chain: tuple[dict[str, Any], ...]
    binding: tuple[str, ...]


def _walk(node: Any, parts: tuple[str, ...], chain: tuple[dict[str, Any], ...],
          binding: tuple[str, ...]) -> Iterator[_Hit]:
    if not parts:
        return
    head, rest = parts[0], parts[1:]
    if isinstance(node, dict):
        chain = chain + (node,)
        if head == "*":
            items: Iterable[tuple[str, Any]] = sorted(node.items())
        else:
            items = [(head, node[head])] if head in node else []
        for k, child in items:
            b = binding + (k,) if head == "*" else binding
            if rest:
                yield from _walk(child, rest, chain, b)
            else:
                yield _Hit(child, chain, b)
    elif isinstance(node, list) and (head == "*" or head.isdigit()):
        idx = range(len(node)) if head == "*" else [int(head)] if int(head) < len(node) else []
        for i in idx:
            b = binding + (str(i),) if head == "*" else binding
            if rest:
                yield from _walk(node[i], rest, chain, b)
            else:
                yield _Hit(node[i], chain, b)


def _lookup(obj: dict[str, Any], spec: tuple[str, ...]) -> list[_Hit]:
    """Values at a field path; a key that contains dots is taken whole first."""
    whole = ".".join(spec)
    if whole in obj:
        return [_Hit(obj[whole], (obj,), ())]
    return list(_walk(obj, spec, (), ()))


def _bind(spec: tuple[str, ...], binding: tuple[str, ...]) -> tuple[str, ...]:
    """``spec`` with its wildcards replaced, in order, by the text's keys."""
    out, it = [], iter(binding)
    for part in spec:
        out.append(next(it, "*") if part == "*" else part)
    return tuple(out)


def _nearest(chain: tuple[dict[str, Any], ...], names: tuple[str, ...], skip: str | None = None) -> str:
    """A metadata field beside the text first, then in the objects above it."""
    for obj in reversed(chain):
        key = _find_key({k: v for k, v in obj.items() if k != skip} if skip else obj, names)
        if key is not None:
            value = _scalar(obj[key])
            if value:
                return value
    return ""


def _suggest(obj: dict[str, Any]) -> str:
    """A nested path to an article text in ``obj`` (``news.*.newBody``), for an error's hint."""
    def find(node: Any, path: tuple[str, ...], depth: int) -> tuple[str, ...] | None:
        if not isinstance(node, dict) or depth > 3:
            return None
        key = _find_key(node, TEXT_NAMES)
        if key is not None and path and _text_value(node[key]) is not None:
            return path + (key,)
        for k, v in node.items():
            found = find(v, path + (k,), depth + 1)
            if found:
                return found
        return None

    found = find(obj, (), 0)
    if not found:
        return ""
    parts = list(found)
    if len(parts) >= 3:  # news.center.newBody: every side of "news" has one
        parent = obj
        for p in parts[:-2]:
            parent = parent[p]
        if isinstance(parent, dict) and len(parent) > 1 and all(
                isinstance(v, dict) and parts[-1] in v for v in parent.values()):
            parts[-2] = "*"
    return ".".join(parts)


def _articles(obj: dict[str, Any], key: str, fields: _Fields) -> list[Article] | str:
    """The articles of one line, or why there is none."""
    if fields.text is not None:
        hits = _lookup(obj, fields.text)
        if not hits:
            return f"no field '{'.'.join(fields.text)}'"
        text_key = fields.text[-1]
    else:
        found = _find_key(obj, TEXT_NAMES)
        if found is None:
            return "no text field (looked for " + ", ".join(TEXT_NAMES[:5]) + ", ...)"
        text_key = found
        hits = [_Hit(obj[text_key], (obj,), ())]
    out: list[Article] = []
    why = ""
    for hit in hits:
        text = _text_value(hit.value)
        if text is None:
            where = ".".join(fields.text) if fields.text else text_key
            empty = hit.value is None or isinstance(hit.value, str) or (
                isinstance(hit.value, list) and all(isinstance(p, (str, list)) for p in hit.value))
            why = f"field '{where}' has no text" if empty else \
                f"field '{where}' is not text (a {_json_type(hit.value)})"
            continue
        chain = hit.chain
        if fields.source is not None:
            src = _lookup(obj, _bind(fields.source, hit.binding))
            outlet = _scalar(src[0].value) if src else ""
        else:
            outlet = _nearest(chain, OUTLET_NAMES, skip=text_key)
        out.append(Article(
            key=":".join((key,) + hit.binding),
            text=text,
            outlet=outlet,
            title=_nearest(chain, TITLE_NAMES, skip=text_key),
            date=_nearest(chain, DATE_NAMES, skip=text_key),
            url=_nearest(chain, URL_NAMES, skip=text_key),
        ))
    return out or why


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


class _Collector:
    """Articles and warnings of one file, labels made unique at the end."""

    def __init__(self, name: str, fields: _Fields) -> None:
        self.name = name
        self.fields = fields
        self.articles: list[Article] = []
        self.warnings: list[str] = []
        self.skipped = 0
        self.first_why = ""
        self.lines = 0

    def skip(self, line: int, why: str) -> None:
        self.skipped += 1
        if not self.first_why:
            self.first_why = f"line {line}: {why}"
        if self.skipped <= MAX_WARNINGS:
            self.warnings.append(f"{self.name}:{line}: skipped: {why}")

    def add(self, obj: dict[str, Any], line: int) -> None:
        got = _articles(obj, f"{self.name}:{line}", self.fields)
        if isinstance(got, str):
            hint = _suggest(obj) if self.fields.text is None and got.startswith("no text field") else ""
            self.skip(line, got + (f"; try --text-field '{hint}'" if hint else ""))
        else:
            self.articles.extend(got)

    def result(self, source_spec: str | None) -> tuple[list[Article], list[str]]:
        if self.skipped > MAX_WARNINGS:
            self.warnings.append(f"{self.name}: {self.skipped - MAX_WARNINGS} more lines skipped")
        if not self.articles:
            if not self.skipped:
                raise InputError(f"{self.name}: no article in this file (it has no data lines)")
            raise InputError(f"{self.name}: no usable article ({self.skipped} line(s) skipped; {self.first_why})")
        if source_spec and not any(a.outlet for a in self.articles):
            self.warnings.append(f"{self.name}: no line has the field '{source_spec}' (--source-field)")
        return _labelled(self.articles, PurePath(self.name).stem), self.warnings


def _labelled(articles: list[Article], stem: str) -> list[Article]:
    taken: set[str] = set()
    out = []
    for a in articles:
        base = a.outlet or a.title or a.key
        if len(base) > LABEL_MAX_CHARS:
            base = base[: LABEL_MAX_CHARS - 1].rstrip() + "…"
        label, n = base, 2
        while label in taken:
            label, n = f"{base}-{n}", n + 1
        taken.add(label)
        out.append(a._replace(label=label))
    return out


def read_jsonl(
    data: bytes, name: str, *, text_field: str | None = None, source_field: str | None = None
) -> tuple[list[Article], list[str]]:
    """The articles of a JSON Lines file (one object a line) and the warnings.

    ``name`` is the file's name, used in keys and messages.  Blank lines are
    not data; every other line is an article or a warning.
    """
    col = _Collector(name, _Fields(_path(text_field), _path(source_field)))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for n, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            col.skip(n, f"not UTF-8 (byte {exc.start})")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            col.skip(n, f"not JSON ({exc.msg} at column {exc.colno})")
            continue
        except RecursionError:
            col.skip(n, "not JSON (nested too deeply)")
            continue
        if not isinstance(obj, dict):
            col.skip(n, f"not a JSON object (a {_json_type(obj)})")
            continue
        col.add(obj, n)
    return col.result(source_field)


def _json_type(value: Any) -> str:
    return {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}.get(
        type(value), "null")


def _delimiter(header_line: str, name: str) -> str:
    if name.lower().endswith(".tsv"):
        return "\t"
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(
    data: bytes, name: str, *, text_field: str | None = None, source_field: str | None = None
) -> tuple[list[Article], list[str]]:
    """The articles of a CSV file with a header row (TSV for ``.tsv``; a
    header with more ``;`` than ``,`` is read with ``;``) and the warnings.

    Fields may be quoted and hold line breaks; a record's line is the line it
    starts on.  UTF-8 (a BOM is fine), else cp1252 with a warning.
    """
    dec = decode(data, name)  # the text files' rules: UTF-8 (a BOM is fine), else cp1252 with a warning
    col = _Collector(name, _Fields(_path(text_field), _path(source_field)))
    if dec.warning:
        col.warnings.append(dec.warning)
    text = dec.text
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first, name))
    header: list[str] | None = None
    end = 0
    old_limit = csv.field_size_limit(_CSV_FIELD_LIMIT)
    try:
        while True:
            start = end + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                end = reader.line_num
                col.skip(start, f"not a CSV record ({exc})")
                continue
            end = reader.line_num
            if not row or not any(c.strip() for c in row):
                continue
            if header is None:
                header = [h.strip() for h in row]
                continue
            if len(row) != len(header):
                col.skip(start, f"{len(row)} fields where the header has {len(header)}")
                continue
            obj: dict[str, Any] = {}
            for k, v in zip(header, row):
                obj.setdefault(k, v)
            col.add(obj, start)
    finally:
        csv.field_size_limit(old_limit)
    if header is None:
        raise InputError(f"{name}: no header row (a CSV export needs one: text, outlet, title, ...)")
    return col.result(source_field)


def read_dataset(
    data: bytes, name: str, *, text_field: str | None = None, source_field: str | None = None
) -> tuple[list[Article], list[str]]:
    """``read_jsonl`` or ``read_csv`` by the file's suffix."""
    reader = read_jsonl if name.lower().endswith(JSONL_SUFFIXES) else read_csv
    return reader(data, name, text_field=text_field, source_field=source_field)


def is_dataset(name: str) -> bool:
    """A dataset export by its name: ``.jsonl``, ``.ndjson``, ``.csv``, ``.tsv``."""
    return name.lower().endswith(DATASET_SUFFIXES)
