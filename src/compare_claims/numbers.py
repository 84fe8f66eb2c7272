"""Numbers, amounts, durations, dates and percentages, normalised.

The grammar is compiled from ``[numbers]`` in ``data/cues.toml`` (number
words, scales, qualifiers, units, months, currencies); each match becomes a
typed :class:`Quantity`, compared as values, never parsed back from text.
"""
# No `from __future__ import annotations`: typing.NamedTuple compiles every string
# annotation into a ForwardRef at start-up (~35 us a field, ~9 ms a run in all).

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, NamedTuple

from .errors import ConfigError
from .tokens import Toks, ascii_case_folded

if TYPE_CHECKING:
    from .lexicon import Doc

_DIGIT_RE = re.compile(r"\d")


class Quantity(NamedTuple):
    """One normalised value.  ``value`` is its canonical text ("90 min",
    "USD >20000000", "2019-05-03"); the other fields are what it is made of."""

    kind: str  # number | amount | duration | date | percent
    value: str
    amount: Decimal | None = None  # None for dates
    unit: str = ""  # duration unit, currency code or "%"
    qualifier: str = ""  # "" | "~" | ">" | ">=" | "<" | "<="
    year: int | None = None  # dates
    month: int | None = None
    days: tuple[int, ...] = ()
    about: tuple[str, ...] = ()  # stems of the content words next to it: what it is a quantity of


class NumberGrammar(NamedTuple):
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
    cursym_chars: str  # the currency symbols' characters that are not letters or digits ("$£€")
    active_cache: dict[frozenset[str], tuple[tuple[int, str, re.Pattern[str]], ...]]
    word_gates: Mapping[str, tuple[str, ...]]  # gate -> words, one of which the text must hold (case ignored)
    designators: frozenset[str]  # words naming a thing by the number after them ("Amendment 64")




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


def compile_numbers(doc: "Doc") -> NumberGrammar:
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
            raise ConfigError(f"cues.toml: numbers.units.{key} must be [unit, factor]")
        units[key.lower()] = (value[0], Decimal(str(value[1])))
    min_standalone = doc.number(t, "min_standalone_spelled", "numbers", 11)
    yr = t.get("year_range", [1800, 2099])
    if not (isinstance(yr, list) and len(yr) == 2 and all(isinstance(y, int) for y in yr)):
        raise ConfigError("cues.toml: numbers.year_range must be [first, last]")
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
    end = r"(?![\w]|[.,:/]\d)"
    # numbers joined by a slash ("9/11", "24/7", "50/50") name an event, a schedule or a
    # share, not counts: neither side is a number on its own
    b_digits = r"(?<![\w.,:/])"
    src = [
        (
            "dmy",
            rf"(?<![\w.,:])(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*(?P<d2>\d{{1,2}}))?"
            # not "the 12 Oct. 3 delegates": a day right after the month is its date
            rf"\s+(?P<mon>{mon})(?:,?\s+(?P<y>\d{{4}})(?!\d)|(?!\s+\d{{1,2}}(?!\d)))(?!\w)",
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
        ("num_digits", rf"{b_digits}{qual}(?P<n>{digits}){scale}(?P<strong>-(?i:strong))?{end}"),
        ("num_spelled", rf"(?<![\w-]){qual}(?P<n>(?i:{spelled})){scale}(?![\w-])"),
    ]
    # compiled lazily (see _active_patterns): most texts need only some of them,
    # and compiling all of these alternations costs more than annotating a text
    patterns = tuple(src)
    chars = "".join(sorted({c for s in cur_sym for c in s if not c.isalnum()}))
    num_gate = frozenset({"digit", "word"})
    needs = {
        # a day or a year next to the month (see _month_digit_gates)
        "dmy": (frozenset({"month"}), frozenset({"digit"}), frozenset({"day_month"})),
        "mdy": (frozenset({"month"}), frozenset({"digit"}), frozenset({"month_day"})),
        "my": (frozenset({"month"}), frozenset({"digit"}), frozenset({"month_year"})),
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
    # A word a pattern cannot match without: a substring test on the text opens
    # its gate, and a pattern no text needs is never compiled ("us" opens the
    # currency gate, for "US dollar", in any text saying "us"; the amount needs
    # a currency's last word too).  Only ASCII words (see ascii_case_folded).
    word_gates = {
        gate: words for gate, words in (
            ("half", ("half",)),
            ("currency", tuple(sorted({w.split()[-1] for w in cur_words}))),
        ) if words and all(w.isascii() for w in words)
    }
    for name, gate in (("amount_word", "currency"), ("dur_a_half", "half"), ("dur_half", "half")):
        if gate in word_gates:
            needs[name] += (frozenset({gate}),)
    cur_first = {w.split()[0] for w in cur_words}
    word_keys = frozenset(words)
    unit_keys = frozenset(units) | frozenset(u + "s" for u in units)
    curword_keys = frozenset(cur_first) | frozenset(w + "s" for w in cur_first)
    cursym_keys = frozenset(k.lower() for k in cur_sym if k.isalpha())
    return NumberGrammar(
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
        cursym_chars=chars,
        active_cache={},
        word_gates=word_gates,
        designators=frozenset(w.lower() for w in doc.strings(t, "designators", "numbers")),
    )



def _fmt(d: Decimal) -> str:
    if d == d.to_integral_value():
        return f"{d.quantize(Decimal(1)):f}" if d.adjusted() < 28 else f"{d:f}".split(".")[0]
    s = f"{d.normalize():f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def _parse_num(s: str, g: NumberGrammar) -> Decimal | None:
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


def _apply_scale(m: re.Match[str], n: Decimal, g: NumberGrammar) -> Decimal:
    sc = m.group("scale") or m.group("abbr")
    if sc:
        return n * g.scales.get(sc.lower(), 1)
    return n


def _qual(m: re.Match[str], g: NumberGrammar) -> str:
    q = m.group("qual")
    return g.qualifiers.get(" ".join(q.lower().split()), "") if q else ""


def _active_patterns(
    g: NumberGrammar, gates: frozenset[str]
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


def find_numbers(
    text: str, toks: Toks, g: NumberGrammar, *, exhaustive: bool = False
) -> list[tuple[int, int, Quantity]]:
    """Numbers, amounts, durations, dates and percentages: (start, end, quantity).

    ``exhaustive`` tries every pattern at every position (slow; the tests use
    it to check that the anchor-based shortcut misses nothing).
    """
    if exhaustive:
        every = frozenset({"digit", "word", "unit", "curword", "cursym", "percent", "month", "day_month",
                           "month_day", "month_year", *g.word_gates})
        return _named_apart(text, g, _pick_numbers(text, g, range(len(text)), _active_patterns(g, every)))
    keys = set(toks.keys)
    raws = set(toks.raws)
    if "-" in text:  # "two-hour", "mid-April"
        keys.update(p for k in list(keys) if "-" in k for p in k.split("-"))
        raws.update(p for r in list(raws) if "-" in r for p in r.split("-"))
    digit_keys = {k for k in keys if k[:1].isdigit()} if _DIGIT_RE.search(text) else set()
    month_keys = {r.lower() for r in g.months.keys() & raws}
    anchors = (keys & g.anchor_keys) | digit_keys | month_keys
    has_sign = any(c in text for c in g.cursym_chars)
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
        if digit_keys:
            gates.update(_month_digit_gates(toks.raws, g.months))
    if g.word_gates and gates & {"unit", "curword"}:  # the gates of the patterns that need a word
        folded = ascii_case_folded(text)
        gates.update(gate for gate, words in g.word_gates.items() if any(w in folded for w in words))

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
    if has_sign:
        positions.update(_offsets_of(text, g.cursym_chars))
    return _named_apart(text, g, _pick_numbers(text, g, sorted(positions), _active_patterns(g, frozenset(gates))))


_WORD_BEFORE_RE = re.compile(r"(?<![A-Za-z])([A-Za-z]+)\s+$")  # a whole word, though the window cuts one


def _named_apart(text: str, g: NumberGrammar, found: list[tuple[int, int, Quantity]]) -> list[tuple[int, int, Quantity]]:
    """``found`` without the bare numbers that name a thing with the word before them
    ("Amendment 64", "Flight 370"): a label, no quantity to compare."""
    if not g.designators or not found:
        return found
    out = []
    for s, e, q in found:
        if q.kind == "number" and text[s:e].isdigit():
            m = _WORD_BEFORE_RE.search(text, max(0, s - 16), s)
            if m and m.group(1).lower() in g.designators:
                continue
        out.append((s, e, q))
    return out


def _month_digit_gates(raws: Sequence[str], months: Mapping[str, int]) -> set[str]:
    """The gates of the dates that need a day or a year next to a month:
    "day_month" when the word before a month holds a digit ("13 May", "13th
    May"); after it, "month_day" when the word opens with one or two digits
    ("May 13", "May 1st"), "month_year" with four ("May 2019").  A text that
    names a month without them ("in May") neither tries nor compiles those
    patterns.  A month the patterns match is bounded by non-word characters:
    one of the parts of a word token between its joiners; a day is one or two
    digits and then no word character but st/nd/rd/th, a year four digits."""
    out: set[str] = set()
    last = len(raws) - 1
    for i, raw in enumerate(raws):
        if raw in months or (not raw.isalnum() and any(p in months for p in raw.replace("'", "-").split("-"))):
            if i > 0 and any(c.isdigit() for c in raws[i - 1]):
                out.add("day_month")
            after = raws[i + 1] if i < last else ""
            if after[:1].isdigit():
                if len(after) < 3 or not after[:3].isdigit():
                    out.add("month_day")
                if len(after) >= 4 and after[:4].isdigit():
                    out.add("month_year")
    return out


def _offsets_of(text: str, chars: str) -> Iterator[int]:
    """Every offset of ``text`` that holds one of ``chars``, by ``str.find``
    (a pattern of these signs, a class of characters beyond Latin-1, took ~0.5 ms to compile)."""
    for c in chars:
        at = text.find(c)
        while at >= 0:
            yield at
            at = text.find(c, at + 1)


def _pick_numbers(
    text: str,
    g: NumberGrammar,
    positions: Iterable[int],
    patterns: Sequence[tuple[int, str, re.Pattern[str]]],
) -> list[tuple[int, int, Quantity]]:
    """Match the patterns at the positions; keep the longest non-overlapping."""
    ordered = list(positions)
    cands: list[tuple[int, int, int, Quantity]] = []  # start, end, prio, quantity
    for prio, name, pat in patterns:
        for pos in ordered:
            m = pat.match(text, pos)
            if m is None:
                continue
            try:
                found = _number_value(name, m, text, g)
            except (InvalidOperation, ValueError, OverflowError, ArithmeticError):
                found = None  # a number too long to hold is no quantity
            if found is not None:
                cands.append((m.start(), m.end(), prio, found))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    chosen: list[tuple[int, int, int, Quantity]] = []
    for c in cands:
        if all(c[1] <= o[0] or o[1] <= c[0] for o in chosen):
            chosen.append(c)
    chosen.sort(key=lambda c: c[0])
    return [(s, e, q) for s, e, _p, q in chosen]


def _date(y: str | None, mon: int, d1: str | None, d2: str | None = None) -> Quantity | None:
    if not 1 <= mon <= 12:
        return None
    year = int(y) if y else None
    days = tuple(int(d) for d in (d1, d2) if d)
    if not all(1 <= d <= 31 for d in days):
        return None
    yy = f"{year:04d}" if year is not None else "-"
    if not days:
        value = f"{yy}-{mon:02d}" if year is not None else f"--{mon:02d}"
    else:
        value = "/".join(f"{yy}-{mon:02d}-{d:02d}" for d in days)
    return Quantity("date", value, year=year, month=mon, days=days)


def _measure(kind: str, n: Decimal, unit: str, q: str) -> Quantity:
    shown = f"{q}{_fmt(n)}"
    value = {"percent": f"{shown}%", "amount": f"{unit} {shown}", "duration": f"{shown} {unit}"}.get(kind, shown)
    return Quantity(kind, value, amount=n, unit=unit, qualifier=q)


def _number_value(name: str, m: re.Match[str], text: str, g: NumberGrammar) -> Quantity | None:
    if name in ("dmy", "mdy", "my", "m"):
        mon = g.months[m.group("mon").rstrip(".")]
        y = m.group("y") if name != "m" else None
        d1 = m.group("d1") if name in ("dmy", "mdy") else None
        d2 = m.group("d2") if name == "dmy" else None
        if any(x and not x.isascii() for x in (y, d1, d2)):
            return None
        return _date(y, mon, d1, d2)

    if name.startswith("dur"):
        unit, factor = g.units[ascii_case_folded(m.group("unit"))]  # "ſ" matched as "s"
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
        return _measure("duration", n * factor, unit, _qual(m, g))

    n = _parse_num(m.group("n"), g)
    if n is None:
        return None
    q = _qual(m, g)
    if name == "percent":
        return _measure("percent", n, "%", q)
    if name == "amount_sym":
        cur = g.currency_symbols[m.group("cur").upper() if m.group("cur").isalpha() else m.group("cur")]
        return _measure("amount", _apply_scale(m, n, g), cur, q)
    if name == "amount_word":
        cur = g.currency_words[" ".join(ascii_case_folded(m.group("curw")).split())]
        return _measure("amount", _apply_scale(m, n, g), cur, q)
    if name == "num_digits":
        s = m.start("n")
        if s >= 2 and text[s - 1] == "-" and text[s - 2].isalpha():
            word = text[: s - 1].split()[-1].lower() if text[: s - 1].split() else ""
            if word.split("-")[-1] not in ("mid", "to"):  # "mid-2019", "a 121-to-58 vote"
                return None  # part of a name: "START-3", "COVID-19"
        raw = m.group("n")
        scaled = m.group("scale") or m.group("abbr")
        if (len(raw) == 4 and raw.isascii() and raw.isdigit() and not q and not scaled and not m.group("strong")
                and g.year_range[0] <= int(raw) <= g.year_range[1]):
            return Quantity("date", raw, year=int(raw))
        return _measure("number", _apply_scale(m, n, g), "", q)
    if name == "num_spelled":
        value = _apply_scale(m, n, g)
        if value < g.min_standalone:
            return None
        return _measure("number", value, "", q)
    return None


_APPROX = Decimal("0.1")  # "about 20" covers 18-22


def _interval(q: Quantity) -> tuple[Decimal | None, Decimal | None]:
    """The values a measure allows (None: unbounded)."""
    v = q.amount
    assert v is not None
    if q.qualifier == "~":
        return v - abs(v) * _APPROX, v + abs(v) * _APPROX
    if q.qualifier in (">", ">="):
        return v, None
    if q.qualifier in ("<", "<="):
        return None, v
    return v, v


def consistent(a: Quantity, b: Quantity) -> bool:
    """Could ``a`` and ``b`` both be true of one thing?  Different kinds or
    units are not comparable (consistent); dates agree on every field both
    give; measures agree when the ranges their qualifiers allow meet
    ("more than two hours" and "150 minutes" do)."""
    if a.kind != b.kind:
        return True
    if a.kind == "date":
        if a.year is not None and b.year is not None and a.year != b.year:
            return False
        if a.month is not None and b.month is not None and a.month != b.month:
            return False
        return not (a.days and b.days and not set(a.days) & set(b.days))
    if a.unit != b.unit or a.amount is None or b.amount is None:
        return True
    (alo, ahi), (blo, bhi) = _interval(a), _interval(b)
    return (ahi is None or blo is None or blo <= ahi) and (bhi is None or alo is None or alo <= bhi)
