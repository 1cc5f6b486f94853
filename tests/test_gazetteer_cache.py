"""The gazetteer is built once and then loaded from its on-disk cache, keyed by what it is built from."""

import shutil

import pytest

from articles.extract import gazetteer as module
from articles.extract.wide_places import wide_places_build


@pytest.fixture(autouse=True)
def small_wide_gazetteer(monkeypatch):
    """These tests are about caching: the wide gazetteer's towns of 15 000+ keep each build short."""
    monkeypatch.setattr(module, "wide_places_build", lambda: wide_places_build(min_population=15000))


def test_the_cached_gazetteer_is_the_built_one_and_is_loaded_not_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setattr(module, "CACHE_DIR", tmp_path)
    built = module.gazetteer.__wrapped__()
    (cached,) = tmp_path.glob("gazetteer-*.pickle")
    assert built == module.gazetteer_build()  # the build is deterministic

    def no_build():
        raise AssertionError("built again although the cache matches")

    monkeypatch.setattr(module, "gazetteer_build", no_build)
    assert module.gazetteer.__wrapped__() == built
    assert list(tmp_path.glob("gazetteer-*.pickle")) == [cached]


def test_an_unreadable_cache_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setattr(module, "CACHE_DIR", tmp_path)
    path = tmp_path / f"gazetteer-{module._sources_digest()}.pickle"
    path.write_bytes(b"not a pickle")
    assert "kyiv" in module.gazetteer.__wrapped__().phrases
    assert path.read_bytes() != b"not a pickle"


def test_a_changed_data_file_changes_the_cache_key(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(module.DATA_DIR, data)
    monkeypatch.setattr(module, "DATA_DIR", data)
    before = module._sources_digest()
    with (data / "persons.tsv").open("a", encoding="utf-8") as file:
        file.write("Jane Placeholder\tJ. Placeholder\n")
    assert module._sources_digest() != before


def test_a_read_only_cache_folder_only_means_building(tmp_path, monkeypatch):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    monkeypatch.setattr(module, "CACHE_DIR", blocked / "cache")
    assert "kyiv" in module.gazetteer.__wrapped__().phrases
