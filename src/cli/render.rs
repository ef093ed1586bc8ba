//! Output: human-readable text for terminals (aligned, matched words highlighted when stdout is
//! a terminal and `NO_COLOR` is unset) and JSON for scripts. The JSON shapes are the library's
//! serde types, documented in the README and kept stable.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::Path;

use newsindex::evaluate::{Evaluation, Judged, MentionEvaluation, Score};
use newsindex::extract::Extraction;
use newsindex::{Article, Facet, FacetCount, IndexSummary, SearchRequest, SearchResults, Stats};
use serde::Serialize;

/// Whether to use terminal colours.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    colour: bool,
}

impl Style {
    pub fn detect() -> Style {
        let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        Style { colour }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }

    fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }

    fn highlight(self, text: &str) -> String {
        if self.colour {
            self.paint("1;33", text)
        } else {
            format!("[{text}]")
        }
    }
}

/// Appends a line to an output buffer. All output is built first and written once by [`emit`].
macro_rules! out {
    ($buf:expr) => {
        $buf.push('\n')
    };
    ($buf:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = writeln!($buf, $($arg)*);
    }};
}

/// Writes output to stdout. A closed pipe (`newsindex search ... | head`) ends the program
/// quietly, as command-line tools do, instead of panicking inside `println!`.
fn emit(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write the output: {error}");
        std::process::exit(1);
    }
}

pub fn print_json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    let mut buf = serde_json::to_string_pretty(value)?;
    buf.push('\n');
    emit(&buf);
    Ok(())
}

/// `1234567` → `1,234,567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn day(date: Option<chrono::DateTime<chrono::Utc>>) -> String {
    date.map_or("          ".to_string(), |d| {
        d.format("%Y-%m-%d").to_string()
    })
}

pub fn print_results(results: &SearchResults, request: &SearchRequest, style: Style) {
    let mut buf = String::new();
    let noun = if results.total == 1 {
        "article"
    } else {
        "articles"
    };
    out!(
        buf,
        "{} {noun} match ({:.1} ms)",
        style.bold(&thousands(results.total)),
        results.took_ms
    );
    for (rank, hit) in results.hits.iter().enumerate() {
        out!(buf);
        let title = if hit.title.is_empty() {
            "(untitled)"
        } else {
            &hit.title
        };
        out!(
            buf,
            "{:>3}. {}  {}  {}",
            request.offset + rank + 1,
            day(hit.date),
            style.bold(title),
            style.dim(&hit.id)
        );
        let context: Vec<&str> = [hit.dateline.as_deref(), hit.source.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if !context.is_empty() {
            out!(buf, "     {}", style.dim(&context.join(" · ")));
        }
        if !hit.snippet.is_empty() {
            out!(
                buf,
                "     {}",
                highlighted(&hit.snippet, &hit.highlights, style)
            );
        }
    }
    if results.hits.is_empty()
        && request.limit > 0
        && request.offset as u64 >= results.total
        && results.total > 0
    {
        out!(
            buf,
            "(no hits on this page: --offset {} is past the end)",
            request.offset
        );
    }
    print_facets(&mut buf, &results.facets, &request.facets, style);
    emit(&buf);
}

/// The snippet on one line with matched words marked.
fn highlighted(snippet: &str, ranges: &[[usize; 2]], style: Style) -> String {
    let mut out = String::new();
    let mut at = 0;
    for &[start, end] in ranges {
        let (Some(before), Some(word)) = (snippet.get(at..start), snippet.get(start..end)) else {
            continue;
        };
        out.push_str(before);
        out.push_str(&style.highlight(word));
        at = end;
    }
    out.push_str(snippet.get(at..).unwrap_or(""));
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Facet tables in the order the user asked for them.
fn print_facets(
    buf: &mut String,
    facets: &BTreeMap<String, Vec<FacetCount>>,
    order: &[Facet],
    style: Style,
) {
    for facet in order {
        let name = facet.name();
        let Some(counts) = facets.get(name) else {
            continue;
        };
        out!(buf);
        out!(buf, "{}", style.bold(name));
        if counts.is_empty() {
            out!(buf, "  (none)");
        }
        let width = counts
            .iter()
            .map(|c| c.value.chars().count())
            .max()
            .unwrap_or(0);
        for count in counts {
            out!(
                buf,
                "  {:<width$}  {:>8}",
                count.value,
                thousands(count.count)
            );
        }
    }
}

pub fn print_article(article: &Article, style: Style) {
    let mut buf = String::new();
    write_article_fields(&mut buf, article, style);
    out!(buf);
    out!(buf, "{}", article.body);
    emit(&buf);
}

/// Each article's fields, then each entity mention: kind, text as written, canonical name, and
/// where it is.
pub fn print_extraction(extraction: &Extraction, style: Style) {
    let mut buf = String::new();
    for extracted in &extraction.articles {
        write_article_fields(&mut buf, &extracted.article, style);
        for entity in &extracted.entities {
            let kind = format!("{:?}", entity.kind).to_lowercase();
            out!(
                buf,
                "{}  {:<28} {} {}",
                style.dim(&format!("{kind:>8}")),
                format!("{:?}", entity.text),
                entity.canonical,
                style.dim(&format!(
                    "({:?} {}..{})",
                    entity.field, entity.start, entity.end
                ))
            );
        }
        out!(buf);
    }
    for problem in &extraction.problems {
        out!(
            buf,
            "{}",
            style.dim(&format!(
                "note: record {}: {}",
                problem.position, problem.message
            ))
        );
    }
    emit(&buf);
}

/// How often each value was missed or found wrongly, per type, over an evaluation.
#[derive(Default)]
pub struct ErrorTally {
    misses: [BTreeMap<String, usize>; 3],
    false_alarms: [BTreeMap<String, usize>; 3],
}

impl ErrorTally {
    pub fn add(&mut self, judged: &Judged) {
        for (index, (gold, found)) in [&judged.places, &judged.people, &judged.orgs]
            .into_iter()
            .enumerate()
        {
            for value in gold.difference(found) {
                *self.misses[index].entry(value.clone()).or_default() += 1;
            }
            for value in found.difference(gold) {
                *self.false_alarms[index].entry(value.clone()).or_default() += 1;
            }
        }
    }
}

/// The precision/recall/F1 table of three entity types.
fn write_scores(buf: &mut String, scores: [(&str, &Score); 3]) {
    out!(
        buf,
        "{:<8} {:>9} {:>9} {:>9} {:>7} {:>7} {:>7}",
        "type",
        "precision",
        "recall",
        "F1",
        "tp",
        "fp",
        "fn"
    );
    for (name, score) in scores {
        out!(
            buf,
            "{name:<8} {:>9.3} {:>9.3} {:>9.3} {:>7} {:>7} {:>7}",
            score.precision,
            score.recall,
            score.f1,
            score.true_positives,
            score.false_positives,
            score.false_negatives
        );
    }
}

pub fn print_mention_evaluation(evaluation: &MentionEvaluation) {
    let mut buf = String::new();
    out!(
        buf,
        "GUM, {} documents, mention level (overlap with gold mentions that have a Wikipedia identity)",
        evaluation.documents
    );
    write_scores(
        &mut buf,
        [
            ("places", &evaluation.places),
            ("people", &evaluation.people),
            ("orgs", &evaluation.orgs),
        ],
    );
    emit(&buf);
}

pub fn print_evaluation(evaluation: &Evaluation, tally: &ErrorTally, errors: usize) {
    let mut buf = String::new();
    out!(
        buf,
        "Reuters-21578 {} split, {} stories, document level (tags hidden)",
        evaluation.split,
        thousands(evaluation.documents as u64)
    );
    let scores = [
        ("places", &evaluation.places),
        ("people", &evaluation.people),
        ("orgs", &evaluation.orgs),
    ];
    write_scores(&mut buf, scores);
    out!(
        buf,
        "throughput {:.1} MB/s on one core ({:.1} MB of text in {:.2} s, enrichment and extraction; \
         name tables loaded once in {:.0} ms)",
        evaluation.mb_per_second,
        evaluation.text_bytes as f64 / 1e6,
        evaluation.enrich_seconds,
        evaluation.lexicon_load_seconds * 1e3
    );
    for (index, (name, _)) in scores.iter().enumerate().filter(|_| errors > 0) {
        for (label, counts) in [
            ("missed", &tally.misses[index]),
            ("false", &tally.false_alarms[index]),
        ] {
            let mut top: Vec<_> = counts.iter().collect();
            top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let listed: Vec<String> = top
                .iter()
                .take(errors)
                .map(|(value, count)| format!("{value} {count}"))
                .collect();
            out!(buf, "{name} {label}: {}", listed.join(", "));
        }
    }
    emit(&buf);
}

fn write_article_fields(buf: &mut String, article: &Article, style: Style) {
    out!(buf, "{}", style.bold(&article.title));
    let mut fields: Vec<(&str, String)> = vec![("id", article.id.clone())];
    if let Some(date) = article.date {
        fields.push(("date", date.to_rfc3339()));
    }
    for (name, value) in [
        ("dateline", &article.dateline),
        ("byline", &article.byline),
        ("source", &article.source),
        ("url", &article.url),
    ] {
        if let Some(value) = value {
            fields.push((name, value.clone()));
        }
    }
    for (name, values) in [
        ("people", &article.people),
        ("places", &article.places),
        ("orgs", &article.orgs),
        ("topics", &article.topics),
    ] {
        if !values.is_empty() {
            fields.push((name, values.join(", ")));
        }
    }
    fields.push(("path", article.path.clone()));
    for (name, value) in fields {
        out!(buf, "{}  {value}", style.dim(&format!("{name:>8}")));
    }
}

pub fn print_stats(stats: &Stats, dir: &Path, style: Style) {
    let mut buf = String::new();
    out!(buf, "{}", style.bold(&dir.display().to_string()));
    out!(buf, "  articles  {}", thousands(stats.articles));
    out!(
        buf,
        "  size      {:.1} MB in {} segment(s)",
        stats.index_bytes as f64 / 1e6,
        stats.segments
    );
    match (stats.earliest, stats.latest) {
        (Some(first), Some(last)) => out!(
            buf,
            "  dates     {} to {} ({} undated)",
            first.format("%Y-%m-%d"),
            last.format("%Y-%m-%d"),
            thousands(stats.undated)
        ),
        _ => out!(buf, "  dates     none"),
    }
    print_facets(&mut buf, &stats.facets, &Facet::ALL, style);
    emit(&buf);
}

pub fn print_bench(results: &[newsindex::bench::BenchResult], runs: usize) {
    let mut buf = String::new();
    let width = results
        .iter()
        .map(|r| r.query.chars().count())
        .max()
        .unwrap_or(5)
        .clamp(5, 60);
    out!(
        buf,
        "{:<width$}  {:>9}  {:>9}  {:>9}  {:>9}  {:>11}   ({runs} runs each, µs)",
        "query",
        "hits",
        "p50",
        "p95",
        "p99",
        "full p50"
    );
    for r in results {
        let query: String = r.query.chars().take(60).collect();
        out!(
            buf,
            "{query:<width$}  {:>9}  {:>9.1}  {:>9.1}  {:>9.1}  {:>11.1}",
            r.hits,
            r.p50_us,
            r.p95_us,
            r.p99_us,
            r.full_p50_us
        );
    }
    emit(&buf);
}

/// How many warnings to list without `--verbose`.
const WARNINGS_SHOWN: usize = 5;

pub fn print_index_summary(summary: &IndexSummary, verbose: bool, style: Style) {
    let mut buf = String::new();
    let seconds = summary.elapsed_ms as f64 / 1000.0;
    let megabytes = summary.bytes_read as f64 / 1e6;
    out!(
        buf,
        "{} files seen, {} read, {} unchanged, {} skipped; {:.1} MB in {:.1} s ({:.1} MB/s)",
        thousands(summary.files_seen as u64),
        thousands(summary.files_indexed as u64),
        thousands(summary.files_unchanged as u64),
        thousands(summary.files_skipped as u64),
        megabytes,
        seconds,
        megabytes / seconds.max(1e-3)
    );
    out!(
        buf,
        "articles: {} added, {} updated, {} deleted; the index holds {}",
        style.bold(&thousands(summary.articles_added)),
        thousands(summary.articles_updated),
        thousands(summary.articles_deleted),
        style.bold(&thousands(summary.articles_total))
    );
    if !summary.formats.is_empty() {
        let formats: Vec<String> = summary
            .formats
            .iter()
            .map(|(name, n)| format!("{name} {n}"))
            .collect();
        out!(buf, "formats: {}", formats.join(", "));
    }
    emit(&buf);
    if !summary.warnings.is_empty() {
        eprintln!("{} warning(s):", summary.warnings.len());
        let shown = if verbose { usize::MAX } else { WARNINGS_SHOWN };
        for warning in summary.warnings.iter().take(shown) {
            eprintln!("  {}: {}", warning.path, warning.error);
        }
        if summary.warnings.len() > shown {
            eprintln!(
                "  ... and {} more (--verbose lists them all)",
                summary.warnings.len() - shown
            );
        }
    }
    if !summary.errors.is_empty() {
        eprintln!("{} file(s) or record(s) skipped:", summary.errors.len());
        for error in &summary.errors {
            eprintln!("  {}: {}", error.path, error.error);
        }
    }
}
