"""Acronyms with their expansion in the same text are one organisation."""

import pytest

from articles.extract.acronyms import expansions, is_fragment
from articles.extraction import Extractor
from tests.test_extraction import found


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


@pytest.mark.parametrize(
    ("text", "acronym", "name"),
    [
        ("The Northern Relief Commission (NRC) said", "NRC", "Northern Relief Commission"),
        ("fighters of the Kayin Border Army (KBA) attacked", "KBA", "Kayin Border Army"),
        ("Tessit's Azawad Salvation Front (FSA) said", "FSA", "Azawad Salvation Front"),
        ("the Coastal Shipping Watch agency (CSW) said", "CSW", "Coastal Shipping Watch"),
        ("Sudan People's Liberation Movement-in-Opposition (SPLM-IO)", "SPLM-IO", None),
    ],
)
def test_the_expansion_is_the_words_the_acronyms_letters_begin(text, acronym, name):
    (expansion,) = expansions(text)
    assert expansion.acronym == acronym
    assert expansion.name == (name or text.split(" (")[0])


def test_a_bracketed_word_that_fits_no_initials_is_no_acronym():
    assert expansions("Speaking to the Daily Record (UK) on Friday") == []


def test_pieces_of_an_expansion_are_fragments_and_the_whole_is_not():
    (expansion,) = expansions("the Upper Valley People's Defence Forces (UVPDF)")
    assert is_fragment("Upper Valley People", expansion)
    assert is_fragment("Defence Forces", expansion)
    assert not is_fragment(expansion.name, expansion)


def test_acronym_title_case_and_full_name_are_one_organisation_and_no_person(extractor):
    people, orgs, *_ = found(
        extractor,
        "The Upper Valley People's Defence Forces (UVPDF) shelled the market, residents said.",
        "A Uvpdf commander denied it. UVPDF units withdrew at night.",
    )
    assert "Upper Valley People's Defence Forces" in orgs
    assert not {"UVPDF", "Uvpdf", "Defence Forces"} & orgs
    assert "Upper Valley People" not in people


def test_an_acronym_counts_in_every_entry_that_writes_it(extractor):
    results = extractor.extract_article(
        headline="",
        standfirst="",
        entries=[
            (None, "The Kayin Border Army (KBA) said it held the bridge."),
            (None, "KBA fighters and KBA medics."),
        ],
    )
    counts = [{a.name: a.count for a in r.actors} for r in results]
    assert counts[1].get("Kayin Border Army") == 2
