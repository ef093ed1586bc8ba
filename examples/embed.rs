//! Embedding newsindex in another program: build an index of `sample-corpus/`, then run a
//! faceted search and print the results. Run it with
//!
//! ```text
//! cargo run --example embed
//! ```
//!
//! A program that only searches needs `newsindex = { version = "0.1", default-features = false }`:
//! the library then builds without clap, anyhow or indicatif.

use std::path::PathBuf;

use newsindex::{calendar_range, Archive, Facet, IndexOptions, SearchRequest, Sort};

fn main() -> Result<(), newsindex::Error> {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-corpus");
    let index_dir = std::env::temp_dir().join("newsindex-embed-example");

    // `create` opens the index if it already exists; indexing again is incremental.
    let mut archive = Archive::create(&index_dir)?;
    let summary = archive.index(&[corpus], &IndexOptions::default(), &mut |progress| {
        eprint!(
            "\r{} of {} files read",
            progress.files_read, progress.files_to_read
        );
    })?;
    eprintln!();
    println!(
        "indexed: {} added, {} unchanged files; {} articles in {}",
        summary.articles_added,
        summary.files_unchanged,
        summary.articles_total,
        index_dir.display()
    );
    for problem in &summary.errors {
        eprintln!("skipped {}: {}", problem.path, problem.error);
    }

    // Articles about oil, placed in Japan, from 1987 or 2016, best first, with facet counts.
    let (from, _) = calendar_range("1987").map_err(|message| newsindex::Error::Argument {
        what: "date",
        message,
    })?;
    let request = SearchRequest {
        query: "oil".to_string(),
        places: vec!["Japan".to_string(), "Tokyo".to_string()],
        from: Some(from),
        sort: Some(Sort::Relevance),
        facets: vec![Facet::Places, Facet::Topics],
        limit: 5,
        ..SearchRequest::default()
    };
    let results = archive.search(&request)?;
    println!("{} matches in {:.1} ms", results.total, results.took_ms);
    for hit in &results.hits {
        let date = hit
            .date
            .map(|d| d.date_naive().to_string())
            .unwrap_or_default();
        println!("  {date:10}  {}  ({})", hit.title, hit.id);
    }
    for (facet, counts) in &results.facets {
        let values: Vec<String> = counts
            .iter()
            .map(|c| format!("{} {}", c.value, c.count))
            .collect();
        println!("  {facet}: {}", values.join(", "));
    }

    // Any hit can be fetched whole by id.
    if let Some(hit) = results.hits.first() {
        let article = archive.article(&hit.id)?;
        println!(
            "first hit has {} characters of body text",
            article.body.len()
        );
    }

    // The results are serde types: JSON for another program is one call away.
    println!(
        "{}",
        serde_json::to_string(&results.facets).unwrap_or_default()
    );
    Ok(())
}
