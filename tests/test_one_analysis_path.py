"""Issue "One analysis path", findings 5-7: what a user sees at the edges.

Every error is one line on stderr and exit 2, never a traceback or a hang;
every input that can be read is read (a stray byte, a file name that is not
UTF-8, a folder of sub-folders); the work gives the same bytes in one
process, in several, or on Dask.  Each test here fails on the code before
the redesign (b0e1a3b), except two guards that already held there: the
5,000-digit integer in a topics file, and no NaN in the JSON of accepted
options (its companion, ``--threshold nan`` refused, does fail there).

Texts: the seeds in data/, the pages of tests/fixtures/html/, and the BBC
set of ../shared/corpora (skipped when absent).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cli_runner import CliRunner

from compare_claims.cli import app

HERE = Path(__file__).parent
DATA = HERE.parent / "data"
SEEDS = sorted(DATA.glob("*.txt"))
FIXTURES = HERE / "fixtures" / "html"
BBC = HERE.resolve().parents[1] / "shared" / "corpora" / "bbc_news"
EXE = Path(sys.executable).parent / "compare-claims"
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
runner = CliRunner(env=ENV)


def cli(*args: str | Path, input: bytes | str | None = None, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, [str(a) for a in args], input=input, env=env)


def as_json(res: Any) -> dict[str, Any]:
    assert res.exit_code == 0, res.stderr
    doc: dict[str, Any] = json.loads(res.stdout)
    return doc


def one_error_line(res: Any, *words: str) -> str:
    """Exit 2, nothing on stdout, one line on stderr naming ``words``."""
    assert res.exit_code == 2, (res.exit_code, res.stdout[:300], res.stderr)
    assert res.stdout == ""
    lines = res.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("compare-claims: error: "), res.stderr
    for w in words:
        assert w in lines[0], lines[0]
    return str(lines[0])


def shell(script: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The installed program in bash, where `>&-` really closes stdout."""
    env = {**os.environ, **ENV, "PATH": f"{EXE.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env, cwd=DATA.parent,
                          timeout=timeout)


def one_error_line_of(proc: subprocess.CompletedProcess[str], *words: str) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("compare-claims: error: "), proc.stderr
    for w in words:
        assert w in lines[0], lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("baseline") / "iran.json"
    res = cli("topic", "iran", "--format", "json", "--write-baseline", path)
    assert res.exit_code == 0, res.stderr
    return path


def permissions_enforced(path: Path) -> bool:
    """False when running as root (chmod 000 does not stop root from reading)."""
    if os.geteuid() != 0:
        return True
    try:
        if path.is_dir():
            os.listdir(path)
        else:
            path.read_bytes()
    except PermissionError:
        return True
    return False


# --- baselines and configuration: malformed is one line, exit 2 -----------------------------------


def test_a_baseline_with_an_empty_group_is_refused_not_claims_moved(tmp_path: Path, baseline: Path) -> None:
    doc = json.loads(baseline.read_text(encoding="utf-8"))
    doc["groups"][0]["statements"] = []
    bad = tmp_path / "empty-group.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    one_error_line(cli("diff", baseline, bad), "empty-group.json", "groups[0] has no statements")
    one_error_line(cli("topic", "iran", "--format", "json", "--baseline", bad), "groups[0] has no statements")


def test_a_deeply_nested_baseline_is_one_line(tmp_path: Path, baseline: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    one_error_line(cli("diff", baseline, deep), "deep.json", "nested too deeply")
    one_error_line(cli("diff", deep, baseline), "deep.json")


def test_a_deeply_nested_topics_file_is_one_line(tmp_path: Path) -> None:
    deep = tmp_path / "topics.toml"
    deep.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    one_error_line(cli("topic", "iran", "--topics-file", deep), "topics.toml", "nested too deeply")


def test_a_five_thousand_digit_number_in_a_baseline_is_one_line(tmp_path: Path, baseline: Path) -> None:
    text = baseline.read_text(encoding="utf-8")
    start = text.index('"score": ') + len('"score": ')
    end = min(text.index(",", start), text.index("\n", start))
    big = tmp_path / "big.json"
    big.write_text(text[:start] + "9" * 5000 + text[end:], encoding="utf-8")
    one_error_line(cli("diff", baseline, big), "big.json", "too many digits")


def test_a_five_thousand_digit_number_in_a_topics_file_is_one_line(tmp_path: Path) -> None:
    topics = tmp_path / "topics.toml"
    topics.write_text('[topics.big]\nlabel = "Big"\nkeywords = ["Iran"]\nweight = ' + "9" * 5000 + "\n",
                      encoding="utf-8")
    one_error_line(cli("topic", "big", "--topics-file", topics), "topics.toml", "malformed TOML")


@pytest.mark.parametrize("how", ["topics-file", "diff"])
def test_a_fifo_does_not_hang(tmp_path: Path, baseline: Path, how: str) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    args = f"topic iran --topics-file {fifo}" if how == "topics-file" else f"diff {baseline} {fifo}"
    try:
        proc = shell(f"compare-claims {args}", timeout=30)
    except subprocess.TimeoutExpired:  # pragma: no cover - the bug this guards against
        pytest.fail(f"compare-claims {args} waited on a FIFO")
    one_error_line_of(proc, str(fifo), "regular file")


# --- permissions, names ---------------------------------------------------------------------------


def test_an_unreadable_folder_is_one_line(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    shutil.copy(SEEDS[0], locked / "voa.txt")
    locked.chmod(0)
    try:
        if not permissions_enforced(locked):
            pytest.skip("running as root: chmod 000 does not stop reading")
        one_error_line(cli("topic", "iran", locked), "locked", "cannot read")
    finally:
        locked.chmod(0o755)


def test_an_unreadable_sources_toml_is_one_line(tmp_path: Path) -> None:
    shutil.copy(SEEDS[0], tmp_path / "voa.txt")
    meta = tmp_path / "sources.toml"
    meta.write_text('[files."voa.txt"]\nlabel = "VOA"\n', encoding="utf-8")
    meta.chmod(0)
    try:
        if not permissions_enforced(meta):
            pytest.skip("running as root: chmod 000 does not stop reading")
        one_error_line(cli("topic", "iran", tmp_path), "sources.toml", "cannot read")
    finally:
        meta.chmod(0o644)


def test_unreadable_folder_and_sources_toml_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same two refusals, with the refusal made by the system calls themselves
    (so that they are checked where the tests run as root)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEEDS[0], folder / "voa.txt")
    (folder / "sources.toml").write_text('[files."voa.txt"]\nlabel = "VOA"\n', encoding="utf-8")
    real_scandir, real_open = os.scandir, os.open

    def scandir(path: Any = ".") -> Any:
        if Path(os.fsdecode(path)) == folder:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_scandir(path)

    def open_(path: Any, flags: int, *args: Any, **kw: Any) -> int:
        if Path(os.fsdecode(path)).name == "sources.toml" and Path(os.fsdecode(path)).parent == folder:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_open(path, flags, *args, **kw)

    with monkeypatch.context() as m:
        m.setattr(os, "scandir", scandir)
        one_error_line(cli("topic", "iran", folder), "corpus: cannot read folder (Permission denied)")
    with monkeypatch.context() as m:
        m.setattr(os, "open", open_)
        one_error_line(cli("topic", "iran", folder), "sources.toml: cannot read", "Permission denied")


def test_a_file_name_that_is_not_utf8_is_read_and_shown_with_a_replacement_character(tmp_path: Path) -> None:
    folder = os.path.join(os.fsencode(tmp_path), b"corpus")
    os.mkdir(folder)
    with open(os.path.join(folder, b"caf\xe9-voa.txt"), "wb") as fh:  # Latin-1 é: not UTF-8
        fh.write(SEEDS[0].read_bytes())
    with open(os.path.join(folder, b"sputnik.txt"), "wb") as fh:
        fh.write(SEEDS[1].read_bytes())
    doc = as_json(cli("topic", "iran", os.fsdecode(folder), "--format", "json"))
    assert [(s["id"], s["file"]) for s in doc["sources"]] == [("caf\ufffd-voa", "caf\ufffd-voa.txt"),
                                                              ("sputnik", "sputnik.txt")]
    assert "caf\ufffd-voa" in {sid for g in doc["groups"] for sid in g["sources"]}
    proc = shell(f"compare-claims topic iran {os.fsdecode(folder)!r} --no-pager")  # the table, in a real process
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert "caf\ufffd-voa" in proc.stdout
    res = cli("topic", "iran", os.path.join(os.fsdecode(folder), "caf\udce9-gone.txt"))
    one_error_line(res, "caf\ufffd-gone.txt: no such file or directory")


# --- output streams -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_a_closed_stdout_is_one_line_and_exit_2(fmt: str) -> None:
    proc = shell(f"compare-claims topic iran --format {fmt} --no-pager >&-")
    one_error_line_of(proc, "standard output is closed")


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_a_full_disk_is_one_line_and_exit_2(fmt: str) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    proc = shell(f"compare-claims topic iran --format {fmt} --no-pager > /dev/full")
    one_error_line_of(proc, "cannot write the result to standard output", "No space left on device")


# --- options --------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf"])
def test_threshold_nan_is_refused(value: str) -> None:
    one_error_line(cli("topic", "iran", "--threshold", value, "--format", "json"), "--threshold")


def test_json_never_contains_nan() -> None:
    for args in (["--threshold", "0"], ["--threshold", "100"], ["--scorer", "idf"]):
        out = as_json_text(cli("topic", "iran", "--format", "json", *args))
        assert "NaN" not in out and "Infinity" not in out
        json.loads(out, parse_constant=lambda c: pytest.fail(f"JSON holds {c}"))


def as_json_text(res: Any) -> str:
    assert res.exit_code == 0, res.stderr
    return str(res.stdout)


@pytest.mark.parametrize(("args", "words"), [
    (["topic", "iran", "--no-such-flag"], "no such option: --no-such-flag"),
    (["topic", "iran", "--jobs", "zero"], "'zero' is not a whole number"),
    (["topic", "iran", "--min-sources", "0"], "--min-sources"),
    (["compare", "--format", "yaml"], "'yaml' is not one of"),
    (["extract"], "arguments are required: SOURCE"),
    (["diff", "a.json"], "arguments are required: NEW"),
])
def test_a_usage_error_prints_one_line(args: list[str], words: str) -> None:
    res = cli(*args)
    one_error_line(res, words)
    assert "Usage:" not in res.stderr and "╭" not in res.stderr


def test_columns_zero_still_prints_a_table_with_content() -> None:
    wide = cli("topic", "iran", "--no-pager")
    for columns in ("0", "5", "-1", "abc"):
        res = cli("topic", "iran", "--no-pager", env={"COLUMNS": columns})
        assert res.exit_code == 0, res.stderr
        assert res.stdout == wide.stdout  # read as "not set": the default width
        assert "Iran" in res.stdout and "VOA" in res.stdout
        assert max(map(len, res.stdout.splitlines())) > 40


# --- reading --------------------------------------------------------------------------------------


def test_one_stray_byte_keeps_every_other_character(tmp_path: Path) -> None:
    clean = SEEDS[0].read_text(encoding="utf-8")
    lead = "Iran\u2019s foreign minister said the talks were over.\n"
    text = lead + "The caf\u00e9 line.\n" + clean
    raw = text.encode("utf-8").replace("caf\u00e9".encode("utf-8"), b"caf\xe9")  # one Latin-1 byte
    (tmp_path / "stray.txt").write_bytes(raw)
    (tmp_path / "clean.txt").write_text(text, encoding="utf-8")
    res = cli("topic", "iran", tmp_path / "stray.txt", tmp_path / "clean.txt", "--format", "json")
    doc = as_json(res)
    assert res.stderr == (f"compare-claims: warning: {tmp_path / 'stray.txt'}: 1 byte(s) not UTF-8, "
                          "first at line 2 column 8; read as cp1252 there\n")
    by_id = {s["id"]: s for s in doc["sources"]}
    assert by_id["stray"]["encoding"] == "utf-8+cp1252" and by_id["clean"]["encoding"] == "utf-8"
    assert by_id["stray"]["length"] == by_id["clean"]["length"] == len(text)
    stray = [(st["start"], st["end"], st["text"]) for g in doc["groups"] for st in g["statements"]
             if st["source"] == "stray"]
    clean_spans = [(st["start"], st["end"], st["text"]) for g in doc["groups"] for st in g["statements"]
                   if st["source"] == "clean"]
    assert stray and sorted(stray) == sorted(clean_spans)  # the same text, the same statements
    assert any(t.startswith("Iran\u2019s foreign minister") for _s, _e, t in stray)  # not "Iranâ€™s"
    extracted = cli("extract", tmp_path / "stray.txt")
    assert extracted.stdout_bytes.decode("utf-8") == text


@pytest.mark.skipif(not (BBC / "sport" / "199.txt").is_file(), reason="../shared/corpora/bbc_news is absent")
def test_the_latin1_pound_sign_of_the_bbc_set_is_read_in_place() -> None:
    path = BBC / "sport" / "199.txt"
    res = cli("extract", path)
    text = res.stdout_bytes.decode("utf-8")
    assert "a \u00a315.8m signing from Parma" in text
    assert text == path.read_bytes().decode("utf-8", "surrogateescape").replace("\udca3", "\u00a3")
    assert res.stderr.startswith(f"compare-claims: warning: {path}: 1 byte(s) not UTF-8, first at line ")


def bbc_tree(root: Path) -> Path:
    """A few BBC articles of each category, with the set's README and SOURCE notes."""
    corpus = root / "bbc"
    for category in ("business", "politics", "tech"):
        (corpus / category).mkdir(parents=True)
        for name in ("001.txt", "002.txt"):
            shutil.copy(BBC / category / name, corpus / category / name)
    shutil.copy(BBC / "README.TXT", corpus / "README.TXT")
    shutil.copy(BBC / "SOURCE.md", corpus / "SOURCE.md")
    (corpus / "tech" / "notes.pdf").write_bytes(b"%PDF-1.4\n")
    (corpus / "tech" / ".hidden.txt").write_text("not a source", encoding="utf-8")
    (corpus / "topics.toml").write_text('[topics.x]\nkeywords = ["x"]\n', encoding="utf-8")
    return corpus


@pytest.mark.skipif(not BBC.is_dir(), reason="../shared/corpora/bbc_news is absent")
def test_a_folder_of_sub_folders_names_them_and_reports_every_skipped_file(tmp_path: Path) -> None:
    corpus = bbc_tree(tmp_path)
    res = cli("coverage", corpus, "--keywords", "government, market", "--format", "json")
    doc = as_json(res)
    assert [s["id"] for s in doc["sources"]] == [f"{c}/{n}" for c in ("business", "politics", "tech")
                                                 for n in ("001", "002")]
    assert [s["file"] for s in doc["sources"]][0] == "business/001.txt"
    assert res.stderr == "compare-claims: skipped 3 file(s) that are not sources (--verbose lists them)\n"
    verbose = cli("coverage", corpus, "--keywords", "government, market", "--format", "json", "--verbose")
    assert verbose.stdout == res.stdout
    assert verbose.stderr.splitlines() == [
        f"compare-claims: {corpus / 'README.TXT'}: skipped: describes the folder, not a source",
        f"compare-claims: {corpus / 'SOURCE.md'}: skipped: describes the folder, not a source",
        f"compare-claims: {corpus / 'tech' / 'notes.pdf'}: skipped: .pdf is not supported; save it as text or HTML",
    ]


def test_sub_folders_of_the_seeds_give_ids_saying_the_sub_folder(tmp_path: Path) -> None:
    for k, seed in enumerate(SEEDS):
        sub = tmp_path / ("left" if k % 2 else "right")
        sub.mkdir(exist_ok=True)
        shutil.copy(seed, sub / f"report-{k}.txt")
    doc = as_json(cli("topic", "iran", tmp_path, "--format", "json"))
    assert [s["id"] for s in doc["sources"]] == ["left/report-1", "left/report-3", "right/report-0",
                                                 "right/report-2", "right/report-4"]


def test_one_empty_file_among_several_is_reported_and_skipped(tmp_path: Path) -> None:
    for seed in SEEDS[:3]:
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / "zz-empty.txt").write_bytes(b"  \n\n")
    res = cli("topic", "iran", tmp_path, "--format", "json")
    doc = as_json(res)
    assert [s["file"] for s in doc["sources"]] == [p.name for p in SEEDS[:3]]
    assert res.stderr == f"compare-claims: warning: {tmp_path / 'zz-empty.txt'}: file is empty; skipped\n"
    strict = cli("topic", "iran", tmp_path, "--format", "json", "--strict")
    one_error_line(strict, "zz-empty.txt: file is empty")


# --- the same bytes however the work is run -------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_of_25(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seeds under five names each: 25 files, enough for a pool of processes."""
    folder = tmp_path_factory.mktemp("many")
    for copy in "abcde":
        for seed in SEEDS:
            shutil.copy(seed, folder / f"{copy}-{seed.name}")
    return folder


def test_a_few_sources_are_split_over_forked_processes_with_the_same_bytes(
        tmp_path: Path, forks: list[int], pools: list[int | None]) -> None:
    # five seeds and a file that cannot be read: below a pool's worth, one fork; the bad file is said once
    for seed in SEEDS:
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01binary\x00" * 50)
    one = cli("topic", "iran", tmp_path, "--format", "json", "--jobs", "1", "--no-cache")
    assert forks == []
    two = cli("topic", "iran", tmp_path, "--format", "json", "--jobs", "2", "--no-cache")
    assert len(forks) == (1 if hasattr(os, "fork") else 0) and pools == []
    assert one.exit_code == two.exit_code == 0, (one.stderr, two.stderr)
    assert one.stdout_bytes == two.stdout_bytes
    assert one.stderr == two.stderr and two.stderr.count("broken.txt") == 1
    assert len(json.loads(two.stdout)["sources"]) == len(SEEDS)
    # with the cache: the analyses packed where they were made, stored, and the same bytes again
    cache = tmp_path / "cache"
    cold = cli("topic", "iran", tmp_path, "--format", "json", "--jobs", "2", "--cache-dir", cache)
    warm = cli("topic", "venezuela", tmp_path, "--format", "json", "--jobs", "2", "--cache-dir", cache)
    plain_run = cli("topic", "venezuela", tmp_path, "--format", "json", "--jobs", "1", "--no-cache")
    assert cold.stdout_bytes == one.stdout_bytes and warm.stdout_bytes == plain_run.stdout_bytes


def test_jobs_1_and_jobs_2_give_the_same_bytes(corpus_of_25: Path, pools: list[int | None]) -> None:
    # uncached: a warm second run would analyse nothing, in no pool
    one = cli("topic", "iran", corpus_of_25, "--format", "json", "--jobs", "1", "--no-cache")
    assert pools == []
    two = cli("topic", "iran", corpus_of_25, "--format", "json", "--jobs", "2", "--no-cache")
    assert pools == [2]  # the work really ran in two processes
    assert one.exit_code == two.exit_code == 0, (one.stderr, two.stderr)
    doc = json.loads(one.stdout)
    assert len(doc["sources"]) == 25 and doc["groups"]
    assert one.stdout_bytes == two.stdout_bytes
    cov1 = cli("coverage", corpus_of_25, "--format", "json", "--jobs", "1", "--no-cache")
    cov2 = cli("coverage", corpus_of_25, "--format", "json", "--jobs", "2", "--no-cache")
    assert cov1.exit_code == 0 and cov1.stdout_bytes == cov2.stdout_bytes


def test_dask_local_gives_the_same_bytes_as_a_local_run() -> None:
    pytest.importorskip("dask.distributed")
    args = "topic iran --format json " + " ".join(str(p) for p in SEEDS)
    local = shell(f"compare-claims {args} --jobs 1")
    on_dask = shell(f"compare-claims {args} --dask local", timeout=300)
    assert local.returncode == 0 and on_dask.returncode == 0, on_dask.stderr
    assert json.loads(local.stdout)["groups"]
    assert on_dask.stdout == local.stdout
    # the cluster's own logs (heartbeats to a scheduler shutting down) never reach the user
    assert "Traceback" not in on_dask.stderr and "distributed." not in on_dask.stderr, on_dask.stderr


# --- commands end to end --------------------------------------------------------------------------


def test_compare_on_three_files_takes_every_statement() -> None:
    doc = as_json(cli("compare", *SEEDS[:3], "--format", "json"))
    assert doc["topic"] == "*"
    assert [s["file"] for s in doc["sources"]] == [p.name for p in SEEDS[:3]]
    on_topic = as_json(cli("topic", "iran", *SEEDS[:3], "--format", "json"))
    n_all = sum(len(g["statements"]) for g in doc["groups"])
    assert n_all > sum(len(g["statements"]) for g in on_topic["groups"])
    shared = as_json(cli("compare", *SEEDS[:3], "--format", "json", "--shared"))
    assert shared["groups"] and all(len(g["sources"]) >= 2 for g in shared["groups"])


def test_keywords_make_an_ad_hoc_topic() -> None:
    doc = as_json(cli("topic", "--keywords", "Zarif, Pompeo", *SEEDS, "--format", "json"))
    assert doc["topic"] == "keywords" and doc["topic_label"] == "Zarif, Pompeo"
    texts = [st["text"] for g in doc["groups"] for st in g["statements"]]
    assert texts and all(("Zarif" in t or "Pompeo" in t) for t in texts[:5])
    assert len(doc["sources"]) == 5
    one_error_line(cli("topic", "--keywords", " , ", *SEEDS), "--keywords needs at least one keyword")


def test_extract_prints_the_text_the_json_offsets_refer_to() -> None:
    pages = [FIXTURES / f"{n}_shutdown.html" for n in ("fox", "nyt")]
    doc = as_json(cli("topic", "--keywords", "shutdown, wall", *pages, SEEDS[0], "--format", "json"))
    files = {s["id"]: s["file"] for s in doc["sources"]}
    where = {p.name: p for p in [*pages, SEEDS[0]]}
    texts = {sid: cli("extract", where[f]).stdout_bytes.decode("utf-8") for sid, f in files.items()}
    n = 0
    for g in doc["groups"]:
        for st in g["statements"]:
            assert texts[st["source"]][st["start"]:st["end"]] == st["text"]
            n += 1
    assert n >= 10 and {st["source"] for g in doc["groups"] for st in g["statements"]} >= {
        "Fox News", "The New York Times"}


def test_output_html_writes_a_page(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    res = cli("topic", "iran", "--output", out)
    assert res.exit_code == 0 and res.stdout == "", res.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "VOA" in page and "Sputnik" in page
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file left
    table = tmp_path / "report.txt"
    assert cli("topic", "iran", "-o", table).exit_code == 0
    assert not table.read_text(encoding="utf-8").startswith("<")
    forced = tmp_path / "forced.html"
    assert cli("topic", "iran", "-o", forced, "--format", "json").exit_code == 0
    assert json.loads(forced.read_text(encoding="utf-8"))["topic"] == "iran"
