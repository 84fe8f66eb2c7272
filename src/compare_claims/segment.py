"""Split a source into statements with exact offsets into its original text.

A block is a line (or hard-wrapped lines joined); blocks are classified as
site furniture, foreign-language lines, headings, transcript turns or prose.
Prose is split into sentences (sentencex), then at clause boundaries that
usually separate two claims.  Nothing is cleaned in the text itself: every
``Statement`` satisfies ``source.text[start:end] == text``.
"""
# No `from __future__ import annotations`: typing.NamedTuple compiles every string
# annotation into a ForwardRef at start-up (~35 us a field, ~9 ms a run in all).

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import accumulate
from typing import Any, NamedTuple

from .errors import ConfigError
from .models import Source, Statement
from .textnorm import STOPWORDS, fold
from .tokens import ascii_case_folded, one_of, title_case

_FURNITURE_MARKS = "•·▪–—-*"
# (one_of: classes of characters beyond Latin-1 written to compile faster)
_BULLET_RE = re.compile(rf"^[\s\u00a0]*(?:{one_of('•·▪◦●*')}|-(?=\s)|–(?=\s)|—(?=\s)|\d{{1,2}}[.)](?=\s))?[\s\u00a0]*")
# "Question: ..." or "Jane Doe: ..." at the start of a block (a name of up to
# three words: four capitalised words before a colon are a headline's,
# "Bob Smith Attacks Student: ...").
_LABEL_CHAR = one_of(r"\w.'’-")
_TURN_RE = re.compile(
    rf"^(?P<label>Question|Answer|Q|A|(?:[A-Z][a-z]{_LABEL_CHAR}*)(?:\s[A-Z][a-z]{_LABEL_CHAR}*){{0,2}}):\s+(?=\S)"
)
# a language selector: "de-DE en-GB es-ES ..."
_LOCALES_RE = re.compile(r"^(?:\W*[a-z]{2}-[A-Z]{2}\w*){2,}\W*$")


class Phrases:
    """A cue list of phrases as one pattern (case ignored, any blank between
    words), compiled when a line first needs it: a long list takes ~1 ms to
    compile, and most texts hold none of its phrases.  A test on the line's
    words, folded as ``re`` folds case (``ascii_case_folded``), lets only the
    lines that may hold one go to the pattern, which decides."""

    __slots__ = ("source", "flags", "phrases", "words", "compiled")

    def __init__(self, source: str, flags: int, phrases: Sequence[str]) -> None:
        self.source, self.flags = source, flags
        # the test holds for phrases whose letters are ASCII (a character without
        # case matches only itself); with another, or none, every line passes it
        caseless = all(c.isascii() or c.lower() == c.upper() == c for p in phrases for c in p)
        self.phrases = tuple(" ".join(p.lower().split()) for p in phrases) if phrases and caseless else ("",)
        self.words = max(len(p.split()) for p in self.phrases)
        self.compiled: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        if self.compiled is None:
            self.compiled = re.compile(self.source, self.flags)
        return self.compiled

    # (once compiled, the pattern alone is cheaper than the test before it)
    def match(self, line: str) -> re.Match[str] | None:
        """The pattern matched at the start of ``line`` (its first words open with a phrase)."""
        if self.compiled is None:
            head = ascii_case_folded(" ".join(line.split(None, self.words)[:self.words]))
            if not head.startswith(self.phrases):
                return None
        return self.pattern.match(line)

    def search(self, line: str) -> re.Match[str] | None:
        """The pattern's first match in ``line`` (its words hold a phrase)."""
        if self.compiled is None:
            words = " ".join(ascii_case_folded(line).split())
            if not any(p in words for p in self.phrases):
                return None
        return self.pattern.search(line)


class SegmentCues(NamedTuple):
    """The segmenter's cue lists (``data/segment.toml``), compiled."""

    max_chars: int
    prompt_re: Phrases  # a prompt opening a line (with .match)
    prompt_any_re: Phrases  # a prompt anywhere (in a line of a few words)
    prompt_words: int
    call_re: Phrases  # a call to action opening a line (its verb's phrases)
    call_max_words: int
    credit_re: Phrases
    notice_re: Phrases  # an editor's correction or note about the article itself
    list_split_re: re.Pattern[str]
    list_min_items: int
    list_item_words: int
    neighbour_words: int
    abbrev_re: re.Pattern[str]  # a sentence that ends in an abbreviation
    common_abbrev_re: re.Pattern[str]
    sentence_openers: frozenset[str]  # after "Ark." these open a new sentence
    time_zones: frozenset[str]  # after "5 p.m." these go on with the sentence
    attribution_verbs: frozenset[str]  # a quotation's attribution cut off after it ("Hale said.")
    attribution_words: int
    clause_words: frozenset[str]  # words that make what follows a verb a clause of its own ("that", "would")
    attribution_next: frozenset[str]  # words that may follow the verb of a longer attribution ("in", "reporters")
    initials_end_re: re.Pattern[str]  # "Millbrook, N.Y. Mr. Dunn": a sentence ends after the initials (group 1: the blanks)
    not_speakers: frozenset[str]
    english_hints: frozenset[str]
    openers: frozenset[str]  # what opens a paragraph that carries the story on (select.py)


def _words_alt(items: list[str]) -> str:
    return "|".join(r"\s+".join(re.escape(w) for w in i.split()) for i in sorted(set(items), key=lambda x: (-len(x), x)))


def compile_segment_cues(doc: Mapping[str, Any]) -> SegmentCues:
    from .lexicon import Doc

    d = Doc(doc, "segment.toml")
    f = d.table("furniture")
    sent = d.table("sentences")
    prompts = d.strings(f, "prompts", "furniture")
    calls = d.strings(f, "call_verbs", "furniture")
    nxt = d.strings(f, "call_next", "furniture")
    credits = d.strings(f, "credits", "furniture")
    seps = d.strings(f, "list_separators", "furniture")
    abbrevs = d.strings(sent, "abbreviations", "sentences")
    common = d.strings(sent, "common_abbreviations", "sentences")
    if not (prompts and calls and nxt and credits and seps and abbrevs):
        raise ConfigError("segment.toml: a [furniture] or [sentences] list is empty")
    # one pattern for both: matched at the start of a line, its lookbehind holds
    # there, so it is what "^(?:...)(?!\w)" would be (one compile less, ~1 ms)
    prompt_any_re = Phrases(rf"(?<!\w)(?:{_words_alt(prompts)})(?!\w)", re.IGNORECASE, prompts)
    notices = d.strings(f, "notices", "furniture")
    return SegmentCues(
        max_chars=d.number(f, "max_chars", "furniture", 160),
        prompt_re=prompt_any_re,
        prompt_any_re=prompt_any_re,
        prompt_words=d.number(f, "prompt_words", "furniture", 3),
        call_re=Phrases(rf"^(?:{_words_alt(calls)})\s+(?:{_words_alt(nxt)})(?!\w)", re.IGNORECASE, calls),
        call_max_words=d.number(f, "call_max_words", "furniture", 25),
        credit_re=Phrases(rf"^(?:{_words_alt(credits)})", re.IGNORECASE, credits),
        notice_re=Phrases(rf"^(?:{_words_alt(notices)})", re.IGNORECASE, notices),
        list_split_re=re.compile("|".join(rf"\s{re.escape(x)}\s" if x == "/" else re.escape(x) for x in seps)),
        list_min_items=d.number(f, "list_min_items", "furniture", 3),
        list_item_words=d.number(f, "list_item_words", "furniture", 4),
        neighbour_words=d.number(f, "neighbour_words", "furniture", 8),
        # after a space, a bracket, a hyphen or an opening quotation mark ("responded: “Mr. Reed was")
        abbrev_re=re.compile(r"(?<![^\s(\-“‘\"])(?:" + "|".join(sorted(map(re.escape, abbrevs))) + r")\.$"),
        common_abbrev_re=re.compile(r"(?<![^\s“‘\"])(?:" + "|".join(sorted(map(re.escape, common))) + r")\.$",
                                    re.IGNORECASE),
        sentence_openers=frozenset(w.lower() for w in d.strings(sent, "sentence_openers", "sentences")),
        time_zones=frozenset(w.lower() for w in d.strings(sent, "time_zones", "sentences")),
        attribution_verbs=frozenset(w.lower() for w in d.strings(sent, "attribution_verbs", "sentences")),
        attribution_words=d.number(sent, "attribution_words", "sentences", 5),
        clause_words=frozenset(w.lower() for w in d.strings(sent, "clause_words", "sentences")),
        attribution_next=frozenset(w.lower() for w in d.strings(sent, "attribution_next", "sentences")),
        # the full stop first, then the look back: `re` skips to the full stops in C,
        # where a pattern opening with a look back is tried at every position
        # (the five texts: 1.7 -> 0.05 ms); the blanks cut at are group 1
        initials_end_re=re.compile(r"\.(?<=\b[A-Z]\.[A-Z]\.)(\s+)(?=(?:" + "|".join(
            sorted(map(re.escape, d.strings(sent, "honorifics", "sentences")))) + r")\.\s+[A-Z])"),
        not_speakers=frozenset(d.strings(d.table("turns"), "not_speakers", "turns")),
        english_hints=frozenset(w.lower() for w in d.strings(d.table("language"), "english_hints", "language")),
        openers=frozenset(w.lower() for w in d.strings(d.table("continuation"), "openers", "continuation")),
    )


_TERMINAL = ".!?…:;\"”’'»)"
_ENGLISH_HINTS = frozenset(
    "the a an of and in on to is are was were be for with that this it by as at from has have not but".split()
)
# "; ", " – ", ": " or ", because"/", and they"; not ": “", where what comes
# before the colon says who speaks the quotation, nor a colon before a word in
# lower case: what follows is no sentence of its own (news style capitalises one),
# but what the sentence names ("... drew their notice: letters sent to ...").  The first character is taken
# by one class and the branch chosen by looking back at it: a pattern that opens
# with a character class lets `re` skip to the candidates in C, where four
# alternatives would be tried at every position of every sentence.
_CLAUSE_RE = re.compile(
    r"""[;\s:,](?:
    (?<=;)\s+
    |(?<=\s)[–—―-]\s+
    |(?<=:)\s+(?=[A-Z])
    |(?<=,)\s+(?=(?:because|but|while|whereas|although|though)\s
        |and\s(?:I|we|he|she|they|it|this|that|there|then|thus|so|in|at|today|now|yet)\s))""",
    re.VERBOSE,
)
_MIN_CLAUSE_WORDS = 5
_DASH_RE = re.compile(r"[–—―-]")
_CLOSING_QUOTE_RE = re.compile(r"[”\"](?=[\s,.;:!?])(?!\s*$)")  # a quotation closing before more words

_TYPED_DASH_RE = re.compile(r"(?<=\s)--(?=\s)")
_LOWER_RE = re.compile(r"[a-z]")
# ... of which at least this many claim words: lower-case content words, not
# names ("Tom Reed and Mark Dunn." is an apposition, not a claim)
_MIN_CLAUSE_CLAIM_WORDS = 2
_CLAIM_WORD_RE = re.compile(r"(?<![\w'’])[a-z][a-z]{2,}(?![\w'’])")
_TITLE_MIN_WORDS = 4
# a paragraph of news is a few sentences (the longest of BASIL 937 characters, of BBC News 2,572); a block
# longer than this gives its statements no paragraph context (see ``segment``)
MAX_PARAGRAPH_CHARS = 20_000
_HEADING_MAX_WORDS = 8
_SMALL_WORDS = frozenset("a an and as at but by for in of on or the to vs via with from".split())


class Segmented(NamedTuple):
    statements: tuple[Statement, ...]
    skipped: tuple[tuple[str, int], ...]  # (reason, count), reasons sorted


def _blocks(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end); hard-wrapped prose lines are joined."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        start, end = pos, pos + len(body)
        pos += len(line)
        if not body.strip():
            spans.append((-1, -1))
            continue
        spans.append((start, end))
    blocks: list[tuple[int, int]] = []
    for s, e in spans:
        if s < 0:
            blocks.append((-1, -1))
            continue
        if blocks and blocks[-1][0] >= 0:
            ps, pe = blocks[-1]
            prev = text[ps:pe].rstrip()
            nxt = text[s:e].lstrip()
            # a line that stops mid-sentence and a next line in lower case: one paragraph
            if prev and prev[-1] not in _TERMINAL and nxt[:1].islower() and len(prev) > 40:
                blocks[-1] = (ps, e)
                continue
        blocks.append((s, e))
    return [b for b in blocks if b[0] >= 0]


_LETTER_RE = re.compile(r"[^\W\d_]")
_NON_LATIN_RE = re.compile(r"[^\W\d_\u0000-\u024F]")
_ACCENTED_RE = re.compile(r"[\u00C0-\u024F]")
_WORD_RE = re.compile(r"\w+")
_ANY_WORD_RE = re.compile(r"\w")


def _is_foreign(body: str, hints: frozenset[str]) -> bool:
    """Mostly non-Latin letters, or accented Latin with no English function word."""
    if body.isascii():
        return False
    if _NON_LATIN_RE.search(body):
        letters = len(_LETTER_RE.findall(body))
        if letters and len(_NON_LATIN_RE.findall(body)) / letters > 0.5:
            return True
    if not _ACCENTED_RE.search(body):
        return False
    toks = re.findall(r"[^\W\d_]+", body.lower())
    return len(toks) >= 3 and not any(t in hints for t in toks)


def _is_heading(body: str) -> bool:
    """A short line without final punctuation: very short, or in Title Case."""
    words = body.split()
    if not 0 < len(words) <= _HEADING_MAX_WORDS or body.rstrip()[-1] in ".!?;,\"”":
        return False
    if len(words) <= 3:
        return True
    return all(w[:1].isupper() or not w[:1].isalpha() or w.lower() in _SMALL_WORDS for w in words)


# an embedded post's signature, after its hashtags and links: "#HarbourHour pic.twitter.com/x
# — Harbour Hour (@Harbour_Hour) March 9, 2016"
_EMBED_SIGNATURE_RE = re.compile(
    r"^(?:(?:[#@]\w+|pic\.twitter\.com/\S+|https?://\S+)\s+)*[—–-]\s+[^()\n]{1,60}\(@\w{1,15}\)\s+"
    r"[A-Z][a-z]+\s+\d{1,2},\s+\d{4}\s*$")


def _embed_signature(piece: str) -> bool:
    """Is ``piece`` only the signature of an embedded post (a page's furniture)?"""
    return _EMBED_SIGNATURE_RE.match(piece.strip()) is not None


def _word_count(t: str) -> int:
    return len(_WORD_RE.findall(t))


def _unpunctuated(body: str) -> bool:
    return body.rstrip()[-1:] not in ".!?\"”’'»)"


def _furniture(body: str, cues: SegmentCues) -> str:
    """Site furniture by its shape: a credit line, a language selector, a list
    of links ("mark"), a short line opening with a prompt (or of a few words
    holding one, without final punctuation), or one opening with a
    call to action ("prompt"); "" for a line that is not furniture."""
    if cues.notice_re.match(body):
        return "notice"
    if cues.credit_re.match(body) or _LOCALES_RE.match(body):
        return "mark"
    if len(body) > cues.max_chars:
        return ""
    words = _word_count(body)
    opening = cues.prompt_re.match(body)
    if opening and body[opening.end():].lstrip().startswith(":") and _word_count(body[opening.end():]) >= 4:
        opening = None  # "Read more: <a headline>" is a teaser: the headline is a claim
    if opening or (words <= cues.prompt_words and _unpunctuated(body) and cues.prompt_any_re.search(body)):
        return "prompt"
    call = cues.call_re.match(body)
    if call and words <= cues.call_max_words and not any(q in body for q in "\"“”") and ":" not in body[:call.end() + 2]:
        return "prompt"  # "Read more: <a headline>" is a teaser: the headline is a claim
    items = cues.list_split_re.split(body)
    return "mark" if len(items) >= cues.list_min_items and all(
        0 < _word_count(i) <= cues.list_item_words for i in items) else ""


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    """Trim white space, bullets and leading dashes."""
    while s < e and (text[s].isspace() or text[s] in _FURNITURE_MARKS):
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _sentences(text: str, s: int, e: int, cues: SegmentCues) -> list[tuple[int, int]]:
    import sentencex  # light, but only needed when there is prose

    body = text[s:e]
    out: list[tuple[int, int]] = []
    pos = 0
    opening = -1  # a quote mark the splitter left at the end of the sentence before: it opens this one
    for seg in sentencex.segment("en", body):
        if not seg.strip():
            pos += len(seg) if body.startswith(seg, pos) else 0
            continue
        i = body.find(seg, pos)
        if i < 0:  # the splitter changed the text: locate its first word instead
            core = seg.strip()
            i = body.find(core, pos)
            if i < 0:
                continue
            seg = core
        a, b = _strip_span(text, s + i, s + i + len(seg))
        pos = i + len(seg)
        if a >= b:
            continue
        if opening >= 0:
            a, opening = opening, -1
        # '..., he said. “' | 'It's ...': a quote mark after a blank opens the next sentence
        if b - a > 2 and text[b - 1] in "“\"" and text[b - 2].isspace() and s + pos < e:
            opening = b - 1
            b = _strip_span(text, a, b - 1)[1]
        piece = text[a:b]
        # an orphan closing quote or "." belongs to the sentence before it, and so
        # does whatever follows a title or state abbreviation ("Gov.", "Wash.")
        # and so does a piece opening on a colon, semicolon or comma ('... titled It's All in the
        # Plan!: How You Can Save for Later, ...': a title's "!" ends no sentence)
        if out and (not _ANY_WORD_RE.search(piece) or (piece[0] in "“”\"'’" and _word_count(piece) <= 2)
                    or piece[0] in ":;,"
                    # a "?" or "!" with a word right after it ends no sentence: a character the
                    # text lost in its encoding ("John ?Hale"), or a brand ("Yahoo!Mail")
                    or (out[-1][1] == a and text[a - 1] in "?!" and piece[0].isalnum())
                    or (cues.abbrev_re.search(text, max(out[-1][0], out[-1][1] - 12), out[-1][1])
                        and _first_word(piece) not in cues.sentence_openers)
                    or (_CLOCK_RE.search(text, max(out[-1][0], out[-1][1] - 5), out[-1][1])
                        and _first_word(piece) in cues.time_zones)
                    or (_SPLIT_INITIALS_RE.match(piece) and re.compile(_LAST_INITIAL).search(text, out[-1][0], out[-1][1]))
                    or _attribution(piece, text[out[-1][1] - 2:out[-1][1]], cues)
                    or (text[out[-1][1] - 1] == "."  # the window's pattern first: a block's case once it holds
                        and _DOTTED_END_RE.search(text, max(out[-1][0], out[-1][1] - 12), out[-1][1])
                        and _title_block(body))
                    or _quotation_tail(piece, text, s, a, cues)):
            out[-1] = (out[-1][0], b)
            continue
        # a closing quote the splitter put first ('..., “stuck in the old ways." Hale
        # responded ...'): a quote mark followed by a space closes, it never opens
        if out and len(piece) > 2 and piece[0] in "\"”" and piece[1].isspace() and out[-1][1] == a:
            out[-1] = (out[-1][0], a + 1)
            a, b = _strip_span(text, a + 1, b)
            if a >= b:
                continue
        # the splitter reads "N.Y." as an abbreviation: "... in Millbrook, N.Y. Mr. Dunn had asked ..."
        for cut in cues.initials_end_re.finditer(text, a, b):
            out.append((a, cut.start(1)))
            a = cut.end(1)
        out.append((a, b))
    return out


def _attribution(piece: str, before: str, cues: SegmentCues) -> bool:
    """``piece`` is only the attribution of the quotation before it, which ends in
    ``before`` (“...?” / ...!" then "Hale said."): it belongs to that sentence."""
    if len(before) < 2 or before[1] not in "”\"" or before[0] not in ".?!":
        return False
    # ... its words up to a comma, and a short phrase after it ("Mrs. Hale said, her voice breaking.")
    head, comma, tail = piece.rstrip(".").partition(",")
    words = head.split()
    if not piece.endswith(".") or any(c in piece for c in "“”\""):
        return False
    if (len(words) <= cues.attribution_words and any(w.lower() in cues.attribution_verbs for w in words)
            and (not comma or len(tail.split()) <= cues.attribution_words)):
        return True
    # ... or who said it and to whom, where and when, with no clause of its own ("Reed told Ann
    # Lee in an interview for Channel 4."; not "Smith said the plan would fail.")
    verb = next((k for k, w in enumerate(words[:4]) if w.lower() in cues.attribution_verbs), None)
    if verb is None or comma or len(words) > 2 * cues.attribution_words:
        return False
    rest = words[verb + 1:]
    return ((not rest or rest[0][:1].isupper() or rest[0].lower() in cues.attribution_next)
            and not any(w.lower() in cues.clause_words for w in rest))


# the end of a quotation opened before: a word or two, the closing mark, then what follows
_QUOTATION_TAIL_RE = re.compile(r"([^“”\"]*)[”\"]\s+(.+)$", re.S)
_FULL_STOP_RE = re.compile(r"\.(?=\s|$)")


def _quotation_tail(rest: str, text: str, start: int, end: int, cues: SegmentCues) -> bool:
    """``rest`` opens by ending, in a word or two, a quotation that
    ``text[start:end]`` (what its paragraph says before it) left open, then
    gives its attribution ('“Cancel the Dunn meeting. | Now,” Hale tweeted
    Friday.'): that sentence belongs to the one before, which has the words."""
    m = _QUOTATION_TAIL_RE.match(rest) if "”" in rest or '"' in rest else None
    if not m or _word_count(m.group(1)) > 2:
        return False  # most sentences: the text before them is never read
    after, said = m.group(2), False
    for dot in _FULL_STOP_RE.finditer(after):  # the attribution ends at a full stop no abbreviation holds
        lo, hi = max(0, dot.start() - 12), dot.start() + 1
        if cues.abbrev_re.search(after, lo, hi) or cues.common_abbrev_re.search(after, lo, hi):
            continue
        words = after[:dot.start()].split()
        said = len(words) <= cues.attribution_words and any(w.lower() in cues.attribution_verbs for w in words)
        break
    if not said:
        return False
    before = text[start:end]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1  # a quotation left open


_CLOCK_RE = re.compile(r"(?<![^\s\d])[ap]\.m\.$")  # "5 p.m." ending a piece


def _first_word(piece: str) -> str:
    m = _WORD_RE.search(piece)
    return m.group().lower() if m else ""


# initials cut in two: "D-N." | "Y., argued"
_LAST_INITIAL = r"(?<![^\s(\-.])[A-Z]\.$"  # compiled by re on first use: most texts never need it
_SPLIT_INITIALS_RE = re.compile(r"[A-Z]\.(?:[A-Z]\.)*[,;)\s]")
# a run of capitals with full stops ending a piece ("G.O.P.", "U.S."): in a headline, where
# every word has a capital, the word after it opens no sentence ("Sign G.O.P. Will Win Senate")
_DOTTED_END_RE = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}$")


def _title_block(body: str) -> bool:
    """Is the block one line in Title Case with no full stop at its end: a headline?"""
    return "\n" not in body.strip() and not body.rstrip().endswith((".", "!", "?")) and title_case(body.split())
# A sentence end the splitter leaves inside a quotation: ". The", "? “We"
_CLOSE, _OPEN = one_of('”"’'), one_of('“"‘')
_INNER_END_RE = re.compile(rf"[.!?…]{_CLOSE}?\s+(?={_OPEN}?[A-Z])")  # the first class is one: re skips to it
_INITIAL_RE = re.compile(r"(?<![^\s.(])[A-Za-z]\.$")


def _word_index(text: str, a: int, b: int) -> tuple[list[int], list[int]]:
    """Word end offsets in text[a:b] and a running count, for O(log n) word counts."""
    ends = [m.end() for m in _WORD_RE.finditer(text, a, b)]
    return ends, list(range(1, len(ends) + 1))


def _words_between(ends: list[int], x: int, y: int) -> int:
    """Words ending in (x, y], from the sorted word ends."""
    from bisect import bisect_right

    return bisect_right(ends, y) - bisect_right(ends, x)


def _split_inner(text: str, a: int, b: int, cues: SegmentCues) -> list[tuple[int, int]]:
    """Split a sentence the splitter kept whole because it sits in quotation
    marks: a multi-sentence quote holds several claims."""
    out = []
    start = a
    inner = list(_INNER_END_RE.finditer(text, a, b))
    if not inner:  # most sentences: nothing to split
        x, y = _strip_span(text, a, b)
        return [(x, y)] if x < y else []
    ends, _ = _word_index(text, a, b)
    for m in inner:
        lo, hi = max(start, m.start() - 12), m.start() + 1
        # letters with full stops end a sentence when a word that opens one follows ("But I do not
        # call that O.K. I call it unfair.", read 52); a single initial does not ("Jane Q. Hale")
        initial = _INITIAL_RE.search(text, lo, hi) is not None and not (
            _DOTTED_END_RE.search(text, lo, hi) and _first_word(text[m.end():m.end() + 24]) in cues.sentence_openers)
        if (initial or cues.common_abbrev_re.search(text, lo, hi) or cues.abbrev_re.search(text, lo, hi)
                or _words_between(ends, start, m.start() + 1) < 3 or _words_between(ends, m.end(), b) < 3
                or _attribution(text[m.end():b].rstrip(), text[m.start():m.start() + 2], cues)
                or _quotation_tail(text[m.end():b].rstrip(), text, a, m.end(), cues)):
            continue
        x, y = _strip_span(text, start, m.end())
        if x < y:
            out.append((x, y))
        start = m.end()
    x, y = _strip_span(text, start, b)
    if x < y:
        out.append((x, y))
    return out


_BRACKET_RE = re.compile(r"[()\[\]]")


def _depths(sentence: str) -> tuple[list[int], list[int]]:
    """Bracket depth through a sentence (a cut is allowed only at depth 0), as
    (bracket positions, depth after each): brackets are few, characters many.

    Cuts inside a quotation are allowed: a quote often holds two claims.  The
    clause keeps its sentence's span, so the attribution outside the quote
    ("..., said X") still names its speaker (see annotate.annotate_statements).
    """
    at: list[int] = []
    after: list[int] = []
    depth = 0
    for m in _BRACKET_RE.finditer(sentence):
        if m.group() in "([":
            depth += 1
        elif depth:
            depth -= 1
        at.append(m.start())
        after.append(depth)
    return at, after


def _depth_before(depths: tuple[list[int], list[int]], i: int) -> int:
    """Bracket depth before position ``i``: after the last bracket before it."""
    from bisect import bisect_left

    at, after = depths
    k = bisect_left(at, i)
    return after[k - 1] if k else 0


def _claim_words(t: str, limit: int = _MIN_CLAUSE_CLAIM_WORDS) -> int:
    """Lower-case content words (up to ``limit``): what a clause needs to carry a claim of its own."""
    n = 0
    for m in _CLAIM_WORD_RE.finditer(t):
        if m.group() not in STOPWORDS:
            n += 1
            if n >= limit:
                break
    return n


_LAST_WORD_RE = re.compile(r"\w+$")
# words that join what follows to what comes before: a clause never ends on one
_JOINING = frozenset("and or but nor that which who whom whose than".split())
_LIST_OPENERS = frozenset(":–—-")
# a conjunction, one or two words that are no subject, and a comma: an aside inside a phrase
_ASIDE_RE = re.compile(r"(?:but|while|although|though|whereas)\s+(?!(?:I|we|he|she|they|it|you|there)\b)"
                       r"[a-z]+(?:\s+[a-z]+)?,")


def _last_word(sentence: str, at: int) -> str:
    m = _LAST_WORD_RE.search(sentence, 0, at)
    return m.group().lower() if m else ""


def _list_marks(sentence: str, matches: Sequence[re.Match[str]]) -> set[int]:
    """The cuts of a list that a colon or a dash opens, its items between semicolons,
    the last opening with "and" or "or" ("with three candidates: X; Y, the
    former governor; and Z"): the colon and the semicolons.  The items are
    what the sentence introduces, not claims of their own: they stay with it."""
    semis = [m for m in matches if sentence[m.start()] == ";"]
    if not semis or not sentence[semis[-1].end():].lstrip().lower().startswith(("and ", "or ")):
        return set()
    opener = next((m for m in reversed(matches) if m.start() < semis[0].start() and m.group().strip() in _LIST_OPENERS),
                  None)
    if opener is None:  # a colon before a word in lower case is no cut (_CLAUSE_RE), yet opens the list
        return {id(m) for m in semis} if ":" in sentence[:semis[0].start()] else set()
    # ("requiring ...; directing ...; and ...", with no colon: clauses, each a claim)
    return {id(m) for m in semis} | {id(opener)}


def _quotation_end(sentence: str, b: int) -> int:
    """Where the quotation open at ``b`` closes, when words follow it (its
    attribution); else the sentence's end."""
    close = _CLOSING_QUOTE_RE.search(sentence, b)
    if close is None or "“" in sentence[b:close.start()]:
        return len(sentence)
    if close.group() == '"' and sentence.count('"', 0, b) % 2 == 0:
        return len(sentence)  # a straight mark: open before the cut only when an odd number precede it
    return close.start()


def _clauses(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Split one sentence where it joins two claims (; – : , because/but/and)."""
    if _CLAUSE_RE.search(text, s, e) is None:  # most sentences
        return [(s, e)]
    sentence = text[s:e]
    matches = list(_CLAUSE_RE.finditer(sentence))
    depth = _depths(sentence)
    ends, _ = _word_index(sentence, 0, len(sentence))
    # two dashes in one sentence enclose an aside ("a session — the first in
    # 19 days — could not"): neither ends a claim
    # (a dateline's dash, "WASHINGTON —", pairs with none)
    dashes = [m for m in matches if _DASH_RE.fullmatch(m.group().strip()) and _LOWER_RE.search(sentence, 0, m.start())]
    # ... a dash typed as two hyphens too, which cuts nothing on its own ("what this town
    # would be — I can't picture what the region would be -- with ...": one aside)
    typed = len(_TYPED_DASH_RE.findall(sentence)) if "--" in sentence else 0
    paired = {id(m) for m in dashes[:len(dashes) - (len(dashes) + typed) % 2]}
    listed = _list_marks(sentence, matches)
    parts: list[tuple[int, int]] = []
    left = 0
    for m in matches:
        a, b = m.start(), m.end()
        if _depth_before(depth, a) or id(m) in paired or id(m) in listed:
            continue
        # "training and, while ...": a comma right after a joining word opens an aside, not a clause;
        # so does "but" before a word or two and a comma ("a senior, but unpaid, advisory post")
        if sentence[a] == "," and (_last_word(sentence, a) in _JOINING or _ASIDE_RE.match(sentence, b)):
            continue
        # both sides must carry a claim: a fragment of names stays with its sentence, and so
        # does a quotation's last words before its attribution ("... or the board itself ― not
        # politicians,” Hale told the Courier later.": the words quoted are what must carry it)
        right = _quotation_end(sentence, b)
        if (_words_between(ends, left, a) >= _MIN_CLAUSE_WORDS and _words_between(ends, b, right) >= _MIN_CLAUSE_WORDS
                and _claim_words(sentence[left:a]) >= _MIN_CLAUSE_CLAIM_WORDS
                and _claim_words(sentence[b:right]) >= _MIN_CLAUSE_CLAIM_WORDS):
            parts.append((left, a))
            left = b
    parts.append((left, len(sentence)))
    out = []
    for a, b in parts:
        x, y = _strip_span(text, s + a, s + b)
        if x < y:
            out.append((x, y))
    return out


def segment(source: Source, cues: SegmentCues, *, split_clauses: bool = True) -> Segmented:
    text = source.text
    skipped: Counter[str] = Counter()
    statements: list[Statement] = []
    seen: set[str] = set()
    heading = ""
    turn = ""
    last_question = ""
    answer_paragraphs = 0  # paragraphs since the current answer turn began
    started = False  # a first line of 4+ words is the text's title: a claim, not a section heading
    in_prose = False  # a paragraph of prose has come after the title
    # blocks met before whole (a title printed again as the first paragraph): not counted as
    # paragraphs, so that the lead after them is still the first paragraph after the title
    repeated = 0
    blocks = []
    splits: dict[tuple[str, str], list[tuple[int, int, int, int, str]]] = {}
    for bs, be in _blocks(text):
        m = _BULLET_RE.match(text, bs, be)
        cs, ce = _strip_span(text, m.end() if m else bs, be)
        if cs < ce:
            blocks.append((bs, be, cs, ce))
    furniture_of: dict[str, str] = {}  # by line: a long text repeats its standing lines
    furniture = []
    for _bs, _be, cs, ce in blocks:
        line = text[cs:ce]
        kind = furniture_of.get(line)
        if kind is None:
            kind = furniture_of[line] = _furniture(line, cues)
        furniture.append(kind)
    for k, (_bs, _be, cs, ce) in enumerate(blocks):
        # a line that stops mid-sentence before a prompt that goes on in lower case is
        # the start of that prompt ("To add your view" / "sign in or sign up")
        body = text[cs:ce]
        if (not furniture[k] and k + 1 < len(blocks) and furniture[k + 1] == "prompt"
                and _word_count(body) <= cues.neighbour_words and body[-1:].isalnum()
                and text[blocks[k + 1][2]:blocks[k + 1][3]][:1].islower()):
            furniture[k] = "prompt"
    # a transcript has labelled turns; a single "Name: ..." line is a headline
    # quoting someone, and its label names the speaker of that line only (a
    # headline printed twice, as title and first line, is still one)
    # (an attribution set before the colon, "Added Jo Hart: ...", is no turn of a transcript)
    transcript = len({text[cs:ce] for k, (_bs, _be, cs, ce) in enumerate(blocks)
                      if not furniture[k] and (tm := _turn(text[cs:ce], cues)) is not None
                      and tm.group("label") == _turn_speaker(tm, cues)}) >= 2
    for index, (bs, be, cs, ce) in enumerate(blocks):
        body = text[cs:ce]
        if not transcript:
            turn = ""
        if furniture[index]:
            skipped["editorial notice" if furniture[index] == "notice" else "site furniture"] += 1
            continue
        if _is_foreign(body, cues.english_hints):
            skipped["not English"] += 1
            continue
        tm = _turn(body, cues)
        heading_like = _is_heading(body)
        if tm:
            label = _turn_speaker(tm, cues)
            if label in ("Question", "Q"):
                turn = "Question"
                last_question = body[tm.end():]
            else:
                turn = "" if label in ("Answer", "A") else label
                answer_paragraphs = 0
            cs += tm.end()
        elif heading_like and ((started and in_prose) or _word_count(body) < _TITLE_MIN_WORDS):
            heading = body
            skipped["heading (kept as context)"] += 1
            continue
        else:
            answer_paragraphs += 1 if turn and turn != "Question" else 0
        # a line in Title Case between the title and the first paragraph of prose is a
        # second title, a claim ("Governor Appoints Ex-Aide to Fill Dunn's Seat"), not a heading
        in_prose = in_prose or (started and not heading_like)
        started = True
        question = last_question if turn and turn != "Question" and answer_paragraphs == 0 else ""
        # a paragraph met before (a feed that repeats a standing line or a whole
        # article) is split once: the splitters read the paragraph and at most one
        # character before it (their lookbehinds are one character wide)
        context = (text[cs - 1:cs], text[cs:ce])
        split = splits.get(context)
        if split is None:
            split = splits[context] = _split_block(text, cs, ce, cues, split_clauses)
        # a block far longer than any paragraph (a text that lost its line breaks) is no
        # paragraph to read for context: the rules that read a statement's paragraph (a
        # quotation carried on, "he said") would read it again for each of its statements
        ps, pe = (bs, be) if be - bs <= MAX_PARAGRAPH_CHARS else (-1, -1)
        if split and all(key in seen for *_span, key in split):
            repeated += 1
        for a, b, sa, sb, key in split:
            a, b, sa, sb = a + cs, b + cs, sa + cs, sb + cs
            if key in seen:
                skipped["exact repeat"] += 1
                continue
            if "(@" in text[a:b] and _embed_signature(text[a:b]):
                skipped["site furniture"] += 1
                continue
            seen.add(key)
            statements.append(
                Statement(source=source.id, start=a, end=b, text=text[a:b], paragraph=index - repeated,
                          heading=heading, question=question, speaker_hint=turn,
                          sentence_start=sa, sentence_end=sb, paragraph_start=ps, paragraph_end=pe)
            )
    return Segmented(_opening_remarks(statements) if transcript else tuple(statements),
                     tuple(sorted(skipped.items())))


def _split_block(text: str, cs: int, ce: int, cues: SegmentCues,
                 split_clauses: bool) -> list[tuple[int, int, int, int, str]]:
    """The statements of the prose block text[cs:ce], offsets from ``cs``:
    (start, end, its sentence's start and end, the key it is told apart by)."""
    # (piece, the sentence it comes from): the splitter's sentence keeps a quotation
    # together with its attribution ("“A. B,” said X"), which its pieces inherit
    pieces = [(piece, (a, b)) for ws, we in _windows(text, cs, ce) for a, b in _sentences(text, ws, we, cues)
              for piece in _split_inner(text, a, b, cues)]
    clauses = [(c, sent) for (a, b), sent in pieces for c in (_clauses(text, a, b) if split_clauses else [(a, b)])]
    out = []
    for (a, b), (sa, sb) in clauses:
        key = " ".join(fold(text[a:b]).split())
        if _ANY_WORD_RE.search(key):
            out.append((a - cs, b - cs, sa - cs, sb - cs, key))
    return out


# where a block longer than a paragraph may be cut: a sentence's end, a capital after it
_WINDOW_CUT_RE = re.compile(r"[.!?][\"”’)]?\s+(?=[\"“‘(]?[A-Z])")


def _windows(text: str, cs: int, ce: int) -> list[tuple[int, int]]:
    """text[cs:ce] in pieces of at most MAX_PARAGRAPH_CHARS, cut at a
    sentence's end: the splitter's time grows faster than the length of what
    it is given (4 MB of BBC sentences on one line: 3.1 s, and fewer sentences
    than in its first 2 MB; in 200 pieces: 0.23 s).  A paragraph is one piece."""
    if ce - cs <= MAX_PARAGRAPH_CHARS:
        return [(cs, ce)]
    out = []
    start = cs
    while ce - start > MAX_PARAGRAPH_CHARS:
        limit = start + MAX_PARAGRAPH_CHARS
        cut = None
        for m in _WINDOW_CUT_RE.finditer(text, max(start, limit - MAX_PARAGRAPH_CHARS // 2), limit):
            cut = m.end()
        if cut is None:  # no sentence's end there: the next one, a sentence is never cut
            after = _WINDOW_CUT_RE.search(text, limit, ce)
            if after is None:
                break
            cut = after.end()
        out.append((start, cut))
        start = cut
    out.append((start, ce))
    return out


def _turn_speaker(tm: re.Match[str], cues: SegmentCues) -> str:
    """Who speaks after a turn's label: the label, or the name after a verb of
    attribution that opens it ("Added Jo Hart: “...”" is Jo Hart's)."""
    first, _, rest = tm.group("label").partition(" ")
    return rest if rest and first.lower() in cues.attribution_verbs else tm.group("label")


def _turn(body: str, cues: SegmentCues) -> re.Match[str] | None:
    """A "Question:" or "Jane Doe:" label opening a block of six words or a full sentence."""
    tm = _TURN_RE.match(body)
    if tm and tm.group("label") not in cues.not_speakers and (
            _word_count(body[tm.end():]) >= 6 or body.rstrip()[-1] in "?."):
        return tm
    return None


def _opening_remarks(statements: list[Statement]) -> tuple[Statement, ...]:
    """In a transcript, the remarks before the first labelled turn are the main
    speaker's: the first person named in a turn label ("Jane Doe: ...")."""
    first_turn = next((i for i, st in enumerate(statements) if st.speaker_hint), None)
    if first_turn is None:
        return tuple(statements)
    speaker = next((st.speaker_hint for st in statements if st.speaker_hint not in ("", "Question")), "")
    if not speaker:
        return tuple(statements)
    return tuple(st._replace(speaker_hint=speaker) if i < first_turn else st for i, st in enumerate(statements))
