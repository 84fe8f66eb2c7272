"""The CLI, in-process (tests/cli_runner.py): the exact output of every format
(pinned against golden files) and the exit code and message of every input error.

Golden files live in tests/golden/.  They are never edited by hand; after an
intended change of output, regenerate them and review the diff:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_cli.py
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from cli_runner import CliRunner

from compare_claims.cli import app
from compare_claims.errors import ExitStatus

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
DATA = HERE.parent / "data"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
runner = CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1", "TERM": "dumb"})

FORMATS = {"table": "txt", "json": "json", "jsonl": "jsonl", "csv": "csv", "tsv": "tsv", "markdown": "md",
           "html": "html"}
# The formats are pinned on two short texts written for it (tests/fixtures/formats), so that
# a change of heuristics shows in the behaviour tests, not in a dozen golden files.
FIXTURE = str(HERE / "fixtures" / "formats")
TOPIC = ["--keywords", "bridge, Ruiz", "--sources", FIXTURE]


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}: run UPDATE_GOLDEN=1 pytest tests/test_cli.py"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file (see module docstring)"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_topic_output_is_pinned_for_every_format(fmt: str) -> None:
    res = runner.invoke(app, ["topic", *TOPIC, "--format", fmt])
    assert res.exit_code == 0, res.stderr
    assert res.stderr == ""
    assert "\x1b[" not in res.stdout  # not a terminal: no escape codes
    check_golden(f"topic.{FORMATS[fmt]}", res.stdout)


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "tsv", "markdown"])
def test_coverage_output_is_pinned(fmt: str) -> None:
    res = runner.invoke(app, ["coverage", *TOPIC, "--format", fmt])
    assert res.exit_code == 0, res.stderr
    check_golden(f"coverage.{FORMATS[fmt]}", res.stdout)


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_quantities_output_is_pinned(fmt: str) -> None:
    res = runner.invoke(app, ["quantities", *TOPIC, "--format", fmt])
    assert res.exit_code == 0, res.stderr
    check_golden(f"quantities.{FORMATS[fmt]}", res.stdout)


def test_topics_lists_every_builtin_topic_with_counts_per_source() -> None:
    res = runner.invoke(app, ["topics"])
    assert res.exit_code == 0
    for name in ("iran", "new-start", "syria", "venezuela"):
        assert name in res.stdout
    for label in ("VOA", "Sputnik", "RU-comment", "OSW", "MID"):
        assert label in res.stdout


def test_table_shows_one_column_per_source_with_metadata_labels() -> None:
    wide = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"})
    res = wide.invoke(app, ["topic", "iran", "--no-pager"])
    header = next(line for line in res.stdout.splitlines() if "VOA" in line)
    assert [h for h in ("VOA", "Sputnik", "RU-comment", "OSW", "MID") if h in header] == [
        "VOA", "Sputnik", "RU-comment", "OSW", "MID"]


def test_a_narrow_terminal_gets_one_block_per_row_and_no_word_broken() -> None:
    narrow = CliRunner(env={"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"})
    res = narrow.invoke(app, ["topic", "iran", "--no-pager", "--shared"])
    lines = res.stdout.splitlines()
    assert max(map(len, lines)) <= 80
    # five columns of 13 characters would break words: one block per row, the statement 60 wide
    head = next(ln for ln in lines if "source" in ln and "statement" in ln)
    assert len(head.split("┃")[3]) >= 50
    assert lines[0].startswith("Legend")  # the legend comes first
    # every word of a statement is whole: each line of the statement column ends at a word end
    seeds = " ".join(p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt")))
    cells = [ln.split("│")[3].strip() for ln in lines if ln.count("│") == 4 and ln.split("│")[3].strip()]
    for cell in cells:
        last = re.findall(r"[A-Za-z]{4,}$", cell.rstrip("}"))
        if last:
            assert re.search(rf"\b{last[0]}\b", seeds) or last[0].lower() in ("legend",), cell


def test_explain_lists_statements_left_out_next_to_kept_ones() -> None:
    res = runner.invoke(app, ["topic", "iran", "--format", "json", "--explain"])
    assert res.exit_code == 0
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith("compare-claims: explain: ")]
    assert lines
    assert any("names another topic (venezuela)" in ln for ln in lines)
    for ln in lines:
        assert re.search(r"explain: \S+ \d+-\d+ left out \(.+\): \".+\" \[next to kept \d+-\d+\]", ln), ln


def test_keywords_make_a_topic_in_one_breath() -> None:
    res = runner.invoke(app, ["topic", "--keywords", "Pompeo, Lavrov, Sochi", "--format", "csv"])
    assert res.exit_code == 0, res.stderr
    rows = res.stdout.splitlines()[1:]
    assert rows and all(r.startswith("keywords,") for r in rows)
    assert any("Sochi" in r for r in rows)


def test_a_keyword_finds_a_name_written_with_or_without_its_marks() -> None:
    # a seed writes "Nicolás Maduro": a user types "Nicolas" (and another outlet may write it so)
    import json

    def texts(keyword: str) -> set[str]:
        res = runner.invoke(app, ["topic", "--keywords", keyword, "--format", "json"])
        assert res.exit_code == 0, res.stderr
        return {st["text"] for g in json.loads(res.stdout)["groups"] for st in g["statements"]}

    plain, marked = texts("Nicolas"), texts("Nicolás")
    assert plain == marked and any("Nicolás" in t for t in plain)


def test_compare_aligns_every_statement_of_a_set() -> None:
    paths = [str(p) for p in sorted(DATA.glob("00[014]_*.txt"))]
    res = runner.invoke(app, ["compare", *paths, "--format", "json", "--shared"])
    assert res.exit_code == 0, res.stderr
    import json

    doc = json.loads(res.stdout)
    assert doc["topic"] == "*" and len(doc["sources"]) == 3
    assert doc["groups"] and all(len(g["sources"]) >= 2 for g in doc["groups"])
    assert all(st["via"] == "set" for g in doc["groups"] for st in g["statements"])


def test_verbose_says_what_was_skipped_on_stderr_only() -> None:
    res = runner.invoke(app, ["topic", "iran", "--format", "json", "--verbose"])
    assert res.exit_code == 0
    assert re.search(r"VOA: skipped 2 exact repeat", res.stderr)
    assert re.search(r"Sputnik: skipped \d+ site furniture", res.stderr)
    assert "not English" in res.stderr
    assert res.stdout.lstrip().startswith("{")


def one_line_error(res: object, *needles: str) -> None:
    err = getattr(res, "stderr")
    assert getattr(res, "exit_code") == ExitStatus.USAGE
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("compare-claims: error: ")
    for n in needles:
        assert n in lines[0]
    assert getattr(res, "stdout") == ""


def test_unknown_topic_names_known_topics_and_nearest() -> None:
    res = runner.invoke(app, ["topic", "venezula"])
    one_line_error(res, "unknown topic 'venezula'", "iran, new-start, syria, venezuela", "did you mean 'venezuela'")


def test_missing_path(tmp_path: Path) -> None:
    one_line_error(runner.invoke(app, ["topic", "iran", "--sources", str(tmp_path / "nope.txt")]),
                   "nope.txt", "no such file")


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    one_line_error(runner.invoke(app, ["topic", "iran", "--sources", str(tmp_path / "empty.txt")]), "empty")


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    one_line_error(runner.invoke(app, ["topic", "iran", "--sources", str(tmp_path / "x.txt")]), "binary")


def test_a_stray_byte_is_read_where_it_stands(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_bytes("Iran\u2019s talks went on.".encode() + b" \x81 ok.")
    res = runner.invoke(app, ["topic", "iran", "--sources", str(tmp_path / "x.txt"), "--format", "csv"])
    assert res.exit_code == 0
    assert "Iran\u2019s talks went on." in res.stdout
    assert "1 byte(s) not UTF-8, first at line 1 column" in res.stderr


def test_directory_with_no_texts(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    one_line_error(runner.invoke(app, ["topic", "iran", "--sources", str(tmp_path)]), "holds no text or HTML files")


@pytest.mark.parametrize(
    ("content", "needle"),
    [("[topics.x\nkeywords = [", "malformed TOML"),
     ("title = 'no topics here'\n", "no [topics.NAME] table"),
     ("[topics.x]\nkeywords = []\n", "keywords must be a non-empty list")],
    ids=["syntax", "no-topics", "empty-keywords"],
)
def test_malformed_topics_file(tmp_path: Path, content: str, needle: str) -> None:
    f = tmp_path / "t.toml"
    f.write_text(content)
    one_line_error(runner.invoke(app, ["topic", "iran", "--topics-file", str(f)]), needle)


def test_cp1252_file_is_read_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("Iran said the talks were \u201cuseful\u201d.\n".encode("cp1252"))
    (tmp_path / "b.txt").write_text("Iran called the talks useful.\n", encoding="utf-8")
    res = runner.invoke(app, ["topic", "iran", "--sources", str(tmp_path), "--format", "csv"])
    assert res.exit_code == 0
    assert "a.txt: 2 byte(s) not UTF-8, first at line 1 column 26; read as cp1252 there" in res.stderr
    assert "\u201cuseful\u201d" in res.stdout


def test_topic_from_topics_file_only(tmp_path: Path) -> None:
    f = tmp_path / "t.toml"
    f.write_text('[topics.korea]\nlabel = "Korean Peninsula"\nkeywords = ["North Korea", "Pyongyang", "DPRK"]\n')
    res = runner.invoke(app, ["topic", "korea", "--topics-file", str(f), "--format", "csv"])
    assert res.exit_code == 0, res.stderr
    rows = res.stdout.splitlines()[1:]
    assert rows and all(r.startswith("korea,") for r in rows)
    assert any("Pyongyang" in r for r in rows)


def test_help_of_every_command_has_an_example() -> None:
    for cmd in ("topic", "topics", "coverage", "diff"):
        res = runner.invoke(app, [cmd, "--help"])
        assert res.exit_code == 0
        assert "Example: compare-claims" in res.stdout


def test_cli_defaults_are_the_aligners_defaults() -> None:
    from compare_claims import align
    from compare_claims.cli import COMMANDS, parser_for

    for name in ("topic", "compare"):
        asked = parser_for(COMMANDS[name]).parse_args([])
        assert asked.threshold == align.DEFAULT_THRESHOLD
        assert asked.scorer == align.DEFAULT_SCORER
    shown = runner.invoke(app, ["topic", "--help"]).stdout
    assert f"(default: {align.DEFAULT_THRESHOLD:g})" in shown and f"(default: {align.DEFAULT_SCORER})" in shown


def test_a_topic_nothing_mentions_is_said_on_stderr(tmp_path: Path) -> None:
    f = tmp_path / "t.toml"
    f.write_text('[topics.mars]\nkeywords = ["Mars rover"]\n')
    res = runner.invoke(app, ["topic", "mars", "--topics-file", str(f), "--format", "json"])
    assert res.exit_code == 0
    assert "no statement is on topic 'mars' (keywords: Mars rover)" in res.stderr
    quiet = runner.invoke(app, ["topic", "mars", "--topics-file", str(f), "--format", "json", "--quiet"])
    assert quiet.stderr == ""


# --- the terminal table for people ---------------------------------------------------------------


def table(*args: str, **env: str) -> str:
    res = CliRunner(env={"COLUMNS": "160", **env}).invoke(app, ["topic", *TOPIC, "--no-pager", *args])
    assert res.exit_code == 0, res.stderr
    return res.stdout


def test_min_sources_and_shared_keep_rows_told_by_enough_sources() -> None:
    every = runner.invoke(app, ["topic", *TOPIC, "--format", "json"])
    shared = runner.invoke(app, ["topic", *TOPIC, "--format", "json", "--shared"])
    import json

    all_groups, kept = json.loads(every.stdout)["groups"], json.loads(shared.stdout)["groups"]
    assert len(kept) < len(all_groups)
    assert kept == [g for g in all_groups if len(g["sources"]) >= 2]
    two = runner.invoke(app, ["topic", *TOPIC, "--format", "json", "--min-sources", "2"])
    assert json.loads(two.stdout)["groups"] == kept


def test_colour_is_off_in_a_pipe_with_no_color_and_with_a_dumb_terminal() -> None:
    for env in ({"NO_COLOR": "1"}, {"TERM": "dumb"}, {}):
        out = table(**env)
        assert "\x1b[" not in out  # not a terminal either way
        assert "{" in out and "}" in out  # the differing words still show, in braces
    assert "\x1b[" not in table("--color", "never")


def test_color_always_styles_the_differing_words_and_drops_the_braces() -> None:
    out = table("--color", "always")
    assert "\x1b[1;33m" in out  # bold yellow: words not in the reference
    assert "{" not in out.split("Legend", 1)[1].split("┏", 1)[1]


def test_a_bad_color_value_is_one_line() -> None:
    one_line_error(runner.invoke(app, ["topic", *TOPIC, "--color", "sometimes"]), "--color")


def test_label_categories_read_as_words_in_the_table() -> None:
    res = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1"}).invoke(
        app, ["topic", "venezuela", "--no-pager"])
    assert "_" not in "".join(ln for ln in res.stdout.splitlines() if "label:" in ln)


def test_topics_show_their_labels_and_coverage_does_not() -> None:
    topics = runner.invoke(app, ["topics", "--format", "csv"])
    coverage = runner.invoke(app, ["coverage", "--format", "csv"])
    assert topics.stdout.splitlines()[0].startswith("topic,label,VOA")
    assert coverage.stdout.splitlines()[0].startswith("topic,VOA")
    assert "iran,Iran and the nuclear deal (JCPOA),18," in topics.stdout


def test_no_cache_changes_nothing_in_the_output() -> None:
    plain = runner.invoke(app, ["topic", *TOPIC, "--format", "json"])
    old = runner.invoke(app, ["topic", *TOPIC, "--format", "json", "--no-cache"])
    assert old.exit_code == 0 and old.stdout == plain.stdout


def test_bare_program_shows_the_commands_on_stderr_and_exits_2() -> None:
    res = runner.invoke(app, [])
    assert res.exit_code == ExitStatus.USAGE and res.stdout == ""
    for name in ("topic", "compare", "quantities", "topics", "coverage", "extract", "diff"):
        assert re.search(rf"^  {name} +\S", res.stderr, re.M), name
    helped = runner.invoke(app, ["--help"])
    assert helped.exit_code == 0 and helped.stdout == res.stderr and helped.stderr == ""


def test_options_may_come_before_between_and_after_the_paths() -> None:
    texts = sorted(str(p) for p in DATA.glob("*.txt"))
    first = runner.invoke(app, ["topic", "iran", *texts, "--format", "json"])
    mixed = runner.invoke(app, ["topic", "--format", "JSON", "iran", texts[0], "--quiet", *texts[1:]])
    flags = runner.invoke(app, ["topic", "iran", "-f", "json", "-s", texts[0], *texts[1:]])
    assert first.exit_code == 0, first.stderr
    assert mixed.stdout == first.stdout == flags.stdout and json.loads(first.stdout)["groups"]


@pytest.mark.parametrize(("args", "words"), [
    (["topic", "iran", "--threshold", "nan"], "'nan' is not a number from 0 to 100"),
    (["topic", "iran", "--threshold", "101"], "--threshold"),
    (["topic", "iran", "--jobs"], "expected one argument"),
    (["topic", "iran", "--form", "json"], "no such option: --form"),  # no abbreviations: a typo is said
    (["diff", "a.json", "b.json", "c.json"], "unexpected argument 'c.json'"),
    (["--bogus"], "no such option: --bogus"),
    (["--completion", "tcsh"], "--completion takes bash, zsh, fish"),
])
def test_a_bad_option_value_is_one_line(args: list[str], words: str) -> None:
    one_line_error(runner.invoke(app, args), words)


def test_a_bad_no_cache_variable_is_one_line() -> None:
    res = runner.invoke(app, ["topic", "iran", "--format", "json"], env={"COMPARE_CLAIMS_NO_CACHE": "maybe"})
    one_line_error(res, "COMPARE_CLAIMS_NO_CACHE='maybe'")
