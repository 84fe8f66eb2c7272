"""Shell completion: the script `--completion bash` prints, loaded in a real
bash, completes commands, options, option values and topic names."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_runner import CliRunner

from compare_claims.cli import app
from compare_claims.config import load_topics

runner = CliRunner()
BIN = Path(sys.executable).parent  # where the install put the compare-claims script


def bash_complete(*words: str) -> list[str]:
    """What bash offers for the last of ``words`` (typed after compare-claims)."""
    script = runner.invoke(app, ["--completion", "bash"])
    assert script.exit_code == 0, script.stderr
    line = ["compare-claims", *words]
    program = (script.stdout + f"COMP_WORDS=({' '.join(repr(w) for w in line)}); COMP_CWORD={len(line) - 1}\n"
               "_compare_claims; printf '%s\\n' \"${COMPREPLY[@]}\"\n")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(["bash", "--norc", "-c", program], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    return [w for w in done.stdout.splitlines() if w]


pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="no bash here")


def test_commands_and_their_options_complete() -> None:
    assert bash_complete("co") == ["compare", "coverage"]
    assert set(bash_complete("topic", "iran", "--th")) == {"--threshold"}
    assert "--explain" in bash_complete("topic", "--") and "--explain" not in bash_complete("compare", "--")


def test_option_values_complete() -> None:
    assert bash_complete("topic", "iran", "--format", "js") == ["json", "jsonl"]
    assert bash_complete("compare", "a.txt", "--color", "") == ["auto", "always", "never"]


@pytest.mark.skipif(not (BIN / "compare-claims").exists(), reason="compare-claims is not installed beside this Python")
def test_topic_names_complete_from_the_program() -> None:
    topics = sorted(load_topics())
    assert bash_complete("topic", "") == topics
    assert bash_complete("quantities", topics[0][:2]) == [t for t in topics if t.startswith(topics[0][:2])]


def test_completion_topics_lists_the_builtin_topics_one_a_line() -> None:
    res = runner.invoke(app, ["--completion", "topics"])
    assert res.exit_code == 0 and res.stdout.splitlines() == sorted(load_topics())


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_every_shell_gets_the_commands_and_options(shell: str) -> None:
    res = runner.invoke(app, ["--completion", shell])
    assert res.exit_code == 0, res.stderr
    for word in ("topic", "compare", "extract", "threshold", "no-cache", "json"):
        assert word in res.stdout, word
