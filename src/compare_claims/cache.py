"""The analysis cache: an input edge, like ``load.py`` and ``config.py``.

What it keeps, in one SQLite file (``analysis-v1.sqlite3`` in the cache
directory): each source's analysis (``pipeline.analyze``), keyed by the
source (its text and fields) and the plan; and a topic's groups
(``pipeline.build_groups``), keyed by every source of the run, the plan and
the scorer and threshold.  Both are plain JSON (``codec.py``), compressed.

Nothing it reads can run code, and nothing it reads is trusted unseen:

* data only: JSON through the constructors of the project's own types,
  never pickle or marshal;
* every entry carries an HMAC-SHA256 tag over its kind, its key and its
  bytes, under a random key kept *outside* the cache directory (the user's
  state directory, mode 0600).  Whoever can write the cache but not read
  the key cannot make an entry that passes: a changed entry, or one moved
  to another key, fails its tag, is ignored and recomputed;
* a key file that is not the user's own, or that others may read or write,
  is refused: the run goes on without the cache (one line on stderr);
* the database must hold exactly the one table this version creates
  (``trusted_schema`` off); a file that is not one, is locked, or holds
  anything else: the run goes on without it (one line on stderr).

Keys hash everything the value depends on: the source's text and fields,
the code (every module of the package), the cue lists in ``data/``, the
Python and the versions of the libraries that segment, stem and score, the
topics known and asked, and the settings.  Output is the same bytes with
the cache, without it, and from it (tested).

Entries not used for ``KEEP_DAYS`` days are dropped when a run writes.
"""
from __future__ import annotations

import hashlib
import hmac
import importlib.util
import json
import os
import sqlite3
import stat
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .paths import data_dir

if TYPE_CHECKING:
    from .models import Group, Source
    from .pipeline import SourceAnalysis
    from .topics import Topic

ENV_DIR = "COMPARE_CLAIMS_CACHE_DIR"
DB_NAME = "analysis-v1.sqlite3"  # another layout, another file
KEY_NAME = "cache.key"
KEY_BYTES = 32
KEEP_DAYS = 30
BUSY_TIMEOUT = 2.0  # seconds to wait for another run's write
TABLE = ("CREATE TABLE entries (kind TEXT NOT NULL, key TEXT NOT NULL, payload BLOB NOT NULL, tag BLOB NOT NULL, "
         "used INTEGER NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID")
_DOMAIN = b"compare-claims cache v1\0"
_LIBRARIES = ("sentencex", "Stemmer", "rapidfuzz")  # segment, stem, score


class Unsafe(Exception):
    """The key file cannot be trusted (or made): the run goes on without the cache."""


def default_dir(environ: Any = os.environ) -> Path:
    """``$COMPARE_CLAIMS_CACHE_DIR``, else ``$XDG_CACHE_HOME/compare-claims``
    (``~/.cache/compare-claims``)."""
    if environ.get(ENV_DIR):
        return Path(environ[ENV_DIR])
    base = environ.get("XDG_CACHE_HOME") or ""
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "compare-claims"


def default_key_file(environ: Any = os.environ) -> Path:
    """``$XDG_STATE_HOME/compare-claims/cache.key`` (``~/.local/state/...``)."""
    base = environ.get("XDG_STATE_HOME") or ""
    return (Path(base) if os.path.isabs(base) else Path.home() / ".local" / "state") / "compare-claims" / KEY_NAME


# ------------------------------------------------------------------ the key


def load_key(path: Path, cache_dir: Path) -> bytes:
    """The secret the tags are made with, created on first use (0600).
    ``Unsafe`` when it is in the cache directory, is not a regular file of
    this user's, or others may read or write it."""
    real, cache_real = Path(os.path.realpath(path)), Path(os.path.realpath(cache_dir))
    if real == cache_real or cache_real in real.parents:
        raise Unsafe(f"the key file {path} is inside the cache directory; it must be kept outside it")
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    _create_key(path)
    try:
        return _read_key(path)
    except FileNotFoundError:
        raise Unsafe(f"cannot create the key file {path}") from None


def _read_key(path: Path) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        raise
    except OSError as exc:  # a symbolic link (ELOOP), no permission, ...
        raise Unsafe(f"cannot use the key file {path} ({exc.strerror or exc})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Unsafe(f"the key file {path} is not a regular file")
        if st.st_uid != os.geteuid():
            raise Unsafe(f"the key file {path} is not owned by you")
        if st.st_mode & 0o077:
            raise Unsafe(f"the key file {path} may be read or written by others (chmod 600 it)")
        data = os.read(fd, KEY_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) != KEY_BYTES:
        raise Unsafe(f"the key file {path} is not a key ({len(data)} bytes, not {KEY_BYTES})")
    return data


def _create_key(path: Path) -> None:
    """A new random key, in place at once or not at all (two runs starting
    together keep the same one)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f".{KEY_NAME}.{os.getpid()}.{os.urandom(4).hex()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        try:
            os.write(fd, os.urandom(KEY_BYTES))
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    except OSError as exc:
        raise Unsafe(f"cannot create the key file {path} ({exc.strerror or exc})") from None


# ------------------------------------------------------------------ what a key depends on


def code_fingerprint() -> str:
    """The package's modules, the cue lists, Python, and the libraries that
    segment, stem and score: any change gives every entry a new key."""
    h = hashlib.sha256(sys.version.encode())
    here = Path(__file__).parent
    for folder, patterns in ((here, ("*.py",)), (data_dir(), ("*.toml", "*.tsv"))):
        for path in sorted(p for pattern in patterns for p in folder.glob(pattern)):
            h.update(f"\0{path.name}\0".encode())
            h.update(path.read_bytes())
    for name in _LIBRARIES:
        try:
            spec = importlib.util.find_spec(name)
            origin = spec.origin if spec is not None else None
            st = os.stat(origin) if origin else None
        except (ImportError, ValueError, OSError):
            origin, st = None, None
        h.update(f"\0{name}\0{origin}\0{st.st_size if st else ''}\0{st.st_mtime_ns if st else ''}".encode())
    return h.hexdigest()


def plan_fingerprint(known: Sequence[Topic], asked: Sequence[Topic], annotate: bool) -> str:
    """What a plan (``commands._plan``) is built from, with the code."""
    plain = json.dumps([[list(t) for t in known], [list(t) for t in asked], annotate], ensure_ascii=False)
    return hashlib.sha256(f"{code_fingerprint()}\0{plain}".encode("utf-8", "surrogatepass")).hexdigest()


def _source_fields(source: Source) -> bytes:
    fields = [*source[:2], *source[3:]]  # all but the text
    text = source.text.encode("utf-8", "surrogatepass")
    return json.dumps(fields, ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\0" + hashlib.sha256(text).digest()


# ------------------------------------------------------------------ the store


class Cache:
    """One run's use of the cache.  Never raises: whatever goes wrong is said
    once (``warn``) and the run goes on computing."""

    def __init__(self, conn: sqlite3.Connection | None, secret: bytes, path: Path, fingerprint: str,
                 warn: Callable[[str], None]) -> None:
        self.conn, self.secret, self.path, self.fingerprint = conn, secret, path, fingerprint
        self._warn = warn
        self._said: set[str] = set()
        self.today = int(time.time() // 86400)

    @classmethod
    def open(cls, directory: Path, key_file: Path, fingerprint: str, warn: Callable[[str], None]) -> Cache | None:
        """The cache in ``directory``, or None (said once why) when it cannot be used safely."""
        try:
            secret = load_key(key_file, directory)
        except Unsafe as exc:
            warn(f"warning: cache not used: {exc}")
            return None
        path = directory / DB_NAME
        try:
            directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            if path.is_symlink():
                raise OSError(0, "a symbolic link")
            if not path.exists():
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW, 0o600))
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT)
        except (OSError, sqlite3.Error) as exc:
            warn(f"warning: cache not used: cannot open {path} ({_reason(exc)})")
            return None
        cache = cls(conn, secret, path, fingerprint, warn)
        try:
            conn.execute("PRAGMA trusted_schema = OFF")
            tables = conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
            if not tables:
                conn.execute(TABLE.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1))
                conn.commit()
                tables = conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
            if tables != [("table", "entries", TABLE)]:
                cache._fail(f"{path} is not this version's cache (delete it to start afresh)")
        except sqlite3.Error as exc:
            cache._fail(f"{path} cannot be read ({_reason(exc)}; delete it to start afresh)"
                        if isinstance(exc, sqlite3.DatabaseError) and "locked" not in str(exc) else
                        f"{path} cannot be read ({_reason(exc)})")
        return cache if cache.conn is not None else None

    def close(self) -> None:
        if self.conn is not None:
            try:
                self.conn.close()
            except sqlite3.Error:
                pass
            self.conn = None

    # ---- keys

    def source_key(self, source: Source) -> str:
        """One source's analysis under this plan: the source (its id is its file name then) and the plan."""
        return hashlib.sha256(self.fingerprint.encode() + b"\0source\0" + _source_fields(source)).hexdigest()

    def groups_key(self, sources: Iterable[Source], scorer: str, threshold: float) -> str:
        """A topic's groups: every source under its final id, the plan, the scorer and the threshold."""
        h = hashlib.sha256(f"{self.fingerprint}\0groups\0{scorer}\0{threshold!r}".encode())
        for s in sorted(sources, key=lambda s: (s.file, s.id)):
            h.update(b"\0" + _source_fields(s))
        return h.hexdigest()

    # ---- values

    def load_analyses(self, wanted: Sequence[tuple[str, Source]]) -> dict[str, SourceAnalysis]:
        """The analyses stored for ``(key, source)``, by key; a missing or refused one is not there."""
        from .codec import decode_analysis

        found = self._get("source", [k for k, _s in wanted])
        out = {}
        for key, source in wanted:
            if key in found:
                try:
                    out[key] = decode_analysis(found[key], source)
                except (ValueError, TypeError, KeyError, IndexError, AttributeError):
                    self._refused()
        return out

    def save_analyses(self, items: Iterable[tuple[str, bytes]]) -> None:
        """Store analyses already packed (``codec.pack(codec.encode_analysis(a))``, done where they were made)."""
        self._put("source", list(items))

    def load_groups(self, key: str) -> tuple[tuple[Group, ...], tuple[tuple[str, str, int], ...]] | None:
        from .codec import decode_groups

        found = self._get("groups", [key])
        if key not in found:
            return None
        try:
            return decode_groups(found[key])
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            self._refused()
            return None

    def save_groups(self, key: str, groups: tuple[Group, ...], skipped: tuple[tuple[str, str, int], ...]) -> None:
        from .codec import encode_groups, pack

        self._put("groups", [(key, pack(encode_groups(groups, skipped)))])

    # ---- the table

    def _tag(self, kind: str, key: str, payload: bytes) -> bytes:
        return hmac.new(self.secret, _DOMAIN + f"{kind}\0{key}\0".encode() + payload, hashlib.sha256).digest()

    def _get(self, kind: str, keys: list[str]) -> dict[str, Any]:
        """Verified, decoded entries of ``kind`` by key."""
        from .codec import unpack

        if self.conn is None or not keys:
            return {}
        rows: list[tuple[Any, ...]] = []
        try:
            for i in range(0, len(keys), 500):
                part = keys[i:i + 500]
                rows += self.conn.execute(
                    f"SELECT key, payload, tag, used FROM entries WHERE kind = ? AND key IN ({','.join('?' * len(part))})",
                    [kind, *part]).fetchall()
        except sqlite3.Error as exc:
            self._fail(f"{self.path} cannot be read ({_reason(exc)})")
            return {}
        out: dict[str, Any] = {}
        stale = []
        for key, payload, tag, used in rows:
            if not (isinstance(key, str) and isinstance(payload, bytes) and isinstance(tag, bytes)
                    and hmac.compare_digest(tag, self._tag(kind, key, payload))):
                self._refused()
                continue
            try:
                out[key] = unpack(payload)
            except ValueError:  # cannot happen to an entry with a good tag; still
                self._refused()
                continue
            if used != self.today:
                stale.append(key)
        if stale:
            self._write("UPDATE entries SET used = ? WHERE kind = ? AND key = ?",
                        [(self.today, kind, k) for k in stale], prune=False)
        return out

    def _put(self, kind: str, items: list[tuple[str, bytes]]) -> None:
        if self.conn is None or not items:
            return
        rows = [(kind, key, payload, self._tag(kind, key, payload), self.today) for key, payload in items]
        self._write("INSERT OR REPLACE INTO entries (kind, key, payload, tag, used) VALUES (?, ?, ?, ?, ?)", rows,
                    prune=True)

    def _write(self, sql: str, rows: list[tuple[Any, ...]], *, prune: bool) -> None:
        if self.conn is None:
            return
        try:
            with self.conn:
                self.conn.executemany(sql, rows)
                if prune:
                    self.conn.execute("DELETE FROM entries WHERE used < ?", (self.today - KEEP_DAYS,))
        except sqlite3.Error as exc:
            self._fail(f"{self.path} cannot be written ({_reason(exc)})")

    # ---- saying so, once

    def _refused(self) -> None:
        self._say("warning: cache: ignored entries that failed verification (changed or not written by you); "
                  "recomputed them")

    def _fail(self, why: str) -> None:
        self._say(f"warning: cache not used: {why}")
        self.close()

    def _say(self, line: str) -> None:
        if line not in self._said:
            self._said.add(line)
            self._warn(line)


def _reason(exc: BaseException) -> str:
    return (exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)) or type(exc).__name__
