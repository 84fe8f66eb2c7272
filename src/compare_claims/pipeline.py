"""The core, without I/O: sources in, a ``Result`` out.

load -> segment -> select -> align -> annotate -> (render, in render.py)

Each source is analysed on its own by :func:`analyze` (segment, select for
the topics asked, words and annotations of the selected statements): the
same function whatever the command, in this process, in a pool of processes
or on a Dask worker.  :func:`build_result` then aligns what every source
selected: :func:`build_groups` (what the analysis cache keeps of a topic) and
:func:`finish_result` (the filters).
"""
# No `from __future__ import annotations`: typing.NamedTuple compiles every string
# annotation into a ForwardRef at start-up (~35 us a field, ~9 ms a run in all).
from collections import Counter
from typing import TYPE_CHECKING, Callable, Iterable, NamedTuple, Sequence, TypeVar

from . import align as align_mod
from .models import Annotation, Group, Member, Result, Source, Statement
from .select import Selected, Selector, decide, left_out_near_kept
from .textnorm import PLAIN, Vocabulary, content_stems, fold
from .topics import Matcher, Topic

if TYPE_CHECKING:
    from .lexicon import Lexicon
    from .segment import SegmentCues


class Options(NamedTuple):
    """Every processing flag, gathered once (httpie's ProcessingOptions)."""

    scorer: str = align_mod.DEFAULT_SCORER
    threshold: float = align_mod.DEFAULT_THRESHOLD
    only_divergent: bool = False
    min_sources: int = 1


class Plan(NamedTuple):
    """What every source's analysis needs: cue lists and the topics asked for."""

    segment_cues: "SegmentCues"
    topics: tuple[Topic, ...]  # every known topic (naming another keeps a statement out)
    asked: tuple[Topic, ...]  # the topics to select statements for
    lexicon: "Lexicon | None"  # annotate the first topic's statements with it (None: counts only)
    vocabulary: Vocabulary  # what the aligner folds together
    selector: Selector  # every topic's keywords, compiled

    @classmethod
    def build(cls, segment_cues: "SegmentCues", topics: Sequence[Topic], asked: Sequence[Topic],
              lexicon: "Lexicon | None" = None, vocabulary: Vocabulary = PLAIN) -> "Plan":
        selector = matchers_for([*topics, *(t for t in asked if t.keywords)], [t.name for t in asked])
        return cls(segment_cues, tuple(topics), tuple(asked), lexicon, vocabulary, selector)


class SourceAnalysis(NamedTuple):
    """One source, analysed: what it says on the topics asked, and its words."""

    source: Source
    statements: int  # how many statements the source has in all
    skipped: tuple[tuple[str, int], ...]  # (reason, count)
    selected: tuple[tuple[str, tuple[Selected, ...]], ...]  # per topic asked
    left_out: tuple[tuple[Statement, str, Statement], ...]  # first topic: (left out next to a kept one, why, the kept one)
    stems: tuple[tuple[str, ...], ...]  # content stems of the first topic's selected statements
    annotations: tuple[Annotation, ...]  # of the first topic's selected statements (with a lexicon)
    document_frequency: tuple[tuple[str, int], ...]  # stem -> statements of this source holding it
    case_counts: tuple[tuple[tuple[str, bool], int], ...]  # (word, capitalised) -> count in the selected


def matchers_for(topics: Sequence[Topic], asked: Sequence[str] = ()) -> Selector:
    """The keywords of ``topics`` compiled for selection; ``asked`` (names)
    are the topics a whole text is first checked for."""
    return Selector.build({t.name: Matcher.build(t.keywords) for t in topics}, asked)


def analyze(source: Source, plan: Plan) -> SourceAnalysis:
    """Segment ``source``, select its statements for each topic asked, and for
    the first: their content words, and their annotations (with a lexicon).
    The words of all its statements are counted only when it has something
    on that topic: they weigh words for the aligner."""
    from .segment import segment

    folded = fold(source.text)
    if not any(not t.keywords or plan.selector.may_mention(t.name, folded) for t in plan.asked):
        # nothing in the text can name a topic asked: no statement of it can be on one
        return SourceAnalysis(source, 0, (), tuple((t.name, ()) for t in plan.asked), (), (), (), (), ())
    seg = segment(source, plan.segment_cues)
    openers = plan.segment_cues.openers
    selected_list = []
    left_out: tuple[tuple[Statement, str, Statement], ...] = ()
    for k, t in enumerate(plan.asked):
        if not t.keywords:  # `compare`: every statement
            selected_list.append((t.name, tuple(Selected(st, "set") for st in seg.statements)))
            continue
        decisions = decide(seg.statements, t.name, plan.selector, openers)
        selected_list.append((t.name, tuple(Selected(d.statement, d.via) for d in decisions if d.via)))
        if k == 0:
            left_out = tuple((d.statement, d.reason, kept) for d, kept in left_out_near_kept(decisions))
    selected = tuple(selected_list)
    first = selected[0][1] if selected else ()
    stems: tuple[tuple[str, ...], ...] = ()
    df: Counter[str] = Counter()
    annotations: tuple[Annotation, ...] = ()
    cases: Counter[tuple[str, bool]] = Counter()
    if first:
        cases = align_mod.case_counts([s.statement.text for s in first])
        bags = {st.start: tuple(content_stems(st.text, plan.vocabulary)) for st in seg.statements}
        stems = tuple(bags[s.statement.start] for s in first)
        for bag in bags.values():
            df.update(set(bag))
        if plan.lexicon is not None:
            from .annotate import annotate_statements

            annotations = annotate_statements([s.statement for s in first], source.text, plan.lexicon)
    return SourceAnalysis(source, len(seg.statements), seg.skipped, selected, left_out, stems,
                          annotations, tuple(sorted(df.items())), tuple(sorted(cases.items())))


def _group_key(members: Sequence[Statement], rank: dict[str, int]) -> tuple[int, int, int]:
    """More sources first, then where the claim first appears (source order, offset)."""
    first = min(members, key=lambda st: (rank[st.source], st.start))
    return (-len({st.source for st in members}), rank[first.source], first.start)


def _claim_and_related(members: list[Member], threshold: float, relation: str,
                       stems: "dict[tuple[str, int], frozenset[str]] | None" = None) -> tuple[list[Member], str]:
    """Which members of a row tell its claim, and which are only related to it.

    The claim is the reference statement's, told by the member of each other
    source that is most like it (at ``threshold`` or more), and by a second
    statement of that source that tells the rest of it (``_also_telling``,
    with ``stems``: each statement's content stems), and by any member quoting
    the reference's own utterance (``divergence.one_utterance``).  Any other member is
    another claim of the same story (another clause of the sentence
    included), kept in the row as related.  The row is "same" when two
    sources or more tell the claim at the calibrated score, else "related";
    one source: no relation."""

    if relation == "":
        return members, relation
    ref = next(m for m in members if m.reference)
    best: dict[str, Member] = {ref.statement.source: ref}
    leads: dict[str, Member] = {}
    for m in members:
        src = m.statement.source
        if src != ref.statement.source and m.score >= threshold:
            if src not in best or m.score > best[src].score:
                best[src] = m
            if align_mod.is_lead(m.statement) and (src not in leads or m.score > leads[src].score):
                leads[src] = m
    # a title tells its claim through its lead, when the lead tells it too (align.is_title),
    # unless only the titles tell one claim (their leads alike only in part)
    by_titles = dict(best)
    best.update((src, leads[src]) for src, m in list(best.items()) if align_mod.is_title(m.statement) and src in leads)
    if best != by_titles and not _tell_one_claim(ref, best) and _tell_one_claim(ref, by_titles):
        best = by_titles
    claim = {id(m) for m in best.values()}
    if stems is not None:
        claim |= _also_telling(members, ref, best, threshold, stems)
    # a statement quoting the reference's own utterance tells its claim, whichever statement
    # of its source came nearest (read 40: "He added, “Needless to say, the strike at the port
    # was not ‘a strike of Reed’s choosing.’" was related beside its source's lead)
    from .divergence import one_utterance

    claim |= {id(m) for m in members if not m.reference and id(m) not in claim and one_utterance(ref, m)}
    same = _tell_one_claim(ref, best)
    if same:
        claim -= _riding_along(ref, best, claim)
    out = [m._replace(role="claim" if id(m) in claim else "related") for m in members]
    return out, "same" if same else "related"


def _riding_along(ref: Member, best: dict[str, Member], claim: set[int]) -> set[int]:
    """The members of a "same" row that tell its claim only by the row's mean: a
    source's nearest statement under the calibrated score (``align.SAME``), beside
    another source's at it or above, that quotes no utterance of the reference's,
    is only related (read 46: "Neither the town hall nor Hale made any public
    comment", 23.4, beside two outlets' identical "Act like being on the town
    council matters to you").  Their ids."""
    from .divergence import one_utterance

    others = [m for m in best.values() if not m.reference]
    under = {id(m) for m in others if m.score < align_mod.SAME and not one_utterance(ref, m)}
    if len(under) == len(others):  # the row is "same" by its quotations: every member tells it
        return set()
    return under & claim


def _tell_one_claim(ref: Member, best: dict[str, Member]) -> bool:
    """Do the members telling a row's claim (one a source) tell one claim, at the
    calibrated score?  The relation weighs what the words show: two leads' pairs
    weigh LEAD_FACTOR more to build rows (leads tell the event), which says nothing
    of one claim (read by eye, reads 11-16: "same" rows of leads alone told one
    claim in 12 of 20, other "same" rows in 133 of 148)."""
    from .divergence import one_utterance

    lead = align_mod.weighs_as_lead(ref.statement)
    told = [m.score / align_mod.LEAD_FACTOR if lead and align_mod.weighs_as_lead(m.statement) else m.score
            for m in best.values() if not m.reference]
    # below the calibrated score, a member quoting the reference's utterance still tells its
    # claim with it (read 52: "“We’re urging the council to reopen the harbour,” she told
    # reporters" / "... said: “We are urging the council to open up the harbour." beside a
    # third outlet's paraphrase, 31.8 and 31.3: "related"); the others then ride along (_riding_along)
    return bool(told) and (sum(told) / len(told) >= align_mod.SAME
                           or any(one_utterance(ref, m) for m in best.values() if not m.reference))


def _told_word_for_word(members: list[Member]) -> tuple[list[Member], list[list[Member]]]:
    """The statements a row holds only as related that two sources or more
    print word for word (at least ``align.VERBATIM_WORDS`` words): each such
    set is a claim of its own, taken out of the row (read 32: the three
    outlets' identical "The committee and the county party plan to comply
    ..." hidden as related in a row whose claim was another quotation).
    Not titles: their lead tells the claim they sum up."""
    by_words: dict[tuple[str, ...], list[Member]] = {}
    for m in members:
        if m.role == "related" and not align_mod.is_title(m.statement):  # a title sums its lead up, alike or not
            words = align_mod.word_tuple(m.statement.text)
            if len(words) >= align_mod.VERBATIM_WORDS:
                by_words.setdefault(words, []).append(m)
    cliques = [ms for ms in by_words.values() if len({m.statement.source for m in ms}) > 1]
    if not cliques:
        return members, []
    taken = {id(m) for ms in cliques for m in ms}
    # a related statement of another source printing those words inside its own
    # ("“The committee ... accordingly,” Mr. Reed said.") tells that claim too (read 42)
    for ms in cliques:
        words = align_mod.word_tuple(ms[0].statement.text)
        for m in members:
            if (id(m) not in taken and m.role == "related" and not align_mod.is_title(m.statement)
                    and m.statement.source not in {x.statement.source for x in ms}
                    and _holds_run(align_mod.word_tuple(m.statement.text), words)):
                ms.append(m)
                taken.add(id(m))
    return [m for m in members if id(m) not in taken], [sorted(ms, key=lambda m: (m.statement.source, m.statement.start))
                                                         for ms in cliques]


def _holds_run(words: tuple[str, ...], run: tuple[str, ...]) -> bool:
    """Is ``run`` a stretch of ``words``, word for word?"""
    n = len(run)
    return any(words[k:k + n] == run for k in range(len(words) - n + 1))


def _falls_apart(members: Sequence[Member], own_words: Sequence[bool], bags: Sequence[Sequence[str]],
                 speakers: Sequence[str | None] = ()) -> bool:
    """Does a "related" row fall apart, each statement a row of its own?  When
    it holds fewer than RELATED_SOURCES sources, none of the statements telling
    its claim (``own_words``, ``bags``, ``speakers``: theirs, the last a
    speaker's key or None) is told within another, and they are not all a
    speaker's own words (nor is one a transcript's turn), or they are given to
    two different people: two sources' prose alike only in part
    (align.RELATED_SOURCES), a quotation beside another outlet's prose, or two
    people's words alike."""
    if len({m.statement.source for m in members}) >= align_mod.RELATED_SOURCES or _told_within(bags):
        return False
    # Judged blind over BASIL, two-outlet rows under SAME told one claim in 18 of
    # 112 where one side quoted and the other told in its own prose, in 14 of 29
    # where both quoted.  A transcript's turn beside a report of it stays: the
    # record beside the account is what a reader checks (the iran gold's hard pairs).
    turns = [m.statement.speaker_hint not in ("", "Question") for m in members if m.role == "claim"]
    own = all(own_words) or any(o and t for o, t in zip(own_words, turns))
    return not own or len({k for k in speakers if k}) > 1


# a statement of this many content words or more, all but a fifth of them in
# another, is told within it ("Dunn set a June 3 deadline for the hearing" /
# "The Ohio Republican set a deadline of June 3 for the hearing and
# repeated ..."): read by eye, 8 of the 10 two-source rows under the calibrated
# score that were so told one claim (reads 11-16)
WITHIN_WORDS = 4
WITHIN_SHARE = 0.8


def _told_within(bags: Sequence[Sequence[str]]) -> bool:
    """Is one of these statements' content words (stems) told within another's?"""
    sets = [frozenset(b) for b in bags]
    return any(len(a) >= WITHIN_WORDS and len(a & b) >= WITHIN_SHARE * len(a) and len(b) >= len(a)
               for k, a in enumerate(sets) for j, b in enumerate(sets) if k != j)


# A source may tell the reference's claim in two statements (a sentence cut in
# two, a headline and a sentence): its second tells the claim too when three
# fifths of its words or more are the reference's and it adds ALSO_WORDS of them
# or more that its first lacks.  Read over the 96 BASIL triplets: 12 of the 14
# statements it makes claim members tell the claim (most often a quotation's
# second half, or the headline beside the lead).
ALSO_WORDS = 3
ALSO_WITHIN = 0.6


def _also_telling(members: Sequence[Member], ref: Member, best: dict[str, Member], threshold: float,
                  stems: dict[tuple[str, int], frozenset[str]]) -> set[int]:
    """The ids of members that tell the reference's claim beside their
    source's first claim member (see ALSO_WORDS)."""
    def bag(m: Member) -> frozenset[str]:
        return stems.get((m.statement.source, m.statement.start), frozenset())

    told = bag(ref)
    also = set()
    for m in members:
        src = m.statement.source
        if src == ref.statement.source or src not in best or m is best[src] or m.score < threshold:
            continue
        shared = bag(m) & told
        new = shared - bag(best[src])
        if len(new) >= ALSO_WORDS and 2 * len(new) >= len(shared) and len(shared) >= ALSO_WITHIN * len(bag(m)):
            also.add(id(m))
    return also


_K = TypeVar("_K")
_S = TypeVar("_S")


def _summed(counts: Iterable[Iterable[tuple[_K, int]]]) -> Counter[_K]:
    """Every source's counts added up, keys in the order first met: what
    ``Counter.update`` per source gives, at half the cost (it makes a Python
    call per key once the counter is not empty; BBC: 96 -> 45 ms)."""
    total: dict[_K, int] = {}
    get = total.get
    for pairs in counts:
        for key, n in pairs:
            total[key] = get(key, 0) + n
    return Counter(total)


def build_result(analyses: Sequence[SourceAnalysis], topic: Topic, options: Options, *,
                 vocabulary: Vocabulary = PLAIN, lexicon: "Lexicon | None" = None) -> Result:
    """Align the statements every source selected for ``topic`` (the first
    topic its analysis was asked for), then diff and flag each group."""
    groups = build_groups(analyses, topic, options, vocabulary=vocabulary, lexicon=lexicon)
    return finish_result(topic, options, [a.source for a in analyses], skipped_of(analyses), groups)


def in_order(sources: Iterable[_S], key: Callable[[_S], Source]) -> list[_S]:
    """Sources (or what holds them) in the order of the result: by file, then id."""
    return sorted(sources, key=lambda x: (key(x).file, key(x).id))


def skipped_of(analyses: Sequence[SourceAnalysis]) -> tuple[tuple[str, str, int], ...]:
    """(source id, reason, count) of what each source's segmenter skipped, in the result's order."""
    return tuple((a.source.id, reason, count) for a in in_order(analyses, _source) for reason, count in a.skipped)


def _source(a: SourceAnalysis) -> Source:
    return a.source


def finish_result(topic: Topic, options: Options, sources: Sequence[Source], skipped: tuple[tuple[str, str, int], ...],
                  groups: tuple[Group, ...]) -> Result:
    """The result from every group of the topic (``build_groups``): the
    filters (``--min-sources``, ``--only-divergent``) applied."""
    shown = [g for g in groups if len(g.sources) >= options.min_sources and (g.flags or not options.only_divergent)]
    settings = (("scorer", options.scorer), ("threshold", options.threshold))
    return Result(topic.name, topic.label, tuple(in_order(sources, lambda s: s)), tuple(shown), skipped,
                  settings, all_groups=groups if len(shown) != len(groups) else None)


def ready_to_group() -> None:
    """Import what grouping needs and analysing does not (rapidfuzz, the diff
    and flag modules), so that a process waiting for forked ones to analyse
    sources can do it meanwhile: it is then off the run's path."""
    from . import annotate_groups, divergence  # noqa: F401

    align_mod.score_ratio()


def build_groups(analyses: Sequence[SourceAnalysis], topic: Topic, options: Options, *,
                 vocabulary: Vocabulary = PLAIN, lexicon: "Lexicon | None" = None, jobs: int = 1) -> tuple[Group, ...]:
    """Every group of ``topic``, in the result's order, before any filter:
    the statements aligned, each group diffed and flagged.  Depends on the
    scorer and threshold of ``options`` only (``jobs``: processes to work in,
    the same groups)."""
    from .annotate import direct_speech
    from .annotate_groups import annotate_groups
    from .divergence import FlagRules, speaker_key

    analyses = in_order(analyses, _source)
    chosen: list[tuple[Selected, tuple[str, ...], Annotation]] = []
    speakers: list[str | None] = []
    own_words: list[bool] = []  # a speaker's own words (quoted, or a transcript's turn)
    n_background = 0
    for a in analyses:
        selected = a.selected[0][1] if a.selected else ()
        annotations = a.annotations or tuple(Annotation() for _ in selected)
        chosen.extend(zip(selected, a.stems, annotations))
        # who says it counts for the aligner only where the words are the
        # speaker's own (see align.SPEAKER_FACTOR)
        own = [direct_speech(sel.statement, a.source.text) for sel in selected]
        speakers.extend(speaker_key(an.speaker) if o else None for o, an in zip(own, annotations))
        own_words.extend(o and bool(an.speaker) for o, an in zip(own, annotations))
        n_background += a.statements if a.document_frequency else 0
    df = _summed(a.document_frequency for a in analyses)
    cases = _summed(a.case_counts for a in analyses)
    statements = [c[0].statement for c in chosen]
    topic_stems = frozenset(st for kw in topic.keywords for st in content_stems(kw, vocabulary))
    aligned = align_mod.align(statements, scorer=options.scorer, threshold=options.threshold,
                              stems=[c[1] for c in chosen], document_frequency=df,
                              documents=n_background, topic_stems=topic_stems, names=align_mod.names(cases, vocabulary),
                              speakers=speakers, jobs=jobs,
                              roles=frozenset(st for t in lexicon.titles - lexicon.speaking_bodies
                                              for st in content_stems(t, vocabulary))
                              if lexicon else frozenset())
    rank = {a.source.id: i for i, a in enumerate(analyses)}
    drafts: list[tuple[tuple[int, int, int], float | None, str, list[Member], tuple[Statement, ...]]] = []
    for ag in aligned:
        members = [Member(statements[i], sc, chosen[i][2], via=chosen[i][0].via, reference=i == ag.reference)
                   for i, sc in zip(ag.members, ag.member_scores)]
        members, relation = _claim_and_related(members, options.threshold, ag.relation,
                                               {(statements[i].source, statements[i].start): frozenset(chosen[i][1])
                                                for i in ag.members} if len(ag.members) > 2 else None)
        telling = [i for i, m in zip(ag.members, members) if m.role == "claim"]
        if relation == "related" and _falls_apart(members, [own_words[i] for i in telling],
                                                  [chosen[i][1] for i in telling],
                                                  [speaker_key(chosen[i][2].speaker) for i in telling]):
            drafts.extend((_group_key([m.statement], rank), None, "", [m._replace(score=100.0, reference=True, role="claim")],
                           ()) for m in members)
            continue
        members, told_whole = _told_word_for_word(members)
        for clique in told_whole:  # "“The committee ... plan to comply ...”" in all three, beside another claim
            drafts.append((_group_key([m.statement for m in clique], rank), 100.0, align_mod.relation_of(100.0),
                           [m._replace(score=100.0, reference=k == 0, role="claim") for k, m in enumerate(clique)], ()))
        members.sort(key=lambda m: (rank[m.statement.source], m.statement.start))
        inside = {m.statement.source for m in members}
        nearby = tuple(statements[x] for x in ag.nearby if statements[x].source not in inside)
        drafts.append((_group_key([m.statement for m in members], rank), ag.score, relation, members, nearby))
    drafts.sort(key=lambda d: d[0])
    rules = FlagRules(lexicon.modals if lexicon else frozenset(), lexicon.quiet_labels if lexicon else frozenset(),
                      align_mod.SAME, lexicon.reported if lexicon else frozenset(),
                      lexicon.stance if lexicon else frozenset())
    return tuple(annotate_groups([Group(f"g{i}", score, tuple(members), relation=relation, nearby=nearby)
                                  for i, (_k, score, relation, members, nearby) in enumerate(drafts, 1)], rules, jobs=jobs))


def run(sources: Sequence[Source], topic: Topic, plan: Plan, options: Options = Options()) -> Result:
    """Analyse sources already in memory, in this process, and align them."""
    return build_result([analyze(s, plan) for s in sources], topic, options, vocabulary=plan.vocabulary,
                        lexicon=plan.lexicon)


def with_source(a: SourceAnalysis, source: Source) -> SourceAnalysis:
    """The analysis of ``a``'s source under its final id and metadata."""
    if source.id == a.source.id:
        return a._replace(source=source)
    selected = tuple((name, tuple(s._replace(statement=s.statement._replace(source=source.id)) for s in sel))
                     for name, sel in a.selected)
    left_out = tuple((x._replace(source=source.id), why, k._replace(source=source.id)) for x, why, k in a.left_out)
    return a._replace(source=source, selected=selected, left_out=left_out)
