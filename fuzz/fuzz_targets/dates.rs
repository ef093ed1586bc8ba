//! The date and dateline parsers on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsindex::enrich::{date, dateline};

fuzz_target!(|text: &str| {
    let _ = date::parse_date(text);
    let _ = date::calendar_range(text);
    let _ = dateline::parse(text);
    if let Some((_, start)) = dateline::detect(text) {
        assert!(text.is_char_boundary(start));
    }
});
