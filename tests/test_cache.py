"""The analysis cache (``cache.py``, ``codec.py``): the same bytes without it,
with it cold and with it warm; nothing stored is trusted unseen (a changed
entry, an entry moved to another key, a foreign or open key file, a file
that is not a database, a database of another shape, a locked one): each
is one line on stderr, the run goes on uncached, the output is unchanged,
exit 0.  ``--no-cache`` writes nothing.

Texts: the seeds in data/.  No timings (see scripts/bench.py).
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from cli_runner import CliRunner

from compare_claims import codec
from compare_claims.cache import DB_NAME, KEY_NAME
from compare_claims.cli import app
from compare_claims.pipeline import Options, analyze, build_groups, skipped_of

from conftest import make_plan

DATA = Path(__file__).parents[1] / "data"
SEEDS = sorted(str(p) for p in DATA.glob("*.txt"))
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
runner = CliRunner(env=ENV)


def run(args: list[str], cache: Path | None, state: Path) -> Any:
    """The CLI in this process, with its cache in ``cache`` (None: --no-cache) and its key under ``state``."""
    more = ["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]
    return runner.invoke(app, [*args, *more], env={**ENV, "XDG_STATE_HOME": str(state)})


def key_file(state: Path) -> Path:
    return state / "compare-claims" / KEY_NAME


def entries(cache: Path) -> list[tuple[str, str, bytes, bytes]]:
    with sqlite3.connect(cache / DB_NAME) as conn:
        return conn.execute("SELECT kind, key, payload, tag FROM entries ORDER BY kind, key").fetchall()


TOPIC = ["topic", "iran", *SEEDS, "--format", "json"]


@pytest.fixture()
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "cache", tmp_path / "state"


# ------------------------------------------------------------------ same bytes


def test_codec_gives_back_every_analysis_and_group_of_the_seeds(seeds: Any, topics: Any) -> None:
    for name in ("iran", "lepage"):
        if name not in topics:
            continue
        plan = make_plan(topics[name], topics)
        analyses = [analyze(s, plan) for s in seeds]
        for a in analyses:
            plain = codec.unpack(codec.pack(codec.encode_analysis(a)))
            assert codec.decode_analysis(plain, a.source) == a
        groups = build_groups(analyses, topics[name], Options(), vocabulary=plan.vocabulary, lexicon=plan.lexicon)
        assert groups and any(m.annotation.numbers for g in groups for m in g.members)
        plain = codec.unpack(codec.pack(codec.encode_groups(groups, skipped_of(analyses))))
        assert codec.decode_groups(plain) == (groups, skipped_of(analyses))
        amounts = [sp.quantity.amount for g in groups for m in g.members for sp in m.annotation.numbers
                   if sp.quantity is not None and sp.quantity.amount is not None]
        assert amounts  # a Decimal made the round trip too


@pytest.mark.parametrize("args", [
    TOPIC,
    ["topic", "iran", *SEEDS, "--format", "table"],
    ["topic", "iran", *SEEDS, "--format", "csv", "--only-divergent"],
    ["compare", *SEEDS[:3], "--format", "json", "--shared"],
    ["quantities", "iran", *SEEDS, "--format", "csv"],
    ["coverage", *SEEDS, "--format", "json"],
    ["topic", "--keywords", "Iran, sanctions", *SEEDS, "--format", "jsonl", "--threshold", "40"],
])
def test_uncached_cold_and_warm_runs_give_the_same_bytes(args: list[str], dirs: tuple[Path, Path]) -> None:
    cache, state = dirs
    plain = run(args, None, state)
    cold = run(args, cache, state)
    warm = run(args, cache, state)
    assert plain.exit_code == cold.exit_code == warm.exit_code == 0, (cold.stderr, warm.stderr)
    assert plain.stdout_bytes == cold.stdout_bytes == warm.stdout_bytes
    assert plain.stderr == cold.stderr == warm.stderr == ""
    assert entries(cache)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=st.lists(st.sampled_from(SEEDS), min_size=1, max_size=5, unique=True),
       threshold=st.sampled_from(["25", "40"]))
def test_any_subset_and_order_of_the_seeds_gives_the_same_bytes_from_the_cache(
        chosen: list[str], threshold: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    # one cache for every example: entries of other subsets are there to be (mis)used
    base = tmp_path_factory.getbasetemp() / "subsets"
    args = ["topic", "iran", *chosen, "--format", "json", "--threshold", threshold]
    plain = run(args, None, base / "state")
    cold_or_warm = run(args, base / "cache", base / "state")
    warm = run(["topic", "iran", *reversed(chosen), "--format", "json", "--threshold", threshold],
               base / "cache", base / "state")
    assert plain.exit_code == 0
    assert plain.stdout_bytes == cold_or_warm.stdout_bytes == warm.stdout_bytes
    assert warm.stderr == plain.stderr


def test_explain_and_stdin_are_the_same_from_the_cache(dirs: tuple[Path, Path]) -> None:
    cache, state = dirs
    explain = ["topic", "iran", *SEEDS, "--format", "csv", "--explain"]
    runs = [run(explain, None, state), run(explain, cache, state), run(explain, cache, state)]
    assert all(r.exit_code == 0 for r in runs) and "explain:" in runs[0].stderr
    assert len({(r.stdout_bytes, r.stderr) for r in runs}) == 1
    text = Path(SEEDS[0]).read_bytes()
    piped = ["topic", "iran", "-", *SEEDS[1:], "--format", "json"]
    runs = [runner.invoke(app, [*piped, *more], input=text, env={**ENV, "XDG_STATE_HOME": str(state)})
            for more in (["--no-cache"], ["--cache-dir", str(cache)], ["--cache-dir", str(cache)])]
    assert all(r.exit_code == 0 for r in runs) and len({r.stdout_bytes for r in runs}) == 1


def _seed_folder(tmp_path: Path) -> Path:
    """A folder holding copies of the shipped texts, to change or add to."""
    folder = tmp_path / "texts"
    folder.mkdir()
    for s in SEEDS:
        (folder / Path(s).name).write_bytes(Path(s).read_bytes())
    return folder


def test_a_changed_source_is_analysed_again(dirs: tuple[Path, Path], tmp_path: Path) -> None:
    cache, state = dirs
    folder = _seed_folder(tmp_path)
    args = ["topic", "iran", str(folder), "--format", "json"]
    assert run(args, cache, state).exit_code == 0
    first = folder / Path(SEEDS[0]).name
    first.write_text(first.read_text(encoding="utf-8").replace("Iran", "Iraq"), encoding="utf-8")
    assert run(args, cache, state).stdout_bytes == run(args, None, state).stdout_bytes


# ------------------------------------------------------------------ nothing trusted unseen


def _one_warning(res: Any, *words: str) -> None:
    assert res.exit_code == 0, res.stderr
    lines = res.stderr.splitlines()
    assert len(lines) == 1 and all(w in lines[0] for w in words), res.stderr
    assert "Traceback" not in res.stderr


def _rewrite(cache: Path, kind: str, change: Any) -> None:
    """Change the payload of every entry of ``kind``, and give it a plain SHA-256 as its tag."""
    with sqlite3.connect(cache / DB_NAME) as conn:
        for key, payload in conn.execute("SELECT key, payload FROM entries WHERE kind = ?", (kind,)).fetchall():
            new = zlib.compress(json.dumps(change(json.loads(zlib.decompress(payload)))).encode())
            conn.execute("UPDATE entries SET payload = ?, tag = ? WHERE kind = ? AND key = ?",
                         (new, hashlib.sha256(new).digest(), kind, key))


def _other_text(value: Any) -> Any:
    """What a writer would change: the first statement's words."""
    text = json.dumps(value)
    return json.loads(text.replace("Iran", "Narnia", 3))


@pytest.mark.parametrize("kind", ["groups", "source"])
def test_a_tampered_entry_is_refused_and_the_output_is_unchanged(kind: str, dirs: tuple[Path, Path]) -> None:
    cache, state = dirs
    plain = run(TOPIC, None, state)
    assert run(TOPIC, cache, state).stdout_bytes == plain.stdout_bytes
    if kind == "source":  # the groups would be found first: take them away
        with sqlite3.connect(cache / DB_NAME) as conn:
            conn.execute("DELETE FROM entries WHERE kind = 'groups'")
    _rewrite(cache, kind, _other_text)
    tampered = run(TOPIC, cache, state)
    _one_warning(tampered, "failed verification", "recomputed")
    assert tampered.stdout_bytes == plain.stdout_bytes
    again = run(TOPIC, cache, state)  # the recomputed entries replaced them
    assert again.stdout_bytes == plain.stdout_bytes and again.stderr == ""


def test_an_entry_moved_to_another_key_is_refused(dirs: tuple[Path, Path]) -> None:
    cache, state = dirs
    args = ["topic", "iran", *SEEDS, "--format", "json"]
    plain = run(args, None, state)
    run(args, cache, state)
    with sqlite3.connect(cache / DB_NAME) as conn:
        rows = conn.execute("SELECT key, payload, tag FROM entries WHERE kind = 'source' ORDER BY key").fetchall()
        # every source's entry now holds the (well-tagged) analysis of another
        for (key, _p, _t), (_k, payload, tag) in zip(rows, rows[1:] + rows[:1]):
            conn.execute("UPDATE entries SET payload = ?, tag = ? WHERE kind = 'source' AND key = ?", (payload, tag, key))
        conn.execute("DELETE FROM entries WHERE kind = 'groups'")
    moved = run(args, cache, state)
    _one_warning(moved, "failed verification")
    assert moved.stdout_bytes == plain.stdout_bytes


def test_another_key_refuses_every_entry(dirs: tuple[Path, Path]) -> None:
    cache, state = dirs
    plain = run(TOPIC, cache, state)
    key_file(state).write_bytes(os.urandom(32))
    other = run(TOPIC, cache, state)
    _one_warning(other, "failed verification")
    assert other.stdout_bytes == plain.stdout_bytes


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o622])
def test_a_key_file_others_may_read_or_write_is_refused(mode: int, dirs: tuple[Path, Path]) -> None:
    cache, state = dirs
    plain = run(TOPIC, None, state)
    run(TOPIC, cache, state)
    before = entries(cache)
    os.chmod(key_file(state), mode)
    res = run(TOPIC, cache, state)
    _one_warning(res, "cache not used", str(key_file(state)), "others")
    assert res.stdout_bytes == plain.stdout_bytes
    assert entries(cache) == before  # nothing written


def test_a_key_file_of_another_user_is_refused(dirs: tuple[Path, Path]) -> None:
    if os.geteuid() != 0:
        pytest.skip("giving a file to another user needs root")
    cache, state = dirs
    run(TOPIC, cache, state)
    os.chown(key_file(state), 65534, 65534)
    res = run(TOPIC, cache, state)
    _one_warning(res, "cache not used", "not owned by you")
    assert res.stdout_bytes == run(TOPIC, None, state).stdout_bytes


def test_a_key_file_that_is_a_link_or_not_a_key_is_refused(dirs: tuple[Path, Path], tmp_path: Path) -> None:
    cache, state = dirs
    plain = run(TOPIC, None, state)
    key_file(state).parent.mkdir(parents=True)
    target = tmp_path / "elsewhere"
    target.write_bytes(os.urandom(32))
    os.chmod(target, 0o600)
    key_file(state).symlink_to(target)
    res = run(TOPIC, cache, state)
    _one_warning(res, "cache not used", "key file")
    assert res.stdout_bytes == plain.stdout_bytes
    key_file(state).unlink()
    key_file(state).write_bytes(b"short")
    os.chmod(key_file(state), 0o600)
    res = run(TOPIC, cache, state)
    _one_warning(res, "cache not used", "not a key")
    assert res.stdout_bytes == plain.stdout_bytes


def test_a_key_kept_inside_the_cache_directory_is_refused(tmp_path: Path) -> None:
    res = run(TOPIC, tmp_path, tmp_path / "state")
    _one_warning(res, "cache not used", "inside the cache directory")
    assert res.stdout_bytes == run(TOPIC, None, tmp_path / "elsewhere").stdout_bytes
    assert not (tmp_path / DB_NAME).exists()


@pytest.mark.parametrize("content", [b"this is not a database" * 100, b"SQLite format 3\x00" + os.urandom(4000)])
def test_a_file_that_is_not_a_database_is_one_warning(content: bytes, dirs: tuple[Path, Path]) -> None:
    cache, state = dirs
    cache.mkdir()
    (cache / DB_NAME).write_bytes(content)
    res = run(TOPIC, cache, state)
    _one_warning(res, "cache not used", DB_NAME)
    assert res.stdout_bytes == run(TOPIC, None, state).stdout_bytes
    assert (cache / DB_NAME).read_bytes() == content  # left for the user to look at


def test_a_database_of_another_shape_is_not_used(dirs: tuple[Path, Path]) -> None:
    cache, state = dirs
    run(TOPIC, cache, state)
    with sqlite3.connect(cache / DB_NAME) as conn:
        conn.execute("CREATE TRIGGER t AFTER INSERT ON entries BEGIN DELETE FROM entries; END")
    res = run(TOPIC, cache, state)
    _one_warning(res, "cache not used", "not this version's cache")
    assert res.stdout_bytes == run(TOPIC, None, state).stdout_bytes


def test_a_locked_database_is_one_warning(dirs: tuple[Path, Path]) -> None:
    cache, state = dirs
    plain = run(TOPIC, cache, state)
    conn = sqlite3.connect(cache / DB_NAME, isolation_level=None)
    try:
        conn.execute("BEGIN EXCLUSIVE")
        res = run(TOPIC, cache, state)
    finally:
        conn.close()
    _one_warning(res, "cache not used", "locked")
    assert res.stdout_bytes == plain.stdout_bytes


def test_quiet_says_nothing_about_the_cache(dirs: tuple[Path, Path]) -> None:
    cache, state = dirs
    run(TOPIC, cache, state)
    os.chmod(key_file(state), 0o644)
    res = run([*TOPIC, "--quiet"], cache, state)
    assert res.exit_code == 0 and res.stderr == ""


# ------------------------------------------------------------------ where, and not at all


def test_no_cache_writes_nothing(dirs: tuple[Path, Path]) -> None:
    cache, state = dirs
    for args in (TOPIC, ["coverage", *SEEDS], ["quantities", "iran", *SEEDS]):
        assert run(args, None, state).exit_code == 0
    assert not cache.exists() and not state.exists()


def test_the_environment_can_turn_the_cache_off(dirs: tuple[Path, Path]) -> None:
    cache, state = dirs
    env = {**ENV, "XDG_STATE_HOME": str(state), "COMPARE_CLAIMS_NO_CACHE": "1"}
    res = runner.invoke(app, [*TOPIC, "--cache-dir", str(cache)], env=env)
    assert res.exit_code == 0 and not cache.exists() and not state.exists()
    res = runner.invoke(app, [*TOPIC, "--cache-dir", str(cache)], env={**env, "COMPARE_CLAIMS_NO_CACHE": "0"})
    assert res.exit_code == 0 and (cache / DB_NAME).is_file()


def test_the_cache_directory_comes_from_the_option_the_environment_or_xdg(tmp_path: Path) -> None:
    state = str(tmp_path / "state")
    res = runner.invoke(app, TOPIC, env={**ENV, "XDG_STATE_HOME": state, "COMPARE_CLAIMS_CACHE_DIR": str(tmp_path / "env"),
                                         "XDG_CACHE_HOME": str(tmp_path / "xdg")})
    assert res.exit_code == 0 and (tmp_path / "env" / DB_NAME).is_file() and not (tmp_path / "xdg").exists()
    res = runner.invoke(app, [*TOPIC, "--cache-dir", str(tmp_path / "opt")],
                        env={**ENV, "XDG_STATE_HOME": state, "COMPARE_CLAIMS_CACHE_DIR": str(tmp_path / "env")})
    assert res.exit_code == 0 and (tmp_path / "opt" / DB_NAME).is_file()
    res = runner.invoke(app, TOPIC, env={**ENV, "XDG_STATE_HOME": state, "COMPARE_CLAIMS_CACHE_DIR": "",
                                         "XDG_CACHE_HOME": str(tmp_path / "xdg")})
    assert res.exit_code == 0 and (tmp_path / "xdg" / "compare-claims" / DB_NAME).is_file()
    assert (tmp_path / "state" / "compare-claims" / KEY_NAME).stat().st_mode & 0o777 == 0o600


def test_a_text_that_cannot_name_the_topic_is_not_stored(dirs: tuple[Path, Path], tmp_path: Path) -> None:
    cache, state = dirs
    folder = _seed_folder(tmp_path)
    (folder / "weather.txt").write_text("Rain is expected in the north on Tuesday.\n\nThe wind will drop.\n", encoding="utf-8")
    args = ["topic", "iran", str(folder), "--format", "json"]
    first = run(args, cache, state)
    assert first.exit_code == 0
    # found again faster than read back: no entry for it, and the same bytes from the cache
    assert sum(kind == "source" for kind, *_rest in entries(cache)) == len(SEEDS)
    assert run(args, cache, state).stdout_bytes == first.stdout_bytes == run(args, None, state).stdout_bytes
