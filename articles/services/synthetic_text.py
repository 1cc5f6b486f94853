"""Deterministic synthetic names and news-like prose for the archive generator (no Django).

Everything is drawn from a `random.Random` the caller seeds, so the same seed gives the same
archive. The words are our own small newsroom vocabulary; sentences name the actors and places
an entry mentions, so full-text search finds them the way it finds real reporting.
"""

from __future__ import annotations

import random
from itertools import accumulate


def _words(text: str, separator: str | None = None) -> tuple[str, ...]:
    return tuple(text.split(separator))


FIRST_NAMES = _words(
    "Adam Aisha Alexei Amina Anna Arif Bakhyt Beatriz Bohdan Carlos Chen Dana Daniel Darya Dmitri Elena Emre Farid "
    "Fatima Gabriel Hana Hassan Ibrahim Igor Ilse Ines Ivan Jamal Jana Javier Karim Katarzyna Kenji Khalid Kira Lars "
    "Layla Leila Lena Luca Mahmoud Maria Marta Mehmet Mikhail Mira Nadia Natalia Nikos Noor Oksana Olek Omar Pavel "
    "Petra Rami Rania Rashid Roman Rosa Ruslan Salma Samir Sara Sergei Sofia Stefan Tamar Taras Tomas Umar Valeria "
    "Vera Viktor Yara Yasmin Yuri Zainab Zoran Abel Agnes Amir Boris Celine Dario Edith Felix Greta Hugo Irena Jonas "
    "Keira Leon Milan Nora Oscar Paula Quentin Rafael Selin Tobias Ursula Vadim Wanda Xavier Yusuf Zofia"
)

SURNAMES = _words(
    "Abbas Adeyemi Aliyev Andersen Antonov Aziz Baranov Becker Bondarenko Brandt Castillo Celik Chowdhury Costa "
    "Dahl Demir Duarte Dvorak Eriksen Farouk Fischer Garcia Gashi Haddad Hansen Horvat Hussein Ivanova Jaber Jansen "
    "Kaya Khoury Koval Kowalski Kravets Kuznetsov Laine Lindqvist Lopez Maalouf Mansour Marchenko Medina Melnyk "
    "Moreau Nagy Nasser Novak Okafor Olsen Orlov Ozturk Pavlenko Petrov Popescu Qureshi Rahimi Reyes Romanenko "
    "Rossi Saleh Santos Schmidt Sedova Shevchenko Silva Sokolov Stoica Szabo Tkachenko Torres Usmanov Varga Vasquez "
    "Volkov Weber Yilmaz Zaki Zelenko Zhang Abdi Akhtar Balogun Benali Bianchi Bogdan Chaudry Cruz Daoud Dimitrov "
    "Esposito Fedorov Ghani Grigoryan Halabi Ismail Jovanovic Karimov Lebedev Malik Mazur Nikolaidis Osei Pereira"
)

ORG_ADJECTIVES = _words(
    "National Northern Southern Eastern Western United Free Independent Popular Democratic Republican Revolutionary "
    "Central Federal Regional Provisional International Joint Allied Civic Patriotic Liberation Islamic Christian "
    "Socialist Green Coastal Mountain River Border Frontier Interim Emergency Humanitarian Veterans Workers Students"
)
ORG_NOUNS = _words(
    "Defence Security Reconstruction Unity Resistance Salvation Dignity Justice Renewal Progress Solidarity "
    "Sovereignty Relief Recovery Accord Dialogue Reform Peace Freedom Order Future Hope Homeland Truth Action "
    "Voice Alliance Pact"
)
ORG_TYPES = _words(
    "Front Council Movement Party Brigade Coalition Committee Agency Commission Forces Guard Union Assembly Mission "
    "Battalion Network Authority Office Institute Foundation"
)

SYLLABLES = _words(
    "ka ro mi sa la ne vo ti an ber dor gal hen ish kov lin mar nor pol rad sev tar ur val zan al bel cor dan el fa "
    "gor ha ir jus ker lev mos"
)
PLACE_SUFFIXES = ("", "", "", "sk", "ovo", "abad", "iya", "pol", "grad", "ville", "stan", "burg", " Heights", " Valley")

# A small newsroom vocabulary; phrases built from it fill the sentences around the names.
ADJECTIVES = _words(
    "heavy fresh renewed intense sporadic overnight limited major fierce brief deadly unconfirmed humanitarian "
    "diplomatic military civilian temporary fragile critical urgent rare large small new former senior local "
    "international regional eastern western northern southern strategic key damaged besieged contested"
)
NOUNS = _words(
    "shelling fighting ceasefire talks offensive convoy aid evacuation drone strike missile artillery troops forces "
    "residents refugees hospital bridge power plant border crossing checkpoint negotiations sanctions election "
    "protest curfew casualties supplies water electricity grain shipment corridor frontline village district port "
    "airport railway station school shelter statement report investigation tribunal delegation summit agreement "
    "resolution vote parliament ministry spokesperson commander militia brigade blockade harvest prices"
)
VERBS = _words(
    "continued resumed intensified eased collapsed stalled reached hit damaged destroyed blocked reopened delayed "
    "announced confirmed denied reported rejected approved condemned welcomed demanded warned urged promised "
    "suspended restored expanded halted"
)
PREPOSITIONS = _words("near around outside inside across along towards beyond")
TIME_WORDS = _words(
    (
        "on Monday|on Tuesday|on Wednesday|on Thursday|on Friday|on Saturday|on Sunday|overnight|this morning|"
        "late on Sunday|earlier today|in recent days|for a third day|after midnight|before dawn|at noon"
    ),
    "|",
)

SENTENCE_WITH_ACTOR = (
    "{actor} said {phrase} {time}.",
    "{actor} told reporters that {phrase}.",
    "According to {actor}, {phrase}.",
    "{actor} {verb} the {noun} {time}, adding that {phrase}.",
    "In a statement, {actor} {verb} reports that {phrase}.",
)
SENTENCE_WITH_PLACE = (
    "{Phrase} {prep} {place} {time}.",
    "Residents of {place} said {phrase}.",
    "In {place}, {phrase} {time}.",
    "The {noun} in {place} was {verb} {time}, officials said.",
    "Footage from {place} showed {phrase}.",
)
SENTENCE_PLAIN = (
    "{Phrase} {time}.",
    "Officials said {phrase}.",
    "It was not possible to verify the {noun} independently.",
    "Analysts warned that {phrase}.",
    "{Phrase}, a spokesperson said.",
)
TITLE_TEMPLATES = (
    "{actor} {verb} {adj} {noun}",
    "{Adj} {noun} {prep} {place}",
    "{place}: {adj} {noun} {verb}",
    "{actor} on the {noun} in {place}",
)


def person_names(rng: random.Random, count: int) -> list[str]:
    """`count` distinct person names."""
    combos = [f"{f} {s}" for f in FIRST_NAMES for s in SURNAMES]
    rng.shuffle(combos)
    names = combos[:count]
    # Past the plain combinations, a middle initial keeps names distinct.
    letters = "ABCDEFGHJKLMNPRSTVW"
    i = 0
    while len(names) < count:
        first, last = combos[i % len(combos)].split(" ", 1)
        names.append(f"{first} {letters[(i // len(combos)) % len(letters)]}. {last}")
        i += 1
    return names


def organisation_names(rng: random.Random, count: int) -> list[str]:
    """`count` distinct organisation names."""
    combos = [f"{a} {n} {t}" for a in ORG_ADJECTIVES for n in ORG_NOUNS for t in ORG_TYPES]
    rng.shuffle(combos)
    names = combos[:count]
    i = 0
    while len(names) < count:
        names.append(f"{combos[i % len(combos)]} {i // len(combos) + 2}")
        i += 1
    return names


def place_names(rng: random.Random, count: int) -> list[str]:
    """`count` distinct invented place names."""
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        name = (stem + rng.choice(PLACE_SUFFIXES)).capitalize()
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def zipf_cum_weights(count: int, exponent: float = 1.0) -> list[float]:
    """Cumulative Zipf weights for ranks 1..count (for `random.choices(cum_weights=…)`)."""
    return list(accumulate(1.0 / (rank**exponent) for rank in range(1, count + 1)))


class Prose:
    """Builds titles and bodies from a pre-drawn pool of phrases (fast enough for a million entries)."""

    def __init__(self, rng: random.Random, pool_size: int = 20_000):
        self.rng = rng
        noun_weights = zipf_cum_weights(len(NOUNS), 0.8)
        self.phrases = [self._phrase(noun_weights) for _ in range(pool_size)]

    def _phrase(self, noun_weights: list[float]) -> str:
        rng = self.rng
        noun1, noun2 = rng.choices(NOUNS, cum_weights=noun_weights, k=2)
        shape = rng.randrange(4)
        if shape == 0:
            return f"{rng.choice(ADJECTIVES)} {noun1} {rng.choice(VERBS)} {rng.choice(PREPOSITIONS)} the {noun2}"
        if shape == 1:
            return f"the {noun1} {rng.choice(VERBS)} as {rng.choice(ADJECTIVES)} {noun2} {rng.choice(VERBS)}"
        if shape == 2:
            return f"{rng.choice(ADJECTIVES)} {noun1} and {noun2} {rng.choice(VERBS)} {rng.choice(TIME_WORDS)}"
        adjective, verb = rng.choice(ADJECTIVES), rng.choice(VERBS)
        where = f"{rng.choice(PREPOSITIONS)} the {rng.choice(NOUNS)}"
        return f"the {adjective} {noun1} {verb} the {noun2} {where}"

    def _fill(self, template: str, actor: str = "", place: str = "") -> str:
        rng = self.rng
        phrase = self.phrases[rng.randrange(len(self.phrases))]
        adj = rng.choice(ADJECTIVES)
        return template.format(
            actor=actor,
            place=place,
            phrase=phrase,
            Phrase=phrase[:1].upper() + phrase[1:],
            time=rng.choice(TIME_WORDS),
            verb=rng.choice(VERBS),
            noun=rng.choice(NOUNS),
            adj=adj,
            Adj=adj.capitalize(),
            prep=rng.choice(PREPOSITIONS),
        )

    def title(self, actor: str, place: str) -> str:
        text = self._fill(self.rng.choice(TITLE_TEMPLATES), actor, place)
        return text[:1].upper() + text[1:]

    def body(self, actors: list[str], places: list[str]) -> str:
        """One or two paragraphs naming every actor and place once, with plain sentences between."""
        rng = self.rng
        sentences = [self._fill(rng.choice(SENTENCE_WITH_ACTOR), actor=a) for a in actors]
        sentences += [self._fill(rng.choice(SENTENCE_WITH_PLACE), place=p) for p in places]
        sentences += [self._fill(rng.choice(SENTENCE_PLAIN)) for _ in range(rng.randint(1, 4))]
        rng.shuffle(sentences)
        sentences = [s[:1].upper() + s[1:] for s in sentences]
        if len(sentences) > 5:
            cut = len(sentences) // 2
            return " ".join(sentences[:cut]) + "\n\n" + " ".join(sentences[cut:])
        return " ".join(sentences)
