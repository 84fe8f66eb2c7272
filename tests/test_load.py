"""Finding and decoding the input texts (load.py), as a user of the CLI sees it."""
from __future__ import annotations

from pathlib import Path

import pytest

from compare_claims.errors import ExitStatus, InputError, TopicsFileError
from compare_claims.load import expand_paths, load_sources
from compare_claims.models import Source
from compare_claims.segment import segment

DATA = Path(__file__).parents[1] / "data"
SEED_FILES = sorted(p.name for p in DATA.glob("*.txt"))
LABELS = {
    "000_113b7cc3b7206c54.txt": "VOA",
    "001_1088498c8a7a0c1f.txt": "Sputnik",
    "002_38518f3f8525e765.txt": "RU-comment",
    "003_05e6c28a0ebfb01b.txt": "OSW",
    "004_12af27a630f35941.txt": "MID",
}


def load(*paths: str | Path) -> tuple[tuple[Source, ...], list[str]]:
    return load_sources(expand_paths([str(p) for p in paths]))


def one_line_naming(exc: pytest.ExceptionInfo[BaseException], name: str) -> None:
    msg = str(exc.value)
    assert msg and "\n" not in msg, msg
    assert name in msg, msg


@pytest.fixture(scope="module")
def seeds() -> tuple[Source, ...]:
    sources, warnings = load(DATA)
    assert warnings == []
    return sources


# --- the shipped corpus --------------------------------------------------------------------------


def test_seed_corpus_has_five_files() -> None:
    assert SEED_FILES == sorted(LABELS)


def test_sources_toml_gives_labels_and_metadata(seeds: tuple[Source, ...]) -> None:
    assert [s.file for s in seeds] == SEED_FILES
    assert [s.id for s in seeds] == [LABELS[f] for f in SEED_FILES]
    assert all(s.label == s.id for s in seeds)
    voa = seeds[0]
    assert voa.outlet.startswith("Voice of America")
    assert voa.date == "2019-05-14"
    assert all(s.encoding == "utf-8" for s in seeds)


def test_seed_text_is_decoded_exactly_as_on_disk(seeds: tuple[Source, ...]) -> None:
    for s in seeds:
        raw = (DATA / s.file).read_bytes()
        assert s.text == raw.decode("utf-8")
    sputnik = next(s for s in seeds if s.id == "Sputnik")
    assert sputnik.text.count("\u00a0") == 135  # NO-BREAK SPACEs are kept, not normalised


def test_source_order_is_by_file_name_regardless_of_argument_order() -> None:
    files = [DATA / f for f in SEED_FILES]
    forward, _ = load(*files)
    backward, _ = load(*reversed(files))
    shuffled, _ = load(files[3], files[0], files[4], files[2], files[1])
    assert forward == backward == shuffled
    assert [s.id for s in backward] == [LABELS[f] for f in SEED_FILES]


def test_subset_of_seeds_keeps_file_name_order() -> None:
    sources, _ = load(DATA / SEED_FILES[4], DATA / SEED_FILES[0], DATA / SEED_FILES[2])
    assert [s.id for s in sources] == ["VOA", "RU-comment", "MID"]


def test_glob_over_seeds_is_sorted() -> None:
    entries = expand_paths([str(DATA / "00*.txt")])
    assert [Path(e).name for e in entries] == SEED_FILES


# --- encodings -----------------------------------------------------------------------------------


def test_utf8_bom_is_not_part_of_the_text_and_offsets_are_unshifted(tmp_path: Path) -> None:
    name = SEED_FILES[0]
    raw = (DATA / name).read_bytes()
    (tmp_path / name).write_bytes(b"\xef\xbb\xbf" + raw)
    (with_bom,), warnings = load(tmp_path / name)
    (plain,), _ = load(DATA / name)
    assert warnings == []
    assert with_bom.encoding == "utf-8"
    assert not with_bom.text.startswith("\ufeff")
    assert with_bom.text == plain.text
    spans = [(st.start, st.end, st.text) for st in segment(with_bom).statements]
    assert spans == [(st.start, st.end, st.text) for st in segment(plain).statements]
    first = spans[0]
    assert first[0] == 0 and with_bom.text[first[0]:first[1]].startswith("Pompeo")


def test_cp1252_decodes_with_a_warning_naming_the_file(tmp_path: Path) -> None:
    f = tmp_path / "windows.txt"
    f.write_bytes("Caf\u00e9 talks: \u201cno deal\u201d \u2013 Lavrov said.\n".encode("cp1252"))
    (src,), warnings = load(f)
    assert src.text == "Caf\u00e9 talks: \u201cno deal\u201d \u2013 Lavrov said.\n"
    assert src.encoding == "cp1252"
    assert len(warnings) == 1
    assert "windows.txt" in warnings[0] and "cp1252" in warnings[0]
    assert "\n" not in warnings[0]


def test_cp1252_file_among_utf8_files_warns_only_for_it(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Plain UTF-8 text about Iran.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"Smart \x93quotes\x94 about Iran.\n")
    sources, warnings = load(tmp_path)
    assert [s.encoding for s in sources] == ["utf-8", "cp1252"]
    assert len(warnings) == 1 and "b.txt" in warnings[0]


# --- bad inputs: one-line InputError naming the file ---------------------------------------------


@pytest.mark.parametrize(
    "content",
    [b"", b"   \n\t\r\n  ", b"\n\n\n"],
    ids=["empty", "whitespace", "newlines"],
)
def test_empty_or_blank_file_is_an_input_error(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "blank.txt"
    f.write_bytes(content)
    with pytest.raises(InputError) as exc:
        load(f)
    one_line_naming(exc, "blank.txt")
    assert exc.value.exit_status == ExitStatus.USAGE


@pytest.mark.parametrize(
    "content",
    [b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n  \r\n", "\u00a0\u00a0\n".encode("utf-8")],
    ids=["bom-only", "bom-and-blank-lines", "nbsp-only"],
)
def test_file_blank_after_decoding_is_an_input_error(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "blank.txt"
    f.write_bytes(content)
    with pytest.raises(InputError) as exc:
        load(f)
    one_line_naming(exc, "blank.txt")


def test_binary_file_is_an_input_error(tmp_path: Path) -> None:
    f = tmp_path / "image.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    with pytest.raises(InputError) as exc:
        load(f)
    one_line_naming(exc, "image.txt")


def test_nul_inside_otherwise_text_is_an_input_error(tmp_path: Path) -> None:
    f = tmp_path / "nul.txt"
    f.write_bytes(b"Lavrov met Pompeo.\x00\nMore text.\n")
    with pytest.raises(InputError) as exc:
        load(f)
    one_line_naming(exc, "nul.txt")


def test_undecodable_bytes_are_an_input_error(tmp_path: Path) -> None:
    f = tmp_path / "broken.txt"
    f.write_bytes(b"Some text \x81\x8d\x8f more text\n")  # undefined in cp1252, invalid UTF-8
    with pytest.raises(InputError) as exc:
        load(f)
    one_line_naming(exc, "broken.txt")


def test_bad_file_among_good_ones_names_the_bad_one(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Good text.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    with pytest.raises(InputError) as exc:
        load(tmp_path)
    one_line_naming(exc, "b.txt")
    assert "a.txt" not in str(exc.value)


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "nothing.txt"
    with pytest.raises(InputError) as exc:
        expand_paths([str(missing)])
    one_line_naming(exc, "nothing.txt")


def test_directory_without_texts_is_an_input_error(tmp_path: Path) -> None:
    d = tmp_path / "empty_dir"
    d.mkdir()
    (d / "notes.json").write_text("{}", encoding="utf-8")
    (d / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (d / "sub").mkdir()
    (d / "sub" / "nested.txt").write_text("nested", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        expand_paths([str(d)])
    one_line_naming(exc, "empty_dir")


def test_glob_matching_nothing_is_an_input_error(tmp_path: Path) -> None:
    pattern = str(tmp_path / "*.txt")
    with pytest.raises(InputError) as exc:
        expand_paths([pattern])
    one_line_naming(exc, "*.txt")


# --- expansion and duplicates --------------------------------------------------------------------


def test_directory_expands_to_its_texts_sorted(tmp_path: Path) -> None:
    for name in ["c.md", "b.txt", "a.text", "README.md", ".dot.txt", "data.json", "Z.txt"]:
        (tmp_path / name).write_text(f"Text of {name}.\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    entries = expand_paths([str(tmp_path)])
    assert [Path(e).name for e in entries] == ["Z.txt", "a.text", "b.txt", "c.md"]


def test_same_file_twice_is_read_once_with_a_warning(tmp_path: Path) -> None:
    f = DATA / SEED_FILES[1]
    sources, warnings = load(f, f)
    assert [s.id for s in sources] == ["Sputnik"]
    assert len(warnings) == 1 and SEED_FILES[1] in warnings[0]


def test_file_also_covered_by_its_directory_is_read_once(tmp_path: Path) -> None:
    sources, warnings = load(DATA, DATA / SEED_FILES[2])
    assert [s.id for s in sources] == [LABELS[f] for f in SEED_FILES]
    assert len(warnings) == 1 and SEED_FILES[2] in warnings[0]


def test_same_file_spelled_two_ways_is_read_once(tmp_path: Path) -> None:
    f = tmp_path / "one.txt"
    f.write_text("One text about Iran.\n", encoding="utf-8")
    other_spelling = tmp_path / "sub" / ".." / "one.txt"
    (tmp_path / "sub").mkdir()
    sources, warnings = load(f, other_spelling)
    assert len(sources) == 1 and len(warnings) == 1


def test_files_without_metadata_use_their_stem(tmp_path: Path) -> None:
    (tmp_path / "b_report.txt").write_text("Second.\n", encoding="utf-8")
    (tmp_path / "a_report.txt").write_text("First.\n", encoding="utf-8")
    sources, _ = load(tmp_path)
    assert [s.id for s in sources] == ["a_report", "b_report"]
    assert all(s.label == "" and s.outlet == "" for s in sources)


def test_same_file_name_in_two_directories_gets_distinct_ids(tmp_path: Path) -> None:
    for d in ("x", "y"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "report.txt").write_text(f"Report from {d}.\n", encoding="utf-8")
    sources, _ = load(tmp_path / "y", tmp_path / "x")
    ids = [s.id for s in sources]
    assert len(set(ids)) == 2
    assert sources[0].text == "Report from x.\n"  # then by path


# --- sources.toml --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "toml",
    ['[files."a.txt"\nlabel = "A"\n', 'files = "not a table"\n', '[files."a.txt"]\nlabel = \n'],
    ids=["unclosed-table", "files-not-a-table", "missing-value"],
)
def test_malformed_sources_toml_is_a_topics_file_error(tmp_path: Path, toml: str) -> None:
    (tmp_path / "a.txt").write_text("Some text.\n", encoding="utf-8")
    (tmp_path / "sources.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(TopicsFileError) as exc:
        load(tmp_path)
    one_line_naming(exc, "sources.toml")


def test_user_sources_toml_labels_user_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Some text.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Other text.\n", encoding="utf-8")
    (tmp_path / "sources.toml").write_text(
        '[files."b.txt"]\nlabel = "Beta"\noutlet = "Beta Daily"\n', encoding="utf-8"
    )
    sources, _ = load(tmp_path)
    assert [(s.id, s.outlet) for s in sources] == [("a", ""), ("Beta", "Beta Daily")]


def test_stdin_source(tmp_path: Path) -> None:
    sources, _ = load_sources(["-"], stdin_bytes="Text from a pipe about Iran.\n".encode())
    assert [(s.id, s.file) for s in sources] == [("stdin", "stdin")]
    with pytest.raises(InputError) as exc:
        load_sources(["-"], stdin_bytes=b"")
    one_line_naming(exc, "stdin")
