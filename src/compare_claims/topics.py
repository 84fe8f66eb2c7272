"""Topic definitions (built-in TOML plus a user's ``--topics-file``) and matching.

Keywords match case-insensitively, on word boundaries, as whole phrases, with
inflections (both sides are stemmed).  A keyword token written in capitals
(JCPOA, START) is an acronym and must appear in capitals, so that "a new start"
does not match "New START".
"""
# No `from __future__ import annotations`: see models.py (NamedTuple start-up cost).

import difflib
from typing import Any, NamedTuple

from .errors import ConfigError, UnknownTopicError
from .textnorm import WORD_RE, fold, stem_words


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


def _words(text: str) -> list[str]:
    """The words of ``text`` through ``_parts``, which leaves them as they are
    when the text holds no apostrophe and no hyphen (WORD_RE joins words by those only)."""
    words = WORD_RE.findall(text)
    return _parts(words) if "'" in text or "-" in text else words


def tokenize(text: str) -> TokenizedText:
    raw = _words(text)
    if text.isascii():  # folding is lower-casing, which moves no word boundary: one pass
        words = [w.lower() for w in raw]
    else:
        words = _words(fold(text))
        if len(words) != len(raw):  # folding changed the word boundaries (rare): fold word by word
            words = [fold(w) for w in raw]
    stems = stem_words(words) if words else []
    return TokenizedText(tuple(stems), tuple(w.isupper() and len(w) > 1 for w in raw))


class Matcher(NamedTuple):
    """Compiled keyword phrases of one topic."""

    phrases: tuple[tuple[tuple[str, bool], ...], ...]
    by_first: dict[str, tuple[int, ...]]

    @classmethod
    def build(cls, keywords: tuple[str, ...]) -> "Matcher":
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
        raise ConfigError(f"{where}.{key} must be a list of strings")
    return [k for k in value if k.strip()]


def parse_topics(doc: dict[str, Any], origin: str) -> dict[str, Topic]:
    """Topics of a parsed TOML document: ``[topics.NAME]`` tables (or top-level
    ``[NAME]`` tables) with ``keywords`` and/or ``aliases`` (a list, or one
    string), an optional ``label`` and optional extra loaded ``labels``
    ({category: [terms]})."""
    table = doc.get("topics")
    prefix = "topics."
    if table is None:  # a file of top-level [NAME] tables is read the same way
        table = {k: v for k, v in doc.items() if isinstance(v, dict) and any(t in v for t in _TERM_KEYS)}
        prefix = ""
    if not isinstance(table, dict) or not table:
        raise ConfigError(f"{origin}: no [topics.NAME] table found")
    topics: dict[str, Topic] = {}
    for name, spec in table.items():
        where = f"{origin}: {prefix}{name}"
        if not isinstance(spec, dict):
            raise ConfigError(f"{where} must be a table")
        kws = [k for key in _TERM_KEYS for k in _terms(spec, key, where)]
        if not kws:
            raise ConfigError(f"{where}.keywords must be a non-empty list of strings")
        label = spec.get("label", name)
        if not isinstance(label, str):
            raise ConfigError(f"{where}.label must be a string")
        extra = spec.get("labels", {})
        if not isinstance(extra, dict) or not all(
            isinstance(v, list) and all(isinstance(t, str) for t in v) for v in extra.values()
        ):
            raise ConfigError(f"{where}.labels must map a category to a list of strings")
        topics[name.lower()] = Topic(
            name=name.lower(),
            label=label,
            keywords=tuple(dict.fromkeys(kws)),
            labels=tuple(sorted((str(k), tuple(v)) for k, v in extra.items())),
            origin=origin,
        )
    return topics


# `compare`: the set of articles is the topic, every statement is on it
ALL_STATEMENTS = Topic(name="*", label="Every statement of the set", keywords=(), origin="compare")


def keywords_topic(keywords: str) -> Topic:
    """An ad-hoc topic from a comma-separated list (``--keywords "Hale, resign"``)."""
    kws = tuple(dict.fromkeys(k.strip() for k in keywords.split(",") if k.strip()))
    if not kws:
        raise ConfigError("--keywords needs at least one keyword (comma-separated)")
    return Topic(name="keywords", label=", ".join(kws), keywords=kws, origin="--keywords")


def get_topic(topics: dict[str, Topic], name: str) -> Topic:
    key = name.strip().lower()
    if key in topics:
        return topics[key]
    known = sorted(topics)
    near = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
    hint = f"; did you mean '{near[0]}'?" if near else ""
    raise UnknownTopicError(f"unknown topic '{name}' (known: {', '.join(known)}){hint}")
