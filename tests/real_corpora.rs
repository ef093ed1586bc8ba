//! Tests on the real corpora in `../shared/corpora` (read-only, research licences: read in place,
//! never copied). Counts that newsindex reports are checked against counts made here by plain
//! string scanning of the same files, an independent path to the same truth.
//!
//! When the corpora folder is missing these tests FAIL with a message saying so, unless
//! `NEWSINDEX_SKIP_CORPORA=1` is set, in which case each prints a loud SKIPPED line. Set
//! `NEWSINDEX_CORPORA=/path/to/corpora` to use another location.

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use common::run_binary;
use serde_json::Value;

fn corpora() -> Option<PathBuf> {
    let dir = std::env::var_os("NEWSINDEX_CORPORA")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpora"))
        });
    if dir.join("reuters21578").is_dir() {
        return Some(dir);
    }
    if std::env::var_os("NEWSINDEX_SKIP_CORPORA").is_some() {
        eprintln!(
            "\n*** SKIPPED: real-corpus test, {} is missing (NEWSINDEX_SKIP_CORPORA is set) ***\n",
            dir.display()
        );
        return None;
    }
    panic!(
        "the real corpora are missing: {} does not exist. Put them there, point NEWSINDEX_CORPORA \
         at them, or set NEWSINDEX_SKIP_CORPORA=1 to skip these tests knowingly.",
        dir.display()
    );
}

/// A Reuters index built once per test process, with only the tags the files supply.
struct ReutersIndex {
    _temp: tempfile::TempDir,
    index: PathBuf,
    summary: Value,
    documents: Vec<Document>,
}

/// One `<REUTERS>` document, scanned here without newsindex's parser.
struct Document {
    date: String,
    places: String,
    text: String,
}

fn reuters() -> Option<&'static ReutersIndex> {
    static INDEX: OnceLock<ReutersIndex> = OnceLock::new();
    let corpora = corpora()?;
    Some(INDEX.get_or_init(|| {
        let folder = corpora.join("reuters21578");
        let temp = tempfile::tempdir().unwrap();
        let index = temp.path().join("index");
        let summary = index_reuters(&index, &folder);
        ReutersIndex {
            _temp: temp,
            index,
            summary,
            documents: scan_reuters(&folder),
        }
    }))
}

/// Indexes the Reuters SGML files with only the tags they supply; returns the JSON summary.
fn index_reuters(index: &std::path::Path, folder: &std::path::Path) -> Value {
    let folder = folder.to_str().unwrap();
    let args = ["index", folder, "--ext", "sgm", "--supplied-only", "--json"];
    let run = run_binary(index, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.json()
}

fn scan_reuters(folder: &std::path::Path) -> Vec<Document> {
    let mut documents = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sgm"))
        .collect();
    files.sort();
    for file in files {
        // Latin-1 maps every byte to one char, so the one non-UTF-8 byte cannot hide a document.
        let text: String = std::fs::read(&file)
            .unwrap()
            .iter()
            .map(|&b| b as char)
            .collect();
        for chunk in text.split("<REUTERS ").skip(1) {
            let between = |open: &str, close: &str| {
                chunk
                    .split_once(open)
                    .and_then(|(_, rest)| rest.split_once(close))
                    .map_or(String::new(), |(inside, _)| inside.to_string())
            };
            documents.push(Document {
                date: between("<DATE>", "</DATE>"),
                places: between("<PLACES>", "</PLACES>"),
                text: between("<TEXT", "</TEXT>").to_lowercase(),
            });
        }
    }
    documents
}

fn total(index: &std::path::Path, args: &[&str]) -> u64 {
    let mut all = vec!["search", "--json", "--limit", "0"];
    all.extend_from_slice(args);
    let run = run_binary(index, &all);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    run.json()["total"].as_u64().unwrap()
}

/// Whether `word` (lower case) occurs in `text` with no letter or digit on either side.
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn reuters_every_document_is_indexed() {
    let Some(reuters) = reuters() else { return };
    assert_eq!(reuters.documents.len(), 21_578, "the scan itself");
    assert_eq!(
        reuters.summary["articles_added"], 21_578,
        "{}",
        reuters.summary
    );
    assert_eq!(reuters.summary["articles_total"], 21_578);
    assert_eq!(reuters.summary["errors"].as_array().unwrap().len(), 0);
    assert_eq!(total(&reuters.index, &[]), 21_578);
}

#[test]
fn reuters_place_filter_matches_the_gold_places() {
    let Some(reuters) = reuters() else { return };
    for place in ["japan", "west-germany", "usa", "el-salvador"] {
        let tag = format!("<D>{place}</D>");
        let gold = reuters
            .documents
            .iter()
            .filter(|d| d.places.contains(&tag))
            .count() as u64;
        assert!(gold > 0, "{place}");
        assert_eq!(
            total(&reuters.index, &["--place", place]),
            gold,
            "--place {place}"
        );
    }
    let gold_japan = reuters
        .documents
        .iter()
        .filter(|d| d.places.contains("<D>japan</D>"))
        .count() as u64;
    assert_eq!(total(&reuters.index, &["--place", "Japan"]), gold_japan);
    assert_eq!(total(&reuters.index, &["places:japan"]), gold_japan);
    // Codes resolve to canonical names, so the names and other aliases find the same articles.
    let gold_usa = reuters
        .documents
        .iter()
        .filter(|d| d.places.contains("<D>usa</D>"))
        .count() as u64;
    for alias in ["United States", "U.S."] {
        assert_eq!(
            total(&reuters.index, &["--place", alias]),
            gold_usa,
            "{alias}"
        );
    }
}

#[test]
fn reuters_rare_word_totals_equal_a_plain_word_count() {
    let Some(reuters) = reuters() else { return };
    for word in ["bahia", "zambia", "ecuador", "yeutter", "nakasone", "cocoa"] {
        let plain = reuters
            .documents
            .iter()
            .filter(|d| has_word(&d.text, word))
            .count() as u64;
        assert!(plain > 0, "{word}");
        assert_eq!(total(&reuters.index, &[word]), plain, "{word}");
    }
}

#[test]
fn reuters_date_range_totals_equal_a_count_of_the_date_field() {
    let Some(reuters) = reuters() else { return };
    let count = |pred: &dyn Fn(u32, &str) -> bool| {
        reuters
            .documents
            .iter()
            .filter(|d| {
                let first = d.date.split_whitespace().next().unwrap_or("");
                let mut parts = first.split('-');
                let day: u32 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
                let month = parts.next().unwrap_or("");
                parts.next() == Some("1987") && pred(day, month)
            })
            .count() as u64
    };
    assert_eq!(
        count(&|_, _| true),
        21_578,
        "every DATE names a day in 1987"
    );
    let march = count(&|_, m| m == "MAR");
    assert_eq!(
        total(&reuters.index, &["--from", "1987-03", "--to", "1987-03"]),
        march
    );
    let march_2 = count(&|d, m| m == "MAR" && d == 2);
    assert_eq!(
        total(
            &reuters.index,
            &["--from", "1987-03-02", "--to", "1987-03-02"]
        ),
        march_2
    );
    let spring = count(&|_, m| ["APR", "MAY", "JUN"].contains(&m));
    assert_eq!(
        total(
            &reuters.index,
            &["--from", "1987-04-01", "--to", "1987-06-30"]
        ),
        spring
    );
    assert_eq!(
        total(&reuters.index, &["--from", "1987", "--to", "1987"]),
        21_578
    );
}

#[test]
fn reuters_reindexing_an_unchanged_folder_adds_nothing() {
    let Some(reuters) = reuters() else { return };
    let corpora = corpora().unwrap();
    let folder = corpora.join("reuters21578");
    let summary = index_reuters(&reuters.index, &folder);
    assert_eq!(summary["files_unchanged"], 22, "{summary}");
    assert_eq!(summary["articles_added"], 0);
    assert_eq!(summary["articles_updated"], 0);
    assert_eq!(summary["articles_deleted"], 0);
    assert_eq!(summary["articles_total"], 21_578);
}

/// Indexes one corpus folder into a fresh index; `None` when the corpora are knowingly skipped.
fn index_folder(folder: &str) -> Option<(tempfile::TempDir, Value)> {
    let path = corpora()?.join(folder);
    let temp = tempfile::tempdir().unwrap();
    let run = run_binary(
        &temp.path().join("index"),
        &["index", path.to_str().unwrap(), "--json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary = run.json();
    Some((temp, summary))
}

#[test]
fn bbc_every_article_is_indexed() {
    let Some((temp, summary)) = index_folder("bbc-news") else {
        return;
    };
    assert_eq!(summary["articles_total"], 2_225, "{summary}");
    assert_eq!(summary["formats"]["text"], 2_225);
    // One file is Latin-1: read, with a warning, not skipped.
    let latin1 = summary["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["error"].as_str().unwrap().contains("Windows-1252"))
        .count();
    assert_eq!(latin1, 1, "{summary}");
    let first = run_binary(
        &temp.path().join("index"),
        &["show", "bbc-news/business/001.txt", "--json"],
    )
    .json();
    assert_eq!(first["title"], "Ad sales boost Time Warner profit");
    assert!(first["body"]
        .as_str()
        .unwrap()
        .starts_with("Quarterly profits at US media giant"));
}

#[test]
fn csv_every_row_is_an_article() {
    let Some((temp, summary)) = index_folder("news-articles-dai2017") else {
        return;
    };
    assert_eq!(summary["articles_total"], 3_824, "{summary}");
    let index = temp.path().join("index");
    let sources = run_binary(
        &index,
        &[
            "search",
            "--json",
            "--limit",
            "0",
            "--facets",
            "source",
            "--facet-size",
            "20",
        ],
    )
    .json();
    let hosts: Vec<&str> = sources["facets"]["source"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["value"].as_str().unwrap())
        .collect();
    assert!(
        hosts.contains(&"abcnews.go.com") && hosts.contains(&"aljazeera.com"),
        "{hosts:?}"
    );
    // Month totals equal a count of the publish_date column ("2017/2/7", "2016/12/30 7:11").
    let file = corpora()
        .unwrap()
        .join("news-articles-dai2017/NewsArticles.csv");
    let mut reader = csv::Reader::from_path(file).unwrap();
    let dates: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[1].trim().to_string())
        .collect();
    assert_eq!(dates.len(), 3_824);
    for (month, prefix) in [
        ("2017-02", "2017/2/"),
        ("2017-03", "2017/3/"),
        ("2016-12", "2016/12/"),
    ] {
        let plain = dates.iter().filter(|d| d.starts_with(prefix)).count() as u64;
        assert!(plain > 0, "{month}");
        assert_eq!(
            total(&index, &["--from", month, "--to", month]),
            plain,
            "{month}"
        );
    }
    assert_eq!(
        total(&index, &["--from", "2016", "--to", "2017"]),
        3_824,
        "every row is dated"
    );
}

/// Entity extraction scored against Reuters' gold tags on the TEST split (tags hidden). The
/// floors sit a little under what the extractor reaches (see README "Entity extraction"), so a
/// change that loses quality fails here. Prints the table.
#[test]
fn reuters_entity_extraction_keeps_its_scores() {
    let Some(corpora) = corpora() else { return };
    let evaluation =
        newsindex::evaluate::reuters(&corpora.join("reuters21578"), "TEST", &mut |_, _| {})
            .unwrap();
    eprintln!("{}", serde_json::to_string_pretty(&evaluation).unwrap());
    assert_eq!(evaluation.documents, 6188, "every TEST story is scored");
    for (name, score, floor) in [
        ("places", evaluation.places, 0.91),
        ("people", evaluation.people, 0.72),
        ("orgs", evaluation.orgs, 0.73),
    ] {
        assert!(
            score.f1 >= floor,
            "{name} F1 {:.3} fell below {floor}",
            score.f1
        );
    }
}

/// Facet counts are exact over an index of several segments: each of the top values of every
/// facet counts exactly the articles a filter on that value finds, and the lists are ordered.
/// Counting by blocks of consecutive documents (date order, no scores) and one document at a
/// time (relevance order) give the same counts.
#[test]
fn reuters_facet_counts_equal_filter_totals() {
    let Some(reuters) = reuters() else { return };
    let stats = run_binary(&reuters.index, &["stats", "--json"]).json();
    let segments = stats["segments"].as_u64().unwrap();
    assert!(
        segments > 1,
        "the point is merging segments; this index has {segments}"
    );
    let results = run_binary(
        &reuters.index,
        &[
            "search",
            "--json",
            "--limit",
            "0",
            "--facets",
            "places,people,orgs,topics",
            "--facet-size",
            "8",
        ],
    )
    .json();
    for (facet, flag) in [
        ("places", "--place"),
        ("people", "--person"),
        ("orgs", "--org"),
        ("topics", "--topic"),
    ] {
        let counts = results["facets"][facet].as_array().unwrap();
        assert_eq!(counts.len(), 8, "{facet} (index of {segments} segments)");
        let mut previous = u64::MAX;
        for entry in counts {
            let (value, count) = (
                entry["value"].as_str().unwrap(),
                entry["count"].as_u64().unwrap(),
            );
            assert!(count <= previous, "{facet} not in descending order");
            previous = count;
            assert_eq!(
                total(&reuters.index, &[flag, value]),
                count,
                "{facet} {value}"
            );
        }
    }
}

/// Mention-level scores on GUM's 43 news and interview documents (the development set); the
/// floors sit a little under the current scores. Prints them.
#[test]
fn gum_mentions_keep_their_scores() {
    let Some(corpora) = corpora() else { return };
    let evaluation = newsindex::evaluate::gum(&corpora.join("gum-news")).unwrap();
    eprintln!("{}", serde_json::to_string_pretty(&evaluation).unwrap());
    assert_eq!(evaluation.documents, 43);
    for (name, score, floor) in [
        ("places", evaluation.places, 0.68),
        ("people", evaluation.people, 0.74),
        ("orgs", evaluation.orgs, 0.67),
    ] {
        assert!(
            score.f1 >= floor,
            "GUM {name} F1 {:.3} fell below {floor}",
            score.f1
        );
    }
}

#[test]
fn reuters_facet_counts_do_not_depend_on_how_matches_are_collected() {
    let Some(reuters) = reuters() else { return };
    let facets = |sort: &str| {
        let args = [
            "search",
            "said",
            "--json",
            "--sort",
            sort,
            "--facets",
            "places,people,orgs,topics",
            "--facet-size",
            "20",
        ];
        run_binary(&reuters.index, &args).json()["facets"].clone()
    };
    let by_block = facets("newest");
    assert_eq!(by_block, facets("relevance"));
    assert!(by_block["places"].as_array().unwrap().len() == 20);
}
