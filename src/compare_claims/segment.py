"""Split a source into statements with exact offsets into its original text.

A block is a line (or hard-wrapped lines joined); blocks are classified as
site furniture, foreign-language lines, headings, transcript turns or prose.
Prose is split into sentences (sentencex), then at clause boundaries that
usually separate two claims.  Nothing is cleaned in the text itself: every
``Statement`` satisfies ``source.text[start:end] == text``.
"""
from __future__ import annotations

from typing import NamedTuple

import re
from collections import Counter

from .models import Source, Statement
from .textnorm import fold

# Site furniture: navigation, sign-up prompts, credits, language selectors.
_FURNITURE_RE = re.compile(
    r"""\b(?:log\s*in|sign\s*in|sign\s*up|register|subscribe|newsletter|cookies?)\b.{0,40}$
    | ^(?:get\ the\ latest\ news|to\ participate\ in\ the\ discussion|follow\ us|share\ (?:this|on)
       |click\ here|advertisement|all\ rights\ reserved|related\ (?:articles|news)|most\ read
       |advanced\ settings|additional\ materials|print\ version|world\ news)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
_CREDIT_RE = re.compile(r"^(?:©|\(c\)\s|copyright\b)", re.IGNORECASE)
# a language selector: "de-DE en-GB es-ES ..."
_LOCALES_RE = re.compile(r"^(?:\W*[a-z]{2}-[A-Z]{2}\w*){2,}\W*$")
# furniture lines are short; a long paragraph is never furniture
_FURNITURE_MAX_CHARS = 160
_BULLET_RE = re.compile(r"^[\s\u00a0]*(?:[•·▪◦●*]|-(?=\s)|–(?=\s)|—(?=\s)|\d{1,2}[.)](?=\s))?[\s\u00a0]*")
# "Question: ..." or "Jane Doe: ..." at the start of a block.
_TURN_RE = re.compile(
    r"^(?P<label>Question|Answer|Q|A|(?:[A-Z][a-z][\w.'’-]*)(?:\s[A-Z][a-z][\w.'’-]*){0,3}):\s+(?=\S)"
)
# Labels that look like a speaker's name but introduce an editorial note
_NOT_SPEAKERS = frozenset({"Updated", "Update", "Correction", "Clarification", "Note", "Editor's Note",
                           "Editor’s Note", "Watch", "Video", "Photo", "Photos", "Read More", "See Also",
                           "Related", "Live", "Breaking", "Breaking News", "Exclusive", "Opinion", "Analysis"})
# Abbreviations after which a full stop does not end the sentence (the
# splitter knows Mr. and Dr.; news copy adds titles and US state names).
_ABBREV_RE = re.compile(
    r"(?:^|[\s(])(?:Ms|Mss|Messrs|Mmes|Gov|Govs|Lt|Sgt|Gen|Col|Capt|Adm|Cmdr|Rep|Reps|Sen|Sens|Supt|Atty|Hon|"
    r"Rev|Fr|Sr|Jr|St|Mt|Ft|Gen|Corp|Inc|Co|Ltd|Bros|No|Nos|Vol|Art|Sec|Dept|Univ|approx|Jan|Feb|Mar|Apr|Jun|"
    r"Jul|Aug|Sep|Sept|Oct|Nov|Dec|Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Kans|Ky|La|Md|Mass|"
    r"Mich|Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Penn|Tenn|Tex|Va|Vt|Wash|Wis|Wyo)\.$"
)
_TERMINAL = ".!?…:;\"”’'»)"
_ENGLISH_HINTS = frozenset(
    "the a an of and in on to is are was were be for with that this it by as at from has have not but".split()
)
_CLAUSE_RE = re.compile(
    r"""(?P<punct>;\s+)
    |(?P<dash>\s[–—-]\s+)
    |(?P<colon>:\s+(?=[“"A-Za-z]))
    |(?P<conj>,\s+(?=(?:because|but|while|whereas|although|though)\s
        |and\s(?:I|we|he|she|they|it|this|that|there|then|thus|so|in|at|today|now|yet)\s))""",
    re.VERBOSE,
)
_MIN_CLAUSE_WORDS = 5
_TITLE_MIN_WORDS = 4
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


def _is_foreign(body: str) -> bool:
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
    return len(toks) >= 3 and not any(t in _ENGLISH_HINTS for t in toks)


def _is_heading(body: str) -> bool:
    """A short line without final punctuation: very short, or in Title Case."""
    words = body.split()
    if not 0 < len(words) <= _HEADING_MAX_WORDS or body.rstrip()[-1] in ".!?;,\"”":
        return False
    if len(words) <= 3:
        return True
    return all(w[:1].isupper() or not w[:1].isalpha() or w.lower() in _SMALL_WORDS for w in words)


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    """Trim white space, bullets, leading dashes and orphan closing quotes."""
    while s < e and (text[s].isspace() or text[s] in "•·▪–—-*"):
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _word_count(t: str) -> int:
    return len(re.findall(r"\w+", t))


def _sentences(text: str, s: int, e: int) -> list[tuple[int, int]]:
    import sentencex  # light, but only needed when there is prose

    body = text[s:e]
    out: list[tuple[int, int]] = []
    pos = 0
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
        piece = text[a:b]
        # an orphan closing quote or "." belongs to the sentence before it, and so
        # does whatever follows a title or state abbreviation ("Gov.", "Wash.")
        if out and (not re.search(r"\w", piece) or (_word_count(piece) <= 2 and piece[0] in "“”\"'’")
                    or _ABBREV_RE.search(text, out[-1][0], out[-1][1])):
            out[-1] = (out[-1][0], b)
            continue
        out.append((a, b))
    return out


# A sentence end the splitter leaves inside a quotation: ". The", "? “We"
_INNER_END_RE = re.compile(r"[.!?…][”\"’]?\s+(?=[“\"‘]?[A-Z])")
_INITIAL_RE = re.compile(r"(?:^|[\s.(])[A-Za-z]\.$")
_COMMON_ABBREV_RE = re.compile(r"(?:^|\s)(?:Mr|Mrs|Dr|Prof|vs|etc|e\.g|i\.e|a\.m|p\.m)\.$", re.IGNORECASE)


def _split_inner(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Split a sentence the splitter kept whole because it sits in quotation
    marks: a multi-sentence quote holds several claims."""
    out = []
    start = a
    for m in _INNER_END_RE.finditer(text, a, b):
        left = text[start:m.start() + 1]
        if (_INITIAL_RE.search(left) or _COMMON_ABBREV_RE.search(left) or _ABBREV_RE.search(left)
                or _word_count(left) < 3 or _word_count(text[m.end():b]) < 3):
            continue
        x, y = _strip_span(text, start, m.end())
        if x < y:
            out.append((x, y))
        start = m.end()
    x, y = _strip_span(text, start, b)
    if x < y:
        out.append((x, y))
    return out


def _depth_ok(sentence: str, i: int) -> bool:
    """True when position i is outside parentheses and brackets.

    Cuts inside a quotation are allowed: a quote often holds two claims.  The
    clause keeps its sentence's span, so the attribution outside the quote
    ("..., said X") still names its speaker (see analysis.analyze).
    """
    depth = 0
    for ch in sentence[:i]:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
    return depth == 0


def _clauses(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Split one sentence where it joins two claims (; – : , because/but/and)."""
    sentence = text[s:e]
    cuts: list[tuple[int, int]] = []  # (end of left part, start of right part)
    for m in _CLAUSE_RE.finditer(sentence):
        if not _depth_ok(sentence, m.start()):
            continue
        cuts.append((m.start(), m.end()))
    if not cuts:
        return [(s, e)]
    parts: list[tuple[int, int]] = []
    left = 0
    for a, b in cuts:
        if _word_count(sentence[left:a]) >= _MIN_CLAUSE_WORDS and _word_count(sentence[b:]) >= _MIN_CLAUSE_WORDS:
            parts.append((left, a))
            left = b
    parts.append((left, len(sentence)))
    out = []
    for a, b in parts:
        x, y = _strip_span(text, s + a, s + b)
        if x < y:
            out.append((x, y))
    return out


def segment(source: Source, *, split_clauses: bool = True) -> Segmented:
    text = source.text
    skipped: Counter[str] = Counter()
    statements: list[Statement] = []
    seen: set[str] = set()
    heading = ""
    turn = ""
    last_question = ""
    answer_paragraphs = 0  # paragraphs since the current answer turn began
    started = False  # a first line of 4+ words is the text's title: a claim, not a section heading
    for index, (bs, be) in enumerate(_blocks(text)):
        m = _BULLET_RE.match(text, bs, be)
        cs = m.end() if m else bs
        cs, ce = _strip_span(text, cs, be)
        if cs >= ce:
            continue
        body = text[cs:ce]
        if _CREDIT_RE.match(body) or (
            len(body) <= _FURNITURE_MAX_CHARS and (_FURNITURE_RE.search(body) or _LOCALES_RE.match(body))
        ):
            skipped["site furniture"] += 1
            continue
        if _is_foreign(body):
            skipped["not English"] += 1
            continue
        tm = _TURN_RE.match(body)
        if tm and tm.group("label") not in _NOT_SPEAKERS and (
            _word_count(body[tm.end():]) >= 6 or body.rstrip()[-1] in "?."
        ):
            label = tm.group("label")
            if label in ("Question", "Q"):
                turn = "Question"
                last_question = body[tm.end():]
            else:
                turn = "" if label in ("Answer", "A") else label
                answer_paragraphs = 0
            cs += tm.end()
        elif _is_heading(body) and (started or _word_count(body) < _TITLE_MIN_WORDS):
            heading = body
            skipped["heading (kept as context)"] += 1
            continue
        else:
            answer_paragraphs += 1 if turn and turn != "Question" else 0
        started = True
        question = last_question if turn and turn != "Question" and answer_paragraphs == 0 else ""
        # (piece, the sentence it comes from): the splitter's sentence keeps a quotation
        # together with its attribution ("“A. B,” said X"), which its pieces inherit
        pieces = [(piece, (a, b)) for a, b in _sentences(text, cs, ce) for piece in _split_inner(text, a, b)]
        # each clause remembers its sentence: the sentence's attribution ("..., said X") is the clause's
        clauses = [(c, sent) for (a, b), sent in pieces for c in (_clauses(text, a, b) if split_clauses else [(a, b)])]
        for (a, b), (sa, sb) in clauses:
            key = " ".join(fold(text[a:b]).split())
            if not re.search(r"\w", key):
                continue
            if key in seen:
                skipped["exact repeat"] += 1
                continue
            seen.add(key)
            statements.append(
                Statement(source=source.id, start=a, end=b, text=text[a:b], paragraph=index,
                          heading=heading, question=question, speaker_hint=turn,
                          sentence_start=sa, sentence_end=sb)
            )
    return Segmented(_opening_remarks(statements), tuple(sorted(skipped.items())))


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
