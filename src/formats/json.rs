//! JSON exports: a single article object, an array of article objects, an object wrapping such
//! an array (`{"articles": [...]}`), or JSON Lines with one object per line. A malformed line in
//! JSON Lines costs that line only; field mapping is shared with CSV in [`super::fields`].

use serde_json::Value;

use super::fields::{looks_like_article, record_to_article};
use super::{Parsed, Problem};

/// Parses a `.json` file. Falls back to JSON Lines when the file is really one object per line.
pub fn parse_document(text: &str) -> Result<Parsed, String> {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) if error.to_string().starts_with("trailing characters") => {
            return Ok(parse_lines(text));
        }
        Err(error) => return Err(format!("not valid JSON: {error}")),
    };
    let records = records_of(&value)
        .ok_or("JSON holds no article objects (expected an object or an array of objects)")?;
    let mut parsed = Parsed::default();
    for (index, record) in records.iter().enumerate() {
        push_record(&mut parsed, record, index + 1);
    }
    Ok(parsed)
}

/// Parses JSON Lines; positions are line numbers.
pub fn parse_lines(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(record) => push_record(&mut parsed, &record, index + 1),
            Err(error) => parsed.problems.push(Problem::skipped(
                index + 1,
                format!("not valid JSON: {error}"),
            )),
        }
    }
    parsed
}

fn records_of(value: &Value) -> Option<Vec<&Value>> {
    match value {
        Value::Array(items) => Some(items.iter().collect()),
        Value::Object(object) if looks_like_article(object) => Some(vec![value]),
        Value::Object(object) => object.values().find_map(|inner| match inner {
            Value::Array(items) if items.iter().any(Value::is_object) => {
                Some(items.iter().collect())
            }
            _ => None,
        }),
        _ => None,
    }
}

fn push_record(parsed: &mut Parsed, record: &Value, position: usize) {
    let Some(object) = record.as_object() else {
        parsed.problems.push(Problem::skipped(
            position,
            "expected an article object, found another JSON value",
        ));
        return;
    };
    match record_to_article(object, position, &mut parsed.problems) {
        Ok(article) => parsed.articles.push(article),
        Err(reason) => parsed.problems.push(Problem::skipped(position, reason)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_object_array_and_wrapper() {
        assert_eq!(
            parse_document(r#"{"title": "A"}"#).unwrap().articles.len(),
            1
        );
        let array = parse_document(r#"[{"title": "A"}, {"headline": "B"}]"#).unwrap();
        assert_eq!(array.articles[1].title, "B");
        let wrapped = parse_document(r#"{"status": "ok", "articles": [{"title": "A"}]}"#).unwrap();
        assert_eq!(wrapped.articles.len(), 1);
    }

    #[test]
    fn json_lines_keep_good_lines_and_name_the_bad_one() {
        let parsed = parse_lines("{\"title\": \"A\"}\n{broken\n\n[1]\n{\"title\": \"D\"}\n");
        assert_eq!(parsed.articles.len(), 2);
        assert_eq!(parsed.articles[1].position, 5);
        let positions: Vec<usize> = parsed.problems.iter().map(|p| p.position).collect();
        assert_eq!(positions, [2, 4]);
    }

    #[test]
    fn json_file_holding_json_lines_is_read_as_lines() {
        let parsed = parse_document("{\"title\": \"A\"}\n{\"title\": \"B\"}\n").unwrap();
        assert_eq!(parsed.articles.len(), 2);
    }

    #[test]
    fn invalid_or_articleless_json_is_an_error() {
        assert!(parse_document("{\"title\": ")
            .unwrap_err()
            .contains("not valid JSON"));
        assert!(parse_document("42").is_err());
    }
}
