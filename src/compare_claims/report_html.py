"""One self-contained HTML page for a topic: ``render_html(doc, texts)``.

``doc`` is the JSON result document (``Result.to_dict()``), ``texts`` maps a
source id to its full text (every offset in ``doc`` points into it).  Pure: no
I/O but reading the page's own style sheet and script (``load_assets``, kept
apart), standard library only, the same input gives the same bytes.  The page
loads nothing (a Content-Security-Policy forbids it); it reads without
JavaScript, which only adds the context panel and the filters.

Fields that newer documents may carry are read with ``.get()`` and shown when
present: per group ``relation`` and ``evidence``, per statement ``paragraph``,
per source ``title``, ``url``, ``author``.
"""
from __future__ import annotations

import functools
import re
from html import escape
from typing import Any, Iterable, Mapping, NamedTuple, Sequence

from .render import FLAG_MARKERS

COMPACT_OVER = 6  # more sources than this: one block per claim instead of a table
CONTEXT_MAX = 1400  # longer paragraphs are cut to a window around the statement

# span kind in a statement -> (css class, legend); nesting order in the markup
CUES = (("diff", "d", "word not in the row's reference statement"), ("hedges", "h", "hedge"),
        ("certainty", "c", "certainty marker"), ("negations", "n", "negation or failed outcome"),
        ("labels", "l", "loaded label"), ("numbers", "q", "number, amount or date"))
# flag -> the statement fields that show why it fired, when the document gives no evidence
FLAG_FIELDS = {"hedge": ("hedges", "certainty"), "numbers": ("numbers",), "polarity": ("negations",),
               "labels": ("labels",)}


def e(value: object) -> str:
    return escape(str(value), quote=True)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _snippet(text: str, limit: int = 90) -> str:
    text = _one_line(text)
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _anchor(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", value) or "_"


class _Page:
    """What the render functions share: sources, statement ids, group lookup."""

    def __init__(self, doc: Mapping[str, Any], texts: Mapping[str, str]) -> None:
        self.doc, self.texts = doc, texts
        self.sources: list[dict[str, Any]] = [s for s in doc.get("sources", []) if isinstance(s, dict)]
        self.groups: list[dict[str, Any]] = [g for g in doc.get("groups", []) if isinstance(g, dict)]
        self.index = {str(s.get("id")): i for i, s in enumerate(self.sources)}
        for g in self.groups:  # statements of a source the document does not list still get a column
            for st in g.get("statements", []):
                if str(st.get("source")) not in self.index:
                    self.index[str(st.get("source"))] = len(self.sources)
                    self.sources.append({"id": st.get("source")})
        self.ids = [str(s.get("id")) for s in self.sources]

    def name(self, sid: str) -> str:
        s = self.sources[self.index[sid]] if sid in self.index else {}
        return str(s.get("label") or s.get("id") or sid)

    def stmt_id(self, st: Mapping[str, Any]) -> str:
        """A statement's anchor: ``s{source index}-{start}-{end}``."""
        return f"s{self.index.get(str(st.get('source')), 0)}-{st.get('start')}-{st.get('end')}"

    def statements(self, g: Mapping[str, Any], source: str | None = None) -> list[dict[str, Any]]:
        return [st for st in g.get("statements", []) if source is None or str(st.get("source")) == source]

    def group_sources(self, g: Mapping[str, Any]) -> list[str]:
        return sorted(set(g.get("sources") or [str(st.get("source")) for st in self.statements(g)]))

    def paragraph(self, st: Mapping[str, Any]) -> tuple[int, int] | None:
        """The statement's paragraph: the document's ``paragraph`` if valid, else derived from the text."""
        text, start, end = self.texts.get(str(st.get("source"))), int(st.get("start", 0)), int(st.get("end", 0))
        if text is None or not 0 <= start <= end <= len(text):
            return None
        para = st.get("paragraph")
        if (isinstance(para, (list, tuple)) and len(para) == 2 and all(isinstance(x, int) for x in para)
                and 0 <= para[0] <= start <= end <= para[1] <= len(text)):
            return int(para[0]), int(para[1])
        eol = text.find("\n", end)
        line = text.rfind("\n", 0, start) + 1, (eol if eol >= 0 else len(text))
        blank = [m.end() for m in re.finditer(r"\n[ \t]*\n", text[:start])]
        after = re.search(r"\n[ \t]*\n", text[end:])
        block = (blank[-1] if blank else 0), (end + after.start() if after else len(text))
        lines = text[block[0]:block[1]].split("\n")
        # hard-wrapped prose (short lines inside a blank-line paragraph): the paragraph; else the line
        wrapped = bool(blank or after) and len(lines) > 1 and max(len(ln) for ln in lines) <= 100
        return block if wrapped else line


def _marked(st: Mapping[str, Any]) -> str:
    """The statement's text, escaped, with its cue spans as nested marks (flattened segments)."""
    text, base = str(st.get("text", "")), int(st.get("start", 0))
    spans: list[tuple[int, int, str, str]] = []
    for field, cls, what in CUES:
        for sp in st.get(field) or []:
            a, b = max(int(sp.get("start", 0)) - base, 0), min(int(sp.get("end", 0)) - base, len(text))
            if a < b:
                extra = sp.get("value") or sp.get("kind") or ""
                spans.append((a, b, cls, what + (f": {extra}" if extra and cls != "d" else "")))
    cuts = sorted({0, len(text), *(a for a, _, _, _ in spans), *(b for _, b, _, _ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        on = [(cls, what) for x, y, cls, what in spans if x <= a and b <= y]
        piece = e(text[a:b])
        if not on:
            out.append(piece)
            continue
        classes = " ".join(sorted({cls for cls, _ in on}))
        tag = "mark" if any(cls == "d" for cls, _ in on) else "span"
        out.append(f'<{tag} class="{classes}" title="{e("; ".join(dict.fromkeys(w for _, w in on)))}">{piece}</{tag}>')
    return "".join(out)


def _context(page: _Page, st: Mapping[str, Any]) -> str:
    """The paragraph around a statement, the statement highlighted, and where it is."""
    src = str(st.get("source"))
    start, end = int(st.get("start", 0)), int(st.get("end", 0))
    para = page.paragraph(st)
    if para is None:
        body = f'<mark class="self">{e(st.get("text", ""))}</mark>'
        where = f"{e(page.name(src))} · characters {start}–{end}"
    else:
        text, (pa, pb) = page.texts[src], para
        a, b = pa, pb
        if pb - pa > CONTEXT_MAX:
            room = max(CONTEXT_MAX - (end - start), 0) // 2
            a, b = max(pa, start - room), min(pb, end + room)
        body = ("…" if a > pa else "") + e(text[a:start]) + f'<mark class="self">{e(text[start:end])}</mark>' \
            + e(text[end:b]) + ("…" if b < pb else "")
        where = f"{e(page.name(src))} · characters {start}–{end} · paragraph {pa}–{pb}"
    facts = [f"on topic: {e(st.get('via'))}" if st.get("via") else "",
             f"score {e(st.get('score'))}" if st.get("score") is not None else "",
             "reference statement of the row" if st.get("reference") else "",
             "related to the row's claim, not telling it" if st.get("role") == "related" else ""]
    return (f'<details class="ctx"><summary>in context · {start}–{end}</summary>'
            f'<blockquote class="para">{body}</blockquote>'
            f'<p class="off">{where}{"".join(" · " + f for f in facts if f)}</p></details>')


def _statement(page: _Page, g: Mapping[str, Any], st: Mapping[str, Any]) -> str:
    ref = '<span class="ref" title="reference: the statement the others are compared with"> ★</span>' \
        if st.get("reference") and len(page.group_sources(g)) > 1 else ""
    who = ""
    if st.get("speaker"):
        verb = f' <span class="verb">({e(st["reporting_verb"])})</span>' if st.get("reporting_verb") else ""
        who = f'<p class="who">— {e(st["speaker"])}{verb}</p>'
    chips = [f'<span class="chip q"># {e(n.get("value") or n.get("text"))}</span>' for n in st.get("numbers") or []]
    chips += [f'<span class="chip l">{e(_one_line(str(lb.get("text", ""))))} ({e(lb.get("kind", "label"))})</span>'
              for lb in st.get("labels") or []]
    cues = f'<p class="cues">{" ".join(chips)}</p>' if chips else ""
    label = f"{page.name(str(st.get('source')))} · {g.get('id')} · {st.get('start')}–{st.get('end')}"
    related = st.get("role") == "related" and len(page.group_sources(g)) > 1
    tag = '<p class="rel-tag">related: another claim of the story</p>' if related else ""
    cls = "st st-related" if related else "st"
    return (f'<div class="{cls}" id="{page.stmt_id(st)}" data-label="{e(label)}">{tag}<p class="tx">{_marked(st)}{ref}</p>'
            f'{who}{cues}{_context(page, st)}</div>')


def _badges(g: Mapping[str, Any]) -> str:
    if g.get("relation") == "related":
        return '<span class="badge rel" title="statements on a related point, not the same claim">related</span>'
    return "".join(f'<span class="flag" title="{e(FLAG_MARKERS.get(f, (f, f))[1])}">'
                   f'{e(FLAG_MARKERS.get(f, (str(f).upper(), ""))[0])}</span>' for f in g.get("flags") or [])


def _evidence(page: _Page, g: Mapping[str, Any]) -> str:
    """Each flag with what made it fire: the document's ``evidence``, else the statements' cues."""
    if g.get("relation") == "related" or not g.get("flags"):
        return ""
    stmts = page.statements(g)

    def link(src: str, start: int, end: int, text: str, value: str = "") -> str:
        owner = next((st for st in stmts if str(st.get("source")) == src
                      and int(st.get("start", 0)) <= start and end <= int(st.get("end", 0))), None)
        href = page.stmt_id(owner) if owner else _anchor(str(g.get("id")))
        val = f" <small>({e(value)})</small>" if value and value.lower() != text.lower() else ""
        return f'<a class="evs" href="#{href}"><b>{e(page.name(src))}</b> “{e(_one_line(text))}”{val}</a>'

    given = {str(ev.get("flag")): ev for ev in g.get("evidence") or [] if isinstance(ev, dict)}
    items = []
    for flag in g.get("flags") or []:
        marker, meaning = FLAG_MARKERS.get(flag, (str(flag).upper(), ""))
        ev = given.get(flag)
        if ev is not None:
            note = e(ev.get("note") or meaning)
            links = [link(str(sp.get("source")), int(sp.get("start", 0)), int(sp.get("end", 0)), str(sp.get("text", "")))
                     for sp in ev.get("spans") or []]
        elif flag == "speaker":
            note = e(meaning)
            links = [f'<a class="evs" href="#{page.stmt_id(st)}"><b>{e(page.name(str(st.get("source"))))}</b> '
                     f'{e(st.get("speaker") or "no speaker named")}</a>' for st in stmts]
        else:
            note = e(meaning)
            links = [link(str(st.get("source")), int(sp.get("start", 0)), int(sp.get("end", 0)),
                          str(sp.get("text", "")), str(sp.get("value", "")))
                     for st in stmts for field in FLAG_FIELDS.get(flag, ()) for sp in st.get(field) or []]
            bare = sorted({page.name(str(st.get("source"))) for st in stmts}
                          - {page.name(str(st.get("source"))) for st in stmts
                             if any(st.get(f) for f in FLAG_FIELDS.get(flag, ()))})
            links += [f'<span class="evs"><b>{e(n)}</b> none</span>' for n in bare]
        items.append(f'<li><span class="flag">{e(marker)}</span> {note}: {" ".join(links)}</li>')
    return f'<ul class="evidence">{"".join(items)}</ul>'


def _group_classes(page: _Page, g: Mapping[str, Any]) -> str:
    classes = ["grp"]
    if len(page.group_sources(g)) < 2:
        classes.append("single")
    if g.get("relation") == "related":
        classes.append("related")
    elif g.get("flags"):
        classes.append("flagged")
    return " ".join(classes)


def _head_cell(page: _Page, g: Mapping[str, Any]) -> str:
    score = f'<span class="score" title="similarity of the statements in the row, 0-100">{float(g["score"]):.0f}</span>' \
        if isinstance(g.get("score"), (int, float)) else ""
    return f'<a class="gid" href="#{_anchor(str(g.get("id")))}">{e(g.get("id"))}</a> {score} {_badges(g)}'


def _source_head(s: Mapping[str, Any]) -> str:
    sub = s.get("title") or s.get("outlet") or ""
    extra = " · ".join(e(x) for x in (s.get("author"), s.get("date")) if x)
    return (f'<span class="sl">{e(s.get("label") or s.get("id"))}</span>'
            + (f'<span class="so">{e(sub)}</span>' if sub else "") + (f'<span class="sd">{extra}</span>' if extra else ""))


def _claims(page: _Page) -> str:
    if len(page.ids) > COMPACT_OVER:
        blocks = []
        for g in page.groups:
            gid = _anchor(str(g.get("id")))
            parts = [f'<div class="by"><h4>{e(page.name(src))}</h4>'
                     + "".join(_statement(page, g, st) for st in page.statements(g, src)) + "</div>"
                     for src in page.ids if page.statements(g, src)]
            blocks.append(f'<section class="{_group_classes(page, g)} card" id="{gid}"><h3>{_head_cell(page, g)}</h3>'
                          f'{_evidence(page, g)}{"".join(parts)}</section>')
        return f'<div class="cards">{"".join(blocks)}</div>'
    cols = len(page.ids) + 1
    head = "".join(f'<th scope="col">{_source_head(s)}</th>' for s in page.sources)
    bodies, prev = [], None
    for g in page.groups:
        many = len(page.group_sources(g)) >= 2
        if many is not prev:
            title = "Told by two or more sources" if many else "Told by one source only"
            bodies.append(f'<tr class="sep"><th colspan="{cols}" scope="rowgroup">{title}</th></tr>')
            prev = many
        cells = []
        for src in page.ids:
            mine = page.statements(g, src)
            if mine:
                cells.append(f'<td data-label="{e(page.name(src))}">{"".join(_statement(page, g, st) for st in mine)}</td>')
            else:
                cells.append(f'<td class="none"><span class="sr">{e(page.name(src))}: nothing</span></td>')
        cls = _group_classes(page, g)
        bodies.append(f'<tr class="{cls}" id="{_anchor(str(g.get("id")))}"><th scope="row">{_head_cell(page, g)}</th>'
                      f'{"".join(cells)}</tr>')
        ev = _evidence(page, g)
        if ev:
            bodies.append(f'<tr class="{cls} ev"><td colspan="{cols}">{ev}</td></tr>')
    return (f'<table class="claims"><thead><tr><th scope="col">Claim</th>{head}</tr></thead>'
            f'<tbody>{"".join(bodies)}</tbody></table>')


def _reference_text(g: Mapping[str, Any]) -> str:
    stmts = g.get("statements") or [{}]
    return str(next((st for st in stmts if st.get("reference")), stmts[0]).get("text", ""))


def _heatmap(page: _Page) -> str:
    head = "".join(f'<th scope="col">{e(page.name(src))}</th>' for src in page.ids)
    rows = []
    for g in page.groups:
        cells = []
        for src in page.ids:
            mine = page.statements(g, src)
            n = len(mine)
            cells.append(f'<td class="h{min(n, 3)}"><a href="#{page.stmt_id(mine[0])}" title="{e(page.name(src))}: '
                         f'{n} statement{"s" if n > 1 else ""}">{n}</a></td>' if mine else '<td class="h0"></td>')
        rows.append(f'<tr class="{_group_classes(page, g)}"><th scope="row"><a class="gid" href="#{_anchor(str(g.get("id")))}">'
                    f'{e(g.get("id"))}</a><span class="snip">{e(_snippet(_reference_text(g), 160))}</span></th>'
                    f'<td class="fl">{_badges(g)}</td>{"".join(cells)}</tr>')
    totals = "".join(f"<td>{sum(len(page.statements(g, src)) for g in page.groups)}</td>" for src in page.ids)
    return (f'<table class="heat"><thead><tr><th scope="col">Claim (reference statement)</th>'
            f'<th scope="col">Flags</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody>'
            f'<tfoot><tr><th scope="row">Statements</th><td></td>{totals}</tr></tfoot></table>')


def _links(page: _Page, stmts: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]]) -> str:
    return " ".join(f'<a href="#{page.stmt_id(st)}" title="{e(_snippet(str(st.get("text", "")), 120))}">{e(g.get("id"))}</a>'
                    for g, st in stmts)


def _profile(page: _Page, src: str) -> str:
    s = page.sources[page.index[src]]
    mine = [(g, st) for g in page.groups for st in page.statements(g, src)]
    cov = (page.doc.get("coverage") or {}).get(src) or {}
    n = len(mine)
    meta = [e(x) for x in (s.get("outlet"), s.get("kind"), s.get("author"), s.get("date")) if x]
    url, title = str(s.get("url") or ""), s.get("title") or s.get("url")
    if title and re.match(r"https?://", url):
        meta.append(f'<a class="ext" href="{e(url)}" rel="noopener noreferrer">{e(title)}</a>')
    elif s.get("title"):
        meta.append(f"<cite>{e(s['title'])}</cite>")
    in_rows = sum(int(cov.get(k) or 0) for k in ("shared_claims", "related", "only_here"))
    rows = [("Statements", f"{n} on this topic" + (f", in {in_rows} rows" if cov else "") + "".join(
        f" · {cov[k]} {what}" for k, what in (("shared_claims", "claims shared"), ("related", "related"), ("only_here", "only here"))
        if k in cov and (cov[k] or k != "related")))]
    speakers: dict[str, list[tuple[Mapping[str, Any], Mapping[str, Any]]]] = {}
    for g, st in mine:
        speakers.setdefault(str(st.get("speaker") or ""), []).append((g, st))
    quoted = sorted(speakers.items(), key=lambda kv: (kv[0] == "", -len(kv[1]), kv[0]))
    rows.append(("Quotes", "<ul>" + "".join(
        f'<li>{e(who) if who else "<i>no speaker named</i>"} ×{len(sts)} <span class="links">{_links(page, sts)}</span></li>'
        for who, sts in quoted) + "</ul>" if quoted else "—"))
    for label, field in (("Hedges", "hedges"), ("Certainty", "certainty")):
        hits = [(g, st) for g, st in mine if st.get(field)]
        pct = round(100 * len(hits) / n) if n else 0
        rows.append((label, f'<span class="bar"><span style="width:{pct}%"></span></span> {len(hits)} of {n} '
                            f'statements ({pct}%) <span class="links">{_links(page, hits)}</span>'))
    labels: dict[str, list[tuple[Mapping[str, Any], Mapping[str, Any]]]] = {}
    for g, st in mine:
        for lb in st.get("labels") or []:
            if lb.get("quoted"):  # the quoted speaker's word, not the outlet's
                continue
            labels.setdefault(str(lb.get("value") or lb.get("text", "")).lower(), []).append((g, st))
    rows.append(("Loaded labels", "<ul>" + "".join(
        f'<li>{e(term)} ×{len(sts)} <span class="links">{_links(page, sts)}</span></li>'
        for term, sts in sorted(labels.items())) + "</ul>" if labels else "none"))
    out: list[Any] = cov.get("leaves_out") or [] if "leaves_out" in cov else [
        str(g.get("id")) for g in page.groups if src not in page.group_sources(g) and len(page.group_sources(g)) >= 2]
    by_id = {str(g.get("id")): g for g in page.groups}
    items = _group_items(page, out, by_id)
    rows.append(("Leaves out", f'<ul class="omits">{"".join(items)}</ul>' if items
                 else "nothing that two or more other sources tell"))
    near = _group_items(page, cov.get("told_nearby") or [], by_id)
    if near:
        rows.append(("May tell in other words", f'<ul class="omits">{"".join(near)}</ul>'))
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return (f'<article class="profile" id="src-{page.index[src]}"><h3>{e(page.name(src))}</h3>'
            f'<p class="meta">{" · ".join(meta)}</p><dl>{dl}</dl></article>')


def _group_items(page: "_Page", ids: Sequence[Any], by_id: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """One list item per group id: a link, its reference's words and who tells it."""
    items = []
    for gid in ids:
        lacked = by_id.get(str(gid))
        if lacked is None:  # filtered out of this document (--only-divergent)
            items.append(f"<li>{e(gid)}</li>")
            continue
        told = ", ".join(page.name(x) for x in page.group_sources(lacked))
        items.append(f'<li><a href="#{_anchor(str(gid))}">{e(gid)}</a> {e(_snippet(_reference_text(lacked), 80))} '
                     f'<small>({e(told)})</small></li>')
    return items


def _legend() -> str:
    samples = {"d": "differing words", "h": "may", "c": "clearly", "n": "not", "l": "regime", "q": "90 minutes"}
    what = {"d": "not in the row’s reference statement"}
    cues = "".join(f'<li><{"mark" if c == "d" else "span"} class="{c}">{samples[c]}</{"mark" if c == "d" else "span"}>'
                   f' {e(what.get(c, w))}</li>' for _, c, w in CUES)
    flags = "".join(f'<li><span class="flag">{e(m)}</span> {e(what)}</li>' for m, what in FLAG_MARKERS.values())
    return ('<details class="legend" open><summary>Legend</summary>'
            f'<ul><li class="lh">In the text:</li>{cues}<li><span class="ref">★</span> reference statement of the row</li>'
            '<li><span class="score">32</span> similarity of a row’s statements, 0-100</li></ul>'
            f'<ul><li class="lh">Flags:</li>{flags}<li><span class="badge rel">related</span> a related point, '
            'not the same claim</li></ul><p>Click a statement (or “in context”) to read its paragraph, with its '
            'character offsets.</p></details>')


class Assets(NamedTuple):
    """The page's style sheet and script, inlined into it (``report_html.css``/``.js`` beside this module)."""

    css: str
    js: str


@functools.lru_cache(maxsize=1)
def load_assets() -> Assets:
    """The only I/O here: the two package files, read once."""
    from importlib.resources import files

    here = files(__package__ or "compare_claims")
    return Assets(*((here / f"report_html.{ext}").read_text(encoding="utf-8") for ext in ("css", "js")))


def render_html(doc: Mapping[str, Any], texts: Mapping[str, str], assets: Assets | None = None) -> str:
    """The whole page, as one string: inline CSS and script, no external resource.

    Pure given ``assets``; by default they are the package's own (``load_assets()``)."""
    css, js = assets or load_assets()
    page = _Page(doc, texts)
    n_stmts = sum(len(page.statements(g)) for g in page.groups)
    shared = sum(1 for g in page.groups if len(page.group_sources(g)) >= 2)
    flagged = sum(1 for g in page.groups if g.get("flags") and g.get("relation") != "related")
    topic = str(doc.get("topic_label") or doc.get("topic") or "Topic")
    settings = doc.get("settings") or {}
    setting_text = " · ".join(f"{e(k)} {e(v)}" for k, v in sorted(settings.items()))
    profiles = "".join(_profile(page, src) for src in page.ids)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<title>{e(topic)} — compare-claims</title>
<style>{css}</style>
</head>
<body>
<header>
<p class="kicker">compare-claims · topic <code>{e(doc.get("topic", ""))}</code></p>
<h1>{e(topic)}</h1>
<p class="summary"><b>{len(page.groups)}</b> claims from <b>{len(page.ids)}</b> sources ·
<b>{shared}</b> told by two or more · <b>{flagged}</b> with a divergence flag · <b>{n_stmts}</b> statements</p>
<nav aria-label="Sections"><a href="#claims">Claims side by side</a> <a href="#coverage">Coverage map</a>
<a href="#sources">Framing profiles</a></nav>
{_legend()}
</header>
<main>
<section id="claims" aria-labelledby="claims-h"><h2 id="claims-h">Claims side by side</h2>
<p class="note">{"One block a claim, its statements by source" if len(page.ids) > COMPACT_OVER
else "One row a claim, one column a source"}. Highlighted: the words a statement does not share with the
claim’s reference statement (★); under each statement, who said it.</p>
<div id="filters" class="filters" hidden><label><input type="checkbox" data-filter="only-flagged"> only claims with a
divergence flag</label> <label><input type="checkbox" data-filter="hide-single"> hide claims told by one source</label></div>
{_claims(page)}
</section>
<section id="coverage" aria-labelledby="coverage-h"><h2 id="coverage-h">Coverage map: claim × source</h2>
<p class="note">Each cell: how many statements a source has in the claim (darker = more; empty = says nothing);
click a number to go to the statement.</p>
{_heatmap(page)}
</section>
<section id="sources" aria-labelledby="sources-h"><h2 id="sources-h">Framing profiles</h2>
<p class="note">Per source: whom it quotes, how often it hedges, which loaded labels it uses and what it leaves out
(claims that two or more other sources tell). The links (claim ids) go to the statements behind each figure.</p>
<div class="profiles">{profiles}</div>
</section>
</main>
<aside id="panel" class="panel" hidden tabindex="-1" aria-labelledby="panel-title"><div class="ph"><h2 id="panel-title">In context</h2>
<button type="button" id="panel-close" aria-label="Close the context panel">×</button></div><div id="panel-body" aria-live="polite"></div></aside>
<footer><p>compare-claims report · schema {e(doc.get("schema_version", "?"))} · {setting_text}. Offsets are character
offsets into each source’s text: <code>text[start:end]</code> is the statement.</p></footer>
<script>{js}</script>
</body>
</html>
"""
