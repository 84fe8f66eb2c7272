#!/usr/bin/env python3
"""How well the HTML reader keeps the article and drops the furniture, on the
fixture pages of tests/fixtures/html/ (made by scripts/make_html_fixtures.py).

    .venv/bin/python scripts/html_fixture_report.py

Per page: article paragraphs kept (found whole as a paragraph of the text), and
furniture lines on the page against those that reached the extracted text (as a
whole line, or, for lines of 20 characters or more, anywhere: the test's rule).
It does so for the reader's settings (``compare_claims.html_text``) and, for
comparison, for trafilatura's plain ``extract()`` defaults (comments and tables
kept, no precision bias).  Also the time to extract each page (best of 5).
"""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Callable

from compare_claims.html_text import extract_html

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "html"


def leaked(text: str, furniture: list[str]) -> list[str]:
    lines = {line.strip() for line in text.splitlines()}
    return [f for f in furniture if f in lines or (len(f) >= 20 and f in text)]


def kept(text: str, paragraphs: list[str]) -> int:
    blocks = {b.strip() for b in text.replace("\n\n", "\n").split("\n")}
    return sum(1 for p in paragraphs if p in blocks)


def ours(data: bytes) -> str:
    return extract_html(data).text


def trafilatura_defaults(data: bytes) -> str:
    import trafilatura

    return trafilatura.extract(data) or ""


def main() -> None:
    readers: dict[str, Callable[[bytes], str]] = {"compare-claims": ours, "trafilatura defaults": trafilatura_defaults}
    totals = {name: [0, 0, 0, 0] for name in readers}
    for page in sorted(FIXTURES.glob("*.html")):
        exp = json.loads(page.with_suffix(".expected.json").read_text(encoding="utf-8"))
        data = page.read_bytes()
        for name, read in readers.items():
            text = read(data)
            times = []
            for _ in range(5):
                t = time.perf_counter()
                read(data)
                times.append(time.perf_counter() - t)
            k, lk = kept(text, exp["paragraphs"]), leaked(text, exp["furniture"])
            t4 = totals[name]
            t4[0] += k
            t4[1] += len(exp["paragraphs"])
            t4[2] += len(lk)
            t4[3] += len(exp["furniture"])
            print(f"{page.stem:16} {name:21} paragraphs kept {k}/{len(exp['paragraphs'])}, "
                  f"furniture leaked {len(lk)}/{len(exp['furniture'])} lines {lk if lk else ''}"
                  f" ({min(times) * 1000:.0f} ms)")
    for name, (k, n, lk, f) in totals.items():
        print(f"{'all pages':16} {name:21} paragraphs kept {k}/{n}, furniture leaked {lk}/{f} lines "
              f"({f - lk} dropped)")


if __name__ == "__main__":
    main()
