"""The article text of an HTML page, and the metadata the page gives.

A saved page holds far more than the article: menus, cookie banners, share
buttons, related links, footers, scripts.  ``extract_html`` keeps the article
with trafilatura (imported here, on the first page read: importing it costs
about 140 ms that a run on plain texts must not pay) and returns it as plain
text, one paragraph of the page a paragraph of the text, separated by blank
lines; a line break inside a paragraph (``<br>``) stays a single newline.
That text is what a source's offsets refer to (``compare-claims extract``
prints it), so it is produced deterministically from the page alone.

Settings: comments and tables are dropped (tables on news pages are mostly
link lists and score boards), links and formatting are not rendered,
``favor_precision`` trims the boxes around the article (a "support us" box
inside the article container is kept without it), and no deduplication cache
is shared between pages.  A first paragraph that repeats the page's title is
dropped: the title is metadata, not a statement of the article.
"""
from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import InputError

if TYPE_CHECKING:
    from lxml.etree import _Element

SNIFF_BYTES = 1024
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body")
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# HTML collapses ASCII white space only (trafilatura has already made NO-BREAK SPACEs spaces).
_HTML_SPACE_RE = re.compile(r"[ \t\n\r\f\v]+")
# trafilatura's output vocabulary plus the HTML tags its fallbacks may leave:
# each starts a paragraph of its own.
_BLOCK_TAGS = frozenset(
    """p head quote list item code table row cell graphic div section article main body blockquote pre
    h1 h2 h3 h4 h5 h6 ul ol li dl dt dd tr td th figure figcaption header footer aside nav details summary
    hr""".split()
)
_BREAK_TAGS = frozenset({"lb", "br"})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})


class Extracted(NamedTuple):
    """An HTML page read as an article."""

    text: str  # the article: paragraphs separated by blank lines; offsets refer to it
    title: str = ""
    outlet: str = ""  # site name (og:site_name, publisher), else the host name
    author: str = ""
    date: str = ""  # YYYY-MM-DD as trafilatura (htmldate) finds it
    url: str = ""  # canonical URL of the page, else the URL it was read from
    encoding: str = "utf-8"  # how the page's bytes were decoded


def looks_like_html(data: bytes) -> bool:
    """A doctype, ``<html``, ``<head`` or ``<body`` in the first KB of a page
    that starts with markup (after a BOM and white space)."""
    head = data[:SNIFF_BYTES]
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8):]
    if not head.lstrip().startswith(b"<"):
        return False
    low = head.lower()
    return any(m in low for m in _HTML_MARKERS)


def _codec(label: str) -> str:
    """A charset label as a Python codec name; the labels browsers read as
    windows-1252 (latin-1, ascii) are read as cp1252."""
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return ""
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def decode_html(data: bytes, *, charset: str = "") -> tuple[str, str]:
    """The page as text and the codec used: a BOM, else the HTTP charset, else
    ``<meta charset>``, else UTF-8, else cp1252.  Never fails: bytes the
    declared codec cannot read become U+FFFD."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), "utf-8"
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace"), name
    declared = _codec(charset) if charset else ""
    if not declared:
        m = _META_CHARSET_RE.search(data[:4096])
        declared = _codec(m.group(1).decode("ascii", errors="replace")) if m else ""
    if declared and not declared.startswith("utf-16"):  # a <meta> saying utf-16 in 8-bit bytes is wrong
        return data.decode(declared, errors="replace"), declared
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def _paragraphs(body: _Element) -> list[str]:
    """The text of an extracted tree, one string per block element."""
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        lines = (_HTML_SPACE_RE.sub(" ", line).strip() for line in "".join(buf).split("\n"))
        para = "\n".join(line for line in lines if line)
        if para:
            out.append(para)
        buf.clear()

    def walk(el: _Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""  # comments and processing instructions: no tag
        if tag in _SKIP_TAGS or not tag:
            pass
        elif tag in _BREAK_TAGS:
            buf.append("\n")
        elif tag in _BLOCK_TAGS:
            flush()
            buf.append(el.text or "")
            for child in el:
                walk(child)
            flush()
        else:  # inline: hi, ref, del, span, a, em, ...
            buf.append(el.text or "")
            for child in el:
                walk(child)
        buf.append(el.tail or "")

    walk(body)
    flush()
    return out


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _field(doc: Any, name: str) -> str:
    value = getattr(doc, name, None)
    return " ".join(str(value).split()) if value else ""


def extract_html(data: bytes | str, *, url: str = "", name: str = "", charset: str = "") -> Extracted:
    """The article text and metadata of an HTML page.

    ``url`` is where the page came from (it helps trafilatura and fills
    ``url`` when the page names no canonical URL); ``name`` prefixes error
    messages; ``charset`` is the HTTP header's, when the page was fetched.
    Raises ``InputError`` (one line) when the page holds no article text.
    """
    where = name or url or "HTML"
    if isinstance(data, bytes):
        page, encoding = decode_html(data, charset=charset)
    else:
        page, encoding = data, "utf-8"
    page = page.lstrip("\ufeff")
    if not page.strip():
        raise InputError(f"{where}: file is empty")

    import trafilatura  # ~140 ms: only when a page is read

    try:
        doc = trafilatura.bare_extraction(
            page,
            url=url or None,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
            favor_precision=True,
            deduplicate=False,
        )
    except (ValueError, TypeError) as exc:  # malformed markup lxml refuses outright
        raise InputError(f"{where}: cannot parse this HTML ({' '.join(str(exc).split())})") from None
    body = getattr(doc, "body", None) if doc is not None else None
    paragraphs = _paragraphs(body) if body is not None else []
    title = _field(doc, "title")
    if paragraphs and title and _same(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    if not paragraphs:
        raise InputError(f"{where}: no article text found in this HTML")
    return Extracted(
        text="\n\n".join(paragraphs) + "\n",
        title=title,
        outlet=_field(doc, "sitename").lstrip("@") or _field(doc, "hostname"),
        author=_field(doc, "author"),
        date=_field(doc, "date"),
        url=_field(doc, "url") or url,
        encoding=encoding,
    )
