//! The one place that knows tantivy field names and options. The schema is data
//! (`index-schema/schema.json`, compiled in); this module turns it into a tantivy [`Schema`],
//! converts [`Article`]s to tantivy documents and back, and names the facet fields. The indexer
//! and search use the handles in [`Fields`] and never spell a field option themselves.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TantivyDocument, TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{
    LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::Index;

use crate::article::Article;
use crate::error::{Error, Result};
use crate::stemming::CachedEnglishStemmer;

/// The schema description, exactly as in `index-schema/schema.json`.
pub const SCHEMA_JSON: &str = include_str!("../index-schema/schema.json");

#[derive(Debug, Deserialize)]
struct SchemaSpec {
    version: u32,
    fields: Vec<FieldSpec>,
}

#[derive(Debug, Deserialize)]
struct FieldSpec {
    name: String,
    kind: FieldKind,
    #[serde(default)]
    tokenizer: Option<String>,
    #[serde(default)]
    stored: bool,
    #[serde(default)]
    fast: bool,
    #[serde(default)]
    search_weight: Option<f32>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum FieldKind {
    Text,
    Keyword,
    Date,
    U64,
}

/// Handles to every field the program uses.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub title: Field,
    pub dateline: Field,
    pub date: Field,
    pub byline: Field,
    pub body: Field,
    pub people: Field,
    pub places: Field,
    pub orgs: Field,
    pub topics: Field,
    pub source: Field,
    pub url: Field,
    pub path: Field,
    pub file_mtime: Field,
    pub file_size: Field,
}

/// The tantivy schema built from `index-schema/`, with its field handles.
#[derive(Debug, Clone)]
pub struct NewsSchema {
    pub schema: Schema,
    pub version: u32,
    pub fields: Fields,
    /// Fields searched by a query term without a `field:` prefix, with their boosts.
    pub search_fields: Vec<(Field, f32)>,
}

/// A file's identity when it was indexed: a re-run compares these to skip unchanged files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    pub mtime_ns: u64,
    pub size: u64,
}

/// The fields that can be filtered on and counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Facet {
    People,
    Places,
    Orgs,
    Topics,
    Source,
}

impl Facet {
    pub const ALL: [Facet; 5] = [
        Facet::People,
        Facet::Places,
        Facet::Orgs,
        Facet::Topics,
        Facet::Source,
    ];

    /// The field name, also the key in JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Facet::People => "people",
            Facet::Places => "places",
            Facet::Orgs => "orgs",
            Facet::Topics => "topics",
            Facet::Source => "source",
        }
    }
}

impl FromStr for Facet {
    type Err = Error;

    fn from_str(name: &str) -> Result<Facet> {
        match name.trim().to_ascii_lowercase().as_str() {
            "people" | "person" | "persons" => Ok(Facet::People),
            "places" | "place" => Ok(Facet::Places),
            "orgs" | "org" | "organisations" | "organizations" => Ok(Facet::Orgs),
            "topics" | "topic" => Ok(Facet::Topics),
            "source" | "sources" => Ok(Facet::Source),
            other => Err(Error::Argument {
                what: "facet",
                message: format!(
                    "{other:?} is not a facet; choose from people, places, orgs, topics, source"
                ),
            }),
        }
    }
}

impl NewsSchema {
    /// Builds the schema from the compiled-in description.
    pub fn load() -> Result<NewsSchema> {
        let spec: SchemaSpec = serde_json::from_str(SCHEMA_JSON)
            .map_err(|e| Error::Schema(format!("schema.json does not parse: {e}")))?;
        let mut builder = Schema::builder();
        let mut search_fields = Vec::new();
        for field in &spec.fields {
            let handle = add_field(&mut builder, field)?;
            if let Some(weight) = field.search_weight {
                search_fields.push((handle, weight));
            }
        }
        let schema = builder.build();
        let get = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| Error::Schema(format!("schema.json has no field {name:?}")))
        };
        let fields = Fields {
            id: get("id")?,
            title: get("title")?,
            dateline: get("dateline")?,
            date: get("date")?,
            byline: get("byline")?,
            body: get("body")?,
            people: get("people")?,
            places: get("places")?,
            orgs: get("orgs")?,
            topics: get("topics")?,
            source: get("source")?,
            url: get("url")?,
            path: get("path")?,
            file_mtime: get("file_mtime")?,
            file_size: get("file_size")?,
        };
        Ok(NewsSchema {
            schema,
            version: spec.version,
            fields,
            search_fields,
        })
    }

    /// Registers the tokenizers the schema names that tantivy does not ship, and `en_stem`
    /// again with the same steps as tantivy's but a stemmer that remembers its stems.
    pub fn register_tokenizers(index: &Index) {
        let key = TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .build();
        index.tokenizers().register("key", key);
        let en_stem = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(CachedEnglishStemmer)
            .build();
        index.tokenizers().register("en_stem", en_stem);
    }

    pub fn facet_field(&self, facet: Facet) -> Field {
        match facet {
            Facet::People => self.fields.people,
            Facet::Places => self.fields.places,
            Facet::Orgs => self.fields.orgs,
            Facet::Topics => self.fields.topics,
            Facet::Source => self.fields.source,
        }
    }

    /// The tantivy document for an article from a file with the given stamp.
    pub fn to_document(&self, article: &Article, stamp: FileStamp) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &article.id);
        doc.add_text(f.title, &article.title);
        doc.add_text(f.body, &article.body);
        let optional = [
            (f.dateline, &article.dateline),
            (f.byline, &article.byline),
            (f.source, &article.source),
            (f.url, &article.url),
        ];
        for (field, value) in optional {
            if let Some(value) = value {
                doc.add_text(field, value);
            }
        }
        if let Some(date) = article.date {
            doc.add_date(f.date, to_tantivy_date(date));
        }
        for (field, values) in [
            (f.people, &article.people),
            (f.places, &article.places),
            (f.orgs, &article.orgs),
            (f.topics, &article.topics),
        ] {
            for value in values {
                doc.add_text(field, value);
            }
        }
        doc.add_text(f.path, &article.path);
        doc.add_u64(f.file_mtime, stamp.mtime_ns);
        doc.add_u64(f.file_size, stamp.size);
        doc
    }

    /// The article stored in a document.
    pub fn to_article(&self, doc: &TantivyDocument) -> Article {
        let f = &self.fields;
        let text = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let all = |field: Field| {
            doc.get_all(field)
                .filter_map(|v| v.as_str())
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        Article {
            id: text(f.id).unwrap_or_default(),
            title: text(f.title).unwrap_or_default(),
            dateline: text(f.dateline),
            date: doc
                .get_first(f.date)
                .and_then(|v| v.as_datetime())
                .and_then(from_tantivy_date),
            byline: text(f.byline),
            body: text(f.body).unwrap_or_default(),
            people: all(f.people),
            places: all(f.places),
            orgs: all(f.orgs),
            topics: all(f.topics),
            source: text(f.source),
            url: text(f.url),
            path: text(f.path).unwrap_or_default(),
        }
    }
}

fn add_field(builder: &mut tantivy::schema::SchemaBuilder, spec: &FieldSpec) -> Result<Field> {
    let name = spec.name.as_str();
    Ok(match spec.kind {
        FieldKind::Text | FieldKind::Keyword => {
            let tokenizer = spec
                .tokenizer
                .as_deref()
                .ok_or_else(|| Error::Schema(format!("field {name:?} needs a tokenizer")))?;
            let record = if spec.kind == FieldKind::Text {
                IndexRecordOption::WithFreqsAndPositions
            } else {
                IndexRecordOption::Basic
            };
            let mut options = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(tokenizer)
                    .set_index_option(record),
            );
            if spec.stored {
                options = options.set_stored();
            }
            if spec.fast {
                // Values are normalised before indexing, so the column keeps them as given.
                options = options.set_fast("raw");
            }
            builder.add_text_field(name, options)
        }
        FieldKind::Date => {
            let mut options = DateOptions::default()
                .set_indexed()
                .set_precision(DateTimePrecision::Seconds);
            if spec.stored {
                options = options.set_stored();
            }
            if spec.fast {
                options = options.set_fast();
            }
            builder.add_date_field(name, options)
        }
        FieldKind::U64 => {
            let mut options = NumericOptions::default();
            if spec.stored {
                options = options.set_stored();
            }
            if spec.fast {
                options = options.set_fast();
            }
            builder.add_u64_field(name, options)
        }
    })
}

/// tantivy keeps dates as i64 nanoseconds (years 1678 to 2261); dates beyond are clamped to
/// those limits rather than allowed to overflow.
pub(crate) fn to_tantivy_date(date: DateTime<Utc>) -> tantivy::DateTime {
    const LIMIT_SECS: i64 = 9_000_000_000;
    tantivy::DateTime::from_timestamp_secs(date.timestamp().clamp(-LIMIT_SECS, LIMIT_SECS))
}

pub(crate) fn from_tantivy_date(date: tantivy::DateTime) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(date.into_timestamp_secs(), 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_file_builds_and_round_trips_an_article() {
        let schema = NewsSchema::load().unwrap();
        assert!(schema.version >= 1);
        let weights: Vec<f32> = schema.search_fields.iter().map(|(_, w)| *w).collect();
        assert!(weights.contains(&2.0));
        let article = Article {
            id: "reuters-1".into(),
            title: "BAHIA COCOA REVIEW".into(),
            dateline: Some("SALVADOR, Feb 26".into()),
            date: DateTime::from_timestamp(541_263_661, 0),
            byline: None,
            body: "Showers continued.".into(),
            people: vec![],
            places: vec!["el-salvador".into(), "usa".into()],
            orgs: vec![],
            topics: vec!["cocoa".into()],
            source: Some("reuters".into()),
            url: None,
            path: "/c/reut2-000.sgm".into(),
        };
        let stamp = FileStamp {
            mtime_ns: 1,
            size: 2,
        };
        let doc = schema.to_document(&article, stamp);
        assert_eq!(schema.to_article(&doc), article);
    }

    #[test]
    fn facet_names_and_aliases() {
        assert_eq!("Organisations".parse::<Facet>().unwrap(), Facet::Orgs);
        assert_eq!("place".parse::<Facet>().unwrap(), Facet::Places);
        let error = "colour".parse::<Facet>().unwrap_err().to_string();
        assert!(error.contains("people, places"), "{error}");
        for facet in Facet::ALL {
            assert_eq!(facet.name().parse::<Facet>().unwrap(), facet);
        }
    }
}
