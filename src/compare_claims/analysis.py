"""Everything about one source that does not depend on the topic asked for.

Segmentation, the words each statement is matched and aligned on, and each
statement's annotation (speaker, hedges, numbers, labels, ...) depend only on
the source text, the code and the cue lists.  Computing them is most of a
run's work, so a ``SourceAnalysis`` can be kept in an ``AnalysisCache`` and
reused by every later run on the same text, whatever the topic, threshold or
output format.
"""
from __future__ import annotations

from typing import NamedTuple, Protocol, Sequence

from .models import Annotation, Source, Statement
from .topics import TokenizedText


class SourceAnalysis(NamedTuple):
    statements: tuple[Statement, ...]
    skipped: tuple[tuple[str, int], ...]  # (reason, count)
    stems: tuple[tuple[str, ...], ...]  # content stems per statement (align)
    tokens: dict[str, TokenizedText]  # statement, heading and question texts -> tokens (select)
    annotations: tuple[Annotation, ...] | None  # per statement, None when not annotated


class AnalysisCache(Protocol):
    """Where analyses are kept between runs (see cache.py); the core does no I/O."""

    def get(self, source: Source, variant: str) -> SourceAnalysis | None: ...

    def put(self, source: Source, variant: str, analysis: SourceAnalysis) -> None: ...


def analyze(source: Source, *, split_clauses: bool = True, annotate: bool = True) -> SourceAnalysis:
    # imported here: a run served from the cache never needs the segmenter
    from .segment import segment
    from .textnorm import content_stems
    from .topics import tokenize

    seg = segment(source, split_clauses=split_clauses)
    texts = {t for st in seg.statements for t in (st.text, st.heading, st.question) if t}
    tokens = {t: tokenize(t) for t in sorted(texts)}
    stems = tuple(tuple(content_stems(st.text)) for st in seg.statements)
    annotations = None
    if annotate and seg.statements:
        from .annotate import annotate as annotate_text, load_cues

        cues = load_cues()
        annotated = []
        sentence_speaker: dict[tuple[int, int], tuple[str, str]] = {}
        for st in seg.statements:
            ann = annotate_text(st.text, start=st.start, cues=cues, speaker_hint=st.speaker_hint)
            span = (st.sentence_start, st.sentence_end)
            if span[0] >= 0 and span != (st.start, st.end):
                # a clause: the attribution of its sentence ("“..., and ...,” said X") is its own
                if span not in sentence_speaker:
                    whole = annotate_text(source.text[span[0]:span[1]], start=span[0], cues=cues,
                                          speaker_hint=st.speaker_hint)
                    sentence_speaker[span] = (whole.speaker, whole.reporting_verb)
                speaker, verb = sentence_speaker[span]
                if speaker:
                    ann = ann._replace(speaker=speaker, reporting_verb=verb)
            annotated.append(ann)
        annotations = tuple(annotated)
    return SourceAnalysis(seg.statements, seg.skipped, stems, tokens, annotations)


def analyze_all(
    sources: Sequence[Source], *, split_clauses: bool = True, annotate: bool = True,
    cache: AnalysisCache | None = None,
) -> dict[str, SourceAnalysis]:
    variant = f"clauses={split_clauses};annotate={annotate}"
    out: dict[str, SourceAnalysis] = {}
    for source in sources:
        found = cache.get(source, variant) if cache is not None else None
        if found is None:
            found = analyze(source, split_clauses=split_clauses, annotate=annotate)
            if cache is not None:
                cache.put(source, variant, found)
        out[source.id] = found
    return out
