"""The input edge for configuration: topics, cue lists and source metadata,
read from TOML files and turned into the core's typed values.

Every file is checked before it is parsed: a regular file (a FIFO would hang),
at most ``MAX_CONFIG_BYTES``, UTF-8; every parse error, however deep the
nesting or long the number, becomes one line (``ConfigError``).
"""
from __future__ import annotations

import codecs
import os
import stat
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


def read_toml(path: Path, what: str) -> dict[str, Any]:
    return parse_toml(read_text(path, what), str(path))


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
