//! The library API as an embedder uses it, without the binary.

use newsindex::{Archive, IndexOptions, SearchRequest};

fn jsonl_export(lines: usize, bad_line: usize) -> String {
    (1..=lines)
        .map(|line| {
            if line == bad_line {
                "{\"title\": broken\n".to_string()
            } else {
                format!(
                    "{{\"title\": \"Story {line}\", \"text\": \"Harbour news number {line}.\"}}\n"
                )
            }
        })
        .collect()
}

fn index_with(
    options: &IndexOptions,
    dir: &std::path::Path,
    corpus: &std::path::Path,
) -> (Archive, newsindex::IndexSummary) {
    let mut archive = Archive::create(dir).unwrap();
    let summary = archive
        .index(&[corpus.to_path_buf()], options, &mut |_| {})
        .unwrap();
    (archive, summary)
}

#[test]
fn large_json_lines_files_stream_with_the_same_result() {
    let temp = tempfile::tempdir().unwrap();
    let corpus = temp.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(corpus.join("export.jsonl"), jsonl_export(20_000, 12_345)).unwrap();

    let whole = IndexOptions::default();
    let streamed = IndexOptions {
        stream_above_bytes: 1_000,
        ..IndexOptions::default()
    };
    let (read_whole, whole_summary) = index_with(&whole, &temp.path().join("a"), &corpus);
    let (read_streamed, streamed_summary) = index_with(&streamed, &temp.path().join("b"), &corpus);

    for summary in [&whole_summary, &streamed_summary] {
        assert_eq!(summary.articles_added, 19_999);
        assert_eq!(summary.errors.len(), 1);
        assert!(
            summary.errors[0].path.ends_with("export.jsonl:12345"),
            "{:?}",
            summary.errors
        );
        assert_eq!(summary.files_indexed, 1);
    }
    // Same ids (record positions) either way, across batch boundaries.
    for line in [1, 12_344, 12_346, 20_000] {
        let id = format!("corpus/export.jsonl#{line}");
        let a = read_whole.article(&id).unwrap();
        let b = read_streamed.article(&id).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.title, format!("Story {line}"));
    }
    let mut request = SearchRequest::new("harbour");
    request.fetch_hits = false;
    assert_eq!(read_streamed.search(&request).unwrap().total, 19_999);
    assert!(
        read_streamed.search(&request).unwrap().hits.is_empty(),
        "rank-only requests load no hits"
    );

    // A streamed file is still incremental.
    let mut again = read_streamed;
    let summary = again.index(&[corpus], &streamed, &mut |_| {}).unwrap();
    assert_eq!((summary.files_unchanged, summary.articles_added), (1, 0));
}

#[test]
fn large_indexes_rank_and_count_unions_in_two_passes_with_the_same_answer() {
    // Over 50,000 articles a bare union ("a OR b") is ranked and counted in separate passes;
    // the same query in parentheses takes the one-pass path. Both must agree exactly.
    let temp = tempfile::tempdir().unwrap();
    let corpus = temp.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let words = ["harbour", "grain", "shipping", "strike", "port"];
    let lines: String = (0..52_000)
        .map(|i| {
            let a = words[i % 5];
            let b = words[(i / 5) % 5];
            format!("{{\"title\": \"{a} {i}\", \"text\": \"{b} {a} news\"}}\n")
        })
        .collect();
    std::fs::write(corpus.join("many.jsonl"), lines).unwrap();
    let (archive, summary) = index_with(&IndexOptions::default(), &temp.path().join("i"), &corpus);
    assert_eq!(summary.articles_total, 52_000);
    for (two_pass, one_pass) in [
        ("harbour", "(harbour)"),
        ("harbour OR grain", "(harbour OR grain)"),
    ] {
        let a = archive.search(&SearchRequest::new(two_pass)).unwrap();
        let b = archive.search(&SearchRequest::new(one_pass)).unwrap();
        assert_eq!(a.total, b.total, "{two_pass}");
        assert!(a.total > 10_000);
        let scores =
            |r: &newsindex::SearchResults| r.hits.iter().map(|h| h.score).collect::<Vec<_>>();
        assert_eq!(scores(&a), scores(&b), "{two_pass}");
    }
}
