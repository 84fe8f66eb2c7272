"""Fetching pages (fetch.py) from a local http.server on 127.0.0.1.

Nothing here reaches beyond this machine: the server runs in a thread of the
test process, and a name that does not resolve is simulated.
"""
from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from compare_claims.errors import InputError
from compare_claims.fetch import USER_AGENT, fetch_url

FIXTURES = Path(__file__).parent / "fixtures" / "html"
PAGE = (FIXTURES / "fox_shutdown.html").read_bytes()
SLOW_SECONDS = 1.5


class Handler(BaseHTTPRequestHandler):
    """The routes the tests use."""

    seen_agents: list[str] = []

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def send(self, code: int, body: bytes, ctype: str = "text/html; charset=utf-8", length: bool = True) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:  # the client gave up (time-out test)
            pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/page.html":
            self.send(200, PAGE)
        elif path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/page.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/redirect-ftp":
            self.send_response(301)
            self.send_header("Location", "ftp://127.0.0.1/file.txt")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self.send(200, PAGE)
        elif path == "/big":  # no Content-Length: the limit must hold while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(64):
                    self.wfile.write(b"<p>" + b"x" * 1020 + b"</p>")
            except OSError:  # the client hung up at its limit
                pass
            self.close_connection = True
        elif path == "/big-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "50000000")
            self.end_headers()
            self.close_connection = True
        elif path == "/text":
            self.send(200, "Caf\u00e9 news: the council met.\n".encode("cp1252"), "text/plain; charset=windows-1252")
        elif path == "/pdf":
            self.send(200, b"%PDF-1.4 ...", "application/pdf")
        elif path == "/empty":
            self.send(200, b"")
        elif path == "/error":
            self.send(500, b"oops", "text/plain")
        else:
            self.send(404, b"<h1>Not found</h1>")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def one_line_error(url: str, *, timeout: float = 20, max_bytes: int = 20_000_000) -> str:
    with pytest.raises(InputError) as exc:
        fetch_url(url, timeout=timeout, max_bytes=max_bytes)
    msg = str(exc.value)
    assert "\n" not in msg and msg.startswith(url), msg
    return msg


def test_a_page_is_fetched_with_its_content_type_and_our_user_agent(server: str) -> None:
    got = fetch_url(f"{server}/page.html")
    assert got.data == PAGE
    assert got.content_type == "text/html; charset=utf-8"
    assert (got.media_type, got.charset) == ("text/html", "utf-8")
    assert got.final_url == f"{server}/page.html"
    assert Handler.seen_agents[-1] == USER_AGENT


def test_a_redirect_is_followed(server: str) -> None:
    got = fetch_url(f"{server}/redirect")
    assert got.data == PAGE and got.final_url == f"{server}/page.html"


def test_a_redirect_away_from_http_is_refused(server: str) -> None:
    assert "not an http(s) URL" in one_line_error(f"{server}/redirect-ftp")


def test_http_404_and_500(server: str) -> None:
    assert one_line_error(f"{server}/nothing-here").endswith("cannot fetch: HTTP 404 Not Found")
    assert one_line_error(f"{server}/error").endswith("cannot fetch: HTTP 500 Internal Server Error")


def test_a_slow_page_hits_the_time_out(server: str) -> None:
    start = time.monotonic()
    msg = one_line_error(f"{server}/slow", timeout=0.3)
    assert msg.endswith("timed out after 0.3 s")
    assert time.monotonic() - start < SLOW_SECONDS


def test_an_oversized_body_is_cut_off_while_reading(server: str) -> None:
    msg = one_line_error(f"{server}/big", max_bytes=10_000)
    assert msg.endswith("page larger than the limit of 10,000 bytes")


def test_a_declared_oversized_body_is_refused_before_reading(server: str) -> None:
    msg = one_line_error(f"{server}/big-declared", max_bytes=1_000_000)
    assert "larger than the limit of 1,000,000 bytes (50,000,000 bytes)" in msg


def test_a_page_that_is_not_html_or_text_is_refused(server: str) -> None:
    assert one_line_error(f"{server}/pdf").endswith("not an HTML or text page (content type application/pdf)")


def test_plain_text_comes_with_its_charset(server: str) -> None:
    got = fetch_url(f"{server}/text")
    assert got.charset == "windows-1252" and got.data.decode(got.charset).startswith("Café")


def test_an_empty_page_is_an_error(server: str) -> None:
    assert one_line_error(f"{server}/empty").endswith("the page is empty")


def test_a_refused_connection() -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert one_line_error(f"http://127.0.0.1:{port}/").endswith("cannot fetch: connection refused")


def test_a_name_that_does_not_resolve(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_dns(*args: object, **kw: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    assert one_line_error("https://no-such-host.invalid/a").endswith("cannot fetch: cannot resolve the host name")


@pytest.mark.parametrize("url, words", [
    ("ftp://example.org/file", "only http:// and https:// URLs can be fetched"),
    ("http:///path-only", "no host name"),
    ("http://127.0.0.1:99999/", "not a valid URL"),
    ("http://exa mple.org/", "white space"),
])
def test_bad_urls(url: str, words: str) -> None:
    assert words in one_line_error(url)
