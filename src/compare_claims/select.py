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
# No `from __future__ import annotations`: see models.py (NamedTuple start-up cost).

import re
from functools import lru_cache
from typing import Iterable, NamedTuple, Sequence

from .models import Statement
from .textnorm import fold
from .tokens import one_of
from .topics import Matcher, TokenizedText, tokenize


def prefilter_for(matchers: Iterable[Matcher]) -> re.Pattern[str]:
    """One regex that finds any folded text that could hold one of the
    keyword phrases (a cheap reject: it may find more, never less)."""
    return _prefilter(tuple(sorted({tuple(st for st, _upper in ph) for m in matchers for ph in m.phrases})))


def stable_prefix(stem: str) -> str:
    """A prefix that every word with this Snowball stem starts with.

    A stem is not always a prefix of its words ("hope" for "hoping", "tri"
    for "try"): Snowball changes at most the stem's last letter, so all but
    the last letter is (two letters at least).
    """
    return stem[: max(2, len(stem) - 1)]


@lru_cache(maxsize=32)
def _prefilter(phrases: tuple[tuple[str, ...], ...]) -> re.Pattern[str]:
    # each word of a phrase by its stable prefix, words apart by non-word characters;
    # the texts searched are folded: no curly apostrophe is left for the class to
    # hold (one beyond Latin-1 makes the class slower to compile)
    parts = sorted({r"[\w']*\W+".join(re.escape(stable_prefix(st)) for st in ph) for ph in phrases if ph})
    return re.compile(r"\b(?:" + "|".join(parts) + ")" if parts else r"(?!)")


class Selector(NamedTuple):
    """Every known topic's keyword phrases, compiled once for a run."""

    phrases: dict[str, list[tuple[str, tuple[tuple[str, bool], ...]]]]  # by first stem
    prefilter: re.Pattern[str]  # any topic's keywords
    mentions: dict[str, re.Pattern[str]]  # each topic's keywords

    @classmethod
    def build(cls, matchers: dict[str, Matcher], asked: Iterable[str] = ()) -> "Selector":
        """``asked``: the topics a text is checked for as a whole (``may_mention``)."""
        return cls(_combined(matchers), prefilter_for(matchers.values()),
                   {name: prefilter_for([matchers[name]]) for name in asked if name in matchers})

    def may_mention(self, topic: str, folded: str) -> bool:
        """Could a text (folded) name ``topic`` at all?  No: none of its statements is on it."""
        found = self.mentions.get(topic)
        return found is None or found.search(folded) is not None


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


class Decision(NamedTuple):
    statement: Statement
    via: str  # why it is kept ("" when it is not)
    reason: str  # why it is left out ("" when it is kept)


# the character before the name is matched, not looked back at: `re` then skips
# to the candidates in C (a match ends in a letter, so none is lost between two)
_NAME_JOINER = one_of("-'’")  # see one_of: cheaper to compile than a class
_NAME_RE = re.compile(rf"[\s(“\"'‘]([A-Z][a-z]{{2,}}(?:{_NAME_JOINER}[A-Z]?[a-z]+)?)")
_QUOTE_MARKS = ("“", "”", '"')


def _names_in(text: str) -> set[str]:
    """Capitalised words inside a text (not its first word): people, places."""
    return set(_NAME_RE.findall(text))


def decide(statements: Sequence[Statement], name: str, selector: Selector,
           openers: frozenset[str] = frozenset()) -> list[Decision]:
    """For each statement of one source (in text order): kept for topic
    ``name`` and why, or left out and why.  ``selector`` holds every known
    topic's keywords: a statement that names another topic is never kept by context.
    ``openers``: words that open a sentence carrying the story on ("He", "The
    move"); in a source about this topic alone (it names no other known
    topic), a paragraph naming no topic that follows one on topic is kept
    when it opens with one, or quotes someone named on topic already.  A text
    that moves between topics keeps only what its own words tie to this one."""
    cache: dict[str, frozenset[str]] = {}
    prefilter, index = selector.prefilter, selector.phrases

    def names(text: str) -> frozenset[str]:
        if text not in cache:
            # the prefilter rejects most texts before they are tokenized
            hit = bool(text) and prefilter.search(fold(text)) is not None
            cache[text] = _names_combined(index, tokenize(text)) if hit else frozenset()
        return cache[text]

    per_paragraph: dict[int, set[str]] = {}
    first_of: dict[int, Statement] = {}
    quotes_in: dict[int, bool] = {}
    texts_of: dict[int, list[str]] = {}
    for st in statements:
        per_paragraph.setdefault(st.paragraph, set()).update(names(st.text))
        first_of.setdefault(st.paragraph, st)
        texts_of.setdefault(st.paragraph, []).append(st.text)
        quotes_in[st.paragraph] = quotes_in.get(st.paragraph, False) or any(q in st.text for q in _QUOTE_MARKS)
    paragraphs = sorted(per_paragraph)
    previous = {p: paragraphs[i - 1] for i, p in enumerate(paragraphs) if i}
    single_topic = not any(found - {name} for found in per_paragraph.values())
    out: list[Decision] = []
    named_so_far: set[int] = set()  # paragraphs where this topic has been named already
    kept_in: set[int] = set()  # paragraphs with a statement kept
    named_in: set[int] = set()  # ... kept on the evidence of their own words, not as a continuation
    on_topic_names: set[str] = set()  # people and places named in what was kept
    continued: dict[int, bool] = {}

    def continues(p: int) -> bool:
        """A paragraph that names no topic and carries the story on from the one before."""
        if p not in continued:
            first = first_of[p].text.lstrip("“\"‘'(—–- ")
            opener = " ".join(first.split()[:2]).lower()
            mentioned = _names_in(" " + " ".join(texts_of[p]))
            continued[p] = (single_topic and not per_paragraph[p] and previous.get(p, -1) in named_in and (
                first.split(" ", 1)[0].lower().strip(",.;:") in openers or opener in openers
                or (quotes_in[p] and bool(mentioned & on_topic_names))))
        return continued[p]

    for st in statements:
        own = names(st.text)
        via = reason = ""
        if name in own:
            via = "named"
            named_so_far.add(st.paragraph)
        elif own:
            reason = f"names another topic ({', '.join(sorted(own))})"
        elif name in names(st.heading):
            via = "heading"
        elif name in names(st.question):
            via = "question"
        elif per_paragraph.get(st.paragraph) == {name} and (
            st.paragraph in named_so_far or per_paragraph.get(previous.get(st.paragraph, -1)) == {name}
        ):
            # the paragraph is about this topic alone, and the topic is already
            # under way: named earlier in the paragraph, or in the paragraph before
            via = "paragraph"
        elif continues(st.paragraph):
            via = "continues"
        elif per_paragraph.get(st.paragraph):
            reason = "its paragraph names another topic too" if name in per_paragraph[st.paragraph] else \
                "its paragraph is about another topic"
        elif previous.get(st.paragraph, -1) in kept_in and not single_topic:
            reason = "names no keyword, in a text that also covers other topics"
        elif previous.get(st.paragraph, -1) in kept_in:
            reason = "names no keyword, and does not carry the story on (no pronoun opening, no quote of someone on topic)"
        else:
            reason = "names no keyword, and the paragraph before is not on topic"
        if via:
            kept_in.add(st.paragraph)
            if via != "continues":
                named_in.add(st.paragraph)
            on_topic_names.update(_names_in(" " + st.text))
        out.append(Decision(st, via, reason))
    return out


def select_with(statements: Sequence[Statement], name: str, selector: Selector,
                openers: frozenset[str] = frozenset()) -> list[Selected]:
    """The statements of one source (in text order) kept for topic ``name``."""
    return [Selected(d.statement, d.via) for d in decide(statements, name, selector, openers) if d.via]


def left_out_near_kept(decisions: Sequence[Decision]) -> list[tuple[Decision, Statement]]:
    """Each statement left out next to a kept one (in text order), with that
    kept neighbour: what ``--explain`` shows."""
    out = []
    for i, d in enumerate(decisions):
        if d.via:
            continue
        near = [decisions[j] for j in (i - 1, i + 1) if 0 <= j < len(decisions) and decisions[j].via]
        if near:
            out.append((d, near[0].statement))
    return out
