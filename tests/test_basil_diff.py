"""scripts/basil_diff.py: what differs between two installs' runs over BASIL.

The diff on made-up runs (rows, roles, flags and speakers that change), then
the real script on two triplets with this checkout's binary on both sides:
nothing differs.  The real run skips when ../shared is absent.
"""
from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "basil_diff.py"
BASIL = ROOT.parent / "shared" / "corpora" / "basil"


def _module() -> ModuleType:
    sys.path.insert(0, str(SCRIPT.parent))
    spec = importlib.util.spec_from_file_location("basil_diff", SCRIPT)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def st(source: str, start: int, role: str = "claim", speaker: str = "", text: str = "words") -> dict[str, Any]:
    return {"source": source, "start": start, "role": role, "speaker": speaker, "text": text}


def run(*groups: list[dict[str, Any]], flags: tuple[list[str], ...] = ()) -> dict[str, Any]:
    return {"groups": [{"relation": "same", "score": 40.0, "statements": g,
                        "evidence": [{"flag": f} for f in (flags[k] if k < len(flags) else [])]}
                       for k, g in enumerate(groups)]}


def test_a_row_a_role_a_flag_and_a_speaker_that_change_are_each_said() -> None:
    d = _module()
    old = run([st("fox", 0), st("nyt", 5)], [st("fox", 50), st("hpo", 9, speaker="Lee")], [st("nyt", 70)])
    new = run([st("fox", 0), st("nyt", 5, role="related")], [st("fox", 50), st("hpo", 9, speaker="Ann Lee")],
              [st("nyt", 70), st("hpo", 80)], flags=([], ["quote"]))
    lines = d.diff(old, new)
    assert any(line.startswith(" + ") for line in lines)  # the row of nyt 70 and hpo 80
    assert not any(line.startswith(" - ") for line in lines)  # nyt 70 alone was no multi-source row
    assert sum(line.startswith(" ~ ") for line in lines) == 2  # a role, then a flag
    assert any("-> related" in line for line in lines) and any("['quote']" in line for line in lines)
    assert [line for line in lines if line.startswith(" speaker")] == [
        " speaker hpo 9: 'Lee' -> 'Ann Lee' | words"]
    assert d.diff(old, old) == []


@pytest.mark.skipif(not BASIL.is_dir(), reason="../shared/corpora/basil is absent")
def test_one_install_against_itself_changes_nothing(tmp_path: Path) -> None:
    exe = shutil.which("compare-claims", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("no compare-claims beside this Python")
    proc = subprocess.run([sys.executable, str(SCRIPT), exe, exe, "--only", "87609973,2153fb3e",
                           "--out", str(tmp_path)], capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "triplets changed: 0 of 2"
    assert len(list((tmp_path / "new").glob("*.json"))) == 2
