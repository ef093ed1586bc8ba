//! Every format reader on arbitrary bytes: must return, never panic. The first byte picks the
//! format, so one corpus serves all five readers.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsindex::formats::{self, Format};

const FORMATS: [Format; 5] = [Format::Text, Format::Reuters, Format::Json, Format::Jsonl, Format::Csv];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let format = FORMATS[usize::from(selector) % FORMATS.len()];
    if let Ok(parsed) = formats::read(format, bytes) {
        for article in parsed.articles {
            // Enrichment runs on whatever a reader returns.
            let origin = newsindex::enrich::Origin {
                id: "fuzz".into(),
                path: "fuzz",
                default_source: None,
            };
            let _ = newsindex::enrich::enrich(article, origin, Default::default());
        }
    }
});
