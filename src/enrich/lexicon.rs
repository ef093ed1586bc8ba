//! The names entity extraction recognises, and the word lists its rules use. Four compiled-in
//! tables sit beside the place [`gazetteer`](super::gazetteer): `people.tsv` (canonical name,
//! aliases including Reuters codes, and how often the person is in the news) and
//! `first-names.txt` (US Census first names), both from `scripts/build_names.py`;
//! `notable-people.tsv` (people in the news since the 1980s whom Reuters does not know) and
//! `orgs.tsv` (organisations with their acronyms and Reuters codes), both written for this
//! project.
//!
//! [`lexicon`] parses everything into hash maps on first use (tens of milliseconds), which only
//! indexing and `extract` pay. Search resolves a filter's alias through
//! [`canonical_person`]/[`canonical_org`], which scan the small tables without building maps.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::gazetteer::{fold, gazetteer, order_by_preference, Place};

const PEOPLE: &str = include_str!("../../data/gazetteer/people.tsv");
const NOTABLE_PEOPLE: &str = include_str!("../../data/gazetteer/notable-people.tsv");
const ORGS: &str = include_str!("../../data/gazetteer/orgs.tsv");
const FIRST_NAMES: &str = include_str!("../../data/gazetteer/first-names.txt");

/// How often a person must be in the news for their surname alone to name them: tagged in this
/// many Reuters training stories, or listed in `notable-people.tsv`.
pub const NEWSWORTHY: u32 = 5;

/// A person the tables know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Person {
    pub canonical: &'static str,
    /// How many Reuters training stories are tagged with the person ([`NEWSWORTHY`] for the
    /// notable people): among people sharing an alias ("Baker"), the most newsworthy wins.
    pub weight: u32,
}

/// An organisation the tables know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Org {
    pub canonical: &'static str,
    /// Set for aliases that are also ordinary words ("Fund" for the IMF, "Labour"): they count
    /// only when the organisation is named plainly elsewhere in the same article.
    pub weak: bool,
}

/// Everything extraction looks names up in, keyed by [`fold`]ed form unless said otherwise.
pub struct Lexicon {
    places: FastMap<String, Vec<Place>>,
    people: FastMap<String, Vec<Person>>,
    orgs: FastMap<String, Org>,
    /// Acronyms ("EC", "IS", "U.N."), matched only as written, so that "is" and "Is" never are.
    acronyms: FastMap<&'static str, Org>,
    first_names: FastSet<&'static str>,
    /// The first words of names longer than one word: only these need longer lookups.
    first_words: FastSet<String>,
}

/// A map hashed with [`Fnv`], for short keys looked up often: the name tables here, facet
/// totals, remembered stems.
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// A set hashed with [`Fnv`]: extraction's word lists hold short keys looked up per word.
pub(crate) type FastSet<T> = HashSet<T, BuildHasherDefault<Fnv>>;

/// FNV-1a: the keys are short names looked up millions of times while indexing, where the
/// standard SipHash (built to resist hash flooding, not needed for fixed tables) shows.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &byte in bytes {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

/// The lexicon, built on first call.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::build)
}

impl Lexicon {
    fn build() -> Lexicon {
        let mut places: FastMap<String, Vec<Place>> = FastMap::default();
        for (alias, place) in gazetteer().entries() {
            if usable_in_text(alias) {
                places.entry(fold(alias)).or_default().push(place);
            }
        }
        for candidates in places.values_mut() {
            order_by_preference(candidates);
        }

        let mut people: FastMap<String, Vec<Person>> = FastMap::default();
        for (canonical, aliases, weight) in people_rows() {
            let person = Person { canonical, weight };
            for alias in std::iter::once(canonical).chain(aliases) {
                let entry = people.entry(fold(alias)).or_default();
                if !entry.contains(&person) {
                    entry.push(person);
                }
            }
        }
        for candidates in people.values_mut() {
            candidates.sort_by_key(|p| std::cmp::Reverse(p.weight));
        }

        let mut orgs = FastMap::default();
        let mut acronyms = FastMap::default();
        for (canonical, aliases, code) in table_rows(ORGS) {
            let plain = Org {
                canonical,
                weak: false,
            };
            for alias in std::iter::once(canonical).chain(aliases) {
                let (alias, weak) = match alias.strip_prefix('*') {
                    Some(word) => (word, true),
                    None => (alias, false),
                };
                let org = Org { weak, ..plain };
                if is_acronym(alias) {
                    acronyms.insert(alias, org);
                } else {
                    orgs.insert(fold(alias), org);
                }
            }
            if !code.is_empty() {
                orgs.insert(fold(code), plain);
            }
        }

        let first_names = FIRST_NAMES
            .lines()
            .filter(|line| !line.starts_with('#') && !line.is_empty())
            .collect();
        let first_words = places
            .keys()
            .chain(people.keys())
            .chain(orgs.keys())
            .filter_map(|name| name.split_once(' ').map(|(first, _)| first.to_string()))
            .collect();
        Lexicon {
            places,
            people,
            orgs,
            acronyms,
            first_names,
            first_words,
        }
    }

    /// The places a folded name can stand for, countries first.
    pub fn places(&self, folded: &str) -> &[Place] {
        self.places.get(folded).map_or(&[], Vec::as_slice)
    }

    /// The people a folded name or alias can stand for, most newsworthy first.
    pub fn people(&self, folded: &str) -> &[Person] {
        self.people.get(folded).map_or(&[], Vec::as_slice)
    }

    /// The organisation a folded full name stands for.
    pub fn org(&self, folded: &str) -> Option<Org> {
        self.orgs.get(folded).copied()
    }

    /// The organisation an acronym stands for, matched exactly as written.
    pub fn acronym(&self, written: &str) -> Option<Org> {
        self.acronyms.get(written).copied()
    }

    /// The canonical name of a person named by an alias or Reuters code (the hashed form of
    /// [`canonical_person`], for indexing).
    pub fn person_name(&self, name: &str) -> Option<&'static str> {
        self.people(&fold(name)).first().map(|p| p.canonical)
    }

    /// The canonical name of an organisation named by an alias, acronym or Reuters code (the
    /// hashed form of [`canonical_org`], for indexing).
    pub fn org_name(&self, name: &str) -> Option<&'static str> {
        self.acronym(name)
            .or_else(|| self.org(&fold(name)))
            .map(|o| o.canonical)
    }

    /// Whether a folded word begins some name of more than one word.
    pub fn starts_longer_name(&self, folded_word: &str) -> bool {
        self.first_words.contains(folded_word)
    }

    pub fn is_first_name(&self, word: &str) -> bool {
        self.first_names.contains(word)
    }
}

/// Place aliases that are too often something else in running text: three-letter country
/// codes ("SEN", "MAR", "PER" fold to ordinary words) and foreign spellings that are English
/// words. They still resolve search filters through the gazetteer.
fn usable_in_text(alias: &str) -> bool {
    const KEPT_CODES: &[&str] = &["US", "UK", "USA", "UAE"];
    const NOT_IN_TEXT: &[&str] = &["Island"];
    let code = alias.len() <= 3 && alias.chars().all(|c| c.is_ascii_uppercase());
    (!code || KEPT_CODES.contains(&alias)) && !NOT_IN_TEXT.contains(&alias)
}

/// An acronym as the org table writes one: capitals (and dots), at least two letters.
fn is_acronym(alias: &str) -> bool {
    alias.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
        && alias.chars().all(|c| c.is_ascii_uppercase() || c == '.')
}

type Aliases = std::iter::Filter<std::str::Split<'static, char>, fn(&&'static str) -> bool>;

/// A table's data lines as (first column, aliases, last column).
fn table_rows(table: &'static str) -> impl Iterator<Item = (&'static str, Aliases, &'static str)> {
    let non_empty: fn(&&'static str) -> bool = |alias| !alias.is_empty();
    table
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(move |line| {
            let mut columns = line.split('\t');
            let canonical = columns.next()?;
            let aliases = columns.next().unwrap_or("").split('|').filter(non_empty);
            Some((canonical, aliases, columns.next().unwrap_or("")))
        })
}

/// Both people tables as (canonical name, aliases, weight).
fn people_rows() -> impl Iterator<Item = (&'static str, Aliases, u32)> {
    let from_reuters = table_rows(PEOPLE)
        .map(|(canonical, aliases, weight)| (canonical, aliases, weight.parse().unwrap_or(0)));
    let notable =
        table_rows(NOTABLE_PEOPLE).map(|(canonical, aliases, _)| (canonical, aliases, NEWSWORTHY));
    from_reuters.chain(notable)
}

/// The canonical name of a person named by an alias or Reuters code (`reagan`, `James Baker`,
/// `james-baker`, `Putin`), without building the lexicon: for search filters.
pub fn canonical_person(name: &str) -> Option<&'static str> {
    let key = fold(name);
    people_rows()
        .filter(|(canonical, aliases, _)| {
            fold(canonical) == key || aliases.clone().any(|alias| fold(alias) == key)
        })
        .max_by_key(|(_, _, weight)| *weight)
        .map(|(canonical, _, _)| canonical)
}

/// The canonical name of an organisation named by an alias, acronym or Reuters code (`opec`,
/// `EC`, `European Community`), without building the lexicon: for search filters.
pub fn canonical_org(name: &str) -> Option<&'static str> {
    let key = fold(name);
    table_rows(ORGS)
        .find(|(canonical, aliases, code)| {
            fold(canonical) == key
                || fold(code) == key
                || aliases
                    .clone()
                    .any(|alias| fold(alias.trim_start_matches('*')) == key)
        })
        .map(|(canonical, _, _)| canonical)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_line_has_its_columns() {
        for (table, columns) in [(PEOPLE, 3), (ORGS, 3)] {
            for line in table
                .lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
            {
                assert_eq!(line.split('\t').count(), columns, "{line:?}");
            }
        }
        assert!(lexicon().is_first_name("James"));
        assert!(!lexicon().is_first_name("Treasury"));
    }

    #[test]
    fn reuters_codes_and_aliases_reach_one_canonical_name() {
        assert_eq!(canonical_person("james-baker"), Some("James Baker"));
        assert_eq!(canonical_person("reagan"), Some("Ronald Reagan"));
        assert_eq!(
            canonical_person("Baker"),
            Some("James Baker"),
            "the most newsworthy Baker"
        );
        assert_eq!(canonical_org("opec"), Some("OPEC"));
        assert_eq!(canonical_org("EC"), Some("European Community"));
        assert_eq!(canonical_org("worldbank"), Some("World Bank"));
        assert_eq!(canonical_person("Nobody Inparticular"), None);
    }

    #[test]
    fn a_notable_person_is_no_reuters_person_under_another_name() {
        let reuters_names: HashSet<String> = table_rows(PEOPLE)
            .flat_map(|(canonical, aliases, _)| std::iter::once(canonical).chain(aliases))
            .map(fold)
            .collect();
        let mut notable_names = HashSet::new();
        for (canonical, aliases, _) in table_rows(NOTABLE_PEOPLE) {
            for name in std::iter::once(canonical).chain(aliases) {
                assert!(
                    !reuters_names.contains(&fold(name)),
                    "{name} is in people.tsv"
                );
                assert!(notable_names.insert(fold(name)), "{name} is listed twice");
            }
        }
        assert_eq!(canonical_person("zelenskyy"), Some("Volodymyr Zelensky"));
        assert_eq!(canonical_person("Putin"), Some("Vladimir Putin"));
    }

    #[test]
    fn acronyms_match_only_as_written() {
        assert_eq!(
            lexicon().acronym("IS").map(|o| o.canonical),
            Some("Islamic State")
        );
        assert_eq!(lexicon().acronym("Is"), None);
        assert_eq!(lexicon().org("is"), None);
        assert_eq!(
            lexicon().org("european community").map(|o| o.canonical),
            Some("European Community")
        );
    }
}
