//! Indexing: walk the given paths, read and enrich the files that are new or changed (in
//! parallel), and write their articles with one tantivy writer, committing in batches at file
//! boundaries so that an interrupted run leaves whole files or nothing. Re-runs are incremental
//! without a second store: each article records its file's path, modification time and size, and
//! the index itself is asked which files it holds.
//!
//! Called by [`crate::Archive::index`]; reports progress through a callback so the library has
//! no terminal code.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Instant, UNIX_EPOCH};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{DocSet, Index, IndexWriter, Searcher, TantivyError, TERMINATED};
use walkdir::WalkDir;

use crate::article::Article;
use crate::enrich::{self, EnrichOptions, Origin};
use crate::error::{Error, Result};
use crate::formats::{self, Format};
use crate::schema::{FileStamp, NewsSchema};

/// How an indexing run behaves.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Memory the tantivy writer may use before it flushes a segment, in bytes, for all threads.
    pub memory_budget: usize,
    /// Indexing threads for tantivy's writer (parsing uses rayon's pool); `None`: one per core, up to 4.
    pub threads: Option<usize>,
    /// Only read files with these extensions (lower case, no dot); `None`: every supported format.
    pub extensions: Option<Vec<String>>,
    pub enrich: EnrichOptions,
    /// Commit after at least this many articles (at a file boundary).
    pub commit_every: usize,
    /// Files read whole (every format but large JSON Lines, which are streamed) are skipped with
    /// an error, unread, when larger than this.
    pub max_file_bytes: u64,
    /// JSON Lines files larger than this are streamed in batches of lines rather than read
    /// whole, so memory stays bounded however large an export is.
    pub stream_above_bytes: u64,
    /// Set to `true` (from a Ctrl-C handler, say) to stop after the current batch of files;
    /// what was read is committed and the summary says `interrupted`.
    pub cancel: Option<Arc<AtomicBool>>,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            memory_budget: 256 << 20,
            threads: None,
            extensions: None,
            enrich: EnrichOptions::default(),
            commit_every: 100_000,
            max_file_bytes: 1 << 30,
            stream_above_bytes: 64 << 20,
            cancel: None,
        }
    }
}

/// Where a run stands, for progress display.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IndexProgress {
    pub files_to_read: usize,
    pub files_read: usize,
    pub articles: u64,
    pub bytes: u64,
}

/// A file (or a record in it, after `path:line`) and what was wrong with it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct FileMessage {
    pub path: String,
    pub error: String,
}

/// What an indexing run did.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IndexSummary {
    /// Files of a supported format found under the given paths.
    pub files_seen: usize,
    pub files_unchanged: usize,
    pub files_indexed: usize,
    /// Files that could not be indexed at all (each is in `errors`).
    pub files_skipped: usize,
    pub articles_added: u64,
    pub articles_updated: u64,
    pub articles_deleted: u64,
    /// Articles in the index after the run.
    pub articles_total: u64,
    pub bytes_read: u64,
    /// Files read, per format.
    pub formats: BTreeMap<String, usize>,
    /// Files and records skipped, with the reason.
    pub errors: Vec<FileMessage>,
    /// Records kept with a caveat (an unparsed date, a non-UTF-8 file read as Latin-1).
    pub warnings: Vec<FileMessage>,
    /// The run was cancelled: files read before that are committed, the rest are not yet indexed
    /// (a re-run picks them up).
    pub interrupted: bool,
    pub elapsed_ms: u64,
}

/// A file chosen for reading.
struct Candidate {
    path: PathBuf,
    /// The path as stored in the index (lossily converted if the name is not UTF-8).
    key: String,
    /// Path relative to the walked folder, starting with that folder's name; used in ids.
    display: String,
    collection: Option<String>,
    format: Format,
    stamp: FileStamp,
}

/// What reading one file gave.
struct FileOutcome {
    articles: Vec<Article>,
    errors: Vec<FileMessage>,
    warnings: Vec<FileMessage>,
    bytes: u64,
    /// The whole file was unusable.
    failed: bool,
}

/// Indexes `paths` into `index`.
pub fn run(
    index: &Index,
    schema: &NewsSchema,
    searcher: &Searcher,
    dir: &Path,
    paths: &[PathBuf],
    options: &IndexOptions,
    progress: &mut dyn FnMut(&IndexProgress),
) -> Result<IndexSummary> {
    let started = Instant::now();
    let mut summary = IndexSummary::default();
    let roots = canonical_roots(paths)?;
    let candidates = walk(&roots, options, &mut summary);
    summary.files_seen = candidates.len();

    let indexed = indexed_files(schema, searcher)?;
    let (to_read, vanished) = plan(&candidates, &indexed, &roots);
    summary.files_unchanged = candidates.len() - to_read.len();

    let mut writer = open_writer(index, dir, options)?;
    for (path, count) in &vanished {
        writer.delete_term(Term::from_field_text(schema.fields.path, path));
        summary.articles_deleted += count;
    }

    let mut state = IndexProgress {
        files_to_read: to_read.len(),
        ..IndexProgress::default()
    };
    progress(&state);
    let mut uncommitted = 0usize;
    let rereading: HashSet<&str> = to_read
        .iter()
        .map(|c| c.key.as_str())
        .chain(vanished.iter().map(|(path, _)| path.as_str()))
        .collect();
    let mut ids = IdRegistry {
        searcher,
        schema,
        rereading: &rereading,
        claimed: HashMap::new(),
    };
    // Files are parsed a chunk at a time so memory stays bounded by the chunk, not the archive.
    for chunk in to_read.chunks(64) {
        if options
            .cancel
            .as_ref()
            .is_some_and(|flag| flag.load(Ordering::SeqCst))
        {
            summary.interrupted = true;
            break;
        }
        let outcomes: Vec<Option<FileOutcome>> = chunk
            .par_iter()
            .map(|candidate| {
                (!is_streamed(candidate, options)).then(|| read_file(candidate, options))
            })
            .collect();
        for (candidate, outcome) in chunk.iter().zip(outcomes) {
            state.files_read += 1;
            let previous = indexed.get(&candidate.key).map_or(0, |(_, count)| *count);
            let mut file = FileWriter {
                candidate,
                schema,
                writer: &writer,
                previous,
                deleted_previous: false,
                added: 0,
                failed: false,
            };
            match outcome {
                Some(outcome) => file.add(outcome, &mut ids, &mut summary)?,
                // Streamed files need no size limit: memory is bounded by the batch. Progress is
                // reported per batch, as one such file can take minutes.
                None => {
                    let articles_before = state.articles;
                    stream_lines(candidate, options, &mut |outcome| {
                        file.add(outcome, &mut ids, &mut summary)?;
                        state.articles = articles_before + file.added;
                        state.bytes = summary.bytes_read;
                        progress(&state);
                        Ok(())
                    })?;
                    state.articles = articles_before;
                }
            }
            if file.failed && file.added == 0 {
                // The file's earlier articles, if any, stay in the index: nothing is lost.
                summary.files_skipped += 1;
                continue;
            }
            *summary
                .formats
                .entry(candidate.format.name().to_string())
                .or_default() += 1;
            summary.files_indexed += 1;
            summary.articles_updated += file.added.min(previous);
            summary.articles_added += file.added.saturating_sub(previous);
            summary.articles_deleted += previous.saturating_sub(file.added);
            state.articles += file.added;
            state.bytes = summary.bytes_read;
            uncommitted += file.added as usize;
        }
        if uncommitted >= options.commit_every {
            writer.commit()?;
            uncommitted = 0;
        }
        progress(&state);
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    summary.elapsed_ms = started.elapsed().as_millis() as u64;
    Ok(summary)
}

/// Compares the walk with what the index holds: the files to read (new, or changed since they
/// were indexed) and the indexed files under the walked roots that are gone, with their counts.
fn plan<'a>(
    candidates: &'a [Candidate],
    indexed: &'a HashMap<String, (FileStamp, u64)>,
    roots: &[PathBuf],
) -> (Vec<&'a Candidate>, Vec<(&'a String, u64)>) {
    let seen: HashSet<&str> = candidates.iter().map(|c| c.key.as_str()).collect();
    let vanished = indexed
        .iter()
        .filter(|(path, _)| !seen.contains(path.as_str()))
        .filter(|(path, _)| roots.iter().any(|root| Path::new(path).starts_with(root)))
        .map(|(path, (_, count))| (path, *count))
        .collect();
    let to_read = candidates
        .iter()
        .filter(|c| indexed.get(&c.key).map(|(stamp, _)| *stamp) != Some(c.stamp))
        .collect();
    (to_read, vanished)
}

fn canonical_roots(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    paths
        .iter()
        .map(|path| {
            std::fs::canonicalize(path)
                .map_err(|e| Error::io(format!("cannot index {}", path.display()), e))
        })
        .collect()
}

fn open_writer(index: &Index, dir: &Path, options: &IndexOptions) -> Result<IndexWriter> {
    let threads = options.threads.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(4)
    });
    // tantivy needs at least 15 MB per thread.
    let budget = options.memory_budget.max(threads * (16 << 20));
    index
        .writer_with_num_threads(threads.max(1), budget)
        .map_err(|error| match error {
            TantivyError::LockFailure(..) => Error::Locked {
                dir: dir.to_path_buf(),
            },
            other => other.into(),
        })
}

/// Names that mark a corpus's documentation rather than its articles.
const DOC_FILE_STEMS: &[&str] = &[
    "readme",
    "license",
    "licence",
    "copying",
    "notice",
    "source",
    "changelog",
    "authors",
];

fn is_documentation(path: &Path) -> bool {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    DOC_FILE_STEMS.contains(&stem.as_str())
}

/// Finds the files to consider under every root, in a stable order.
fn walk(roots: &[PathBuf], options: &IndexOptions, summary: &mut IndexSummary) -> Vec<Candidate> {
    let mut candidates = Vec::new();
    let mut seen = HashSet::new();
    for root in roots {
        let collection = root.file_name().map(|n| n.to_string_lossy().into_owned());
        let base = root.parent().unwrap_or(root);
        let walker = WalkDir::new(root).follow_links(true).sort_by_file_name();
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    let path = error
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default();
                    summary.errors.push(FileMessage {
                        path,
                        error: walk_error_reason(&error),
                    });
                    continue;
                }
            };
            let path = entry.path();
            let Some(format) = Format::from_path(path) else {
                continue;
            };
            if entry.file_type().is_dir()
                || is_documentation(path)
                || !extension_wanted(path, options)
            {
                continue;
            }
            if !entry.file_type().is_file() {
                summary.errors.push(FileMessage {
                    path: path.display().to_string(),
                    error: "not a regular file (a FIFO, socket or device); skipped".to_string(),
                });
                summary.files_skipped += 1;
                continue;
            }
            let path_text = path.to_string_lossy();
            if matches!(path_text, std::borrow::Cow::Owned(_)) {
                summary.warnings.push(FileMessage {
                    path: path_text.to_string(),
                    error: "file name is not valid UTF-8; recorded with U+FFFD in place of the bad bytes".to_string(),
                });
            }
            if !seen.insert(path_text.to_string()) {
                continue;
            }
            let stamp = match entry.metadata() {
                Ok(meta) => FileStamp {
                    mtime_ns: meta
                        .modified()
                        .ok()
                        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                        .map_or(0, |d| d.as_nanos() as u64),
                    size: meta.len(),
                },
                Err(error) => {
                    summary.errors.push(FileMessage {
                        path: path_text.to_string(),
                        error: format!("cannot read file metadata: {error}"),
                    });
                    summary.files_skipped += 1;
                    continue;
                }
            };
            let display = path
                .strip_prefix(base)
                .unwrap_or(path)
                .to_string_lossy()
                .replace('\\', "/");
            candidates.push(Candidate {
                path: path.to_path_buf(),
                key: path_text.into_owned(),
                display,
                collection: collection.clone(),
                format,
                stamp,
            });
        }
    }
    candidates
}

fn walk_error_reason(error: &walkdir::Error) -> String {
    if error.loop_ancestor().is_some() {
        return "symbolic link loop; not followed".to_string();
    }
    match error.io_error() {
        Some(io) => format!("cannot read: {io}"),
        None => error.to_string(),
    }
}

fn extension_wanted(path: &Path, options: &IndexOptions) -> bool {
    let Some(wanted) = &options.extensions else {
        return true;
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    wanted
        .iter()
        .any(|w| w.trim_start_matches('.').eq_ignore_ascii_case(&ext))
}

fn read_file(candidate: &Candidate, options: &IndexOptions) -> FileOutcome {
    let failure = |error: String, bytes| FileOutcome {
        bytes,
        ..FileOutcome::failed(candidate, error)
    };
    if candidate.stamp.size > options.max_file_bytes {
        return failure(
            format!(
                "file is {} bytes, over the {}-byte limit for one file; split it or raise --max-file-mb",
                candidate.stamp.size, options.max_file_bytes
            ),
            0,
        );
    }
    let bytes = match std::fs::read(&candidate.path) {
        Ok(bytes) => bytes,
        Err(error) => return failure(format!("cannot read: {error}"), 0),
    };
    match formats::read(candidate.format, &bytes) {
        Ok(parsed) => outcome_of(candidate, parsed, 0, bytes.len() as u64, options),
        Err(reason) => failure(reason, bytes.len() as u64),
    }
}

/// Enriches what a reader parsed from (part of) a file. `line_base` is added to record
/// positions when the text began further into the file (a streamed batch).
fn outcome_of(
    candidate: &Candidate,
    parsed: formats::Parsed,
    line_base: usize,
    bytes: u64,
    options: &IndexOptions,
) -> FileOutcome {
    let path_text = &candidate.key;
    let mut outcome = FileOutcome {
        articles: Vec::with_capacity(parsed.articles.len()),
        errors: Vec::new(),
        warnings: Vec::new(),
        bytes,
        failed: false,
    };
    let at = |position: usize| match position {
        0 => path_text.clone(),
        line => format!("{path_text}:{}", line + line_base),
    };
    for problem in parsed.problems {
        let message = FileMessage {
            path: at(problem.position),
            error: problem.message,
        };
        if problem.skipped {
            outcome.errors.push(message);
        } else {
            outcome.warnings.push(message);
        }
    }
    let single = parsed.articles.len() == 1 && candidate.format == Format::Text;
    for mut raw in parsed.articles {
        raw.position += line_base;
        let id = article_id(candidate, &raw, single);
        let position = raw.position;
        let origin = Origin {
            id,
            path: path_text,
            default_source: candidate.collection.as_deref(),
        };
        let (article, warnings) = enrich::enrich(raw, origin, options.enrich);
        outcome
            .warnings
            .extend(warnings.into_iter().map(|w| FileMessage {
                path: format!("{path_text}:{position}"),
                error: w,
            }));
        outcome.articles.push(article);
    }
    if outcome.articles.is_empty() && !outcome.errors.is_empty() {
        outcome.failed = true;
    }
    outcome
}

/// Bytes of whole lines read per streamed batch.
const STREAM_BATCH_BYTES: usize = 16 << 20;

fn is_streamed(candidate: &Candidate, options: &IndexOptions) -> bool {
    candidate.format == Format::Jsonl && candidate.stamp.size > options.stream_above_bytes
}

/// Reads a large JSON Lines file a batch of lines at a time, parsing each batch in parallel,
/// and hands each batch's outcome to `sink` as it is ready.
fn stream_lines(
    candidate: &Candidate,
    options: &IndexOptions,
    sink: &mut dyn FnMut(FileOutcome) -> Result<()>,
) -> Result<()> {
    use std::io::BufRead;
    let file = match std::fs::File::open(&candidate.path) {
        Ok(file) => file,
        Err(error) => {
            return sink(FileOutcome::failed(
                candidate,
                format!("cannot read: {error}"),
            ));
        }
    };
    let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
    let mut lines_before = 0usize;
    loop {
        let mut batch = Vec::with_capacity(STREAM_BATCH_BYTES + (64 << 10));
        while batch.len() < STREAM_BATCH_BYTES {
            match reader.read_until(b'\n', &mut batch) {
                Ok(0) => break,
                Ok(_) => {}
                Err(error) => {
                    return sink(FileOutcome::failed(
                        candidate,
                        format!("cannot read: {error}"),
                    ));
                }
            }
        }
        if batch.is_empty() {
            return Ok(());
        }
        let (pieces, lines_in_batch) = split_at_lines(&batch, rayon::current_num_threads() * 4);
        let outcomes: Vec<FileOutcome> = pieces
            .par_iter()
            .map(
                |&(first_line, bytes)| match formats::read(Format::Jsonl, bytes) {
                    Ok(parsed) => outcome_of(
                        candidate,
                        parsed,
                        lines_before + first_line,
                        bytes.len() as u64,
                        options,
                    ),
                    Err(reason) => FileOutcome::failed(candidate, reason),
                },
            )
            .collect();
        lines_before += lines_in_batch;
        for mut outcome in outcomes {
            // A batch with only bad lines is not a failed file: its lines are reported one by one.
            outcome.failed = false;
            sink(outcome)?;
        }
    }
}

/// Splits text into about `parts` pieces at line ends, each with the number of lines before it;
/// also returns the number of lines in all of `bytes`.
fn split_at_lines(bytes: &[u8], parts: usize) -> (Vec<(usize, &[u8])>, usize) {
    let target = bytes.len() / parts.max(1) + 1;
    let mut pieces = Vec::with_capacity(parts);
    let mut start = 0;
    let mut lines_before = 0;
    while start < bytes.len() {
        let mut end = (start + target).min(bytes.len());
        while end < bytes.len() && bytes[end - 1] != b'\n' {
            end += 1;
        }
        let piece = &bytes[start..end];
        pieces.push((lines_before, piece));
        lines_before += piece.iter().filter(|&&b| b == b'\n').count();
        start = end;
    }
    (pieces, lines_before)
}

impl FileOutcome {
    fn failed(candidate: &Candidate, error: String) -> FileOutcome {
        FileOutcome {
            articles: Vec::new(),
            errors: vec![FileMessage {
                path: candidate.key.clone(),
                error,
            }],
            warnings: Vec::new(),
            bytes: 0,
            failed: true,
        }
    }
}

fn article_id(candidate: &Candidate, raw: &crate::article::RawArticle, single: bool) -> String {
    match &raw.local_id {
        Some(id) if candidate.format.ids_are_global() => id.clone(),
        Some(id) => format!("{}#{id}", candidate.display),
        None if single => candidate.display.clone(),
        None => format!("{}#{}", candidate.display, raw.position),
    }
}

/// Adds one file's articles to the writer, in one piece or batch by batch.
struct FileWriter<'c, 'w> {
    candidate: &'c Candidate,
    schema: &'w NewsSchema,
    writer: &'w IndexWriter,
    /// Articles the index held for this file before the run.
    previous: u64,
    deleted_previous: bool,
    added: u64,
    failed: bool,
}

impl<'c> FileWriter<'c, '_> {
    fn add(
        &mut self,
        outcome: FileOutcome,
        ids: &mut IdRegistry<'c>,
        summary: &mut IndexSummary,
    ) -> Result<()> {
        summary.bytes_read += outcome.bytes;
        summary.errors.extend(outcome.errors);
        summary.warnings.extend(outcome.warnings);
        if outcome.failed {
            self.failed = true;
            return Ok(());
        }
        if self.previous > 0 && !self.deleted_previous {
            let path = Term::from_field_text(self.schema.fields.path, &self.candidate.key);
            self.writer.delete_term(path);
            self.deleted_previous = true;
        }
        for mut article in outcome.articles {
            if let Some(warning) = ids.claim(&mut article, self.candidate)? {
                summary.warnings.push(warning);
            }
            self.writer
                .add_document(self.schema.to_document(&article, self.candidate.stamp))?;
            self.added += 1;
        }
        Ok(())
    }
}

/// Keeps article ids unique. An id already used by an article from another file (the same
/// Reuters file copied into two folders, two exports sharing record ids) is not allowed to
/// shadow it: the newcomer gets an id qualified by its own file, and a warning says so.
struct IdRegistry<'a> {
    searcher: &'a Searcher,
    schema: &'a NewsSchema,
    /// Files whose old articles this run deletes: their ids are free to take again.
    rereading: &'a HashSet<&'a str>,
    /// Ids given out in this run, with the file that got each (borrowed: one path serves all
    /// of a file's articles).
    claimed: HashMap<String, &'a str>,
}

impl<'a> IdRegistry<'a> {
    fn claim(
        &mut self,
        article: &mut Article,
        candidate: &'a Candidate,
    ) -> Result<Option<FileMessage>> {
        let original = article.id.clone();
        let owner = self.owner_elsewhere(&original, &candidate.key)?;
        if owner.is_some() {
            article.id = format!("{original}@{}", candidate.display);
            let mut n = 1;
            while self.owner_elsewhere(&article.id, &candidate.key)?.is_some() {
                n += 1;
                article.id = format!("{original}@{}~{n}", candidate.display);
            }
        }
        self.claimed.insert(article.id.clone(), &candidate.key);
        Ok(owner.map(|owner| FileMessage {
            path: candidate.key.clone(),
            error: format!(
                "id {original:?} is already used by an article from {owner}; this one is indexed as {:?}",
                article.id
            ),
        }))
    }

    /// The file of another article that already has `id`, if any.
    fn owner_elsewhere(&self, id: &str, path: &str) -> Result<Option<String>> {
        if let Some(owner) = self.claimed.get(id) {
            return Ok(Some(owner.to_string()));
        }
        let term = Term::from_field_text(self.schema.fields.id, id);
        if self.searcher.doc_freq(&term)? == 0 {
            return Ok(None);
        }
        let article = crate::search::get_article(self.schema, self.searcher, id)?;
        let still_there = article.path != path && !self.rereading.contains(article.path.as_str());
        Ok(still_there.then_some(article.path))
    }
}

/// Which files the index holds: path → (stamp when indexed, live article count). Read from the
/// path field's term dictionary, so the cost grows with the number of files, not articles.
fn indexed_files(
    schema: &NewsSchema,
    searcher: &Searcher,
) -> Result<HashMap<String, (FileStamp, u64)>> {
    let mut files: HashMap<String, (FileStamp, u64)> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(schema.fields.path)?;
        let fast = segment.fast_fields();
        let mtime = fast.u64("file_mtime")?;
        let size = fast.u64("file_size")?;
        let alive = segment.alive_bitset();
        let index_io = |e| Error::io("reading the index's file list", e);
        let mut terms = inverted.terms().stream().map_err(index_io)?;
        while terms.advance() {
            let Ok(path) = std::str::from_utf8(terms.key()) else {
                continue;
            };
            let mut postings = inverted
                .read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)
                .map_err(index_io)?;
            let mut live = 0u64;
            let mut first_live = None;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|bits| bits.is_alive(doc)) {
                    live += 1;
                    first_live.get_or_insert(doc);
                }
                doc = postings.advance();
            }
            let Some(doc) = first_live else {
                continue;
            };
            let stamp = FileStamp {
                mtime_ns: mtime.first(doc).unwrap_or(0),
                size: size.first(doc).unwrap_or(0),
            };
            let entry = files.entry(path.to_string()).or_insert((stamp, 0));
            entry.1 += live;
        }
    }
    Ok(files)
}
