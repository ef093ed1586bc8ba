//! The field names real exports use, shared by the JSON and CSV readers: a record is a map from
//! names to values, and this module finds the title under `title` or `headline`, the body under
//! `text`, `body`, `content` or `maintext`, and so on. Unknown names are ignored; a known name
//! holding a value of the wrong type is reported as a warning and ignored, not fatal.

use serde_json::{Map, Value};

use super::{split_list, Problem};
use crate::article::RawArticle;

const ID: &[&str] = &["id", "article_id", "_id", "uuid", "guid", "newid", "doc_id"];
const TITLE: &[&str] = &["title", "headline", "heading"];
const SUBTITLE: &[&str] = &["subtitle", "subheadline", "standfirst", "dek"];
const BODY: &[&str] = &[
    "text",
    "body",
    "content",
    "maintext",
    "article",
    "article_text",
    "full_text",
    "fulltext",
];
const SUMMARY: &[&str] = &["description", "summary", "lead", "abstract"];
const DATE: &[&str] = &[
    "date",
    "published",
    "date_publish",
    "publish_date",
    "published_at",
    "date_published",
    "publication_date",
    "pubdate",
    "datetime",
    "timestamp",
    "created_at",
];
const BYLINE: &[&str] = &["author", "authors", "byline", "creator", "writer"];
const URL: &[&str] = &[
    "url",
    "link",
    "article_source_link",
    "source_url",
    "permalink",
];
const SOURCE: &[&str] = &[
    "source",
    "source_domain",
    "source_name",
    "publisher",
    "outlet",
    "site",
    "site_name",
];
const DATELINE: &[&str] = &["dateline"];
const PEOPLE: &[&str] = &["people", "persons", "person"];
const PLACES: &[&str] = &[
    "places",
    "place",
    "locations",
    "location",
    "countries",
    "country",
];
const ORGS: &[&str] = &[
    "orgs",
    "organisations",
    "organizations",
    "organisation",
    "organization",
    "companies",
];
const TOPICS: &[&str] = &[
    "topics",
    "topic",
    "categories",
    "category",
    "tags",
    "section",
];

/// Whether an object has any field that marks it as an article (used to tell an article object
/// from a wrapper object such as `{"articles": [...]}`).
pub fn looks_like_article(record: &Map<String, Value>) -> bool {
    record.keys().any(|key| {
        let key = key.to_ascii_lowercase();
        [TITLE, BODY, URL]
            .iter()
            .any(|names| names.contains(&key.as_str()))
    })
}

/// Maps one record to an article. `Err` when the record has nothing to index.
pub fn record_to_article(
    record: &Map<String, Value>,
    position: usize,
    problems: &mut Vec<Problem>,
) -> Result<RawArticle, String> {
    let mut fields = Fields {
        record,
        position,
        problems,
    };
    let subtitle = fields.text(SUBTITLE);
    let body = fields.text(BODY).or_else(|| fields.text(SUMMARY));
    let body = match (subtitle, body) {
        (Some(sub), Some(body)) => format!("{sub}\n\n{body}"),
        (sub, body) => sub.or(body).unwrap_or_default(),
    };
    let url = fields.text(URL);
    let article = RawArticle {
        local_id: fields.text(ID),
        position,
        title: fields.text(TITLE).unwrap_or_default(),
        dateline: fields.text(DATELINE),
        date: fields.text(DATE),
        byline: fields.list(BYLINE).map(|names| names.join(", ")),
        source: fields
            .text(SOURCE)
            .or_else(|| url.as_deref().and_then(url_host)),
        url,
        body,
        people: fields.list(PEOPLE).unwrap_or_default(),
        places: fields.list(PLACES).unwrap_or_default(),
        orgs: fields.list(ORGS).unwrap_or_default(),
        topics: fields.list(TOPICS).unwrap_or_default(),
    };
    if article.title.is_empty() && article.body.is_empty() && article.url.is_none() {
        return Err("no title, text or url: nothing to index".to_string());
    }
    Ok(article)
}

/// The host of a URL without `www.`, used as the source when a record names none.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

struct Fields<'a> {
    record: &'a Map<String, Value>,
    position: usize,
    problems: &'a mut Vec<Problem>,
}

impl Fields<'_> {
    /// The first field among `names` (case-insensitive) that is present and not null/empty.
    fn find(&self, names: &[&str]) -> Option<(&str, &Value)> {
        names.iter().find_map(|name| {
            self.record
                .iter()
                .find(|(key, value)| key.eq_ignore_ascii_case(name) && !is_blank(value))
                .map(|(key, value)| (key.as_str(), value))
        })
    }

    fn text(&mut self, names: &[&str]) -> Option<String> {
        let (key, value) = self.find(names)?;
        match value {
            Value::String(s) => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Array(items) if items.iter().all(Value::is_string) => Some(
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join("\n\n"),
            ),
            other => {
                let found = type_name(other);
                self.problems.push(Problem::warning(
                    self.position,
                    format!("field {key:?}: expected text, found {found}; ignored"),
                ));
                None
            }
        }
    }

    fn list(&mut self, names: &[&str]) -> Option<Vec<String>> {
        let (key, value) = self.find(names)?;
        let items: Option<Vec<String>> = match value {
            Value::String(s) => Some(split_list(s)),
            Value::Array(items) => items.iter().map(list_item).collect(),
            Value::Object(_) => list_item(value).map(|item| vec![item]),
            _ => None,
        };
        if items.is_none() {
            self.problems.push(Problem::warning(
                self.position,
                format!(
                    "field {key:?}: expected a list of names, found {}; ignored",
                    type_name(value)
                ),
            ));
        }
        items
    }
}

/// One name in a list: a string, or an object with a `name` (as in `{"name": "Reuters"}`).
fn list_item(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Object(object) => object
            .get("name")
            .and_then(Value::as_str)
            .map(|s| s.trim().to_string()),
        _ => None,
    }
}

fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(items) => items.is_empty(),
        _ => false,
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap()
    }

    #[test]
    fn maps_aliases_lists_and_source_from_url() {
        let mut problems = Vec::new();
        let record = map(json!({
            "Headline": "Putin meets Hollande", "maintext": "Body.", "date_publish": "2015-11-26",
            "authors": ["A. Writer", "B. Writer"], "URL": "https://www.example.com/a?b",
            "people": "Vladimir Putin; Francois Hollande", "tags": [{"name": "politics"}],
            "unknown": {"x": 1}, "id": 42
        }));
        let article = record_to_article(&record, 3, &mut problems).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(article.title, "Putin meets Hollande");
        assert_eq!(article.body, "Body.");
        assert_eq!(article.date.as_deref(), Some("2015-11-26"));
        assert_eq!(article.byline.as_deref(), Some("A. Writer, B. Writer"));
        assert_eq!(article.source.as_deref(), Some("example.com"));
        assert_eq!(article.people, ["Vladimir Putin", "Francois Hollande"]);
        assert_eq!(article.topics, ["politics"]);
        assert_eq!(article.local_id.as_deref(), Some("42"));
    }

    #[test]
    fn wrong_types_warn_and_empty_records_fail() {
        let mut problems = Vec::new();
        let record = map(json!({"title": {"oops": 1}, "text": "kept", "people": 7}));
        let article = record_to_article(&record, 1, &mut problems).unwrap();
        assert_eq!(article.title, "");
        assert_eq!(article.body, "kept");
        assert_eq!(problems.len(), 2);
        assert!(problems[0].message.contains("\"title\""));

        let empty = map(json!({"title": "", "other": "x"}));
        assert!(record_to_article(&empty, 2, &mut problems).is_err());
    }

    #[test]
    fn subtitle_leads_the_body() {
        let record = map(json!({"title": "T", "subtitle": "Sub.", "text": "Body."}));
        let article = record_to_article(&record, 1, &mut Vec::new()).unwrap();
        assert_eq!(article.body, "Sub.\n\nBody.");
    }
}
