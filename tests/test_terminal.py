"""What only a terminal sees: the pager and the progress bar, driven through a
pseudo-terminal; and that --no-cache stores nothing between runs."""
from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXE = str(Path(sys.executable).parent / "compare-claims")
FIXTURE = ROOT / "tests" / "fixtures" / "formats"


def in_a_terminal(args: list[str], env: dict[str, str], *, stderr_tty: bool = False) -> tuple[int, bytes, bytes]:
    """Run the CLI with stdout (and stderr if asked) on a pseudo-terminal."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([EXE, *args], stdout=slave, stderr=slave if stderr_tty else subprocess.PIPE,
                            stdin=subprocess.DEVNULL, env={**os.environ, **env}, close_fds=True)
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    code = proc.wait(timeout=60)
    err = proc.stderr.read() if proc.stderr else b""
    os.close(master)
    return code, seen, err


NEEDS_TEE = pytest.mark.skipif(shutil.which("tee") is None, reason="the pager tests page through tee")


@NEEDS_TEE
def test_a_table_taller_than_the_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    env = {"PAGER": f"tee {paged}", "COLUMNS": "100", "LINES": "10", "TERM": "xterm"}
    code, _seen, _err = in_a_terminal(["topic", "--keywords", "bridge, Ruiz", str(FIXTURE)], env)
    assert code == 0
    assert "Ana Ruiz" in paged.read_text(encoding="utf-8")


@NEEDS_TEE
def test_no_pager_writes_straight_to_the_terminal(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    env = {"PAGER": f"tee {paged}", "COLUMNS": "100", "LINES": "10", "TERM": "xterm"}
    code, seen, _err = in_a_terminal(["topic", "--keywords", "bridge, Ruiz", str(FIXTURE), "--no-pager"], env)
    assert code == 0
    assert not paged.exists()
    assert b"Ana Ruiz" in seen
    assert b"\x1b[" in seen  # a terminal gets colour


def test_many_sources_show_a_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (FIXTURE / "north.txt").read_text(encoding="utf-8")
    for i in range(60):
        (corpus / f"{i:02d}.txt").write_text(text.replace("Monday", f"day {i}"), encoding="utf-8")
    env = {"COLUMNS": "100", "TERM": "xterm"}
    args = ["topic", "--keywords", "bridge", str(corpus), "--format", "json", "--jobs", "1"]
    code, seen, _ = in_a_terminal(args, env, stderr_tty=True)
    assert code == 0
    assert b"reading sources" in seen
    piped = subprocess.run([EXE, *args], capture_output=True, env={**os.environ, **env})
    assert piped.returncode == 0 and b"reading sources" not in piped.stderr


def test_no_cache_stores_nothing_between_runs(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "COMPARE_CLAIMS_"))}
    env.update(HOME=str(home), NO_COLOR="1")
    for _ in range(2):
        proc = subprocess.run([EXE, "topic", "iran", "--format", "json", "--no-cache"], capture_output=True, env=env)
        assert proc.returncode == 0 and proc.stderr == b""
    assert list(home.rglob("*")) == []
    # without it: the cache under ~/.cache, its key under ~/.local/state (0600), and nothing else
    proc = subprocess.run([EXE, "topic", "iran", "--format", "json"], capture_output=True, env=env)
    assert proc.returncode == 0 and proc.stderr == b""
    files = sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file())
    assert files == [".cache/compare-claims/analysis-v1.sqlite3", ".local/state/compare-claims/cache.key"]
    assert (home / ".local/state/compare-claims/cache.key").stat().st_mode & 0o777 == 0o600


def test_no_module_can_load_pickle_or_marshal_data() -> None:
    for path in (ROOT / "src" / "compare_claims").glob("*.py"):
        body = path.read_text(encoding="utf-8")
        for bad in ("import pickle", "import marshal", "pickle.load", "marshal.load", "shelve"):
            assert bad not in body, (path.name, bad)
