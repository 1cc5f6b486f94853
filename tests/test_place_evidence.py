"""Small places by evidence: the wide gazetteer answers only with a place cue and the place's country."""

import pytest

from articles.extract.spelling import skeleton
from articles.extraction import Extractor
from tests.test_extraction import found


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


@pytest.mark.parametrize(
    ("press", "gazetteer"),
    [
        ("Deir Hafer", "Dayr Ḩāfir"),
        ("Um Rawaba", "Umm Ruwaba"),
        ("Kupiansk", "Kup'yans'k"),
        ("Naypyitaw", "Nay Pyi Taw"),
        ("Deir ez-Zor", "Dayr az Zawr"),
        ("Zaporizhzhia", "Zaporozhye"),
        ("Bani Suheila", "Bani Suhayla"),
    ],
)
def test_press_spellings_share_the_gazetteers_skeleton(press, gazetteer):
    assert skeleton(press) == skeleton(gazetteer)


def test_different_names_keep_different_skeletons():
    assert skeleton("Hrodivka") != skeleton("Myrnohrad")
    assert skeleton("Aitaroun") != skeleton("Beirut")


def test_a_village_with_a_cue_and_its_country_in_the_article_is_found(extractor):
    _, _, places, _ = found(extractor, "Glide bombs hit the village of Hrodivka in Ukraine's east on Sunday.")
    assert ("Hrodivka", "UA") in places


def test_a_village_without_its_country_in_the_article_is_not_guessed(extractor):
    _, _, places, _ = found(extractor, "Glide bombs hit the village of Hrodivka on Sunday.")
    assert not any(name == "Hrodivka" for name, _ in places)


def test_a_village_name_without_a_place_cue_is_not_looked_up(extractor):
    _, _, places, _ = found(extractor, "Ukraine said Hrodivka remained contested.")
    assert not any(name == "Hrodivka" for name, _ in places)


def test_a_press_spelling_finds_the_gazetteers_town(extractor):
    _, _, places, _ = found(extractor, "Families fled from Sudan's Kordofan to Um Rawaba on foot.")
    assert ("Umm Ruwaba", "SD") in places


def test_subdivisions_with_and_without_their_type_word(extractor):
    _, _, places, _ = found(
        extractor,
        "South Sudan's army bombed villages in Upper Nile State.",
        "In North Kivu, Congolese troops regrouped, the DR Congo army said.",
    )
    assert {("Upper Nile", "SS"), ("North Kivu", "CD")} <= places


def test_a_two_word_town_is_not_a_person_nor_a_one_word_town_abroad(extractor):
    people, _, places, _ = found(extractor, "Strikes hit homes in Bani Suheila, east of Khan Younis in Gaza.")
    assert "Bani Suheila" not in people
    assert ("Bani Suhayla", "PS") in places
    assert not any(code == "DO" for _, code in places)  # Baní, Dominican Republic


def test_a_name_after_the_village_of_is_not_a_person(extractor):
    people, *_ = found(extractor, "Fighters attacked the village of Shag al-Nom near Bara in Sudan.")
    assert "Shag al-Nom" not in people


def test_a_town_written_before_a_speech_verb_stays_a_name(extractor):
    people, _, places, _ = found(extractor, "Drones hit Odesa overnight, regional governor Oleh Kiper said in Ukraine.")
    assert "Oleh Kiper" in people
