"""The CLI on what users have: saved HTML pages, URLs and dataset exports.

Pages are the fixtures of tests/fixtures/html/ (BASIL articles in real-world
furniture); URLs are served by a local http.server on 127.0.0.1; datasets are
written here, plus the AllSides sample when ../shared is present.
"""
from __future__ import annotations

import functools
import json
import shutil
import socket
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import pytest
from cli_runner import CliRunner

from compare_claims.cli import app
from compare_claims.html_text import extract_html

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures" / "html"
DATA = HERE.parent / "data"
ALLSIDES = HERE.resolve().parents[1] / "shared" / "corpora" / "allsides_neus_sample" / "allsides_sample_25.jsonl"
SHUTDOWN = [FIXTURES / f"{n}_shutdown.html" for n in ("fox", "hpo", "nyt")]
OUTLETS = ["Fox News", "HuffPost", "The New York Times"]
runner = CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1", "TERM": "dumb"})


@pytest.fixture(scope="module")
def topics_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("topics") / "topics.toml"
    path.write_text('[topics.shutdown]\nlabel = "The shutdown"\nkeywords = ["shutdown", "reopen", "wall"]\n'
                    '[topics.court]\nlabel = "Court"\nkeywords = ["Supreme Court", "qualified immunity"]\n',
                    encoding="utf-8")
    return path


def cli(*args: str | Path, input: bytes | str | None = None) -> Any:
    return runner.invoke(app, [str(a) for a in args], input=input)


def as_json(res: Any) -> dict[str, Any]:
    assert res.exit_code == 0, res.stderr
    doc: dict[str, Any] = json.loads(res.stdout)
    return doc


def one_error_line(res: Any) -> str:
    assert res.exit_code == 2, (res.stdout, res.stderr)
    lines = res.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("compare-claims: error: "), res.stderr
    assert "Traceback" not in res.stderr
    return str(lines[0])


def extracted(arg: str | Path, *options: str) -> str:
    res = cli("extract", arg, *options)
    assert res.exit_code == 0, res.stderr
    return str(res.stdout_bytes.decode("utf-8"))


def check_offsets(doc: dict[str, Any], directory: Path | None = None, *options: str) -> int:
    """Every statement is text[start:end] of what `extract` prints for its source."""
    texts = {s["id"]: extracted(f"{directory}/{s['file']}" if directory else s["file"], *options)
             for s in doc["sources"]}
    n = 0
    for g in doc["groups"]:
        for st in g["statements"]:
            assert texts[st["source"]][st["start"]:st["end"]] == st["text"]
            n += 1
    return n


# --- HTML files ------------------------------------------------------------------------------


@pytest.mark.parametrize("page", sorted(FIXTURES.glob("*.html")), ids=lambda p: p.stem)
def test_extract_prints_exactly_the_extracted_text(page: Path) -> None:
    assert extracted(page) == extract_html(page.read_bytes()).text


def test_extract_of_a_text_file_is_its_decoded_text(tmp_path: Path) -> None:
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbfLine one.\r\nLine two.\n")
    assert extracted(bom) == "Line one.\r\nLine two.\n"
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Caf\u00e9 \u201cnews\u201d.\n".encode("cp1252"))
    res = cli("extract", legacy)
    assert res.stdout_bytes.decode("utf-8") == "Caf\u00e9 \u201cnews\u201d.\n"
    assert res.stderr == (f"compare-claims: warning: {legacy}: 3 byte(s) not UTF-8, first at line 1 column 4; "
                          "read as cp1252 there\n")
    seed = sorted(DATA.glob("*.txt"))[0]
    assert extracted(seed) == seed.read_text(encoding="utf-8")


def test_a_topic_over_html_pages_uses_their_metadata_and_extracted_offsets(topics_file: Path) -> None:
    doc = as_json(cli("topic", "shutdown", "--sources", *SHUTDOWN, "--topics-file", topics_file, "--format", "json"))
    assert [s["id"] for s in doc["sources"]] == OUTLETS
    for s, page in zip(doc["sources"], SHUTDOWN):
        meta = json.loads(page.with_suffix("").with_suffix(".expected.json").read_text(encoding="utf-8"))["metadata"]
        assert s["offsets"] == "extracted" and s["file"] == page.name
        assert (s["title"], s["outlet"], s["date"], s["url"]) == (meta["title"], meta["outlet"], meta["date"], meta["url"])
    assert sum(len(g["sources"]) >= 2 for g in doc["groups"]) >= 2
    assert check_offsets(doc, FIXTURES) >= 10
    page_text = "\n".join(p.read_text(encoding="utf-8") for p in SHUTDOWN)
    assert all("<" not in st["text"] for g in doc["groups"] for st in g["statements"])
    assert "window.dataLayer" in page_text  # and no statement carries it (no "<", checked above)


def test_sources_toml_wins_over_the_page(tmp_path: Path, topics_file: Path) -> None:
    for page in SHUTDOWN:
        shutil.copy(page, tmp_path / page.name)
    (tmp_path / "sources.toml").write_text(
        '[files."fox_shutdown.html"]\nlabel = "FOX"\noutlet = "Fox News Channel"\nkind = "cable"\n', encoding="utf-8")
    doc = as_json(cli("topic", "shutdown", "--sources", tmp_path, "--topics-file", topics_file, "--format", "json"))
    fox = doc["sources"][0]
    assert (fox["id"], fox["label"], fox["outlet"], fox["kind"]) == ("FOX", "FOX", "Fox News Channel", "cable")
    assert fox["title"] == "Trump announces deal to end partial government shutdown"  # not in the toml: the page's
    assert [s["id"] for s in doc["sources"][1:]] == OUTLETS[1:]


def test_html_is_sniffed_in_a_text_file_and_on_stdin(tmp_path: Path, topics_file: Path) -> None:
    saved = tmp_path / "saved-page.txt"
    saved.write_bytes(SHUTDOWN[0].read_bytes())
    doc = as_json(cli("topic", "shutdown", "--sources", saved, "-", "--topics-file", topics_file, "--format", "json",
                      input=SHUTDOWN[1].read_bytes()))
    assert [(s["file"], s["offsets"]) for s in doc["sources"]] == [("saved-page.txt", "extracted"),
                                                                   ("stdin", "extracted")]
    assert extracted(saved) == extract_html(SHUTDOWN[0].read_bytes()).text
    res = cli("extract", "-", input=SHUTDOWN[1].read_bytes())
    assert res.stdout_bytes.decode("utf-8") == extract_html(SHUTDOWN[1].read_bytes()).text


def test_a_page_without_article_text_is_one_error_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("<html><head><title>Nothing</title></head><body></body></html>", encoding="utf-8")
    assert one_error_line(cli("extract", empty)).endswith("empty.html: no article text found in this HTML")


# --- URLs ------------------------------------------------------------------------------------


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(FIXTURES))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_url_is_fetched_and_read_as_html(server: str, topics_file: Path) -> None:
    urls = [f"{server}/{p.name}" for p in SHUTDOWN]
    doc = as_json(cli("topic", "shutdown", "--sources", *urls, "--topics-file", topics_file, "--format", "json"))
    assert [s["file"] for s in doc["sources"]] == urls
    assert [s["id"] for s in doc["sources"]] == OUTLETS
    assert all(s["offsets"] == "extracted" for s in doc["sources"])
    assert check_offsets(doc) >= 10
    assert extracted(urls[0]) == extracted(SHUTDOWN[0])


def test_a_missing_page_is_exit_2_and_one_line(server: str, topics_file: Path) -> None:
    line = one_error_line(cli("topic", "shutdown", "--sources", f"{server}/gone.html", "--topics-file", topics_file))
    assert line == f"compare-claims: error: {server}/gone.html: cannot fetch: HTTP 404 File not found"


def test_an_unreachable_server_is_exit_2_and_one_line() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    line = one_error_line(cli("extract", f"http://127.0.0.1:{port}/page.html"))
    assert line.endswith(f"127.0.0.1:{port}/page.html: cannot fetch: connection refused")


def test_a_url_that_is_not_http_is_a_path() -> None:
    line = one_error_line(cli("extract", "ftp://example.org/a.html"))
    assert "no such file or directory" in line


# --- datasets --------------------------------------------------------------------------------


STORY = [
    {"outlet": "Left Daily", "title": "Court rules", "text": "The Supreme Court ruled on Monday that police "
     "officers were entitled to qualified immunity.\n\nCritics said the ruling shields misconduct."},
    {"outlet": "Right Times", "title": "Court backs police", "text": "The Supreme Court on Monday sided with "
     "police officers, granting them qualified immunity in two cases."},
]


def write_jsonl(path: Path, rows: list[Any]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


def test_a_jsonl_export_gives_one_source_per_article(tmp_path: Path, topics_file: Path) -> None:
    data = write_jsonl(tmp_path / "story.jsonl", [STORY[0], "{broken", {"title": "no text"}, STORY[1]])
    res = cli("topic", "court", "--sources", data, "--topics-file", topics_file, "--format", "json")
    doc = as_json(res)
    assert [(s["id"], s["file"], s["offsets"]) for s in doc["sources"]] == [
        ("Left Daily", "story.jsonl:1", "dataset"), ("Right Times", "story.jsonl:4", "dataset")]
    assert res.stderr.splitlines() == [
        "compare-claims: warning: story.jsonl:2: skipped: not JSON (Expecting property name enclosed in double "
        "quotes at column 2)",
        "compare-claims: warning: story.jsonl:3: skipped: no text field (looked for text, content, body, article, "
        "story, ...)",
    ]
    assert any(len(g["sources"]) == 2 for g in doc["groups"])
    texts = {s["id"]: STORY[k]["text"] for k, s in enumerate(doc["sources"])}
    for g in doc["groups"]:
        for st in g["statements"]:
            assert texts[st["source"]][st["start"]:st["end"]] == st["text"]
    quiet = cli("topic", "court", "--sources", data, "--topics-file", topics_file, "--format", "json", "--quiet")
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_text_and_source_fields_name_other_columns(tmp_path: Path, topics_file: Path) -> None:
    rows = [{"paper": s["outlet"], "words": s["text"]} for s in STORY]
    data = write_jsonl(tmp_path / "renamed.jsonl", rows)
    missing = cli("topic", "court", "--sources", data, "--topics-file", topics_file)
    assert "no text field" in one_error_line(missing)
    doc = as_json(cli("topic", "court", "--sources", data, "--topics-file", topics_file, "--format", "json",
                      "--text-field", "words", "--source-field", "paper"))
    assert [s["id"] for s in doc["sources"]] == ["Left Daily", "Right Times"]
    csv_file = tmp_path / "renamed.csv"
    csv_file.write_text("paper,words\n" + "".join(f'"{r["paper"]}","{r["words"]}"\n' for r in rows),
                        encoding="utf-8")
    doc = as_json(cli("coverage", "--sources", csv_file, "--topics-file", topics_file, "--format", "json",
                      "--text-field", "words", "--source-field", "paper"))
    assert [s["file"] for s in doc["sources"]] == ["renamed.csv:2", "renamed.csv:5"]  # a record's first line
    for cmd in (["topics"], ["quantities", "court"]):
        res = cli(*cmd, "--sources", csv_file, "--topics-file", topics_file, "--text-field", "words")
        assert res.exit_code == 0, res.stderr


def test_a_field_option_without_a_dataset_is_warned_about(topics_file: Path) -> None:
    res = cli("topic", "shutdown", "--sources", SHUTDOWN[0], "--topics-file", topics_file, "--text-field", "body")
    assert res.exit_code == 0
    assert "--text-field and --source-field apply to dataset files" in res.stderr


def test_sources_toml_can_label_one_article_of_a_dataset(tmp_path: Path, topics_file: Path) -> None:
    data = write_jsonl(tmp_path / "story.jsonl", STORY)
    (tmp_path / "sources.toml").write_text('[files."story.jsonl:2"]\nlabel = "RT"\n', encoding="utf-8")
    doc = as_json(cli("topic", "court", "--sources", data, "--topics-file", topics_file, "--format", "json"))
    assert [(s["id"], s["outlet"]) for s in doc["sources"]] == [("Left Daily", "Left Daily"), ("RT", "Right Times")]


def test_extract_names_one_article_of_a_dataset(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "story.jsonl", STORY)
    line = one_error_line(cli("extract", data))
    assert line.endswith(f"story.jsonl: holds 2 articles; name one by its line, e.g. {data}:1")
    assert extracted(f"{data}:2") == STORY[1]["text"]
    assert "no such article" in one_error_line(cli("extract", f"{data}:9"))


@pytest.mark.skipif(not ALLSIDES.is_file(), reason="../shared/corpora/allsides_neus_sample is absent")
def test_one_allsides_story_compares_its_three_sides(topics_file: Path) -> None:
    doc = as_json(cli("topic", "court", "--sources", f"{ALLSIDES}:1", "--topics-file", topics_file,
                      "--text-field", "news.*.newBody", "--format", "json"))
    assert [s["file"].split(":", 1)[1] for s in doc["sources"]] == ["1:center", "1:left", "1:right"]
    assert [s["id"] for s in doc["sources"]] == ["CNBC", "CNN (Online News)", "Fox News (Online News)"]
    assert any(len(g["sources"]) == 3 for g in doc["groups"])
    assert check_offsets(doc, ALLSIDES.parent, "--text-field", "news.*.newBody") >= 3
    whole = as_json(cli("coverage", "--sources", ALLSIDES, "--text-field", "news.*.newBody", "--format", "json"))
    assert len(whole["sources"]) == 75


# --- start-up: a plain-text run pays for none of this ---------------------------------------


PROBE = """
import sys
from compare_claims.cli import main
sys.argv = ["compare-claims", "topic", "iran", "--format", "json", "--sources", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
heavy = sorted(m for m in ("trafilatura", "lxml", "urllib.request", "compare_claims.datasets",
                             "compare_claims.html_text", "compare_claims.fetch", "csv")
               if m in sys.modules)
print("imported:", *heavy, file=sys.stderr)
"""


def probe(*sources: str | Path) -> list[str]:
    res = subprocess.run([sys.executable, "-c", PROBE, *map(str, sources)], capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 0, res.stderr
    (line,) = [x for x in res.stderr.splitlines() if x.startswith("imported:")]
    return line.split()[1:]


def test_a_plain_text_run_does_not_import_trafilatura() -> None:
    assert probe(DATA) == []


def test_an_html_run_does_import_trafilatura() -> None:
    assert "trafilatura" in probe(DATA, SHUTDOWN[0])
