from articles.extraction import AliasRecord, AliasTable
from articles.models import Actor, ActorAlias, Location, LocationAlias


def alias_table() -> AliasTable:
    """Every canonical name and alias in the database, for the extractor."""
    records = [AliasRecord(a.name, a.name, a.kind) for a in Actor.objects.only("name", "kind")]
    records += [AliasRecord(a.name, a.actor.name, a.actor.kind) for a in ActorAlias.objects.select_related("actor")]
    records += [
        AliasRecord(loc.name, loc.name, loc.kind, loc.country_code)
        for loc in Location.objects.only("name", "kind", "country_code")
    ]
    records += [
        AliasRecord(a.name, a.location.name, a.location.kind, a.location.country_code)
        for a in LocationAlias.objects.select_related("location")
    ]
    return AliasTable(records)
