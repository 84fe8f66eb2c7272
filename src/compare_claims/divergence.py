"""Word diff and group flags: what differs between members of one group.

Kept apart from ``annotate`` (cue matching) because it needs no cue lists:
a run whose statements come from the analysis cache diffs and flags groups
without compiling them.
"""
# No `from __future__ import annotations`: see models.py (NamedTuple start-up cost).

import re
import unicodedata
from functools import lru_cache
from typing import Any, Iterable, NamedTuple, Sequence

from .annotate import quotations
from .models import Annotation, Evidence, Member, Span
from .numbers import Quantity, consistent
from .speakers import is_group
from .tokens import one_of, plain, title_case

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
and or but nor so yet if that which because while though although unless until whether
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


@lru_cache(maxsize=4096)  # a statement is diffed against its reference and read again by each flag
def _diff_tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    found = [(m.start(), m.end(), m.group()) for m in _DIFF_TOKEN_RE.finditer(plain(text))]
    missing = sorted({raw for _s, _e, raw in found if raw not in _DIFF_MEMO})
    if missing:
        norms = [_diff_norm(raw) for raw in missing]
        stems = _stemmer().stemWords([n for n in norms if n])
        it = iter(stems)
        for raw, n in zip(missing, norms):
            _DIFF_MEMO[raw] = next(it) if n else ""
    return tuple((s, e, _DIFF_MEMO[raw]) for s, e, raw in found if _DIFF_MEMO[raw])


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


def speaker_key(speaker: str) -> str | None:
    """Last name token of a named speaker; None for roles, empty speakers and
    a group named in one plural word ("Democrats", "Missourians")."""
    if not speaker or not speaker[:1].isupper() or is_group(speaker):
        return None
    last = speaker.split()[-1]
    last = unicodedata.normalize("NFKD", plain(last))
    last = "".join(c for c in last if not unicodedata.combining(c)).casefold()
    for suffix in ("'s", "'"):
        if last.endswith(suffix):
            last = last[: -len(suffix)]
    return last or None


class FlagRules(NamedTuple):
    """What the cue lists say about flags: modal verbs are shown as hedges but
    never make the hedge flag on their own (they hedge only their clause:
    "before it could land", "said he would retire"); label categories that
    are shown but never flagged (intensifiers); hedge words that report what
    others say or fear ("rumours", "a possible merger"), shown but never
    flagged: they are what a claim is about, not the outlet hedging it."""

    modals: frozenset[str] = frozenset()
    quiet_labels: frozenset[str] = frozenset()
    min_score: float = 0.0  # a member is compared with the reference at this score or more
    reported: frozenset[str] = frozenset()
    stance: frozenset[str] = frozenset()  # verbs of belief: they take a whole clause


# content words after a hedge that it bears on: a verb of belief takes a whole
# clause ("I hope that calm returns and the reports prove wrong");
# any other hedge bears on its predicate ("appeared to soften", "apparently
# referring", "expected to cover"): unless the other statement says that
# predicate too, the two tell different things about one subject, and a
# hedge between them is no divergence (blind reads, docs/flag_read.md)
_HEDGE_SCOPE = 8
_PREDICATE = 1
_CLAUSE_OPENERS = ("that ", "whether ", "if ")
_NEAR = 2  # a hedge this many content words before a word governs it ("expected to vote")


def _content_after(m: Member, at: int) -> list[tuple[int, int, str]]:
    """(start, end, stem) of the content words of ``m`` from absolute offset
    ``at`` on, offsets relative to the statement."""
    st = m.statement
    rel = at - st.start
    return [(s, e, x) for s, e, x in _diff_tokens(st.text) if s >= rel and st.text[s:e].lower() not in FUNCTION_WORDS]


def _flag_hedges(m: Member, other: Member, rules: FlagRules) -> tuple[Span, ...]:
    """Hedges of ``m`` that can make the hedge flag against ``other``: in the
    outlet's own words (a modal verb hedges only its clause, and "I think"
    inside a quotation is how the quoted person talks), bearing on a word
    ``other`` says too in its own words, not inside a quotation
    ("speculated that he was offered a post" hedges nothing of "he
    declined"; "expected to cover" against a quoted "will cover" is two
    reports of what others expect)."""
    # what the other says in its own words: a quotation is its speaker's assertion
    quoted = quotations(other.statement.text)
    said = {x for s, e, x in _diff_tokens(other.statement.text)
            if not any(qs <= s and e <= qe for qs, qe in quoted)}
    out = []
    for h in m.annotation.hedges:
        if h.text.lower() in rules.modals or h.value in rules.reported or h.quoted:
            continue
        rest = m.statement.text[h.end - m.statement.start:].lstrip().lower()
        clause = h.value in rules.stance or rest.startswith(_CLAUSE_OPENERS)
        scope = [x for _s, _e, x in _content_after(m, h.end)[:_HEDGE_SCOPE if clause else _PREDICATE]]
        if any(_related_stem(x, y) for x in scope for y in said):
            out.append(h)
    return tuple(out)


def _own_hedges(m: Member, rules: FlagRules) -> list[Span]:
    """Hedges in ``m``'s own words: a strong one anywhere (a modal verb too), or
    a lexical one ("reportedly"): a side that holds one does not assert plainly."""
    return [h for h in m.annotation.hedges
            if h.kind == "strong" or not (h.quoted or h.text.lower() in rules.modals or h.value in rules.reported)]


def _stance(m: Member, other: Member, rules: FlagRules) -> int:
    hedge = sum(_HEDGE_WEIGHTS.get(s.kind, 1) for s in _flag_hedges(m, other, rules))
    sure = sum(_HEDGE_WEIGHTS.get(s.kind, 1) for s in m.annotation.certainty)
    return hedge - sure


# Words that may stand between a subject and its verb ("Iran has not agreed").
_SUBJECT_SKIP = FUNCTION_WORDS | frozenset("""
not no never nor n't will would shall should can could may might must also still yet
""".split())
_SUBJECT_WINDOW = 3  # content words before a predicate that name its subject
# Pronouns name no one on their own: a subject made of them is unknown.
_PRONOUNS = frozenset("i we you he she it they this that these those who which there".split())
# A pair this close differs in little else, so one side's loaded label is what differs.
CLOSE = 60.0
# A shared run of this many words is a shared wording: the same words given to two
# people is a divergence of attribution; two people saying alike things is not.
SHARED_WORDING = 8

_SCOPE_WORDS = 1  # content words after a negation cue that it applies to ("not back the plan": back)


def _negated(m: Member) -> list[tuple[str, Span]]:
    """(stem, span) of the content words a statement negates: the first
    content word after each negation cue ("no deals were signed" ->
    deal).  Two grammatical negations in one statement ("I wasn't
    suggesting he's not ...") make no claim to negate: nothing."""
    st = m.statement
    grammatical = [sp for sp in m.annotation.negations if sp.kind != "outcome"]
    if len(grammatical) > 1:
        return []
    out: list[tuple[str, Span]] = []
    for span in grammatical:
        for s, e, x in _content_after(m, span.end)[:_SCOPE_WORDS]:
            out.append((x, Span(st.start + s, st.start + e, st.text[s:e])))
    return out


def _subject(m: Member, at: int) -> set[str]:
    """Stems of the content words just before absolute offset ``at`` in the
    clause: who the predicate there is about ("Hale could not confirm")."""
    st = m.statement
    rel = at - st.start
    before = [x for s, e, x in _diff_tokens(st.text) if e <= rel and st.text[s:e].lower() not in _SUBJECT_SKIP]
    return set(before[-_SUBJECT_WINDOW:]) - _PRONOUNS


def _shares_wording(a: Member, b: Member) -> bool:
    """Do the two statements share a run of ``SHARED_WORDING`` words?"""
    def runs(m: Member) -> set[tuple[str, ...]]:
        words = [x for _s, _e, x in _diff_tokens(m.statement.text)]
        return {tuple(words[i:i + SHARED_WORDING]) for i in range(len(words) - SHARED_WORDING + 1)}
    return bool(runs(a) & runs(b))


def _said_in(label: Span, m: Member) -> bool:
    """Does statement ``m`` use the words of ``label`` too?"""
    words = {x for _s, _e, x in _diff_tokens(label.text)}
    return bool(words) and words <= {x for _s, _e, x in _diff_tokens(m.statement.text)}


def _related_stem(a: str, b: str) -> bool:
    """One stem, or one a prefix of the other of 4+ letters ("agre" / "agreement")."""
    return a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))


def _hedged_at(m: Member, at: int) -> bool:
    """Does a hedge of ``m`` (a modal verb too) bear on the word at offset
    ``at`` ("would be expected to vote")?"""
    rel = at - m.statement.start
    return any(h.end <= at and sum(1 for _s, e, _x in _content_after(m, h.end) if e <= rel) < _NEAR
               for h in m.annotation.hedges)


def _polarity(mi: Member, mj: Member) -> tuple[Span, Span] | None:
    """A word ``mi`` negates that ``mj`` says plainly, neither negated nor
    hedged (and that ``mi`` does not also say plainly, as in "not the
    objective, man is the objective"), of the same subject ("Hale could
    not confirm" and "Reed Jr. confirmed" can both be true): (the negation
    in mi, the word in mj)."""
    for x, span in _negated(mi):
        plain_i = [y for s, e, y in _diff_tokens(mi.statement.text)
                   if mi.statement.start + s != span.start and _related_stem(x, y)]
        if plain_i:
            continue
        for s, e, y in _diff_tokens(mj.statement.text):
            if _related_stem(x, y) and mj.statement.text[s:e].lower() not in FUNCTION_WORDS:
                st = mj.statement
                negation = max((n for n in mi.annotation.negations if n.end <= span.start),
                               key=lambda n: n.end, default=None)
                subject_i = _subject(mi, negation.start if negation else span.start)
                subject_j = _subject(mj, st.start + s)
                if (subject_i and subject_j and not subject_i & subject_j) or _hedged_at(mj, st.start + s):
                    continue  # said of two different subjects, or not plainly
                return span, Span(st.start + s, st.start + e, st.text[s:e])
    return None


def _own_labels(a: Annotation, rules: FlagRules) -> tuple[Span, ...]:
    """Loaded labels in the outlet's own words (a quotation's are its speaker's)."""
    return tuple(s for s in a.labels if not s.quoted and s.kind not in rules.quiet_labels)


def _attributive(x: Span, m: Member) -> bool:
    """A date that names which thing is meant ("the 1996 election", "2000
    candidates"), not when the claim happened."""
    after = m.statement.text[x.end - m.statement.start:].lstrip()
    word = re.match(r"[^\W\d_]+", after)
    return word is not None and word.group().islower() and word.group() not in FUNCTION_WORDS


def _conflicting_numbers(ma: Member, mb: Member) -> tuple[Span, Span] | None:
    """A value in ``a`` and one of the same kind in ``b`` about the same thing
    that cannot both be true.  The same thing: values whose neighbouring words
    meet ("a 14-year career" is not "a 30-day ban"; "the 1996 election"
    is not "the 2000 candidates"), and the only value of their kind on each
    side: with two percentages in one statement, which one the other's
    answers is a guess."""
    a, b = ma.annotation, mb.annotation

    def kinds(ann: Annotation) -> dict[str, int]:
        out: dict[str, int] = {}
        for x in ann.numbers:
            if x.quantity is not None:
                out[x.quantity.kind] = out.get(x.quantity.kind, 0) + 1
        return out

    count_a, count_b = kinds(a), kinds(b)
    for x in a.numbers:
        for y in b.numbers:
            qx, qy = x.quantity, y.quantity
            if qx is None or qy is None or qx.kind != qy.kind:
                continue
            if count_a[qx.kind] != 1 or count_b[qy.kind] != 1 or not set(qx.about) & set(qy.about):
                continue
            if qx.kind == "date" and (_attributive(x, ma) or _attributive(y, mb)):
                continue
            if not consistent(qx, qy) or _qualified_otherwise(qx, qy):
                return x, y
    return _anchored(a, b)


def _qualified_otherwise(qx: Quantity, qy: Quantity) -> bool:
    """One value told with different qualifiers: "about 17 other towns" / "17
    other towns", "more than 600,000" / "an estimated 600,000" (both may hold;
    how sure each outlet is of the figure differs)."""
    return (qx.kind != "date" and qx.amount is not None and qx.amount == qy.amount and qx.unit == qy.unit
            and qx.qualifier != qy.qualifier)


def _anchored(a: Annotation, b: Annotation) -> tuple[Span, Span] | None:
    """Two statements that tell one value ("a peak of 2.3 million in 1990")
    and each one other value of its kind: those two answer each other, and
    may not both be true ("roughly 410,000 permits last year" / "350,000 in
    the last fiscal year").  Not for dates: two statements share years
    whatever they say."""
    def of_kind(ann: Annotation, kind: str) -> list[tuple[Span, Quantity]]:
        return [(x, x.quantity) for x in ann.numbers if x.quantity is not None and x.quantity.kind == kind]

    for kind in sorted({x.quantity.kind for x in a.numbers if x.quantity is not None} - {"date"}):
        xs, ys = of_kind(a, kind), of_kind(b, kind)
        both = {(q.unit, q.amount) for _x, q in xs if q.amount is not None} & {(q.unit, q.amount) for _y, q in ys}
        rest_x = [(x, q) for x, q in xs if (q.unit, q.amount) not in both]
        rest_y = [(y, q) for y, q in ys if (q.unit, q.amount) not in both]
        if both and len(rest_x) == 1 and len(rest_y) == 1 and not consistent(rest_x[0][1], rest_y[0][1]):
            return rest_x[0][0], rest_y[0][0]
    return None


def _statement_span(m: Member) -> Span:
    return Span(m.statement.start, m.statement.end, m.statement.text)


def _headline(m: Member) -> bool:
    """A statement in Title Case: a headline's telegraphic style, where a
    missing "not" or "may" is style, not a claim.  A sentence ending in a full
    stop is none, however many names it holds ("Hale has led House
    Democrats since 2004.")."""
    text = m.statement.text.rstrip()
    if text.endswith("."):
        return False
    return title_case(text.split())


def _names_the_other(mi: Member, mj: Member, speakers: dict[int, str | None]) -> bool:
    """Does either statement name the other's speaker?  Then the two speakers
    are more likely two parses of one report than two people telling it."""
    for a, b in ((mi, mj), (mj, mi)):
        key = speakers[id(a)]
        if key and re.search(rf"\b{re.escape(key)}\b", plain(b.statement.text).casefold()):
            return True
    return False


def group_flags(members: Sequence[Member], rules: FlagRules = FlagRules()) -> tuple[Evidence, ...]:
    """Where the members telling a row's claim diverge, each flag with its
    evidence (spans with offsets, and a sentence saying what differs).

    Each member is compared with the row's reference statement only, and only
    when it tells the claim at ``rules.min_score`` or more: a flag between two
    statements that are merely alike says nothing.  Flags: ``speaker``
    (different people named for a shared wording, neither named by the other
    statement), ``hedge`` (one hedges in its own words, by a margin, what the
    other asserts without any hedge), ``numbers`` (the one value of a kind on
    each side, about the same thing, and they cannot both hold, or one figure
    with different qualifiers: "about 17" / "17"), ``polarity``
    (one negates a word the other says plainly of the same subject, without
    any negation), ``labels`` (both use loaded labels in their own words, of
    different categories), ``quote`` (both quote one utterance, in words that
    differ).  Headlines in Title Case make no hedge, polarity or
    numbers flag.  The first pair showing a flag is given.
    """
    ref = next((m for m in members if m.reference), members[0] if members else None)
    if ref is None:
        return ()
    found: dict[str, Evidence] = {}
    speakers = {id(m): speaker_key(m.annotation.speaker) for m in members}
    for m in members:
        if m is ref or m.statement.source == ref.statement.source or m.score < rules.min_score:
            continue
        headline = _headline(m) or _headline(ref)
        si, sj = ref.statement.source, m.statement.source
        ki, kj = speakers[id(ref)], speakers[id(m)]
        # each speaker named in its own statement: one resolved from a pronoun or a role
        # ("“...,” he said") is a reading of the text around it, not a thing either outlet says
        if ("speaker" not in found and ki and kj and ki != kj and not _names_the_other(ref, m, speakers)
                and ref.annotation.speaker_span is not None and m.annotation.speaker_span is not None
                and _shares_wording(ref, m)):
            found["speaker"] = Evidence("speaker", f"{si}: {ref.annotation.speaker}; {sj}: {m.annotation.speaker}",
                                        ((si, ref.annotation.speaker_span or _statement_span(ref)),
                                         (sj, m.annotation.speaker_span or _statement_span(m))))
        for mi, mj in ((ref, m), (m, ref)):
            a, b = mi.statement.source, mj.statement.source
            # one side hedges and the other does not, by a margin: a lone "would"
            # against a plain statement is how news copy reads, not a divergence
            # and the side that asserts has no strong hedge anywhere, not even a
            # modal verb or a quotation's
            stance_i, stance_j = _stance(mi, mj, rules), _stance(mj, mi, rules)
            if ("hedge" not in found and not headline and not _own_hedges(mj, rules)
                    and stance_i > 0 >= stance_j and stance_i - stance_j >= HEDGE_MARGIN):
                hedges = tuple((a, h) for h in _flag_hedges(mi, mj, rules))
                sure = tuple((b, c) for c in mj.annotation.certainty) or ((b, _statement_span(mj)),)
                words = ", ".join(f"'{_one_line(h.text)}'" for _s, h in hedges)
                found["hedge"] = Evidence("hedge", f"{a} hedges ({words}); {b} asserts", hedges + sure)
            # a negation is the difference only between statements alike in all else
            # (every polarity flag on a looser pair read blind was wrong: docs/flag_read.md)
            if "polarity" not in found and not headline and not mj.annotation.negations and m.score >= CLOSE:
                hit = _polarity(mi, mj)
                if hit:
                    found["polarity"] = Evidence(
                        "polarity", f"{a} negates '{_one_line(hit[0].text)}', which {b} says plainly",
                        ((a, hit[0]), (b, hit[1])))
        if "numbers" not in found and not headline:
            pair = _conflicting_numbers(ref, m)
            if pair:
                found["numbers"] = Evidence(
                    "numbers", f"{si}: {pair[0].value or pair[0].text}; {sj}: {pair[1].value or pair[1].text}",
                    ((si, pair[0]), (sj, pair[1])))
        if "quote" not in found:
            requoted = _requoted(ref, m, rules)
            if requoted:
                told = tuple((src, w) for src, w in ((si, requoted[0]), (sj, requoted[1])) if w.text)
                found["quote"] = Evidence(
                    "quote", "; ".join(f"{src} quotes '{_one_line(w.text)}'" for src, w in told), told)
        if "labels" not in found:
            own_i, own_j = _own_labels(ref.annotation, rules), _own_labels(m.annotation, rules)
            ci, cj = {x.kind for x in own_i}, {x.kind for x in own_j}
            # both label it, differently; or one does and the pair is close, so that
            # the label is what differs ("the regime" / "the government"): in a looser
            # pair one side's extra adjective is more often a fuller description
            if ci != cj and ((ci and cj) or m.score >= CLOSE):
                # a word both statements use ("mail fraud" in each) is no difference,
                # labelled or not
                shared = ({x.value for x in own_i} & {x.value for x in own_j}) | \
                    {x.value for x in own_i if _said_in(x, m)} | {x.value for x in own_j if _said_in(x, ref)}
                left_i = tuple((si, x) for x in own_i if x.kind not in cj and x.value not in shared)
                left_j = tuple((sj, x) for x in own_j if x.kind not in ci and x.value not in shared)
                spans = left_i + left_j
                # what is left after the shared words must still be both sides' labels,
                # or one side's in a close pair ("controversial" in both, "illegal" in one,
                # in a loose pair: the other side counters nothing)
                if spans and ((left_i and left_j) or (m.score >= CLOSE and _label_is_the_difference(spans, ref, m))):
                    found["labels"] = Evidence("labels", "; ".join(
                        f"{src} calls it '{_one_line(sp.text)}' ({sp.kind.replace('_', ' ')})" for src, sp in spans),
                        spans)
    return tuple(found[k] for k in sorted(found))


# Two quotations are one quotation told twice when at least QUOTE_WORDS words
# match in order, QUOTE_BLOCK of them in a row, and they make QUOTE_SHARE of the
# stretch both quote; what differs is then a word or a few (QUOTE_CHANGE at most on a
# side, QUOTE_CHANGED of the shorter quotation in all): more is another quotation
# of the same speaker, or a paraphrase.  (Read 41: "I spent funds that should have been
# spent on my campaign" / "I spent funds I shouldn't have spent on private things"
# matched in runs of three at most; with QUOTE_BLOCK 3 instead of 4 that is the one
# flag that changes over the BASIL compare runs.)
QUOTE_WORDS = 5
QUOTE_BLOCK = 3
QUOTE_SHARE = 0.75
QUOTE_CHANGE = 3
QUOTE_CHANGED = 0.25
_QUOTE_JOINER = one_of("'’*-")  # see one_of: cheaper to compile than a class
_QUOTE_WORD_RE = re.compile(rf"[^\W_]+(?:{_QUOTE_JOINER}[^\W_]*)*|\*+")
# an editor's words inside a quotation: "(Ruritanian strongman Vostrov)", "[Congress]"
_BRACKETED_RE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# the persons a quotation turned into reported speech changes ("I look" / "he looks")
_PERSONS = frozenset("i me my we us our you your he him his she her they them their".split())
# how a quotation is transcribed, not what was said: "I'd" / "I would", "f***"
# (a pattern string, compiled by re on first use: most runs never need it)
_TRANSCRIBED = r"(?i)[\'’](?:d|re|ve|ll|m|s|t)$|\*"


def _quoted_words(m: Member) -> list[list[tuple[int, int, str]]]:
    """The words of each quotation of a member: (start, end, lower-case word),
    offsets in its source."""
    text, start = m.statement.text, m.statement.start
    out = []
    for a, b in quotations(text, m.annotation.in_quotation):
        inserted = [(x.start(), x.end()) for x in _BRACKETED_RE.finditer(text, a, b)]
        words = [(start + w.start(), start + w.end(), w.group().lower().replace("’", "'"))
                 for w in _QUOTE_WORD_RE.finditer(text, a, b) if not any(x <= w.start() < y for x, y in inserted)]
        if len(words) >= QUOTE_WORDS:
            out.append(words)
    return out


# words in a row two quotations must share to be one utterance: five let a
# set phrase through ("a quiet season in the hills", a book's title)
UTTERANCE_WORDS = 6


# a pronoun's contracted verb as one transcript writes it out and another does not
# ("We're urging the council ..." / "We are urging the council ...", read 52)
_CONTRACTED = {"'re": "are", "'ve": "have", "'ll": "will", "'m": "am", "'d": "would"}
_CONTRACTED_PRONOUNS = frozenset("i you we they he she it that there who what".split())
_NOT_CONTRACTED = {"won't": ["will", "not"], "can't": ["can", "not"], "shan't": ["shall", "not"]}


def _uncontracted(words: Iterable[str]) -> list[str]:
    """Quoted words with pronouns' contracted verbs and "n't" written out
    ("we're" -> "we", "are"; "don't" -> "do", "not"), "'s" after a pronoun as
    "is"; a possessive stays one word."""
    out: list[str] = []
    for w in words:
        head, mark, tail = w.partition("'")
        if not mark:
            out.append(w)
        elif w in _NOT_CONTRACTED:
            out.extend(_NOT_CONTRACTED[w])
        elif w.endswith("n't"):
            out.extend((w[:-3], "not"))
        elif head in _CONTRACTED_PRONOUNS and "'" + tail in _CONTRACTED:
            out.extend((head, _CONTRACTED["'" + tail]))
        elif head in _CONTRACTED_PRONOUNS and tail == "s":
            out.extend((head, "is"))
        else:
            out.append(w)
    return out


def one_utterance(a: Member, b: Member) -> bool:
    """Do two members quote one utterance: UTTERANCE_WORDS words in a row the
    same inside quotation marks on both sides, and no two different speakers
    ("“There is no place for spite,” he said" / "Reed said “there is no
    place for spite”")?  However the prose around them differs, they tell
    one claim."""
    from difflib import SequenceMatcher

    ka, kb = speaker_key(a.annotation.speaker), speaker_key(b.annotation.speaker)
    if ka and kb and ka != kb:
        return False
    quoted_b = [_uncontracted(w for _s, _e, w in qb) for qb in _quoted_words(b)]
    for qa in _quoted_words(a):
        wa = _uncontracted(w for _s, _e, w in qa)
        for wb in quoted_b:
            if SequenceMatcher(None, wa, wb, autojunk=False).find_longest_match(0, len(wa), 0, len(wb)).size >= UTTERANCE_WORDS:
                return True
    return False


def _requoted(a: Member, b: Member, rules: FlagRules = FlagRules()) -> tuple[Span, Span] | None:
    """Where two members quote one utterance in different words ("closer and
    closer to a full strike" / "to strike action"): from the first to the last
    word that differs, as a span on each side.  Not a difference: a quotation
    cut shorter at either end (statements end where their sentences do), an
    article or a preposition, a contraction ("I'd" / "I would"), a censored
    word, a compound spelt in two words, an abbreviation ("Sen." / "Senator"),
    a name spelt otherwise, a quotation turned into reported speech."""
    from difflib import SequenceMatcher

    ka, kb = speaker_key(a.annotation.speaker), speaker_key(b.annotation.speaker)
    if ka and kb and ka != kb:
        return None  # two people's words, however alike
    for qa in _quoted_words(a):
        for qb in _quoted_words(b):
            wa, wb = [w for _s, _e, w in qa], [w for _s, _e, w in qb]
            matcher = SequenceMatcher(None, wa, wb, autojunk=False)
            blocks = [blk for blk in matcher.get_matching_blocks() if blk.size]
            if not blocks:
                continue
            # the stretch both quote, from the first word they share to the last: a
            # quotation cut shorter or carried on at either end is no difference
            first, last = blocks[0], blocks[-1]
            same = sum(blk.size for blk in blocks)
            shorter = min(last.a + last.size - first.a, last.b + last.size - first.b)
            if same < QUOTE_WORDS or same < QUOTE_SHARE * shorter or max(blk.size for blk in blocks) < QUOTE_BLOCK:
                continue
            ops = matcher.get_opcodes()
            if any(_readdressed(wa[i1:i2], wb[j1:j2]) for tag, i1, i2, j1, j2 in ops if tag == "replace"):
                continue  # "his budget" / "your budget": the words addressed to someone, and about them
            # at either end only words replaced by others: a cut is no difference
            candidates = [(i1, i2, j1, j2) for k, (tag, i1, i2, j1, j2) in enumerate(ops)
                          if tag != "equal" and (0 < k < len(ops) - 1 or tag == "replace")]
            worded = [c for c in candidates if _said_otherwise(a, qa[c[0]:c[1]], b, qb[c[2]:c[3]])]
            # a negation one side holds there and the other lacks ("If they don't vote" / "To
            # vote") reverses the claim: shown, whatever else differs
            reversed_ = [c for c in candidates if c not in worded
                         and _holds_negation(a, qa[c[0]:c[1]]) != _holds_negation(b, qb[c[2]:c[3]])]
            differ = sorted(worded + reversed_)
            changed = sum(max(i2 - i1, j2 - j1) for i1, i2, j1, j2 in worded)
            if differ and changed <= QUOTE_CHANGED * shorter and all(
                    max(i2 - i1, j2 - j1) <= QUOTE_CHANGE for i1, i2, j1, j2 in worded):
                lo_a, hi_a, lo_b, hi_b = differ[0][0], differ[-1][1], differ[0][2], differ[-1][3]
                if lo_a == hi_a or lo_b == hi_b:
                    # a word one side has and the other lacks: show the word after it on both
                    # sides ("this president" / "President"), at the end the word before it
                    if hi_a < len(qa) and hi_b < len(qb):
                        hi_a, hi_b = hi_a + 1, hi_b + 1
                    else:
                        lo_a, lo_b = max(lo_a - 1, 0), max(lo_b - 1, 0)
                return _words_span(a, qa[lo_a:hi_a]), _words_span(b, qb[lo_b:hi_b])
            # ... and, where the words both quote are the same, the words one side cuts off
            # hedging them ("I think the mayor very well knows ..." / "As the
            # mayor very well knows ...")
            cut = (_hedge_cut(a, qa, first.a, b, qb, first.b, rules)
                   or _swap(_hedge_cut(b, qb, first.b, a, qa, first.a, rules)))
            if cut:
                return cut
    return None


# words before the stretch two quotations share in which a hedge cut off by one of them counts;
# where the other's quotation opens on that stretch, it cut off all before it: a hedge as far
# back as HEDGE_CUT_REACH words counts, within the sentence ('"It seems to me first of all, from
# what I hear from builders, that's very unusual"' / '"From what I hear from builders,
# that's very unusual"', read 51)
HEDGE_CUT_WORDS = 3
HEDGE_CUT_REACH = 8
_SENTENCE_BREAK_RE = re.compile(r"[.!?;]")


def _hedge_cut(a: Member, qa: list[tuple[int, int, str]], ia: int,
               b: Member, qb: list[tuple[int, int, str]], ib: int, rules: FlagRules) -> tuple[Span, Span] | None:
    """Does ``a`` quote, right before the stretch both quote (from its word ``ia``;
    ``b`` from ``ib``), a hedge of the speaker's that ``b``'s quotation leaves out?
    Then the words from the hedge to the first shared one, and ``b``'s from the word
    before the stretch: a quotation cut where it hedges tells the speaker surer.  Not
    a modal verb: "you might have a neighbour ...", "could comment on" build the sentence
    the other quotes a phrase of."""
    if ia == 0:
        return None
    reach = HEDGE_CUT_REACH if ib == 0 else HEDGE_CUT_WORDS
    lo = qa[max(0, ia - reach)][0]
    text = a.statement.text
    hedges = [h for h in a.annotation.hedges
              if h.quoted and lo <= h.start and h.end <= qa[ia][0] and h.text.lower() not in rules.modals
              and not _SENTENCE_BREAK_RE.search(text, h.end - a.statement.start, qa[ia][0] - a.statement.start)]
    if not hedges:
        return None
    told = {h.value for h in b.annotation.hedges if qb[0][0] <= h.start and h.end <= qb[-1][1]}
    if any(h.value in told for h in hedges):
        return None
    k = next(x for x in range(max(0, ia - reach), ia) if qa[x][1] > hedges[0].start)
    if k > 0 and qa[k - 1][2] in ("i", "we"):
        k -= 1  # "I think": the hedge with its subject
    return _words_span(a, qa[k:ia + 1]), _words_span(b, qb[max(0, ib - 1):ib + 1])


def _swap(pair: tuple[Span, Span] | None) -> tuple[Span, Span] | None:
    return (pair[1], pair[0]) if pair else None


def _readdressed(xa: list[str], xb: list[str]) -> bool:
    """Do both sides put a person word here, and different ones ("his" /
    "your")?  One utterance quoted twice keeps its persons inside the marks:
    a letter's "your budget" and a speaker's "his budget" are two texts."""
    pa, pb = {w for w in xa if w in _PERSONS}, {w for w in xb if w in _PERSONS}
    return bool(pa and pb and pa != pb)


# conjunctions that, put one for another inside a quotation, change what was said
_ALTERNATIVES = frozenset({"and", "or", "nor"})


def _said_otherwise(a: Member, wa: list[tuple[int, int, str]], b: Member, wb: list[tuple[int, int, str]]) -> bool:
    """Do these words of two quotations differ in what was said, not only in how
    it was written down?"""
    xa, xb = [w for _s, _e, w in wa], [w for _s, _e, w in wb]
    if len(xa) == len(xb) == 1 and xa != xb and {xa[0], xb[0]} <= _ALTERNATIVES:
        return True  # "fees or charges" / "fees and charges": one word, another claim
    if all(w in FUNCTION_WORDS for w in xa + xb) or any(re.search(_TRANSCRIBED, w) for w in xa + xb):
        return False
    ja, jb = "".join(xa).replace("-", ""), "".join(xb).replace("-", "")
    if ja == jb or (len(xa) == len(xb) == 1 and min(len(ja), len(jb)) >= 2 and (ja.startswith(jb) or jb.startswith(ja))):
        return False  # "workforce" / "work force" / "work-force", "Sen." / "Senator"
    if _stemmer().stemWords([w for w in xa if w not in _PERSONS]) == _stemmer().stemWords([w for w in xb if w not in _PERSONS]):
        return False  # "duty" / "duties"; "I look" / "(he) looks", a quotation turned into reported speech
    raw = [m.statement.text[s - m.statement.start:e - m.statement.start] for m, ws in ((a, wa), (b, wb)) for s, e, _w in ws]
    # a name spelt otherwise ("Kadiri" / "al-Qadiri"), or given in full on one side only
    return not all(any(ch.isupper() for ch in r) for r in raw)


def _holds_negation(m: Member, words: list[tuple[int, int, str]]) -> bool:
    """Do these words of ``m`` hold a grammatical negation ("not", "don't", "never")?"""
    return bool(words) and any(n.kind == "negation" and words[0][0] <= n.start and n.end <= words[-1][1]
                               for n in m.annotation.negations)


def _words_span(m: Member, words: list[tuple[int, int, str]]) -> Span:
    """The text from the first to the last of these words (empty for none)."""
    if not words:
        return Span(0, 0, "")
    start, s, e = m.statement.start, words[0][0], words[-1][1]
    return Span(s, e, m.statement.text[s - start:e - start])


# A label on one side is what differs when the two statements differ in at most
# this many other content words (both sides together): "the regime" / "the
# government" in one sentence.  One-sided labels in pairs that differed more
# ("divisive posters" / "poster drive", "unlawfully diverting" / "wrongly
# spending") were all read blind as wrong (docs/flag_read.md).
_LABEL_OTHER_WORDS = 2


def _label_is_the_difference(spans: Sequence[tuple[str, Span]], a: Member, b: Member) -> bool:
    def content(text: str) -> set[str]:
        return {x for s, e, x in _diff_tokens(text) if text[s:e].lower() not in FUNCTION_WORDS}

    words_a, words_b = content(a.statement.text), content(b.statement.text)
    label_words = {x for _src, sp in spans for _s, _e, x in _diff_tokens(sp.text)}
    return len((words_a ^ words_b) - label_words) <= _LABEL_OTHER_WORDS


def _one_line(text: str) -> str:
    return " ".join(text.split())
