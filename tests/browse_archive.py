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
]


@dataclass
class BrowseArchive:
    people: dict = field(default_factory=dict)
    orgs: dict = field(default_factory=dict)
    places: dict = field(default_factory=dict)
    articles: list = field(default_factory=list)
    entries: list = field(default_factory=list)


def build_browse_archive(*, articles: int = 4, entries_per_article: int = 8, undated: int = 2) -> BrowseArchive:
    """Articles over a few months; people, organisations and places in four countries; some undated."""
    archive = BrowseArchive()
    archive.people = {
        "okafor": ActorFactory(name="Amara Okafor", slug="amara-okafor"),
        "lindqvist": ActorFactory(name="Erik Lindqvist", slug="erik-lindqvist"),
        "moreau": ActorFactory(name="Claire Moreau", slug="claire-moreau"),
    }
    archive.orgs = {
        "relief": OrganisationFactory(name="Northern Relief Agency", slug="northern-relief-agency"),
        "council": OrganisationFactory(name="Security Council", slug="security-council"),
    }
    archive.places = {
        "UA": CountryFactory(country_code="UA", name="Ukraine", slug="ukraine"),
        "PL": CountryFactory(country_code="PL", name="Poland", slug="poland"),
        "odesa": LocationFactory(name="Odesa", slug="odesa-ua", country_code="UA"),
        "lviv": LocationFactory(name="Lviv", slug="lviv-ua", country_code="UA"),
        "warsaw": LocationFactory(name="Warsaw", slug="warsaw-pl", country_code="PL"),
        "geneva": LocationFactory(name="Geneva", slug="geneva-ch", country_code="CH"),
    }
    people, orgs, places = list(archive.people.values()), list(archive.orgs.values()), list(archive.places.values())
    start = datetime.date(2024, 6, 3)
    n = 0
    for a in range(articles):
        published = start + datetime.timedelta(days=23 * a)
        article = ArticleFactory(headline=f"Live: day {a + 1} of reporting from the region", published_on=published)
        archive.articles.append(article)
        for position in range(entries_per_article):
            title, body = STORIES[n % len(STORIES)]
            day = published + datetime.timedelta(days=position % 3)
            archive.entries.append(
                entry_with_mentions(
                    article=article,
                    position=position,
                    title=f"{title} ({n + 1})",
                    body=body,
                    published_on=day,
                    actors=[people[n % 3]]
                    + ([orgs[n % 2]] if n % 3 else [])
                    + ([people[(n + 1) % 3]] if n % 4 == 0 else []),
                    locations=[places[2 + n % 4]] + ([places[n % 2]] if n % 2 else []),
                )
            )
            n += 1
    undated_article = ArticleFactory(headline="Undated notes from the archive", published_on=None)
    archive.articles.append(undated_article)
    for position in range(undated):
        archive.entries.append(
            entry_with_mentions(
                article=undated_article,
                position=position,
                title=f"Undated convoy note {position + 1}",
                body="An undated note about a convoy of aid trucks near the border.",
                published_on=None,
                actors=[people[0]],
                locations=[places[2]],
            )
        )
    mention_counts_refresh()
    return archive
