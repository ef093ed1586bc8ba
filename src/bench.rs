//! Query benchmarks, the role `tantivy bench` plays for tantivy-cli: each query of a file runs
//! many times in one process after a warm-up, and the latency percentiles are reported. Two
//! timings per query: `rank` (parse, match, rank the top 10, count, facets: the work tantivy-cli
//! times) and `full` (that plus loading the hits' stored fields and snippets, what a user waits
//! for). Benchmarks measure; nothing here asserts a time.

use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::search::SearchRequest;
use crate::Archive;

/// One query of a benchmark file.
#[derive(Debug, Clone)]
pub struct BenchQuery {
    /// How the query is shown in reports: the line as written.
    pub label: String,
    pub request: SearchRequest,
}

/// Latencies of one query, in microseconds.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BenchResult {
    pub query: String,
    pub hits: u64,
    pub p50_us: f64,
    pub p95_us: f64,
    pub p99_us: f64,
    /// Median of the full search, hits loaded and snippets made.
    pub full_p50_us: f64,
}

/// Reads a query file: one query per line in the search language, or one JSON object per line
/// with the fields of a [`SearchRequest`] (`{"query": "oil", "places": ["japan"], "facets":
/// ["people"]}`). Blank lines and lines starting with `#` are skipped.
pub fn parse_query_file(text: &str) -> Result<Vec<BenchQuery>> {
    let mut queries = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let request = if line.starts_with('{') {
            serde_json::from_str::<SearchRequest>(line).map_err(|e| Error::Argument {
                what: "query file",
                message: format!("line {}: not a search request: {e}", index + 1),
            })?
        } else {
            SearchRequest::new(line)
        };
        queries.push(BenchQuery {
            label: line.to_string(),
            request,
        });
    }
    Ok(queries)
}

/// Runs every query `runs` times after one warm-up run of each.
pub fn run(archive: &Archive, queries: &[BenchQuery], runs: usize) -> Result<Vec<BenchResult>> {
    let runs = runs.max(1);
    let mut results = Vec::with_capacity(queries.len());
    for query in queries {
        let rank_only = SearchRequest {
            fetch_hits: false,
            ..query.request.clone()
        };
        let hits = archive.search(&rank_only)?.total;
        let rank = time_runs(runs, || archive.search(&rank_only).map(|_| ()))?;
        archive.search(&query.request)?;
        let full = time_runs(runs, || archive.search(&query.request).map(|_| ()))?;
        results.push(BenchResult {
            query: query.label.clone(),
            hits,
            p50_us: percentile(&rank, 50.0),
            p95_us: percentile(&rank, 95.0),
            p99_us: percentile(&rank, 99.0),
            full_p50_us: percentile(&full, 50.0),
        });
    }
    Ok(results)
}

/// Durations of `runs` calls in microseconds, sorted.
fn time_runs(runs: usize, mut call: impl FnMut() -> Result<()>) -> Result<Vec<f64>> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        call()?;
        times.push(started.elapsed().as_secs_f64() * 1e6);
    }
    times.sort_by(f64::total_cmp);
    Ok(times)
}

/// Nearest-rank percentile of sorted values.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    let value = sorted[rank.clamp(1, sorted.len()) - 1];
    (value * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_files_mix_plain_and_json_lines() {
        let file = "# classes\ntrade places:japan\n\n{\"query\": \"oil\", \"places\": [\"japan\"], \"facets\": [\"people\"]}\n";
        let queries = parse_query_file(file).unwrap();
        assert_eq!(queries.len(), 2);
        assert_eq!(queries[0].request.query, "trade places:japan");
        assert_eq!(queries[1].request.places, ["japan"]);
        assert_eq!(queries[1].request.facets, [crate::Facet::People]);
        assert_eq!(queries[1].request.limit, 10, "defaults fill the rest");
        let error = parse_query_file("{\"query\": 5}").unwrap_err().to_string();
        assert!(error.contains("line 1"), "{error}");
    }

    #[test]
    fn percentiles_use_nearest_rank() {
        let values: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&values, 50.0), 50.0);
        assert_eq!(percentile(&values, 95.0), 95.0);
        assert_eq!(percentile(&values, 99.0), 99.0);
        assert_eq!(percentile(&[7.0], 99.0), 7.0);
        assert_eq!(percentile(&[], 50.0), 0.0);
    }
}
