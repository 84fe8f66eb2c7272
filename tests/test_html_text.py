"""HTML pages read as articles (html_text.py).

The fixture pages in tests/fixtures/html/ wrap the first paragraphs of BASIL
articles in the furniture of real news pages (scripts/make_html_fixtures.py
built them; each NAME.expected.json lists the article's paragraphs and every
line of furniture on the page).  The extracted text must be the article's
paragraphs, all of them, in order, and nothing else.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from compare_claims.errors import InputError
from compare_claims.html_text import Extracted, decode_html, extract_html, looks_like_html

FIXTURES = Path(__file__).parent / "fixtures" / "html"
PAGES = sorted(p.stem for p in FIXTURES.glob("*.html"))


def expected(name: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    return doc


def extract(name: str) -> Extracted:
    return extract_html((FIXTURES / f"{name}.html").read_bytes(), name=f"{name}.html")


def leaked(text: str, furniture: list[str]) -> list[str]:
    """Furniture lines found in the text: as a whole line, or (20 characters
    or more, so that a menu item such as "Politics" is not matched inside an
    article sentence) anywhere."""
    lines = {line.strip() for line in text.splitlines()}
    return [f for f in furniture if f in lines or (len(f) >= 20 and f in text)]


def test_there_are_four_fixture_pages_with_expectations() -> None:
    assert PAGES == ["blog_emergency", "fox_shutdown", "hpo_shutdown", "nyt_shutdown"]
    for name in PAGES:
        exp = expected(name)
        assert len(exp["paragraphs"]) == 8 and len(exp["furniture"]) >= 40


@pytest.mark.parametrize("name", PAGES)
def test_the_extracted_text_is_the_article_paragraphs_and_nothing_else(name: str) -> None:
    exp = expected(name)
    ex = extract(name)
    assert ex.text.endswith("\n") and not ex.text.endswith("\n\n")
    assert ex.text.rstrip("\n").split("\n\n") == exp["paragraphs"]
    assert leaked(ex.text, exp["furniture"]) == []


@pytest.mark.parametrize("name", PAGES)
def test_every_furniture_line_is_on_the_page(name: str) -> None:
    """The check above means something: the furniture is really there."""
    page = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
    import html

    unescaped = html.unescape(page)
    missing = [f for f in expected(name)["furniture"] if f not in unescaped]
    assert missing == []
    for marker in ("<nav", "cookie", "<script>", "<style>", "<footer", "Share on Facebook"):
        assert marker in page
    assert "<aside" in page


@pytest.mark.parametrize("name", PAGES)
def test_metadata_comes_from_the_page(name: str) -> None:
    meta = expected(name)["metadata"]
    ex = extract(name)
    assert (ex.title, ex.outlet, ex.date, ex.url) == (meta["title"], meta["outlet"], meta["date"], meta["url"])
    assert ex.encoding == "utf-8"


def test_extraction_is_deterministic() -> None:
    data = (FIXTURES / "nyt_shutdown.html").read_bytes()
    assert extract_html(data) == extract_html(data) == extract_html(data.decode("utf-8"))


def test_a_heading_repeating_the_title_is_metadata_not_text() -> None:
    page = (FIXTURES / "hpo_shutdown.html").read_text(encoding="utf-8")
    title = expected("hpo_shutdown")["metadata"]["title"]
    assert f">{title}</h1>" in page
    assert title not in extract("hpo_shutdown").text


ARTICLE = "".join(
    f"<p>Paragraph {k} tells the reader one more thing about the storm that crossed the county on Monday night.</p>\n"
    for k in range(1, 5)
)


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><title>Storm</title>{head}</head><body><article>{body}</article></body></html>"


def test_author_and_site_name_from_meta_tags() -> None:
    head = ('<meta name="author" content="Jane Doe"><meta property="og:site_name" content="Example Gazette">'
            '<meta property="og:title" content="Storm crosses the county">'
            '<meta property="article:published_time" content="2020-03-04T10:00:00Z">')
    ex = extract_html(page(ARTICLE, head), url="https://news.example.org/storm")
    assert (ex.author, ex.outlet, ex.title, ex.date) == ("Jane Doe", "Example Gazette", "Storm crosses the county",
                                                         "2020-03-04")
    assert ex.url == "https://news.example.org/storm"


def test_a_line_break_stays_inside_its_paragraph() -> None:
    body = ARTICLE + "<p>First line of a poem that the paper printed<br>and its second line, after a break.</p>"
    ex = extract_html(page(body))
    assert "First line of a poem that the paper printed\nand its second line, after a break." in ex.text
    assert ex.text.count("\n\n") == 4


def test_white_space_inside_a_paragraph_is_collapsed() -> None:
    body = ARTICLE + "<p>The deadline is Feb.&nbsp;15,\n   said   the\tclerk of the county court on Tuesday.</p>"
    # trafilatura reads a NO-BREAK SPACE as a space
    assert "The deadline is Feb. 15, said the clerk of the county court on Tuesday." in extract_html(page(body)).text


@pytest.mark.parametrize("data", [
    b"<!DOCTYPE html><html><body>x</body></html>",
    b"\xef\xbb\xbf  \n<!doctype HTML>",
    b"<HTML><HEAD><TITLE>x</TITLE>",
    b"<!-- saved from url=(0042)https://example.org/ -->\n<html lang=en>",
    b"<body><p>hello</p></body>",
])
def test_html_is_sniffed(data: bytes) -> None:
    assert looks_like_html(data)


@pytest.mark.parametrize("data", [
    b"Plain text that talks about the <html> tag.",
    b"",
    b"<p>a fragment without html, head or body</p>",
    b"<" + b" " * 2000 + b"<html>",  # past the first KB
    b"\x00\x01<html>binary",
])
def test_text_is_not_sniffed_as_html(data: bytes) -> None:
    assert not looks_like_html(data)


def test_charset_from_meta_tag_bom_or_fallback() -> None:
    text = "Café “quoted” — done"
    assert decode_html(f'<meta charset="windows-1252"><p>{text}'.encode("cp1252")) == (
        f'<meta charset="windows-1252"><p>{text}', "cp1252")
    assert decode_html(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>caf\xe9')[1] == "cp1252"
    assert decode_html(("\ufeff<p>" + text).encode("utf-8")) == ("<p>" + text, "utf-8")
    assert decode_html(("<p>" + text).encode("utf-8")) == ("<p>" + text, "utf-8")
    assert decode_html(("<p>" + text).encode("cp1252")) == ("<p>" + text, "cp1252")  # no charset, not UTF-8
    assert decode_html(("<p>" + text).encode("cp1252"), charset="windows-1252")[1] == "cp1252"  # HTTP header
    assert decode_html(b'<meta charset="no-such-codec"><p>ok')[1] == "utf-8"


def test_a_cp1252_page_is_read_with_its_declared_charset() -> None:
    body = ARTICLE + "<p>The café’s owner said the storm “was the worst in years” and closed early.</p>"
    data = page(body, '<meta charset="windows-1252">').encode("cp1252")
    ex = extract_html(data)
    assert "The café’s owner said the storm “was the worst in years” and closed early." in ex.text
    assert ex.encoding == "cp1252"


@pytest.mark.parametrize("data", [b"<html><head><title>Empty</title></head><body></body></html>", b"<html></html>"])
def test_a_page_without_text_is_one_line_error(data: bytes) -> None:
    with pytest.raises(InputError) as exc:
        extract_html(data, name="page.html")
    msg = str(exc.value)
    assert msg == "page.html: no article text found in this HTML"


def test_an_empty_page_is_an_error() -> None:
    with pytest.raises(InputError, match=r"^page.html: file is empty$"):
        extract_html(b"  \n", name="page.html")
