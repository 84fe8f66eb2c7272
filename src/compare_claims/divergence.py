"""Word diff and group flags: what differs between members of one group.

Kept apart from ``annotate`` (cue matching) because it needs no cue lists:
a run whose statements come from the analysis cache diffs and flags groups
without compiling them.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, Sequence

from .models import Annotation, Span
from .numbers import consistent
from .tokens import TRANSLATE

# Words for the diff: dotted acronyms, numbers with separators, letter runs.
_DIFF_TOKEN_RE = re.compile(
    r"(?:[^\W\d_]\.){2,}|\d+(?:[.,]\d+)*|[^\W\d_]+(?:['\u2019][^\W\d_]+)*"
)
_HEDGE_WEIGHTS = {"strong": 2, "weak": 1}
# how far apart two stances (hedge weight minus certainty weight) must be to flag
HEDGE_MARGIN = 2
# Never highlighted on their own: articles, prepositions, conjunctions and the
# auxiliaries be/have/do.  Pronouns, negations and modals stay: "they" for "we"
# or "will" for "may" is exactly what a reader must see.
FUNCTION_WORDS = frozenset("""
a an the of in on at to for from by with about as into onto over under upon via per than
and or but nor so yet if that which
be is are was were been being am have has had having do does did
""".split())


# --------------------------------------------------------------------------
# Word diff
# --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


_DIFF_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'"})


# raw word -> its comparison stem ("" when it has none); words repeat across members
_DIFF_MEMO: dict[str, str] = {}


def _diff_norm(raw: str) -> str:
    norm = unicodedata.normalize("NFKC", raw).translate(_DIFF_QUOTES).casefold()
    if raw[:1].isdigit():
        norm = norm.replace(",", "")
    elif "." in norm:
        norm = norm.replace(".", "")
    return "".join(ch for ch in norm if ch.isalnum() or ch == "'").strip("'")


def _diff_tokens(text: str) -> list[tuple[int, int, str]]:
    found = [(m.start(), m.end(), m.group()) for m in _DIFF_TOKEN_RE.finditer(text.translate(TRANSLATE))]
    missing = sorted({raw for _s, _e, raw in found if raw not in _DIFF_MEMO})
    if missing:
        norms = [_diff_norm(raw) for raw in missing]
        stems = _stemmer().stemWords([n for n in norms if n])
        it = iter(stems)
        for raw, n in zip(missing, norms):
            _DIFF_MEMO[raw] = next(it) if n else ""
    return [(s, e, _DIFF_MEMO[raw]) for s, e, raw in found if _DIFF_MEMO[raw]]


@lru_cache(maxsize=256)
def _reference_stems(reference: str) -> frozenset[str]:
    """Stems of a reference statement (cached: a group diffs every member against it)."""
    return frozenset(st for _s, _e, st in _diff_tokens(reference))


def word_diff(text: str, *, start: int, reference: str) -> tuple[Span, ...]:
    """Words of ``text`` whose stem does not occur in ``reference``.

    Function words (articles, prepositions, be/have/do) are never marked on
    their own, but a run of marked words spans them.
    Comparison is case-folded, NFKC, with curly quotes straightened, NO-BREAK
    SPACE as a space and English stemming; punctuation is ignored. Runs of
    differing words are merged into one span covering the original text
    between them. Spans have ``kind="changed"`` and absolute offsets.
    """
    ref = _reference_stems(reference)
    out: list[Span] = []
    run: tuple[int, int] | None = None
    for s, e, st in _diff_tokens(text):
        if st in ref or text[s:e].lower() in FUNCTION_WORDS:
            if run:
                out.append(Span(start + run[0], start + run[1], text[run[0] : run[1]], "changed"))
                run = None
        else:
            run = (run[0], e) if run else (s, e)
    if run:
        out.append(Span(start + run[0], start + run[1], text[run[0] : run[1]], "changed"))
    return tuple(out)


# --------------------------------------------------------------------------
# Group flags
# --------------------------------------------------------------------------


def _speaker_key(speaker: str) -> str | None:
    """Last name token of a named speaker; None for roles and empty speakers."""
    if not speaker or not speaker[:1].isupper():
        return None
    last = speaker.split()[-1]
    last = unicodedata.normalize("NFKD", last.translate(TRANSLATE))
    last = "".join(c for c in last if not unicodedata.combining(c)).casefold()
    for suffix in ("'s", "'"):
        if last.endswith(suffix):
            last = last[: -len(suffix)]
    return last or None


def _stance(a: Annotation) -> int:
    hedge = sum(_HEDGE_WEIGHTS.get(s.kind, 1) for s in a.hedges)
    sure = sum(_HEDGE_WEIGHTS.get(s.kind, 1) for s in a.certainty)
    return hedge - sure


def _numbers_differ(a: Annotation, b: Annotation) -> bool:
    """Each side gives a value of some kind that none of the other side's
    values of that kind agrees with: a conflict, not just one statement
    saying more ("February 2021 ... the 1987 treaty" against "2021")."""
    qa = [s.quantity for s in a.numbers if s.quantity is not None]
    qb = [s.quantity for s in b.numbers if s.quantity is not None]
    for kind in {q.kind for q in qa} & {q.kind for q in qb}:
        xs = [q for q in qa if q.kind == kind]
        ys = [q for q in qb if q.kind == kind]
        if any(not any(consistent(x, y) for y in ys) for x in xs) and any(
            not any(consistent(y, x) for x in xs) for y in ys
        ):
            return True
    return False


_SCOPE_WORDS = 1  # content words after a negation cue that it applies to ("not support the decision": support)


def _negation_scopes(a: Annotation, text: str, start: int) -> frozenset[str]:
    """Stems a statement negates: each cue's own words and the next few
    content word ("no agreements were announced" -> no, agreement)."""
    out: set[str] = set()
    for span in a.negations:
        out.update(st for _s, _e, st in _diff_tokens(span.text))
        after = [st for s, e, st in _diff_tokens(text[span.end - start:])
                 if text[span.end - start + s:span.end - start + e].lower() not in FUNCTION_WORDS]
        out.update(after[:_SCOPE_WORDS])
    return frozenset(out)


def _shares(scope: frozenset[str], stems: frozenset[str]) -> bool:
    """A negated stem the other statement also has (a shared prefix of 4+ letters
    counts: "agreed" / "agreements")."""
    for a in scope:
        for b in stems:
            if a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a))):
                return True
    return False


def group_flags(
    annotations: Sequence[Annotation], sources: Sequence[str], texts: Sequence[tuple[str, int]],
) -> tuple[str, ...]:
    """Flags for a group: where statements from different sources diverge.

    ``sources[i]`` is the source id of ``annotations[i]``. Only pairs of
    members from different sources are compared; a group with one source has
    no flags. Returns a sorted tuple drawn from ``hedge``, ``labels``,
    ``numbers``, ``polarity``, ``speaker``.  ``texts`` holds each member's text
    and start offset: ``polarity`` needs the negation to bear on words the
    other member says without negating them ("did not support the decision"
    vs "the decision showed" is not a contradiction about the decision).
    """
    if len(annotations) != len(sources):
        raise ValueError("annotations and sources must have the same length")
    if len(set(sources)) < 2:
        return ()
    flags: set[str] = set()
    stance = [_stance(a) for a in annotations]
    speakers = [_speaker_key(a.speaker) for a in annotations]
    scopes = [_negation_scopes(a, t, st) for a, (t, st) in zip(annotations, texts)]
    bags = [frozenset(x for _s, _e, x in _diff_tokens(t)) for t, _st in texts]
    labels = [frozenset(s.kind for s in a.labels) for a in annotations]
    n = len(annotations)
    for i in range(n):
        for j in range(i + 1, n):
            if sources[i] == sources[j]:
                continue
            a, b = annotations[i], annotations[j]
            if speakers[i] and speakers[j] and speakers[i] != speakers[j]:
                flags.add("speaker")
            # one side hedges and the other does not, by a margin: a lone "would"
            # against a plain statement is how news copy reads, not a divergence
            if (stance[i] > 0) != (stance[j] > 0) and abs(stance[i] - stance[j]) >= HEDGE_MARGIN:
                flags.add("hedge")
            if (_shares(scopes[i] - scopes[j], bags[j] - scopes[j])
                  or _shares(scopes[j] - scopes[i], bags[i] - scopes[i])):
                flags.add("polarity")
            if labels[i] != labels[j]:
                flags.add("labels")
            if "numbers" not in flags and _numbers_differ(a, b):
                flags.add("numbers")
    return tuple(sorted(flags))
