"""Extraction on short texts written for these tests: names, places, countries and the pitfalls."""

import pycountry
import pytest

from articles.extract.gazetteer import hand_kept_names
from articles.extraction import AliasRecord, AliasTable, Extractor


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def found(extractor, *bodies, headline="", standfirst="", titles=None):
    """Union of what every entry mentions: person names, organisation names, places, countries."""
    titles = titles or [None] * len(bodies)
    results = extractor.extract_article(
        headline=headline, standfirst=standfirst, entries=list(zip(titles, bodies, strict=True))
    )
    people = {a.name for r in results for a in r.actors if a.kind == "person"}
    orgs = {a.name for r in results for a in r.actors if a.kind == "organisation"}
    places = {(loc.name, loc.country_code) for r in results for loc in r.locations if loc.kind != "country"}
    countries = {code for r in results for code in r.country_codes}
    return people, orgs, places, countries


def test_one_result_per_entry_in_order(extractor):
    results = extractor.extract_article(
        headline="", standfirst="", entries=[("A title", "Nothing here."), (None, "Shelling hit Kharkiv.")]
    )
    assert len(results) == 2
    assert results[0].locations == []
    assert [loc.name for loc in results[1].locations] == ["Kharkiv"]


def test_surnames_and_honorifics_resolve_to_the_full_name_in_the_same_article(extractor):
    people, *_ = found(
        extractor,
        "Mr Trump spoke to reporters on the lawn.",
        "Donald Trump later posted a statement. President-elect Trump said talks would start soon.",
    )
    assert people == {"Donald Trump"}


def test_sir_with_a_first_name_and_dr_with_a_surname(extractor):
    people, *_ = found(
        extractor,
        "The opposition leader Sir Lionel Bramwell called for a vote. Sir Lionel said it was overdue.",
        "A surgeon, Dr Amira Haddad, described the ward. Dr Haddad said power had failed twice.",
    )
    assert people == {"Lionel Bramwell", "Amira Haddad"}


def test_known_people_resolve_without_a_full_name(extractor):
    people, *_ = found(extractor, "President Biden met his advisers. Later, Netanyahu spoke by phone.")
    assert people == {"Joe Biden", "Benjamin Netanyahu"}


def test_spelling_variants_of_one_person_are_one_actor(extractor):
    people, *_ = found(extractor, "Volodymyr Zelenskyy addressed parliament.", "Zelenskiy later flew to Lviv.")
    assert people == {"Volodymyr Zelensky"}


def test_titles_and_roles_are_not_part_of_names(extractor):
    people, *_ = found(
        extractor,
        "Defence ministry spokesperson Major Tomas Rellik said drills would go on.",
        "Foreign minister Ilse Varnhagen arrived on Monday. Prime Minister Oskar Lind stayed home.",
    )
    assert people == {"Tomas Rellik", "Ilse Varnhagen", "Oskar Lind"}


def test_arabic_names_with_particles_and_surname_resolution(extractor):
    people, *_ = found(
        extractor,
        "The Hamas official Khalil Abu Sharif said the talks had stalled.",
        "Health official Munir al-Bursh warned that fuel was short. Al-Bursh said generators had stopped.",
    )
    assert people == {"Khalil Abu Sharif", "Munir al-Bursh"}


def test_a_word_cut_off_at_the_end_of_a_truncated_file_is_not_a_person(extractor):
    people, *_ = found(
        extractor, "Talks resumed in Doha on Monday, according to Fatima Nour", "Officials said Marwan Ab"
    )
    assert "Marwan Ab" not in people
    assert people == {"Fatima Nour"}


def test_headline_case_capitals_are_not_names(extractor):
    people, *_ = found(
        extractor,
        "Aid convoys reached the north.",
        titles=["Aid Convoys Reach Northern Districts After Weeks Of Delay"],
    )
    assert people == set()


def test_organisations_and_their_aliases(extractor):
    _, orgs, _, _ = found(
        extractor,
        "Nato allies met in Brussels. The EU pledged more aid, and HRW published a report.",
        "The Pentagon said strikes hit depots. UNRWA said schools were full.",
    )
    assert orgs == {"NATO", "European Union", "Human Rights Watch", "US Department of Defense", "UNRWA"}


def test_organisation_patterns(extractor):
    _, orgs, places, _ = found(extractor, "Sudan's Ministry of Health said the Omdurman Teaching Hospital was shelled.")
    assert orgs == {"Ministry of Health", "Omdurman Teaching Hospital"}
    assert ("Omdurman", "SD") not in places


def test_places_carry_their_country(extractor):
    _, _, places, countries = found(
        extractor, "Strikes hit Odesa, Kursk and Budapest's suburbs. Aid reached Gaza and El Fasher."
    )
    assert places == {("Odesa", "UA"), ("Kursk", "RU"), ("Budapest", "HU"), ("Gaza", "PS"), ("El Fasher", "SD")}
    assert countries == {"UA", "RU", "HU", "PS", "SD"}


def test_region_and_oblast_suffixes_name_the_place(extractor):
    _, _, places, _ = found(extractor, "Drones hit the Odesa region overnight and later Kharkiv Oblast.")
    assert places == {("Odesa", "UA"), ("Kharkiv", "UA")}


def test_old_spellings_are_aliases(extractor):
    _, _, places, _ = found(extractor, "Trains left Kiev for Odessa and Kharkov on time.")
    assert places == {("Kyiv", "UA"), ("Odesa", "UA"), ("Kharkiv", "UA")}


def test_ambiguous_names_follow_the_article_context(extractor):
    _, _, places, _ = found(extractor, "Ukrainian officials said Russian forces pushed towards Pokrovsk and Odessa.")
    assert places == {("Pokrovsk", "UA"), ("Odesa", "UA")}


def test_demonyms_imply_countries(extractor):
    *_, countries = found(extractor, "North Korean troops and Ukrainian forces fought near the border.")
    assert countries == {"KP", "UA"}


def test_countries_named_directly_including_short_forms(extractor):
    *_, countries = found(extractor, "The US and the UK warned Iran; South Korea and Syria abstained.")
    assert countries == {"US", "GB", "IR", "KR", "SY"}


def test_hyphenated_country_words(extractor):
    *_, countries = found(
        extractor, "Iranian-backed groups and pro-Russian bloggers welcomed the Turkey-brokered deal."
    )
    assert countries == {"IR", "RU", "TR"}


@pytest.mark.parametrize(
    "text",
    [
        "Officials gathered at the White House on Friday.",
        "Human rights groups condemned the raid.",
        "Save the date: the summit opens on Monday.",
        "Police said the road was closed.",
        "The Summit ended without a statement.",
    ],
)
def test_common_words_and_alternate_names_are_not_towns(extractor, text):
    _, _, places, countries = found(extractor, text)
    assert places == set()
    assert countries == set()


def test_places_inside_organisation_names_are_not_places(extractor):
    _, orgs, places, _ = found(
        extractor,
        "The Kyiv Independent reported that the Kursk Nuclear Power Plant was operating normally.",
    )
    assert places == set()
    assert "Kyiv Independent" in orgs


def test_a_place_that_is_also_a_first_name(extractor):
    people, _, places, _ = found(
        extractor, "Tirana Mehmeti, the group's director, said funding had run out. Ms Mehmeti asked for help."
    )
    assert people == {"Tirana Mehmeti"}
    assert places == set()


def test_continents_and_seas_are_not_places(extractor):
    _, _, places, countries = found(extractor, "Ships in the Red Sea and leaders in Europe and the Middle East.")
    assert places == set()
    assert countries == set()


def test_gaza_reporting(extractor):
    people, orgs, places, countries = found(
        extractor,
        "Israeli strikes on Khan Younis and Rafah killed at least 30 people overnight, "
        "the civil defence agency said. Its spokesman, Yusuf Hamdan, told reporters rescuers lacked fuel.",
        "The IDF said it had hit Hamas fighters. Hamdan said most of the dead were women and children.",
        "In the West Bank, troops raided Jenin. Palestinian President Mahmoud Abbas condemned the raid.",
    )
    assert people == {"Yusuf Hamdan", "Mahmoud Abbas"}
    assert {"Israel Defense Forces", "Hamas"} <= orgs
    assert {("Khan Younis", "PS"), ("Rafah", "PS"), ("West Bank", "PS"), ("Jenin", "PS")} <= places
    assert countries == {"IL", "PS"}


def test_syria_reporting(extractor):
    people, orgs, places, countries = found(
        extractor,
        "Rebels led by HTS entered Aleppo as Syrian government forces withdrew towards Hama.",
        "The group's leader, Ahmed al-Sharaa, told a crowd in Damascus that Assad had fled to Moscow. "
        "Local doctor Rami Kassab said hospitals in Homs were overwhelmed.",
    )
    assert people == {"Ahmed al-Sharaa", "Bashar al-Assad", "Rami Kassab"}
    assert "Hayat Tahrir al-Sham" in orgs
    assert {("Aleppo", "SY"), ("Hama", "SY"), ("Damascus", "SY"), ("Homs", "SY"), ("Moscow", "RU")} <= places
    assert countries == {"SY", "RU"}


def test_sudan_reporting(extractor):
    people, orgs, places, countries = found(
        extractor,
        "The RSF shelled El Fasher again, the Sudanese army said. "
        "General Abdel Fattah al-Burhan vowed to hold the city.",
        "Aid worker Salma Idris said families were fleeing to Tawila and across the border into Chad. "
        "Ms Idris said the Zamzam camp had no water.",
    )
    assert people == {"Abdel Fattah al-Burhan", "Salma Idris"}
    assert {"Rapid Support Forces", "Sudanese Armed Forces"} <= orgs
    assert ("El Fasher", "SD") in places
    assert countries == {"SD", "TD"}


def test_database_aliases_are_used(extractor):
    aliases = AliasTable(
        [
            AliasRecord("Lady of the Lamp", "Florence Nightingale", "person"),
            AliasRecord("Bakhmut", "Bakhmut", "city", "UA"),
            AliasRecord("Artyomovsk", "Bakhmut", "city", "UA"),
        ]
    )
    people, _, places, _ = found(Extractor(aliases), "The Lady of the Lamp visited Artyomovsk.")
    assert people == {"Florence Nightingale"}
    assert places == {("Bakhmut", "UA")}


def test_mention_counts_add_up_within_an_entry(extractor):
    [entry] = extractor.extract_article(
        headline="",
        standfirst="",
        entries=[(None, "Gaza was shelled. More strikes hit Gaza later, Gaza officials said.")],
    )
    assert {loc.name: loc.count for loc in entry.locations if loc.kind != "country"} == {"Gaza": 3}


def test_countries_have_common_english_names(extractor):
    [entry] = extractor.extract_article(
        headline="", standfirst="", entries=[(None, "Russia and South Korea and the United States.")]
    )
    assert {loc.country_code: loc.name for loc in entry.locations} == {
        "RU": "Russia",
        "KR": "South Korea",
        "US": "United States",
    }


def test_names_of_hospitals_and_camps_are_not_people(extractor):
    people, *_ = found(extractor, "Patients were moved from Kamal Adwan hospital to the Jabalia refugee camp.")
    assert people == set()


def test_organisations_in_hyphenated_words(extractor):
    _, orgs, _, countries = found(
        extractor, "The Hamas-run health ministry and Hezbollah-backed groups reported losses."
    )
    assert {"Hamas", "Hezbollah"} <= orgs
    assert countries == set()


def test_oceans_are_not_countries(extractor):
    *_, countries = found(extractor, "Tankers crossed the Indian Ocean towards the Arabian Sea.")
    assert countries == set()


def test_photo_credits_are_not_people_in_the_news(extractor):
    people, *_ = found(extractor, "Rescuers searched the rubble. Photograph: Lina Sabbagh/AFP via Getty Images")
    assert people == set()


def test_wire_bylines_are_not_people_in_the_news(extractor):
    people, *_ = found(
        extractor, "Aid trucks entered Rafah, Nour Khalil said. (Reporting by Sam Ortega; Editing by Jo Whitfield)"
    )
    assert people == {"Nour Khalil"}


def test_the_agency_of_a_wire_dateline_is_not_an_organisation_in_the_news(extractor):
    _, orgs, _, countries = found(extractor, "KHARTOUM, Sudan (AP) — The army said it had retaken the palace.")
    assert "Associated Press" not in orgs
    assert countries == {"SD"}
    _, orgs, _, _ = found(extractor, "Sources told Reuters the talks had stalled in Jeddah.")
    assert "Reuters" in orgs  # the agency as a source in the news still counts


def test_a_known_organisation_is_not_run_on_into_the_place_after_it(extractor):
    _, orgs, places, _ = found(extractor, "A fresh attack by the Rapid Support Forces on El Fasher was repelled.")
    assert orgs == {"Rapid Support Forces"}
    assert places == {("El Fasher", "SD")}
    _, orgs, _, _ = found(extractor, "The Ministry of Defence in Moscow said drones were downed.")
    assert orgs == {"Ministry of Defence"}  # an unknown name still runs on over "of"


def test_villages_named_with_wad_or_deir_are_not_people(extractor):
    people, *_ = found(extractor, "Gunmen attacked Wad al-Hilal and Deir al-Nakhl before dawn, residents said.")
    assert people == set()


def test_a_relative_of_a_known_person_is_another_person(extractor):
    people, *_ = found(extractor, "His brother Maher al-Assad commanded the 4th Division.")
    assert people == {"Maher al-Assad"}
    people, *_ = found(extractor, "Hunter Biden was convicted in June. Biden, 54, said he would appeal.")
    assert people == {"Hunter Biden"}
    # A title still names the known person, whoever else shares the surname.
    people, *_ = found(extractor, "Maher al-Assad stayed in Damascus. President Assad flew to Moscow.")
    assert people == {"Maher al-Assad", "Bashar al-Assad"}


def test_gazetteer_places_are_named_without_transliteration_marks(extractor):
    _, _, places, _ = found(extractor, "Israeli forces raided Tubas in the occupied West Bank.")
    assert ("Tubas", "PS") in places  # geonames spells it "Ţūbās"
    _, _, places, _ = found(extractor, "Clashes were reported near Albu Kamal on the Syrian border with Iraq.")
    assert ("Albu Kamal", "SY") in places


def test_press_spellings_of_frontline_towns_are_places_not_people(extractor):
    people, _, places, _ = found(extractor, "A drone attack hit Kryvyi Rih overnight, Ukraine's air force said.")
    assert people == set() and places == {("Kryvyi Rih", "UA")}
    people, *_ = found(extractor, "Commander-in-chief Oleksandr Syrskyi approved the withdrawal.")
    assert people == {"Oleksandr Syrskyi"}


def test_families_and_named_crossings_are_not_people(extractor):
    people, *_ = found(extractor, "The Abu Shaban family said five relatives were killed in Gaza.")
    assert people == set()
    people, *_ = found(extractor, "Aid lorries queued at the Bab al-Hawa crossing on the border with Syria.")
    assert people == set()


def test_a_full_name_spelt_differently_from_the_known_one_is_the_same_person(extractor):
    people, *_ = found(extractor, "Mohammed Hamdan Dagalo, known as Hemedti, spoke from Nairobi.")
    assert people == {"Mohamed Hamdan Dagalo"}


def test_security_services_and_armed_groups_named_by_acronym(extractor):
    _, orgs, _, _ = found(
        extractor, "The FSB said it detained a man, and the HUR said it hit a depot; the PKK and the YPG denied it."
    )
    assert orgs == {
        "Federal Security Service",
        "Defence Intelligence of Ukraine",
        "Kurdistan Workers' Party",
        "People's Protection Units",
    }


def test_hospitals_are_organisations_and_leave_their_town_to_places(extractor):
    people, orgs, places, _ = found(
        extractor,
        "The wounded went to Nasser Medical Complex in Khan Younis and al-Aqsa Martyrs Hospital in Deir el-Balah.",
    )
    assert people == set()
    assert orgs == {"Nasser Medical Complex", "al-Aqsa Martyrs Hospital"}
    assert places == {("Khan Younis", "PS"), ("Deir al-Balah", "PS")}


def test_weapons_systems_are_not_people(extractor):
    people, *_ = found(
        extractor, "The Iron Dome intercepted most rockets, and Kyiv asked for more Storm Shadow missiles."
    )
    assert people == set()


def test_hand_kept_files_are_consistent():
    records = hand_kept_names()
    assert records, "the hand-kept files have records with aliases"
    keys = [(r.canonical, r.kind) for r in records]
    assert len(keys) == len(set(keys)), "one record per canonical name and kind"
    for record in records:
        if record.country_code:
            assert pycountry.countries.get(alpha_2=record.country_code), record


@pytest.mark.parametrize(
    ("text", "country"),
    [("Fighting in Tripoli, Libya, left ten dead.", "LY"), ("Jets struck near Tripoli in northern Lebanon.", "LB")],
)
def test_a_name_shared_by_two_countries_follows_the_article(extractor, text, country):
    _, _, places, _ = found(extractor, text)
    assert places == {("Tripoli", country)}


def test_a_byline_line_is_not_a_person_in_the_news(extractor):
    people, *_ = found(extractor, "Strikes resumed at dawn, Omar Haddad said.", titles=["By Clara Voss in Amman"])
    assert people == {"Omar Haddad"}


def test_an_editors_place_in_the_database_is_found():
    aliases = AliasTable([AliasRecord("Tawila", "Tawila", "city", "SD")])
    _, _, places, countries = found(Extractor(aliases), "Families walked to Tawila overnight.")
    assert places == {("Tawila", "SD")}
    assert countries == {"SD"}


def test_an_honorific_with_a_given_name_resolves_when_no_surname_matches(extractor):
    people, *_ = found(
        extractor,
        "The agency's chief, Mesfin Haile Gebremariam, toured the clinic.",
        "Dr Mesfin said supplies would last a week.",
    )
    assert people == {"Mesfin Haile Gebremariam"}


def test_a_metropolis_outweighs_a_small_namesake_in_a_country_the_article_names(extractor):
    _, _, places, countries = found(
        extractor,
        "The American envoy flew home on Tuesday.",
        "Kyiv asked its allies to keep up the pressure on Moscow.",
    )
    assert ("Moscow", "RU") in places
    assert "RU" in countries


def test_a_surname_with_the_arabic_article_in_another_spelling_resolves(extractor):
    people, *_ = found(
        extractor,
        "The governor, Karim Salim al-Mansouri, toured the port.",
        "El-Mansouri said the cranes were working again.",
    )
    assert people == {"Karim Salim al-Mansouri"}


def test_a_known_figure_written_with_el_instead_of_al(extractor):
    people, *_ = found(extractor, "El-Burhan flew to Cairo on Sunday.")
    assert people == {"Abdel Fattah al-Burhan"}


def test_an_organisation_opening_with_a_demonym_names_its_country(extractor):
    _, orgs, _, countries = found(extractor, "The Lebanese Armed Forces moved units south on Friday.")
    assert orgs == {"Lebanese Armed Forces"}
    assert countries == {"LB"}


def test_gazan_names_palestine(extractor):
    *_, countries = found(extractor, "Gazan families queued for flour at dawn.")
    assert countries == {"PS"}
