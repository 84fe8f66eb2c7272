"""Topic definitions (built-in TOML plus a user's ``--topics-file``) and matching.

Keywords match case-insensitively, on word boundaries, as whole phrases, with
inflections (both sides are stemmed).  A keyword token written in capitals
(JCPOA, START) is an acronym and must appear in capitals, so that "a new start"
does not match "New START".
"""
from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, NamedTuple

from .errors import TopicsFileError, UnknownTopicError
from .paths import data_dir
from .textnorm import WORD_RE, fold, stem_words

TOPICS_FILE = "topics.toml"


class Topic(NamedTuple):
    name: str
    label: str
    keywords: tuple[str, ...]
    labels: tuple[tuple[str, tuple[str, ...]], ...] = ()  # extra loaded labels {category: terms}
    origin: str = "built-in"


class TokenizedText(NamedTuple):
    """Word tokens of a text: stems for matching, and which were in capitals."""

    stems: tuple[str, ...]
    upper: tuple[bool, ...]


def _parts(tokens: list[str]) -> list[str]:
    """Possessive dropped, hyphenated compounds split: "Iran-backed" names Iran."""
    out: list[str] = []
    for t in tokens:
        if t.endswith(("'s", "’s", "'S", "’S")):
            t = t[:-2]
        out.extend(p for p in t.split("-") if p) if "-" in t else out.append(t)
    return out


def tokenize(text: str) -> TokenizedText:
    raw = _parts(WORD_RE.findall(text))
    words = _parts(WORD_RE.findall(fold(text)))
    if len(words) != len(raw):  # folding changed the word boundaries (rare): fold word by word
        words = [fold(w) for w in raw]
    stems = stem_words(words) if words else []
    return TokenizedText(tuple(stems), tuple(w.isupper() and len(w) > 1 for w in raw))


class Matcher(NamedTuple):
    """Compiled keyword phrases of one topic."""

    phrases: tuple[tuple[tuple[str, bool], ...], ...]
    by_first: dict[str, tuple[int, ...]]

    @classmethod
    def build(cls, keywords: tuple[str, ...]) -> Matcher:
        phrases = []
        for kw in keywords:
            tok = tokenize(kw)
            if tok.stems:
                phrases.append(tuple(zip(tok.stems, tok.upper)))
        by_first: dict[str, list[int]] = {}
        for i, ph in enumerate(phrases):
            by_first.setdefault(ph[0][0], []).append(i)
        return cls(tuple(phrases), {k: tuple(v) for k, v in by_first.items()})

    def matches(self, tok: TokenizedText) -> bool:
        stems, upper = tok.stems, tok.upper
        if self.by_first.keys().isdisjoint(stems):  # most texts: one C-level pass
            return False
        for i, st in enumerate(stems):
            for pi in self.by_first.get(st, ()):
                ph = self.phrases[pi]
                if i + len(ph) > len(stems):
                    continue
                if all(stems[i + j] == s and (upper[i + j] or not u) for j, (s, u) in enumerate(ph)):
                    return True
        return False


_TERM_KEYS = ("keywords", "aliases")


def _terms(spec: dict[str, Any], key: str, where: str) -> list[str]:
    value = spec.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
        raise TopicsFileError(f"{where}.{key} must be a list of strings")
    return [k for k in value if k.strip()]


def _parse(text: str, origin: str) -> dict[str, Topic]:
    """``[topics.NAME]`` tables (or top-level ``[NAME]`` tables) with ``keywords``
    and/or ``aliases`` (a list, or one string), an optional ``label`` and
    optional extra loaded ``labels`` ({category: [terms]})."""
    from .tomlcache import parse_toml

    try:
        doc = parse_toml(text)
    except ValueError as exc:  # tomllib.TOMLDecodeError
        raise TopicsFileError(f"{origin}: malformed TOML: {exc}") from None
    table = doc.get("topics")
    prefix = "topics."
    if table is None:  # a file of top-level [NAME] tables is read the same way
        table = {k: v for k, v in doc.items() if isinstance(v, dict) and any(t in v for t in _TERM_KEYS)}
        prefix = ""
    if not isinstance(table, dict) or not table:
        raise TopicsFileError(f"{origin}: no [topics.NAME] table found")
    topics: dict[str, Topic] = {}
    for name, spec in table.items():
        where = f"{origin}: {prefix}{name}"
        if not isinstance(spec, dict):
            raise TopicsFileError(f"{where} must be a table")
        kws = [k for key in _TERM_KEYS for k in _terms(spec, key, where)]
        if not kws:
            raise TopicsFileError(f"{where}.keywords must be a non-empty list of strings")
        label = spec.get("label", name)
        if not isinstance(label, str):
            raise TopicsFileError(f"{where}.label must be a string")
        extra = spec.get("labels", {})
        if not isinstance(extra, dict) or not all(
            isinstance(v, list) and all(isinstance(t, str) for t in v) for v in extra.values()
        ):
            raise TopicsFileError(f"{where}.labels must map a category to a list of strings")
        topics[name.lower()] = Topic(
            name=name.lower(),
            label=label,
            keywords=tuple(dict.fromkeys(kws)),
            labels=tuple(sorted((str(k), tuple(v)) for k, v in extra.items())),
            origin=origin,
        )
    return topics


def load_topics(topics_file: Path | None = None) -> dict[str, Topic]:
    """Built-in topics, then the user's file on top (same name overrides)."""
    topics = _parse((data_dir() / TOPICS_FILE).read_text(encoding="utf-8"), "built-in topics")
    if topics_file is not None:
        try:
            raw = topics_file.read_bytes()
        except OSError as exc:
            raise TopicsFileError(f"{topics_file}: cannot read topics file ({exc.strerror})") from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise TopicsFileError(f"{topics_file}: topics file is not UTF-8") from None
        topics.update(_parse(text, str(topics_file)))
    return topics


def get_topic(topics: dict[str, Topic], name: str) -> Topic:
    key = name.strip().lower()
    if key in topics:
        return topics[key]
    known = sorted(topics)
    near = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
    hint = f"; did you mean '{near[0]}'?" if near else ""
    raise UnknownTopicError(f"unknown topic '{name}' (known: {', '.join(known)}){hint}")


def topic_summary(topic: Topic) -> dict[str, Any]:
    return {"name": topic.name, "label": topic.label, "keywords": list(topic.keywords), "origin": topic.origin}
