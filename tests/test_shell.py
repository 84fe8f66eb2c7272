"""compare-claims in shell pipelines and scripts.

A few real subprocess pipelines (bash, pipefail), then the conventions a
script relies on, in-process with CliRunner: inputs from files, directories,
globs and stdin; --version; --quiet; results on stdout and diagnostics on
stderr only; exit codes 0 (ok), 1 (baseline differs, see test_baseline.py),
2 (usage or input error), 70 (a bug of the tool).
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from cli_runner import CliRunner

from compare_claims import __version__
from compare_claims.cli import app
from compare_claims.errors import ExitStatus

DATA = Path(__file__).parents[1] / "data"
TEXTS = sorted(DATA.glob("*.txt"))
LABELS = ["VOA", "Sputnik", "RU-comment", "OSW", "MID"]  # data/sources.toml, in file-name order
ENV = {"COLUMNS": "100", "NO_COLOR": "1"}
runner = CliRunner(env=ENV)


def cli(*args: str | Path, input: str | bytes | None = None) -> Any:
    return runner.invoke(app, [str(a) for a in args], input=input)


def as_json(res: Any) -> dict[str, Any]:
    assert res.exit_code == 0, res.stderr
    d: dict[str, Any] = json.loads(res.stdout)
    return d


@pytest.fixture(scope="module")
def shipped() -> dict[str, Any]:
    return as_json(cli("topic", "iran", "--sources", DATA, "--format", "json"))


# ------------------------------------------------------------ real pipelines


def bash(script: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **ENV, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(["bash", "-c", "set -o pipefail\n" + script], capture_output=True, text=True,
                          env=env, cwd=DATA.parent, timeout=120)


READ_JSONL = r"""
import json, sys
n = 0
for line in sys.stdin:
    group = json.loads(line)
    assert group["topic"] == "iran" and group["schema_version"], group
    assert group["statements"] and all(s["text"] for s in group["statements"]), group
    n += 1
print(n)
"""


def test_the_program_s_whole_output_reaches_a_file_and_a_pipe(shipped: dict[str, Any], tmp_path: Path) -> None:
    # the console script leaves without tearing the heap down (cli.leave): nothing it wrote is lost
    proc = bash(f"compare-claims topic iran --sources 'data/*.txt' --format json --no-cache > {tmp_path}/out.json"
                " && python -m compare_claims topic iran --sources 'data/*.txt' --format json --no-cache | cat")
    assert proc.returncode == 0, proc.stderr
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8")) == json.loads(proc.stdout)
    assert json.loads(proc.stdout)["groups"] == shipped["groups"]


LEAVE = """
import atexit, sys
from compare_claims.cli import leave
if sys.argv[1] == "handler":
    atexit.register(lambda: print("exit handler ran"))
print("buffered", end="")
leave(eval(sys.argv[2]))
"""


@pytest.mark.parametrize("handler, code, status", [("none", "4", 4), ("none", "None", 0), ("handler", "3", 3),
                                                    ("none", "'a message'", 1)])
def test_leaving_flushes_the_output_and_keeps_exit_handlers_and_codes(handler: str, code: str, status: int) -> None:
    proc = subprocess.run([sys.executable, "-c", LEAVE, handler, code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == status
    assert proc.stdout == "buffered" + ("exit handler ran\n" if handler == "handler" else "")
    assert ("a message" in proc.stderr) == (code == "'a message'")


def test_jsonl_feeds_a_line_by_line_reader(shipped: dict[str, Any]) -> None:
    proc = bash(f"compare-claims topic iran --sources 'data/*.txt' --format jsonl | python -c '{READ_JSONL}'")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"{len(shipped['groups'])}\n"
    assert proc.stderr == ""


def test_head_takes_the_first_group() -> None:
    proc = bash("compare-claims topic iran --sources 'data/*.txt' --format jsonl | head -n 1")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["id"] == "g1" and proc.stdout.count("\n") == 1
    assert "Traceback" not in proc.stderr and proc.stderr == ""


@pytest.mark.parametrize("fmt", ["table", "jsonl"])
def test_reader_leaving_early_is_not_an_error(fmt: str) -> None:
    # `head -n 0` exits before the first byte is written: a certain broken pipe
    # (`| head -1` only breaks it when the output outgrows the pipe buffer)
    proc = bash(f"compare-claims topic iran --sources 'data/*.txt' --format {fmt} | head -n 0")
    assert "Traceback" not in proc.stderr and proc.stderr == ""
    assert proc.returncode == 0  # exit 1 would read as "baseline differs"


# ------------------------------------------------------------ inputs


def test_a_directory_reads_its_texts_and_their_metadata(shipped: dict[str, Any]) -> None:
    assert [s["file"] for s in shipped["sources"]] == [p.name for p in TEXTS]
    assert [s["id"] for s in shipped["sources"]] == LABELS
    assert {sid for g in shipped["groups"] for sid in g["sources"]} == set(LABELS)


def test_a_glob_is_expanded_by_the_program(shipped: dict[str, Any]) -> None:
    d = as_json(cli("topic", "iran", "--sources", DATA / "00[0-4]_*.txt", "--format", "json"))
    assert d == shipped
    only_two = as_json(cli("topic", "iran", "--sources", DATA / "00[34]_*.txt", "--format", "json"))
    assert [s["id"] for s in only_two["sources"]] == ["OSW", "MID"]


def test_files_listed_after_the_topic_are_sources_too(shipped: dict[str, Any]) -> None:
    assert as_json(cli("topic", "iran", *TEXTS, "--format", "json")) == shipped


def test_dash_reads_a_source_from_stdin(shipped: dict[str, Any]) -> None:
    mid = DATA / "004_12af27a630f35941.txt"
    others = [p for p in TEXTS if p != mid]
    d = as_json(cli("topic", "iran", "--sources", "-", *others, "--format", "json",
                    input=mid.read_bytes()))
    assert [s["file"] for s in d["sources"]][-1] == "stdin"
    piped = [(s["start"], s["end"], s["text"]) for g in d["groups"] for s in g["statements"] if s["source"] == "stdin"]
    from_file = [(s["start"], s["end"], s["text"]) for g in shipped["groups"] for s in g["statements"]
                 if s["source"] == "MID"]
    assert piped and sorted(piped) == sorted(from_file)


def test_jsonl_lines_stand_alone(shipped: dict[str, Any]) -> None:
    res = cli("topic", "iran", "--sources", DATA, "--format", "jsonl")
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    assert [{k: v for k, v in g.items() if k not in ("topic", "schema_version")} for g in lines] == shipped["groups"]
    assert {(g["topic"], g["schema_version"]) for g in lines} == {("iran", shipped["schema_version"])}


def read_tsv(text: str) -> list[dict[str, str]]:
    """TSV as written: one record a line, fields split on tabs, \\t \\n \\\\ escapes (no quoting)."""
    unescape = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}

    def field(raw: str) -> str:
        return re.sub(r"\\(.)", lambda m: unescape.get(m.group(1), m.group(0)), raw)

    header, *lines = text.splitlines()
    names = header.split("\t")
    rows = []
    for line in lines:
        fields = line.split("\t")
        assert len(fields) == len(names), line
        rows.append(dict(zip(names, map(field, fields))))
    return rows


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_delimited_output_has_one_statement_per_row(fmt: str, shipped: dict[str, Any]) -> None:
    import csv
    import io

    res = cli("topic", "iran", "--sources", DATA, "--format", fmt)
    rows = list(csv.DictReader(io.StringIO(res.stdout))) if fmt == "csv" else read_tsv(res.stdout)
    statements = [(g["id"], s["source"], s["start"], s["end"]) for g in shipped["groups"] for s in g["statements"]]
    assert [(r["group"], r["source"], int(r["start"]), int(r["end"])) for r in rows] == statements
    assert {r["topic"] for r in rows} == {"iran"} and all("\n" not in r["text"] for r in rows)
    if fmt == "tsv":  # unescaped, every text is the statement's own
        assert [r["text"] for r in rows] == [s["text"] for g in shipped["groups"] for s in g["statements"]]


def test_coverage_jsonl_is_json_lines() -> None:
    whole = as_json(cli("coverage", "--sources", DATA / "*.txt", "--format", "json"))
    res = cli("coverage", "--sources", DATA / "*.txt", "--format", "jsonl")
    assert res.exit_code == 0, res.stderr
    lines = res.stdout.splitlines()
    assert len(lines) >= 4 and all(line.startswith("{") for line in lines)
    records = [json.loads(line) for line in lines]  # each line stands alone: one topic a line
    assert records == whole["topics"]
    assert {r["name"] for r in records} >= {"iran", "new-start", "syria", "venezuela"}


def test_tsv_escapes_tab_newline_and_backslash_instead_of_quoting(tmp_path: Path) -> None:
    src = tmp_path / "quotes.txt"
    src.write_text('"Iran will not talk," the minister said in Tehran, path C:\\new\\t.\n\n'
                   "A second line about Iran\tand a tab.\n", encoding="utf-8")
    doc = as_json(cli("topic", "--keywords", "Iran", src, "--format", "json"))
    texts = [s["text"] for g in doc["groups"] for s in g["statements"]]
    assert any(t.startswith('"') and "\\" in t for t in texts) and any("\t" in t for t in texts)
    res = cli("topic", "--keywords", "Iran", src, "--format", "tsv")
    assert res.exit_code == 0, res.stderr
    assert '\\\\new\\\\t' in res.stdout and "Iran\\tand" in res.stdout  # escaped, not quoted
    assert [r["text"] for r in read_tsv(res.stdout)] == texts


# ------------------------------------------------------------ conventions


def test_version() -> None:
    res = cli("--version")
    assert res.exit_code == 0
    assert res.stdout == f"compare-claims {__version__}\n" and res.stderr == ""
    assert __version__ == version("compare-claims")


@pytest.mark.parametrize(
    ("args", "stdin", "words"),
    [
        (["topic", "no-such-topic"], None, "unknown topic 'no-such-topic'"),
        (["topic", "iran", "--sources", "no/such/dir"], None, "no/such/dir: no such file or directory"),
        (["topic", "iran", "--sources", "nothing-*.txt"], None, "nothing-*.txt: no file matches this pattern"),
        (["topic", "iran", "--sources", "-"], "", "stdin: file is empty"),
        (["topic", "iran", "--sources", str(DATA), "--scorer", "nope"], None, "unknown scorer 'nope'"),
    ],
)
def test_input_errors_exit_2_with_one_line_on_stderr(args: list[str], stdin: str | None, words: str) -> None:
    res = cli(*args, input=stdin)
    assert res.exit_code == ExitStatus.USAGE == 2
    assert res.stdout == ""
    assert res.stderr.startswith("compare-claims: error: ") and words in res.stderr
    assert res.stderr.count("\n") == 1 and "Traceback" not in res.stderr


@pytest.mark.parametrize(("args", "words"), [
    (["topic", "iran", "--no-such-flag"], "no such option: --no-such-flag"),
    (["topic"], "which topic?"),
    (["no-such-command"], "no such command 'no-such-command'"),
    (["topic", "iran", "--format", "yaml"], "'yaml' is not one of"),
    (["topic", "iran", "--jobs", "0"], "--jobs"),
])
def test_usage_errors_exit_2(args: list[str], words: str) -> None:
    # one line naming the problem (no usage block, no box): the same shape as every other error
    res = cli(*args)
    assert res.exit_code == 2
    assert res.stdout == "" and "Traceback" not in res.stderr
    assert res.stderr.count("\n") == 1 and res.stderr.startswith("compare-claims: error: "), res.stderr
    assert words in res.stderr


def test_quiet_silences_warnings_not_results(tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Tehran rejected the talks, the caf\u00e9 owner said.\n".encode("cp1252"))
    loud = cli("topic", "iran", "--sources", legacy, "--format", "json")
    quiet = cli("topic", "iran", "--sources", legacy, "--format", "json", "--quiet")
    assert loud.exit_code == quiet.exit_code == 0
    assert loud.stderr.startswith("compare-claims: warning: ") and "cp1252" in loud.stderr
    assert quiet.stderr == ""
    assert quiet.stdout == loud.stdout and json.loads(quiet.stdout)["sources"][0]["encoding"] == "utf-8+cp1252"


def test_verbose_diagnostics_go_to_stderr_only(shipped: dict[str, Any]) -> None:
    res = cli("topic", "iran", "--sources", DATA, "--format", "json", "--verbose")
    assert as_json(res) == shipped  # stdout is untouched by --verbose
    n = sum(len(g["statements"]) for g in shipped["groups"])
    lines = res.stderr.splitlines()
    assert lines[-1] == (f"compare-claims: {n} statements on topic 'iran' in {len(shipped['groups'])} groups "
                         f"from {len(shipped['sources'])} sources")
    assert all(line.startswith("compare-claims: ") for line in lines)
    # the folder's own tables are not sources: --verbose names each, one line
    assert lines[:2] == [f"compare-claims: {DATA / name}: skipped: a dataset is read only when named (--sources FILE)"
                         for name in ("lemmas.tsv", "synonyms.tsv")]


def test_machine_output_carries_no_escape_codes() -> None:
    for fmt in ("json", "jsonl", "csv", "tsv", "markdown"):
        res = runner.invoke(app, ["topic", "iran", "--sources", str(DATA), "--format", fmt],
                            env={"FORCE_COLOR": "1", "NO_COLOR": None}, color=True)
        assert res.exit_code == 0
        assert "\x1b[" not in res.stdout, fmt


def test_ctrl_c_exits_130_without_a_traceback() -> None:
    import signal
    import time

    exe = Path(sys.executable).parent / "compare-claims"
    # reading stdin ("-") blocks until interrupted
    proc = subprocess.Popen([str(exe), "topic", "iran", "--sources", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(2.0)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert "Traceback" not in err


def test_a_bug_exits_70_with_one_line_and_the_traceback_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure of the tool itself is never exit 1, which a baseline check reads as "changed"."""
    import compare_claims.pipeline as pipeline

    def broken(*_args: Any, **_kw: Any) -> Any:
        raise IndexError("list index out of range")

    monkeypatch.setattr(pipeline, "build_groups", broken)
    res = cli("topic", "iran", "--no-cache", "--jobs", "1")
    assert res.exit_code == ExitStatus.INTERNAL == 70
    assert res.stdout == ""
    assert res.stderr.splitlines() == [
        "compare-claims: error: internal error: IndexError: list index out of range "
        "(a bug; COMPARE_CLAIMS_DEBUG=1 shows where)"]
    res = runner.invoke(app, ["topic", "iran", "--no-cache", "--jobs", "1"], env={**ENV, "COMPARE_CLAIMS_DEBUG": "1"})
    assert isinstance(res.exception, IndexError)
