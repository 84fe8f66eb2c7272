"""Keep the statements that are about a topic, and say why each one is kept.

A statement is on topic when
- it names the topic (``named``);
- the section heading above it names the topic (``heading``);
- it is in the first paragraph of a transcript answer whose question names
  the topic (``question``);
- its paragraph names this topic and no other known topic, and the topic is
  already under way: named earlier in the paragraph, or in the paragraph
  before, which names it alone (``paragraph``).  A paragraph about one topic
  keeps the sentences that refer back to it with "this" or "we" instead of
  repeating its name; the sentences of a long analysis before its first
  mention of the topic are not kept.
A statement that names another known topic and not this one is never kept by
context alone.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, NamedTuple

from .models import Statement
from .textnorm import fold
from .topics import Matcher, TokenizedText, tokenize


def prefilter_for(matchers: Iterable[Matcher]) -> re.Pattern[str]:
    """One regex that finds any text that could hold a keyword (cheap reject)."""
    return _prefilter(tuple(sorted({ph[0][0] for m in matchers for ph in m.phrases})))


def stable_prefix(stem: str) -> str:
    """A prefix that every word with this Snowball stem starts with.

    A stem is not always a prefix of its words ("hope" for "hoping", "tri"
    for "try", "possibl" for "possibility"), but its first letters are: keep
    at most four, and never the last one.
    """
    return stem[: max(2, min(4, len(stem) - 1))]


@lru_cache(maxsize=8)
def _prefilter(first_stems: tuple[str, ...]) -> re.Pattern[str]:
    parts = sorted({re.escape(stable_prefix(s)) for s in first_stems})
    return re.compile(r"\b(?:" + "|".join(parts) + ")" if parts else r"(?!)")


class Selected(NamedTuple):
    statement: Statement
    via: str  # named | heading | question | paragraph


def _combined(matchers: dict[str, Matcher]) -> dict[str, list[tuple[str, tuple[tuple[str, bool], ...]]]]:
    """Every topic's phrases by first stem: one pass over a text finds all its topics."""
    index: dict[str, list[tuple[str, tuple[tuple[str, bool], ...]]]] = {}
    for name, m in matchers.items():
        for ph in m.phrases:
            index.setdefault(ph[0][0], []).append((name, ph))
    return index


def _names_combined(
    index: dict[str, list[tuple[str, tuple[tuple[str, bool], ...]]]], tok: TokenizedText
) -> frozenset[str]:
    stems, upper = tok.stems, tok.upper
    if index.keys().isdisjoint(stems):
        return frozenset()
    found = set()
    n = len(stems)
    for i, st in enumerate(stems):
        for name, ph in index.get(st, ()):
            if name in found or i + len(ph) > n:
                continue
            if all(stems[i + j] == s and (upper[i + j] or not u) for j, (s, u) in enumerate(ph)):
                found.add(name)
    return frozenset(found)


def select_with(statements: tuple[Statement, ...], name: str, matchers: dict[str, Matcher]) -> list[Selected]:
    """Statements of one source (in text order) that are about topic ``name``;
    ``matchers`` holds every known topic's (another topic's name keeps a
    statement from being kept by context)."""
    cache: dict[str, frozenset[str]] = {}
    prefilter = prefilter_for(matchers.values())
    index = _combined(matchers)

    def names(text: str) -> frozenset[str]:
        if text not in cache:
            # the prefilter rejects most texts before they are tokenized
            hit = bool(text) and prefilter.search(fold(text)) is not None
            cache[text] = _names_combined(index, tokenize(text)) if hit else frozenset()
        return cache[text]

    per_paragraph: dict[int, set[str]] = {}
    for st in statements:
        per_paragraph.setdefault(st.paragraph, set()).update(names(st.text))
    paragraphs = sorted(per_paragraph)
    previous = {p: paragraphs[i - 1] for i, p in enumerate(paragraphs) if i}
    out: list[Selected] = []
    named_so_far: set[int] = set()  # paragraphs where this topic has been named already
    for st in statements:
        own = names(st.text)
        if name in own:
            out.append(Selected(st, "named"))
            named_so_far.add(st.paragraph)
            continue
        if own:  # about another topic only
            continue
        if name in names(st.heading):
            out.append(Selected(st, "heading"))
        elif name in names(st.question):
            out.append(Selected(st, "question"))
        elif per_paragraph.get(st.paragraph) == {name} and (
            st.paragraph in named_so_far or per_paragraph.get(previous.get(st.paragraph, -1)) == {name}
        ):
            # the paragraph is about this topic alone, and the topic is already
            # under way: named earlier in the paragraph, or in the paragraph before
            out.append(Selected(st, "paragraph"))
    return out
