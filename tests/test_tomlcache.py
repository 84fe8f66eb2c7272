"""Parsed TOML kept in the cache directory: same result as tomllib, never stale."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from compare_claims.tomlcache import parse_toml


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COMPARE_CLAIMS_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_a_cached_parse_equals_tomllib_and_follows_the_content(cache: Path) -> None:
    text = (Path(__file__).parents[1] / "data" / "topics.toml").read_text(encoding="utf-8")
    first = parse_toml(text)
    assert list(cache.glob("toml-*.marshal"))  # kept
    assert parse_toml(text) == first == tomllib.loads(text)
    edited = text.replace('label = "Syria"', 'label = "Syrian war"')
    assert parse_toml(edited)["topics"]["syria"]["label"] == "Syrian war"


def test_malformed_toml_still_raises(cache: Path) -> None:
    with pytest.raises(ValueError):
        parse_toml("[topics.x\nkeywords = [")
    with pytest.raises(ValueError):  # and again: errors are never cached
        parse_toml("[topics.x\nkeywords = [")


def test_values_marshal_cannot_hold_are_parsed_every_time(cache: Path) -> None:
    text = "[topics.x]\nkeywords = ['a']\nadded = 2019-05-14\n"
    assert parse_toml(text) == tomllib.loads(text)
    assert parse_toml(text) == tomllib.loads(text)
