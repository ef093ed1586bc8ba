//! CSV exports with a header row. Quoted fields may span lines (a real CSV parser does the
//! reading); column names are mapped like JSON field names. Every row with any content is an
//! article, even when its title or text is empty: it still has a date, a URL, a source, and
//! dropping it would lose data the user asked to index. Ragged rows are read as far as they go.

use serde_json::{Map, Value};

use super::fields::record_to_article;
use super::{Parsed, Problem};

/// Parses one CSV file. Fails only when there is no header row.
pub fn parse(text: &str) -> Result<Parsed, String> {
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| format!("cannot read the CSV header row: {e}"))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err("the CSV header row is empty: column names are needed".to_string());
    }
    let mut parsed = Parsed::default();
    for row in reader.records() {
        let row = match row {
            Ok(row) => row,
            Err(error) => {
                let line = error.position().map_or(0, |p| p.line() as usize);
                parsed.problems.push(Problem::skipped(
                    line,
                    format!("unreadable CSV row: {error}"),
                ));
                continue;
            }
        };
        let line = row.position().map_or(0, |p| p.line() as usize);
        if row.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        if row.len() != headers.len() {
            parsed.problems.push(Problem::warning(
                line,
                format!(
                    "row has {} fields, the header has {}; read as far as they match",
                    row.len(),
                    headers.len()
                ),
            ));
        }
        let record: Map<String, Value> = headers
            .iter()
            .zip(row.iter())
            .map(|(name, value)| (name.clone(), Value::String(value.to_string())))
            .collect();
        match record_to_article(&record, line, &mut parsed.problems) {
            Ok(article) => parsed.articles.push(article),
            Err(reason) => parsed.problems.push(Problem::skipped(line, reason)),
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_line_quoted_fields_and_empty_text_rows() {
        let csv = "article_id,publish_date,article_source_link,title,subtitle,text\n\
                   1,2017/2/7,http://abcnews.go.com/x,\"Title, with comma\",,\"Line one.\n\nLine \"\"two\"\".\"\n\
                   2,2017/2/8,http://www.dw.com/y,Only a title,,\n\
                   ,,,,,\n";
        let parsed = parse(csv).unwrap();
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let [first, second] = &parsed.articles[..] else {
            panic!("two articles expected")
        };
        assert_eq!(first.title, "Title, with comma");
        assert_eq!(first.body, "Line one.\n\nLine \"two\".");
        assert_eq!(first.source.as_deref(), Some("abcnews.go.com"));
        assert_eq!(second.body, "");
        assert_eq!(second.position, 5);
    }

    #[test]
    fn ragged_rows_are_read_with_a_warning() {
        let parsed = parse("title,text,date\nA,body\nB,body,2017-01-01,extra\n").unwrap();
        assert_eq!(parsed.articles.len(), 2);
        assert_eq!(parsed.problems.len(), 2);
        assert!(!parsed.problems[0].skipped);
    }
}
