"""A small, realistic archive written for the browse tests (our own sentences, not the seeds)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from articles.services.denorm import mention_counts_refresh
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    CountryFactory,
    LocationFactory,
    OrganisationFactory,
    entry_with_mentions,
)

STORIES = [
    ("Grain ships leave the southern port", "Three cargo ships carrying grain left the port under naval escort."),
    ("Talks resume in the capital", "Delegations met again to discuss a ceasefire along the front line."),
    ("Drone attack on energy sites", "Air defence units intercepted most drones aimed at power stations."),
    ("Aid convoy reaches the city", "A humanitarian convoy delivered medicine and water to residents."),
    ("Sanctions package announced", "Ministers agreed a new sanctions package targeting shipping firms."),
    ("Evacuation from frontline villages", "Volunteers helped older residents leave villages near the front."),
    ("Parliament debates defence budget", "Lawmakers argued over how much to spend on air defence next year."),
    ("Power restored after strikes", "Engineers restored electricity to most homes after overnight strikes."),
    ("Refugees register at the border", "Officials opened two more registration points for families crossing."),
    ("Railway line reopens", "Passenger trains ran again on the repaired line for the first time in weeks."),
    ("Prisoner exchange completed", "Both sides confirmed the return of dozens of detained soldiers."),
    ("Schools move classes underground", "Teachers began lessons in basement shelters as sirens continued."),
]


@dataclass
class BrowseArchive:
    people: dict = field(default_factory=dict)
    orgs: dict = field(default_factory=dict)
    places: dict = field(default_factory=dict)
    articles: list = field(default_factory=list)
    entries: list = field(default_factory=list)
    duplicates: list = field(default_factory=list)


def build_browse_archive(*, articles: int = 4, entries_per_article: int = 8, undated: int = 2) -> BrowseArchive:
    """Articles over a few months with people, organisations and places in three countries.

    From the second article on, each live blog opens by repeating the previous one's last
    entry (a duplicate pointing at the canonical entry); a final article has undated entries.
    """
    archive = BrowseArchive()
    archive.people = {
        "okafor": ActorFactory(name="Amara Okafor", slug="amara-okafor"),
        "lindqvist": ActorFactory(name="Erik Lindqvist", slug="erik-lindqvist"),
        "moreau": ActorFactory(name="Claire Moreau", slug="claire-moreau"),
        "haddad": ActorFactory(name="Rami Haddad", slug="rami-haddad"),
    }
    archive.orgs = {
        "relief": OrganisationFactory(name="Northern Relief Agency", slug="northern-relief-agency"),
        "council": OrganisationFactory(name="Security Council", slug="security-council"),
        "rail": OrganisationFactory(name="State Railways", slug="state-railways"),
    }
    archive.places = {
        "UA": CountryFactory(country_code="UA", name="Ukraine", slug="ukraine"),
        "PL": CountryFactory(country_code="PL", name="Poland", slug="poland"),
        "odesa": LocationFactory(name="Odesa", slug="odesa-ua", country_code="UA"),
        "lviv": LocationFactory(name="Lviv", slug="lviv-ua", country_code="UA"),
        "kharkiv": LocationFactory(name="Kharkiv", slug="kharkiv-ua", country_code="UA"),
        "warsaw": LocationFactory(name="Warsaw", slug="warsaw-pl", country_code="PL"),
        "rzeszow": LocationFactory(name="Rzeszów", slug="rzeszow-pl", country_code="PL"),
        "geneva": LocationFactory(name="Geneva", slug="geneva-ch", country_code="CH"),
    }
    people, orgs = list(archive.people.values()), list(archive.orgs.values())
    p = archive.places
    cities = [p["odesa"], p["kharkiv"], p["warsaw"], p["lviv"], p["geneva"], p["rzeszow"]]
    start = datetime.date(2024, 6, 3)
    n = 0
    previous_last = None
    for a in range(articles):
        published = start + datetime.timedelta(days=23 * a)
        article = ArticleFactory(
            headline=f"Live: day {a * 23 + 1} of the war — latest updates", published_on=published, entry_count=0
        )
        archive.articles.append(article)
        position = 0
        if previous_last is not None:
            repeat = entry_with_mentions(
                article=article,
                position=position,
                title=previous_last.title,
                body=previous_last.body,
                published_on=published,
                content_hash=previous_last.content_hash,
                duplicate_of=previous_last,
                actors=list(previous_last.actors.all()),
                locations=list(previous_last.locations.all()),
            )
            archive.duplicates.append(repeat)
            position += 1
        for _ in range(entries_per_article):
            title, body = STORIES[n % len(STORIES)]
            city = cities[n % len(cities)]
            locations = [city]
            if city.country_code in ("UA", "PL") and n % 3 == 0:
                locations.append(p[city.country_code])
            actors = [people[n % 4]]
            if n % 3:
                actors.append(orgs[n % 3])
            if n % 5 == 0:
                actors.append(people[(n + 1) % 4])
            entry = entry_with_mentions(
                article=article,
                position=position,
                title=title,
                body=body,
                published_on=published + datetime.timedelta(days=position % 3),
                content_hash=f"story-{n}",
                actors=actors,
                locations=locations,
            )
            archive.entries.append(entry)
            previous_last = entry
            position += 1
            n += 1
        article.entry_count = position
        article.save(update_fields=["entry_count"])
    undated_article = ArticleFactory(headline="Notes from the field (date unknown)", published_on=None)
    archive.articles.append(undated_article)
    for position in range(undated):
        archive.entries.append(
            entry_with_mentions(
                article=undated_article,
                position=position,
                title=f"Convoy seen near the border, note {position + 1}",
                body="A convoy of aid trucks waited near the border crossing for inspection.",
                published_on=None,
                content_hash=f"undated-{position}",
                actors=[people[0]],
                locations=[p["rzeszow"]],
            )
        )
    undated_article.entry_count = undated
    undated_article.save(update_fields=["entry_count"])
    mention_counts_refresh()
    return archive
