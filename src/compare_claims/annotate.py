"""Annotate statements so that divergences between sources become visible.

Per statement: who says it (speaker, reporting verb), hedges, certainty
markers, numbers, loaded labels and negations, all driven by a compiled
:class:`~compare_claims.lexicon.Lexicon`; nothing here names a text.  Every
span carries absolute offsets: ``source_text[span.start:span.end] ==
span.text``.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import lru_cache

from .lexicon import Entry, Lexicon, phrase_at, skip_back, word_at
from .models import Annotation, Span, Statement
from .numbers import find_numbers
from .speakers import PARTY_RE, find_speaker, is_group
from .textnorm import STOPWORDS, content_stems
from .tokens import _IGNORECASE_ASCII, Toks, one_of, plain, title_case

# cue groups whose single words double as names ("Hope", "Will") mid-sentence
_NOT_AS_NAMES = frozenset({"hedge", "certainty"})


def _proper_noun_use(toks: Toks, i: int) -> bool:
    """A capitalised word inside a sentence: not after a full stop, colon,
    opening quote or bracket, not the first word, and not in a Title Case
    headline ("Indictment Expected for Dunn")."""
    raw = toks.raws[i]
    if i == 0 or not raw[:1].isupper() or raw.isupper():
        return False
    if title_case(toks.raws):
        return False
    before = toks.gap_before(i).strip()
    return not before or before[-1] not in ".!?:;\"'“‘([—–-"


def _in_name(toks: Toks, i: int) -> bool:
    """Is the capitalised word ``i`` in a run of two or more capitalised words after
    "the" ("the Patriot Act", "the Tea Party Patriots"): a name, not a label.  Not
    after other words: "to fight Radical Evil Forces" is a label written large,
    and so is a headline quoted in a sentence ("... of Withering Ripostes")."""
    raws = toks.raws

    def capital(k: int) -> bool:
        return 0 <= k < len(raws) and raws[k][:1].isupper() and toks.gap_before(k).isspace()

    first = i
    while first > 0 and capital(first - 1) and capital(first):
        first -= 1
    if first == i and not (i + 1 < len(raws) and capital(i + 1)):
        return False
    return first > 0 and toks.keys[first - 1] == "the"


def match_cues(toks: Toks, lex: Lexicon) -> dict[str, list[tuple[int, int, Entry]]]:
    """Longest non-overlapping cue matches per group, as token ranges [i, j)."""
    found: dict[str, list[tuple[int, int, Entry]]] = {}
    busy: dict[str, int] = {}
    keys = toks.keys
    joined = [gap.isspace() for gap in toks.gaps[1:]]  # gaps[i + 1] follows token i

    def take(i: int, j: int, e: Entry) -> None:
        if busy.get(e.group, 0) <= i:
            found.setdefault(e.group, []).append((i, j, e))
            busy[e.group] = j

    starts, singles = lex.starts, lex.singles
    for i, key in enumerate(keys):
        opens = starts.get(key)
        if opens is None or opens:  # most words open no multiword cue (memoised per word)
            phrases = phrase_at(lex, keys, i, joined)
            for e in phrases:
                take(i, i + len(e.words), e)
            if (not phrases and i + 2 < len(keys) and keys[i + 1] in lex.particle_gap_words
                    and joined[i] and joined[i + 1]):
                # a day between a verb and its particle: "Two councillors called Friday for ..." (read 54)
                for e in phrase_at(lex, [key, keys[i + 2]], 0, [True]):
                    if len(e.words) == 2:
                        take(i, i + 3, e)
        entries = singles.get(key)
        if entries is None:
            entries = word_at(lex, key)
        if entries:
            proper = _proper_noun_use(toks, i)
            for e in entries:
                if proper and (e.group in _NOT_AS_NAMES or (e.group == "label" and _in_name(toks, i))):
                    continue  # "from Hope, Arkansas", "the Patriot Act": a name
                take(i, i + 1, e)
        if "'" in key:
            for suffix, e in lex.suffixes:
                if key.endswith(suffix) and len(key) > len(suffix):
                    take(i, i + 1, e)
    return found


_QUOTE_RE = re.compile('[\u201c\u201d"]')
# An opening single quote not after a word: the quote is matched first and the
# character before it checked by a lookbehind over both (which also holds at the
# start of the text), so that `re` skips to the quotes in C instead of trying
# the lookbehind at every position.
_SINGLE_QUOTED_RE = re.compile("[\u2018'](?<![\\w'\u2019][\u2018'])(?=\\w)[^\n]*?(?<=[\\w.!?,])[\u2019'](?![\\w'\u2019])")


def _first_person_subject(toks: Toks, i: int, lexicon: Lexicon) -> bool:
    """Is the subject of the verb at word ``i`` "I" or "we" (an adverb or two between)?"""
    k = i - 1
    while k >= 0 and (n := skip_back(toks.keys, k, lexicon)):
        k -= n
    return k >= 0 and toks.keys[k] in lexicon.first_person


def _noun_use(toks: Toks, i: int, lexicon: Lexicon) -> bool:
    """Is the verb cue at word ``i`` used as a noun ("the suspect", "a second suspect")?"""
    return ((i >= 1 and toks.keys[i - 1] in lexicon.noun_after)
            or (i >= 2 and toks.keys[i - 2] in lexicon.noun_after_adjective))


# a verb in "-s" right before one of these is a noun: "the Harbour remarks were"
_COPULAS = frozenset("is are was were have had".split())
# a word before a verb cue that makes it a noun: "Five states have", "23 claims"
_COUNTS = frozenset("two three four five six seven eight nine ten dozens hundreds thousands "
                    "several many few both some these those".split())


def _verbs(toks: Toks, verbs: Sequence[tuple[int, int, Entry]], lexicon: Lexicon) -> list[tuple[int, int, Entry]]:
    """The reporting-verb cues used as verbs ("remarks", "claims" as nouns are not);
    a naming verb only before a quotation in its clause ("called the idea “...”"); a
    clausal one only before what is demanded ("the $2.4 million he demanded for the
    bridge" reports no words: ``_complement_follows``)."""
    return [(i, j, e) for i, j, e in verbs if not _cue_is_noun(toks, i, j, e.value, lexicon)
            and (e.value not in lexicon.naming_verbs or _quotation_follows(toks, j))
            and (e.value not in lexicon.quoting_verbs or _quotation_follows(toks, j) or _quotation_ends_before(toks, i)
                 or (e.value in lexicon.asking_verbs and _set_in_a_question(toks, i)))
            and (e.value not in lexicon.clausal_verbs or _complement_follows(toks, j, lexicon)
                 or _quotation_follows(toks, j) or _quotation_ends_before(toks, i))
            and not (e.value in lexicon.wishing_verbs and j < toks.n and toks.keys[j] == "to")]


def _complement_follows(toks: Toks, j: int, lexicon: Lexicon) -> bool:
    """Does what is demanded follow the verb ending before token ``j`` ("demanded that
    he resign", "demand to see", "demanded Rep. Ford step down"), not a full stop, a
    comma, "and" or a preposition ("the money he had demanded and ...", "... demanded
    for the bridge": its object came before it)?"""
    return j < toks.n and toks.gap_before(j).isspace() and (
        toks.keys[j] == "to" or (toks.keys[j] not in lexicon.prepositions and toks.keys[j] not in _JOINING))


_JOINING = frozenset(("and", "or", "but"))


NAMING_REACH = 6  # tokens after a naming verb in which its quotation must open


def _quotation_follows(toks: Toks, j: int) -> bool:
    """Does a quotation open within NAMING_REACH tokens after token ``j``, no
    sentence or clause punctuation between?"""
    return _quotation_mark_in(toks, range(j, min(j + NAMING_REACH, toks.n)), "“\"")


def _quotation_ends_before(toks: Toks, i: int) -> bool:
    """Does a quotation close within NAMING_REACH tokens before token ``i``,
    no sentence punctuation outside it between ("“Why?” asked Senator Mark
    Dunn", "“Why?” Justice Hale asked")?"""
    return _quotation_mark_in(toks, range(i, max(0, i - NAMING_REACH), -1), "”\"")


def _set_in_a_question(toks: Toks, i: int) -> bool:
    """Is the verb at token ``i`` set off by a comma, a name at most between,
    in a statement that is a question ("Was the plan sound, Ms. Hale asked, that
    ...?"): the question told as the asker's words, no quotation marks."""
    return (toks.text.rstrip().endswith("?")
            and any("," in toks.gap_before(m) for m in range(max(0, i - NAMING_REACH), i + 1)))


def _quotation_mark_in(toks: Toks, ks: range, marks: str) -> bool:
    """Is one of ``marks`` in the gap before a token of ``ks`` (in their order)
    before any sentence or clause punctuation?"""
    for k in ks:
        gap = toks.gap_before(k)
        if any(m in gap for m in marks):
            return True
        if any(c in gap for c in ".;:!?"):
            return False
    return False


def _cue_is_noun(toks: Toks, i: int, j: int, lemma: str, lexicon: Lexicon) -> bool:
    """Is the verb cue at words ``i`` to ``j`` a noun?  Before a copula ("the
    remarks were"); one word in its present form right after a determiner, a
    possessive or a count ("its claim", "Ruritania's state", "Five states"), or in
    its base form right after a name that is no plural subject ("in the Upper
    Vale state": "Smith state" is no English, "Smith and Jones state" is) or
    that "a" opens ("a Vermont state park").
    Not across punctuation ("Hale, 45, said")."""
    last = toks.keys[j - 1]
    if last.endswith("s") and j < toks.n and toks.keys[j] in _COPULAS:
        return True
    if i == 0 or j != i + 1 or toks.gap_before(i).strip():
        return False
    before = toks.keys[i - 1]
    if last in (lemma, lemma + "s", lemma + "es") and (
            before in lexicon.noun_after or before in _COUNTS or before[:1].isdigit()
            or before.endswith(("'s", "’s"))):
        return True
    if last != lemma or not toks.raws[i - 1][:1].isupper() or before in lexicon.first_person:
        return False
    k = i - 1  # the name before the cue, back to its first word
    while k > 0 and toks.raws[k - 1][:1].isupper() and not toks.gap_before(k).strip():
        k -= 1
    if k > 0 and toks.keys[k - 1] in ("a", "an"):
        return True  # "a Vermont state park", "a Harbour Gazette report": "a" opens a noun phrase, no subject
    plural_subject = toks.raws[i - 1].endswith("s") or (k > 0 and toks.keys[k - 1] in ("and", "&"))
    return k > 0 and not plural_subject


def quotations(text: str, inside: bool = False) -> list[tuple[int, int]]:
    """Spans of ``text`` inside double quotation marks (``inside``: the text
    starts within a quotation opened before it)."""
    out: list[tuple[int, int]] = []
    opened = 0 if inside else -1
    for m in _QUOTE_RE.finditer(text):
        ch, i = m.group(), m.start()
        if ch == "\u201d" and opened < 0 and not out:
            out.append((0, i + 1))  # closes a quotation opened before the statement
        elif ch == "\u201c" or (ch == '"' and opened < 0):
            opened = i
        elif opened >= 0:
            out.append((opened, i + 1))
            opened = -1
    if opened >= 0:
        # a lone straight quote at the very end closes, as a curly one would
        out.append((0, len(text)) if not text[opened + 1:].strip() and not out else (opened, len(text)))
    # single quotes, as headlines use them: 'phony science' (an apostrophe sits inside a word)
    if "'" in text or "\u2018" in text:
        starts = [s for s, _e in out]  # in order, and apart: the span before a position is the one to check
        singles = []
        for m in _SINGLE_QUOTED_RE.finditer(text):
            k = bisect_right(starts, m.start()) - 1
            if k < 0 or not out[k][0] <= m.start() < out[k][1]:
                singles.append((m.start(), m.end()))
        out.extend(singles)
    return sorted(out)


def _opens_inside(text: str, start: int, end: int) -> bool:
    """Does text[start:end] end inside an open quotation?"""
    spans = quotations(text[start:end]) if start < end else []
    return bool(spans) and spans[-1][1] == end - start and text[end - 1] not in "\u201d\""


def direct_speech(st: Statement, text: str) -> bool:
    """Are ``st``'s words someone's own (of ``text``, its source)?  A
    transcript turn, a statement holding a quotation mark, or one inside a
    quotation: opened before it in its paragraph, or closed after it with no
    opening mark between (a quotation resumed after a dash: "– ... ,” he said")."""
    if st.speaker_hint or any(q in st.text for q in _QUOTE_MARKS):
        return True
    if 0 <= st.paragraph_start < st.start and _opens_inside(text, st.paragraph_start, st.start):
        return True
    rest = text[st.end:st.paragraph_end] if st.paragraph_end > st.end else ""
    opens, closes = rest.find("\u201c"), rest.find("\u201d")
    return closes >= 0 and (opens < 0 or closes < opens)


def _about(text: str, s: int, e: int) -> tuple[str, ...]:
    """Stems of the two content words either side of a quantity: what it counts."""
    left = [w for w in content_stems(text[max(0, s - 80):s]) if not w[:1].isdigit()][-2:]
    right = [w for w in content_stems(text[e:e + 80]) if not w[:1].isdigit()][:2]
    return tuple(left + right)


def annotate(text: str, *, start: int, lexicon: Lexicon, speaker_hint: str = "", in_quote: bool = False) -> Annotation:
    """Annotate one statement; ``start`` is its offset in the source text,
    ``in_quote`` says it starts inside a quotation opened before it."""
    tr = plain(text)
    toks = Toks(tr)
    hits = match_cues(toks, lexicon)
    numbers = [(s, e, q._replace(about=_about(text, s, e))) for s, e, q in find_numbers(tr, toks, lexicon.numbers)]
    quoted = quotations(text, in_quote)
    dates = [(s, e) for s, e, q in numbers if q.kind == "date"]
    months = lexicon.numbers.months

    def spans(group: str) -> tuple[Span, ...]:
        mark_quoted = group in ("label", "hedge")
        out: list[Span] = []
        blocked = [(toks.starts[i], toks.ends[j - 1]) for i, j, _e in hits.get("except:" + group, ())]
        if group == "hedge":  # "beyond a reasonable doubt" asserts
            blocked += [(toks.starts[i], toks.ends[j - 1]) for i, j, _e in hits.get("certainty", ())]
        for i, j, e in hits.get(group, ()):
            s, en = toks.starts[i], toks.ends[j - 1]
            if i > 0 and toks.raws[i] in months and toks.raws[i][:1].isupper():
                continue  # "May" in mid-sentence is the month
            if any(s < be and bs < en for bs, be in blocked) or any(s < de and ds < en for ds, de in dates):
                continue
            if group == "hedge" and e.value in lexicon.stance and not _first_person_subject(toks, i, lexicon):
                continue  # "Russia believes ...": a position reported, not a hedge
            if group == "hedge" and e.kind == "strong" and e.inflect and len(e.words) == 1 and _noun_use(toks, i, lexicon):
                continue  # "a second suspect": the noun
            if group == "hedge" and e.value in lexicon.backshifted and _past_report_before(toks, i, reported):
                continue  # "said he would retire": "will" told in the past, no hedge
            if (group == "hedge" and e.value in lexicon.usual_after_modal and i > 1
                    and toks.keys[i - 1] == "be" and toks.keys[i - 2] in lexicon.modals):
                continue  # "who would be expected to vote": what is usual, no forecast
            inside = mark_quoted and any(qs <= s and en <= qe for qs, qe in quoted)
            out.append(Span(start + s, start + en, text[s:en], e.kind, e.value, quoted=inside))
        return tuple(out)

    reported = _verbs(toks, hits.get("verb", ()), lexicon)
    speaker, verb = find_speaker(toks, reported, lexicon, speaker_hint, text, in_quote)
    at = tr.find(speaker) if speaker else -1
    if at >= 0:  # the words as the text writes them ("O’Hara": the speaker was found in ``tr``, straightened)
        speaker = text[at:at + len(speaker)]
    return Annotation(
        speaker=speaker,
        reporting_verb=verb,
        hedges=spans("hedge"),
        certainty=spans("certainty"),
        numbers=tuple(Span(start + s, start + e, text[s:e], q.kind, q.value, q) for s, e, q in numbers),
        labels=spans("label"),
        negations=spans("negation"),
        speaker_span=Span(start + at, start + at + len(speaker), speaker) if at >= 0 else None,
        in_quotation=in_quote,
    )




def _past_report_before(toks: Toks, i: int, verbs: Sequence[tuple[int, int, Entry]]) -> bool:
    """Does a reporting verb in the past ("said", "announced", "went on") stand
    before token ``i``?  Then a "would" there is reported future ("announced that
    he would ban"), not the outlet hedging; "says he would" stays a conditional."""
    for s, j, e in verbs:
        if j <= i:
            form = " ".join(toks.keys[s:j])
            if form != e.value and not form.endswith(("s", "ing")):
                return True
    return False


def _they_said(text: str, lexicon: Lexicon, in_quote: bool) -> bool:
    """Is "they" the subject of a reporting verb of ``text`` outside any
    quotation ("They argued that ...", not "“They said they will review
    them,” she said")?  ``in_quote``: the text starts inside a quotation."""
    toks = Toks(plain(text))
    quoted = quotations(text, in_quote)
    for i, _j, _e in _verbs(toks, match_cues(toks, lexicon).get("verb", ()), lexicon):
        if any(qs <= toks.starts[i] < qe for qs, qe in quoted):
            continue
        k = i - 1
        while k >= 0 and (n := skip_back(toks.keys, k, lexicon)):
            k -= n
        if k >= 0 and toks.keys[k] == "they":
            return True
    return False


def _speaker_of(text: str, lexicon: Lexicon, hint: str) -> tuple[str, str]:
    """Who says ``text``, and with which verb (the speaker step of ``annotate``)."""
    toks = Toks(plain(text))
    return find_speaker(toks, _verbs(toks, match_cues(toks, lexicon).get("verb", ()), lexicon), lexicon, hint, text)


def annotate_statements(statements: Sequence[Statement], text: str, lexicon: Lexicon) -> tuple[Annotation, ...]:
    """Annotate statements of one source (``text``).  A clause takes the
    attribution of its sentence ("“..., and ...,” said X") when it has none."""
    sentence_speaker: dict[tuple[int, int], tuple[str, str]] = {}
    named: list[tuple[int, str]] = []  # (paragraph, speaker) of the statements named so far
    pronouns: dict[str, str] = {}  # speaker -> "he" or "she", where a pronoun was read as them
    authored: dict[str, str] = {}  # document -> the person who spoke in it ("Hale said in a statement")
    out = []
    group_before: tuple[int, str] | None = None  # (paragraph, group) that spoke in the statement before
    for st in statements:
        in_quote = 0 <= st.paragraph_start < st.start and _opens_inside(text, st.paragraph_start, st.start)
        ann = annotate(st.text, start=st.start, lexicon=lexicon, speaker_hint=st.speaker_hint, in_quote=in_quote)
        span = (st.sentence_start, st.sentence_end)
        if span[0] >= 0 and span != (st.start, st.end):
            if span not in sentence_speaker:
                sentence_speaker[span] = _speaker_of(text[span[0]:span[1]], lexicon, st.speaker_hint)
            speaker, verb = sentence_speaker[span]
            # a quoted clause is the attribution's ("“A, and B,” said X"), and so is
            # one after it ("X said that A, and that B"); a clause of prose before
            # it is not ("A move is seen as a no-no, but X says ..."), nor one
            # with its own ("..., while the unions have said ...")
            quoted = in_quote or any(q in st.text for q in _QUOTE_MARKS)
            # ... but a clause of prose that sets a subject of its own against it
            # ("X claimed the attack, though it is unclear ...", "..., while city
            # councillors plan ...") is the narrator's ("..., while lamenting ..." is not)
            words = st.text.split(None, 2)
            aside = (not quoted and len(words) > 1 and words[0].lower() in lexicon.contrast_openers
                     and (words[1][:1].isupper() or words[1].lower() in lexicon.clause_subjects)
                     and not (words[0].lower() == "but" and words[1].lower() in lexicon.but_goes_on))
            if speaker and not ann.speaker and not aside and (
                    quoted or speaker.split()[-1].lower() in text[span[0]:st.start].lower()):
                ann = ann._replace(speaker=speaker, reporting_verb=verb)
            elif verb and not speaker and not ann.reporting_verb and not quoted and _subjectless(st.text, lexicon):
                # "He denied it, | but said ...": the clause's subject is the sentence's "he"
                whole = st._replace(text=text[span[0]:span[1]], start=span[0], end=span[1])
                got = _resolve(ann._replace(reporting_verb=verb), whole, text, named, lexicon, in_quote, pronouns)
                ann = got if got.speaker else ann
        resolved = _resolve(ann, st, text, named, lexicon, in_quote, pronouns)
        if resolved.speaker and not ann.speaker and resolved.speaker_span is None:
            # whom "she said" stood for is no "he" later ("“...,” she concluded. Reed bragged
            # ...; since taking office he has referred to ...": not Hale)
            said = _PRONOUN_RE.search(_outside_quotations(st.text, in_quote))
            if said is not None:
                pronouns.setdefault(resolved.speaker, said.group().lower())
        ann = resolved
        # "Republicans welcomed the report, saying .... They also said ...": "they" right after
        # a group spoke is that group ("they said" alone is no one: _resolve_pronoun)
        if (not ann.speaker and ann.reporting_verb and group_before is not None
                and st.paragraph - group_before[0] <= 1 and _they_said(st.text, lexicon, in_quote)):
            ann = ann._replace(speaker=group_before[1], speaker_span=None)
        group_before = (st.paragraph, ann.speaker) if ann.speaker and is_group(ann.speaker) else None
        if not ann.speaker and named and st.paragraph - named[-1][0] <= BLOCK_PARAGRAPHS and _block_quoted(st, text):
            # (a reading of the layout, as a pronoun's is: not itself a person named for "he said")
            out.append(ann._replace(speaker=named[-1][1], speaker_span=None))
            continue
        if ann.speaker and _unknown_label(ann.speaker, st, text):
            ann = ann._replace(speaker="", speaker_span=None)
        if ann.speaker[:4] in ("the ", "The ") and ann.speaker[4:].lower() in authored:
            ann = ann._replace(speaker=authored[ann.speaker[4:].lower()], speaker_span=None)
        for document, said_in in _documents_brought_in(st.text, lexicon):
            if said_in and ann.speaker[:1].isupper() and not is_group(ann.speaker):
                authored[document] = ann.speaker
            else:
                authored.pop(document, None)
        # a person "he said" can stand for; not a group named in one plural word ("Democrats"),
        # nor who asks (the one asked answers next: "X asked Reed, “...?” He said ...")
        if ann.speaker[:1].isupper() and not is_group(ann.speaker) and ann.reporting_verb not in lexicon.asking_verbs:
            named.append((st.paragraph, ann.speaker))
        out.append(ann)
    return tuple(_quoted_together(statements, out, text, lexicon.asking_verbs))


def _subjectless(text: str, lexicon: Lexicon) -> bool:
    """Does a clause open on "but" or "and" and a verb of speaking, no subject
    between ("but said the harbour stays open", "but would not say whether"), or go
    on with what was said ("but that the harbour stays open")?  Not "and seemed
    to ...", "And her tone ...": told of, not said."""
    words = text.split(None, 2)
    if len(words) < 3 or words[0].lower() not in ("but", "and"):
        return False
    if words[1] == "that":
        return True
    toks = Toks(plain(text))
    first = min((i for i, _j, _e in _verbs(toks, match_cues(toks, lexicon).get("verb", ()), lexicon)), default=0)
    return 1 <= first <= 3 and all(toks.keys[m] in lexicon.helper_verbs or toks.keys[m] in ("not", "also")
                                   for m in range(1, first))


# how many paragraphs back the writer of a block quotation may have been named
BLOCK_PARAGRAPHS = 2
_FIRST_OR_SECOND_PERSON_RE = re.compile(r"\b(?:I|[Mm]y|[Mm]e|[Ww]e|[Oo]ur|[Uu]s|[Yy]ou|[Yy]our)\b")


def _block_quoted(st: Statement, text: str) -> bool:
    """Is ``st`` in a paragraph quoted as a block: after a paragraph that ends
    on a colon ("Read the full post via Tattler:", "..., saying:"), without
    quotation marks of its own or one quotation whole, or on a comma ("He
    added,"), one quotation whole, in the first or second person?  Its words are
    then the person named as speaker last (read 46: a letter printed whole
    after its writer "wrote that ...")."""
    # the character before the paragraph's blank lines, found without copying the text before it
    # (this runs for most statements without a speaker: a copy would be quadratic in a long file)
    k = st.paragraph_start - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    if st.paragraph_start <= 0 or k < 0 or text[k] not in ":,":
        return False
    paragraph = text[st.paragraph_start:st.paragraph_end]
    # after a comma ("He added," ¶ "“We will want to see the figures ...”"), only a quotation whole
    if any(q in paragraph[:2] for q in _QUOTE_MARKS) or text[k] == ",":
        # a paragraph that is one quotation, with no attribution of its own ('Reed tweeted his own
        # account in response:' ¶ '“... I asked you to come and explain ...”', read 54)
        spans = quotations(paragraph)
        if not (len(spans) == 1 and spans[0][0] <= 1 and spans[0][1] >= len(paragraph.rstrip()) - 1):
            return False
    return _FIRST_OR_SECOND_PERSON_RE.search(paragraph) is not None


@lru_cache(maxsize=4)
def _document_re(documents: frozenset[str]) -> re.Pattern[str]:
    names = "|".join(sorted(map(re.escape, documents), key=lambda d: (-len(d), d)))
    return re.compile(rf"\b(in\s+)?(?:an?|his|her|their|its)\s+(?:[\w-]+\s+){{0,2}}?({names})\b", re.IGNORECASE)


def _documents_brought_in(text: str, lexicon: Lexicon) -> list[tuple[str, bool]]:
    """The documents a statement brings in ("a letter", "his statement"), each
    with whether its speaker speaks in it ("Hale said in a statement ...": then
    "the statement continued" is Hale's words, not a document's)."""
    if not lexicon.documents:
        return []
    lowered = text.lower()
    if not any(d in lowered for d in lexicon.documents):  # most statements name no document: no regex run
        return []
    found = []
    toks: Toks | None = None
    verb_ends: set[int] = set()
    for m in _document_re(lexicon.documents).finditer(text):
        said_in = bool(m.group(1)) and not text[m.end():].lstrip().startswith("from ")  # "a letter from his agent"
        if said_in:  # "in" right after a verb of speaking, a word or two between ("said Friday in a statement")
            if toks is None:
                toks = Toks(plain(text))
                verb_ends = {j for _i, j, _e in _verbs(toks, match_cues(toks, lexicon).get("verb", ()), lexicon)}
            k = toks.starts.index(m.start(1)) if m.start(1) in toks.starts else -1
            said_in = any(k - 3 <= j - 1 < k for j in verb_ends)
        found.append((m.group(2).lower(), said_in))
    return found


def _unknown_label(speaker: str, st: Statement, text: str) -> bool:
    """Is ``speaker`` a label opening the title ("Servers Down: ...", "Harbour
    Showdown: Rep. Ford Enters The Race") that names no one the text
    names elsewhere?  A headline's keywords before a colon look like a
    transcript turn ("Dunn: I don't know ...", whose Dunn the story
    names again); a transcript's turns further down are left alone."""
    if st.paragraph != 0:
        return False
    begin = text.rfind("\n", 0, st.start) + 1  # the label may open the line, not the statement
    while begin < st.end and text[begin].isspace():
        begin += 1
    label = speaker + ":"
    if begin + len(label) > st.end or not text.startswith(label, begin):  # (no copy of the line: it may be the whole text)
        return False
    last = re.escape(speaker.split()[-1])
    outside = text[:begin] + " " + text[st.end:]
    return _pattern(rf"\b{last}\b").search(outside) is None


def _quoted_together(statements: Sequence[Statement], anns: list[Annotation], text: str,
                      asking: frozenset[str] = frozenset()) -> list[Annotation]:
    """The sentences of one quotation are one speaker's: a statement inside a
    quotation that runs over several statements of a paragraph takes the
    speaker its other statements name, when they name one ('“A. B,” Smith
    said': A is Smith's too); and a quotation that opens a statement with no
    attribution of its own is the speaker's of the quotation before it in the
    paragraph ('“A,” Smith said. “B.”'), unless that one was asked (``asking``
    verbs: the one asked answers next)."""
    out = list(anns)
    by_paragraph: dict[tuple[int, int], list[int]] = {}
    for k, st in enumerate(statements):
        if st.paragraph_start >= 0:
            by_paragraph.setdefault((st.paragraph_start, st.paragraph_end), []).append(k)
    for (ps, pe), ks in by_paragraph.items():
        if len(ks) < 2 or not any(q in text[ps:pe] for q in _QUOTE_MARKS):
            continue
        before: tuple[str, str] | None = None  # the speaker of the quotation before, in this paragraph
        for qs, qe in quotations(text[ps:pe]):
            inside = [k for k in ks if statements[k].start < ps + qe and statements[k].end > ps + qs]
            said = {out[k].speaker for k in inside if out[k].speaker}
            if not said and before and inside and statements[inside[0]].start >= ps + qs \
                    and len(text[ps + qs:ps + qe].split()) >= QUOTED_SENTENCE_WORDS:
                # '“A,” Smith said. “B.”': a quotation opening a statement, with no
                # attribution of its own, goes on with the speaker of the one before
                said = {before[0]}
                for k in inside:
                    out[k] = out[k]._replace(speaker=before[0], reporting_verb=out[k].reporting_verb or before[1],
                                             speaker_span=None)
            if len(said) != 1:
                before = None
                continue
            who = said.pop()
            verb = next((out[k].reporting_verb for k in inside if out[k].speaker == who), "")
            before = (who, verb) if verb not in asking else None
            for k in inside:
                if not out[k].speaker:
                    out[k] = out[k]._replace(speaker=who, reporting_verb=out[k].reporting_verb or verb, speaker_span=None)
    return _quoted_on(statements, out, text, asking)


def _quoted_on(statements: Sequence[Statement], anns: list[Annotation], text: str,
               asking: frozenset[str] = frozenset()) -> list[Annotation]:
    """A paragraph that opens a quotation, or goes on with one left open, and
    attributes nothing is the speaker's whose attributed quotation ends the
    paragraph before ('“...,” Reed's attorney said. ¶ “A short letter would
    have done the job. ¶ Mr. Reed has nothing to hide.”')."""
    out = list(anns)
    paragraphs: dict[int, list[int]] = {}
    for k, st in enumerate(statements):
        if st.paragraph_start >= 0:
            paragraphs.setdefault(st.paragraph, []).append(k)
    carry: tuple[str, str] | None = None  # (speaker, verb) the next paragraph may go on with
    still_open = False  # the quotation is still open at the end of the paragraph before
    for p in sorted(paragraphs):
        ks = paragraphs[p]
        first = statements[ks[0]]
        here = text[first.paragraph_start:first.paragraph_end]
        if (carry is not None and p - 1 in paragraphs and (here.lstrip()[:1] in "“\"" or still_open)
                and not any(out[k].speaker or out[k].reporting_verb for k in ks)):
            for k in ks:
                out[k] = out[k]._replace(speaker=carry[0], reporting_verb=carry[1], speaker_span=None)
            # open at its end: curly marks counted, each straight one turns it over
            if "“" in here or "”" in here:
                still_open = still_open + here.count("“") - here.count("”") > 0
            else:
                still_open = still_open != (here.count('"') % 2 == 1)
            continue
        last = out[ks[-1]]
        quoted = any(q in statements[ks[-1]].text for q in _QUOTE_MARKS)
        carry = (last.speaker, last.reporting_verb) if last.speaker and quoted and last.reporting_verb not in asking else None
        still_open = False
    # ... and one that opens a quotation and leaves it open, attributing nothing, is the speaker's
    # of the paragraph the quotation runs into ("“As we’ve said before ... ¶ We stand ...,” he said")
    for p in sorted(paragraphs, reverse=True):
        ks, after = paragraphs[p], paragraphs.get(p + 1)
        here = text[statements[ks[0]].paragraph_start:statements[ks[0]].paragraph_end]
        if (after and out[after[0]].speaker and out[after[0]].reporting_verb not in asking
                and here[:1] in _QUOTE_MARKS and _left_open(here)
                and _goes_on_quoting(text[statements[after[0]].paragraph_start:statements[after[0]].paragraph_end])
                and not any(out[k].speaker or out[k].reporting_verb for k in ks)):
            for k in ks:
                out[k] = out[k]._replace(speaker=out[after[0]].speaker, reporting_verb=out[after[0]].reporting_verb,
                                         speaker_span=None)
    return out


# words a quotation needs to go on with the speaker before it: not a phrase in
# quotation marks ("a “quiet revolt.”")
QUOTED_SENTENCE_WORDS = 4


_NAME_CHAR = one_of(r"\w'’-")
# a name of up to three words, a middle initial besides ("Tom D. Reed")
_NAME = rf"((?:[A-Z]{_NAME_CHAR}+\s+){{0,2}}(?:[A-Z]\.\s+)?[A-Z]{_NAME_CHAR}+)"
_QUOTE_MARKS = '"“”'
_POSSESSIVE_RE = re.compile(r"['’]s?$")


def _title_case_line(text: str, at: int) -> bool:
    """Is the line holding offset ``at`` a headline in Title Case, where every
    word is capitalised and a capital names no one ("Councillor Apologizes")?"""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    words = [w for w in text[start:end if end >= 0 else len(text)].split() if len(w) > 3 and w[:1].isalpha()]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.85 * len(words)


# Patterns made of a name or role met in the text, kept compiled: a long text or
# a corpus meets more of them than the `re` module's own cache holds (512), and
# compiling one again costs ~0.1 ms (annotating the BASIL statements compiled some
# 900 over again).
@lru_cache(maxsize=4096)
def _pattern(source: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(source, flags)


# The name part is compiled once, not into a new pattern per speaker or role:
# its character class (\w with a curly quote) makes every compile cost about
# 1 ms, and a long text meets hundreds of different roles.
@lru_cache(maxsize=1)
def _name_re() -> re.Pattern[str]:
    return re.compile(_NAME)


# [A-Z] as re matches it when case is ignored (the letters either case and the
# four characters it takes for one), without re.IGNORECASE: ignoring case, re
# builds the class into a 65,536-entry bitmap (see tokens.one_of)
_ANY_CASE_LETTER = one_of("A-Za-z" + "".join(c for c, _ascii in _IGNORECASE_ASCII))


@lru_cache(maxsize=1)
def _apposed_re() -> re.Pattern[str]:
    # an abbreviated form of address or title before the name is none of it ("The lawyer, Mr. Dunn,")
    return re.compile(r"\s*,\s+(?:[A-Z][a-z]{1,3}\.\s+)?" + _NAME.replace("[A-Z]", _ANY_CASE_LETTER))


def _apposed(words: str, sentence: str) -> re.Match[str] | None:
    r"""``re.search(re.escape(words) + r"\s*,\s+" + _NAME, sentence, re.I)``:
    the name after the first place where ``words`` (any case) is followed by a
    comma.  The words match a fixed number of characters, so trying the rest
    after each place in turn finds the same match."""
    lead = _pattern(re.escape(words), re.IGNORECASE)
    tail = _apposed_re()
    at = lead.search(sentence)
    while at is not None:
        m = tail.match(sentence, at.end())
        if m is not None:
            return m
        at = lead.search(sentence, at.start() + 1)
    return None


def _last_with_role(head: str, text: str, accept: Callable[[int, str], bool] = lambda _at, _name: True,
                    abbreviated: bool = True) -> str | None:
    """The person ``text`` names right after the role (``role + _NAME``, group
    1, that ``accept(start of the match, name)`` takes), where the role is
    ``head`` or, if ``abbreviated``, its first three letters and a dot: of several, the one whose
    last name ``text`` mentions last, however.  "The governor" after "Gov.
    Tom Reed later vowed ..." and "Hale, too, said ..." is Hale.
    The role and the blanks after it match in one way only, so matching the
    name after each role found is the same scan."""
    role = _pattern(rf"(?i:\b(?:{re.escape(head)}|{re.escape(head[:3])}\.))\s+" if abbreviated
                    else rf"(?i:\b{re.escape(head)})\s+")
    name = _name_re()
    found: list[str] = []
    pos = 0
    while (r := role.search(text, pos)) is not None:
        m = name.match(text, r.end())
        if m is None:
            pos = r.start() + 1
            continue
        if accept(r.start(), m.group(1)):
            # "President Hale's adviser" names Hale
            found.append(_POSSESSIVE_RE.sub("", m.group(1)))
        pos = m.end()
    lasts = {who.split()[-1] for who in found}
    if len(lasts) < 2:
        return found[-1] if found else None
    # one scan for all of them: where each last name is mentioned last
    names = "|".join(map(re.escape, sorted(lasts, key=len, reverse=True)))
    last_at = {m.group(): m.start() for m in re.finditer(rf"\b(?:{names})\b", text)}
    return max(reversed(found), key=lambda who: last_at.get(who.split()[-1], -1))


_PRONOUN_RE = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_GENDERED = {"he": (r"\bMr\.?\s+", r"\b(?:he|him|his)\b"), "she": (r"\b(?:Mrs|Ms|Miss)\.?\s+", r"\b(?:she|her|hers)\b")}


# Compiled when a pronoun first needs them (~1 ms, a run of the seeds none):
@lru_cache(maxsize=1)
def _titled_re() -> re.Pattern[str]:
    """A capitalised word and the name after it (a lookahead: "But Ms. Ann Lee" holds "Ms. Ann Lee")."""
    return re.compile(r"(?=\b([A-Z][a-z]{1,15})\.?\s+((?:[A-Z][\w'’-]*\.?\s+){0,3}[A-Z][\w'’-]+))")


@lru_cache(maxsize=1)
def _name_run_re() -> re.Pattern[str]:
    """A name without a title: two capitalised words or more, or one that opens
    the paragraph before a comma ("Dunn, who worked for President Reed, ...")."""
    return re.compile(r"\b[A-Z][a-z]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][\w'’-]+)+|^[A-Z][a-z]+(?=,)")


def _opening_role(paragraph: str, roles: frozenset[str]) -> tuple[str, int] | None:
    """The role ``paragraph`` opens on, after "the" and up to three lower-case
    words, when a lower-case word (its verb) follows it: ("justice", where it
    ends) for "The longtime county justice had opened ..."; None for most."""
    m = _ROLE_OPENING_RE.match(paragraph)
    if m is None:
        return None
    words = list(_WORD_RE.finditer(paragraph, m.end(), m.end() + 120))
    for k, w in enumerate(words[:4]):
        if not w.group().islower():
            return None
        if w.group() in roles:
            return (w.group(), w.end()) if k + 1 < len(words) and words[k + 1].group().islower() else None
    return None


_ROLE_OPENING_RE = re.compile(r"[Tt]he\s+")
_LONE_NAME_RE = re.compile(r"([A-Z][a-z]+)(?:\s+[a-z]|\s*[―—–])")  # "Lee touched", "Reed ― who"
# a name opening a sentence, set off by what it is, before its verb: "Tom J. Reed, the
# likely Republican mayoral nominee, seized on ..."
_SENTENCE_SUBJECT_RE = re.compile(r",\s+(?:the|a|an)\s+[^,.;:!?\"“”]{3,80},\s+[a-z]")
_APPOSED_ROLE_RE = re.compile(r",\s+(?:a|an|the)\s+$")


def _paragraph_subject(before: str, text_before: str, pronoun: str, known: Sequence[str], lexicon: Lexicon) -> str:
    """Whom a pronoun in a paragraph stands for when nobody spoke in it yet:
    the first person it names with a title, or who spoke earlier in the text
    (``known``), who can be "he" ("Mr. Reed paid tribute to the crews ...
    “...,” he said"; "But Ms. Lane ... Mr. Reed ... he said"), or set off
    by commas ("the first lady, Ann Reed, questioned Ms. Hale's
    judgment"), outside quotations; "" when another name or a pronoun comes
    first, or none is named."""
    quoted = quotations(before)
    # where a person is named -> (where the name ends, the name); the possessive counts
    # ("Sen. Dunn's response. He accused ..."), though not always ("Judge Hart's nomination")
    people: dict[int, tuple[int, str]] = {}
    gender: dict[int, str] = {}  # what a role noun before an apposed name says: "he" or "she"
    objects: set[int] = set()  # a titled person right after a preposition: its object, no subject
    owners: set[int] = set()  # a titled person named in the possessive ("Judge Hart's nomination")
    for m in _titled_re().finditer(before):
        if m.group(1).lower() in lexicon.person_titles:
            name = _POSSESSIVE_RE.sub("", m.group(2))
            if name.split()[-1].lower() not in lexicon.bodies:
                people[m.start()] = (m.end(2), name)
                if name != m.group(2):
                    owners.add(m.start())
                word_before = before[max(0, m.start() - 16):m.start()].split()[-1:]
                if word_before and word_before[0] in lexicon.prepositions:
                    objects.add(m.start())
    # (not a body, an outlet or an acronym: "PTA", "HBA" are no "he")
    for name in dict.fromkeys(k for k in known if k.split()[-1].lower() not in lexicon.bodies
                              and not k.split()[-1].isupper()):
        for m in _pattern(r"\b" + re.escape(name.split()[-1]) + r"\b").finditer(before):
            people.setdefault(m.start(), (m.end(), name))
    # ... is whom the pronoun stands for only when no titled person is named after it ("Even before
    # Judge Hart's nomination, Ms. Lane drew ... before making plain she thought", read 61)
    for a in owners:
        if any(b > a and b not in owners for b in people):
            del people[a]
    # a name asked about ("Governor Dunn? “Strong,” he said") is whom the question is on, not "he"
    others = [a for a, (e, _n) in people.items() if before.startswith("?", e)]
    for a in others:
        del people[a]
    # a last name alone opening the paragraph, of a person named in full before it ("Lee
    # touched off ..." after "Ann Lee is facing ..."): no body, no group
    lone = _LONE_NAME_RE.match(before)
    word = lone.group(1).lower() if lone else ""
    if lone and 0 not in people and not is_group(lone.group(1)) and all(
            word not in words for words in (lexicon.bodies, lexicon.name_stopwords, STOPWORDS)):
        full = [m.group(1) for m in _pattern(r"\b([A-Z][a-z]+\s+(?:[A-Z]\.\s+)?" + re.escape(lone.group(1)) + r")\b")
                .finditer(text_before, 0, len(text_before) - len(before))
                if not _title_case_line(text_before, m.start())]  # not "FHA Condemns Harbour Board ..."
        first = full[-1].split()[0].lower() if full else ""
        if full and all(first not in words for words in (lexicon.titles, lexicon.person_titles, STOPWORDS)):
            people[0] = (lone.end(1), full[-1])
    # a role opening the paragraph is the person last named with it: "The mayor opted ...",
    # "The longtime county justice had opened ..." (what the role says of the pronoun aside)
    opening = _opening_role(before, lexicon.person_titles)
    if opening and 0 not in people:
        earlier = text_before[:len(text_before) - len(before)]
        found = _last_with_role(opening[0], earlier, lambda at, _name: not _title_case_line(earlier, at),
                                opening[0] in lexicon.abbreviated_roles)
        if found:
            people[0] = (opening[1], found)
    named_at = [(a, e) for a, (e, _n) in people.items()]
    for m in _name_run_re().finditer(before):
        words = m.group().split()
        if (words[0].lower() in STOPWORDS or words[0].lower() in lexicon.person_titles
                or (len(words) == 1 and words[0].lower() in lexicon.name_stopwords)  # "However, ..."
                or any(a <= m.start() < e or m.start() <= a < m.end() for a, e in named_at)):
            continue
        # a name set off by commas after a role, or opening the paragraph before one, is a
        # person ("the first lady, Ann Reed, questioned ..."); any other stops the search
        apposed = before.startswith(",", m.end()) and (m.start() == 0 or before[:m.start()].rstrip().endswith(",")
                                                       or _SENTENCE_SUBJECT_RE.match(before, m.end()) is not None
                                                       and before[:m.start()].rstrip().endswith((".", "!", "?")))
        if (before.startswith(",", m.end()) and not apposed
                and _APPOSED_ROLE_RE.search(before, max(0, m.start() - 8), m.start())):
            continue  # ", a Vermont Democrat,": what the person before is, no one else
        role = before[:m.start()].rstrip().rstrip(",").split()[-1:] if m.start() else []
        said = _role_gender(role[0], lexicon) if role else ""
        # ... and so is a name right after a role that says "he" or "she" ("Tattler spokesman Tom Reed")
        if ((apposed or (said and role[0].islower() and not before.startswith(",", m.end())))
                and words[-1].lower() not in lexicon.bodies and words[-1].lower() not in lexicon.titles):
            people[m.start()] = (m.end(), m.group())
            if said:
                gender[m.start()] = said
        else:
            others.append(m.start())
    # a pronoun before any name ("He ran in 2010. But Sen. Dunn won"): the paragraph goes on about someone before it
    others += [m.start() for m in _PRONOUN_RE.finditer(before)]
    for at in sorted([*people, *others]):
        if any(qs <= at < qe for qs, qe in quoted) or at in objects:
            continue
        if at not in people:
            return ""
        name = people[at][1]
        if gender.get(at, pronoun) == pronoun and (at in gender or _may_be(name, pronoun, text_before)):
            return name
    return ""


def _role_gender(role: str, lexicon: Lexicon) -> str:
    """"he" or "she", as a role noun says ("spokesman", "wife"); "" for most."""
    role = role.lower()
    return "she" if role in lexicon.female_roles else "he" if role in lexicon.male_roles else ""


def _role_says(person: str, pronoun: str, before: str, lexicon: Lexicon) -> bool:
    """Does a role right before ``person``'s name in ``before`` say ``pronoun``
    is theirs ("spokesman Tom Reed": "he")?"""
    return any(_role_gender(m.group(1), lexicon) == pronoun
               for m in _pattern(r"\b(\w+),?\s+" + re.escape(person) + r"\b").finditer(before))


# paragraphs back a pronoun may reach for the last person named as a speaker
PRONOUN_PARAGRAPHS = 3
_CAPITALISED_RE = re.compile(r"\b[A-Z][\w'’-]*")


def _no_one_else(text: str, person: str, at: int, lexicon: Lexicon) -> bool:
    """Does the text from where ``person`` was last named up to ``at`` name no
    one and nothing else outside quotations (no capitalised word but a
    function word or the person's own name)?"""
    last = person.split()[-1]
    since = text.rfind(last, 0, at)
    if since < 0:
        return False
    outside = _outside_quotations(text[since + len(last):at])
    own = {w.lower() for w in person.split()}
    skip = STOPWORDS | lexicon.name_stopwords
    return not any(w.lower() not in skip and w.lower() not in own for w in _CAPITALISED_RE.findall(outside))


def _outside_quotations(text: str, inside: bool = False) -> str:
    """``text`` without what it quotes (``inside``: it opens in a quotation)."""
    spans = quotations(text, inside)
    return "".join(text[a:b] for a, b in zip([0, *(e for _s, e in spans)], [*(s for s, _e in spans), len(text)]))


def _gender_cues(person: str, pronoun: str, before: str) -> tuple[bool, bool, bool, bool]:
    """What the text before says of ``pronoun`` ("he", "she") standing for
    ``person``: an honorific of the pronoun's kind before their last name ("Mr.
    Lee"), one of the other kind, the pronoun in the paragraph that names them
    last, the other pronoun there."""
    last = re.escape(person.split()[-1])
    other = "she" if pronoun == "he" else "he"
    names = r"(?:[A-Z][\w'’-]*\.?\s+){0,2}" + last + r"\b"  # "Ms. Ann Lee", "Mr. Lee"
    at = before.rfind(person.split()[-1])
    paragraph = before[before.rfind("\n", 0, at) + 1:] if at >= 0 else ""
    return (bool(_pattern(_GENDERED[pronoun][0] + names).search(before)),
            bool(_pattern(_GENDERED[other][0] + names).search(before)),
            bool(re.search(_GENDERED[pronoun][1], paragraph, re.IGNORECASE)),
            bool(re.search(_GENDERED[other][1], paragraph, re.IGNORECASE)))


def _is_a(person: str, pronoun: str, before: str) -> bool:
    """Does the text before say ``pronoun`` is ``person``'s: an honorific of its
    kind before their last name, or only that pronoun in the paragraph that
    names them last (``_gender_cues``)?"""
    title_for, title_against, said_for, said_against = _gender_cues(person, pronoun, before)
    return title_for or (said_for and not said_against and not title_against)


# characters before a pronoun's paragraph read for an honorific of the person it may stand for
TITLE_WINDOW = 2000
# how far back the pronoun rules read for what the text says of a person (an article's
# length; a text without paragraphs must not be read again before each statement)
READ_BACK = 20_000


def _titled_as(person: str, pronoun: str, before: str) -> bool:
    """Does no honorific before ``person``'s last name say ``pronoun`` is not
    theirs ("Mr. Reed" is no "she"), one of its kind being absent?"""
    title_for, title_against, _said_for, _said_against = _gender_cues(person, pronoun, before)
    return title_for or not title_against


def _may_be(person: str, pronoun: str, before: str) -> bool:
    """Can ``pronoun`` ("he", "she") stand for ``person``: nothing in the text
    before says otherwise (an honorific of the other kind only, or only the
    other pronoun in the paragraph that names them last: ``_gender_cues``)."""
    title_for, title_against, said_for, said_against = _gender_cues(person, pronoun, before)
    return not (title_against and not title_for) and not (said_against and not said_for)


def _naming_part(st: Statement, text: str, here: str, pronoun: "re.Match[str] | None") -> str:
    """The paragraph ``here`` without what is quoted in it and without what
    the pronoun's sentence reports after "that": "She went on to say that
    Ann and Jo ..." and "“... with Tom Reed as our mayor,” she
    said" name who is spoken of, not who speaks ("... he promised, Mr. Reed
    took care" names him)."""
    part = here
    if pronoun is not None and st.paragraph_start >= 0:
        at = st.start + pronoun.end()
        end = st.sentence_end if st.sentence_end >= 0 else st.end
        reported = re.search(r"\bthat\b", text[at:end])
        if reported is not None:
            part = text[st.paragraph_start:at + reported.start()] + " " + text[end:st.paragraph_end]
    if any(q in part for q in _QUOTE_MARKS):
        kept, last = [], 0
        for qs, qe in quotations(part):
            kept.append(part[last:qs])
            last = qe
        part = " ".join(kept) + " " + part[last:]
    return part


def _resolve(ann: Annotation, st: Statement, text: str, named: list[tuple[int, str]], lexicon: Lexicon,
             in_quote: bool = False, pronouns: dict[str, str] | None = None) -> Annotation:
    """Who "he said" or "the Texas governor said" is: a pronoun is the person
    named as speaker just before (this paragraph or the one before), unless
    nobody spoke in this paragraph yet and it opens on another person, named
    with a title or who spoke earlier ("That did not satisfy Justice Dunn.
    “...,” he said": ``_paragraph_subject``); "they said" is no one person; a role
    is the person last named right after that role in the text before ("Gov.
    Jane Smith"), not another role after it ("Police Chief Tom Reed" is
    not "the police", "the Police Department" is no one)."""
    if not ann.reporting_verb:
        return ann
    if not ann.speaker and not st.speaker_hint:
        got = _resolve_pronoun(ann, st, text, named, lexicon, in_quote, pronouns or {}) if named else ann
        if got.speaker or ann.reporting_verb in lexicon.asking_verbs:  # who asks is seldom who spoke before
            return got
        got = _previous_subject(got, st, text, named, lexicon)
        return got if got.speaker else _sentence_subject(got, st, text, named, lexicon)
    return _resolve_role(ann, st, text, lexicon)


def _resolve_pronoun(ann: Annotation, st: Statement, text: str, named: list[tuple[int, str]], lexicon: Lexicon,
                     in_quote: bool, pronouns: dict[str, str]) -> Annotation:
    """"he said" as the person named as speaker before (``_resolve``), not one
    an earlier pronoun of the other kind stood for (``pronouns``)."""
    if "they" in st.text.lower() and _they_said(st.text, lexicon, in_quote):
        return ann
    paragraph, person = named[-1]
    here = text[st.paragraph_start:st.paragraph_end] if st.paragraph_start >= 0 else st.text
    pronoun = _PRONOUN_RE.search(st.text)
    # (the other pronoun too in the statement: which is the speaker's is not read here)
    said = {m.group().lower() for m in _PRONOUN_RE.finditer(st.text)}
    if pronoun and (_named_after(person, st.text, pronoun.end())
                    or (len(said) == 1 and pronouns.get(person, pronoun.group().lower()) != pronoun.group().lower())):
        person = ""  # "He demanded that Mr. Dunn resign": he is not Dunn
    last = person.split()[-1].lower() if person else ""
    if pronoun and last in lexicon.bodies and (last in lexicon.outlet_words or _pattern(
            r"\b(?:[Tt]he|an?)\s+" + re.escape(person) + r"\b").search(text, max(0, st.start - READ_BACK), st.start)):
        # a body or an outlet, written with an article, is no "he" ("a Harbour Gazette
        # report detailed ... “...,” he said"), where "Tom Reed" may be; nor an
        # outlet whose name ends in a word no surname is ("Harbour News confirmed ... he asked")
        person = ""
    if pronoun and paragraph != st.paragraph and st.paragraph_start >= 0:
        at = st.start + pronoun.start()  # the paragraph up to the pronoun, the statement's own words too
        subject = _paragraph_subject(text[st.paragraph_start:at], text[:at], pronoun.group().lower(),
                                     [who for _p, who in named], lexicon)
        if (subject and (not person or subject.split()[-1] != person.split()[-1])
                and not _named_after(subject, st.text, pronoun.end())):
            return ann._replace(speaker=subject, speaker_span=None)
    # the person named last, when this paragraph is theirs (they speak in it, or are named
    # in it), or "he said" right after the paragraph they spoke in, if nothing there says
    # the pronoun is not theirs ("Ms. Hale" is no "he")
    if not person:
        return ann
    # ... unless an honorific says the pronoun is not theirs ("She sued him, claiming ..." in a
    # paragraph naming Mr. Reed), read in the paragraph and TITLE_WINDOW characters before it
    around = (st.paragraph_start if 0 <= st.paragraph_start < st.start else st.start) - TITLE_WINDOW
    if (paragraph == st.paragraph or person.split()[-1] in _naming_part(st, text, here, pronoun)) and (
            not pronoun or _titled_as(person, pronoun.group().lower(), text[max(0, around):st.start + pronoun.start()])):
        return ann._replace(speaker=person, speaker_span=None)
    if (paragraph == st.paragraph - 1 and pronoun and _may_be(person, pronoun.group().lower(),
                                                              text[max(0, st.start - READ_BACK):st.start])
            and not _names_another(st.text[:pronoun.start()], person, in_quote)):
        return ann._replace(speaker=person, speaker_span=None)
    # ... or a few paragraphs on, for a quotation, when the text since names no one
    # else outside quotations and the text says the person is a "he" (or "she"): a
    # speech quoted paragraph after paragraph ("“...,” he declared")
    if (pronoun and st.paragraph - paragraph <= PRONOUN_PARAGRAPHS and any(q in st.text for q in _QUOTE_MARKS)
            and person.split()[-1].lower() not in lexicon.bodies
            and _is_a(person, pronoun.group().lower(), text[max(0, st.start - READ_BACK):st.start])
            and _no_one_else(text, person, st.start + pronoun.start(), lexicon)):
        return ann._replace(speaker=person, speaker_span=None)
    return ann


# a run of capitalised words: a full name is one of two ("when Jo Hart,"; not "At the
# Harbour War Memorial", nor "In January" or "Of Reed": a function word first)
_CAPITALISED_WORDS_RE = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")


def _names_another(head: str, person: str, in_quote: bool) -> bool:
    """Does ``head``, the words of a statement before its pronoun, name in full
    someone other than ``person``, outside quotations ("... when Jo Hart,
    running for the seat, defended what he called ..." is not the person of the
    paragraph before)?"""
    names = set(person.split())
    prose = _outside_quotations(head, in_quote)
    for m in _CAPITALISED_WORDS_RE.finditer(prose):
        words = m.group().split()
        # (a run joined to the one before it by a dash is one place: "Lake College–Hill Valley")
        if (len(words) == 2 and all(w[1:].isalpha() and w[1:].islower() for w in words)
                and (m.start() == 0 or prose[m.start() - 1].isspace())
                and words[0].lower() not in STOPWORDS and not set(words) & names):
            return True
    return False


def _named_after(person: str, text: str, at: int) -> bool:
    """Does ``text`` name ``person`` (by last name) after offset ``at``, in the
    same clause, outside quotations?  A pronoun is never the person its own
    clause goes on to name ("He demanded that Mr. Dunn resign": not Dunn)."""
    last = person.split()[-1] if person else ""
    if not last or last not in text[at:]:  # most statements do not name them again: no scan
        return False
    after = _outside_quotations(text[at:])
    # a word of its own (no pattern compiled per name), in the pronoun's own clause: no comma
    # or dash between ("he promised ..., Mr. Reed took care": another clause, maybe theirs)
    named = next((m for m in _WORD_RE.finditer(after) if m.group() == last), None)
    return named is not None and not _CLAUSE_BREAK_RE.search(after, 0, named.start())


_WORD_RE = re.compile(r"[\w'’-]+")


_CLAUSE_BREAK_RE = re.compile(r"[,;:—–]|\s-{1,2}\s")


def _previous_subject(ann: Annotation, st: Statement, text: str, named: list[tuple[int, str]],
                      lexicon: Lexicon) -> Annotation:
    """A quotation that opens its paragraph, attributed to "he" or "she", is
    the person the paragraph before is about: the first it names, with a title
    or who spoke earlier, before any other name or pronoun (``_paragraph_subject``):
    "Mr. Dunn, speaking to a local radio station, flatly rejected
    that idea. ¶ “I share the worry ...,” he said."  So is a paragraph of prose
    that opens on the pronoun, on stricter terms (``_opens_on``)."""
    if st.paragraph_start < 0:
        return ann
    paragraph = text[st.paragraph_start:st.end]
    # a quotation run over paragraphs is told from the paragraph before its first:
    # "Tom Reed doubled down ... ¶ “As we’ve said before ... ¶ We stand ...,” he said."
    opened_at = _quotation_opened_at(text, st.paragraph_start)
    spans = quotations(paragraph, inside=opened_at < st.paragraph_start)
    pronoun = next((m for m in _PRONOUN_RE.finditer(paragraph, st.start - st.paragraph_start)
                    if not any(qs <= m.start() < qe for qs, qe in spans)), None)
    if pronoun is None:
        return ann  # no "he said"
    # ... or a paragraph that opens on the pronoun: "He said the Harbour Board remains opposed ..."
    if pronoun.start() and (not spans or paragraph[:spans[0][0]].strip()):
        return ann  # the paragraph opens neither on the quotation nor on the pronoun
    if _CAPITALISED_RE.search(_outside_quotations(paragraph[:pronoun.start()], opened_at < st.paragraph_start)):
        return ann  # someone named outside the quotations before the pronoun
    end = len(text[:opened_at].rstrip())
    start = text.rfind("\n", 0, end) + 1
    if end <= start:
        return ann
    before = text[start:end]
    subject = _paragraph_subject(before, text[:end], pronoun.group().lower(), [who for _p, who in named], lexicon)
    last = subject.split()[-1] if subject else ""
    # the person is what a sentence there opens on ("However, Hale appeared to ...", not "...
    # criticism aimed at Reed's move"), does not name themselves in what they say, and the
    # text says the pronoun is theirs (an honorific, or that pronoun alone where they are named last)
    # or a title there says they are the one in office the story follows ("Press Secretary Jo Hart
    # was asked ... ¶ He said"), and nothing says the pronoun is not theirs
    known = any(who.split()[-1] == last for _p, who in named) or _titled_subject(before, last, lexicon)
    if (not subject or last in st.text or not _opens_sentence(before, last, lexicon.titles)
            or not (_is_a(subject, pronoun.group().lower(), text[:end])
                    or _role_says(subject, pronoun.group().lower(), before, lexicon)
                    or (known and _may_be(subject, pronoun.group().lower(), text[:end])))):
        return ann
    if pronoun.start() == 0 and not _opens_on(before, last, subject, pronoun.group().lower(), known, text[:end]):
        return ann
    # nobody else there of the same last name ("Jo Hart" after "Ann Hart" spoke)
    given = subject.split()[-2] if len(subject.split()) > 1 else ""
    for m in _pattern(r"\b([A-Z][a-z]+)\s+" + re.escape(last) + r"\b").finditer(before):
        if given and m.group(1) != given and m.group(1).lower() not in lexicon.person_titles:
            return ann
    return ann._replace(speaker=subject, speaker_span=None)


def _left_open(paragraph: str) -> bool:
    """Does a quotation opened in ``paragraph`` run on past its end?  A
    straight mark turns it over, whichever kind opened it ("“... government.\"")."""
    opened = False
    for m in _QUOTE_RE.finditer(paragraph):
        opened = m.group() == "\u201c" or (m.group() == '"' and not opened)
    return opened


def _goes_on_quoting(paragraph: str) -> bool:
    """Does ``paragraph`` open inside a quotation: on a quotation mark, or with
    a closing one first ("We stand by it ...,” he said")?"""
    m = _QUOTE_RE.search(paragraph)
    return m is not None and (m.start() == 0 or m.group() == "\u201d"
                              or (m.group() == '"' and not paragraph[m.start() - 1].isspace()))


# paragraphs one quotation may run over
QUOTED_PARAGRAPHS = 4


def _quotation_opened_at(text: str, paragraph_start: int) -> int:
    """Where the paragraph that opens the quotation the paragraph at
    ``paragraph_start`` goes on with begins: paragraphs that open on a
    quotation mark and leave it open ("“A. ¶ “B. ¶ C,” he said"), up to
    QUOTED_PARAGRAPHS; ``paragraph_start`` itself when it goes on with none."""
    at = paragraph_start
    for _ in range(QUOTED_PARAGRAPHS):
        end = len(text[:at].rstrip())
        start = text.rfind("\n", 0, end) + 1
        before = text[start:end]
        if end <= start or before[:1] not in _QUOTE_MARKS + "\u201c" or not _left_open(before):
            break
        at = start
    return at


def _sentence_subject(ann: Annotation, st: Statement, text: str, named: list[tuple[int, str]],
                      lexicon: Lexicon) -> Annotation:
    """"he announced" after a comma, in a sentence that opens on a person named
    with a title or set off ("Rep. Tom Reed (R-Texas) is stepping down from
    Congress, he announced Friday"), is that person, when no one else is named
    between and nothing says the pronoun is not theirs (``_paragraph_subject``)."""
    start = st.sentence_start if st.sentence_start >= 0 else st.start
    sentence = text[start:st.end]
    spans = quotations(sentence)
    pronoun = next((m for m in _PRONOUN_RE.finditer(sentence, st.start - start)
                    if not any(qs <= m.start() < qe for qs, qe in spans)), None)
    if pronoun is None or not sentence[:pronoun.start()].rstrip().endswith(","):
        return ann
    head = sentence[:pronoun.start()]
    subject = _paragraph_subject(head, text[:start + pronoun.start()], pronoun.group().lower(),
                                 [who for _p, who in named], lexicon)
    named_at = head.find(subject.split()[-1]) if subject else -1
    if named_at < 0 or not _opens_sentence(head, subject.split()[-1], lexicon.titles):
        return ann
    # the person is the subject of a verb before the comma: "Saying President Reed, he said"
    # and "Localism, he told" are not
    verb = _SET_OFF_RE.sub("", head[named_at + len(subject.split()[-1]):], count=1).lstrip()
    if not verb[:1].islower():
        return ann
    return ann._replace(speaker=subject, speaker_span=None)


_SET_OFF_RE = re.compile(r"^\s*(?:\([^()]*\)|,[^,]*,)")  # "(R-Texas)", ", the official,"


_CAPITALISED_RUN_RE = re.compile(r"(?:\b[A-Z][\w'’.-]*\s+)*$")


_ANY_PRONOUN_RE = re.compile(r"\b(?:he|him|his|she|her|hers)\b", re.IGNORECASE)


def _titled_subject(before: str, last: str, lexicon: Lexicon) -> bool:
    """Is the name ``last`` first written in ``before`` after a title of
    office among the capitalised words before it ("Press Secretary Jo Hart"),
    in a paragraph where no pronoun brings in anyone else ("Rep. Jo Hart asked
    her if she could ... ¶ She said")?"""
    if _ANY_PRONOUN_RE.search(_outside_quotations(before)):
        return False
    at = before.find(last)
    run = _CAPITALISED_RUN_RE.search(before[:at]) if at >= 0 else None
    return run is not None and any(w.lower().rstrip(".") in lexicon.person_titles for w in run.group().split())


def _opens_on(before: str, last: str, person: str, pronoun: str, spoke: bool, text_before: str) -> bool:
    """A paragraph of prose that opens on "he said" goes on with the person the
    paragraph before opens on (only a title or given names before them: "Mr.
    Dunn's letter ... ¶ He said ..."), when an honorific there says the pronoun
    is theirs, or they spoke before and nothing says it is not theirs: prose,
    unlike a quotation, may be about anyone the story named."""
    head = before[:before.find(last)]
    if _CAPITALISED_RUN_RE.fullmatch(head) is None:
        return False
    title_for, _against, _said_for, _said_against = _gender_cues(person, pronoun, text_before)
    return title_for or (spoke and _may_be(person, pronoun, text_before))


def _opens_sentence(paragraph: str, last: str, roles: frozenset[str] = frozenset()) -> bool:
    """Does the first mention of the name ``last`` outside quotations in
    ``paragraph`` open a sentence: only capitalised words (a title, a first
    name, a role) or ``roles`` ("Tattler spokesman Tom") between it and the
    paragraph's start, a sentence's end, or the comma or dash after an
    opening phrase?"""
    quoted = quotations(paragraph)
    for m in _pattern(r"\b" + re.escape(last) + r"\b").finditer(paragraph):
        if any(qs <= m.start() < qe for qs, qe in quoted):
            continue
        head = paragraph[:m.start()]
        run = _CAPITALISED_RUN_RE.search(head)
        rest = head[:run.start()].rstrip() if run else head.rstrip()
        words = rest.split()
        while words and words[-1] in roles:  # a role and what it is of: "Tattler spokesman"
            words.pop()
            while words and words[-1][:1].isupper() and words[-1][-1:].isalnum():
                words.pop()
        rest = " ".join(words)
        return not rest or rest.endswith((".", "!", "?", ",", ":", '"', "”", "—", "–"))
    return False


def _resolve_role(ann: Annotation, st: Statement, text: str, lexicon: Lexicon) -> Annotation:
    """"the Texas governor said" as the person named right after that role before (``_resolve``)."""
    titles, bodies = lexicon.titles, lexicon.bodies
    if ann.speaker.startswith("the "):
        sentence = text[st.sentence_start:st.sentence_end] if st.sentence_start >= 0 else st.text
        apposed = _apposed(ann.speaker[4:], sentence)
        if (apposed and all(w[:1].isupper() for w in apposed.group(1).split())  # "said the spokesman, Tom Reed"
                and not PARTY_RE.match(apposed.group(1))):  # not "Rep. Jo Hart, R-N.Y."
            words = apposed.group(1).split()
            while len(words) > 2 and words[0].lower().rstrip(".") in titles:
                words.pop(0)  # "The committee's chairman, Senator Mark J. Dunn,": the person
            return ann._replace(speaker=" ".join(words), speaker_span=None)
        head = ann.speaker.split()[-1].lower()
        # a plural role is no one person, its plural first or last ("attorneys general")
        plural = any(w.endswith("s") and w[:-1] in titles for w in ann.speaker.lower().split()[1:-1])
        if (len(head) >= 4 and head.isalpha() and head not in bodies and head not in lexicon.lowercase_bodies
                and not head.endswith("s") and not plural):
            before = text[max(0, st.start - 20000):st.start]

            # "the budget director" is not the "policy director" named before: a
            # lower-case word before the role must be there too, unless it only
            # says when or how long ("former", "acting": data/cues.toml)
            said = _pattern(rf"(\S+)\s+{re.escape(head)}\b", re.IGNORECASE).search(st.text)
            kind = said.group(1) if said and said.group(1).isalpha() and said.group(1).islower() else ""
            kind = "" if kind in STOPWORDS or kind in lexicon.loose_role_words else kind

            def is_person(at: int, name: str) -> bool:  # a person right after the role, not in a headline
                prior = before[max(0, at - 20):at].lower().split()[-1:]  # "Vice" President, "Lt." Gov.
                other_office = bool(prior) and prior[0].rstrip(".") in lexicon.office_modifiers and prior[0] != kind
                return (name.split()[0].lower().rstrip(".") not in titles and not _title_case_line(before, at)
                        and not other_office
                        and (not kind or kind in before[max(0, at - 60):at].lower().split()[-3:]))

            found = _last_with_role(head, before, is_person, head in lexicon.abbreviated_roles)
            if found is not None:
                return ann._replace(speaker=found, speaker_span=None)
    return ann
