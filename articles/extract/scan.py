"""Scanning one article: name-like spans in every text, before they are resolved together.

Each text is tokenised and matched against the known phrases; runs of capitals become candidate
organisations, full names, lone words (a surname, "Mr Trump") and places. Resolution
(`articles.extract.resolve`) decides among them with the whole article in view.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from articles.extract.credits import blank_credits
from articles.extract.gazetteer import (
    COUNTRY,
    DEMONYM,
    NOT_PLACE,
    ORG,
    PERSON,
    PLACE,
    Entity,
    Gazetteer,
)
from articles.extract.matching import Match, case_fits, fake_token, gazetteer_town, phrase_matches
from articles.extract.names import (
    EVENT_HEADS,
    FACILITY_HEADS,
    NAMED_NOUNS,
    ORG_CONNECTORS,
    ORG_HEADS,
    PERSONAL_HONORIFICS,
    PLACE_PREFIXES,
    ROLE_WORDS,
    SPEECH_VERBS,
    TITLES,
)
from articles.extract.place_cues import named_as_place, with_wide_places
from articles.extract.tokens import Token, arabic_article, fold, lowercase_words, title_case, tokenize

TERMINAL = tuple(".!?\"”’')]…:;")
MAX_NAME_TOKENS = 4
DIGIT_RE = re.compile(r"\d")


@dataclass
class Single:
    """A lone capitalised word that may be a person: "Mr Trump", "Orpo", "Sir Keir"."""

    text_index: int
    word: str
    honorific: str = ""  # the title before it, if any
    known: str = ""  # canonical name from the gazetteer, the fallback


@dataclass
class FullName:
    text_index: int
    words: list[str]
    needs_evidence: bool = False
    evidence: bool = False
    # The place or country its first word also matched, dropped if this proves to be a person.
    shadow: tuple[str, int] | None = None


@dataclass
class ArticleScan:
    """Everything found in an article's texts before resolution."""

    gaz: Gazetteer
    overlay: dict[str, list[Entity]]
    texts: list[str]
    lowercase_words: set[str] = field(default_factory=set)
    countries: list[tuple[int, Entity]] = field(default_factory=list)
    places: list[tuple[int, list[Entity], bool, str]] = field(default_factory=list)  # text, candidates, one word?, cue
    orgs: list[tuple[int, str]] = field(default_factory=list)
    full_names: list[FullName] = field(default_factory=list)
    singles: list[Single] = field(default_factory=list)
    honoured_words: set[str] = field(default_factory=set)
    last_location: tuple[str, int] | None = None
    overlay_max: dict[str, int] = field(default_factory=dict)  # the database's phrases only
    max_tokens: dict[str, int] = field(default_factory=dict)  # the gazetteer's and the database's
    single_cache: dict[str, list[Entity]] = field(default_factory=dict)  # one-word matches by spelling

    # --- scanning -------------------------------------------------------------------------

    def scan(self, truncated_last: bool) -> None:
        """Tokenise every text, then collect candidate names, places and countries from each."""
        token_lists = []
        for index, text in enumerate(self.texts):
            text = blank_credits(text)  # photographers are not news
            tokens = tokenize(text)
            if truncated_last and index == len(self.texts) - 1 and tokens:
                tokens = tokens[:-1]  # a word cut off at the end of a truncated file
            token_lists.append(tokens)
        self.lowercase_words = lowercase_words("\n".join(self.texts))
        for index, tokens in enumerate(token_lists):
            self._scan_text(index, tokens)

    def _lookup(self, key: str) -> list[Entity]:
        return self.overlay.get(key) or self.gaz.phrases.get(key) or []

    def _matches(self, tokens: list[Token]) -> dict[int, Match]:
        return phrase_matches(
            tokens,
            self._lookup,
            self.max_tokens or self.gaz.max_tokens,
            self.gaz.lowercase_starts,
            self.overlay_max,
            self.single_cache,
        )

    def _scan_text(self, index: int, tokens: list[Token]) -> None:
        matches = self._matches(tokens)
        matches = with_wide_places(self.texts[index], tokens, matches, self.gaz.wide, self.gaz.common_words)
        # An entry's text is its title, a newline, then its body: judge the title's case on its own.
        newline = self.texts[index].find("\n")
        title_until = 0
        if newline != 0:
            title_tokens = [t for t in tokens if newline < 0 or t.start < newline]
            title_until = len(title_tokens) if title_case(title_tokens) else 0
        if "-" in self.texts[index]:
            covered = {j for m in matches.values() if m.stop - m.start > 1 for j in range(m.start, m.stop)}
            for token in tokens:
                if "-" in token.text and token.index not in matches and token.index not in covered:
                    self._hyphen_parts(index, token)  # "pro-Russian", "UK-based", "Hamas-run"
        i, n = 0, len(tokens)
        while i < n:
            token = tokens[i]
            if not (token.capital or i in matches or self._article_opens_run(tokens, i)):
                i += 1
                continue
            stop = self._run_end(tokens, i, matches)
            self._run(index, tokens, i, stop, matches, i < title_until)
            i = stop

    @staticmethod
    def _article_opens_run(tokens: list[Token], i: int) -> bool:
        """ "al-Aqsa Martyrs Hospital": a lower-case Arabic article word opens the name after it."""
        return (
            i + 1 < len(tokens)
            and arabic_article(tokens[i].text)
            and tokens[i + 1].capital
            and not tokens[i + 1].break_before
        )

    def _run_end(self, tokens: list[Token], start: int, matches: dict[int, Match]) -> int:
        """Tokens from `start` that form one run of capitals (no punctuation, no possessive inside)."""
        i, n = start, len(tokens)
        matched_until = -1  # where the last known name in the run ended
        while i < n:
            if i > start and tokens[i].break_before:
                break
            if i in matches:
                i = matches[i].stop
                matched_until = i
            elif (
                tokens[i].capital
                or arabic_article(tokens[i].text)  # inside a run, or opening one: "al-Aqsa Martyrs …"
                or (i > start and tokens[i].particle and i + 1 < n and tokens[i + 1].capital)
            ):
                i += 1
            elif (
                i > start
                and tokens[i].key in ORG_CONNECTORS
                and tokens[i].key != "and"
                and tokens[i - 1].key in ORG_HEADS
                # A known name is whole: "the Rapid Support Forces on El Fasher" is two names, and
                # so is "… Hospital in Deir el-Balah".
                and matched_until != i
                and not (tokens[i].key == "in" and i + 1 in matches)
                and (i - 1) not in matches
                and i + 1 < n
                and tokens[i + 1].capital
                and not tokens[i + 1].break_before
            ):
                i += 1  # "Ministry of Health", "Office for the Coordination ..."
            else:
                break
            if tokens[i - 1].possessive:
                break
        return max(i, start + 1)

    def _run(
        self, index: int, tokens: list[Token], start: int, stop: int, matches: dict[int, Match], headline_case: bool
    ) -> None:
        if stop - start == 1:  # most runs are one word: decide it directly
            match = matches.get(start)
            if match is None and tokens[start].text in self.gaz.common_words:
                return  # "The", "But", "Meanwhile"
            if match is None or (gazetteer_town(match) and _honorific(tokens, start) in PERSONAL_HONORIFICS):
                self._plain(index, tokens, [tokens[start]], headline_case, None, None)
            else:
                self._emit_match(index, tokens, match)
            return
        run = tokens[start:stop]
        inner = [matches[j] for j in range(start, stop) if j in matches]
        whole = inner[0] if len(inner) == 1 and inner[0].start == start and inner[0].stop == stop else None
        last = run[-1].key
        org_at_end = bool(inner) and inner[-1].stop == stop and inner[-1].entities[0].kind in (ORG, NOT_PLACE)
        in_match = {j for m in inner for j in range(m.start, m.stop)}
        connected = any(tokens[j].key in ORG_CONNECTORS for j in range(start + 1, stop) if j not in in_match)
        named_thing = (
            last in ORG_HEADS or last in EVENT_HEADS or last in FACILITY_HEADS or run[0].text in PLACE_PREFIXES
        )
        if whole is None and len(run) >= 2 and not org_at_end and (named_thing or connected):
            # An organisation or an event named with places inside: "Kursk Nuclear Power Plant".
            for match in inner:
                if match.entities[0].kind in (COUNTRY, DEMONYM):
                    self.countries.append((index, match.entities[0]))
            if (last in ORG_HEADS or connected) and not headline_case:
                words = _strip_leading(run, self.gaz.common_words)
                if len(words) >= 2:
                    self.orgs.append((index, " ".join(t.text for t in words)))
            return

        plain: list[Token] = []
        previous_match: Match | None = None
        j = start
        while j < stop:
            if j in matches and gazetteer_town(matches[j]) and self._namelike(run) >= 2:
                # A town's name next to other capitals is more likely part of a name: "Tirana Hassan".
                plain.append(tokens[j])
                j += 1
            elif j in matches and gazetteer_town(matches[j]) and _honorific(tokens, j) in PERSONAL_HONORIFICS:
                plain.append(tokens[j])  # "Ms Hassan" is not the Indian city
                j += 1
            elif j in matches:
                match = matches[j]
                took_match = False
                if plain:
                    took_match = self._plain(index, tokens, plain, headline_case, previous_match, match)
                    plain = []
                if not took_match:
                    self._emit_match(index, tokens, match)
                previous_match = match
                j = match.stop
            else:
                plain.append(tokens[j])
                j += 1
        if plain:
            self._plain(index, tokens, plain, headline_case, previous_match, None)

    def _namelike(self, run: list[Token]) -> int:
        """How many words of a run could be part of a person's name."""
        return sum(
            1
            for t in run
            if t.text not in self.gaz.common_words
            and t.text not in TITLES
            and t.text not in PERSONAL_HONORIFICS
            and not (t.sentence_start and t.key in self.lowercase_words)
        )

    def _emit_match(self, index: int, tokens: list[Token], match: Match) -> None:
        head = match.entities[0]
        if head.kind == NOT_PLACE:
            return
        if head.kind in (COUNTRY, DEMONYM):
            self.countries.append((index, head))
            self.last_location = ("countries", len(self.countries) - 1)
        elif head.kind == ORG:
            self.orgs.append((index, head.name))
        elif head.kind == PERSON:
            if match.stop - match.start == 1:
                self.singles.append(Single(index, tokens[match.start].text, _honorific(tokens, match.start), head.name))
                self._note_honour(tokens, match.start)
            else:
                self.full_names.append(FullName(index, head.name.split()))
        else:
            places = [e for e in match.entities if e.kind == PLACE]
            self.places.append((index, places, match.stop - match.start == 1, match.cue))
            self.last_location = ("places", len(self.places) - 1)

    def _plain(
        self,
        index: int,
        tokens: list[Token],
        plain: list[Token],
        headline_case: bool,
        before: Match | None,
        after: Match | None,
    ) -> bool:
        """Capitalised words the gazetteer does not know: titles, common words, or a name.

        True when the name took the known surname that follows (`after`) as its own."""
        took_after = False
        chunks: list[list[Token]] = [[]]
        honorific = ""
        for token in plain:
            common = token.text in self.gaz.common_words or (token.sentence_start and token.key in self.lowercase_words)
            if token.text in TITLES or token.text in PERSONAL_HONORIFICS or common or DIGIT_RE.search(token.text):
                if token.text in TITLES or token.text in PERSONAL_HONORIFICS:
                    honorific = token.text
                chunks.append([])
                continue
            if token.text.isupper() and len(token.text) > 1:  # an acronym the gazetteer lacks
                chunks.append([])
                continue
            chunks[-1].append(token)
        chunks = [c for c in chunks if c and not all(t.particle for t in c)]
        for chunk in chunks:
            position = chunk[0].index
            if named_as_place(self.texts[index], chunk[0].start):
                continue  # "the village of Shag al-Nom": a place the gazetteer lacks, not a person
            title = _honorific(tokens, position) or honorific
            if len(chunk) == 1:
                word = chunk[0]
                if before is not None and before.stop == position and before.entities[0].kind in (PLACE, COUNTRY):
                    # "Tirana Hassan", "Kamala Harris": a place name may be a first name.
                    first = tokens[before.start]
                    if before.stop - before.start == 1 and not headline_case:
                        name = FullName(index, [first.text, word.text], needs_evidence=True)
                        name.evidence = self._has_evidence(tokens, before.start, position)
                        name.shadow = self.last_location
                        self.full_names.append(name)
                        continue
                if after is not None and after.entities[0].kind == PERSON and after.start == position + 1:
                    # "Hunter Biden", "Maher al-Assad": a first name before a known surname is
                    # another person (the known one's own full name is matched whole).
                    known = after.entities[0].name
                    if not headline_case and after.stop - after.start == 1 and not _same_first(word.text, known):
                        self.full_names.append(FullName(index, [word.text, tokens[after.start].text]))
                        took_after = True
                    continue
                self.singles.append(Single(index, word.text.strip("-"), title))
                self._note_honour(tokens, position)
            elif len([t for t in chunk if not t.particle]) <= MAX_NAME_TOKENS and not headline_case:
                following = tokens[chunk[-1].index + 1] if chunk[-1].index + 1 < len(tokens) else None
                if (
                    following is not None
                    and not following.break_before
                    and not chunk[-1].possessive
                    and (following.key in ORG_HEADS or following.key in FACILITY_HEADS or following.key in NAMED_NOUNS)
                ):
                    continue  # "Kamal Adwan hospital", "Zamzam camp": named things, not people
                words = [t.text for t in chunk]
                if after is not None and after.entities[0].kind == PERSON and after.start == position + len(chunk):
                    words.append(tokens[after.start].text)
                    if after.stop - after.start == 1:
                        took_after = True
                        known = after.entities[0].name
                        if _same_first(words[0], known):
                            words = known.split()  # "Mohammed Hamdan Dagalo": a spelling of the known one
                self.full_names.append(FullName(index, words))
        return took_after

    def _has_evidence(self, tokens: list[Token], start: int, last: int) -> bool:
        before = tokens[start - 1] if start > 0 else None
        after = tokens[last + 1] if last + 1 < len(tokens) else None
        return bool(
            (before is not None and (before.key in ROLE_WORDS or before.text in TITLES))
            or (after is not None and after.key in SPEECH_VERBS)
        )

    def _note_honour(self, tokens: list[Token], position: int) -> None:
        if _honorific(tokens, position):
            self.honoured_words.add(fold(tokens[position].text))

    def _hyphen_parts(self, index: int, token: Token) -> None:
        """ "pro-Russian", "Iranian-backed", "Hamas-run": a country or organisation in a hyphenated word."""
        for part in token.text.split("-"):
            if part[:1].isupper():
                for entity in self._lookup(fold(part)):
                    if not case_fits(entity.surface, [fake_token(part)]):
                        continue
                    if entity.kind in (COUNTRY, DEMONYM):
                        self.countries.append((index, entity))
                    elif entity.kind == ORG:
                        self.orgs.append((index, entity.name))  # "Hamas-run", "Hezbollah-backed"
                    break


def _same_first(first: str, known: str) -> bool:
    """Whether `first` spells the known person's first name ("Volodymyr"/"Vladimir" Zelensky, but
    not "Jill" Biden): same initial and mostly the same letters."""
    own = known.split(maxsplit=1)[0].lower()
    first = first.lower()
    return first[:1] == own[:1] and SequenceMatcher(None, first, own).ratio() >= 0.5


def _honorific(tokens: list[Token], position: int) -> str:
    if position == 0 or tokens[position].break_before:
        return ""
    previous = tokens[position - 1]
    if previous.text in PERSONAL_HONORIFICS or previous.text in TITLES or previous.key in ROLE_WORDS:
        return previous.text
    return ""


def _strip_leading(run: list[Token], common: frozenset[str]) -> list[Token]:
    words = list(run)
    while words and (words[0].text in common or words[0].key == "the"):
        words = words[1:]
    return words


def is_terminal(text: str) -> bool:
    """Does a text end like a finished sentence (not cut off mid-word)?"""
    stripped = text.rstrip()
    return not stripped or stripped.endswith(TERMINAL) or stripped[-1].isdigit()
