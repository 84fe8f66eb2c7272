"""Finding and decoding the input texts (load.py), as a user of the CLI sees it."""
from __future__ import annotations

from pathlib import Path

import pytest

from compare_claims.config import load_segment_cues
from compare_claims.errors import ConfigError, ExitStatus, InputError
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


def load(*paths: str | Path, strict: bool = False) -> tuple[tuple[Source, ...], list[str]]:
    entries, _skipped = expand_paths([str(p) for p in paths])
    loaded = load_sources(entries, strict=strict)
    return loaded.sources, list(loaded.warnings)


def names(paths: list[str]) -> list[str]:
    entries, _skipped = expand_paths(paths)
    return [e.name for e in entries]


def one_line_naming(exc: pytest.ExceptionInfo[BaseException], name: str) -> None:
    msg = str(exc.value)
    assert msg and "\n" not in msg, msg
    assert name in msg, msg


@pytest.fixture(scope="module")
def seeds() -> tuple[Source, ...]:
    sources, warnings = load(DATA)
    assert warnings == []
    return sources


def test_the_tools_own_files_in_data_are_not_sources() -> None:
    entries, skipped = expand_paths([str(DATA)])
    assert [e.name for e in entries] == SEED_FILES
    # the .toml files (this tool's configuration) are passed over silently; the tables are reported
    assert skipped == [f"{DATA / n}: skipped: a dataset is read only when named (--sources FILE)"
                       for n in ("lemmas.tsv", "synonyms.tsv")]


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
    assert names([str(DATA / "00*.txt")]) == SEED_FILES


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
    cues = load_segment_cues()
    spans = [(st.start, st.end, st.text) for st in segment(with_bom, cues).statements]
    assert spans == [(st.start, st.end, st.text) for st in segment(plain, cues).statements]
    first = spans[0]
    assert first[0] == 0 and with_bom.text[first[0]:first[1]].startswith("Pompeo")


def test_cp1252_decodes_with_a_warning_naming_the_file(tmp_path: Path) -> None:
    f = tmp_path / "windows.txt"
    f.write_bytes("Caf\u00e9 talks: \u201cno deal\u201d \u2013 Lavrov said.\n".encode("cp1252"))
    (src,), warnings = load(f)
    assert src.text == "Caf\u00e9 talks: \u201cno deal\u201d \u2013 Lavrov said.\n"
    assert src.encoding == "utf-8+cp1252"  # UTF-8, with bytes read as cp1252 where they stand
    assert warnings == [f"{f}: 4 byte(s) not UTF-8, first at line 1 column 4; read as cp1252 there"]


def test_cp1252_file_among_utf8_files_warns_only_for_it(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Plain UTF-8 text about Iran.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"Smart \x93quotes\x94 about Iran.\n")
    sources, warnings = load(tmp_path)
    assert [s.encoding for s in sources] == ["utf-8", "utf-8+cp1252"]
    assert sources[1].text == "Smart \u201cquotes\u201d about Iran.\n"
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


def test_bytes_undefined_even_in_cp1252_keep_the_rest_of_the_text(tmp_path: Path) -> None:
    # no "undecodable" error any more: each stray byte is one character where it stands
    f = tmp_path / "broken.txt"
    f.write_bytes("Iran\u2019s text\nmore \u201cUTF-8\u201d ".encode("utf-8") + b"\x81\x8d\x8f" + b" text\n")
    (src,), warnings = load(f)
    assert src.text == "Iran\u2019s text\nmore \u201cUTF-8\u201d \ufffd\ufffd\ufffd text\n"
    assert len(src.text) == len("Iran's text\nmore 'UTF-8' ... text\n")  # one character a byte
    assert warnings == [f"{f}: 3 byte(s) not UTF-8, first at line 2 column 14; read as cp1252 there"]


def test_bad_file_among_good_ones_is_reported_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Good text.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    sources, warnings = load(tmp_path)
    assert [s.id for s in sources] == ["a"]
    assert warnings == [f"{tmp_path / 'b.txt'}: file is empty; skipped"]
    with pytest.raises(InputError) as exc:  # --strict: the first bad file stops the run
        load(tmp_path, strict=True)
    one_line_naming(exc, "b.txt")
    assert "a.txt" not in str(exc.value)


def test_only_bad_files_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\n")
    (tmp_path / "b.txt").write_bytes(b"")
    with pytest.raises(InputError) as exc:
        load(tmp_path)
    assert str(exc.value) == "no readable source"


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
    (d / "sub" / "report.pdf").write_bytes(b"%PDF-1.4")
    (d / ".git").mkdir()
    (d / ".git" / "x.txt").write_text("not a source", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        expand_paths([str(d)])
    one_line_naming(exc, "empty_dir")


def test_a_text_in_a_sub_folder_is_read(tmp_path: Path) -> None:
    d = tmp_path / "corpus"
    (d / "sub").mkdir(parents=True)
    (d / "sub" / "nested.txt").write_text("Nested text about Iran.\n", encoding="utf-8")
    sources, warnings = load(d)
    assert [(s.id, s.file) for s in sources] == [("sub/nested", "sub/nested.txt")] and warnings == []


def test_glob_matching_nothing_is_an_input_error(tmp_path: Path) -> None:
    pattern = str(tmp_path / "*.txt")
    with pytest.raises(InputError) as exc:
        expand_paths([pattern])
    one_line_naming(exc, "*.txt")


# --- expansion and duplicates --------------------------------------------------------------------


def test_directory_expands_to_its_texts_sorted(tmp_path: Path) -> None:
    for name in ["c.md", "b.txt", "a.text", "README.md", ".dot.txt", "data.json", "Z.txt", "topics.toml",
                 "paper.pdf", "LICENSE"]:
        (tmp_path / name).write_text(f"Text of {name}.\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    entries, skipped = expand_paths([str(tmp_path)])
    assert [e.name for e in entries] == ["Z.txt", "a.text", "b.txt", "c.md"]
    assert all(e.kind == "file" for e in entries)
    # every file not taken is reported, with why (hidden files and .toml configuration silently)
    assert skipped == [f"{tmp_path / 'LICENSE'}: skipped: describes the folder, not a source",
                       f"{tmp_path / 'README.md'}: skipped: describes the folder, not a source",
                       f"{tmp_path / 'data.json'}: skipped: not a text or HTML file (.json)",
                       f"{tmp_path / 'paper.pdf'}: skipped: .pdf is not supported; save it as text or HTML"]


def test_same_file_twice_is_read_once_with_a_warning(tmp_path: Path) -> None:
    f = DATA / SEED_FILES[1]
    sources, warnings = load(f, f)
    assert [s.id for s in sources] == ["Sputnik"]
    assert warnings == [f"{SEED_FILES[1]}: given twice; read once"]


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
    assert [s.id for s in sources] == ["report", "report-2"]
    assert sources[0].text == "Report from x.\n"  # then by path
    assert load(tmp_path / "x", tmp_path / "y")[0] == sources  # whatever the order of the arguments


# --- sources.toml --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "toml",
    ['[files."a.txt"\nlabel = "A"\n', 'files = "not a table"\n', '[files."a.txt"]\nlabel = \n'],
    ids=["unclosed-table", "files-not-a-table", "missing-value"],
)
def test_malformed_sources_toml_is_a_config_error(tmp_path: Path, toml: str) -> None:
    (tmp_path / "a.txt").write_text("Some text.\n", encoding="utf-8")
    (tmp_path / "sources.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load(tmp_path)
    one_line_naming(exc, "sources.toml")
    assert exc.value.exit_status == ExitStatus.USAGE


def test_user_sources_toml_labels_user_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Some text.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Other text.\n", encoding="utf-8")
    (tmp_path / "sources.toml").write_text(
        '[files."b.txt"]\nlabel = "Beta"\noutlet = "Beta Daily"\n', encoding="utf-8"
    )
    sources, _ = load(tmp_path)
    assert [(s.id, s.outlet) for s in sources] == [("a", ""), ("Beta", "Beta Daily")]


def test_stdin_source(tmp_path: Path) -> None:
    entries, _ = expand_paths(["-"])
    sources, _ = load_sources(entries, stdin_bytes="Text from a pipe about Iran.\n".encode())
    assert [(s.id, s.file) for s in sources] == [("stdin", "stdin")]
    with pytest.raises(InputError) as exc:
        load_sources(entries, stdin_bytes=b"")
    one_line_naming(exc, "stdin")
