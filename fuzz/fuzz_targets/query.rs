//! The whole query path on arbitrary query strings, against a small real index: every query
//! gives results or a query error, never a panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newsindex::{Archive, Error, IndexOptions, SearchRequest};

fn archive() -> &'static Archive {
    static ARCHIVE: OnceLock<(tempfile::TempDir, Archive)> = OnceLock::new();
    &ARCHIVE
        .get_or_init(|| {
            let temp = tempfile::tempdir().expect("temp dir");
            let mut archive = Archive::create(temp.path().join("index")).expect("index");
            let corpus = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../sample-corpus"));
            archive
                .index(&[corpus], &IndexOptions::default(), &mut |_| {})
                .expect("sample corpus indexes");
            (temp, archive)
        })
        .1
}

fuzz_target!(|query: &str| {
    match archive().search(&SearchRequest::new(query)) {
        Ok(_) | Err(Error::Query(_)) => {}
        Err(other) => panic!("{query:?}: unexpected error {other}"),
    }
});
