//! The article as the pipeline passes it along: [`RawArticle`] is what a format reader found in a
//! file (strings as written, nothing interpreted), [`Article`] is what enrichment made of it (a
//! parsed date, a dateline split into its parts, facet values) and what the indexer stores.
//! Plain data only: no parsing and no tantivy here.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One article as a format reader found it: every field as written in the file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawArticle {
    /// The record's own identifier, if the file gives one (Reuters NEWID, a JSON `id`, a CSV column).
    pub local_id: Option<String>,
    /// Where in the file the record starts (1-based line, or record number), for ids and messages.
    pub position: usize,
    pub title: String,
    /// A dateline the file marks as such (Reuters `<DATELINE>`); otherwise one is looked for in the body.
    pub dateline: Option<String>,
    /// The date as written, parsed during enrichment.
    pub date: Option<String>,
    pub byline: Option<String>,
    pub body: String,
    pub people: Vec<String>,
    pub places: Vec<String>,
    pub orgs: Vec<String>,
    pub topics: Vec<String>,
    pub source: Option<String>,
    pub url: Option<String>,
}

/// One article ready to be indexed, and the shape in which search hands articles back.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier: `reuters-<NEWID>` for Reuters, else `<path>#<record id or position>`,
    /// else the file's path relative to the folder that was indexed.
    pub id: String,
    pub title: String,
    pub dateline: Option<String>,
    /// Publication time in UTC; `None` when the file gives no date that could be parsed.
    pub date: Option<DateTime<Utc>>,
    pub byline: Option<String>,
    pub body: String,
    /// Facet values, normalised with [`crate::facet_key`].
    pub people: Vec<String>,
    pub places: Vec<String>,
    pub orgs: Vec<String>,
    pub topics: Vec<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// The file the article came from (absolute).
    pub path: String,
}
