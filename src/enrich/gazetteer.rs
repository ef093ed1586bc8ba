//! The place gazetteer: place names and their aliases (cities over 15,000 people, US states,
//! countries with their alternative spellings and demonyms) mapped to one canonical name and the
//! country each lies in. Built from GeoNames and countryinfo by `scripts/build_gazetteer.py` into
//! `data/gazetteer/places.tsv` (see NOTICE for attribution), compiled in, and parsed on first
//! use only, so searching never pays for it.
//!
//! This is the lookup table that entity extraction will resolve place mentions against; deciding
//! whether a capitalised word in running text *is* a place ("Reading", "Chad") is not done here.

use std::collections::HashMap;
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

/// One resolved place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub canonical: &'static str,
    /// The country the place lies in (a country's own name for a country).
    pub country: &'static str,
    pub kind: PlaceKind,
    pub population: u64,
}

/// Aliases, folded to lower case, and the place each names.
pub struct Gazetteer {
    by_alias: HashMap<String, Place>,
}

/// The gazetteer, parsed on first call.
pub fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(|| Gazetteer::parse(DATA))
}

impl Gazetteer {
    /// Parses the TSV; malformed lines are skipped (the build script writes none; a unit test
    /// checks that every line parses).
    fn parse(data: &'static str) -> Gazetteer {
        let by_alias = data
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(parse_line)
            .map(|(alias, place)| (fold(alias), place))
            .collect();
        Gazetteer { by_alias }
    }

    /// The place a name or alias stands for, matched case-insensitively with spaces folded:
    /// `Paris`, `PARIS`, `U.S.`, `French`.
    pub fn place(&self, name: &str) -> Option<&Place> {
        self.by_alias.get(&fold(name))
    }

    pub fn len(&self) -> usize {
        self.by_alias.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_alias.is_empty()
    }
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

fn fold(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(name: &str) -> Option<(&'static str, &'static str, PlaceKind)> {
        gazetteer()
            .place(name)
            .map(|p| (p.canonical, p.country, p.kind))
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
    fn a_country_outranks_a_state_or_city_of_the_same_name() {
        assert_eq!(resolve("Georgia").map(|p| p.2), Some(PlaceKind::Country));
        assert_eq!(resolve("Nowhereville"), None);
    }
}
