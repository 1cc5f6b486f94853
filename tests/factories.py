"""factory_boy factories for test data written in the tests themselves."""

import datetime
import hashlib

import factory

from articles.models import Actor, Article, Entry, EntryActor, EntryLocation, Location


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    headline = factory.Sequence(lambda n: f"Test headline number {n}")
    published_on = datetime.date(2024, 11, 8)
    source_file = factory.Sequence(lambda n: f"test_{n:04d}.txt")
    publisher = "Test Wire"
    content_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.source_file.encode()).hexdigest())


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Entry title {n}")
    body = "Shelling was reported overnight."
    published_on = factory.LazyAttribute(lambda o: o.article.published_on)
    content_hash = factory.LazyAttribute(lambda o: hashlib.sha256(f"{o.title}|{o.body}".encode()).hexdigest())


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    kind = Actor.Kind.PERSON


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    name = factory.Sequence(lambda n: f"Town {n}")
    slug = factory.Sequence(lambda n: f"town-{n}")
    kind = Location.Kind.CITY
    country_code = "UA"


class EntryActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EntryActor

    entry = factory.SubFactory(EntryFactory)
    actor = factory.SubFactory(ActorFactory)


class EntryLocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EntryLocation

    entry = factory.SubFactory(EntryFactory)
    location = factory.SubFactory(LocationFactory)


class OrganisationFactory(ActorFactory):
    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Actor.Kind.ORGANISATION


class CountryFactory(LocationFactory):
    """The country itself as a place (kind=country); pass country_code and name."""

    name = factory.LazyAttribute(lambda o: f"Country {o.country_code}")
    slug = factory.LazyAttribute(lambda o: f"country-{o.country_code.lower()}")
    kind = Location.Kind.COUNTRY


def entry_with_mentions(*, actors=(), locations=(), **entry_fields) -> Entry:
    """An entry whose denormalised arrays and search vector are filled as the importer fills them."""
    from articles.services.denorm import entry_denorm_refresh

    entry = EntryFactory(**entry_fields)
    for actor in actors:
        EntryActorFactory(entry=entry, actor=actor)
    for location in locations:
        EntryLocationFactory(entry=entry, location=location)
    entry_denorm_refresh(entry_ids=[entry.pk])
    entry.refresh_from_db()
    return entry
