"""Annotate statements so that divergences between sources become visible.

Everything here is driven by the cue lists in ``data/cues.toml`` and the label
lexicon in ``data/labels.toml``; no text, quote or offset is special-cased.

* :func:`load_cues` reads and compiles both files once (cached).
* :func:`annotate` finds who says a statement (speaker, reporting verb),
  hedges, certainty markers, numbers, loaded labels and negations.
* :func:`word_diff` marks the words of a statement not shared with the
  group's reference statement.
* :func:`group_flags` summarises where the members of a group differ.

Every span carries absolute offsets: ``source_text[span.start:span.end] ==
span.text``.  Matching runs on a copy of the text with curly quotes
straightened and NO-BREAK SPACEs made plain spaces, character for character,
so offsets never move.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Any

from compare_claims.errors import TopicsFileError
from compare_claims.divergence import _TRANSLATE, group_flags, word_diff
from compare_claims.models import Annotation, Span

__all__ = ["Cues", "load_cues", "annotate", "word_diff", "group_flags"]

_TRANSLATE_RE = re.compile("[" + re.escape("".join(chr(c) for c in _TRANSLATE)) + "]")

# Words for cue matching: letters/digits, joined by inner apostrophes or
# hyphens; split() with the group returns [gap, word, gap, word, ..., gap].
_SPLIT_RE = re.compile(r"(\w+(?:['\-]\w+)*)")

_DIGIT_RE = re.compile(r"\d")
_LEVELS = ("strong", "weak")
_QUOTE = '"'


# --------------------------------------------------------------------------
# Compiled cues
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Entry:
    """One cue: a word sequence and what it means."""

    words: tuple[str, ...]
    group: str  # hedge | certainty | negation | label | verb | except:<group>
    kind: str  # strong/weak, negation/outcome, label category, ""
    value: str  # canonical term or verb lemma


@dataclass(frozen=True, eq=False)
class _NumberGrammar:
    patterns: tuple[tuple[str, str], ...]  # (name, regex source), compiled on first use
    compiled: dict[str, re.Pattern[str]]
    words: Mapping[str, int]
    scales: Mapping[str, int]
    qualifiers: Mapping[str, str]
    units: Mapping[str, tuple[str, Decimal]]
    months: Mapping[str, int]
    currency_symbols: Mapping[str, str]
    currency_words: Mapping[str, str]
    not_duration_before: frozenset[str]
    min_standalone: int
    year_range: tuple[int, int]
    needs: Mapping[str, tuple[frozenset[str], ...]]  # pattern -> gates it needs
    anchor_keys: frozenset[str]
    word_keys: frozenset[str]
    unit_keys: frozenset[str]
    curword_keys: frozenset[str]
    cursym_keys: frozenset[str]
    cursym_re: re.Pattern[str] | None
    active_cache: dict[frozenset[str], tuple[tuple[int, str, re.Pattern[str]], ...]]


@dataclass(frozen=True, eq=False)
class Cues:
    """Compiled cue lists and label lexicon (build with :func:`load_cues`)."""

    singles: Mapping[str, tuple[_Entry, ...]]  # one-word cues by word
    multis: Mapping[tuple[str, str], tuple[_Entry, ...]]  # longer cues by first two words
    multi_first: frozenset[str]
    first_words: frozenset[str]  # every word a cue can start with
    suffixes: tuple[tuple[str, _Entry], ...]  # word endings such as "n't", "'ll"
    titles: frozenset[str]
    title_modifiers: frozenset[str]
    name_stopwords: frozenset[str]
    skip_words: frozenset[str]
    first_person: frozenset[str]
    third_person: frozenset[str]
    numbers: _NumberGrammar
    label_categories: tuple[str, ...]

    def terms(self, group: str) -> frozenset[str]:
        """All surface forms of one cue group (for inspection and tests)."""
        entries = [*self.singles.values(), *self.multis.values()]
        out = {" ".join(e.words) for es in entries for e in es if e.group == group}
        out.update(s for s, e in self.suffixes if e.group == group)
        return frozenset(out)


# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------


def load_cues(
    data_dir: Path | None = None,
    extra_labels: Mapping[str, Sequence[str]] | None = None,
) -> Cues:
    """Read ``cues.toml`` and ``labels.toml`` from ``data_dir`` and compile them.

    ``extra_labels`` (``{category: [terms]}``, e.g. from a topics file) adds
    label terms; they take precedence over the lexicon's own categories.
    Results are cached per directory, file versions and extra labels.
    Raises :class:`TopicsFileError` (one line) on a missing or malformed file.
    """
    if data_dir is None:
        from compare_claims.paths import data_dir as _default_dir

        data_dir = _default_dir()
    directory = Path(data_dir)
    stamps = tuple(_stamp(directory / name) for name in ("cues.toml", "labels.toml"))
    extra_key: tuple[tuple[str, tuple[str, ...]], ...] = ()
    if extra_labels:
        items: list[tuple[str, tuple[str, ...]]] = []
        for category, terms in extra_labels.items():
            if not isinstance(category, str) or isinstance(terms, str) or not all(
                isinstance(t, str) for t in terms
            ):
                raise TopicsFileError(
                    f"labels for category {category!r} must be a list of strings"
                )
            items.append((category, tuple(terms)))
        extra_key = tuple(items)
    return _load_cached(str(directory), stamps, extra_key)


def _stamp(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (-1, -1)
    return (st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=16)
def _load_cached(
    directory: str,
    stamps: tuple[tuple[int, int], ...],
    extra: tuple[tuple[str, tuple[str, ...]], ...],
) -> Cues:
    del stamps  # part of the cache key only
    base = Path(directory)
    cues_doc = _read_toml(base / "cues.toml")
    labels_doc = _read_toml(base / "labels.toml")
    return _compile(cues_doc, labels_doc, extra)


def _read_toml(path: Path) -> dict[str, Any]:
    from compare_claims.tomlcache import parse_toml  # parsed copies kept in the cache directory

    try:
        return parse_toml(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise TopicsFileError(_one_line(f"{path.name}: not UTF-8")) from None
    except ValueError as exc:  # tomllib.TOMLDecodeError
        raise TopicsFileError(_one_line(f"{path.name}: malformed TOML: {exc}")) from None
    except OSError as exc:
        raise TopicsFileError(_one_line(f"cannot read {path}: {exc.strerror or exc}")) from None


def _one_line(msg: str) -> str:
    return " ".join(msg.split())


class _Doc:
    """Typed access to a parsed TOML document with one-line errors."""

    def __init__(self, doc: Mapping[str, Any], name: str) -> None:
        self.doc = doc
        self.name = name

    def table(self, *path: str) -> Mapping[str, Any]:
        node: Any = self.doc
        for key in path:
            node = node.get(key, {}) if isinstance(node, Mapping) else None
            if not isinstance(node, Mapping):
                raise TopicsFileError(f"{self.name}: [{'.'.join(path)}] must be a table")
        table: Mapping[str, Any] = node
        return table

    def strings(self, table: Mapping[str, Any], key: str, where: str) -> list[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise TopicsFileError(f"{self.name}: {where}.{key} must be a list of strings")
        return [v for v in value if v.strip()]

    def number(self, table: Mapping[str, Any], key: str, where: str, default: int) -> int:
        value = table.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool):
            raise TopicsFileError(f"{self.name}: {where}.{key} must be an integer")
        return value

    def int_map(self, table: Mapping[str, Any], where: str) -> dict[str, int]:
        out: dict[str, int] = {}
        for key, value in table.items():
            if not isinstance(value, int) or isinstance(value, bool):
                raise TopicsFileError(f"{self.name}: {where}.{key} must be an integer")
            out[key] = value
        return out

    def str_map(self, table: Mapping[str, Any], where: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for key, value in table.items():
            if not isinstance(value, str):
                raise TopicsFileError(f"{self.name}: {where}.{key} must be a string")
            out[key] = value
        return out


def _word_forms(word: str) -> set[str]:
    """Regular inflections of one word (over-generation is harmless)."""
    forms = {word}
    if not word.isalpha() or len(word) < 2:
        return forms
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
        if (
            len(word) >= 3
            and word[-1] not in "aeiouwxy"
            and word[-2] in vowels
            and word[-3] not in vowels
        ):
            forms.update((word + word[-1] + "ed", word + word[-1] + "ing"))
    return forms


def _term_variants(term: str, inflect: bool) -> set[tuple[str, ...]]:
    """Word sequences a term matches: inflections, hyphen/space spellings."""
    words = tuple(term.lower().translate(_TRANSLATE).split())
    if not words:
        return set()
    seqs: set[tuple[str, ...]] = {words}
    if inflect:
        seqs.update((f,) + words[1:] for f in _word_forms(words[0]))
        if len(words) > 1:
            seqs.update(words[:-1] + (f,) for f in _word_forms(words[-1]))
    out: set[tuple[str, ...]] = set()
    for seq in seqs:
        out.add(seq)
        if 1 < len(seq) <= 3 and all(w.replace("'", "").isalnum() for w in seq):
            out.add(("-".join(seq),))  # "witch hunt" also matches "witch-hunt"
    return out


class _Builder:
    def __init__(self) -> None:
        self.phrases: dict[str, list[_Entry]] = {}
        self.suffixes: list[tuple[str, _Entry]] = []
        self.seen: set[tuple[str, tuple[str, ...]]] = set()

    def add(self, terms: Iterable[str], group: str, kind: str, inflect: bool) -> None:
        for term in terms:
            canonical = " ".join(term.lower().translate(_TRANSLATE).split())
            key: tuple[str, tuple[str, ...]]
            if canonical.startswith(("'", "n'")) and " " not in canonical:
                key = (group, (canonical,))
                if key not in self.seen:
                    self.seen.add(key)
                    self.suffixes.append((canonical, _Entry((canonical,), group, kind, canonical)))
                continue
            for seq in _term_variants(term, inflect):
                key = (group, seq)
                if key in self.seen:
                    continue
                self.seen.add(key)
                self.phrases.setdefault(seq[0], []).append(_Entry(seq, group, kind, canonical))

    def frozen(
        self,
    ) -> tuple[
        dict[str, tuple[_Entry, ...]],
        dict[tuple[str, str], tuple[_Entry, ...]],
        tuple[tuple[str, _Entry], ...],
    ]:
        singles: dict[str, list[_Entry]] = {}
        multis: dict[tuple[str, str], list[_Entry]] = {}
        for entries in self.phrases.values():
            for e in entries:
                if len(e.words) == 1:
                    singles.setdefault(e.words[0], []).append(e)
                else:
                    multis.setdefault((e.words[0], e.words[1]), []).append(e)
        suffixes = tuple(sorted(self.suffixes, key=lambda s: -len(s[0])))
        return (
            {k: tuple(v) for k, v in singles.items()},
            {k: tuple(sorted(v, key=lambda e: -len(e.words))) for k, v in multis.items()},
            suffixes,
        )


def _compile(
    cues_raw: Mapping[str, Any],
    labels_raw: Mapping[str, Any],
    extra: tuple[tuple[str, tuple[str, ...]], ...],
) -> Cues:
    doc = _Doc(cues_raw, "cues.toml")
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
        where = f"negations.{kind}"
        b.add(doc.strings(t, "words", where), "negation", kind, inflect=False)
        b.add(doc.strings(t, "inflect", where), "negation", kind, inflect=True)
    b.add(doc.strings(neg, "except", "negations"), "except:negation", "", inflect=False)

    verbs = doc.table("reporting_verbs")
    for lemma in doc.strings(verbs, "inflect", "reporting_verbs"):
        for seq in _term_variants(lemma, True):
            _add_verb(b, seq, lemma)
    irregular = doc.table("reporting_verbs", "irregular")
    for lemma, forms in irregular.items():
        if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
            raise TopicsFileError(
                f"cues.toml: reporting_verbs.irregular.{lemma} must be a list of strings"
            )
        for form in [lemma, *forms]:
            for seq in _term_variants(form, False):
                _add_verb(b, seq, lemma)

    # Labels: extra (topics file) first, then the lexicon in file order.
    ldoc = _Doc(labels_raw, "labels.toml")
    categories: list[str] = []
    for category, terms in extra:
        b.add(terms, "label", category, inflect=True)
        if category not in categories:
            categories.append(category)
    for category in labels_raw:
        t = ldoc.table(category)
        b.add(ldoc.strings(t, "terms", category), "label", category, inflect=True)
        if category not in categories:
            categories.append(category)

    singles, multis, suffixes = b.frozen()

    sp = doc.table("speakers")

    def lower(xs: Iterable[str]) -> frozenset[str]:
        return frozenset(x.lower() for x in xs)

    grammar = _compile_numbers(doc)
    months_lower = frozenset(m.lower() for m in grammar.months)
    return Cues(
        singles=singles,
        multis=multis,
        multi_first=frozenset(k[0] for k in multis),
        first_words=frozenset(singles) | frozenset(k[0] for k in multis),
        suffixes=suffixes,
        titles=lower(doc.strings(sp, "titles", "speakers")),
        title_modifiers=lower(doc.strings(sp, "title_modifiers", "speakers")),
        name_stopwords=lower(doc.strings(sp, "name_stopwords", "speakers")) | months_lower,
        skip_words=lower(doc.strings(sp, "skip_words", "speakers")),
        first_person=lower(doc.strings(sp, "first_person", "speakers")),
        third_person=lower(doc.strings(sp, "third_person", "speakers")),
        numbers=grammar,
        label_categories=tuple(categories),
    )


def _add_verb(b: _Builder, seq: tuple[str, ...], lemma: str) -> None:
    key = ("verb", seq)
    if key in b.seen:
        return
    b.seen.add(key)
    b.phrases.setdefault(seq[0], []).append(_Entry(seq, "verb", "", lemma))


def _alt(items: Iterable[str]) -> str:
    """Regex alternation of literal phrases, longest first; spaces match any blank."""
    parts = sorted({i for i in items if i}, key=lambda s: (-len(s), s))
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in parts)


def _month_alt(months: Mapping[str, int]) -> str:
    """Month names; an abbreviation (a prefix of another name) may take a dot."""
    parts = []
    for name in sorted(months, key=lambda s: (-len(s), s)):
        abbr = any(o != name and o.startswith(name) for o in months)
        parts.append(re.escape(name) + (r"(?:\.(?!\w))?" if abbr else ""))
    return "|".join(parts) or r"(?!x)x"


def _compile_numbers(doc: _Doc) -> _NumberGrammar:
    t = doc.table("numbers")
    words = {k.lower(): v for k, v in doc.int_map(doc.table("numbers", "words"), "numbers.words").items()}
    scales = {k.lower(): v for k, v in doc.int_map(doc.table("numbers", "scales"), "numbers.scales").items()}
    quals = {
        " ".join(k.lower().split()): v
        for k, v in doc.str_map(doc.table("numbers", "qualifiers"), "numbers.qualifiers").items()
    }
    months = doc.int_map(doc.table("numbers", "months"), "numbers.months")
    cur_sym = doc.str_map(doc.table("numbers", "currency_symbols"), "numbers.currency_symbols")
    cur_words = {
        " ".join(k.lower().split()): v
        for k, v in doc.str_map(doc.table("numbers", "currency_words"), "numbers.currency_words").items()
    }
    units: dict[str, tuple[str, Decimal]] = {}
    for key, value in doc.table("numbers", "units").items():
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not isinstance(value[0], str)
            or not isinstance(value[1], (int, float))
        ):
            raise TopicsFileError(f"cues.toml: numbers.units.{key} must be [unit, factor]")
        units[key.lower()] = (value[0], Decimal(str(value[1])))
    min_standalone = doc.number(t, "min_standalone_spelled", "numbers", 11)
    yr = t.get("year_range", [1800, 2099])
    if not (isinstance(yr, list) and len(yr) == 2 and all(isinstance(y, int) for y in yr)):
        raise TopicsFileError("cues.toml: numbers.year_range must be [first, last]")
    not_dur = frozenset(w.lower() for w in doc.strings(t, "not_duration_before", "numbers"))
    month_before = [w.lower() for w in doc.strings(t, "month_before", "numbers")]

    scale_words = [s for s in scales if len(s) > 2 and s.isalpha() and s in words]
    scale_abbr = [s for s in scales if s not in scale_words]
    nw = _alt(words)
    spelled = rf"(?:{nw})(?:(?:\s+|-)(?:and\s+)?(?:{nw}))*(?![\w])" if nw else r"(?!x)x"
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])|\d+(?:\.\d+)?"
    num = rf"(?:{digits}|(?i:{spelled}))"
    scale = (
        rf"(?:\s+(?i:(?P<scale>{_alt(scale_words) or '(?!x)x'}))(?!\w)"
        rf"|(?P<abbr>(?i:{_alt(scale_abbr) or '(?!x)x'}))(?!\w))?"
    )
    qual = rf"(?:(?P<qual>(?i:{_alt(quals) or '(?!x)x'}))\s+)?"
    b = r"(?<![\w.,:])"
    mon = _month_alt(months)
    unit_alt = _alt(units)
    unit_no_sec = _alt(u for u, (n, _f) in units.items() if n != "s")
    cur_sym_alt = _alt(cur_sym)
    cur_words_alt = _alt(cur_words)
    end = r"(?![\w]|[.,:]\d)"
    src = [
        (
            "dmy",
            rf"(?<![\w.,:])(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*(?P<d2>\d{{1,2}}))?"
            rf"\s+(?P<mon>{mon})(?:,?\s+(?P<y>\d{{4}})(?!\d))?(?!\w)",
        ),
        (
            "mdy",
            rf"(?<!\w)(?P<mon>{mon})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?!\w)"
            rf"(?:,?\s+(?P<y>\d{{4}})(?!\w))?",
        ),
        ("my", rf"(?<!\w)(?P<mon>{mon}),?\s+(?P<y>\d{{4}})(?!\w)"),
        ("m", rf"(?<![\w])(?i:{_alt(month_before) or '(?!x)x'})(?:\s+|-)(?P<mon>{mon})(?![\w])"),
        ("percent", rf"{b}{qual}(?P<n>{num})\s?(?:%|(?i:per\s?cent|percent)(?!\w))"),
        ("amount_sym", rf"{b}{qual}(?P<cur>{cur_sym_alt})\s?(?P<n>{num}){scale}(?!\w)"),
        (
            "amount_word",
            rf"{b}{qual}(?P<n>{num}){scale}\s+(?:(?i:us|u\.s\.|american)\s+)?"
            rf"(?P<curw>(?i:{cur_words_alt}))(?i:e?s)?(?!\w)",
        ),
        (
            "dur_num",
            rf"{b}{qual}(?P<n>{num})(?P<half>\s+(?i:and\s+a\s+half))?(?:\s+|-)"
            rf"(?P<unit>(?i:{unit_alt}))(?i:s)?(?!\w)",
        ),
        (
            "dur_a_half",
            rf"(?<![\w]){qual}(?i:an?|one)\s+(?P<unit>(?i:{unit_alt}))\s+(?i:and\s+a\s+half)(?!\w)",
        ),
        (
            "dur_half",
            rf"(?<![\w]){qual}(?i:half)(?:\s+(?i:an?)|-(?i:an?))?(?:\s+|-)(?P<unit>(?i:{unit_alt}))(?!\w)",
        ),
        ("dur_a", rf"(?<![\w]){qual}(?i:an?)\s+(?P<unit>(?i:{unit_no_sec}))(?!\w)"),
        ("num_digits", rf"{b}{qual}(?P<n>{digits}){scale}(?P<strong>-(?i:strong))?{end}"),
        ("num_spelled", rf"(?<![\w-]){qual}(?P<n>(?i:{spelled})){scale}(?![\w-])"),
    ]
    # compiled lazily (see _active_patterns): most texts need only some of them,
    # and compiling all of these alternations costs more than annotating a text
    patterns = tuple(src)
    chars = "".join(sorted({c for s in cur_sym for c in s if not c.isalnum()}))
    num_gate = frozenset({"digit", "word"})
    needs = {
        "dmy": (frozenset({"month"}), frozenset({"digit"})),
        "mdy": (frozenset({"month"}), frozenset({"digit"})),
        "my": (frozenset({"month"}), frozenset({"digit"})),
        "m": (frozenset({"month"}),),
        "percent": (frozenset({"percent"}), num_gate),
        "amount_sym": (frozenset({"cursym"}), num_gate),
        "amount_word": (frozenset({"curword"}), num_gate),
        "dur_num": (frozenset({"unit"}), num_gate),
        "dur_a_half": (frozenset({"unit"}),),
        "dur_half": (frozenset({"unit"}),),
        "dur_a": (frozenset({"unit"}),),
        "num_digits": (frozenset({"digit"}),),
        "num_spelled": (frozenset({"word"}),),
    }
    cur_first = {w.split()[0] for w in cur_words}
    word_keys = frozenset(words)
    unit_keys = frozenset(units) | frozenset(u + "s" for u in units)
    curword_keys = frozenset(cur_first) | frozenset(w + "s" for w in cur_first)
    cursym_keys = frozenset(k.lower() for k in cur_sym if k.isalpha())
    return _NumberGrammar(
        patterns=patterns,
        compiled={},
        words=words,
        scales=scales,
        qualifiers=quals,
        units=units,
        months=months,
        currency_symbols=cur_sym,
        currency_words=cur_words,
        not_duration_before=not_dur,
        min_standalone=min_standalone,
        year_range=(yr[0], yr[1]),
        needs=needs,
        anchor_keys=word_keys | unit_keys | curword_keys | cursym_keys,
        word_keys=word_keys,
        unit_keys=unit_keys,
        curword_keys=curword_keys,
        cursym_keys=cursym_keys,
        cursym_re=re.compile("[" + re.escape(chars) + "]") if chars else None,
        active_cache={},
    )


# --------------------------------------------------------------------------
# Annotate
# --------------------------------------------------------------------------


class _Toks:
    """Tokens of one (translated) statement and the gaps between them."""

    __slots__ = ("text", "starts", "ends", "raws", "keys", "gaps", "n")

    def __init__(self, text: str) -> None:
        # One C-level split: [gap0, tok1, gap1, tok2, ..., gapN]
        parts = _SPLIT_RE.split(text)
        bounds = list(accumulate(map(len, parts)))
        self.text = text
        self.raws: list[str] = parts[1::2]
        self.gaps: list[str] = parts[0::2]  # gaps[i] precedes token i; gaps[n] ends
        self.starts: list[int] = bounds[0:-1:2]
        self.ends: list[int] = bounds[1::2]
        self.keys: list[str] = list(map(str.lower, self.raws))
        self.n = len(self.raws)

    def gap(self, i: int) -> str:
        """Text between token i and token i+1."""
        return self.gaps[i + 1]

    def gap_before(self, i: int) -> str:
        return self.gaps[i]

    def gap_after(self, i: int) -> str:
        return self.gaps[i + 1]


def _base(key: str) -> str:
    """A word without its possessive ending ("regime's" -> "regime")."""
    if key.endswith("'s"):
        return key[:-2]
    if key.endswith("s'"):
        return key[:-1]
    return key


# cue groups whose single words double as names ("Hope", "Will", "Clearly"?) mid-sentence
_NOT_AS_NAMES = frozenset({"hedge", "certainty"})


def _proper_noun_use(toks: _Toks, i: int) -> bool:
    """A capitalised word inside a sentence: not after a full stop, colon,
    opening quote or bracket, not the first word, and not in a Title Case
    headline ("Indictment Expected for Grimm")."""
    raw = toks.raws[i]
    if i == 0 or not raw[:1].isupper() or raw.isupper():
        return False
    words = [w for w in toks.raws if len(w) > 3 and w[:1].isalpha()]
    if words and sum(w[:1].isupper() for w in words) >= 0.6 * len(words):
        return False
    before = toks.gap_before(i).strip()
    return not before or before[-1] not in ".!?:;\"'“‘([—–-"


def _match_cues(toks: _Toks, cues: Cues) -> dict[str, list[tuple[int, int, _Entry]]]:
    """Longest non-overlapping cue matches per group, as token ranges [i, j)."""
    found: dict[str, list[tuple[int, int, _Entry]]] = {}
    busy: dict[str, int] = {}
    keys = toks.keys
    singles = cues.singles
    multis = cues.multis
    multi_first = cues.multi_first
    ntok = toks.n
    vocab = cues.first_words
    if "'" in toks.text:
        todo = [i for i, k in enumerate(keys) if k in vocab or "'" in k]
    else:
        todo = [i for i, k in enumerate(keys) if k in vocab]
    for i in todo:
        key = keys[i]
        if key in multi_first and i + 1 < ntok and toks.gap(i).isspace():
            nxt = keys[i + 1]
            entries = multis.get((key, nxt))
            if entries is None and "'" in nxt:
                entries = multis.get((key, _base(nxt)))
            if entries:
                for e in entries:
                    if busy.get(e.group, 0) > i:
                        continue
                    n = len(e.words)
                    if i + n > ntok:
                        continue
                    ok = True
                    for k in range(2, n):
                        w = keys[i + k]
                        if (e.words[k] != w and e.words[k] != _base(w)) or not toks.gap(i + k - 1).isspace():
                            ok = False
                            break
                    if ok and n > 2:
                        # inner words must match exactly (a possessive only ends a phrase)
                        ok = all(e.words[k] == keys[i + k] for k in range(1, n - 1))
                    if ok:
                        found.setdefault(e.group, []).append((i, i + n, e))
                        busy[e.group] = i + n
        entries = singles.get(key)
        if entries is None and "'" in key:
            entries = singles.get(_base(key))
        if entries:
            proper = _proper_noun_use(toks, i)
            for e in entries:
                if proper and e.group in _NOT_AS_NAMES:
                    continue  # "from Hope, Arkansas", "Will Smith": a name, not a hedge
                if busy.get(e.group, 0) <= i:
                    found.setdefault(e.group, []).append((i, i + 1, e))
                    busy[e.group] = i + 1
        if "'" in key:
            for suffix, e in cues.suffixes:
                if key.endswith(suffix) and len(key) > len(suffix) and busy.get(e.group, 0) <= i:
                    found.setdefault(e.group, []).append((i, i + 1, e))
                    busy[e.group] = i + 1
    return found


def _plain(text: str) -> str:
    """``text`` with quotes straightened and odd spaces made plain (same length)."""
    if _TRANSLATE_RE.search(text) is None:
        return text
    return text.translate(_TRANSLATE)


def annotate(text: str, *, start: int, cues: Cues, speaker_hint: str = "") -> Annotation:
    """Annotate one statement; ``start`` is its offset in the source text."""
    tr = _plain(text)
    toks = _Toks(tr)
    hits = _match_cues(toks, cues)

    numbers = _find_numbers(tr, toks, cues.numbers)
    dates = [(s, e) for s, e, kind, _v in numbers if kind == "date"]
    months = cues.numbers.months

    def spans(group: str) -> tuple[Span, ...]:
        if group not in hits:
            return ()
        out: list[Span] = []
        blocked = [
            (toks.starts[i], toks.ends[j - 1]) for i, j, _e in hits.get("except:" + group, ())
        ]
        for i, j, e in hits.get(group, ()):
            s, en = toks.starts[i], toks.ends[j - 1]
            if i > 0 and toks.raws[i] in months and toks.raws[i][:1].isupper():
                continue  # "May" in mid-sentence is the month
            if any(s < be and bs < en for bs, be in blocked):
                continue
            if any(s < de and ds < en for ds, de in dates):
                continue
            out.append(Span(start + s, start + en, text[s:en], e.kind, e.value))
        return tuple(out)

    speaker, verb = _find_speaker(toks, hits.get("verb", ()), cues, speaker_hint, text)
    return Annotation(
        speaker=speaker,
        reporting_verb=verb,
        hedges=spans("hedge"),
        certainty=spans("certainty"),
        numbers=tuple(Span(start + s, start + e, text[s:e], k, v) for s, e, k, v in numbers),
        labels=spans("label"),
        negations=spans("negation"),
    )


# --------------------------------------------------------------------------
# Speakers
# --------------------------------------------------------------------------

# words that may follow a speaker's name in "..., said Jane Smith on Tuesday"
_AFTER_NAME = frozenset("on in at during after before to of when who while as from and but in a an the this "
                        "last yesterday today told adding according".split())
_CONNECTORS = frozenset({"of", "the", "for", "de", "da", "van", "von", "der", "al", "bin", "del", "la", "le"})
_DETERMINERS = frozenset({"the", "a", "an"})


class _SpeakerFinder:
    def __init__(self, toks: _Toks, cues: Cues) -> None:
        self.t = toks
        self.c = cues

    # -- token classes ----------------------------------------------------
    def is_cap(self, i: int) -> bool:
        raw = self.t.raws[i]
        key = self.t.keys[i]
        return (
            raw[:1].isupper()
            and key not in self.c.name_stopwords
            and not raw[:1].isdigit()
            and not self.is_possessive(i)
        )

    def is_title(self, i: int) -> bool:
        return self.t.keys[i] in self.c.titles

    def is_modifier(self, i: int) -> bool:
        return self.t.keys[i] in self.c.title_modifiers

    def is_possessive(self, i: int) -> bool:
        return self.t.keys[i].endswith(("'s", "s'"))

    def part(self, i: int) -> bool:
        return (self.is_cap(i) or self.is_title(i) or self.is_modifier(i)) and not self.is_possessive(i)

    def name_gap(self, i: int) -> bool:
        """May tokens i and i+1 belong to one name?"""
        g = self.t.gap(i)
        if g.isspace() and len(g) <= 3 and "\n" not in g:
            return True
        raw = self.t.raws[i]
        return len(raw) == 1 and raw.isupper() and g.strip() == "." and len(g) <= 2

    # -- phrases ----------------------------------------------------------
    def left_phrase(self, j: int) -> tuple[int, int] | None:
        """Name/role phrase ending at token j: (first, last) token indexes."""
        if j < 0 or not self.part(j):
            return None
        first = j
        k = j - 1
        while k >= 0 and self.name_gap(k):
            if self.part(k):
                first = k
                k -= 1
                continue
            if self.t.keys[k] in _CONNECTORS:
                m = k
                while m >= 0 and self.t.keys[m] in _CONNECTORS and self.name_gap(m):
                    m -= 1
                if m >= 0 and self.part(m) and self.name_gap(m):
                    first = m
                    k = m - 1
                    continue
            break
        return first, j

    def right_phrase(self, i: int) -> tuple[int, int] | None:
        """Name/role phrase starting at token i (after an optional determiner)."""
        n = self.t.n
        if i < n and self.t.keys[i] in _DETERMINERS and i + 1 < n and self.name_gap(i):
            i += 1
        if i >= n or not self.part(i):
            return None
        last = i
        k = i
        while k + 1 < n and self.name_gap(k):
            if self.part(k + 1):
                k += 1
                last = k
                continue
            if self.t.keys[k + 1] in _CONNECTORS:
                m = k + 1
                while m < n and self.t.keys[m] in _CONNECTORS and m + 1 < n and self.name_gap(m):
                    m += 1
                if m < n and self.part(m) and self.t.keys[m] not in _CONNECTORS:
                    k = m
                    last = m
                    continue
            break
        return i, last

    def render(self, first: int, last: int) -> str:
        """Speaker text for a phrase: the name, or the role with its determiner."""
        t = self.t
        if self.is_title(last) or self.is_modifier(last) or not self.is_cap(last):
            if not any(self.is_title(k) for k in range(first, last + 1)):
                return ""
            s = first
            det = ""
            if s > 0 and t.keys[s - 1] in _DETERMINERS and t.gap(s - 1).isspace():
                det = t.keys[s - 1]
            body = " ".join(t.text[t.starts[first] : t.ends[last]].split())
            if body[:1].isupper() and body.split()[0].lower() in _DETERMINERS:
                det, body = body.split()[0].lower(), " ".join(body.split()[1:])
            return f"{det or 'the'} {body}"
        k = last
        while k - 1 >= first and self.is_plain_cap(k - 1) and self.name_gap(k - 1):
            k -= 1
        if last - k >= 2 and k > 0 and t.keys[k - 1] in _CONNECTORS:
            k = last - 1  # "President of Ruritania Jane Smith" -> "Jane Smith"
        elif k - 2 >= first and t.keys[k - 1] in ("of", "from") and self.is_plain_cap(k - 2):
            # "John Smith of Ohio said": the person, not the place
            last = k - 2
            k = last
            while k - 1 >= first and self.is_plain_cap(k - 1) and self.name_gap(k - 1):
                k -= 1
        return " ".join(t.text[t.starts[k] : t.ends[last]].split())

    def is_plain_cap(self, i: int) -> bool:
        return self.is_cap(i) and not self.is_title(i) and not self.is_modifier(i)

    def subject_end(self, i: int) -> int | None:
        """Last token of the subject of the verb at token i, if any."""
        t = self.t
        k = i - 1
        while k >= 0 and t.keys[k] in self.c.skip_words and t.gap(k).isspace():
            k -= 1
        if k < 0:
            return None
        g = t.gap(k)
        if g.isspace():
            return k
        if "," not in g or any(c in g for c in '".;:!?()'):
            return None
        # a parenthesis between subject and verb: "Jane Smith, in turn, explained"
        m = k
        while m > 0 and k - m < 10:
            gm = t.gap(m - 1)
            if "," in gm and not any(c in gm for c in '".;:!?()'):
                return m - 1
            if not gm.isspace():
                return None
            m -= 1
        return None

    # -- search -----------------------------------------------------------
    def find(self, verbs: Sequence[tuple[int, int, _Entry]], hint: str, original: str = "") -> tuple[str, str]:
        t = self.t
        best: tuple[int, int, str, str] | None = None  # (priority, index, speaker, verb)

        # tokens inside a quotation: a reporting verb there is part of what is
        # quoted ("“Trump says ...,” said Bloomberg"), never the statement's own
        # attribution
        quoted: list[bool] = []
        open_quote = False
        for q in range(t.n):
            # the original text tells opening from closing quotes (the translated one cannot)
            gap = original[(t.ends[q - 1] if q else 0):t.starts[q]] if original else t.gap_before(q)
            for ch in gap:
                if ch == "\u201c":
                    open_quote = True
                elif ch == "\u201d":
                    open_quote = False
                elif ch == '"':
                    open_quote = not open_quote
            quoted.append(open_quote)

        def offer(prio: int, idx: int, speaker: str, verb: str) -> None:
            nonlocal best
            if quoted[idx]:
                return  # what the quoted person says others did is not who is speaking
            if best is None or (prio, idx) < best[:2]:
                best = (prio, idx, speaker, verb)

        # "Jane Smith: ..." at the very start names the turn's speaker.
        ph = self.right_phrase(0) if t.n else None
        if ph and not t.gap_before(ph[0]).strip() and t.gap_after(ph[1]).strip().startswith(":"):
            name = self.render(*ph)
            if name[:1].isupper():
                hint = name

        for i, j, e in verbs:
            lemma = e.value
            if lemma == "according to":
                ph = self.right_phrase(j)
                if ph:
                    name = self.render(*ph)
                    if name:
                        offer(3, i, name, lemma)
                continue
            if not t.raws[i][:1].islower():
                continue
            before_verb = t.gap_before(i)
            k = self.subject_end(i)
            if k is not None:
                key, raw = t.keys[k], t.raws[k]
                acronym = len(raw) > 1 and raw.isupper()
                if key in self.c.first_person and not acronym:
                    offer(5, i, "", lemma)
                    continue
                if key in self.c.third_person and not acronym:
                    offer(6, i, "", lemma)
                    continue
                ph = self.left_phrase(k)
                name = self.render(*ph) if ph else ""
                if ph and name:
                    lead = ph[0]
                    if lead > 0 and t.keys[lead - 1] in _DETERMINERS:
                        lead -= 1
                    pre = t.gap_before(lead)
                    rest = t.keys[j:]
                    if _QUOTE in pre:
                        prio = 1
                    elif "," in pre and len(rest) <= 8 and "that" not in rest:
                        prio = 2
                    else:
                        prio = 4
                    offer(prio, i, name, lemma)
                    continue
            # name on the right: '..., said Jane Smith' / '”, explained Jane Smith';
            # not '..., said Trump agreed to ...', where the name starts what was said
            if _QUOTE in before_verb or "," in before_verb:
                ph = self.right_phrase(j)
                if (ph and ph[1] + 1 < t.n and t.gap_after(ph[1]).isspace()
                        and t.raws[ph[1] + 1][:1].islower() and t.keys[ph[1] + 1] not in _AFTER_NAME):
                    ph = None
                if ph:
                    name = self.render(*ph)
                    if name:
                        offer(1 if _QUOTE in before_verb else 2, i, name, lemma)

        # "the paper quoted Jane Smith as saying"
        for i, key in enumerate(t.keys):
            if key == "quoted":
                ph = self.right_phrase(i + 1)
                if ph and ph[1] + 2 < t.n and t.keys[ph[1] + 1] == "as" and t.keys[ph[1] + 2] == "saying":
                    name = self.render(*ph)
                    if name:
                        offer(3, i, name, "say")

        # Headline style: "... — Jane Smith" at the very end.
        for k in range(t.n - 1, max(-1, t.n - 5), -1):
            if any(d in t.gap_before(k) for d in ("\u2014", "\u2013", " - ")):
                ph = self.right_phrase(k)
                if ph and ph[1] == t.n - 1 and not t.gap_after(ph[1]).strip(" .!?\n"):
                    name = self.render(*ph)
                    if name[:1].isupper():
                        offer(2, k, name, "")
                break

        hint_name = _normalise_hint(hint, self.c)
        if best is None:
            return hint_name, ""
        prio, idx, speaker, verb = best
        if prio == 5:
            return hint_name, verb
        if prio == 4 and hint_name and t.keys[idx] != verb and t.keys[idx].endswith("s"):
            # In a transcript turn "Russia believes ..." is the turn's speaker
            # voicing a position; a past "Jane Smith said ..." reports someone.
            return hint_name, verb
        return speaker, verb


def _normalise_hint(hint: str, cues: Cues) -> str:
    hint = " ".join(hint.translate(_TRANSLATE).split()).rstrip(":").strip()
    if not hint:
        return ""
    toks = _Toks(hint)
    if not toks.n:
        return hint
    f = _SpeakerFinder(toks, cues)
    if not any(f.is_cap(k) or f.is_title(k) for k in range(toks.n)):
        return ""  # a turn label such as "Question" names nobody
    last = toks.n - 1
    if not f.is_cap(last) or f.is_title(last) or f.is_modifier(last):
        return hint
    k = last
    while k - 1 >= 0 and f.is_cap(k - 1) and not f.is_title(k - 1) and not f.is_modifier(k - 1):
        k -= 1
    return hint[toks.starts[k] : toks.ends[last]]


def _find_speaker(
    toks: _Toks, verbs: Sequence[tuple[int, int, _Entry]], cues: Cues, hint: str, original: str = ""
) -> tuple[str, str]:
    return _SpeakerFinder(toks, cues).find(verbs, hint, original)


# --------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------


def _fmt(d: Decimal) -> str:
    if d == d.to_integral_value():
        return f"{d.quantize(Decimal(1)):f}" if d.adjusted() < 28 else f"{d:f}".split(".")[0]
    s = f"{d.normalize():f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def _parse_num(s: str, g: _NumberGrammar) -> Decimal | None:
    s = s.strip()
    if not s:
        return None
    if s[0].isdigit():
        try:
            return Decimal(s.replace(",", ""))
        except InvalidOperation:
            return None
    total = 0
    current = 0
    for w in re.split(r"[\s\-]+", s.lower()):
        if w == "and" or not w:
            continue
        v = g.words.get(w)
        if v is None:
            return None
        if v == 100:
            current = max(current, 1) * 100
        elif v >= 1000:
            total += max(current, 1) * v
            current = 0
        elif w == "dozen":
            current = max(current, 1) * v
        else:
            current += v
    return Decimal(total + current)


def _apply_scale(m: re.Match[str], n: Decimal, g: _NumberGrammar) -> Decimal:
    sc = m.group("scale") or m.group("abbr")
    if sc:
        return n * g.scales.get(sc.lower(), 1)
    return n


def _qual(m: re.Match[str], g: _NumberGrammar) -> str:
    q = m.group("qual")
    return g.qualifiers.get(" ".join(q.lower().split()), "") if q else ""


def _active_patterns(
    g: _NumberGrammar, gates: frozenset[str]
) -> tuple[tuple[int, str, re.Pattern[str]], ...]:
    """The number patterns whose gates are all open (memoised per grammar)."""
    cache = g.active_cache
    got = cache.get(gates)
    if got is None:
        got = tuple(
            (prio, name, g.compiled.get(name) or g.compiled.setdefault(name, re.compile(source)))
            for prio, (name, source) in enumerate(g.patterns)
            if all(gates & need for need in g.needs[name])
        )
        cache[gates] = got
    return got


def _find_numbers(
    text: str, toks: _Toks, g: _NumberGrammar, *, exhaustive: bool = False
) -> list[tuple[int, int, str, str]]:
    """Numbers, amounts, durations, dates and percentages: (start, end, kind, value).

    ``exhaustive`` tries every pattern at every position (slow; the tests use
    it to check that the anchor-based shortcut misses nothing).
    """
    if exhaustive:
        every = frozenset({"digit", "word", "unit", "curword", "cursym", "percent", "month"})
        return _pick_numbers(text, g, range(len(text)), _active_patterns(g, every))
    keys = set(toks.keys)
    raws = set(toks.raws)
    if "-" in text:  # "two-hour", "mid-April"
        keys.update(p for k in list(keys) if "-" in k for p in k.split("-"))
        raws.update(p for r in list(raws) if "-" in r for p in r.split("-"))
    digit_keys = {k for k in keys if k[:1].isdigit()} if _DIGIT_RE.search(text) else set()
    month_keys = {r.lower() for r in g.months.keys() & raws}
    anchors = (keys & g.anchor_keys) | digit_keys | month_keys
    has_sign = g.cursym_re is not None and g.cursym_re.search(text) is not None
    if not anchors and not has_sign:
        return []
    gates: set[str] = set()
    if digit_keys:
        gates.add("digit")
    if not anchors.isdisjoint(g.word_keys):
        gates.add("word")
    if not anchors.isdisjoint(g.unit_keys):
        gates.add("unit")
    if not anchors.isdisjoint(g.curword_keys):
        gates.add("curword")
    if has_sign or not anchors.isdisjoint(g.cursym_keys):
        gates.add("cursym")
    if "%" in text or "percent" in keys or "per" in keys:
        gates.add("percent")
    if month_keys:
        gates.add("month")

    # A number expression starts at an anchor word (a digit, a number word, a
    # unit, a month...) or at most three words before it (a qualifier such as
    # "in excess of"), or at a currency sign: try the patterns only there.
    starts = toks.starts
    positions: set[int] = set()
    raws_list = toks.raws
    for i, key in enumerate(toks.keys):
        if key in anchors or ("-" in key and not anchors.isdisjoint(key.split("-"))):
            for j in range(max(0, i - 3), i + 1):
                at = starts[j]
                positions.add(at)
                if "-" in raws_list[j]:  # "28-29": each part may start a number
                    for part in raws_list[j].split("-")[:-1]:
                        at += len(part) + 1
                        positions.add(at)
    if has_sign and g.cursym_re is not None:
        positions.update(m.start() for m in g.cursym_re.finditer(text))
    return _pick_numbers(text, g, sorted(positions), _active_patterns(g, frozenset(gates)))


def _pick_numbers(
    text: str,
    g: _NumberGrammar,
    positions: Iterable[int],
    patterns: Sequence[tuple[int, str, re.Pattern[str]]],
) -> list[tuple[int, int, str, str]]:
    """Match the patterns at the positions; keep the longest non-overlapping."""
    ordered = list(positions)
    cands: list[tuple[int, int, int, str, str]] = []  # start, end, prio, kind, value
    for prio, name, pat in patterns:
        for pos in ordered:
            m = pat.match(text, pos)
            if m is None:
                continue
            try:
                found = _number_value(name, m, text, g)
            except (InvalidOperation, ValueError, OverflowError, ArithmeticError):
                found = None
            if found is not None:
                cands.append((m.start(), m.end(), prio, found[0], found[1]))
    if not cands:
        return []
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    chosen: list[tuple[int, int, int, str, str]] = []
    for c in cands:
        if all(c[1] <= o[0] or o[1] <= c[0] for o in chosen):
            chosen.append(c)
    chosen.sort()
    return [(s, e, k, v) for s, e, _p, k, v in chosen]


def _date(y: str | None, mon: int, d1: str | None, d2: str | None = None) -> str | None:
    if not 1 <= mon <= 12:
        return None
    yy = f"{int(y):04d}" if y else "-"
    if d1 is None:
        return f"{yy}-{mon:02d}" if y else f"--{mon:02d}"
    days = [int(d1)] + ([int(d2)] if d2 else [])
    if not all(1 <= d <= 31 for d in days):
        return None
    return "/".join(f"{yy}-{mon:02d}-{d:02d}" for d in days)


def _number_value(
    name: str, m: re.Match[str], text: str, g: _NumberGrammar
) -> tuple[str, str] | None:
    if name in ("dmy", "mdy", "my", "m"):
        mon = g.months[m.group("mon").rstrip(".")]
        y = m.group("y") if name != "m" else None
        if y and not y.isascii():
            return None
        d1 = m.group("d1") if name in ("dmy", "mdy") else None
        d2 = m.group("d2") if name == "dmy" else None
        if (d1 and not d1.isascii()) or (d2 and not d2.isascii()):
            return None
        v = _date(y, mon, d1, d2)
        return ("date", v) if v else None

    if name.startswith("dur"):
        unit_word = m.group("unit").lower()
        unit, factor = g.units[unit_word]
        if name == "dur_num":
            n = _parse_num(m.group("n"), g)
            if n is None:
                return None
            if m.group("half"):
                n += Decimal("0.5")
        elif name == "dur_a_half":
            n = Decimal("1.5")
        elif name == "dur_half":
            n = Decimal("0.5")
        else:  # "a/an <unit>"
            before = text[: m.start()].split()
            if before and before[-1].lower().strip(",;:") in g.not_duration_before:
                return None
            n = Decimal(1)
        return "duration", f"{_qual(m, g)}{_fmt(n * factor)} {unit}"

    n = _parse_num(m.group("n"), g)
    if n is None:
        return None
    q = _qual(m, g)
    if name == "percent":
        return "percent", f"{q}{_fmt(n)}%"
    if name == "amount_sym":
        cur = g.currency_symbols[m.group("cur").upper() if m.group("cur").isalpha() else m.group("cur")]
        return "amount", f"{cur} {q}{_fmt(_apply_scale(m, n, g))}"
    if name == "amount_word":
        cur = g.currency_words[" ".join(m.group("curw").lower().split())]
        return "amount", f"{cur} {q}{_fmt(_apply_scale(m, n, g))}"
    if name == "num_digits":
        s = m.start("n")
        if s >= 2 and text[s - 1] == "-" and text[s - 2].isalpha():
            word = text[: s - 1].split()[-1].lower() if text[: s - 1].split() else ""
            if word != "mid":
                return None  # part of a name: "START-3", "COVID-19"
        raw = m.group("n")
        scaled = m.group("scale") or m.group("abbr")
        if (
            len(raw) == 4
            and raw.isascii()
            and raw.isdigit()
            and not q
            and not scaled
            and not m.group("strong")
            and g.year_range[0] <= int(raw) <= g.year_range[1]
        ):
            return "date", raw
        return "number", f"{q}{_fmt(_apply_scale(m, n, g))}"
    if name == "num_spelled":
        value = _apply_scale(m, n, g)
        if value < g.min_standalone:
            return None
        return "number", f"{q}{_fmt(value)}"
    return None


