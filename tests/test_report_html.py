"""The HTML report: content, offsets, escaping and self-containment of the page,
then the page in a real headless Chromium (skipped when there is none).

Browser runs write a screenshot to ``$COMPARE_CLAIMS_ARTIFACTS`` (else a temporary
folder; the path is printed). ``UPDATE_SCREENSHOT=1`` also refreshes the README's
``docs/report.png``.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hst
from cli_runner import CliRunner

from compare_claims.cli import app
from compare_claims.models import Result, Source
from compare_claims.pipeline import Options
from compare_claims.report_html import COMPACT_OVER, render_html
from compare_claims.topics import Topic
from conftest import run_topic

ROOT = Path(__file__).parents[1]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
URL_ATTRS = {"src", "href", "action", "formaction", "poster", "srcset", "data", "background", "cite", "manifest"}


class Page(HTMLParser):
    """What a test needs from a page: statement texts, context marks, URLs, tags, ids."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.text: dict[str, str] = {}  # statement id -> its text as shown (p.tx, without the ★)
        self.context: dict[str, str] = {}  # statement id -> the highlighted statement in its paragraph
        self.urls: list[tuple[str, str, str, str]] = []  # (tag, attribute, value, class)
        self.tags: Counter[str] = Counter()
        self.ids: list[str] = []
        self.feed(html)
        self.close()

    def _inside(self, tag: str, cls: str) -> dict[str, str] | None:
        return next((a for t, a in reversed(self.stack) if t == tag and cls in a.get("class", "").split()), None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags[tag] += 1
        if "id" in a:
            self.ids.append(a["id"])
        self.urls += [(tag, k, v, a.get("class", "")) for k, v in a.items() if k in URL_ATTRS]
        if tag not in VOID:
            self.stack.append((tag, a))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        st = self._inside("div", "st")
        if st is None:
            return
        if self._inside("p", "tx") is not None and self._inside("span", "ref") is None:
            self.text[st["id"]] = self.text.get(st["id"], "") + data
        if self._inside("mark", "self") is not None:
            self.context[st["id"]] = self.context.get(st["id"], "") + data


@pytest.fixture(scope="module")
def iran(seeds: tuple[Source, ...], topics: dict[str, Topic]) -> Result:
    return run_topic(seeds, topics["iran"], topics, Options())


@pytest.fixture(scope="module")
def iran_html(iran: Result) -> str:
    return render_html(iran.to_dict(), {s.id: s.text for s in iran.sources})


def external_refs(html: str) -> list[str]:
    """Every reference that would load or point outside the page; a plain <a class="ext"> link to a
    source's own web address is allowed (it loads nothing)."""
    page = Page(html)
    bad = [f"{tag} {attr}={value}" for tag, attr, value, cls in page.urls
           if not value.startswith("#") and not (tag == "a" and attr == "href" and "ext" in cls.split()
                                                 and re.match(r"https?://", value))]
    bad += [f"<{t}>" for t in ("link", "img", "iframe", "object", "embed", "base", "audio", "video") if page.tags[t]]
    bad += re.findall(r"@import|url\((?!['\"]?data:)[^)]*\)", html)
    return bad


# --- the page ----------------------------------------------------------------------------

def test_every_group_and_source_is_on_the_page(iran: Result, iran_html: str) -> None:
    page = Page(iran_html)
    assert iran.groups and len(iran.sources) == 5
    for g in iran.groups:
        assert g.id in page.ids
        assert f'href="#{g.id}"' in iran_html
    for i, s in enumerate(iran.sources):
        assert f"src-{i}" in page.ids
        assert f'<span class="sl">{s.label}</span>' in iran_html
    assert len(re.findall(r'<tr class="grp[^"]*" id="g', iran_html)) == len(iran.groups)  # one row a claim


def test_no_external_resource_anywhere(iran_html: str) -> None:
    assert external_refs(iran_html) == []
    assert "http://" not in iran_html and "https://" not in iran_html
    assert "Content-Security-Policy" in iran_html and "default-src 'none'" in iran_html


def test_external_reference_detector_catches_what_it_should() -> None:
    for bad in ('<img src="https://x.org/a.png">', '<script src="//cdn.x/a.js"></script>',
                '<link rel="stylesheet" href="http://x.org/a.css">', '<a href="https://x.org/">x</a>',
                '<style>p{background:url(https://x.org/a.png)}</style>', '<style>@import "x.css";</style>'):
        assert external_refs(f"<html><body>{bad}</body></html>"), bad
    assert external_refs('<a class="ext" href="https://x.org/">x</a><a href="#g1">g1</a>') == []


def test_each_statement_shows_its_exact_text_and_its_offsets_slice_back_to_it(iran: Result, iran_html: str) -> None:
    page = Page(iran_html)
    texts = {i: s.text for i, s in enumerate(iran.sources)}
    members = [m for g in iran.groups for m in g.members]
    assert len(page.text) == len(members)
    for sid, shown in page.text.items():
        where = re.fullmatch(r"s(\d+)-(\d+)-(\d+)", sid)
        assert where
        i, start, end = map(int, where.groups())
        assert shown == texts[i][start:end]
        assert page.context[sid] == texts[i][start:end]  # highlighted inside its paragraph
        assert f"{iran.sources[i].id} · characters {start}–{end}" in iran_html  # the offsets are shown


def test_output_is_deterministic(iran: Result, iran_html: str) -> None:
    texts = {s.id: s.text for s in reversed(iran.sources)}
    doc = json.loads(json.dumps(iran.to_dict()))  # what `--format json` prints, read back
    assert render_html(doc, texts) == iran_html
    assert render_html(doc, texts) == render_html(doc, texts)


def test_each_flag_shows_the_evidence_its_group_carries(iran: Result, iran_html: str) -> None:
    """The evidence comes from the groups: its note, and a link from each of its spans to the
    statement holding it (or to the row, when the span lies outside its statements)."""
    from html import escape

    ids = set(Page(iran_html).ids)
    index = {s.id: i for i, s in enumerate(iran.sources)}
    flagged = [g for g in iran.groups if g.evidence]
    assert flagged
    for g in flagged:
        # the row, and the evidence row under it
        row = re.split(r'<tr class="[^"]*" id=|<tr class="sep"|</tbody>', iran_html.split(f'id="{g.id}"')[1])[0]
        assert '<ul class="evidence">' in row
        assert [ev.flag for ev in g.evidence] == list(g.flags)
        for ev in g.evidence:
            assert escape(ev.note, quote=True) in row
            for sid, span in ev.spans:
                owner = next((m.statement for m in g.members if m.statement.source == sid
                              and m.statement.start <= span.start and span.end <= m.statement.end), None)
                target = f"s{index[sid]}-{owner.start}-{owner.end}" if owner else g.id
                assert target in ids
                shown = escape(" ".join(span.text.split()), quote=True)
                assert f'<a class="evs" href="#{target}"><b>{escape(sid)}</b> \u201c{shown}\u201d' in row


def test_hostile_text_is_escaped(topics: dict[str, Topic]) -> None:
    hostile = 'Iran said <script>alert(1)</script> & "quotes" <img src=x onerror=alert(2)> about Tehran.\n'
    sources = (Source(id="evil", file="evil.txt", text=hostile * 2, label='<b onclick="x()">evil</b>',
                      outlet="</style><script>alert(3)</script>"),)
    result = run_topic(sources, topics["iran"], topics, Options())
    assert result.groups
    html = render_html(result.to_dict(), {s.id: s.text for s in sources})
    assert "<script>alert" not in html and "<img src=x" not in html and '<b onclick' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert len(re.findall(r"<script\b", html, re.I)) == 1  # the page's own
    assert external_refs(html) == []


def _doc(texts: dict[str, str], groups: list[list[tuple[str, int, int]]], **group_extra: Any) -> dict[str, Any]:
    """A minimal result document over ``texts``: one group per list of (source, start, end)."""
    def statement(src: str, a: int, b: int) -> dict[str, Any]:
        return {"source": src, "start": a, "end": b, "text": texts[src][a:b], "speaker": "", "diff": [],
                "hedges": [], "certainty": [], "numbers": [], "labels": [], "negations": []}
    return {"topic": "t", "topic_label": "T", "sources": [{"id": s, "label": s} for s in texts],
            "groups": [{"id": f"g{n + 1}", "flags": [], "sources": sorted({m[0] for m in g}),
                        "statements": [statement(*m) for m in g], **group_extra} for n, g in enumerate(groups)],
            "coverage": {}}


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(hst.text(min_size=1, max_size=200), hst.data())
def test_any_text_and_any_spans_render_escaped_and_exact(text: str, data: hst.DataObject) -> None:
    n = len(text)
    a = data.draw(hst.integers(0, n - 1))
    b = data.draw(hst.integers(a + 1, n))
    doc = _doc({"A": text}, [[("A", a, b)]])
    spans = hst.tuples(hst.integers(a, b), hst.integers(a, b)).map(sorted)
    for field in ("diff", "hedges", "labels", "negations", "numbers", "certainty"):
        doc["groups"][0]["statements"][0][field] = [
            {"start": x, "end": y, "text": text[x:y], "kind": "k"} for x, y in data.draw(hst.lists(spans, max_size=3))]
    html = render_html(doc, {"A": text})
    page = Page(html)
    assert page.text == {f"s0-{a}-{b}": text[a:b]}
    assert page.context[f"s0-{a}-{b}"] == text[a:b]
    assert len(re.findall(r"<script\b", html, re.I)) == 1
    assert external_refs(html) == []


# --- the fields of schema 1.2: relation, evidence, paragraph, title/author/url -----------------------------------------------------

TWO = {"A": "First line.\nIran said no to talks today, officials said.\nLast line.",
       "B": "Tehran rejected the talks.\n\nOther paragraph."}


def test_planned_fields_are_shown_when_present() -> None:
    doc = _doc(TWO, [[("A", 12, 48), ("B", 0, 26)], [("A", 0, 11), ("B", 28, 44)]])
    doc["sources"][0].update(title="Iran says no", url="https://example.org/a", author="J. Doe", date="2024-01-02")
    doc["sources"][1].update(url="javascript:alert(1)", outlet="Outlet B")
    g1, g2 = doc["groups"]
    g1.update(relation="same", flags=["polarity"], evidence=[
        {"flag": "polarity", "note": "A negates what B asserts", "spans": [{"source": "A", "start": 21, "end": 23, "text": "no"}]}])
    g2.update(relation="related", flags=["hedge"])
    g1["statements"][0]["paragraph"] = [12, 48]
    html = render_html(doc, TWO)
    assert "A negates what B asserts" in html and 'href="#s0-12-48"><b>A</b> “no”' in html
    assert '<span class="badge rel"' in html and 'class="grp related"' in html
    assert "one source hedges" not in html.split('id="g2"')[1].split("</tr>")[0]  # a related row shows no flag
    assert "Iran says no" in html and "J. Doe" in html and "Outlet B" in html
    assert '<a class="ext" href="https://example.org/a" rel="noopener noreferrer">Iran says no</a>' in html
    assert "javascript:" not in html
    assert external_refs(html) == []


def test_paragraph_is_derived_from_the_text_when_absent() -> None:
    wrapped = "Head.\n\nIran said the talks\nwould go on, and Tehran\nagreed to them.\n\nTail."
    doc = _doc({"A": wrapped, "B": TWO["A"]}, [[("A", 7, 26), ("B", 12, 48)]])
    page = render_html(doc, {"A": wrapped, "B": TWO["A"]})
    assert "paragraph 7–66" in page  # hard-wrapped prose: up to the blank lines
    assert "paragraph 12–56" in page  # one line a paragraph: the line
    assert "Last line" not in page and "Head." not in page


def test_many_sources_switch_to_one_block_per_claim() -> None:
    texts = {f"S{i}": f"Iran statement number {i}." for i in range(COMPACT_OVER + 1)}
    doc = _doc(texts, [[(s, 0, len(t)) for s, t in texts.items()]])
    html = render_html(doc, texts)
    assert '<table class="claims"' not in html and '<div class="cards">' in html
    assert all(f"s{i}-0-" in html for i in range(COMPACT_OVER + 1))
    few = dict(list(texts.items())[:COMPACT_OVER])
    assert '<table class="claims"' in render_html(_doc(few, [[(s, 0, len(t)) for s, t in few.items()]]), few)


def test_profile_figures_link_to_their_statements(iran: Result, iran_html: str) -> None:
    voa = iran_html.split('id="src-0"')[1].split("</article>")[0]
    page_ids = set(Page(iran_html).ids)
    links = re.findall(r'href="#([^"]+)"', voa)
    assert links and all(x in page_ids for x in links)
    assert "Leaves out" in voa and "Hedges" in voa and "Quotes" in voa and "regime" in voa


# --- the CLI ------------------------------------------------------------------------------

def test_cli_writes_the_report_to_a_file(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "iran.html"
    res = runner.invoke(app, ["topic", "iran", "--format", "html", "--output", str(out)])
    assert res.exit_code == 0, res.stderr
    assert res.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    res = runner.invoke(app, ["topic", "iran", "--format", "html"])
    assert res.stdout == out.read_text(encoding="utf-8")
    csv = tmp_path / "iran.csv"
    assert runner.invoke(app, ["topic", "iran", "-o", str(csv), "--format", "csv"]).exit_code == 0
    assert csv.read_text(encoding="utf-8").startswith("topic,group,")
    bad = runner.invoke(app, ["topic", "iran", "--format", "html", "-o", str(tmp_path / "no" / "x.html")])
    assert bad.exit_code == 2 and "cannot write" in bad.stderr
    # every view renders as a page now: coverage is one self-contained table
    cov = runner.invoke(app, ["coverage", "--format", "html"])
    assert cov.exit_code == 0, cov.stderr
    assert cov.stdout.startswith("<!DOCTYPE html>") and "<h1>Coverage</h1>" in cov.stdout
    assert "<td>syria</td>" in cov.stdout and external_refs(cov.stdout) == []


def test_an_html_output_name_means_the_html_report(tmp_path: Path) -> None:
    out = tmp_path / "iran.html"
    res = CliRunner().invoke(app, ["topic", "iran", "--output", str(out)])
    assert res.exit_code == 0, res.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# --- in a real browser --------------------------------------------------------------------

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--enable-logging=stderr", "--v=0"]


def chromium() -> str:
    for name in (os.environ.get("COMPARE_CLAIMS_CHROMIUM", ""), "chromium", "chromium-browser",
                 "google-chrome", "google-chrome-stable"):
        path = name and shutil.which(name)
        if path:
            return path
    pytest.skip("no Chromium binary (apt-get install chromium)")


def browse(page: Path, tmp_path: Path, *args: str, fragment: str = "") -> tuple[str, list[str]]:
    """Chromium on ``page``: its output and the console lines it logged (errors, CSP violations)."""
    res = subprocess.run([chromium(), *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args,
                          page.resolve().as_uri() + fragment], capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stderr[-3000:]
    return res.stdout, console_lines(res.stderr)


def console_lines(stderr: str) -> list[str]:
    """Chromium logs every console message (log, error, uncaught exception, CSP report) as CONSOLE."""
    return [ln for ln in stderr.splitlines() if re.search(r":CONSOLE[:(]", ln)]


@pytest.fixture(scope="module")
def report_file(iran_html: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "iran.html"
    path.write_text(iran_html, encoding="utf-8")
    return path


def test_console_detector_catches_a_broken_script_and_a_blocked_load(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><html><body><script>undefinedFunction();</script></body></html>")
    _, lines = browse(broken, tmp_path, "--dump-dom")
    assert any("Uncaught ReferenceError" in ln for ln in lines), lines
    blocked = tmp_path / "blocked.html"
    csp = re.search(r'<meta http-equiv="Content-Security-Policy"[^>]*>', render_html(_doc(TWO, []), TWO))
    assert csp
    blocked.write_text(f'<!DOCTYPE html><html><head>{csp.group(0)}</head><body><img src="http://127.0.0.1:9/x.png"></body></html>')
    _, lines = browse(blocked, tmp_path, "--dump-dom")
    assert any("Content Security Policy" in ln for ln in lines), lines


def test_page_loads_in_chromium_with_no_console_message(iran: Result, report_file: Path, tmp_path: Path) -> None:
    dom, lines = browse(report_file, tmp_path, "--dump-dom")
    assert lines == []
    assert 'data-ready="1"' in dom  # the script ran to its end
    assert '<div id="filters" class="filters">' in dom  # and un-hid the filters
    for g in iran.groups:
        assert f'id="{g.id}"' in dom
    for s in iran.sources:
        assert f'<span class="sl">{s.label}</span>' in dom


def test_a_link_to_a_statement_opens_its_context_panel(iran: Result, report_file: Path, tmp_path: Path) -> None:
    m = iran.groups[0].members[-1]
    sid = f"s{[s.id for s in iran.sources].index(m.statement.source)}-{m.statement.start}-{m.statement.end}"
    dom, lines = browse(report_file, tmp_path, "--dump-dom", fragment=f"#{sid}")
    assert lines == []
    panel = dom.split('<aside id="panel"')[1].split("</aside>")[0]
    assert " hidden" not in panel.split(">")[0]
    assert Page(f'<div class="st" id="x"><p>{panel}</p></div>').context["x"] == m.statement.text
    assert f'class="st sel" id="{sid}"' in dom


def test_screenshot(report_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = Path(os.environ.get("COMPARE_CLAIMS_ARTIFACTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    shots = [(folder / "report.png", "1280,1600"), (folder / "report-800px.png", "800,1600")]
    if os.environ.get("UPDATE_SCREENSHOT") == "1":
        shots.append((ROOT / "docs" / "report.png", "1200,900"))
    for path, size in shots:
        path.parent.mkdir(exist_ok=True)
        path.unlink(missing_ok=True)
        browse(report_file, tmp_path, f"--screenshot={path.resolve()}", f"--window-size={size}")
        png = path.read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == tuple(map(int, size.split(",")))
        with capsys.disabled():
            print(f"\nscreenshot of the HTML report: {path}")
