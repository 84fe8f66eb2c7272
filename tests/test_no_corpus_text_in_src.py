"""The code is tuned on mechanisms, never on sentences: no example quoted in
src/ (a comment, a docstring) is a stretch of four words or more copied from the
texts it is measured on (the seed texts, the BASIL triplets, the ECB+ development
events, the AllSides sample, MRPC).  Skips when ../shared is absent."""
from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
MIN_WORDS = 4
# a quoted stretch in the code: between straight or curly double quotes, on one line
_QUOTED_RE = re.compile(r"[\"\u201c]([^\"\u201c\u201d\n]{10,}?)[\"\u201d]")

pytestmark = pytest.mark.skipif(not (SHARED / "corpora" / "basil").is_dir(), reason=f"corpora not found at {SHARED}")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).lower()


def _corpus_text() -> str:
    spec = importlib.util.spec_from_file_location("basil_eval", ROOT / "scripts" / "basil_eval.py")
    assert spec is not None and spec.loader is not None
    be = sys.modules.get("basil_eval") or importlib.util.module_from_spec(spec)
    if "basil_eval" not in sys.modules:
        sys.modules["basil_eval"] = be
        spec.loader.exec_module(be)
    parts = [be.build_text(t.articles[o].data).text for t in be.load_corpus(SHARED / "corpora" / "basil")
             for o in ("fox", "nyt", "hpo")]
    for pattern in ("seeds/*.txt", "eval/ecb_dev/corpus/*/*.txt", "corpora/allsides_neus_sample/*.jsonl",
                    "corpora/mrpc/*.txt"):
        parts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SHARED.glob(pattern))]
    return _norm("\n".join(parts))


def _quoted_examples() -> list[tuple[str, int, str]]:
    out = []
    for path in sorted((ROOT / "src" / "compare_claims").glob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in _QUOTED_RE.finditer(line):
                for part in re.split(r"\.\.\.|\u2026", _norm(m.group(1))):
                    part = part.strip(" .,;:")
                    if len(part.split()) >= MIN_WORDS:
                        out.append((path.name, n, part))
    return out


def test_no_example_in_the_code_is_copied_from_a_corpus() -> None:
    corpus = _corpus_text()
    examples = _quoted_examples()
    assert len(examples) > 50  # the finder reads the code's examples at all
    copied = [f"{name}:{n}: {part}" for name, n, part in examples if part in corpus]
    assert not copied, "\n".join(copied[:20])
