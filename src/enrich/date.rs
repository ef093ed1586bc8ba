//! Dates as archives write them, parsed to UTC: Reuters' `26-FEB-1987 15:01:01.79`, spreadsheet
//! `2017/2/7` and `2016/12/30 7:11`, RFC 3339, RFC 2822, ISO dates, `February 7, 2017`, Unix
//! timestamps. Times without a zone are taken as UTC. A value that matches none of these gives
//! `None`: the caller warns and leaves the date empty; a date is never guessed.
//!
//! Also here: the calendar ranges behind `--from` / `--to` (`1987`, `1987-03`, `1987-03-01`).

use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

/// Formats with a time of day, tried in order after whitespace is normalised.
const DATETIME_FORMATS: &[&str] = &[
    "%d-%b-%Y %H:%M:%S%.f",
    "%d-%b-%Y %H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%B %d, %Y %H:%M",
    "%b %d, %Y %H:%M",
];

/// Formats with a date only.
const DATE_FORMATS: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d-%b-%Y",
    "%m/%d/%Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%b. %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%A, %B %d, %Y",
    "%Y%m%d",
];

/// Parses a date as written in an article file. Years outside 1800–2200 are taken as errors.
/// When a Reuters-style date has a garbled time of day (`31-MAR-1987 605:12:19.12`), the day,
/// which is written plainly, is kept at midnight.
pub fn parse_date(text: &str) -> Option<DateTime<Utc>> {
    let cleaned = clean(text)?;
    reuters_date(&cleaned)
        .or_else(|| parse_any(&cleaned))
        .or_else(|| day_of_garbled_time(text))
        .filter(|date| (1800..=2200).contains(&date.year()))
}

/// Reuters' own formats, also first in [`DATETIME_FORMATS`].
const REUTERS_FORMATS: &[&str] = &["%d-%b-%Y %H:%M:%S%.f", "%d-%b-%Y %H:%M:%S"];

/// `26-FEB-1987 15:01:01.79` straight away: no other format reads a date that starts like that,
/// and failing the RFC and ISO formats first took most of the time spent on such dates.
fn reuters_date(cleaned: &str) -> Option<DateTime<Utc>> {
    if !is_day_month_year(cleaned.split(' ').next()?) {
        return None;
    }
    REUTERS_FORMATS
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(cleaned, format).ok())
        .map(|naive| Utc.from_utc_datetime(&naive))
}

fn day_of_garbled_time(text: &str) -> Option<DateTime<Utc>> {
    let first = text.split_whitespace().next()?;
    if !is_day_month_year(first) {
        return None;
    }
    let day = NaiveDate::parse_from_str(first, "%d-%b-%Y").ok()?;
    Some(Utc.from_utc_datetime(&day.and_time(NaiveTime::MIN)))
}

fn parse_any(text: &str) -> Option<DateTime<Utc>> {
    let text = text.to_string();
    if let Ok(date) = DateTime::parse_from_rfc3339(&text) {
        return Some(date.with_timezone(&Utc));
    }
    if let Ok(date) = DateTime::parse_from_rfc2822(&text) {
        return Some(date.with_timezone(&Utc));
    }
    for format in [
        "%Y-%m-%d %H:%M:%S%:z",
        "%Y-%m-%d %H:%M:%S%z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
    ] {
        if let Ok(date) = DateTime::parse_from_str(&text, format) {
            return Some(date.with_timezone(&Utc));
        }
    }
    if let Some(date) = parse_timestamp(&text) {
        return Some(date);
    }
    DATETIME_FORMATS
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(&text, format).ok())
        .or_else(|| {
            DATE_FORMATS
                .iter()
                .find_map(|format| NaiveDate::parse_from_str(&text, format).ok())
                .map(|date| date.and_time(NaiveTime::MIN))
        })
        .map(|naive| Utc.from_utc_datetime(&naive))
}

/// Whitespace collapsed, and anything after the date that is not part of it dropped: Reuters
/// dates carry wire codes after the time (`27-MAR-1987 00:02:59.13 RM`).
fn clean(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return None;
    }
    let first = words[0];
    let reuters_style = is_day_month_year(first);
    if reuters_style && words.len() >= 2 {
        let time: String = words[1]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ':' || *c == '.')
            .collect();
        return Some(
            format!("{first} {time}")
                .trim_end_matches(['.', ' '])
                .to_string(),
        );
    }
    Some(words.join(" "))
}

/// `26-FEB-1987`: day, month abbreviation and year joined by hyphens.
fn is_day_month_year(word: &str) -> bool {
    let parts: Vec<&str> = word.split('-').collect();
    matches!(parts[..], [day, month, year]
        if (1..=2).contains(&day.len()) && day.bytes().all(|b| b.is_ascii_digit())
            && month.len() == 3 && month.bytes().all(|b| b.is_ascii_alphabetic())
            && year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()))
}

/// Unix timestamps in seconds (10 digits) or milliseconds (13 digits).
fn parse_timestamp(text: &str) -> Option<DateTime<Utc>> {
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: i64 = text.parse().ok()?;
    match text.len() {
        9 | 10 => DateTime::from_timestamp(value, 0),
        13 => DateTime::from_timestamp_millis(value),
        _ => None,
    }
}

/// The half-open UTC range `[start, end)` named by `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn calendar_range(text: &str) -> Result<(DateTime<Utc>, DateTime<Utc>), String> {
    let text = text.trim();
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str| s.parse::<u32>().ok();
    let invalid = || format!("{text:?} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD");
    let (start, months) = match parts[..] {
        [y] if y.len() == 4 => (
            NaiveDate::from_ymd_opt(number(y).ok_or_else(invalid)? as i32, 1, 1),
            12,
        ),
        [y, m] if y.len() == 4 => (
            NaiveDate::from_ymd_opt(
                number(y).ok_or_else(invalid)? as i32,
                number(m).ok_or_else(invalid)?,
                1,
            ),
            1,
        ),
        [y, m, d] if y.len() == 4 => {
            let start = NaiveDate::from_ymd_opt(
                number(y).ok_or_else(invalid)? as i32,
                number(m).ok_or_else(invalid)?,
                number(d).ok_or_else(invalid)?,
            )
            .ok_or_else(invalid)?;
            let start = Utc.from_utc_datetime(&start.and_time(NaiveTime::MIN));
            return Ok((start, start + chrono::Duration::days(1)));
        }
        _ => return Err(invalid()),
    };
    let start = start.ok_or_else(invalid)?.and_time(NaiveTime::MIN);
    let end = start
        .checked_add_months(Months::new(months))
        .ok_or_else(invalid)?;
    Ok((Utc.from_utc_datetime(&start), Utc.from_utc_datetime(&end)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(date: Option<DateTime<Utc>>) -> String {
        date.map(|d| d.to_rfc3339())
            .unwrap_or_else(|| "none".into())
    }

    #[test]
    fn corpus_formats() {
        assert_eq!(
            iso(parse_date("26-FEB-1987 15:01:01.79")),
            "1987-02-26T15:01:01.790+00:00"
        );
        assert_eq!(
            iso(parse_date(" 3-MAR-1987  09:15:05.40")),
            "1987-03-03T09:15:05.400+00:00"
        );
        assert_eq!(
            iso(parse_date("27-MAR-1987 00:02:59.13 RM")),
            "1987-03-27T00:02:59.130+00:00"
        );
        assert_eq!(iso(parse_date("2017/2/7")), "2017-02-07T00:00:00+00:00");
        assert_eq!(
            iso(parse_date("2016/12/30 7:11")),
            "2016-12-30T07:11:00+00:00"
        );
    }

    #[test]
    fn standard_and_common_formats() {
        assert_eq!(
            iso(parse_date("2015-11-26T10:00:00+01:00")),
            "2015-11-26T09:00:00+00:00"
        );
        assert_eq!(
            iso(parse_date("Thu, 26 Nov 2015 10:00:00 GMT")),
            "2015-11-26T10:00:00+00:00"
        );
        assert_eq!(iso(parse_date("2015-11-26")), "2015-11-26T00:00:00+00:00");
        assert_eq!(
            iso(parse_date("2015-11-26 10:00:00")),
            "2015-11-26T10:00:00+00:00"
        );
        assert_eq!(
            iso(parse_date("November 26, 2015")),
            "2015-11-26T00:00:00+00:00"
        );
        assert_eq!(iso(parse_date("26 Nov 2015")), "2015-11-26T00:00:00+00:00");
        assert_eq!(iso(parse_date("1448532000")), "2015-11-26T10:00:00+00:00");
    }

    #[test]
    fn unparseable_dates_are_none_not_guesses() {
        for bad in [
            "",
            "yesterday",
            "31-FEB-1987 10:00:00",
            "2015-13-01",
            "12345",
            "99999-01-01",
        ] {
            assert_eq!(parse_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn calendar_ranges_cover_the_whole_period() {
        let show = |t: &str| {
            let (a, b) = calendar_range(t).unwrap();
            format!("{} {}", a.date_naive(), b.date_naive())
        };
        assert_eq!(show("1987"), "1987-01-01 1988-01-01");
        assert_eq!(show("1987-02"), "1987-02-01 1987-03-01");
        assert_eq!(show("1987-12"), "1987-12-01 1988-01-01");
        assert_eq!(show("1987-02-28"), "1987-02-28 1987-03-01");
        for bad in ["87", "1987-13", "1987-02-30", "March", "1987-1-1-1", ""] {
            assert!(calendar_range(bad).is_err(), "{bad:?}");
        }
    }
}
