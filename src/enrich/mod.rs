//! Enrichment: a [`RawArticle`] as a format reader found it becomes an [`Article`] ready to index.
//! Dates are parsed, the dateline is split into place, date and agency (found at the start of the
//! body when the file does not mark one), the dateline's places join the place facet, places are
//! resolved to one canonical name each with their country ([`gazetteer`]), and every facet value
//! is normalised to a [`facet_key`]. Pure functions: text in, fields out, no index.
//!
//! People, places and organisations are also found in the title, dateline and body
//! ([`entities`]) and merged after what the file supplied; supplied values are kept, resolved
//! to the same canonical names as mentions in the text ([`lexicon`]).

pub mod date;
pub mod dateline;
pub mod entities;
pub mod gazetteer;
pub mod lexicon;
pub mod tokens;

use chrono::{DateTime, NaiveDate, Utc};

use crate::article::{Article, RawArticle};
use entities::{ArticleText, Entity, EntityKind, TextField};
use gazetteer::{city_else_first, gazetteer, Place};

/// Choices that change what enrichment adds beyond what the file supplies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnrichOptions {
    /// Add the dateline's place(s) to the article's places (on by default).
    pub dateline_places: bool,
    /// Add the people, places and organisations mentioned in the text (on by default).
    pub extract_entities: bool,
}

impl Default for EnrichOptions {
    fn default() -> Self {
        EnrichOptions {
            dateline_places: true,
            extract_entities: true,
        }
    }
}

impl EnrichOptions {
    /// Only what the file itself supplies: no dateline places, no extraction.
    pub fn supplied_only() -> Self {
        EnrichOptions {
            dateline_places: false,
            extract_entities: false,
        }
    }
}

/// Where an article came from, as the indexer knows it.
#[derive(Debug, Clone)]
pub struct Origin<'a> {
    pub id: String,
    pub path: &'a str,
    /// The collection name to use when the record names no source (the indexed folder's name).
    pub default_source: Option<&'a str>,
}

/// Makes an indexable article of a raw one; the strings are warnings about fields left empty.
pub fn enrich(
    raw: RawArticle,
    origin: Origin<'_>,
    options: EnrichOptions,
) -> (Article, Vec<String>) {
    let (article, _, warnings) = enrich_with_entities(raw, origin, options);
    (article, warnings)
}

/// [`enrich`], also handing back every entity mention found in the text (what `extract` shows).
pub fn enrich_with_entities(
    raw: RawArticle,
    origin: Origin<'_>,
    options: EnrichOptions,
) -> (Article, Vec<Entity>, Vec<String>) {
    let mut warnings = Vec::new();
    let date = raw.date.as_deref().and_then(|text| {
        let parsed = date::parse_date(text);
        if parsed.is_none() {
            warnings.push(format!("date {text:?} not understood; left empty"));
        }
        parsed
    });

    let mut body = raw.body;
    let dateline = match raw.dateline.as_deref() {
        Some(text) => dateline::parse(text),
        None => dateline::detect(&body).map(|(found, story_start)| {
            body.drain(..story_start);
            found
        }),
    };
    let mut places = canonical_places(&raw.places, |candidates| candidates.first().copied());
    let dateline_names = match dateline.as_ref().filter(|_| options.dateline_places) {
        Some(dateline) => dateline.places.clone(),
        None => Vec::new(),
    };
    let dateline_text = dateline.map(|d| d.text).or(raw.dateline);
    let mut people: Vec<String> = raw.people.iter().map(|p| canonical_person(p)).collect();
    let mut orgs: Vec<String> = raw.orgs.iter().map(|o| canonical_org(o)).collect();

    let mut entities = if options.extract_entities {
        entities::extract(ArticleText {
            title: &raw.title,
            dateline: dateline_text.as_deref().unwrap_or(""),
            body: &body,
        })
    } else {
        Vec::new()
    };
    let region = dateline_text
        .as_deref()
        .and_then(|text| dateline_region_country(&entities, text))
        .map(str::to_string);
    if let Some(country) = &region {
        // `ST PETERSBURG, Fla.`: the town the text reader took for Russia's is Florida's.
        entities.retain(|e| {
            e.field != TextField::Dateline
                || e.kind != EntityKind::Place
                || e.country.as_deref().unwrap_or(&e.canonical) == country
        });
    }
    let region = region.as_deref();
    places.extend(canonical_places(&dateline_names, |candidates| {
        city_else_first(candidates)
            .filter(|city| region.is_none_or(|country| city.country == country))
    }));
    places.extend(entities::facet_values(
        &entities,
        EntityKind::Place,
        body.len(),
    ));
    people.extend(entities::facet_values(
        &entities,
        EntityKind::Person,
        body.len(),
    ));
    orgs.extend(entities::facet_values(
        &entities,
        EntityKind::Org,
        body.len(),
    ));
    let places = places
        .into_iter()
        .map(|place| {
            historical_country(&place, date)
                .unwrap_or(&place)
                .to_string()
        })
        .collect();

    let source = raw
        .source
        .or_else(|| origin.default_source.map(str::to_string));
    let article = Article {
        id: origin.id,
        title: raw.title,
        dateline: dateline_text.filter(|d| !d.is_empty()),
        date,
        byline: raw.byline,
        body,
        people: facet_keys(people),
        places: facet_keys(places),
        orgs: facet_keys(orgs),
        topics: facet_keys(raw.topics),
        source: source.map(|s| facet_key(&s)).filter(|s| !s.is_empty()),
        url: raw.url,
        path: origin.path.to_string(),
    };
    (article, entities, warnings)
}

fn canonical_person(name: &str) -> String {
    lexicon::lexicon()
        .person_name(name)
        .map_or_else(|| name.to_string(), str::to_string)
}

fn canonical_org(name: &str) -> String {
    lexicon::lexicon()
        .org_name(name)
        .map_or_else(|| name.to_string(), str::to_string)
}

/// Countries that split or merged: an article dated before the change gets the country of its
/// time, so a 1987 story from Frankfurt is in West Germany and one from Kiev in the Soviet
/// Union. (East German cities are not told apart from West German ones.)
const HISTORICAL_COUNTRIES: &[(&str, &str, (i32, u32, u32))] = &[
    ("Germany", "West Germany", (1990, 10, 3)),
    ("Russia", "Soviet Union", (1991, 12, 26)),
    ("Ukraine", "Soviet Union", (1991, 12, 26)),
    ("Belarus", "Soviet Union", (1991, 12, 26)),
    ("Moldova", "Soviet Union", (1991, 12, 26)),
    ("Armenia", "Soviet Union", (1991, 12, 26)),
    ("Azerbaijan", "Soviet Union", (1991, 12, 26)),
    ("Kazakhstan", "Soviet Union", (1991, 12, 26)),
    ("Kyrgyzstan", "Soviet Union", (1991, 12, 26)),
    ("Tajikistan", "Soviet Union", (1991, 12, 26)),
    ("Turkmenistan", "Soviet Union", (1991, 12, 26)),
    ("Uzbekistan", "Soviet Union", (1991, 12, 26)),
    ("Lithuania", "Soviet Union", (1990, 3, 11)),
    ("Latvia", "Soviet Union", (1990, 5, 4)),
    ("Estonia", "Soviet Union", (1991, 8, 20)),
    ("Czechia", "Czechoslovakia", (1993, 1, 1)),
    ("Slovakia", "Czechoslovakia", (1993, 1, 1)),
    ("Slovenia", "Yugoslavia", (1991, 6, 25)),
    ("Croatia", "Yugoslavia", (1991, 6, 25)),
    ("Bosnia and Herzegovina", "Yugoslavia", (1992, 3, 3)),
    ("North Macedonia", "Yugoslavia", (1991, 9, 8)),
    ("Serbia", "Yugoslavia", (1992, 4, 27)),
    ("Montenegro", "Yugoslavia", (1992, 4, 27)),
];

/// The name a country had on the article's date, if it was another.
fn historical_country(place: &str, date: Option<DateTime<Utc>>) -> Option<&'static str> {
    let day = date?.date_naive();
    HISTORICAL_COUNTRIES
        .iter()
        .find(|(modern, _, (y, m, d))| {
            *modern == place && NaiveDate::from_ymd_opt(*y, *m, *d).is_some_and(|until| day < until)
        })
        .map(|(_, then, _)| *then)
}

/// The country of the region a dateline names after its city (`NAPLES, Fla` → United States;
/// `TAUPO, New Zealand`), which decides between towns of the same name.
fn dateline_region_country<'a>(entities: &'a [Entity], dateline: &str) -> Option<&'a str> {
    let city_end = dateline.find(',')?;
    entities
        .iter()
        .find(|e| {
            e.field == TextField::Dateline && e.kind == EntityKind::Place && e.start > city_end
        })
        .map(|e| e.country.as_deref().unwrap_or(&e.canonical))
}

/// Each name as the place `choose` picks among its candidates, followed by its country
/// (`Paris` → `Paris`, `France`), so that a filter on a country finds articles placed in its
/// cities; a name it does not find is kept as written (a town too small for the gazetteer is
/// still where the story was filed). Names are looked up in the extractor's hashed tables,
/// which leave out the three-letter ISO codes only files supply (`FRA`): a name that short
/// also tries the gazetteer's bisection.
fn canonical_places(names: &[String], choose: impl Fn(&[Place]) -> Option<Place>) -> Vec<String> {
    let mut places = Vec::with_capacity(names.len() * 2);
    let mut key = String::new();
    for name in names {
        gazetteer::fold_into(name, &mut key);
        let mut found = choose(lexicon::lexicon().places(&key));
        if found.is_none() && key.len() <= 3 {
            found = choose(&gazetteer().candidates(name));
        }
        match found {
            Some(place) => {
                places.push(place.canonical.to_string());
                if place.country != place.canonical {
                    places.push(place.country.to_string());
                }
            }
            None => places.push(name.clone()),
        }
    }
    places
}

/// The normal form of a facet value, used both when indexing and when filtering, so that
/// `West Germany`, `west-germany` and `WEST_GERMANY` are one value: lower case, and runs of
/// spaces, underscores and hyphens made a single hyphen.
pub fn facet_key(value: &str) -> String {
    let mut key = String::with_capacity(value.len());
    gazetteer::fold_with(value, '-', &mut key);
    key
}

/// Normalised, de-duplicated facet values in first-seen order.
fn facet_keys(values: Vec<String>) -> Vec<String> {
    let mut keys: Vec<String> = Vec::with_capacity(values.len());
    for value in values {
        let key = facet_key(&value);
        if !key.is_empty() && !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> Origin<'static> {
        Origin {
            id: "x".into(),
            path: "/a/x.txt",
            default_source: Some("My Archive"),
        }
    }

    #[test]
    fn facet_keys_fold_case_and_separators() {
        assert_eq!(facet_key(" West  Germany "), "west-germany");
        assert_eq!(facet_key("WEST_GERMANY"), "west-germany");
        assert_eq!(facet_key("west--germany"), "west-germany");
        assert_eq!(facet_key("U.S."), "u.s.");
        assert_eq!(facet_key("São Paulo"), "são-paulo");
        assert_eq!(facet_key("  "), "");
    }

    #[test]
    fn dateline_in_body_is_split_off_and_its_place_added() {
        let raw = RawArticle {
            title: "Talks".into(),
            body: "MOSCOW (Reuters) - Putin met Hollande.".into(),
            places: vec!["Russia".into()],
            date: Some("2015-11-26".into()),
            ..RawArticle::default()
        };
        let (article, warnings) = enrich(raw.clone(), origin(), EnrichOptions::default());
        assert!(warnings.is_empty());
        assert_eq!(article.body, "Putin met Hollande.");
        assert_eq!(article.dateline.as_deref(), Some("MOSCOW (Reuters)"));
        assert_eq!(
            article.places,
            ["russia", "moscow"],
            "Moscow's country is already there"
        );
        assert_eq!(article.source.as_deref(), Some("my-archive"));
        assert_eq!(
            article.date.unwrap().to_rfc3339(),
            "2015-11-26T00:00:00+00:00"
        );

        let supplied_only = EnrichOptions::supplied_only();
        let (article, _) = enrich(raw, origin(), supplied_only);
        assert_eq!(article.places, ["russia"]);
    }

    #[test]
    fn supplied_places_may_be_names_codes_or_cities() {
        let raw = RawArticle {
            title: "T".into(),
            places: vec!["FRA".into(), "west-germany".into(), "Zurich".into()],
            ..RawArticle::default()
        };
        let (article, _) = enrich(raw, origin(), EnrichOptions::supplied_only());
        assert_eq!(
            article.places,
            ["france", "west-germany", "zurich", "switzerland"]
        );
    }

    #[test]
    fn a_datelines_region_places_its_town() {
        let places = |dateline: &str| {
            let raw = RawArticle {
                title: "Company buys plant".into(),
                dateline: Some(dateline.into()),
                body: "The company said it would buy a plant.".into(),
                ..RawArticle::default()
            };
            enrich(raw, origin(), EnrichOptions::default()).0.places
        };
        // However the state is written, and whatever the town is called elsewhere.
        assert_eq!(
            places("NAPLES, Fla, March 20 -"),
            ["naples", "florida", "united-states"]
        );
        assert_eq!(
            places("OAK BROOK, ILL., March 19 -"),
            ["oak-brook", "illinois", "united-states"]
        );
        assert_eq!(
            places("MARTINSVILLE, VA, March 19 -"),
            ["martinsville", "virginia", "united-states"]
        );
        assert_eq!(places("NAPLES, March 20 -"), ["naples", "italy"]);
        assert_eq!(
            places("ST PETERSBURG, Fla., March 30 -"),
            ["st-petersburg", "florida", "united-states"]
        );
        assert_eq!(
            places("LONDON, Ontario, March 3 -"),
            ["london", "ontario", "canada"]
        );
        assert_eq!(
            places("VANCOUVER, British Columbia, March 17 -"),
            ["vancouver", "canada", "british-columbia"]
        );
        assert_eq!(
            places("TAUPO, New Zealand, March 23 -"),
            ["taupo", "new-zealand"]
        );
    }

    #[test]
    fn bad_date_is_left_empty_with_a_warning() {
        let raw = RawArticle {
            title: "T".into(),
            date: Some("the day after".into()),
            ..RawArticle::default()
        };
        let (article, warnings) = enrich(raw, origin(), EnrichOptions::default());
        assert_eq!(article.date, None);
        assert!(warnings[0].contains("the day after"));
    }

    #[test]
    fn duplicate_facet_values_are_merged() {
        let raw = RawArticle {
            title: "T".into(),
            dateline: Some("TOKYO, March 3 -".into()),
            places: vec!["Tokyo".into(), "japan".into()],
            ..RawArticle::default()
        };
        let (article, _) = enrich(raw, origin(), EnrichOptions::default());
        assert_eq!(article.places, ["tokyo", "japan"]);
        assert_eq!(article.dateline.as_deref(), Some("TOKYO, March 3"));
    }

    #[test]
    fn places_resolve_to_canonical_names_with_their_country() {
        let raw = RawArticle {
            title: "T".into(),
            dateline: Some("WASHINGTON, March 3 -".into()),
            places: vec![
                "usa".into(),
                "west-germany".into(),
                "French".into(),
                "Nowhereland".into(),
            ],
            ..RawArticle::default()
        };
        let (article, _) = enrich(raw, origin(), EnrichOptions::default());
        assert_eq!(
            article.places,
            [
                "united-states",
                "west-germany",
                "france",
                "nowhereland",
                "washington"
            ],
            "the dateline's Washington is the city, whose country is already listed"
        );
    }
}
