//! The place gazetteer: place names and their aliases (cities over 15,000 people, US states,
//! countries with their alternative spellings and demonyms) mapped to one canonical name and the
//! country each lies in. Built from GeoNames and countryinfo by `scripts/build_gazetteer.py` into
//! `data/gazetteer/places.tsv` (see NOTICE for attribution) and compiled in. Nothing is parsed
//! ahead of time: the table is split into lines on first use and searched by bisection, so a
//! search that never resolves an alias never touches it, and one that does pays about a millisecond.
//!
//! An alias can name places of several kinds ("Washington": a state and a city); callers choose
//! by context: [`Gazetteer::place`] prefers a country, [`Gazetteer::city_first`] a city, as a
//! dateline means. Deciding whether a capitalised word in running text *is* a place ("Reading",
//! "Chad") is not done here.

use std::sync::OnceLock;

const DATA: &str = include_str!("../../data/gazetteer/places.tsv");

/// What kind of place an alias names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    Country,
    /// A US state.
    State,
    City,
    /// A people's adjective ("French"), standing for its country.
    Demonym,
}

impl PlaceKind {
    fn rank(self) -> u8 {
        match self {
            PlaceKind::Country => 0,
            PlaceKind::State => 1,
            PlaceKind::Demonym => 2,
            PlaceKind::City => 3,
        }
    }
}

/// One resolved place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub canonical: &'static str,
    /// The country the place lies in (a country's own name for a country).
    pub country: &'static str,
    pub kind: PlaceKind,
    pub population: u64,
}

/// The gazetteer's lines, sorted by folded alias (the build script sorts them so), searched by
/// bisection: nothing is parsed until a name is looked up, so loading costs about a millisecond.
pub struct Gazetteer {
    lines: Vec<&'static str>,
}

/// The gazetteer, split into lines on first call.
pub fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(|| Gazetteer {
        lines: DATA.lines().filter(|line| !line.starts_with('#')).collect(),
    })
}

impl Gazetteer {
    /// Every place a name or alias can stand for, matched case-insensitively with hyphens,
    /// underscores and runs of spaces folded (`Paris`, `PARIS`, `U.S.`, `French`,
    /// `west-germany`): countries first, then states, demonyms, cities.
    pub fn candidates(&self, name: &str) -> Vec<Place> {
        let key = fold(name);
        let start = self
            .lines
            .partition_point(|line| fold(alias_of(line)) < key);
        let mut places: Vec<Place> = self.lines[start..]
            .iter()
            .take_while(|line| fold(alias_of(line)) == key)
            .filter_map(|line| parse_line(line))
            .map(|(_, place)| place)
            .collect();
        order_by_preference(&mut places);
        places
    }

    /// The place a name most likely means without context: a country before a state, a state
    /// before a city ("Georgia" is the country).
    pub fn place(&self, name: &str) -> Option<Place> {
        self.candidates(name).first().copied()
    }

    /// The place a dateline's name means: the city if there is one ("WASHINGTON" is the city).
    pub fn city_first(&self, name: &str) -> Option<Place> {
        city_else_first(&self.candidates(name))
    }

    /// Every (alias, place) entry, in the table's order.
    pub fn entries(&self) -> impl Iterator<Item = (&'static str, Place)> + '_ {
        self.lines.iter().filter_map(|line| parse_line(line))
    }

    /// Number of (alias, place) entries.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

/// The order candidates are preferred in without context: countries, then states, demonyms and
/// cities, the most populous first within a kind.
pub(crate) fn order_by_preference(places: &mut [Place]) {
    places.sort_by_key(|p| (p.kind.rank(), std::cmp::Reverse(p.population)));
}

/// What a dateline's name means among its candidates (in preference order): a city if there is
/// one, else the preferred place.
pub(crate) fn city_else_first(candidates: &[Place]) -> Option<Place> {
    candidates
        .iter()
        .find(|p| p.kind == PlaceKind::City)
        .or(candidates.first())
        .copied()
}

fn alias_of(line: &str) -> &str {
    line.split('\t').next().unwrap_or("")
}

fn parse_line(line: &'static str) -> Option<(&'static str, Place)> {
    let mut fields = line.split('\t');
    let alias = fields.next()?;
    let canonical = fields.next()?;
    let country = fields.next()?;
    let kind = match fields.next()? {
        "country" => PlaceKind::Country,
        "state" => PlaceKind::State,
        "city" => PlaceKind::City,
        "demonym" => PlaceKind::Demonym,
        _ => return None,
    };
    let population = fields.next()?.parse().ok()?;
    Some((
        alias,
        Place {
            canonical,
            country,
            kind,
            population,
        },
    ))
}

/// The lookup form (the build script folds the same way): lower case, hyphens and underscores
/// as spaces, runs of spaces as one.
pub(crate) fn fold(name: &str) -> String {
    let mut folded = String::with_capacity(name.len());
    fold_into(name, &mut folded);
    folded
}

/// [`fold`] into a buffer the caller reuses (extraction folds millions of words).
pub(crate) fn fold_into(name: &str, folded: &mut String) {
    fold_with(name, ' ', folded);
}

/// Lower case, with each run of spaces, hyphens and underscores made one `separator` and none
/// at either end: the one normal form behind lookup keys ([`fold`]) and facet values
/// ([`crate::facet_key`]).
pub(crate) fn fold_with(name: &str, separator: char, folded: &mut String) {
    folded.clear();
    fold_onto(name, separator, folded);
}

/// [`fold_with`] appending to what `folded` already holds.
pub(crate) fn fold_onto(name: &str, separator: char, folded: &mut String) {
    let plain_ascii = name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'\'');
    if plain_ascii {
        // Nearly every word of English text: no separators, no case beyond ASCII.
        folded.push_str(name);
        let start = folded.len() - name.len();
        folded[start..].make_ascii_lowercase();
    } else {
        fold_each_char_onto(name, separator, folded);
    }
}

/// [`fold_onto`] for any text, a character at a time.
fn fold_each_char_onto(name: &str, separator: char, folded: &mut String) {
    let mut pending_separator = false;
    for c in name.chars() {
        if c.is_whitespace() || c == '-' || c == '_' {
            pending_separator = !folded.is_empty();
            continue;
        }
        if pending_separator {
            folded.push(separator);
            pending_separator = false;
        }
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
        } else {
            folded.extend(c.to_lowercase());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(name: &str) -> Option<(&'static str, &'static str, PlaceKind)> {
        gazetteer()
            .place(name)
            .map(|p| (p.canonical, p.country, p.kind))
    }

    proptest::proptest! {
        #[test]
        fn folding_plain_ascii_at_once_is_folding_each_char(
            before in "[a-z ]{0,4}",
            plain in "[A-Za-z0-9.']{0,12}",
            mixed in "[A-Za-z0-9.' \\-_ÉéÅ]{0,12}",
        ) {
            for name in [plain, mixed] {
                let (mut at_once, mut each_char) = (before.clone(), before.clone());
                fold_onto(&name, '-', &mut at_once);
                fold_each_char_onto(&name, '-', &mut each_char);
                proptest::prop_assert_eq!(at_once, each_char);
            }
        }
    }

    #[test]
    fn every_line_of_the_data_file_parses() {
        let lines = DATA.lines().filter(|l| !l.starts_with('#'));
        for line in lines {
            assert!(
                parse_line(line).is_some(),
                "malformed gazetteer line: {line:?}"
            );
        }
        assert!(gazetteer().len() > 20_000);
    }

    #[test]
    fn lines_are_sorted_by_folded_alias_so_bisection_finds_them() {
        let lines = &gazetteer().lines;
        for pair in lines.windows(2) {
            assert!(
                fold(alias_of(pair[0])) <= fold(alias_of(pair[1])),
                "{pair:?}"
            );
        }
    }

    #[test]
    fn cities_know_their_country() {
        assert_eq!(resolve("Paris"), Some(("Paris", "France", PlaceKind::City)));
        assert_eq!(
            resolve("MOSCOW"),
            Some(("Moscow", "Russia", PlaceKind::City))
        );
        assert_eq!(
            resolve("  buenos   aires "),
            Some(("Buenos Aires", "Argentina", PlaceKind::City))
        );
    }

    #[test]
    fn cities_are_found_as_english_wires_spell_them() {
        // Without accents, umlauts spelt out, the German "am Main" dropped, older names.
        for (dateline, city, country) in [
            ("ZURICH", "Zurich", "Switzerland"),
            ("MONTREAL", "Montreal", "Canada"),
            ("SAO PAULO", "Sao Paulo", "Brazil"),
            ("DUESSELDORF", "Dusseldorf", "Germany"),
            ("FRANKFURT", "Frankfurt am Main", "Germany"),
            ("PEKING", "Beijing", "China"),
            ("BASLE", "Basel", "Switzerland"),
            ("ST. PAUL", "Saint Paul", "United States"),
        ] {
            let place = gazetteer().city_first(dateline);
            assert_eq!(
                place.map(|p| (p.canonical, p.country)),
                Some((city, country)),
                "{dateline}"
            );
        }
    }

    #[test]
    fn aliases_and_demonyms_resolve_to_one_country() {
        for alias in ["U.S.", "US", "USA", "United States", "America", "American"] {
            assert_eq!(
                resolve(alias).map(|p| p.0),
                Some("United States"),
                "{alias}"
            );
        }
        assert_eq!(
            resolve("French"),
            Some(("France", "France", PlaceKind::Demonym))
        );
        assert_eq!(resolve("Britain").map(|p| p.0), Some("United Kingdom"));
        assert_eq!(
            resolve("Texas"),
            Some(("Texas", "United States", PlaceKind::State))
        );
    }

    #[test]
    fn regions_and_english_city_names_carry_their_country() {
        for (name, expected) in [
            ("Scotland", ("Scotland", "United Kingdom", PlaceKind::State)),
            (
                "New England",
                ("New England", "United States", PlaceKind::State),
            ),
            ("Bavaria", ("Bavaria", "Germany", PlaceKind::State)),
            (
                "Gaza Strip",
                ("Gaza Strip", "Palestinian Territory", PlaceKind::State),
            ),
            ("Mecca", ("Makkah", "Saudi Arabia", PlaceKind::City)),
            ("Bangalore", ("Bengaluru", "India", PlaceKind::City)),
        ] {
            assert_eq!(resolve(name), Some(expected), "{name}");
        }
    }

    #[test]
    fn context_chooses_between_kinds() {
        assert_eq!(resolve("Georgia").map(|p| p.2), Some(PlaceKind::Country));
        assert_eq!(resolve("Washington").map(|p| p.2), Some(PlaceKind::State));
        let dateline = gazetteer()
            .city_first("WASHINGTON")
            .map(|p| (p.canonical, p.kind));
        assert_eq!(dateline, Some(("Washington", PlaceKind::City)));
        assert_eq!(
            gazetteer().city_first("Japan").map(|p| p.kind),
            Some(PlaceKind::Country)
        );
        assert_eq!(resolve("Nowhereville"), None);
    }

    #[test]
    fn reuters_codes_resolve() {
        for (code, canonical) in [
            ("usa", "United States"),
            ("west-germany", "West Germany"),
            ("uk", "United Kingdom"),
            ("el-salvador", "El Salvador"),
            ("hong-kong", "Hong Kong"),
            ("netherlands", "The Netherlands"),
            ("ussr", "Soviet Union"),
        ] {
            assert_eq!(resolve(code).map(|p| p.0), Some(canonical), "{code}");
        }
    }
}
