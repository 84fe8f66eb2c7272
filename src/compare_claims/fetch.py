"""Fetch a page given as an ``http(s)://`` argument (urllib: no dependency).

Every failure (a name that does not resolve, a refused connection, a time-out,
an HTTP error status, a body over the size limit, a body that is neither HTML
nor text) is an ``InputError`` whose message is one line naming the URL.  The
size limit is enforced while reading, so an endless body is cut off; the
time-out applies to each network operation and to the whole download.
"""
from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message
from http.client import HTTPMessage
from typing import IO, NamedTuple

from . import __version__
from .errors import InputError

USER_AGENT = f"compare-claims/{__version__} (+https://pypi.org/project/compare-claims/)"
DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 20_000_000
MAX_REDIRECTS = 10
_CHUNK = 64 * 1024
_SCHEMES = ("http", "https")
# Content types read as pages; a missing type is accepted and the body sniffed.
_TEXT_TYPES = ("text/", "application/xhtml+xml", "application/xml")


class Fetched(NamedTuple):
    data: bytes
    content_type: str  # the Content-Type header as sent ("text/html; charset=utf-8"), "" when absent
    final_url: str  # after redirects

    @property
    def media_type(self) -> str:
        return self.content_type.split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str:
        msg = Message()
        msg["content-type"] = self.content_type
        return str(msg.get_param("charset") or "")


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only, at most MAX_REDIRECTS."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str
    ) -> urllib.request.Request | None:
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        if scheme not in _SCHEMES:
            raise urllib.error.URLError(f"redirected to {newurl}, which is not an http(s) URL")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _reason(exc: BaseException, timeout: float) -> str:
    """Why a request failed, in a few words."""
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {_one_line(exc.reason)}".rstrip()
    if isinstance(exc, urllib.error.URLError):
        inner = exc.reason
        if isinstance(inner, BaseException):
            return _reason(inner, timeout)
        return _one_line(inner)
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return f"timed out after {timeout:g} s"
    if isinstance(exc, socket.gaierror):
        return "cannot resolve the host name"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, ConnectionResetError):
        return "connection reset by the server"
    if isinstance(exc, ssl.SSLError):
        return f"TLS error ({_one_line(getattr(exc, 'reason', None) or exc)})"
    if isinstance(exc, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(exc, http.client.IncompleteRead):
        return "the server closed the connection before the end of the page"
    if isinstance(exc, http.client.HTTPException):
        return f"bad HTTP response ({type(exc).__name__})"
    if isinstance(exc, OSError):
        return _one_line(exc.strerror or exc)
    return _one_line(exc) or type(exc).__name__


def _check_url(url: str) -> None:
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise InputError(f"{url}: not a valid URL ({_one_line(exc)})") from None
    if parts.scheme.lower() not in _SCHEMES:
        raise InputError(f"{url}: only http:// and https:// URLs can be fetched")
    if not parts.hostname:
        raise InputError(f"{url}: not a valid URL (no host name)")
    if any(c.isspace() for c in url):
        raise InputError(f"{url}: not a valid URL (contains white space)")


def _read_limited(resp: IO[bytes], url: str, max_bytes: int, deadline: float, timeout: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise InputError(f"{url}: timed out after {timeout:g} s (page not fully read)")
        chunk = resp.read(min(_CHUNK, max_bytes + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"{url}: page larger than the limit of {max_bytes:,} bytes")


def fetch_url(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES) -> Fetched:
    """GET ``url`` (http or https), following redirects, within ``timeout``
    seconds and ``max_bytes`` bytes; the body must be HTML or text."""
    _check_url(url)
    opener = urllib.request.build_opener(_Redirects())
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
        "Accept-Encoding": "identity",
    })
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as resp:
            final_url = resp.geturl() or url
            content_type = resp.headers.get("Content-Type", "") or ""
            media = content_type.split(";", 1)[0].strip().lower()
            if media and not media.startswith(_TEXT_TYPES):
                raise InputError(f"{url}: not an HTML or text page (content type {media})")
            length = resp.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise InputError(f"{url}: page larger than the limit of {max_bytes:,} bytes ({int(length):,} bytes)")
            data = _read_limited(resp, url, max_bytes, deadline, timeout)
    except InputError:
        raise
    except (OSError, http.client.HTTPException, ValueError) as exc:  # URLError and HTTPError are OSErrors
        if isinstance(exc, urllib.error.HTTPError):
            exc.close()
        raise InputError(f"{url}: cannot fetch: {_reason(exc, timeout)}") from None
    if not data.strip():
        raise InputError(f"{url}: the page is empty")
    return Fetched(data=data, content_type=_one_line(content_type), final_url=final_url)
