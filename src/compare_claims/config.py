"""The input edge for configuration: topics, cue lists and source metadata,
read from TOML files and turned into the core's typed values.

Every file is checked before it is parsed: a regular file (a FIFO would hang),
at most ``MAX_CONFIG_BYTES``, UTF-8; every parse error, however deep the
nesting or long the number, becomes one line (``ConfigError``).
"""
from __future__ import annotations

import codecs
import json
import os
import stat
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ConfigError
from .paths import data_dir

if TYPE_CHECKING:
    from .lexicon import Lexicon
    from .segment import SegmentCues
    from .textnorm import Vocabulary
    from .topics import Topic

MAX_CONFIG_BYTES = 10_000_000


def read_text(path: Path, what: str) -> str:
    """The text of a small UTF-8 file; ``ConfigError`` when it is not one."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # O_NONBLOCK: a FIFO is refused, not waited on
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read {what} ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ConfigError(f"{path}: {what} is not a regular file")
        if st.st_size > MAX_CONFIG_BYTES:
            raise ConfigError(f"{path}: {what} is larger than {MAX_CONFIG_BYTES // 1_000_000} MB")
        try:
            data = fh.read()
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read {what} ({exc.strerror})") from None
    try:
        # data.decode("utf-8-sig") (a BOM dropped, then UTF-8), without importing
        # that codec's module: the error's byte is counted after the BOM either way
        return (data[3:] if data.startswith(codecs.BOM_UTF8) else data).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: {what} is not UTF-8 (byte {exc.start})") from None


def parse_toml(text: str, origin: str) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(text)
    except RecursionError:
        raise ConfigError(f"{origin}: malformed TOML: nested too deeply") from None
    except ValueError as exc:  # TOMLDecodeError, and int() refusing a number too long
        raise ConfigError(f"{origin}: malformed TOML: {exc}") from None


# A shipped TOML file is also kept parsed, as JSON, in data/derived/ (its twin,
# written by scripts/derive_data.py): json.loads is ~25x faster than tomllib
# (cues.toml: 3.5 -> 0.14 ms) and tomllib is then not imported (~3 ms).  A twin
# names the text it was parsed from by its length and CRC-32, and stands for
# that text only: an edited file is parsed as TOML until its twin is written
# again (the tests check that the twins shipped are current).
DERIVED = "derived"


def text_key(text: str) -> str:
    """What a twin is keyed by: the text's UTF-8 length and CRC-32 (zlib is
    loaded already; hashlib's import costs ~4 ms, and the threat is an edit,
    not an adversary who can write the twin too)."""
    data = text.encode("utf-8")
    return f"{len(data)}:{zlib.crc32(data):08x}"


def derived_twin(text: str) -> str:
    """The JSON twin of a TOML text (``ValueError`` when its values have no
    JSON form, or TOML does not parse it)."""
    import tomllib

    doc = tomllib.loads(text)
    try:
        back = json.loads(json.dumps(doc))
    except TypeError:  # a date or time: JSON has none
        raise ValueError("a value has no JSON form") from None
    if back != doc:
        raise ValueError("the JSON form differs from the TOML")
    return json.dumps({"toml": text_key(text), "doc": doc}, ensure_ascii=False, indent=1) + "\n"


def twin_path(name: str) -> Path:
    return data_dir() / DERIVED / f"{name}.json"


def _from_twin(twin: Path, text: str) -> dict[str, Any] | None:
    """The twin's document when it was parsed from ``text``, else None."""
    try:
        with open(twin, "rb") as fh:
            got = json.loads(fh.read())
    except (OSError, ValueError):
        return None
    if not isinstance(got, dict) or got.get("toml") != text_key(text) or not isinstance(got.get("doc"), dict):
        return None
    doc: dict[str, Any] = got["doc"]
    return doc


def read_toml(path: Path, what: str) -> dict[str, Any]:
    text = read_text(path, what)
    # any file whose text is a shipped file's has its twin's parse (the key is the text)
    doc = _from_twin(twin_path(path.name), text)
    return doc if doc is not None else parse_toml(text, str(path))


def load_topics(topics_file: Path | None = None) -> dict[str, Topic]:
    """Built-in topics, then the user's file on top (same name overrides)."""
    from .topics import parse_topics

    topics = parse_topics(read_toml(data_dir() / "topics.toml", "built-in topics"), "built-in topics")
    if topics_file is not None:
        topics.update(parse_topics(read_toml(topics_file, "topics file"), str(topics_file)))
    return topics


def load_lexicon(topic: Topic | None = None) -> Lexicon:
    """The cue lists and label lexicon, with the topic's own labels first."""
    from .lexicon import compile_lexicon

    return compile_lexicon(read_toml(data_dir() / "cues.toml", "cue list"),
                           read_toml(data_dir() / "labels.toml", "label lexicon"),
                           topic.labels if topic is not None else ())


def _rows(path: Path, what: str) -> list[list[str]]:
    """Whitespace-separated words, one row a line; "#" starts a comment."""
    rows = []
    for line in read_text(path, what).splitlines():
        words = line.split("#", 1)[0].split()
        if words:
            rows.append([w.lower() for w in words])
    return rows


def load_vocabulary() -> Vocabulary:
    """Irregular forms and news synonyms the aligner folds together."""
    from .textnorm import Vocabulary

    lemmas = {}
    for row in _rows(data_dir() / "lemmas.tsv", "lemma table"):
        if len(row) != 2:
            raise ConfigError(f"lemmas.tsv: a line must be FORM LEMMA, not {' '.join(row)!r}")
        lemmas[row[0]] = row[1]
    return Vocabulary.build(lemmas, _rows(data_dir() / "synonyms.tsv", "synonym table"))


def load_segment_cues() -> SegmentCues:
    from .segment import compile_segment_cues

    return compile_segment_cues(read_toml(data_dir() / "segment.toml", "segmenter cue list"))


def read_metadata(directory: Path) -> dict[str, dict[str, str]]:
    """``sources.toml`` beside the texts: ``[files."name.txt"] label/outlet/kind/date``."""
    path = directory / "sources.toml"
    if not path.is_file():
        return {}
    doc = read_toml(path, "metadata file")
    files = doc.get("files", {})
    if not isinstance(files, dict):
        raise ConfigError(f"{path}: [files] must be a table of file names")
    return {str(k): {kk: str(vv) for kk, vv in v.items()} for k, v in files.items() if isinstance(v, dict)}
