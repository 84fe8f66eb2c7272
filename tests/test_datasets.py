"""Dataset exports (datasets.py): JSON Lines and CSV, one article a line.

Real exports: the AllSides sample (nested: three sides a line) and BASIL
converted by scripts/basil_to_jsonl.py; both skip when ../shared is absent.
"""
from __future__ import annotations

import csv
import importlib.util
import io
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare_claims.datasets import Article, read_csv, read_dataset, read_jsonl
from compare_claims.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
ALLSIDES = CORPORA / "allsides_neus_sample" / "allsides_sample_25.jsonl"
BASIL = CORPORA / "basil"


def jsonl(*objs: Any) -> bytes:
    return "".join((o if isinstance(o, str) else json.dumps(o)) + "\n" for o in objs).encode("utf-8")


def csv_bytes(rows: list[list[str]], delimiter: str = ",") -> bytes:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter).writerows(rows)
    return buf.getvalue().encode("utf-8")


# --- JSON Lines --------------------------------------------------------------------------------


def test_usual_field_names_are_found() -> None:
    arts, warnings = read_jsonl(jsonl(
        {"text": "One.", "outlet": "Daily A", "title": "T1", "date": "2020-01-02", "url": "https://a.example/1"},
        {"content": "Two.", "source": "Daily B", "headline": "T2", "published_at": "2020-01-03", "link": "https://b"},
        {"body": "Three.", "publisher": {"name": "Daily C"}},
    ), "a.jsonl")
    assert warnings == []
    assert arts == [
        Article("a.jsonl:1", "One.", "Daily A", "T1", "2020-01-02", "https://a.example/1", "Daily A"),
        Article("a.jsonl:2", "Two.", "Daily B", "T2", "2020-01-03", "https://b", "Daily B"),
        Article("a.jsonl:3", "Three.", "Daily C", "", "", "", "Daily C"),
    ]


def test_field_names_are_matched_by_their_last_word() -> None:
    arts, _ = read_jsonl(jsonl({"articleBody": "Text.", "news_source": "X", "NewsTitle": "T", "pubDate": "D"}),
                         "a.jsonl")
    assert (arts[0].text, arts[0].outlet, arts[0].title, arts[0].date) == ("Text.", "X", "T", "D")


def test_named_fields_win() -> None:
    line = {"text": "not this", "fulltext_en": "This one.", "outlet": "no", "paper": "The Paper"}
    arts, _ = read_jsonl(jsonl(line), "a.jsonl", text_field="fulltext_en", source_field="paper")
    assert (arts[0].text, arts[0].outlet) == ("This one.", "The Paper")


def test_labels_are_outlet_else_title_else_key_and_unique() -> None:
    arts, _ = read_jsonl(jsonl(
        {"text": "a", "outlet": "Same"}, {"text": "b", "outlet": "Same"}, {"text": "c", "title": "Only a title"},
        {"text": "d"}, {"text": "e", "outlet": "Same"},
    ), "a.jsonl")
    assert [a.label for a in arts] == ["Same", "Same-2", "Only a title", "a.jsonl:4", "Same-3"]


def test_paragraph_lists_are_joined_by_blank_lines() -> None:
    arts, _ = read_jsonl(jsonl({"paragraphs": ["First.", "  ", "Second."]},
                               {"body-paragraphs": [["One.", "Two."], ["Three."]]}), "a.jsonl")
    assert [a.text for a in arts] == ["First.\n\nSecond.", "One. Two.\n\nThree."]


def test_bad_lines_are_skipped_with_one_warning_each() -> None:
    data = jsonl(
        {"text": "Good one."},
        "{not json",
        "[1, 2]",
        {"title": "no text here"},
        {"text": ""},
        {"text": 42},
        "",
        {"text": "Good two."},
    ) + b'{"text": "bad \xff byte"}\n'
    arts, warnings = read_jsonl(data, "x.jsonl")
    assert [a.key for a in arts] == ["x.jsonl:1", "x.jsonl:8"]
    assert warnings == [
        "x.jsonl:2: skipped: not JSON (Expecting property name enclosed in double quotes at column 2)",
        "x.jsonl:3: skipped: not a JSON object (a list)",
        "x.jsonl:4: skipped: no text field (looked for text, content, body, article, story, ...)",
        "x.jsonl:5: skipped: field 'text' has no text",
        "x.jsonl:6: skipped: field 'text' is not text (a number)",
        "x.jsonl:9: skipped: not UTF-8 (byte 14)",
    ]
    assert all("\n" not in w for w in warnings)


def test_many_bad_lines_are_counted_past_twenty() -> None:
    arts, warnings = read_jsonl(jsonl({"text": "ok"}, *(["oops"] * 30)), "x.jsonl")
    assert len(arts) == 1 and len(warnings) == 21
    assert warnings[-1] == "x.jsonl: 10 more lines skipped"


@pytest.mark.parametrize("data, words", [
    (jsonl("oops", {"title": "t"}), "x.jsonl: no usable article (2 line(s) skipped; line 1: not JSON"),
    (b"\n\n", "x.jsonl: no article in this file"),
    (jsonl({"story": {"nested": 1}}), "field 'story' is not text (a null)"),
])
def test_a_file_with_no_usable_line_is_an_error(data: bytes, words: str) -> None:
    with pytest.raises(InputError) as exc:
        read_jsonl(data, "x.jsonl")
    assert words in str(exc.value) and "\n" not in str(exc.value)


def test_the_error_suggests_a_nested_text_field() -> None:
    line = {"id": 1, "news": {"left": {"newBody": ["A."], "newsSource": "L"},
                              "right": {"newBody": ["B."], "newsSource": "R"}}}
    with pytest.raises(InputError, match=r"try --text-field 'news\.\*\.newBody'"):
        read_jsonl(jsonl(line), "x.jsonl")


def test_a_wildcard_path_gives_one_article_per_match() -> None:
    line = {"date": "2021-10-18", "link": "https://story",
            "news": {"right": {"newBody": ["R1.", "R2."], "newsSource": "Right Outlet", "newsTitle": "RT",
                               "newsLink": "https://r"},
                     "left": {"newBody": ["L1."], "newsSource": "Left Outlet", "newsTitle": "LT"}}}
    arts, warnings = read_jsonl(jsonl(line), "s.jsonl", text_field="news.*.newBody")
    assert warnings == []
    assert arts == [
        # sides in key order; metadata found beside the text, else further up
        Article("s.jsonl:1:left", "L1.", "Left Outlet", "LT", "2021-10-18", "https://story", "Left Outlet"),
        Article("s.jsonl:1:right", "R1.\n\nR2.", "Right Outlet", "RT", "2021-10-18", "https://r", "Right Outlet"),
    ]
    named, _ = read_jsonl(jsonl(line), "s.jsonl", text_field="news.*.newBody", source_field="news.*.newsTitle")
    assert [a.outlet for a in named] == ["LT", "RT"]


def test_a_dotted_key_is_taken_whole_first() -> None:
    arts, _ = read_jsonl(jsonl({"article.text": "Whole key.", "article": {"text": "Nested."}}), "a.jsonl",
                         text_field="article.text")
    assert arts[0].text == "Whole key."


def test_a_source_field_no_line_has_is_warned_about() -> None:
    arts, warnings = read_jsonl(jsonl({"text": "a"}), "a.jsonl", source_field="paper")
    assert arts[0].outlet == "" and warnings == ["a.jsonl: no line has the field 'paper' (--source-field)"]


json_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1).filter(lambda t: t.strip() != "")
json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(json_text, st.dictionaries(st.sampled_from(["outlet", "title", "id", "x"]), json_scalar,
                                                     max_size=3)), min_size=1, max_size=8))
def test_any_jsonl_of_objects_round_trips_its_texts(rows: list[tuple[str, dict[str, Any]]]) -> None:
    data = "".join(json.dumps({**extra, "text": text}) + "\n" for text, extra in rows).encode("utf-8")
    arts, warnings = read_jsonl(data, "p.jsonl")
    assert warnings == []
    assert [a.text for a in arts] == [text for text, _ in rows]
    assert [a.key for a in arts] == [f"p.jsonl:{k}" for k in range(1, len(rows) + 1)]
    assert len({a.label for a in arts}) == len(arts)


# --- CSV -------------------------------------------------------------------------------------


csv_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1).filter(
    lambda t: t.strip() != "")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(csv_text, st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                                                  max_size=12)), min_size=1, max_size=8))
def test_any_csv_written_by_the_csv_module_round_trips_its_texts(rows: list[tuple[str, str]]) -> None:
    data = csv_bytes([["outlet", "text"], *([outlet, text] for text, outlet in rows)])
    arts, warnings = read_csv(data, "p.csv")
    assert warnings == []
    assert [a.text for a in arts] == [text for text, _ in rows]
    assert len({a.key for a in arts}) == len(arts)


def test_csv_with_quoted_multiline_fields_and_a_bom() -> None:
    rows = [["title", "text", "outlet"], ["T1", "Para one.\n\nPara two, \"quoted\".", "A"], ["T2", "Short.", "B"]]
    data = b"\xef\xbb\xbf" + csv_bytes(rows)
    arts, warnings = read_csv(data, "a.csv")
    assert warnings == []
    assert [(a.key, a.text, a.outlet, a.title) for a in arts] == [
        ("a.csv:2", "Para one.\n\nPara two, \"quoted\".", "A", "T1"),
        ("a.csv:5", "Short.", "B", "T2"),  # the line where the record starts
    ]


def test_csv_fields_larger_than_the_default_limit() -> None:
    big = "word " * 60_000  # 300,000 characters: over csv's default 131,072
    arts, _ = read_csv(csv_bytes([["text"], [big]]), "big.csv")
    assert arts[0].text == big


def test_csv_semicolons_and_tsv() -> None:
    arts, _ = read_csv(csv_bytes([["text", "outlet"], ["A, with a comma.", "X"]], ";"), "a.csv")
    assert (arts[0].text, arts[0].outlet) == ("A, with a comma.", "X")
    arts, _ = read_dataset(csv_bytes([["content", "media"], ["Tabbed.", "Y"]], "\t"), "a.tsv")
    assert (arts[0].text, arts[0].outlet) == ("Tabbed.", "Y")


def test_csv_bad_records_are_skipped_with_a_warning() -> None:
    data = csv_bytes([["text", "outlet"], ["ok", "A"], ["too", "many", "fields"], ["", "B"], ["fine", "C"]])
    arts, warnings = read_csv(data, "a.csv")
    assert [a.text for a in arts] == ["ok", "fine"]
    assert warnings == ["a.csv:3: skipped: 3 fields where the header has 2", "a.csv:4: skipped: field 'text' has no text"]


def test_csv_in_cp1252_is_read_with_a_warning() -> None:
    arts, warnings = read_csv("text,outlet\nCafé “news”.,Le Monde\n".encode("cp1252"), "a.csv")
    assert arts[0].text == "Café “news”."
    assert warnings == ["a.csv: 3 byte(s) not UTF-8, first at line 2 column 4; read as cp1252 there"]


def test_csv_without_a_text_column_is_an_error() -> None:
    with pytest.raises(InputError, match=r"^a.csv: no usable article \(1 line\(s\) skipped; line 2: no text field"):
        read_csv(csv_bytes([["title", "outlet"], ["T", "A"]]), "a.csv")


# --- real exports ----------------------------------------------------------------------------


@pytest.mark.skipif(not ALLSIDES.is_file(), reason="../shared/corpora/allsides_neus_sample is absent")
def test_the_allsides_sample_gives_three_sides_per_story() -> None:
    data = ALLSIDES.read_bytes()
    arts, warnings = read_jsonl(data, ALLSIDES.name, text_field="news.*.newBody", source_field="news.*.newsSource")
    assert warnings == []
    assert len(arts) == 75
    stories = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    for a in arts:
        line, side = a.key.split(":")[1:]
        news = stories[int(line) - 1]["news"][side]
        assert a.text == "\n\n".join(p.strip() for p in news["newBody"] if p.strip())
        assert a.outlet == news["newsSource"] and a.title == news["newsTitle"]
    assert {a.key.rsplit(":", 1)[1] for a in arts} == {"left", "center", "right"}
    assert len({a.label for a in arts}) == 75


def _basil_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("basil_to_jsonl", ROOT / "scripts" / "basil_to_jsonl.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (BASIL / "articles").is_dir(), reason="../shared/corpora/basil is absent")
def test_basil_as_json_lines_and_csv_gives_every_article() -> None:
    records = _basil_script().records(BASIL)
    assert len(records) == 300
    data = "".join(json.dumps(r) + "\n" for r in records).encode("utf-8")
    arts, warnings = read_jsonl(data, "basil.jsonl")
    assert warnings == [] and len(arts) == 300
    assert [a.text for a in arts] == [r["text"] for r in records]
    assert {a.outlet for a in arts} == {"Fox News", "The New York Times", "HuffPost"}
    one_line = lambda v: " ".join(v.split())  # noqa: E731 - metadata is one line, white space collapsed
    assert [(a.title, a.date, a.url) for a in arts] == [
        (one_line(r["title"]), r["date"], r["url"]) for r in records]
    assert sum(1 for a in arts if a.title and a.date and a.url) == 299  # one BASIL article has no title
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(records[0]))
    w.writeheader()
    w.writerows(records)
    from_csv, warnings = read_csv(buf.getvalue().encode("utf-8"), "basil.csv")
    assert warnings == [] and [a.text for a in from_csv] == [r["text"] for r in records]
