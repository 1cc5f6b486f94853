"""The sample archive in sample_data/ is well-formed and its hand labels match the files (no importer needed)."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The seeds sit beside the checkout (../shared/seeds); a git worktree sits one level deeper.
SEEDS_CANDIDATES = [ROOT.parent / "shared" / "seeds", ROOT.parent.parent / "shared" / "seeds"]
SAMPLE_DIR = ROOT / "sample_data"
CP1252_FILE = "05_sudan_el_fasher_cp1252.txt"
BOM_FILE = "06_syria_assad_falls_bom.txt"
CRLF_FILE = "07_red_sea_houthi_strikes_crlf.txt"
TRUNCATED_FILE = "09_odessa_port_strike_truncated.txt"
DATE_PREFIX = re.compile(r"^ ?date (\S+) ")


def sample_files() -> list[Path]:
    return sorted(SAMPLE_DIR.glob("*.txt"))


def decoded(path: Path) -> str:
    """The file's text: UTF-8 (BOM dropped) when valid, else Windows-1252, with line endings made \\n."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def expected() -> dict:
    return json.loads((SAMPLE_DIR / "expected.json").read_text(encoding="utf-8"))


def test_there_are_at_least_fourteen_text_files():
    assert len(sample_files()) >= 14


def test_the_windows_1252_file_is_not_utf8_but_decodes_as_cp1252():
    raw = (SAMPLE_DIR / CP1252_FILE).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1252")
    assert "Médecins Sans Frontières" in text
    assert "’" in text and "–" in text


def test_the_bom_file_starts_with_the_utf8_bom():
    raw = (SAMPLE_DIR / BOM_FILE).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw[3:].decode("utf-8").startswith("date ")


def test_the_crlf_file_uses_crlf_line_endings_only():
    raw = (SAMPLE_DIR / CRLF_FILE).read_bytes()
    assert b"\r\n" in raw
    assert raw.count(b"\n") == raw.count(b"\r\n")


def test_the_truncated_file_has_no_final_newline_and_stops_mid_sentence():
    raw = (SAMPLE_DIR / TRUNCATED_FILE).read_bytes()
    assert not raw.endswith(b"\n")
    assert raw.rstrip()[-1:] not in b".!?\"'"


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name)
def test_every_file_has_a_non_empty_first_line(path):
    first_line = decoded(path).split("\n", 1)[0]
    headline = DATE_PREFIX.sub("", first_line).strip()
    assert headline, f"{path.name}: empty headline"


def test_expected_json_lists_every_text_file_exactly_once():
    labelled = [item["file"] for item in expected()["files"]]
    assert sorted(labelled) == [path.name for path in sample_files()]


def test_expected_headlines_and_dates_match_the_first_lines():
    for item in expected()["files"]:
        first_line = decoded(SAMPLE_DIR / item["file"]).split("\n", 1)[0]
        match = DATE_PREFIX.match(first_line)
        assert DATE_PREFIX.sub("", first_line) == item["headline"], item["file"]
        if item["date"] is not None:
            assert match and match.group(1) == item["date"], item["file"]


def test_labelled_lines_occur_in_their_files():
    for item in expected()["files"]:
        lines = set(decoded(SAMPLE_DIR / item["file"]).split("\n"))
        for key in ("entry_titles", "title_like_non_entry_lines", "boilerplate_lines"):
            for line in item[key]:
                assert line in lines, f"{item['file']}: {key} line not found: {line!r}"


def test_labelled_entities_are_named_in_their_files():
    for item in expected()["files"]:
        text = decoded(SAMPLE_DIR / item["file"]).lower()
        aliases = item["aliases_seen"]
        assert all(alias.lower() in text for alias in aliases), item["file"]
        names = item["persons"] + item["places"] + item["organisations"]
        # A canonical name may be absent when only an alias spelling occurs (Kharkov for Kharkiv).
        missing = [
            name
            for name in names
            if name.lower() not in text and not any(canonical == name for canonical in aliases.values())
        ]
        assert not missing, f"{item['file']}: labelled but not in text: {missing}"


def test_the_two_kursk_snapshots_share_identical_entries():
    day9 = decoded(SAMPLE_DIR / "01_ukraine_live_kursk_day9.txt").split("\n")
    day10 = decoded(SAMPLE_DIR / "02_ukraine_live_kursk_day10.txt").split("\n")
    shared_body_lines = {line for line in day9 if len(line) > 80} & {line for line in day10 if len(line) > 80}
    assert len(shared_body_lines) >= 6


def test_no_seed_sentence_is_copied_into_the_sample_data():
    seeds_dir = next((path for path in SEEDS_CANDIDATES if path.is_dir()), None)
    if seeds_dir is None:
        pytest.skip("seeds not present")
    seed_lines = set()
    for seed in seeds_dir.glob("*.txt"):
        seed_lines |= {line.strip() for line in seed.read_text(encoding="utf-8").splitlines() if len(line.strip()) > 40}
    for path in sample_files():
        copied = seed_lines & {line.strip() for line in decoded(path).split("\n")}
        assert not copied, f"{path.name} copies seed lines: {copied}"
