//! Datelines: the place (and often date and agency) that opens a wire story, as in
//! `SALVADOR, Feb 26 -`, `MOSCOW (Reuters) -`, `WASHINGTON, Nov 25 (AP) —`,
//! `LONDON/PARIS (Reuters) -` or `PORTLAND, Ore., Feb 26 -`. [`parse`] splits a dateline the file
//! marks as such; [`detect`] finds one at the start of a body, where it must look like a dateline
//! (a place in capitals, or a place followed by a date or agency) to avoid taking an ordinary
//! first sentence for one.

use chrono::NaiveDate;

/// A dateline split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The dateline as written, without the trailing dash.
    pub text: String,
    /// Place names in title case (`New York`); several when written `LONDON/PARIS`.
    pub places: Vec<String>,
    /// The news agency in parentheses, if any (`Reuters`, `AP`).
    pub agency: Option<String>,
    /// Month and day, if the dateline has them (the year comes from the article's date).
    pub month_day: Option<(u32, u32)>,
}

impl Dateline {
    /// The dateline's date in the given year, if it names a valid month and day.
    pub fn date_in_year(&self, year: i32) -> Option<NaiveDate> {
        let (month, day) = self.month_day?;
        NaiveDate::from_ymd_opt(year, month, day)
    }
}

const DASHES: &[&str] = &[" -- ", " - ", " — ", " – ", " —", " –", "—", "–"];

/// Splits a dateline the file marked as one. `None` when nothing place-like is in it.
pub fn parse(text: &str) -> Option<Dateline> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text.trim_end_matches(['-', '—', '–', ' ']).to_string();
    let (head, agency) = split_agency(&text);
    let mut parts = head.split(',').map(str::trim).filter(|p| !p.is_empty());
    let place_part = parts.next()?;
    let places: Vec<String> = place_part
        .split('/')
        .map(str::trim)
        .filter(|p| p.chars().any(char::is_alphabetic))
        .map(title_case)
        .collect();
    if places.is_empty() {
        return None;
    }
    let month_day = parts.find_map(month_day);
    Some(Dateline {
        text,
        places,
        agency,
        month_day,
    })
}

/// Finds a dateline at the start of a body. Returns it and the byte offset where the story
/// proper begins.
pub fn detect(body: &str) -> Option<(Dateline, usize)> {
    let lead = body.trim_start();
    let skipped = body.len() - lead.len();
    let window = &lead[..floor_char_boundary(lead, 100)];
    let (dash_at, dash) = DASHES
        .iter()
        .filter_map(|dash| window.find(dash).map(|at| (at, *dash)))
        .min_by_key(|(at, _)| *at)?;
    let candidate = &window[..dash_at];
    if candidate.contains('\n') && !candidate.trim_end().ends_with(')') {
        return None;
    }
    let dateline = parse(candidate)?;
    let place_text = candidate.split([',', '(']).next().unwrap_or("").trim();
    let in_capitals =
        place_text.chars().any(char::is_alphabetic) && !place_text.chars().any(char::is_lowercase);
    let short_place = place_text.split_whitespace().count() <= 4;
    let has_marker = dateline.agency.is_some() || dateline.month_day.is_some();
    if !short_place || !(in_capitals || has_marker) || place_text.len() < 2 {
        return None;
    }
    if !in_capitals && !place_text.split_whitespace().all(starts_upper) {
        return None;
    }
    Some((dateline, skipped + dash_at + dash.len()))
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn floor_char_boundary(text: &str, max: usize) -> usize {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// Splits `WASHINGTON, Nov 25 (AP)` into the part before the parenthesis and the agency.
fn split_agency(text: &str) -> (&str, Option<String>) {
    let Some(open) = text.find('(') else {
        return (text, None);
    };
    let close = text[open..].find(')').map(|c| open + c);
    let agency = close
        .map(|c| text[open + 1..c].trim())
        .filter(|a| !a.is_empty() && a.len() <= 40)
        .map(str::to_string);
    (text[..open].trim(), agency)
}

/// `Feb 26`, `February 26`, `Feb. 26` → (2, 26).
fn month_day(part: &str) -> Option<(u32, u32)> {
    let mut words = part.split_whitespace();
    let month = month_number(words.next()?.trim_end_matches('.'))?;
    let day: u32 = words.next()?.parse().ok()?;
    (words.next().is_none() && (1..=31).contains(&day)).then_some((month, day))
}

fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.to_lowercase();
    if word.len() < 3 {
        return None;
    }
    let is_month = |name: &&str| {
        name.starts_with(word.as_str()) || (word == "sept" && name.starts_with("sep"))
    };
    MONTHS.iter().position(is_month).map(|i| i as u32 + 1)
}

/// `NEW YORK` → `New York`, `ST. LOUIS` → `St. Louis`; mixed-case input is kept as written.
fn title_case(place: &str) -> String {
    if place.chars().any(char::is_lowercase) {
        return place.to_string();
    }
    place
        .split(' ')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_classic_shapes() {
        let d = parse("    SALVADOR, Feb 26 - ").unwrap();
        assert_eq!(
            (d.text.as_str(), d.places.clone(), d.month_day),
            (
                "SALVADOR, Feb 26",
                vec!["Salvador".to_string()],
                Some((2, 26))
            )
        );

        let d = parse("MOSCOW (Reuters) -").unwrap();
        assert_eq!(
            (d.places.clone(), d.agency.as_deref(), d.month_day),
            (vec!["Moscow".to_string()], Some("Reuters"), None)
        );

        let d = parse("WASHINGTON, Nov 25 (AP) —").unwrap();
        assert_eq!(
            (d.agency.as_deref(), d.month_day),
            (Some("AP"), Some((11, 25)))
        );

        let d = parse("LONDON/PARIS (Reuters) -").unwrap();
        assert_eq!(d.places, ["London", "Paris"]);

        let d = parse("PORTLAND, Ore., Feb 26 -").unwrap();
        assert_eq!(
            (d.places.clone(), d.month_day),
            (vec!["Portland".to_string()], Some((2, 26)))
        );

        let d = parse("NEW YORK, Sept 3 -").unwrap();
        assert_eq!(
            (d.places[0].as_str(), d.month_day),
            ("New York", Some((9, 3)))
        );
        assert_eq!(d.date_in_year(1987), NaiveDate::from_ymd_opt(1987, 9, 3));
    }

    #[test]
    fn detects_a_dateline_opening_a_body() {
        let body = "MOSCOW (Reuters) - Vladimir Putin said on Thursday...";
        let (d, start) = detect(body).unwrap();
        assert_eq!(d.places, ["Moscow"]);
        assert_eq!(&body[start..], "Vladimir Putin said on Thursday...");

        let (d, _) = detect("  Paris, Nov. 14 (AFP) — Attacks...").unwrap();
        assert_eq!(
            (d.places[0].as_str(), d.agency.as_deref()),
            ("Paris", Some("AFP"))
        );
    }

    #[test]
    fn ordinary_openings_are_not_datelines() {
        for body in [
            "Quarterly profits at US media giant TimeWarner jumped 76% - a record.",
            "The firm said - in a statement - that it would cut jobs.",
            "Ad sales boost Time Warner profit",
            "In Washington, officials - who asked not to be named - said",
            "",
        ] {
            assert_eq!(detect(body), None, "{body:?}");
        }
    }
}
