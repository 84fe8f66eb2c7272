"""Cue lists compiled for matching: hedges, certainty, negations, reporting
verbs, loaded labels, speaker words and the number grammar.

Built from parsed TOML documents (``data/cues.toml``, ``data/labels.toml``,
a topic's own labels); reading the files is the input layer's job
(``config.py``).  Inflected terms are stored once, by their base word: a
word met in a text is reduced to the bases it could inflect, so compiling
costs one dictionary entry per term, not one per inflection.
"""
# No `from __future__ import annotations`: typing.NamedTuple compiles every string
# annotation into a ForwardRef at start-up (~35 us a field, ~9 ms a run in all).

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from .errors import ConfigError
from .numbers import NumberGrammar, compile_numbers
from .tokens import base, plain

_LEVELS = ("strong", "weak")


LABEL_EXCEPT = "not_labels"  # the labels.toml table of phrases that hold a label's word but are none


class Entry(NamedTuple):
    """One cue: a word sequence and what it means."""

    words: tuple[str, ...]
    group: str  # hedge | certainty | negation | label | verb | except:<group>
    kind: str  # strong/weak, negation/outcome, label category, ""
    value: str  # canonical term or verb lemma
    inflect: bool  # the first or the last word may carry a regular inflection
    order: int  # position in the lists: the first listed wins a tie


class Lexicon(NamedTuple):
    """Compiled cue lists (build with :func:`compile_lexicon`)."""

    exact: Mapping[str, tuple[Entry, ...]]  # one-word cues matched as written
    inflected: Mapping[str, tuple[Entry, ...]]  # one-word cues by base word
    multi: Mapping[str, tuple[Entry, ...]]  # longer cues by first (base) word
    suffixes: tuple[tuple[str, Entry], ...]  # word endings such as "n't", "'ll"
    titles: frozenset[str]
    speaking_bodies: frozenset[str]  # "campaign": a role that speaks, no role for the aligner
    lowercase_bodies: frozenset[str]  # "firm": ... only in lower case ("the firm said"; "Hale Firm" is a name)
    title_modifiers: frozenset[str]
    name_stopwords: frozenset[str]
    skip_words: frozenset[str]
    helper_verbs: frozenset[str]  # "did", "would": after one capitalised word, a subject's verb
    catenatives: frozenset[str]  # "attempted" of "Hale attempted to explain": skipped before the verb
    particle_gap_words: frozenset[str]  # "Friday" of "called Friday for": a two-word cue matches across one
    asides: frozenset[str]  # "meanwhile" of "X, meanwhile, blasted ..."
    skip_phrases: frozenset[tuple[str, ...]]  # "this morning": words a skip word may be (skip_back)
    unnamed_people: frozenset[str]  # "person": speaks only as described ("a person familiar with ...")
    unnamed_kinds: frozenset[str]  # "those": ... and never by "who" ("those who want ...": a kind of people)
    source_descriptions: frozenset[tuple[str, ...]]  # "familiar with": what describes an unnamed source
    source_quantifiers: frozenset[str]  # "two", "a senior": words before an unnamed source
    partitives: frozenset[str]  # "two" of "two of the pilots told us": some of those named before
    party_members: frozenset[str]  # "Democrat" of "Mark Dunn, Democrat of Maine, said": an aside
    object_first: frozenset[str]  # "urge": "X urged to ..." is passive, X the one urged
    object_before_charge: frozenset[str]  # "blame": "X blamed for ..." is passive, X the one blamed
    honorifics: frozenset[str]  # "Mr", "Dr": a title, never a speaker on its own
    person_titles: frozenset[str]  # "Justice", "Sen": written before a person's name
    female_roles: frozenset[str]  # "wife": "his wife, Ann Lee," is a "she"
    male_roles: frozenset[str]
    loose_role_words: frozenset[str]  # "former": a word before a role that names no other role
    outlet_words: frozenset[str]  # "news": a name ending in it is an outlet, never "he" ("Harbour News")
    abbreviated_roles: frozenset[str]  # "governor": "Gov." abbreviates it ("Rep." is no "reporter")
    office_modifiers: frozenset[str]  # "vice": a word before a role that makes it another office
    contrast_openers: frozenset[str]  # "though": a clause opening so with a subject of its own ...
    clause_subjects: frozenset[str]  # ... ("it", "there", "the"): is not the sentence's attribution's
    subordinators: frozenset[str]  # "after": its clause's subject is not the sentence's speaker
    prepositions: frozenset[str]  # "by": a person named right after it is no paragraph's subject
    but_goes_on: frozenset[str]  # ... save "but it", which goes on with the speaker's words
    bodies: frozenset[str]  # roles that are bodies ("the police"), never one person
    first_person: frozenset[str]
    third_person: frozenset[str]
    statement_verbs: frozenset[str]  # "issue a statement": reports a statement made, gives no words
    naming_verbs: frozenset[str]  # "call": speaks only when a quotation follows ("called the idea “pure theft”")
    quoting_verbs: frozenset[str]  # "ask": speaks only beside a quotation ("“Why?” she asked")
    asking_verbs: frozenset[str]  # of those, "ask": the next quotation is the answer, not the asker's
    clausal_verbs: frozenset[str]  # "demand": speaks only before "that" or beside a quotation
    wishing_verbs: frozenset[str]  # "hope": no words reported before "to" ("hoping to pass")
    documents: frozenset[str]  # "letter", "indictment": a document that says things (a role and a body)
    auxiliaries: frozenset[str]  # "is" of "is saying": the subject stands before it
    ahead: frozenset[str]  # "expected" of "is expected to warn"
    perceived: frozenset[str]  # "shown" of "is shown saying"
    spoken: frozenset[str]  # verbs of speaking: the only ones an auxiliary may stand before
    headline_verbs: frozenset[str]  # verbs of speaking a Title Case headline writes with a capital ("Says")
    numbers: NumberGrammar
    stance: frozenset[str]  # verbs of belief: a hedge in the first person only
    modals: frozenset[str]  # modal verbs: hedges shown, never the hedge flag on their own
    backshifted: frozenset[str]  # "would": no hedge after a report in the past
    usual_after_modal: frozenset[str]  # "expect": no hedge after "would be"
    reported: frozenset[str]  # what others say or fear ("rumours"): shown, never the hedge flag
    noun_after: frozenset[str]  # determiners: a hedge verb right after one is a noun
    noun_after_adjective: frozenset[str]  # articles: ... or one word after one
    quiet_labels: frozenset[str]  # label categories shown but never flagged
    inflectable: frozenset[str]  # cue words that may carry an inflection
    memo: dict[str, tuple[str, ...]]  # word -> bases it may inflect (filled as words are met)
    starts: dict[str, dict[str, tuple[tuple[Entry, bool], ...]]]  # word -> second word -> (cue, inflected?)
    singles: dict[str, tuple[Entry, ...]]  # word -> one-word cues it matches
    pairs: dict[tuple[str, str], tuple[tuple[Entry, bool], ...]]  # two words -> cues they may open

    def bases(self, word: str) -> tuple[str, ...]:
        """``word`` and the cue words of which it is a regular inflection."""
        got = self.memo.get(word)
        if got is None:
            got = (word, *(b for b in _base_candidates(word)[1:] if b in self.inflectable and word in word_forms(b)))
            self.memo[word] = got
        return got


class Doc:
    """Typed access to a parsed TOML document with one-line errors."""

    def __init__(self, doc: Mapping[str, Any], name: str) -> None:
        self.doc = doc
        self.name = name

    def table(self, *path: str) -> Mapping[str, Any]:
        node: Any = self.doc
        for key in path:
            node = node.get(key, {}) if isinstance(node, Mapping) else None
            if not isinstance(node, Mapping):
                raise ConfigError(f"{self.name}: [{'.'.join(path)}] must be a table")
        table: Mapping[str, Any] = node
        return table

    def strings(self, table: Mapping[str, Any], key: str, where: str) -> list[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{self.name}: {where}.{key} must be a list of strings")
        return [v for v in value if v.strip()]

    def number(self, table: Mapping[str, Any], key: str, where: str, default: int) -> int:
        value = table.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or abs(value) > 10**12:
            raise ConfigError(f"{self.name}: {where}.{key} must be an integer")
        return value

    def int_map(self, table: Mapping[str, Any], where: str) -> dict[str, int]:
        return {key: self.number(table, key, where, 0) for key in table}

    def str_map(self, table: Mapping[str, Any], where: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for key, value in table.items():
            if not isinstance(value, str):
                raise ConfigError(f"{self.name}: {where}.{key} must be a string")
            out[key] = value
        return out


# --------------------------------------------------------------- inflection


def word_forms(word: str) -> frozenset[str]:
    """Regular inflections of one word (over-generation is harmless)."""
    forms = {word}
    if not word.isalpha() or len(word) < 2:
        return frozenset(forms)
    vowels = "aeiou"
    if word.endswith("e"):
        forms.update((word + "s", word + "d", word[:-1] + "ing", word + "ly"))
        if word.endswith("le"):
            forms.add(word[:-1] + "y")
    elif word.endswith("y") and word[-2] not in vowels:
        forms.update((word[:-1] + "ies", word[:-1] + "ied", word + "ing", word[:-1] + "ily"))
    elif word.endswith(("s", "x", "z", "ch", "sh", "o")):
        forms.update((word + "es", word + "ed", word + "ing", word + "ly"))
        if word.endswith("o"):
            forms.add(word + "s")
    else:
        forms.update((word + "s", word + "ed", word + "ing", word + "ly"))
        if word.endswith("ic"):
            forms.add(word + "ally")
        if len(word) >= 3 and word[-1] not in "aeiouwxy" and word[-2] in vowels and word[-3] not in vowels:
            forms.update((word + word[-1] + "ed", word + word[-1] + "ing"))
    return frozenset(forms)


def _base_candidates(word: str) -> list[str]:
    """Every word ``word_forms`` could have made ``word`` from (a superset)."""
    out = [word]
    for suffix, cut, add in (("s", 1, ""), ("es", 2, ""), ("ies", 3, "y"), ("d", 1, ""), ("ed", 2, ""),
                             ("ied", 3, "y"), ("ing", 3, ""), ("ing", 3, "e"), ("ly", 2, ""), ("ily", 3, "y"),
                             ("ally", 4, ""), ("y", 1, "e")):
        if word.endswith(suffix) and len(word) > cut + 1:
            out.append(word[:-cut] + add)
    for suffix in ("ed", "ing"):  # a doubled final consonant: "stopped", "slamming"
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 4 and stem[-1] == stem[-2]:
            out.append(stem[:-1])
    return out


# --------------------------------------------------------------- compiling


class _Builder:
    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.seen: set[tuple[str, tuple[str, ...], bool]] = set()

    def add(self, terms: Iterable[str], group: str, kind: str, inflect: bool, value: str = "") -> None:
        for term in terms:
            words = tuple(plain(term.lower()).split())
            if not words:
                continue
            key = (group, words, inflect)
            if key in self.seen:
                continue
            self.seen.add(key)
            canonical = value or " ".join(words)
            self.entries.append(Entry(words, group, kind, canonical, inflect, len(self.entries)))
            if 1 < len(words) <= 3 and all(w.replace("'", "").isalnum() for w in words):
                # "witch hunt" also matches "witch-hunt"
                hyphened = ("-".join(words),)
                self.entries.append(Entry(hyphened, group, kind, canonical, False, len(self.entries)))

    def lexicon_tables(self) -> tuple[dict[str, tuple[Entry, ...]], dict[str, tuple[Entry, ...]],
                                      dict[str, tuple[Entry, ...]], tuple[tuple[str, Entry], ...]]:
        exact: dict[str, list[Entry]] = {}
        inflected: dict[str, list[Entry]] = {}
        multi: dict[str, list[Entry]] = {}
        suffixes: list[tuple[str, Entry]] = []
        for e in self.entries:
            if len(e.words) == 1 and e.words[0].startswith(("'", "n'")):
                suffixes.append((e.words[0], e))
            elif len(e.words) > 1:
                multi.setdefault(e.words[0], []).append(e)
            else:
                (inflected if e.inflect else exact).setdefault(e.words[0], []).append(e)
        return ({k: tuple(v) for k, v in exact.items()}, {k: tuple(v) for k, v in inflected.items()},
                {k: tuple(v) for k, v in multi.items()}, tuple(sorted(suffixes, key=lambda s: -len(s[0]))))


# the longest phrase skip_phrases may hold
SKIP_PHRASE_WORDS = 3


def _skip_phrases(doc: Doc, table: Mapping[str, Any]) -> frozenset[tuple[str, ...]]:
    phrases = [tuple(p.lower().split()) for p in doc.strings(table, "skip_phrases", "speakers")]
    if any(not 2 <= len(p) <= SKIP_PHRASE_WORDS for p in phrases):
        raise ConfigError(f"{doc.name}: speakers.skip_phrases must hold phrases of 2 to {SKIP_PHRASE_WORDS} words")
    return frozenset(phrases)


def skip_back(keys: Sequence[str], k: int, lexicon: Lexicon, spaced: Callable[[int], bool] | None = None) -> int:
    """How many tokens a skip word or phrase ending at token ``k`` takes up
    (0: none); ``spaced(m)``: only white space after token m, checked inside a
    phrase ("Hale this morning said", "she has at times said")."""
    if keys[k] in lexicon.skip_words:
        return 1
    if lexicon.skip_phrases:
        for n in range(min(SKIP_PHRASE_WORDS, k + 1), 1, -1):
            if tuple(keys[k - n + 1 : k + 1]) in lexicon.skip_phrases and (
                    spaced is None or all(spaced(m) for m in range(k - n + 1, k))):
                return n
    return 0


def compile_lexicon(
    cues_doc: Mapping[str, Any],
    labels_doc: Mapping[str, Any],
    extra_labels: Sequence[tuple[str, Sequence[str]]] = (),
) -> Lexicon:
    """Compile the cue lists; ``extra_labels`` ((category, terms), e.g. from a
    topic) take precedence over the lexicon's own categories.  Raises
    :class:`ConfigError` (one line) on a malformed document."""
    doc = Doc(cues_doc, "cues.toml")
    b = _Builder()
    for group, section in (("hedge", "hedges"), ("certainty", "certainty")):
        top = doc.table(section)
        for level in _LEVELS:
            t = doc.table(section, level)
            where = f"{section}.{level}"
            b.add(doc.strings(t, "words", where), group, level, inflect=False)
            b.add(doc.strings(t, "inflect", where), group, level, inflect=True)
        b.add(doc.strings(top, "except", section), "except:" + group, "", inflect=False)
    neg = doc.table("negations")
    for kind in ("negation", "outcome"):
        t = doc.table("negations", kind)
        b.add(doc.strings(t, "words", f"negations.{kind}"), "negation", kind, inflect=False)
        b.add(doc.strings(t, "inflect", f"negations.{kind}"), "negation", kind, inflect=True)
    b.add(doc.strings(neg, "except", "negations"), "except:negation", "", inflect=False)

    verbs = doc.table("reporting_verbs")
    statements = doc.strings(verbs, "statements", "reporting_verbs")
    naming = doc.strings(verbs, "naming", "reporting_verbs")
    quoting = doc.strings(verbs, "quoting", "reporting_verbs")
    clausal = doc.strings(verbs, "clausal", "reporting_verbs")
    wishing = doc.strings(verbs, "wishing", "reporting_verbs")
    for lemma in [*doc.strings(verbs, "inflect", "reporting_verbs"), *statements, *naming, *quoting, *clausal]:
        b.add([lemma], "verb", "", inflect=True, value=lemma)
    for lemma, forms in doc.table("reporting_verbs", "irregular").items():
        if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
            raise ConfigError(f"cues.toml: reporting_verbs.irregular.{lemma} must be a list of strings")
        b.add(forms, "verb", "", inflect=False, value=lemma)  # the forms listed, the lemma among them or not

    ldoc = Doc(labels_doc, "labels.toml")
    for category, terms in extra_labels:
        if isinstance(terms, str) or not all(isinstance(t, str) for t in terms):
            raise ConfigError(f"labels for category {category!r} must be a list of strings")
        b.add(terms, "label", category, inflect=True)
    for category in labels_doc:
        table = ldoc.table(category)
        if category == LABEL_EXCEPT:  # phrases that switch off a label inside them
            b.add(ldoc.strings(table, "terms", category), "except:label", "", inflect=True)
            continue
        if not isinstance(table.get("flag", True), bool):
            raise ConfigError(f"labels.toml: {category}.flag must be true or false")
        b.add(ldoc.strings(table, "terms", category), "label", category, inflect=True)

    sp = doc.table("speakers")

    def lower(xs: Iterable[str]) -> frozenset[str]:
        return frozenset(x.lower() for x in xs)

    documents = doc.strings(sp, "documents", "speakers")
    speaking_bodies = doc.strings(sp, "speaking_bodies", "speakers")
    grammar = compile_numbers(doc)
    exact, inflected, multi, suffixes = b.lexicon_tables()
    return Lexicon(
        exact=exact,
        inflected=inflected,
        multi=multi,
        suffixes=suffixes,
        titles=lower([*doc.strings(sp, "titles", "speakers"), *documents, *speaking_bodies]),
        speaking_bodies=lower(speaking_bodies),
        lowercase_bodies=lower(doc.strings(sp, "lowercase_bodies", "speakers")),
        title_modifiers=lower(doc.strings(sp, "title_modifiers", "speakers")),
        name_stopwords=lower(doc.strings(sp, "name_stopwords", "speakers")) | frozenset(m.lower() for m in grammar.months),
        skip_words=lower(doc.strings(sp, "skip_words", "speakers")),
        helper_verbs=lower(doc.strings(sp, "helper_verbs", "speakers")),
        catenatives=lower(doc.strings(sp, "catenatives", "speakers")),
        particle_gap_words=lower(doc.strings(sp, "particle_gap_words", "speakers")),
        asides=lower(doc.strings(sp, "asides", "speakers")),
        skip_phrases=_skip_phrases(doc, sp),
        unnamed_people=lower(doc.strings(sp, "unnamed_people", "speakers")),
        unnamed_kinds=lower(doc.strings(sp, "unnamed_kinds", "speakers")),
        source_descriptions=frozenset(tuple(d.lower().split()) for d in doc.strings(sp, "source_descriptions", "speakers")),
        source_quantifiers=lower(doc.strings(sp, "source_quantifiers", "speakers")),
        partitives=lower(doc.strings(sp, "partitives", "speakers")),
        party_members=lower(doc.strings(sp, "party_members", "speakers")),
        object_first=lower(doc.strings(sp, "object_first", "speakers")),
        object_before_charge=lower(doc.strings(sp, "object_before_charge", "speakers")),
        honorifics=lower(doc.strings(sp, "honorifics", "speakers")),
        person_titles=lower(doc.strings(sp, "person_titles", "speakers")),
        female_roles=lower(doc.strings(sp, "female_roles", "speakers")),
        male_roles=lower(doc.strings(sp, "male_roles", "speakers")),
        loose_role_words=lower(doc.strings(sp, "loose_role_words", "speakers")),
        abbreviated_roles=lower(doc.strings(sp, "abbreviated_roles", "speakers")),
        outlet_words=lower(doc.strings(sp, "outlet_words", "speakers")),
        office_modifiers=lower(doc.strings(sp, "office_modifiers", "speakers")),
        contrast_openers=lower(doc.strings(sp, "contrast_openers", "speakers")),
        clause_subjects=lower(doc.strings(sp, "clause_subjects", "speakers")),
        subordinators=lower(doc.strings(sp, "subordinators", "speakers")),
        prepositions=lower(doc.strings(sp, "prepositions", "speakers")),
        but_goes_on=lower(doc.strings(sp, "but_goes_on", "speakers")),
        bodies=lower([*doc.strings(sp, "bodies", "speakers"), *documents, *speaking_bodies]),
        first_person=lower(doc.strings(sp, "first_person", "speakers")),
        third_person=lower(doc.strings(sp, "third_person", "speakers")),
        statement_verbs=frozenset(statements),
        naming_verbs=frozenset(naming),
        quoting_verbs=frozenset(quoting),
        asking_verbs=frozenset(doc.strings(verbs, "asking", "reporting_verbs")),
        clausal_verbs=frozenset(clausal),
        wishing_verbs=frozenset(wishing),
        documents=lower(documents),
        auxiliaries=lower(doc.strings(sp, "auxiliaries", "speakers")),
        ahead=lower(doc.strings(sp, "ahead", "speakers")),
        perceived=lower(doc.strings(sp, "perceived", "speakers")),
        spoken=lower(doc.strings(sp, "spoken", "speakers")),
        headline_verbs=lower(doc.strings(sp, "headline_verbs", "speakers")),
        numbers=grammar,
        stance=frozenset(w.lower() for w in doc.strings(doc.table("hedges", "strong"), "stance", "hedges.strong")),
        modals=frozenset(w.lower() for w in doc.strings(doc.table("hedges"), "modals", "hedges")),
        backshifted=frozenset(w.lower() for w in doc.strings(doc.table("hedges"), "backshifted", "hedges")),
        usual_after_modal=frozenset(w.lower() for w in doc.strings(doc.table("hedges"), "usual_after_modal", "hedges")),
        reported=lower(doc.strings(doc.table("hedges"), "reported", "hedges")),
        noun_after=lower(doc.strings(doc.table("hedges", "strong"), "noun_after", "hedges.strong")),
        noun_after_adjective=lower(doc.strings(doc.table("hedges", "strong"), "noun_after_adjective",
                                               "hedges.strong")),
        quiet_labels=frozenset(c for c in labels_doc if isinstance(labels_doc[c], dict) and c != LABEL_EXCEPT
                               and labels_doc[c].get("flag", True) is False),
        inflectable=frozenset(w for e in b.entries if e.inflect for w in (e.words[0], e.words[-1])),
        memo={},
        starts={},
        singles={},
        pairs={},
    )


# --------------------------------------------------------------- matching


def _word_matches(e: Entry, k: int, key: str, lex: Lexicon, inflect_ok: bool) -> bool:
    """Does text word ``key`` match word ``k`` of cue ``e``?  A possessive may end
    any word after the first; an inflection only the first or the last."""
    want = e.words[k]
    if key == want or (k > 0 and base(key) == want):
        return True
    return inflect_ok and e.inflect and want in lex.bases(key if k == 0 else base(key))


def _starts(lex: Lexicon, key: str) -> dict[str, tuple[tuple[Entry, bool], ...]]:
    """The multiword cues word ``key`` may open, by their second word
    (memoised per word): (cue, is ``key`` an inflection of its first word)."""
    got = lex.starts.get(key)
    if got is None:
        by_second: dict[str, list[tuple[Entry, bool]]] = {}
        for first in lex.bases(key):
            for e in lex.multi.get(first, ()):
                if first == key or e.inflect:
                    by_second.setdefault(e.words[1], []).append((e, first != key))
        got = {k: tuple(v) for k, v in by_second.items()}
        lex.starts[key] = got
    return got


def phrase_at(lex: Lexicon, keys: Sequence[str], i: int, joined: Sequence[bool]) -> list[Entry]:
    """Multiword cues starting at word ``i``, longest first.  ``joined[k]``: are
    words k and k+1 separated by white space only (a phrase never spans
    punctuation)."""
    n = len(keys)
    if i + 1 >= n or not joined[i]:
        return []
    pair = (keys[i], keys[i + 1])
    candidates = lex.pairs.get(pair)  # most pairs open no cue: memoised per pair of words
    if candidates is None:
        candidates = lex.pairs[pair] = _pair_candidates(lex, *pair)
    out: list[Entry] = []
    for e, first_inflected in candidates:
        m = len(e.words)
        if i + m > n or not all(joined[i + k] for k in range(m - 1)):
            continue
        if all(
            keys[i + k] == e.words[k] if 0 < k < m - 1
            else _word_matches(e, k, keys[i + k], lex, inflect_ok=not first_inflected or k == 0)
            for k in range(m)
        ) and e not in out:
            out.append(e)
    out.sort(key=lambda e: (-len(e.words), e.order))
    return out


def _pair_candidates(lex: Lexicon, key: str, nxt: str) -> tuple[tuple[Entry, bool], ...]:
    """The multiword cues that words ``key`` and ``nxt`` may open: (cue, is
    ``key`` an inflection of its first word)."""
    starts = _starts(lex, key)
    if not starts:
        return ()
    seconds = {nxt, base(nxt), *lex.bases(base(nxt))}  # a possessive or an inflection may end a two-word cue
    return tuple(c for second in seconds for c in starts.get(second, ()))


def word_at(lex: Lexicon, key: str) -> tuple[Entry, ...]:
    """One-word cues matching word ``key`` (possessive dropped), in list order."""
    got = lex.singles.get(key)
    if got is not None:
        return got
    out = list(lex.exact.get(key, ()))
    if "'" in key and not out:
        out = list(lex.exact.get(base(key), ()))
    for b in lex.bases(base(key)):
        out.extend(lex.inflected.get(b, ()))
    if "-" in key:  # "witch-hunts": a hyphened cue with its last part inflected
        head, _, tail = base(key).rpartition("-")
        for b in lex.bases(tail):
            if b != tail:
                out.extend(e for e in lex.exact.get(f"{head}-{b}", ()) if e not in out)
    out.sort(key=lambda e: e.order)
    lex.singles[key] = tuple(out)
    return lex.singles[key]
