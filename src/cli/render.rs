//! Output: human-readable text for terminals (aligned, matched words highlighted when stdout is
//! a terminal and `NO_COLOR` is unset) and JSON for scripts. The JSON shapes are the library's
//! serde types, documented in the README and kept stable.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::Path;

use newsindex::{Article, FacetCount, IndexSummary, SearchRequest, SearchResults, Stats};
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

pub fn print_json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
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
    let noun = if results.total == 1 {
        "article"
    } else {
        "articles"
    };
    println!(
        "{} {noun} match ({:.1} ms)",
        style.bold(&thousands(results.total)),
        results.took_ms
    );
    for (rank, hit) in results.hits.iter().enumerate() {
        println!();
        let title = if hit.title.is_empty() {
            "(untitled)"
        } else {
            &hit.title
        };
        println!(
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
            println!("     {}", style.dim(&context.join(" · ")));
        }
        if !hit.snippet.is_empty() {
            println!("     {}", highlighted(&hit.snippet, &hit.highlights, style));
        }
    }
    if results.hits.is_empty() && results.total > 0 {
        println!(
            "(no hits on this page: --offset {} is past the end)",
            request.offset
        );
    }
    print_facets(&results.facets, style);
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

fn print_facets(facets: &BTreeMap<String, Vec<FacetCount>>, style: Style) {
    for (name, counts) in facets {
        println!();
        println!("{}", style.bold(name));
        if counts.is_empty() {
            println!("  (none)");
        }
        let width = counts
            .iter()
            .map(|c| c.value.chars().count())
            .max()
            .unwrap_or(0);
        for count in counts {
            println!("  {:<width$}  {:>8}", count.value, thousands(count.count));
        }
    }
}

pub fn print_article(article: &Article, style: Style) {
    println!("{}", style.bold(&article.title));
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
        println!("{}  {value}", style.dim(&format!("{name:>8}")));
    }
    println!();
    println!("{}", article.body);
}

pub fn print_stats(stats: &Stats, dir: &Path, style: Style) {
    println!("{}", style.bold(&dir.display().to_string()));
    println!("  articles  {}", thousands(stats.articles));
    println!(
        "  size      {:.1} MB in {} segment(s)",
        stats.index_bytes as f64 / 1e6,
        stats.segments
    );
    match (stats.earliest, stats.latest) {
        (Some(first), Some(last)) => println!(
            "  dates     {} to {} ({} undated)",
            first.format("%Y-%m-%d"),
            last.format("%Y-%m-%d"),
            thousands(stats.undated)
        ),
        _ => println!("  dates     none"),
    }
    print_facets(&stats.facets, style);
}

pub fn print_bench(results: &[newsindex::bench::BenchResult], runs: usize) {
    let width = results
        .iter()
        .map(|r| r.query.chars().count())
        .max()
        .unwrap_or(5)
        .clamp(5, 60);
    println!(
        "{:<width$}  {:>9}  {:>9}  {:>9}  {:>9}  {:>11}   ({runs} runs each, µs)",
        "query", "hits", "p50", "p95", "p99", "full p50"
    );
    for r in results {
        let query: String = r.query.chars().take(60).collect();
        println!(
            "{query:<width$}  {:>9}  {:>9.1}  {:>9.1}  {:>9.1}  {:>11.1}",
            r.hits, r.p50_us, r.p95_us, r.p99_us, r.full_p50_us
        );
    }
}

/// How many warnings to list without `--verbose`.
const WARNINGS_SHOWN: usize = 5;

pub fn print_index_summary(summary: &IndexSummary, verbose: bool, style: Style) {
    let seconds = summary.elapsed_ms as f64 / 1000.0;
    let megabytes = summary.bytes_read as f64 / 1e6;
    println!(
        "{} files seen, {} read, {} unchanged, {} skipped; {:.1} MB in {:.1} s ({:.1} MB/s)",
        thousands(summary.files_seen as u64),
        thousands(summary.files_indexed as u64),
        thousands(summary.files_unchanged as u64),
        thousands(summary.files_skipped as u64),
        megabytes,
        seconds,
        megabytes / seconds.max(1e-3)
    );
    println!(
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
        println!("formats: {}", formats.join(", "));
    }
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
