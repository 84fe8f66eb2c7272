"""Topic definitions and keyword matching (topics.py)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from compare_claims.errors import ExitStatus, TopicsFileError, UnknownTopicError
from compare_claims.models import Source
from compare_claims.config import load_topics
from compare_claims.pipeline import Options
from compare_claims.topics import Matcher, Topic, get_topic, tokenize
from conftest import run_topic

DATA = Path(__file__).parents[1] / "data"
BUILT_IN = ("venezuela", "iran", "new-start", "syria")


@pytest.fixture(scope="module")
def topics() -> dict[str, Topic]:
    return load_topics()


def names(topics: dict[str, Topic], text: str) -> set[str]:
    tok = tokenize(text)
    return {n for n, t in topics.items() if Matcher.build(t.keywords).matches(tok)}


def matches(keywords: list[str], text: str) -> bool:
    return Matcher.build(tuple(keywords)).matches(tokenize(text))


def write(tmp_path: Path, text: str, name: str = "my_topics.toml") -> Path:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return f


# --- built-in topics -------------------------------------------------------------------------------


def test_built_in_topics_load(topics: dict[str, Topic]) -> None:
    assert set(BUILT_IN) <= set(topics)
    for name in BUILT_IN:
        t = topics[name]
        assert t.name == name and t.label and t.keywords
        assert t.origin == "built-in topics"
    assert topics["iran"].label.startswith("Iran")


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Lavrov discussed Iran with Pompeo.", "iran"),
        ("IRAN WARNS THE US", "iran"),
        ("iran was mentioned in passing", "iran"),
        ("Iran's nuclear programme", "iran"),
        ("Iran\u2019s nuclear programme", "iran"),
        ("We clearly state to the Iranians", "iran"),
        ("the Iranian regime", "iran"),
        ("the Islamic Republic of Iran", "iran"),
        ("the Islamic\u00a0Republic", "iran"),
        ("the withdrawal from the JCPOA", "iran"),
        ("the situation in Syria", "syria"),
        ("Syria's sovereignty", "syria"),
        ("the Syrians who returned", "syria"),
        ("UN Security Council Resolution 2254", "syria"),
        ("the people of Venezuela", "venezuela"),
        ("support for Maduro", "venezuela"),
        ("extending New START", "new-start"),
        ("the START-3 Treaty", "new-start"),
        ("the Strategic Arms Reduction Treaty", "new-start"),
        ("serious arms control", "new-start"),
        ("Arms Controls were discussed", "new-start"),
    ],
)
def test_keywords_match_case_insensitively_with_inflections(topics: dict[str, Topic], text: str, topic: str) -> None:
    assert topic in names(topics, text)


@pytest.mark.parametrize(
    "text",
    ["Irani cuisine", "a flight to Tirana", "the Iranistan region", "Syriac manuscripts", "the Assadists",
     "a restart of talks", "the armistice control"],
)
def test_keywords_match_whole_words_only(topics: dict[str, Topic], text: str) -> None:
    assert names(topics, text) == set()


def test_inflections_match_on_stems() -> None:
    assert matches(["sanction"], "new sanctions against Tehran")
    assert matches(["sanctions"], "Washington sanctioned the bank")
    assert matches(["sanction"], "Sanctioning is not the answer")
    assert not matches(["sanction"], "sanctimonious remarks")


def test_phrases_match_as_whole_phrases() -> None:
    kw = ["Montevideo mechanism"]
    assert matches(kw, "the Montevideo mechanism")
    assert matches(kw, "the MONTEVIDEO Mechanisms")
    assert not matches(kw, "in Montevideo, a new mechanism")
    assert not matches(kw, "the mechanism of Montevideo")
    assert not matches(kw, "Montevideo")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("extending New START", True),
        ("the NEW START treaty", True),
        ("a new start for relations", False),
        ("A New Start for relations", False),
        ("they hope for a new START", True),
        ("the START-3 Treaty", True),
        ("the start-3 treaty", False),
    ],
)
def test_all_caps_keyword_tokens_must_be_capitals_in_the_text(
    topics: dict[str, Topic], text: str, expected: bool
) -> None:
    assert ("new-start" in names(topics, text)) is expected


def test_acronym_keyword_in_user_topic() -> None:
    assert matches(["JCPOA"], "the JCPOA deal")
    assert not matches(["JCPOA"], "the jcpoa deal")
    assert matches(["jcpoa"], "the JCPOA deal")  # lower-case keyword: any case


@pytest.mark.parametrize(("text", "topic"), [("the JCPOA's future", "iran"), ("New START's extension", "new-start")])
def test_acronym_possessive_matches(topics: dict[str, Topic], text: str, topic: str) -> None:
    assert topic in names(topics, text)


@pytest.mark.parametrize(
    ("text", "topic"),
    [("Iran-backed militias", "iran"), ("pro-Syrian forces", "syria"), ("Russia-Venezuela ties", "venezuela")],
)
def test_keyword_matches_inside_hyphenated_compound(topics: dict[str, Topic], text: str, topic: str) -> None:
    assert topic in names(topics, text)


# --- unknown topic -----------------------------------------------------------------------------------


def test_topic_names_are_case_and_space_insensitive(topics: dict[str, Topic]) -> None:
    assert get_topic(topics, " IRAN ").name == "iran"
    assert get_topic(topics, "New-Start").name == "new-start"


@pytest.mark.parametrize(("typo", "nearest"), [("irn", "iran"), ("syra", "syria"), ("venezuala", "venezuela"),
                                                ("newstart", "new-start")])
def test_unknown_topic_lists_known_topics_and_suggests_nearest(
    topics: dict[str, Topic], typo: str, nearest: str
) -> None:
    with pytest.raises(UnknownTopicError) as exc:
        get_topic(topics, typo)
    msg = str(exc.value)
    assert "\n" not in msg
    assert typo in msg
    for name in BUILT_IN:
        assert name in msg
    assert f"did you mean '{nearest}'" in msg
    assert exc.value.exit_status == ExitStatus.USAGE


# --- --topics-file ---------------------------------------------------------------------------------


KOREA = """
[topics.korea]
label = "Korean Peninsula"
keywords = ["North Korea", "Korean Peninsula", "Pyongyang", "DPRK", "Northeast Asia"]
"""


def test_topics_file_adds_and_overrides(tmp_path: Path) -> None:
    f = write(tmp_path, KOREA + '\n[topics.Iran]\nlabel = "Only Tehran"\nkeywords = ["Tehran"]\n')
    topics = load_topics(f)
    assert set(BUILT_IN) | {"korea"} <= set(topics)
    assert topics["korea"].label == "Korean Peninsula"
    assert topics["korea"].origin == str(f)
    assert topics["iran"].label == "Only Tehran"
    assert topics["iran"].keywords == ("Tehran",)
    assert topics["syria"].origin == "built-in topics"
    assert "iran" not in names(topics, "Iran was discussed")
    assert "iran" in names(topics, "Tehran was discussed")


@pytest.mark.parametrize(
    "content",
    [
        "[topics.korea]\naliases = ['Pyongyang', 'DPRK']\n",  # aliases instead of keywords
        "[topics.korea]\nkeywords = 'Pyongyang'\naliases = ['DPRK']\n",  # one string, plus aliases
        "[korea]\nkeywords = ['Pyongyang', 'DPRK']\n",  # top-level tables, no [topics]
    ],
    ids=["aliases", "string-and-aliases", "top-level"],
)
def test_topics_file_variants_that_are_read(tmp_path: Path, content: str) -> None:
    f = tmp_path / "t.toml"
    f.write_text(content)
    topic = load_topics(f)["korea"]
    assert set(topic.keywords) == {"Pyongyang", "DPRK"}
    assert Matcher.build(topic.keywords).matches(tokenize("Pyongyang said so."))


def test_topics_file_with_bom_is_accepted(tmp_path: Path) -> None:
    f = tmp_path / "bom.toml"
    f.write_bytes(b"\xef\xbb\xbf" + KOREA.encode())
    assert "korea" in load_topics(f)


@pytest.mark.parametrize(
    "content",
    [
        "[topics.korea\nkeywords = ['x']\n",  # malformed TOML
        "title = 'no topic tables here'\n",  # no [topics], no table with keywords
        "topics = 'korea'\n",  # [topics] not a table
        "[topics]\n",  # empty [topics]
        "[topics.korea]\nlabel = 'K'\n",  # no keywords
        "[topics.korea]\nkeywords = []\n",  # empty keywords
        "[topics.korea]\nkeywords = ['']\n",  # blank keyword
        "[topics.korea]\nkeywords = ['  ']\n",  # blank keyword
        "[topics.korea]\nkeywords = [1, 2]\n",  # not strings
        "[topics]\nkorea = 'Pyongyang'\n",  # topic not a table
        "[topics.korea]\nkeywords = ['DPRK']\nlabel = 3\n",  # label not a string
        "[topics.korea]\nkeywords = ['DPRK']\nlabels = { loaded = 'regime' }\n",  # labels not lists
    ],
)
def test_malformed_topics_file_is_a_topics_file_error(tmp_path: Path, content: str) -> None:
    f = write(tmp_path, content)
    with pytest.raises(TopicsFileError) as exc:
        load_topics(f)
    msg = str(exc.value)
    assert "\n" not in msg and "my_topics.toml" in msg
    assert exc.value.exit_status == ExitStatus.USAGE


def test_missing_or_non_utf8_topics_file_is_a_topics_file_error(tmp_path: Path) -> None:
    with pytest.raises(TopicsFileError) as exc:
        load_topics(tmp_path / "absent.toml")
    assert "absent.toml" in str(exc.value)
    f = tmp_path / "latin.toml"
    f.write_bytes(b"[topics.x]\nkeywords = ['caf\xe9']\n")
    with pytest.raises(TopicsFileError) as exc:
        load_topics(f)
    assert "latin.toml" in str(exc.value)


# --- a topic given only by a user file, end to end -------------------------------------------------


def test_user_only_topic_works_through_the_pipeline(tmp_path: Path, seeds: tuple[Source, ...]) -> None:
    topics = load_topics(write(tmp_path, KOREA))
    topic = get_topic(topics, "korea")
    result = run_topic(seeds, topic, topics, Options())
    assert result.topic == "korea" and result.topic_label == "Korean Peninsula"
    members = [m for g in result.groups for m in g.members]
    by_source = {m.statement.source for m in members}
    assert {"Sputnik", "MID"} <= by_source
    texts = [m.statement.text for m in members]
    assert any("Pyongyang" in t for t in texts)
    # Sputnik and the MID transcript report the same claim: Russia supports a Washington-Pyongyang dialogue
    cross = [g for g in result.groups if {"Sputnik", "MID"} <= set(g.sources)]
    assert cross, [(g.sources, [m.statement.text[:60] for m in g.members]) for g in result.groups]


def test_user_only_topic_works_from_the_command_line(tmp_path: Path) -> None:
    f = write(tmp_path, KOREA)
    proc = subprocess.run(
        [sys.executable, "-m", "compare_claims", "topic", "korea", "--topics-file", str(f), "--format", "json",
         "--sources", str(DATA)],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["topic"] == "korea"
    assert doc["groups"]
    assert any("Pyongyang" in s["text"] for g in doc["groups"] for s in g["statements"])


def test_unknown_topic_from_the_command_line_is_one_line_and_exit_2(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "compare_claims", "topic", "irn", "--sources", str(DATA)],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "did you mean 'iran'" in lines[0]
    assert proc.stdout == ""
