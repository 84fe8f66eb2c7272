#!/usr/bin/env python3
"""Run compare-claims over every BASIL triplet and score its annotations.

    .venv/bin/python scripts/basil_eval.py [--basil DIR] [--examples N] [--json]
                                           [--cli all|sample|none] [--jobs N]

BASIL (Fan et al. 2019, ``../shared/corpora/basil``) holds 100 triplets of
Fox News / New York Times / HuffPost articles on one event, with phrase-level
bias spans: ``lex`` (loaded wording) and ``inf`` (informational: which facts
are told), each marked as inside a quote or not, with the quote's speaker.

For each triplet (sorted by triplet uuid) the script

* writes the three articles as plain text files, as a reader would save them:
  the title line, a blank line, then the paragraphs separated by blank lines
  (the sentences of a paragraph joined by one space); every BASIL sentence
  keeps its character offset in that text, so every annotation gets absolute
  offsets (:func:`build_text`);
* writes a topics TOML with one topic, ``basil``, built from the triplet's main
  entities (:func:`topic_for`);
* runs the real CLI, ``compare-claims topic basil --sources DIR --topics-file
  FILE --format json`` (a subprocess; it must exit 0 with valid JSON), and
  counts groups, statements and divergence flags from its output;
* segments and annotates every statement of every article (not only the
  on-topic ones) and scores the loaded labels against BASIL's ``lex`` spans
  (recall; ``inf`` spans as a contrast) and the speakers against BASIL's quote
  speakers.

``--cli sample`` runs the CLI on 10 triplets only and the in-process
``pipeline.run`` on all of them (use it where starting 100 processes is too
slow); ``--cli none`` runs in-process only.  Output is deterministic.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BASIL = ROOT.parent / "shared" / "corpora" / "basil"
OUTLETS = ("fox", "nyt", "hpo")  # file names fox.txt, hpo.txt, nyt.txt
OUTLET_NAMES = {"fox": "Fox News", "nyt": "The New York Times", "hpo": "HuffPost"}
FLAGS = ("speaker", "hedge", "numbers", "polarity", "labels", "quote")
TOPIC_NAME = "basil"
CLI_SAMPLE = 10
GENERIC_SPEAKERS = ("other_anti", "other_pro", "other_neutral")

# Words that make an entity a group, an institution or a thing rather than a
# person: no "last name" variant is added for those.
_NOT_PERSON = frozenset(
    """party department committee house senate congress court republicans democrats
    lawmakers officials leaders members campaign administration companies act service
    association agency enquirer america now national attacks bill program programs
    candidates authorities enforcement news""".split()
)
# Trailing words naming the kind of group ("Colorado officials"): dropped to get its name.
_GENERIC_TAIL = frozenset(
    """officials lawmakers programs program companies members leaders candidates attacks bill
    campaign administration committee""".split()
)
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_WORD_RE = re.compile(r"\w+")


# --------------------------------------------------------------------------
# Corpus
# --------------------------------------------------------------------------


@dataclass
class Article:
    outlet: str  # fox | nyt | hpo
    data: dict[str, Any]
    spans: list[dict[str, Any]]  # BASIL phrase-level annotations

    @property
    def sentences(self) -> list[str]:
        return [s for para in self.data["body-paragraphs"] for s in para]


@dataclass
class Triplet:
    uuid: str
    year: str
    articles: dict[str, Article]  # by outlet

    @property
    def event(self) -> str:
        events = [self.articles[o].data.get("main-event", "") for o in OUTLETS if o in self.articles]
        events = [e.strip() for e in events if e and e.strip()]
        return events[0] if events else ""

    @property
    def entities(self) -> list[str]:
        """Main entities of the three articles, in order of first mention (fox, nyt, hpo)."""
        seen: dict[str, None] = {}
        for o in OUTLETS:
            if o in self.articles:
                for e in self.articles[o].data.get("main-entities", []):
                    e = " ".join(str(e).split())
                    if e and e.casefold() not in {k.casefold() for k in seen}:
                        seen[e] = None
        return list(seen)


def load_corpus(basil: Path) -> list[Triplet]:
    """All triplets, sorted by triplet uuid; outlets from the ``source`` field."""
    by_uuid: dict[str, dict[str, Article]] = defaultdict(dict)
    years: dict[str, str] = {}
    for path in sorted((basil / "articles").glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        outlet = str(data["source"]).lower()
        ann_path = basil / "annotations" / path.parent.name / (path.stem + "_ann.json")
        spans: list[dict[str, Any]] = []
        if ann_path.is_file():
            spans = json.loads(ann_path.read_text(encoding="utf-8")).get("phrase-level-annotations", [])
        tid = data["triplet-uuid"]
        if outlet in by_uuid[tid]:
            raise ValueError(f"{path}: second {outlet} article in triplet {tid}")
        by_uuid[tid][outlet] = Article(outlet, data, spans)
        years[tid] = path.parent.name
    return [Triplet(t, years[t], by_uuid[t]) for t in sorted(by_uuid)]


# --------------------------------------------------------------------------
# Texts with offsets
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    """An article as a text file, and where every BASIL sentence sits in it."""

    text: str
    title: tuple[int, int, int]  # (base, lo, hi): see ``sentences``
    # per flattened sentence: (base, lo, hi) with offset o inside the BASIL
    # sentence at text[base + o] for lo <= o < hi; None for an empty sentence
    sentences: tuple[tuple[int, int, int] | None, ...]

    def locate(self, sid: str, start: int, end: int) -> tuple[int, int] | None:
        """Absolute offsets of a BASIL span (``id`` "pN" or "title", offsets in that sentence).

        A span running into white space that the saved text dropped (a
        sentence's trailing blank at the end of a paragraph) is clipped.
        """
        where: tuple[int, int, int] | None
        if sid == "title":
            where = self.title
        else:
            n = int(sid[1:])
            where = self.sentences[n] if 0 <= n < len(self.sentences) else None
        if where is None:
            return None
        base, lo, hi = where
        a, b = min(max(start, lo), hi), min(max(end, lo), hi)
        if a >= b:
            return None
        return base + a, base + b


def build_text(article: dict[str, Any]) -> Built:
    """Title line, blank line, paragraphs separated by blank lines.

    Sentences of a paragraph are joined by one space; a sentence that already
    ends in white space (BASIL keeps a trailing blank on some) is followed by
    none, so there is one space between sentences either way, and the blank
    ending a paragraph is dropped.  Empty sentences and paragraphs are left out
    (their index still counts: "pN" ids index the flattened list).
    """
    parts: list[str] = []
    pos = 0

    def put(s: str) -> None:
        nonlocal pos
        parts.append(s)
        pos += len(s)

    def place(s: str, last: bool) -> tuple[int, int, int]:
        lead = len(s) - len(s.lstrip())
        body = s[lead:].rstrip() if last else s[lead:]
        where = (pos - lead, lead, lead + len(body))
        put(body)
        return where

    title = str(article.get("title", "")).replace("\n", " ").replace("\r", " ")
    title_at = place(title, True)
    located: list[tuple[int, int, int] | None] = []
    for para in article["body-paragraphs"]:
        live = [i for i, s in enumerate(para) if s.strip()]
        if live:
            put("\n\n")
        for i, s in enumerate(para):
            if i not in live:
                located.append(None)
                continue
            if i != live[0] and not parts[-1][-1:].isspace():
                put(" ")
            located.append(place(s, i == live[-1]))
    put("\n")
    return Built("".join(parts), title_at, tuple(located))


# --------------------------------------------------------------------------
# Topic
# --------------------------------------------------------------------------


def _person_last_names(entity: str) -> list[str]:
    """Last names in a person's name ("Donald Trump Jr." -> "Trump";
    "Duncan and Margaret Hunter" -> "Hunter"); [] for a group or thing."""
    words = entity.replace("/", " ").split()
    names = [w for w in words if w.lower() != "and"]
    if not 2 <= len(names) <= 5:
        return []
    if any(not w[:1].isupper() for w in names):
        return []
    if any(w.lower().strip(".'’s") in _NOT_PERSON or w.lower() in _NOT_PERSON for w in names):
        return []
    core = [w for w in names if w.lower() not in _NAME_SUFFIXES]
    last = core[-1].rstrip(".,") if core else ""
    if len(last) < 3 or "." in last:
        return []
    return [last]


def _head_variants(entity: str) -> list[str]:
    """The named part of a group or thing: "Colorado officials" -> "Colorado",
    "National Security Agency programs" -> "National Security Agency",
    "Nebraska and Oklahoma officials" -> "Nebraska", "Oklahoma";
    "Obama's administration" -> "Obama"; "U.S. Congress" -> "Congress"."""
    out = []
    if entity.startswith(("U.S. ", "US ")):
        out.append(entity.split(None, 1)[1])
    words = entity.split()
    if not words or words[-1].lower() not in _GENERIC_TAIL:
        return out  # "Law enforcement", "Tea Party" stay whole
    while words and (words[-1].lower() in _GENERIC_TAIL or words[-1][:1].islower()):
        words.pop()
    for part in re.split(r"\s+and\s+|/", " ".join(words)):
        w = part.split()
        if w and w[-1].endswith(("'s", "’s")):
            w[-1] = w[-1][:-2]
        if w and not w[0][:1].islower():
            out.append(" ".join(w))
    return out


def topic_keywords(entities: Iterable[str]) -> list[str]:
    """Entities (and "a/b" alternatives), plus a person's last name or the
    named part of a group ("Colorado officials" -> "Colorado"); 3+ chars."""
    out: dict[str, None] = {}

    def add(k: str) -> None:
        k = " ".join(k.split()).strip(" ,;")
        if len(k) >= 3 and k.casefold() not in {x.casefold() for x in out}:
            out[k] = None

    for e in entities:
        add(e)
        if "/" in e:
            for part in e.split("/"):
                add(part)
        lasts = _person_last_names(e)
        for last in lasts:
            add(last)
        if not lasts:
            for head in _head_variants(e):
                add(head)
    return list(out)


def topic_for(triplet: Triplet) -> tuple[str, list[str]]:
    keywords = topic_keywords(triplet.entities)
    label = triplet.event or (triplet.entities[0] if triplet.entities else triplet.uuid)
    return label, keywords


def _toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def topics_toml(label: str, keywords: Sequence[str]) -> str:
    kws = ", ".join(_toml_str(k) for k in keywords)
    return f"[topics.{TOPIC_NAME}]\nlabel = {_toml_str(label)}\nkeywords = [{kws}]\n"


def write_triplet(triplet: Triplet, directory: Path) -> tuple[Path, Path, dict[str, Built]]:
    """The three texts (fox.txt, hpo.txt, nyt.txt, with a sources.toml naming
    the outlets) in ``directory/texts`` and the topics file beside them."""
    texts = directory / "texts"
    texts.mkdir(parents=True, exist_ok=True)
    built: dict[str, Built] = {}
    meta = []
    for o in OUTLETS:
        if o not in triplet.articles:
            continue
        b = build_text(triplet.articles[o].data)
        built[o] = b
        (texts / f"{o}.txt").write_text(b.text, encoding="utf-8", newline="")
        meta.append(f'[files."{o}.txt"]\noutlet = {_toml_str(OUTLET_NAMES[o])}\n'
                    f'date = {_toml_str(str(triplet.articles[o].data.get("date", "")))}\n')
    (texts / "sources.toml").write_text("\n".join(meta), encoding="utf-8")
    label, keywords = topic_for(triplet)
    tfile = directory / "topics.toml"
    tfile.write_text(topics_toml(label, keywords), encoding="utf-8")
    return texts, tfile, built


# --------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------


def cli_command() -> list[str]:
    exe = shutil.which("compare-claims", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "compare_claims"]


def run_cli(texts: Path, topics_file: Path) -> tuple[int, dict[str, Any] | None, str]:
    argv = cli_command() + ["topic", TOPIC_NAME, "--sources", str(texts), "--topics-file", str(topics_file),
                            "--format", "json", "--quiet"]
    env = dict(os.environ, NO_COLOR="1", COLUMNS="200")
    proc = subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", env=env, timeout=300)
    if proc.returncode != 0:
        return proc.returncode, None, proc.stderr.strip()
    try:
        return 0, json.loads(proc.stdout), ""
    except json.JSONDecodeError as exc:
        return 0, None, f"invalid JSON: {exc}"


def _plan(topic: Any, topics: dict[str, Any]) -> Any:
    from compare_claims.config import load_lexicon, load_segment_cues, load_vocabulary
    from compare_claims.pipeline import Plan

    return Plan.build(load_segment_cues(), [topics[n] for n in sorted(topics)], [topic], load_lexicon(topic),
                      load_vocabulary())


def run_inprocess(texts: Path, topics_file: Path) -> dict[str, Any]:
    from compare_claims.config import load_topics
    from compare_claims.load import expand_paths, load_sources
    from compare_claims.pipeline import Options, run
    from compare_claims.topics import get_topic

    sources = load_sources(expand_paths([str(texts)])[0]).sources
    topics = load_topics(topics_file)
    topic = get_topic(topics, TOPIC_NAME)
    doc: dict[str, Any] = run(sources, topic, _plan(topic, topics), Options()).to_dict()
    return doc


def check_offsets(result: dict[str, Any], texts: dict[str, str]) -> list[str]:
    """Every statement and annotation span slices back to its source text."""
    problems = []
    by_id = {s["id"]: texts.get(Path(s["file"]).stem, "") for s in result["sources"]}
    for g in result["groups"]:
        for st in g["statements"]:
            text = by_id.get(st["source"], "")
            if text[st["start"]:st["end"]] != st["text"]:
                problems.append(f"{g['id']}: statement {st['start']}:{st['end']} does not slice back")
            for key in ("hedges", "certainty", "numbers", "labels", "negations", "diff"):
                for sp in st.get(key, []):
                    if text[sp["start"]:sp["end"]] != sp["text"]:
                        problems.append(f"{g['id']}: {key} span {sp['start']}:{sp['end']} does not slice back")
    return problems


# --------------------------------------------------------------------------
# Scoring BASIL spans
# --------------------------------------------------------------------------


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _fold_words(text: str) -> list[str]:
    """Lower-cased words without accents ("Calderón" -> "calderon"; hyphens split)."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return [w.lower() for w in _WORD_RE.findall(plain.replace("_", " "))]


def last_name(speaker: str) -> str:
    """BASIL speaker "Donald_Trump" -> "trump"; "Alexandria_Ocasio-Cortez" -> "cortez";
    "Donald_Trump_Jr." -> "trump"; "Democratic_lawmakers" -> "lawmakers"."""
    words = [w for w in _fold_words(speaker) if w not in {x.strip(".") for x in _NAME_SUFFIXES}]
    return words[-1] if words else ""


def _same_name(last: str, words: Sequence[str]) -> bool:
    """``last`` is one of ``words``, or (5+ letters) a prefix of one: BASIL cuts
    names at their first non-ASCII letter ("Felipe_Calder" for Calderón)."""
    return bool(last) and any(w == last or (len(last) >= 5 and w.startswith(last)) for w in words)


def is_person_speaker(speaker: str) -> bool:
    """A BASIL speaker that names one person ("Donald_Trump", "Trump"), not a
    group ("Democratic_lawmakers", "Obama_campaign") nor other_*."""
    if speaker.lower() in GENERIC_SPEAKERS:
        return False
    name = speaker.replace("_", " ").strip()
    if " " not in name:  # one word: a surname, unless an acronym or a plural group
        return name[:1].isupper() and not name.isupper() and name.lower() not in _NOT_PERSON \
            and not name.endswith("s")
    return bool(_person_last_names(name))


@dataclass
class SpanStats:
    lex_total: int = 0
    lex_located: int = 0
    lex_in_statement: int = 0
    lex_hit: int = 0
    inf_total: int = 0
    inf_located: int = 0
    inf_hit: int = 0
    lex_quote_total: int = 0
    lex_quote_hit: int = 0
    lex_noquote_total: int = 0
    lex_noquote_hit: int = 0
    label_spans: int = 0
    labels_on_basil: int = 0  # label spans overlapping some BASIL span (lex or inf)
    labels_on_lex: int = 0
    words: int = 0
    statements: int = 0
    q_total: int = 0  # quote == yes, non-empty speaker
    q_named: int = 0  # ... and the speaker is a name, not other_*
    q_person: int = 0  # ... and that name is one person's
    q_in_statement: int = 0
    q_with_speaker: int = 0
    q_named_with_speaker: int = 0
    q_same: int = 0
    q_person_with_speaker: int = 0
    q_person_same: int = 0
    hit_terms: Counter[str] = field(default_factory=Counter)
    missed_lex: Counter[str] = field(default_factory=Counter)
    false_labels: Counter[str] = field(default_factory=Counter)
    speaker_pairs: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, other: SpanStats) -> None:
        for k, v in vars(other).items():
            mine = getattr(self, k)
            if isinstance(v, Counter):
                mine.update(v)
            elif isinstance(v, list):
                mine.extend(v)
            else:
                setattr(self, k, mine + v)


def score_article(article: Article, built: Built, source_id: str, plan: Any) -> SpanStats:
    from compare_claims.models import Source
    from compare_claims.pipeline import analyze

    st = SpanStats()
    text = built.text
    # the product's own per-statement annotations, every statement on topic (as `compare` takes them)
    analysis = analyze(Source(id=source_id, file=f"{source_id}.txt", text=text), plan)
    anns = list(zip((s.statement for s in analysis.selected[0][1]), analysis.annotations))
    st.statements = len(anns)
    st.words = len(_WORD_RE.findall(text))
    labels = [(lb.start, lb.end, lb.text.lower()) for _s, a in anns for lb in a.labels]
    st.label_spans = len(labels)

    located: list[tuple[dict[str, Any], tuple[int, int]]] = []
    for sp in article.spans:
        where = built.locate(str(sp["id"]), int(sp["start"]), int(sp["end"]))
        bias = sp.get("bias")
        if bias == "lex":
            st.lex_total += 1
        elif bias == "inf":
            st.inf_total += 1
        if where is None:
            continue
        located.append((sp, where))
        hit = [lb for lb in labels if _overlaps(where, (lb[0], lb[1]))]
        quoted = sp.get("quote") == "yes"
        if bias == "lex":
            st.lex_located += 1
            if any(_overlaps(where, (s.start, s.end)) for s, _a in anns):
                st.lex_in_statement += 1
            st.lex_hit += bool(hit)
            if quoted:
                st.lex_quote_total += 1
                st.lex_quote_hit += bool(hit)
            else:
                st.lex_noquote_total += 1
                st.lex_noquote_hit += bool(hit)
            if hit:
                st.hit_terms.update(h[2] for h in hit)
            else:
                st.missed_lex[" ".join(text[where[0]:where[1]].lower().split())] += 1
        elif bias == "inf":
            st.inf_located += 1
            st.inf_hit += bool(hit)
        speaker = str(sp.get("speaker", "")).strip()
        if quoted and speaker:
            st.q_total += 1
            named = speaker.lower() not in GENERIC_SPEAKERS
            person = is_person_speaker(speaker)
            st.q_named += named
            st.q_person += person
            best = max(((min(where[1], s.end) - max(where[0], s.start), s, a) for s, a in anns
                        if _overlaps(where, (s.start, s.end))), key=lambda t: (t[0], -t[1].start), default=None)
            if best is None:
                continue
            st.q_in_statement += 1
            ann = best[2]
            if ann.speaker:
                st.q_with_speaker += 1
                if named:
                    st.q_named_with_speaker += 1
                    same = _same_name(last_name(speaker), _fold_words(ann.speaker))
                    st.q_same += same
                    if person:
                        st.q_person_with_speaker += 1
                        st.q_person_same += same
                        st.speaker_pairs.append((speaker, ann.speaker, "same" if same else "other"))
    spans_all = [w for _sp, w in located]
    lex_all = [w for sp, w in located if sp.get("bias") == "lex"]
    for a, b, term in labels:
        if any(_overlaps((a, b), w) for w in spans_all):
            st.labels_on_basil += 1
        else:
            st.false_labels[term] += 1
        st.labels_on_lex += any(_overlaps((a, b), w) for w in lex_all)
    return st


# --------------------------------------------------------------------------
# Per-triplet work and the report
# --------------------------------------------------------------------------


@dataclass
class TripletResult:
    uuid: str
    event: str
    keywords: list[str]
    mode: str  # cli | in-process
    error: str = ""
    groups: list[dict[str, Any]] = field(default_factory=list)
    statements_all: int = 0
    spans: SpanStats = field(default_factory=SpanStats)
    seconds: float = 0.0


def process(triplet: Triplet, workdir: Path, use_cli: bool) -> TripletResult:
    from compare_claims.topics import ALL_STATEMENTS

    t0 = time.perf_counter()
    d = workdir / triplet.uuid
    texts, tfile, built = write_triplet(triplet, d)
    label, keywords = topic_for(triplet)
    res = TripletResult(triplet.uuid, label, keywords, "cli" if use_cli else "in-process")
    try:
        if use_cli:
            code, out, err = run_cli(texts, tfile)
            if out is None:
                res.error = f"exit {code}: {err}" if code else err
        else:
            out = run_inprocess(texts, tfile)
        if out is not None:
            problems = check_offsets(out, {o: b.text for o, b in built.items()})
            if problems:
                res.error = f"{len(problems)} offsets do not slice back, e.g. {problems[0]}"
            res.groups = out["groups"]
    except Exception as exc:  # noqa: BLE001 - any failure is an error to count
        res.error = f"{type(exc).__name__}: {exc}"
    plan = _plan(ALL_STATEMENTS, {})
    for o, b in built.items():
        s = score_article(triplet.articles[o], b, o, plan)
        res.statements_all += s.statements
        res.spans.add(s)
    res.seconds = time.perf_counter() - t0
    return res


def cli_sample(triplets: Sequence[Triplet], n: int) -> set[str]:
    """n triplets spread evenly over the sorted list."""
    if n >= len(triplets):
        return {t.uuid for t in triplets}
    step = len(triplets) / n
    return {triplets[int(i * step)].uuid for i in range(n)}


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}%" if b else "n/a"


def _median(xs: Sequence[float]) -> float:
    s = sorted(xs)
    if not s:
        return 0.0
    m = len(s) // 2
    return float(s[m]) if len(s) % 2 else (s[m - 1] + s[m]) / 2


def summarise(results: Sequence[TripletResult], seconds: float) -> dict[str, Any]:
    flags: Counter[str] = Counter()
    multi = 0
    n_groups = []
    n_statements = []
    total_groups = 0
    for r in results:
        n_groups.append(len(r.groups))
        n_statements.append(sum(len(g["statements"]) for g in r.groups))
        total_groups += len(r.groups)
        for g in r.groups:
            if len(g["sources"]) > 1:
                multi += 1
            flags.update(g["flags"])
    sp = SpanStats()
    for r in results:
        sp.add(r.spans)
    three = sum(1 for r in results for g in r.groups if len(g["sources"]) == 3)
    flagged = sum(1 for r in results for g in r.groups if g["flags"])
    return {
        "triplets": len(results),
        "cli_runs": sum(r.mode == "cli" for r in results),
        "in_process_runs": sum(r.mode == "in-process" for r in results),
        "errors": [{"triplet": r.uuid, "error": r.error} for r in results if r.error],
        "seconds": round(seconds, 1),
        "groups": {
            "total": total_groups,
            "multi_source": multi,
            "three_sources": three,
            "flagged": flagged,
            "per_triplet_mean": round(total_groups / len(results), 2) if results else 0,
            "per_triplet_median": _median(n_groups),
            "per_triplet_min": min(n_groups, default=0),
            "per_triplet_max": max(n_groups, default=0),
            "triplets_without_groups": sum(1 for n in n_groups if n == 0),
            "triplets_without_multi_source_group": sum(
                1 for r in results if not any(len(g["sources"]) > 1 for g in r.groups)),
        },
        "statements": {
            "on_topic_total": sum(n_statements),
            "on_topic_per_triplet_mean": round(sum(n_statements) / len(results), 2) if results else 0,
            "on_topic_per_triplet_median": _median(n_statements),
            "segmented_total": sum(r.statements_all for r in results),
            "segmented_per_triplet_mean": round(sum(r.statements_all for r in results) / len(results), 2)
            if results else 0,
        },
        "flags": {f: flags.get(f, 0) for f in FLAGS},
        "labels": {
            "lex_spans": sp.lex_total,
            "lex_located": sp.lex_located,
            "lex_in_a_statement": sp.lex_in_statement,
            "lex_caught": sp.lex_hit,
            "lex_recall": round(sp.lex_hit / sp.lex_total, 4) if sp.lex_total else None,
            "lex_quoted_caught": [sp.lex_quote_hit, sp.lex_quote_total],
            "lex_unquoted_caught": [sp.lex_noquote_hit, sp.lex_noquote_total],
            "inf_spans": sp.inf_total,
            "inf_caught": sp.inf_hit,
            "inf_recall": round(sp.inf_hit / sp.inf_total, 4) if sp.inf_total else None,
            "label_spans": sp.label_spans,
            "words": sp.words,
            "labels_per_1000_words": round(1000 * sp.label_spans / sp.words, 2) if sp.words else None,
            "label_spans_on_basil_span": sp.labels_on_basil,
            "label_spans_on_lex_span": sp.labels_on_lex,
            "terms_caught": sp.hit_terms.most_common(15),
            "lex_missed_common": sp.missed_lex.most_common(15),
            "labels_outside_basil_common": sp.false_labels.most_common(15),
        },
        "quotes": {
            "quoted_with_speaker": sp.q_total,
            "named_speaker": sp.q_named,
            "in_a_statement": sp.q_in_statement,
            "statement_has_speaker": sp.q_with_speaker,
            "named_and_statement_has_speaker": sp.q_named_with_speaker,
            "same_name": sp.q_same,
            "person_speaker": sp.q_person,
            "person_and_statement_has_speaker": sp.q_person_with_speaker,
            "same_person": sp.q_person_same,
            "person_mismatches": [list(p) for p in sorted(
                Counter((a, b) for a, b, k in sp.speaker_pairs if k == "other").most_common(),
                key=lambda t: (-t[1], t[0]))[:15]],
        },
    }


def pick_examples(results: Sequence[TripletResult], n: int) -> list[tuple[TripletResult, dict[str, Any], str]]:
    """n flagged multi-source groups: flags in turn, triplets spread over the list."""
    by_flag: dict[str, list[tuple[TripletResult, dict[str, Any]]]] = {f: [] for f in FLAGS}
    for r in results:
        for g in r.groups:
            if len(g["sources"]) > 1:
                for f in g["flags"]:
                    by_flag.setdefault(f, []).append((r, g))
    out: list[tuple[TripletResult, dict[str, Any], str]] = []
    used: set[tuple[str, str]] = set()
    used_triplets: set[str] = set()
    rnd = 0
    while len(out) < n and any(by_flag.values()) and rnd < 1000:
        for f in FLAGS:
            cands = by_flag.get(f, [])
            if not cands or len(out) >= n:
                continue
            # walk from a flag- and round-dependent point, prefer an unused triplet
            start = (rnd * 37 + FLAGS.index(f) * 17) % len(cands)
            order = cands[start:] + cands[:start]
            pick = next(((r, g) for r, g in order if (r.uuid, g["id"]) not in used and r.uuid not in used_triplets),
                        None) or next(((r, g) for r, g in order if (r.uuid, g["id"]) not in used), None)
            if pick is None:
                continue
            used.add((pick[0].uuid, pick[1]["id"]))
            used_triplets.add(pick[0].uuid)
            out.append((pick[0], pick[1], f))
        rnd += 1
    return out


def format_example(i: int, r: TripletResult, g: dict[str, Any], flag: str) -> str:
    lines = [f"[{i}] flag '{flag}' (all flags: {', '.join(g['flags'])}); triplet {r.uuid}; "
             f"{g['id']} score {g['score']}", f"    event: {r.event}"]
    for st in g["statements"]:
        ref = " (reference)" if st.get("reference") else ""
        lines.append(f"  - {st['source']}{ref} [{st['start']}:{st['end']}]: {st['text']}")
        notes = []
        if st.get("speaker"):
            notes.append(f"speaker={st['speaker']!r}" + (f" verb={st['reporting_verb']!r}" if st.get("reporting_verb") else ""))
        for key in ("hedges", "certainty", "numbers", "labels", "negations"):
            vals = st.get(key) or []
            if vals:
                shown = ", ".join(
                    repr(v["text"]) + (f"={v['value']}" if key == "numbers" and v.get("value") else "")
                    + (f"({v['kind']})" if key == "labels" and v.get("kind") else "")
                    for v in vals)
                notes.append(f"{key}: {shown}")
        if notes:
            lines.append("      " + "; ".join(notes))
    return "\n".join(lines)


def print_summary(s: dict[str, Any]) -> None:
    g, stt, lb, q = s["groups"], s["statements"], s["labels"], s["quotes"]
    print(f"BASIL: {s['triplets']} triplets; CLI runs {s['cli_runs']}, in-process runs {s['in_process_runs']}; "
          f"errors {len(s['errors'])}; {s['seconds']} s")
    for e in s["errors"]:
        print(f"  ERROR {e['triplet']}: {e['error']}")
    print()
    print(f"groups: {g['total']} ({g['multi_source']} multi-source, {g['three_sources']} with all three, "
          f"{g['flagged']} flagged)")
    print(f"  per triplet: mean {g['per_triplet_mean']}, median {g['per_triplet_median']}, "
          f"min {g['per_triplet_min']}, max {g['per_triplet_max']}; "
          f"triplets without a group {g['triplets_without_groups']}, "
          f"without a multi-source group {g['triplets_without_multi_source_group']}")
    print(f"statements on topic: {stt['on_topic_total']} (per triplet mean {stt['on_topic_per_triplet_mean']}, "
          f"median {stt['on_topic_per_triplet_median']}); segmented in all: {stt['segmented_total']} "
          f"(per triplet mean {stt['segmented_per_triplet_mean']})")
    print("groups per flag (flags exist on multi-source groups only):")
    for f in FLAGS:
        print(f"  {f:<9} {s['flags'][f]:>5}  ({_pct(s['flags'][f], g['multi_source'])} of multi-source groups)")
    print()
    print("loaded labels vs BASIL phrase-level bias spans (every statement of every article):")
    qh, qt = lb["lex_quoted_caught"]
    uh, ut = lb["lex_unquoted_caught"]
    print(f"  lex spans caught (overlap >= 1 label span): {lb['lex_caught']}/{lb['lex_spans']} = "
          f"{_pct(lb['lex_caught'], lb['lex_spans'])}  (quoted {qh}/{qt} = {_pct(qh, qt)}, "
          f"not quoted {uh}/{ut} = {_pct(uh, ut)}); located {lb['lex_located']}, "
          f"inside a statement {lb['lex_in_a_statement']}")
    print(f"  inf spans caught (contrast):                 {lb['inf_caught']}/{lb['inf_spans']} = "
          f"{_pct(lb['inf_caught'], lb['inf_spans'])}")
    print(f"  label spans: {lb['label_spans']} in {lb['words']} words = {lb['labels_per_1000_words']} per 1,000 words; "
          f"{lb['label_spans_on_basil_span']} ({_pct(lb['label_spans_on_basil_span'], lb['label_spans'])}) "
          f"on some BASIL span, {lb['label_spans_on_lex_span']} "
          f"({_pct(lb['label_spans_on_lex_span'], lb['label_spans'])}) on a lex span")
    print("  terms that caught lex spans: " + ", ".join(f"{t} {n}" for t, n in lb["terms_caught"]))
    print("  most frequent missed lex spans: " + ", ".join(f"{t!r} {n}" for t, n in lb["lex_missed_common"]))
    print("  labels most often outside any BASIL span: "
          + ", ".join(f"{t} {n}" for t, n in lb["labels_outside_basil_common"]))
    print()
    print("quoted BASIL spans with a speaker vs the statement's annotated speaker:")
    print(f"  quoted spans with a speaker: {q['quoted_with_speaker']} ({q['named_speaker']} named, "
          f"the rest other_anti/other_pro/other_neutral)")
    print(f"  inside a statement: {q['in_a_statement']}; statement has a speaker: {q['statement_has_speaker']} "
          f"({_pct(q['statement_has_speaker'], q['in_a_statement'])})")
    print(f"  named BASIL speaker (not other_*) and statement has a speaker: "
          f"{q['named_and_statement_has_speaker']}; same last name: {q['same_name']} "
          f"({_pct(q['same_name'], q['named_and_statement_has_speaker'])})")
    print(f"  BASIL speaker is one person ({q['person_speaker']} spans) and statement has a speaker: "
          f"{q['person_and_statement_has_speaker']}; same person (last name): {q['same_person']} "
          f"({_pct(q['same_person'], q['person_and_statement_has_speaker'])})")
    if q["person_mismatches"]:
        print("  most frequent person mismatches (BASIL -> annotated): "
              + "; ".join(f"{a} -> {b!r}" + (f" x{n}" if n > 1 else "") for (a, b), n in q["person_mismatches"][:10]))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--basil", type=Path, default=DEFAULT_BASIL, help="BASIL folder (articles/, annotations/)")
    ap.add_argument("--examples", type=int, default=0, metavar="N", help="print N flagged multi-source groups")
    ap.add_argument("--json", action="store_true", help="print the summary (and examples) as JSON")
    ap.add_argument("--cli", choices=("all", "sample", "none"), default="all",
                    help="run the CLI subprocess on every triplet (default), on a sample of "
                         f"{CLI_SAMPLE} (the rest in-process) or on none")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="parallel triplets")
    ap.add_argument("--limit", type=int, default=0, help="only the first N triplets (for a quick look)")
    a = ap.parse_args(argv)
    if not (a.basil / "articles").is_dir():
        print(f"basil_eval: {a.basil} not found (BASIL corpus absent); skipped")
        return 0
    triplets = load_corpus(a.basil)
    if a.limit:
        triplets = triplets[: a.limit]
    sample = {t.uuid for t in triplets} if a.cli == "all" else (
        cli_sample(triplets, CLI_SAMPLE) if a.cli == "sample" else set())
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="basil-eval-") as tmp:
        work = Path(tmp)
        # CLI runs are subprocesses: threads overlap them; in-process work stays serial
        if a.jobs > 1 and sample:
            with ThreadPoolExecutor(a.jobs) as pool:
                futs = {t.uuid: pool.submit(process, t, work, True) for t in triplets if t.uuid in sample}
                done = {u: f.result() for u, f in futs.items()}
        else:
            done = {t.uuid: process(t, work, True) for t in triplets if t.uuid in sample}
        for t in triplets:
            if t.uuid not in done:
                done[t.uuid] = process(t, work, False)
    results = [done[t.uuid] for t in triplets]
    summary = summarise(results, time.perf_counter() - t0)
    examples = pick_examples(results, a.examples) if a.examples > 0 else []
    if a.json:
        summary["examples"] = [
            {"triplet": r.uuid, "event": r.event, "flag": f, "group": g} for r, g, f in examples]
        summary["per_triplet"] = [
            {"triplet": r.uuid, "mode": r.mode, "keywords": r.keywords, "groups": len(r.groups),
             "multi_source": sum(len(g["sources"]) > 1 for g in r.groups),
             "statements": sum(len(g["statements"]) for g in r.groups), "error": r.error}
            for r in results]
        json.dump(summary, sys.stdout, indent=1, ensure_ascii=False, sort_keys=False)
        print()
    else:
        print_summary(summary)
        if examples:
            print()
            print(f"{len(examples)} flagged multi-source groups, for checking by eye:")
            for i, (r, g, f) in enumerate(examples, 1):
                print(format_example(i, r, g, f))
    return 1 if summary["errors"] else 0


if __name__ == "__main__":
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (| head): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 0
    sys.exit(status)
