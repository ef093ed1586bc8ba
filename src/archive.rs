//! [`Archive`]: an index directory opened for indexing and searching, the library's front door.
//! It checks that a directory holds a newsindex index built with this schema (recorded in
//! `newsindex.json` beside tantivy's files) and hands work to the indexer and to search.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::{Index, IndexReader, ReloadPolicy};

use crate::error::{Error, Result};
use crate::indexer::{self, IndexOptions, IndexProgress, IndexSummary};
use crate::schema::NewsSchema;
use crate::search::{self, SearchRequest, SearchResults, Stats};
use crate::Article;

/// The file in an index directory that marks it as newsindex's and records its schema.
const MARKER: &str = "newsindex.json";

#[derive(Debug, Serialize, Deserialize)]
struct Marker {
    schema_version: u32,
    created_by: String,
    schema: tantivy::schema::Schema,
}

/// An open news archive index.
pub struct Archive {
    dir: PathBuf,
    index: Index,
    schema: NewsSchema,
    reader: IndexReader,
}

impl Archive {
    /// Opens an existing index.
    pub fn open(dir: impl AsRef<Path>) -> Result<Archive> {
        let dir = dir.as_ref();
        let schema = NewsSchema::load()?;
        if !dir.join("meta.json").is_file() {
            return Err(Error::NotAnIndex {
                dir: dir.to_path_buf(),
                reason: "no meta.json".to_string(),
            });
        }
        let marker = read_marker(dir)?;
        let index = Index::open_in_dir(dir)?;
        if marker.schema_version != schema.version || index.schema() != schema.schema {
            return Err(Error::SchemaMismatch {
                dir: dir.to_path_buf(),
                found: format!("version {}", marker.schema_version),
                expected: format!("version {}", schema.version),
            });
        }
        Archive::from_index(dir, index, schema)
    }

    /// Creates an empty index in `dir` (created if missing), or opens the one already there.
    pub fn create(dir: impl AsRef<Path>) -> Result<Archive> {
        let dir = dir.as_ref();
        if dir.join("meta.json").is_file() {
            return Archive::open(dir);
        }
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(format!("cannot create index folder {}", dir.display()), e))?;
        let schema = NewsSchema::load()?;
        let marker = Marker {
            schema_version: schema.version,
            created_by: format!("newsindex {}", env!("CARGO_PKG_VERSION")),
            schema: schema.schema.clone(),
        };
        // The marker is in place, whole, before tantivy's meta.json makes the folder an
        // index: a run killed at any moment leaves either no index or one that opens.
        write_marker(dir, &marker)?;
        let index = Index::create_in_dir(dir, schema.schema.clone()).map_err(|error| {
            Error::NotAnIndex {
                dir: dir.to_path_buf(),
                reason: format!("cannot create an index there: {error}"),
            }
        })?;
        Archive::from_index(dir, index, schema)
    }

    /// Deletes the index in `dir` (only if it is one) and creates an empty one.
    pub fn recreate(dir: impl AsRef<Path>) -> Result<Archive> {
        let dir = dir.as_ref();
        // A run killed while creating the index may have left the marker alone.
        if dir.join("meta.json").is_file() || dir.join(MARKER).is_file() {
            std::fs::remove_dir_all(dir)
                .map_err(|e| Error::io(format!("cannot remove old index {}", dir.display()), e))?;
        } else if dir
            .read_dir()
            .is_ok_and(|mut entries| entries.next().is_some())
        {
            return Err(Error::NotAnIndex {
                dir: dir.to_path_buf(),
                reason: "the folder is not empty and holds no index; refusing to delete it"
                    .to_string(),
            });
        }
        Archive::create(dir)
    }

    fn from_index(dir: &Path, mut index: Index, schema: NewsSchema) -> Result<Archive> {
        NewsSchema::register_tokenizers(&index);
        search_segments_in_parallel(&mut index)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Archive {
            dir: dir.to_path_buf(),
            index,
            schema,
            reader,
        })
    }

    /// The index directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Indexes files and folders; re-running on the same paths is incremental.
    pub fn index(
        &mut self,
        paths: &[PathBuf],
        options: &IndexOptions,
        progress: &mut dyn FnMut(&IndexProgress),
    ) -> Result<IndexSummary> {
        self.reader.reload()?;
        let searcher = self.reader.searcher();
        let mut summary = indexer::run(
            &self.index,
            &self.schema,
            &searcher,
            &self.dir,
            paths,
            options,
            progress,
        )?;
        self.reader.reload()?;
        summary.articles_total = self.reader.searcher().num_docs();
        Ok(summary)
    }

    /// Runs a search against the last committed state of the index.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        search::search(&self.index, &self.schema, &self.reader.searcher(), request)
    }

    /// One article by id.
    pub fn article(&self, id: &str) -> Result<Article> {
        search::get_article(&self.schema, &self.reader.searcher(), id)
    }

    /// Article count, size, date span and the top `facet_size` values of every facet.
    pub fn stats(&self, facet_size: usize) -> Result<Stats> {
        let bytes = folder_size(&self.dir);
        search::stats(
            &self.index,
            &self.schema,
            &self.reader.searcher(),
            facet_size,
            bytes,
        )
    }
}

/// Writes the marker to a temporary file and renames it into place, so that it is never seen
/// half written.
fn write_marker(dir: &Path, marker: &Marker) -> Result<()> {
    let json = serde_json::to_vec_pretty(marker)
        .map_err(|e| Error::Schema(format!("cannot record the schema: {e}")))?;
    let (temporary, path) = (dir.join(format!("{MARKER}.tmp")), dir.join(MARKER));
    let cannot_write = |e| Error::io(format!("cannot write {}", path.display()), e);
    std::fs::write(&temporary, json).map_err(cannot_write)?;
    std::fs::rename(&temporary, &path).map_err(cannot_write)
}

fn read_marker(dir: &Path) -> Result<Marker> {
    let path = dir.join(MARKER);
    let text = std::fs::read_to_string(&path).map_err(|_| Error::NotAnIndex {
        dir: dir.to_path_buf(),
        reason: format!("no {MARKER}: the index was not made by newsindex"),
    })?;
    serde_json::from_str(&text).map_err(|_| {
        let version = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| v["schema_version"].as_u64())
            .map_or("unknown".to_string(), |v| format!("version {v}"));
        Error::SchemaMismatch {
            dir: dir.to_path_buf(),
            found: version,
            expected: "this one".to_string(),
        }
    })
}

fn folder_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| entry.metadata().ok())
        .filter(|meta| meta.is_file())
        .map(|meta| meta.len())
        .sum()
}

/// Indexes from this many articles search their segments on parallel threads.
const PARALLEL_MIN_DOCS: u32 = 100_000;

/// A large index with several segments searches them on as many threads as there are cores:
/// at a million articles counting four facets over every match drops by about half on two cores.
/// Small indexes keep one thread, whose queries take tens of microseconds, less than handing
/// work to a pool costs.
fn search_segments_in_parallel(index: &mut Index) -> Result<()> {
    let segments = index.searchable_segment_metas()?;
    let docs: u32 = segments.iter().map(|segment| segment.num_docs()).sum();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = segments.len().min(cores);
    if docs >= PARALLEL_MIN_DOCS && threads > 1 {
        index.set_multithread_executor(threads)?;
    }
    Ok(())
}
