"""load.py on pages, URLs and dataset exports: what each argument becomes,
the order of sources, and which metadata wins."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from compare_claims.errors import InputError
from compare_claims.load import Entry, expand_paths, is_url, load_sources, read_entry

ROOT = Path(__file__).parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "html"
SCHEMAS = {name: json.loads((ROOT / "schema" / name).read_text(encoding="utf-8"))
           for name in ("result.schema.json", "group.schema.json")}
REGISTRY: Registry[Any] = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in SCHEMAS.values())
SOURCE_SCHEMA = Draft202012Validator({"$ref": "result.schema.json#/$defs/source"},
                                     registry=REGISTRY)


def test_urls_stay_arguments_and_are_recognised_in_any_case() -> None:
    assert is_url("https://example.org/a") and is_url("HTTP://example.org") and not is_url("httpx://a")
    assert expand_paths(["https://example.org/a", "-"]) == (
        [Entry("url", "https://example.org/a", "https://example.org/a"), Entry("stdin", "-", "stdin")], [])


def test_a_directory_contributes_its_html_pages_too(tmp_path: Path) -> None:
    for name in ("a.txt", "b.html", "c.htm", "d.jsonl", "e.csv", "f.png"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    entries, skipped = expand_paths([str(tmp_path)])
    assert [(e.kind, e.name) for e in entries] == [("file", "a.txt"), ("file", "b.html"), ("file", "c.htm")]
    assert skipped == [f"{tmp_path / 'd.jsonl'}: skipped: a dataset is read only when named (--sources FILE)",
                       f"{tmp_path / 'e.csv'}: skipped: a dataset is read only when named (--sources FILE)",
                       f"{tmp_path / 'f.png'}: skipped: not a text or HTML file (.png)"]
    named, _ = expand_paths([str(tmp_path / "d.jsonl")])
    assert named == [Entry("dataset", str(tmp_path / "d.jsonl"), "d.jsonl")]


def test_a_line_of_a_dataset_is_named_with_a_colon(tmp_path: Path) -> None:
    data = tmp_path / "d.jsonl"
    data.write_text('{"text": "a"}\n', encoding="utf-8")
    assert expand_paths([f"{data}:1"]) == ([Entry("dataset", str(data), "d.jsonl", "1")], [])
    assert expand_paths([f"{data}:1:left"]) == ([Entry("dataset", str(data), "d.jsonl", "1:left")], [])
    with pytest.raises(InputError, match="no such file or directory"):
        expand_paths([f"{data}:x"])
    with pytest.raises(InputError, match="no such file or directory"):
        expand_paths([f"{tmp_path}/missing.jsonl:1"])


def test_dataset_articles_sort_by_line_number(tmp_path: Path) -> None:
    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps({"text": f"Article {k}.", "outlet": f"O{k}"}) + "\n" for k in range(1, 12)),
                    encoding="utf-8")
    sources, warnings = load_sources(expand_paths([str(data)])[0])
    assert warnings == ()
    assert [s.file for s in sources] == [f"d.jsonl:{k}" for k in range(1, 12)]
    assert [s.id for s in sources] == [f"O{k}" for k in range(1, 12)]
    assert all(s.offsets == "dataset" for s in sources)
    one, _ = load_sources(expand_paths([f"{data}:10"])[0])
    assert [(s.file, s.text) for s in one] == [("d.jsonl:10", "Article 10.")]


def test_sources_toml_can_name_a_dataset_article(tmp_path: Path) -> None:
    data = tmp_path / "d.jsonl"
    data.write_text('{"text": "A.", "outlet": "X"}\n{"text": "B.", "outlet": "X"}\n', encoding="utf-8")
    (tmp_path / "sources.toml").write_text('[files."d.jsonl:2"]\nlabel = "Second"\n', encoding="utf-8")
    sources, _ = load_sources(expand_paths([str(data)])[0])
    assert [s.id for s in sources] == ["X", "Second"]


def test_an_html_source_carries_the_page_metadata_and_validates() -> None:
    sources, warnings = load_sources(expand_paths([str(FIXTURES / "nyt_shutdown.html")])[0])
    (s,) = sources
    assert warnings == ()
    assert (s.id, s.label, s.outlet, s.offsets, s.encoding) == (
        "The New York Times", "The New York Times", "The New York Times", "extracted", "utf-8")
    assert s.url == "https://www.nytimes.com/2019/01/25/us/politics/trump-shutdown-deal.html"
    assert s.to_dict()["offsets"] == "extracted" and s.to_dict()["length"] == len(s.text)
    assert list(SOURCE_SCHEMA.iter_errors(s.to_dict())) == []
    assert list(SOURCE_SCHEMA.iter_errors({**s.to_dict(), "offsets": "other"})) != []


def test_a_page_read_twice_is_read_once() -> None:
    page = str(FIXTURES / "fox_shutdown.html")
    sources, warnings = load_sources(expand_paths([page, page])[0])
    assert len(sources) == 1 and warnings == ("fox_shutdown.html: given twice; read once",)


def test_read_entry_gives_the_text_offsets_refer_to() -> None:
    (entry,), _ = expand_paths([str(FIXTURES / "blog_emergency.html")])
    (read,), warnings = read_entry(entry)
    assert read.offsets == "extracted" and read.file == "blog_emergency.html" and warnings == []
    assert read.text.startswith("WASHINGTON — President Trump declared a national emergency")
