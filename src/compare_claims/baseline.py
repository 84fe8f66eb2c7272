"""Save a result as a baseline and say what moved since then.

A baseline is exactly the ``--format json`` document (``Result.to_dict()``).
``compare(old, new)`` returns human-readable change lines, empty when nothing
that counts changed.  The CLI exits 1 when the list is not empty.

What identifies what
--------------------
* A **source** is identified by its file name (``sources[].file``), never by
  its id or label: relabelling a source in ``sources.toml`` changes nothing.
* A **statement** is identified by ``(source file, start, end)``; the file is
  looked up from the statement's ``source`` id in the same document.
  One refinement: within one file, a statement that disappeared and one that
  appeared with exactly the same text are paired (in offset order) as the
  same statement whose offsets shifted, so that an edit early in a source does
  not make every later statement of it look removed and added again.
* A **group** is identified by the set of its member statements.  Its id
  (``g1``...) and its position in the list do not count.

What counts as a change (one line each, in this order)
------------------------------------------------------
1. ``~ topic: OLD -> NEW`` -- the topic name differs.
2. ``- source: FILE (ID)`` / ``+ source: FILE (ID)`` -- a source file was
   removed / added.
3. ``- statement: [ID START-END] "excerpt"`` / ``+ statement: ...`` -- an
   on-topic statement disappeared / appeared; ``~ statement: [...] "old" ->
   "new"`` when the same span now holds other text.  Excerpts are the first
   60 characters, white space collapsed.
4. Group membership, per connected set of changed groups (old and new groups
   that share statements): ``- group: A + B`` (a group of several statements
   vanished with all of them), ``+ group: A + B`` (a new group of new
   statements), ``~ split: A + B -> A | B``, ``~ merged: A | B -> A + B``,
   ``~ regrouped: A + B -> A + C`` (any other change of membership).  A lone
   new or removed statement that forms a group of its own is reported only by
   its ``+``/``- statement`` line.
5. ``~ score: A + B 44.7 -> 52.0`` -- a group with the same members whose
   score moved by 5 points or more (``SCORE_TOLERANCE``), or became / stopped
   being ``null``.

Within each kind, lines are sorted by (file, start, end) of the first
statement involved, so the same two documents always give the same lines.

What does not count
-------------------
Group ids and order; statement order; group score changes under 5 points;
member ``score``, ``via`` and ``reference``; every annotation field
(``speaker``, ``reporting_verb``, ``hedges``, ``certainty``, ``numbers``,
``labels``, ``negations``, ``diff``) and the group ``flags`` derived from them;
``topic_label``; ``settings`` (a different threshold shows through the groups
it produces); source metadata (``id``, ``label``, ``outlet``, ``kind``,
``date``, ``encoding``, ``length``); the minor part of ``schema_version``.

A baseline whose ``schema_version`` has another major version than this
program's is refused (``BaselineError``): write it again with
``--write-baseline``.
"""
from __future__ import annotations

import json
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import BaselineError, CompareClaimsError
from .models import SCHEMA_VERSION, Result

SCORE_TOLERANCE = 5.0  # a group score change smaller than this does not count
EXCERPT_CHARS = 60

Key = tuple[str, int, int]  # (source file name, start, end)


# --------------------------------------------------------------------- writing


def write_baseline(result: Result, path: Path) -> None:
    """Write ``result`` as the ``--format json`` document, atomically.

    The file is written beside its final name and renamed over it, so a reader
    never sees half a baseline.  The parent directory must exist.
    """
    from .render import dumps

    path = Path(path)
    if not path.parent.is_dir():
        raise BaselineError(f"{path}: cannot write baseline: directory {path.parent} does not exist")
    write_atomically(path, (dumps(result.to_dict()) + "\n").encode("utf-8"), BaselineError, "cannot write baseline")


def write_atomically(path: Path, data: bytes, error: type[CompareClaimsError], what: str) -> None:
    """Write ``data`` beside ``path`` and rename it over it (keeping the old
    file's mode, else the umask's); any failure is one ``error`` line and
    leaves no temporary file behind."""
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise error(f"{path}: {what}: is a directory")
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else _default_mode()
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise error(f"{path}: {what} ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except OSError as exc:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise error(f"{path}: {what} ({exc.strerror})") from None


def _default_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


# --------------------------------------------------------------------- reading


def read_baseline(path: Path) -> dict[str, Any]:
    """Read and check a saved JSON result; ``BaselineError`` when it is not one."""
    path = Path(path)
    if path.is_dir():
        raise BaselineError(f"{path}: is a directory, not a baseline file")
    raw = _read_regular(path)
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise BaselineError(f"{path}: not a JSON file (not UTF-8 at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise BaselineError(f"{path}: not a compare-claims result (JSON nested too deeply)") from None
    except ValueError:  # int() refusing a number of thousands of digits
        raise BaselineError(f"{path}: not a compare-claims result (a number has too many digits)") from None
    _parse(doc, str(path))
    assert isinstance(doc, dict)
    return doc


# --------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class _Statement:
    key: Key
    label: str  # source id, for display
    text: str


@dataclass(frozen=True)
class _Group:
    members: frozenset[Key]
    score: float | None


@dataclass(frozen=True)
class _Doc:
    topic: str
    sources: dict[str, str]  # file -> id
    statements: dict[Key, _Statement]
    groups: tuple[_Group, ...]


def _major(version: str) -> str:
    return version.split(".", 1)[0]


def _read_regular(path: Path) -> bytes:
    """A regular file's bytes: a FIFO is refused, not waited on."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file (write one with --write-baseline)") from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise BaselineError(f"{path}: a baseline must be a regular file")
        try:
            return fh.read()
        except OSError as exc:
            raise BaselineError(f"{path}: cannot read baseline ({exc.strerror})") from None


def _parse(doc: Any, where: str) -> _Doc:
    """Check the parts of a result that ``compare`` reads; raise one clear line."""

    def bad(what: str) -> BaselineError:
        return BaselineError(f"{where}: not a compare-claims result ({what})")

    if not isinstance(doc, dict) or "schema_version" not in doc or "groups" not in doc:
        raise bad("no schema_version/groups")
    version = doc["schema_version"]
    if not isinstance(version, str) or not version.split(".", 1)[0].isdigit():
        raise bad(f"schema_version {version!r} is not a version")
    if _major(version) != _major(SCHEMA_VERSION):
        raise BaselineError(
            f"{where}: schema version {version} is not compatible with {SCHEMA_VERSION} "
            "(major version differs); write the baseline again with --write-baseline"
        )
    topic = doc.get("topic")
    if not isinstance(topic, str):
        raise bad("topic is not a string")
    raw_sources = doc.get("sources", [])
    if not isinstance(raw_sources, list):
        raise bad("sources is not a list")
    files: dict[str, str] = {}  # id -> file
    sources: dict[str, str] = {}  # file -> id
    for i, s in enumerate(raw_sources):
        if not isinstance(s, dict) or not isinstance(s.get("id"), str) or not isinstance(s.get("file"), str):
            raise bad(f"sources[{i}] lacks id/file")
        files[s["id"]] = s["file"]
        sources[s["file"]] = s["id"]
    raw_groups = doc["groups"]
    if not isinstance(raw_groups, list):
        raise bad("groups is not a list")
    statements: dict[Key, _Statement] = {}
    groups: list[_Group] = []
    for gi, g in enumerate(raw_groups):
        if not isinstance(g, dict) or not isinstance(g.get("statements"), list):
            raise bad(f"groups[{gi}] has no statements list")
        if not g["statements"]:
            raise bad(f"groups[{gi}] has no statements")
        score = g.get("score")
        if score is not None and (isinstance(score, bool) or not isinstance(score, (int, float))):
            raise bad(f"groups[{gi}].score is not a number")
        members: set[Key] = set()
        for si, st in enumerate(g["statements"]):
            if not (isinstance(st, dict) and isinstance(st.get("source"), str) and isinstance(st.get("text"), str)
                    and _is_int(st.get("start")) and _is_int(st.get("end"))):
                raise bad(f"groups[{gi}].statements[{si}] lacks source/start/end/text")
            sid: str = st["source"]
            key: Key = (files.get(sid, sid), int(st["start"]), int(st["end"]))
            statements[key] = _Statement(key, sid, st["text"])
            members.add(key)
        groups.append(_Group(frozenset(members), None if score is None else float(score)))
    return _Doc(topic, sources, statements, tuple(groups))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# ------------------------------------------------------------------- comparing


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Lines saying what changed from ``old`` to ``new``; empty when nothing counts.

    See the module docstring for what counts.
    """
    a = _parse(old, "baseline")
    b = _remap_moved(a, _parse(new, "result"))
    lines: list[str] = []
    if a.topic != b.topic:
        lines.append(f"~ topic: {a.topic} -> {b.topic}")
    for f in sorted(a.sources.keys() - b.sources.keys()):
        lines.append(f"- source: {f} ({a.sources[f]})")
    for f in sorted(b.sources.keys() - a.sources.keys()):
        lines.append(f"+ source: {f} ({b.sources[f]})")

    removed = sorted(a.statements.keys() - b.statements.keys())
    added = sorted(b.statements.keys() - a.statements.keys())
    lines += [f"- statement: {_full(a.statements[k])}" for k in removed]
    lines += [f"+ statement: {_full(b.statements[k])}" for k in added]
    for k in sorted(a.statements.keys() & b.statements.keys()):
        if a.statements[k].text != b.statements[k].text:
            lines.append(f"~ statement: {_full(a.statements[k])} -> \"{_excerpt(b.statements[k].text)}\"")

    lines += _group_changes(a, b)
    lines += _score_changes(a, b)
    return lines


def _remap_moved(old: _Doc, new: _Doc) -> _Doc:
    """Give a statement whose offsets shifted (same file, same text) its old key."""
    gone = old.statements.keys() - new.statements.keys()
    came = new.statements.keys() - old.statements.keys()
    if not gone or not came:
        return new
    pool: dict[tuple[str, str], list[Key]] = {}
    for k in sorted(gone):
        pool.setdefault((k[0], old.statements[k].text), []).append(k)
    mapping: dict[Key, Key] = {}
    for k in sorted(came):
        cands = pool.get((k[0], new.statements[k].text))
        if cands:
            mapping[k] = cands.pop(0)
    if not mapping:
        return new
    statements = {mapping.get(k, k): _Statement(mapping.get(k, k), s.label, s.text) for k, s in new.statements.items()}
    groups = tuple(_Group(frozenset(mapping.get(k, k) for k in g.members), g.score) for g in new.groups)
    return _Doc(new.topic, new.sources, statements, groups)


def _group_changes(a: _Doc, b: _Doc) -> list[str]:
    old_sets = {g.members for g in a.groups}
    new_sets = {g.members for g in b.groups}
    gone = sorted((m for m in old_sets - new_sets), key=sorted)
    came = sorted((m for m in new_sets - old_sets), key=sorted)
    # connected sets of changed groups: union-find over shared statements
    nodes: list[tuple[str, frozenset[Key]]] = [("old", m) for m in gone] + [("new", m) for m in came]
    parent = list(range(len(nodes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[Key, int] = {}
    for i, (_side, members) in enumerate(nodes):
        for k in members:
            if k in owner:
                parent[find(i)] = find(owner[k])
            else:
                owner[k] = i
    parts: dict[int, list[int]] = {}
    for i in range(len(nodes)):
        parts.setdefault(find(i), []).append(i)

    out: list[tuple[Key, str]] = []
    for idx in parts.values():
        olds = sorted((nodes[i][1] for i in idx if nodes[i][0] == "old"), key=sorted)
        news = sorted((nodes[i][1] for i in idx if nodes[i][0] == "new"), key=sorted)
        first = min(k for i in idx for k in nodes[i][1])
        if not olds:
            line = "" if len(news[0]) == 1 else f"+ group: {_members_full(b, news[0])}"
        elif not news:
            line = "" if len(olds[0]) == 1 else f"- group: {_members_full(a, olds[0])}"
        else:
            kind = "split" if len(olds) == 1 < len(news) else "merged" if len(news) == 1 < len(olds) else "regrouped"
            sample = a.statements[min(olds[0])]
            line = (f"~ {kind}: {' | '.join(_refs(a, m) for m in olds)} -> "
                    f"{' | '.join(_refs(b, m) for m in news)} (\"{_excerpt(sample.text)}\")")
        if line:
            out.append((first, line))
    return [line for _k, line in sorted(out)]


def _score_changes(a: _Doc, b: _Doc) -> list[str]:
    new_scores = {g.members: g.score for g in b.groups}
    out: list[tuple[Key, str]] = []
    for g in a.groups:
        if g.members not in new_scores:
            continue
        before, after = g.score, new_scores[g.members]
        if before is None and after is None:
            continue
        if before is not None and after is not None and abs(after - before) < SCORE_TOLERANCE - 1e-9:
            continue
        first = min(g.members)
        out.append((first, f"~ score: {_refs(a, g.members)} {_score(before)} -> {_score(after)} "
                           f"(\"{_excerpt(a.statements[first].text)}\")"))
    return [line for _k, line in sorted(out)]


# -------------------------------------------------------------------- display


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[: EXCERPT_CHARS - 1].rstrip() + "…"


def _ref(st: _Statement) -> str:
    return f"[{st.label} {st.key[1]}-{st.key[2]}]"


def _full(st: _Statement) -> str:
    return f"{_ref(st)} \"{_excerpt(st.text)}\""


def _refs(doc: _Doc, members: frozenset[Key]) -> str:
    return " + ".join(_ref(doc.statements[k]) for k in sorted(members))


def _members_full(doc: _Doc, members: frozenset[Key]) -> str:
    return " + ".join(_full(doc.statements[k]) for k in sorted(members))


def _score(value: float | None) -> str:
    return "null" if value is None else f"{value:.1f}"
