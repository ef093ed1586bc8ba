//! The library's one error type. Every variant carries what a user needs to act: which file,
//! which index directory, which part of a query. The CLI prints these messages as they are;
//! nothing here knows about terminals or exit codes.

use std::path::PathBuf;

/// Everything that can go wrong in newsindex, with messages written for the person at the terminal.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The query string could not be understood.
    #[error("bad query: {0}")]
    Query(String),

    /// A filter value (date, sort order, facet name, ...) could not be understood.
    #[error("bad {what}: {message}")]
    Argument { what: &'static str, message: String },

    /// The index directory does not hold a newsindex index.
    #[error("{dir}: no newsindex index here ({reason}); create one with `newsindex index <folder> --index {dir}`")]
    NotAnIndex { dir: PathBuf, reason: String },

    /// The index was built with a schema this version does not read.
    #[error("{dir}: this index was built with schema {found}, this newsindex uses schema {expected}; rebuild it with `newsindex index <folder> --index {dir} --rebuild`")]
    SchemaMismatch {
        dir: PathBuf,
        found: String,
        expected: String,
    },

    /// Another process holds the index's writer lock.
    #[error("{dir}: another process is writing to this index (it holds the lock file {dir}/.tantivy-writer.lock); wait for it to finish and try again")]
    Locked { dir: PathBuf },

    /// No article has the id asked for.
    #[error("no article with id {0:?}")]
    NoSuchArticle(String),

    /// The schema description in `index-schema/` is inconsistent (a bug in the build, not user input).
    #[error("index schema: {0}")]
    Schema(String),

    /// An I/O error outside any single article file (the index directory, for example).
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },

    /// An error reported by the search engine underneath.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// Shorthand used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }
}
