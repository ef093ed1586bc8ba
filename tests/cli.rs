//! End-to-end tests of the `newsindex` binary on small folders written by each test.

mod common;

use common::{run_binary, TestEnv};
use serde_json::Value;

const SGML: &str = r#"<REUTERS TOPICS="YES" NEWID="1">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TOPICS><D>money-fx</D></TOPICS><PLACES><D>west-germany</D><D>usa</D></PLACES>
<PEOPLE><D>poehl</D></PEOPLE><ORGS></ORGS>
<TEXT><TITLE>BUNDESBANK SEES MONEY SUPPLY SLOWING</TITLE>
<DATELINE>    FRANKFURT, Feb 26 - </DATELINE><BODY>The Bundesbank said money supply growth would slow.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="YES" NEWID="2">
<DATE>2-MAR-1987 10:00:00.00</DATE>
<TOPICS><D>money-supply</D></TOPICS><PLACES><D>usa</D></PLACES>
<PEOPLE></PEOPLE><ORGS><D>fed</D></ORGS>
<TEXT><TITLE>FED SAYS MONEY SUPPLY ROSE</TITLE>
<DATELINE>    WASHINGTON, March 2 - </DATELINE><BODY>The Federal Reserve said the money supply rose in February.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="YES" NEWID="3">
<DATE>31-MAR-1987 23:59:00.00</DATE>
<TOPICS><D>crude</D></TOPICS><PLACES><D>japan</D><D>usa</D></PLACES>
<PEOPLE></PEOPLE><ORGS><D>opec</D></ORGS>
<TEXT><TITLE>JAPAN OIL IMPORTS RISE</TITLE>
<DATELINE>    TOKYO, March 31 - </DATELINE><BODY>Japan's oil imports rose as oil prices fell. Supply was ample.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
"#;

fn env_with_wire() -> TestEnv {
    let env = TestEnv::new();
    env.write("wire/reut.sgm", SGML);
    env.write(
        "web/moscow.txt",
        "Putin and Hollande meet\n\nMOSCOW (Reuters) - Vladimir Putin met Francois Hollande to discuss oil.\n",
    );
    env.write(
        "feeds/items.jsonl",
        r#"{"id": "a1", "title": "Oil prices slide", "text": "Oil prices slid in Asian trade.", "date": "2015-11-26T10:00:00Z", "places": ["Japan"], "source": "Example Wire"}
{"id": "a2", "title": "Money supply data due", "text": "Economists expect money supply data on Friday.", "date": "2015-11-27", "source": "Example Wire"}
"#,
    );
    let (code, summary) = env.index(&[]);
    assert_eq!(code, 0, "{summary}");
    env
}

#[test]
fn sample_corpus_indexes_every_format_cleanly() {
    let env = TestEnv::new();
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-corpus");
    let run = env.run(&["index", sample, "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary = run.json();
    assert_eq!(summary["articles_added"], 23);
    assert_eq!(summary["errors"].as_array().unwrap().len(), 0);
    for format in ["text", "reuters", "json", "jsonl", "csv"] {
        assert!(
            summary["formats"][format].as_u64().unwrap() >= 1,
            "{format}"
        );
    }
    // The Latin-1 file is read (with a warning), not skipped.
    let cafe = env.search(&["café"]);
    assert_eq!(cafe["total"], 1, "{cafe}");
}

#[test]
fn words_are_anded_phrases_and_exclusions_work() {
    let env = env_with_wire();
    assert_eq!(env.total(&["money supply"]), 3);
    assert_eq!(env.total(&["oil"]), 3);
    assert_eq!(env.total(&["\"money supply\" -bundesbank"]), 2);
    // The tantivy trap: `a AND NOT b` must mean `a -b`, not nothing.
    assert_eq!(env.total(&["money AND NOT bundesbank"]), 2);
    assert_eq!(env.total(&["--", "-oil"]), 3, "everything but oil");
    assert_eq!(env.total(&["bundesbank OR imports"]), 2);
    assert_eq!(env.total(&["title:oil"]), 2);
    // Stemming: "prices" finds "price" forms and the title counts.
    assert_eq!(env.total(&["price"]), 2);
}

#[test]
fn title_matches_rank_above_body_matches() {
    let env = TestEnv::new();
    env.write(
        "a.txt",
        "Weather report\n\nA long body that mentions cocoa once among many other words here.\n",
    );
    env.write(
        "b.txt",
        "Cocoa harvest begins\n\nGrowers started picking on Monday in the hills.\n",
    );
    env.index(&[]);
    let ids = env.ids(&["cocoa"]);
    assert_eq!(ids, ["corpus/b.txt", "corpus/a.txt"]);
}

#[test]
fn facet_filters_accept_codes_and_display_names_case_insensitively() {
    let env = env_with_wire();
    assert_eq!(env.total(&["--place", "west-germany"]), 1);
    assert_eq!(env.total(&["--place", "West Germany"]), 1);
    assert_eq!(env.total(&["--place", "JAPAN"]), 2);
    assert_eq!(
        env.total(&["--place", "japan", "--place", "west-germany"]),
        3
    );
    assert_eq!(env.total(&["oil", "--place", "japan", "--org", "opec"]), 1);
    assert_eq!(env.total(&["--source", "example wire"]), 2);
    assert_eq!(env.total(&["--person", "Poehl"]), 1);
    assert_eq!(env.total(&["--topic", "crude"]), 1);
    // The dateline's place is a place too, and carries its country.
    assert_eq!(env.total(&["--place", "moscow"]), 1);
    assert_eq!(env.total(&["--place", "Russia"]), 1);
    assert_eq!(env.total(&["--place", "tokyo"]), 1);
    // Aliases and codes meet at one canonical name.
    for alias in ["usa", "U.S.", "United States", "America"] {
        assert_eq!(env.total(&["--place", alias]), 3, "{alias}");
    }
    assert_eq!(
        env.total(&["--place", "Soviet"]),
        0,
        "known, but not in this archive"
    );
}

#[test]
fn date_filters_include_the_whole_period_named() {
    let env = env_with_wire();
    assert_eq!(env.total(&["--from", "1987-03", "--to", "1987-03"]), 2);
    assert_eq!(
        env.total(&["--to", "1987-03-31"]),
        3,
        "--to includes the whole day"
    );
    assert_eq!(
        env.total(&["--from", "1987-03-02", "--to", "1987-03-02"]),
        1
    );
    assert_eq!(env.total(&["--from", "2015"]), 2);
    assert_eq!(env.total(&["money", "--from", "1987", "--to", "1987"]), 2);
    let bad = env.run(&["search", "oil", "--from", "March"]);
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr.contains("--from") && bad.stderr.contains("YYYY"),
        "{}",
        bad.stderr
    );
}

#[test]
fn browsing_without_a_query_is_newest_first_and_sorts_work() {
    let env = env_with_wire();
    let ids = env.ids(&["--limit", "3"]);
    assert_eq!(
        ids,
        [
            "corpus/feeds/items.jsonl#a2",
            "corpus/feeds/items.jsonl#a1",
            "reuters-3"
        ]
    );
    let oldest = env.ids(&["money", "--sort", "oldest"]);
    assert_eq!(
        oldest,
        ["reuters-1", "reuters-2", "corpus/feeds/items.jsonl#a2"]
    );
    let page = env.ids(&["money", "--sort", "oldest", "--limit", "1", "--offset", "1"]);
    assert_eq!(page, ["reuters-2"]);
}

#[test]
fn facet_counts_cover_all_matches_not_just_the_page() {
    let env = env_with_wire();
    let results = env.search(&[
        "--limit",
        "1",
        "--facets",
        "places,topics",
        "--facets",
        "source",
    ]);
    assert_eq!(results["hits"].as_array().unwrap().len(), 1);
    let places: Vec<(String, u64)> = results["facets"]["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["value"].as_str().unwrap().to_string(),
                b["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        places[0],
        ("united-states".to_string(), 3),
        "Reuters' usa is the United States"
    );
    assert!(places.contains(&("japan".to_string(), 2)));
    assert!(places.contains(&("west-germany".to_string(), 1)));
    assert_eq!(results["facets"]["source"][0]["value"], "reuters");
    assert_eq!(results["facets"]["source"][0]["count"], 3);
}

#[test]
fn json_hits_have_the_documented_shape() {
    let env = env_with_wire();
    let results = env.search(&["oil imports"]);
    assert!(results["took_ms"].is_number());
    let hit = &results["hits"][0];
    for key in [
        "id",
        "score",
        "title",
        "date",
        "dateline",
        "source",
        "path",
        "people",
        "places",
        "orgs",
        "topics",
        "snippet",
        "highlights",
        "url",
    ] {
        assert!(hit.get(key).is_some(), "hit lacks {key}: {hit}");
    }
    assert_eq!(hit["id"], "reuters-3");
    assert_eq!(hit["date"], "1987-03-31T23:59:00Z");
    assert_eq!(hit["dateline"], "TOKYO, March 31");
    let snippet = hit["snippet"].as_str().unwrap();
    let [start, end] =
        [&hit["highlights"][0][0], &hit["highlights"][0][1]].map(|v| v.as_u64().unwrap() as usize);
    assert_eq!(snippet[start..end].to_lowercase(), "oil");
}

#[test]
fn human_output_shows_rank_title_snippet_and_facets() {
    let env = env_with_wire();
    let run = env.run(&["search", "oil", "--facets", "places"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("3 articles match"), "{}", run.stdout);
    assert!(run.stdout.contains("JAPAN OIL IMPORTS RISE"));
    assert!(
        run.stdout.contains("[oil]"),
        "matched words are marked: {}",
        run.stdout
    );
    assert!(run.stdout.contains("places"));
}

#[test]
fn show_and_stats() {
    let env = env_with_wire();
    let article = env.run(&["show", "reuters-1", "--json"]).json();
    assert_eq!(article["title"], "BUNDESBANK SEES MONEY SUPPLY SLOWING");
    assert_eq!(
        article["body"],
        "The Bundesbank said money supply growth would slow."
    );
    assert_eq!(
        article["people"][0], "otto-poehl",
        "Reuters' code poehl becomes the canonical name text mentions also get"
    );
    let by_alias = env.run(&["search", "--person", "poehl", "--json"]).json();
    assert_eq!(by_alias["total"], 1, "the code still finds him");
    let missing = env.run(&["show", "reuters-999"]);
    assert_eq!(missing.code, 1);
    assert!(missing.stderr.contains("reuters-999"));

    let stats = env.run(&["stats", "--json"]).json();
    assert_eq!(stats["articles"], 6);
    assert_eq!(stats["earliest"], "1987-02-26T15:01:01Z");
    assert_eq!(stats["latest"], "2015-11-27T00:00:00Z");
    assert_eq!(stats["undated"], 1);
    assert!(stats["index_bytes"].as_u64().unwrap() > 0);
}

#[test]
fn reindexing_is_incremental() {
    let env = env_with_wire();
    let (code, again) = env.index(&[]);
    assert_eq!(code, 0);
    assert_eq!(
        (
            again["files_unchanged"].as_u64(),
            again["articles_added"].as_u64()
        ),
        (Some(3), Some(0))
    );

    env.write(
        "web/moscow.txt",
        "Putin and Hollande meet again\n\nThey met again in Paris.\n",
    );
    std::fs::remove_file(env.corpus().join("feeds/items.jsonl")).unwrap();
    env.write("web/new.txt", "A new story\n\nFresh text.\n");
    let (_, changed) = env.index(&[]);
    assert_eq!(changed["articles_added"], 1, "{changed}");
    assert_eq!(changed["articles_updated"], 1, "{changed}");
    assert_eq!(changed["articles_deleted"], 2, "{changed}");
    assert_eq!(changed["articles_total"], 5, "{changed}");
    assert_eq!(env.total(&["paris"]), 1);
    assert_eq!(env.total(&["moscow"]), 0, "the old version is gone");
}

#[test]
fn bad_files_are_named_skipped_and_lose_nothing() {
    let env = TestEnv::new();
    env.write("good.txt", "Good story\n\nSome text.\n");
    env.write("empty.txt", "");
    env.write("junk.txt", [0x7fu8, b'E', b'L', b'F', 0, 0, 1, 2]);
    env.write("broken.json", "{\"title\": ");
    env.write(
        "mixed.jsonl",
        "{\"title\": \"Fine one\"}\n{oops\n{\"title\": \"Fine two\"}\n",
    );
    env.write("ragged.csv", "title,text\nCSV row,body text,extra\n");
    env.write(
        "utf16.txt",
        common::utf16_with_bom("Wide story\n\nText.", false),
    );
    std::fs::create_dir_all(env.corpus().join("folder.txt")).unwrap();
    let (code, summary) = env.index(&[]);
    assert_eq!(code, 2, "some files were skipped: {summary}");
    assert_eq!(summary["articles_added"], 5, "{summary}");
    let errors = common::messages(&summary["errors"]);
    assert_eq!(errors.len(), 4, "{errors:?}");
    assert!(errors
        .iter()
        .any(|e| e.contains("empty.txt") && e.contains("empty")));
    assert!(errors
        .iter()
        .any(|e| e.contains("junk.txt") && e.contains("binary")));
    assert!(errors
        .iter()
        .any(|e| e.contains("broken.json") && e.contains("not valid JSON")));
    assert!(errors.iter().any(|e| e.contains("mixed.jsonl:2")));
    assert_eq!(env.total(&["wide"]), 1, "UTF-16 with a BOM is read");
    assert_eq!(env.total(&["fine"]), 2);
}

#[test]
fn malformed_queries_get_one_line_errors_not_panics() {
    let env = env_with_wire();
    for query in [
        "oil (",
        "\"oil",
        "nosuchfield:x",
        "AND",
        "oil)",
        "date:[x TO y]",
        "a\u{1}b",
        "nosuch:*",
        ":",
    ] {
        let run = env.run(&["search", query]);
        assert_eq!(run.code, 1, "{query:?}: {}", run.stdout);
        let lines: Vec<&str> = run.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{query:?}: {}", run.stderr);
        assert!(
            lines[0].starts_with("error: bad query"),
            "{query:?}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"));
    }
    let run = env.run(&["search", "oil", "--facets", "colours"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("people, places"), "{}", run.stderr);
}

#[test]
fn missing_or_foreign_index_folders_get_clear_messages() {
    let env = TestEnv::new();
    let run = env.run(&["search", "oil"]);
    assert_eq!(run.code, 1);
    // Says what is wrong, and how to make an index.
    run.assert_stderr_mentions(&["no newsindex index here", "newsindex index"]);
}

#[test]
fn an_index_from_another_schema_asks_for_a_rebuild() {
    let env = env_with_wire();
    let marker = env.index_dir().join("newsindex.json");
    let mut json: Value = serde_json::from_str(&std::fs::read_to_string(&marker).unwrap()).unwrap();
    json["schema_version"] = Value::from(999);
    std::fs::write(&marker, json.to_string()).unwrap();
    let run = env.run(&["search", "oil"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("--rebuild"), "{}", run.stderr);
    let (code, rebuilt) = env.index(&["--rebuild"]);
    assert_eq!(code, 0);
    assert_eq!(rebuilt["articles_total"], 6);
}

#[test]
fn a_second_writer_fails_at_once_naming_the_lock() {
    let env = env_with_wire();
    let index = tantivy::Index::open_in_dir(env.index_dir()).unwrap();
    let _held: tantivy::IndexWriter = index.writer(50_000_000).unwrap();
    env.write("web/another.txt", "Another\n\nText.\n");
    let run = env.run(&["index", env.corpus().to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    run.assert_stderr_mentions(&["another process is writing", ".tantivy-writer.lock"]);
    drop(_held);
    assert_eq!(
        run_binary(&env.index_dir(), &["search", "--json", "oil"]).json()["total"],
        3
    );
}

#[test]
fn extract_shows_each_mention_with_offsets_into_its_field() {
    let env = TestEnv::new();
    let file = env.write(
        "talks.txt",
        "Baker meets Miyazawa\n\nTOKYO (Reuters) - Treasury Secretary James Baker met Japanese \
         Finance Minister Kiichi Miyazawa. Baker said the Bank of Japan agreed.\n",
    );
    let run = env.run(&["extract", file.to_str().unwrap(), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let extraction = run.json();
    let article = &extraction["articles"][0];
    assert_eq!(
        article["people"],
        serde_json::json!(["james-baker", "kiichi-miyazawa"])
    );
    assert_eq!(
        article["orgs"],
        serde_json::json!([]),
        "one late mention is not what the story is about"
    );
    assert_eq!(article["places"], serde_json::json!(["tokyo", "japan"]));
    let entities = article["entities"].as_array().unwrap();
    assert!(!entities.is_empty());
    for entity in entities {
        let field = article[entity["field"].as_str().unwrap()].as_str().unwrap();
        let (start, end) = (
            entity["start"].as_u64().unwrap() as usize,
            entity["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&field[start..end], entity["text"], "{entity}");
    }
    assert!(
        entities.iter().any(|e| e["canonical"] == "Bank of Japan"),
        "but it is listed as a mention"
    );
    let baker_in_title = &entities[0];
    assert_eq!(baker_in_title["type"], "person");
    assert_eq!(baker_in_title["text"], "Baker");
    assert_eq!(baker_in_title["canonical"], "James Baker");

    let stdin = env.run_with_stdin(&["extract", "-"], "Mr Putin met OPEC officials in Vienna.");
    assert_eq!(stdin.code, 0, "{}", stdin.stderr);
    assert!(stdin.stdout.contains("Vienna"), "{}", stdin.stdout);

    let missing = env.run(&["extract", "no-such-file.txt"]);
    assert_eq!(missing.code, 1);
    assert!(
        missing.stderr.contains("no-such-file.txt"),
        "{}",
        missing.stderr
    );
}
