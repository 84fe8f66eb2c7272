"""The JSON twins of the shipped TOML files (config.DERIVED): current, the
same parse as TOML, and never used for a text they were not parsed from."""
from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

from compare_claims import config
from compare_claims.config import derived_twin, read_text, read_toml, twin_path

DATA = Path(__file__).parents[1] / "data"
SHIPPED = sorted(p.name for p in DATA.glob("*.toml"))


def _typed(x: Any) -> Any:
    """``x`` with each scalar's type beside it: 1 and 1.0 and True differ."""
    if isinstance(x, dict):
        return {k: _typed(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_typed(v) for v in x]
    return (type(x).__name__, x)


def test_every_shipped_toml_file_has_a_twin() -> None:
    assert SHIPPED and all(twin_path(name).is_file() for name in SHIPPED)


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_twin_is_current(name: str) -> None:
    """Fails after an edit of data/NAME.toml: run scripts/derive_data.py."""
    assert twin_path(name).read_text(encoding="utf-8") == derived_twin(read_text(DATA / name, name)), (
        f"data/derived/{name}.json is stale: run scripts/derive_data.py")


@pytest.mark.parametrize("name", SHIPPED)
def test_read_toml_gives_what_tomllib_gives(name: str) -> None:
    got = read_toml(DATA / name, name)
    want = tomllib.loads(read_text(DATA / name, name))
    assert _typed(got) == _typed(want)
    assert list(got) == list(want)  # tables in the file's order


def test_a_twin_stands_only_for_the_text_it_was_parsed_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a copy of data/ whose cues.toml is edited after its twin was written
    data = tmp_path / "data"
    shutil.copytree(DATA / config.DERIVED, data / config.DERIVED)
    monkeypatch.setattr(config, "data_dir", lambda: data)
    text = read_text(DATA / "cues.toml", "cues")
    edited = text.replace("[hedges", "[extra]\nwords = ['x']\n\n[hedges", 1)
    assert edited != text
    (data / "cues.toml").write_text(edited, encoding="utf-8")
    assert read_toml(data / "cues.toml", "cues") == tomllib.loads(edited)
    # a user's file of another text, under a shipped file's name, is read as itself
    (tmp_path / "topics.toml").write_text("[topics.x]\nlabel = 'X'\nkeywords = ['x']\n", encoding="utf-8")
    assert read_toml(tmp_path / "topics.toml", "topics") == {"topics": {"x": {"label": "X", "keywords": ["x"]}}}
    # and the very text is read from the twin (its document, not a parse of the text)
    twin = data / config.DERIVED / "cues.toml.json"
    twin.write_text(twin.read_text(encoding="utf-8").replace('"doc": {', '"doc": {"from_twin": 1,', 1),
                    encoding="utf-8")
    (data / "cues.toml").write_text(text, encoding="utf-8")
    assert read_toml(data / "cues.toml", "cues")["from_twin"] == 1


def test_a_broken_twin_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    (data / config.DERIVED).mkdir(parents=True)
    monkeypatch.setattr(config, "data_dir", lambda: data)
    text = read_text(DATA / "topics.toml", "topics")
    (data / "topics.toml").write_text(text, encoding="utf-8")
    for broken in ("{", "[]", '{"toml": "0:00000000", "doc": {}}', '{"toml": "%s", "doc": []}' % config.text_key(text)):
        (data / config.DERIVED / "topics.toml.json").write_text(broken, encoding="utf-8")
        assert read_toml(data / "topics.toml", "topics") == tomllib.loads(text)


def test_a_value_without_a_json_form_has_no_twin() -> None:
    with pytest.raises(ValueError):
        derived_twin("when = 2024-01-01\n")
