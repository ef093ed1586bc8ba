//! Property tests: the parsers and the query path never panic, whatever they are given.
//! (Coverage-guided fuzzing of the same entry points lives in `fuzz/`; these run in every
//! `cargo test`.)

use std::sync::OnceLock;

use newsindex::enrich::{date, dateline};
use newsindex::formats::{self, Format};
use newsindex::{query, Archive, Error, IndexOptions, SearchRequest};
use proptest::prelude::*;

const FORMATS: [Format; 5] = [
    Format::Text,
    Format::Reuters,
    Format::Json,
    Format::Jsonl,
    Format::Csv,
];

/// Text shaped like the formats, so that cases get past the first checks of each reader.
fn article_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<REUTERS NEWID=\"1\">".to_string()),
        Just("</REUTERS>".to_string()),
        Just("<TEXT TYPE=\"UNPROC\">".to_string()),
        Just("<TITLE>".to_string()),
        Just("</TITLE>".to_string()),
        Just("<D>".to_string()),
        Just("&#5;".to_string()),
        Just("&amp".to_string()),
        Just("{\"title\": ".to_string()),
        Just("\"text\": [1, {\"name\": null}]".to_string()),
        Just("}\n".to_string()),
        Just("title,text,date\n".to_string()),
        Just("\"quoted, field\n".to_string()),
        Just("MOSCOW (Reuters) - ".to_string()),
        Just("26-FEB-1987 15:01:01.79".to_string()),
        "[ -~\u{a0}-\u{2fff}\n]{0,40}",
    ];
    prop::collection::vec(piece, 0..30).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn format_readers_never_panic_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        for format in FORMATS {
            let _ = formats::read(format, &bytes);
        }
    }

    #[test]
    fn format_readers_never_panic_on_article_like_text(text in article_like()) {
        for format in FORMATS {
            if let Ok(parsed) = formats::read(format, text.as_bytes()) {
                for problem in parsed.problems {
                    prop_assert!(!problem.message.is_empty());
                }
            }
        }
    }

    #[test]
    fn date_and_dateline_parsers_never_panic(text in "\\PC{0,60}", shaped in article_like()) {
        for input in [&text, &shaped] {
            let _ = date::parse_date(input);
            let _ = date::calendar_range(input);
            let _ = dateline::parse(input);
            if let Some((_, start)) = dateline::detect(input) {
                prop_assert!(input.is_char_boundary(start) && start <= input.len());
            }
        }
    }

    #[test]
    fn query_rewrites_never_panic(text in "[a-z \"()\\-:ANDOTR]{0,60}") {
        let _ = query::check_balance(&text);
        let rewritten = query::rewrite_negations(&text);
        let _ = query::only_exclusions(&rewritten);
    }

    #[test]
    fn search_returns_results_or_a_query_error(text in "[a-z \"()\\-+:^~*\\[\\]{}ANDOTR0-9]{0,60}") {
        let archive = sample_archive();
        match archive.search(&SearchRequest::new(text.clone())) {
            Ok(results) => prop_assert!(results.total <= 23),
            Err(Error::Query(message)) => prop_assert!(!message.is_empty()),
            Err(other) => prop_assert!(false, "{text:?}: unexpected error {other}"),
        }
    }
}

/// The sample corpus, indexed once for the whole test binary.
fn sample_archive() -> &'static Archive {
    static ARCHIVE: OnceLock<(tempfile::TempDir, Archive)> = OnceLock::new();
    &ARCHIVE
        .get_or_init(|| {
            let temp = tempfile::tempdir().unwrap();
            let mut archive = Archive::create(temp.path().join("index")).unwrap();
            let corpus =
                std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/sample-corpus"));
            archive
                .index(&[corpus], &IndexOptions::default(), &mut |_| {})
                .unwrap();
            (temp, archive)
        })
        .1
}
