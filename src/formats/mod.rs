//! Format readers: bytes of one file in, [`RawArticle`]s out. One module per input format, each
//! a pure function with no tantivy and no file system access, so each can be tested (and fuzzed)
//! on bytes alone. A reader never panics on bad input: it returns a reason the whole file is
//! unusable, or the articles it could read plus a [`Problem`] for each record it had to skip.
//!
//! Called by the indexer, which decides which files to read; the format comes from the file
//! extension, sniffed from the content where an extension is ambiguous (`.json` that is really
//! JSON Lines).

pub mod csv;
pub mod fields;
pub mod json;
pub mod reuters;
pub mod text;

use std::borrow::Cow;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::article::RawArticle;

/// The input formats newsindex reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// One article per `.txt` file: title on the first line, then paragraphs.
    Text,
    /// Reuters-21578 SGML (`.sgm`): many `<REUTERS>` documents per file.
    Reuters,
    /// A JSON document: one article object, an array of them, or an object holding such an array.
    Json,
    /// JSON Lines / NDJSON: one article object per line.
    Jsonl,
    /// CSV with a header row naming the fields.
    Csv,
}

impl Format {
    /// The format a file's name says it is in, or `None` for files newsindex does not read.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "sgm" | "sgml" => Some(Format::Reuters),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// Whether the reader's `local_id` is already unique across an archive (Reuters NEWIDs are).
    pub fn ids_are_global(self) -> bool {
        self == Format::Reuters
    }

    /// Lower-case name used in summaries and JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Reuters => "reuters",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
        }
    }
}

/// A record inside a file that could not be read, or was read with a caveat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// 1-based line or record number inside the file (0 when it concerns the whole file).
    pub position: usize,
    pub message: String,
    /// `true` when the record was skipped; `false` for a warning about a record that was kept.
    pub skipped: bool,
}

impl Problem {
    pub fn skipped(position: usize, message: impl Into<String>) -> Self {
        Problem {
            position,
            message: message.into(),
            skipped: true,
        }
    }

    pub fn warning(position: usize, message: impl Into<String>) -> Self {
        Problem {
            position,
            message: message.into(),
            skipped: false,
        }
    }
}

/// What a reader made of one file.
#[derive(Debug, Default)]
pub struct Parsed {
    pub articles: Vec<RawArticle>,
    pub problems: Vec<Problem>,
}

/// Reads the articles of one file. `Err` means the whole file is unusable, with the reason.
pub fn read(format: Format, bytes: &[u8]) -> Result<Parsed, String> {
    let (text, encoding_note) = decode_text(bytes)?;
    let mut parsed = match format {
        Format::Text => text::parse(&text).map(|article| Parsed {
            articles: vec![article],
            problems: Vec::new(),
        })?,
        Format::Reuters => reuters::parse(&text),
        Format::Json => json::parse_document(&text)?,
        Format::Jsonl => json::parse_lines(&text),
        Format::Csv => csv::parse(&text)?,
    };
    if let Some(note) = encoding_note {
        parsed.problems.insert(0, Problem::warning(0, note));
    }
    Ok(parsed)
}

/// Turns file bytes into text: UTF-8 (with or without BOM), UTF-16 with a BOM, and otherwise
/// Windows-1252, the superset of Latin-1 that old archives are written in. Binary data is refused
/// rather than indexed as garbage. The second value notes a fallback decoding worth a warning.
pub fn decode_text(bytes: &[u8]) -> Result<(Cow<'_, str>, Option<String>), String> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok((text, None));
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err("binary data (NUL bytes), not text".to_string());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), None)),
        Err(error) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            let note = format!(
                "not valid UTF-8 (first bad byte at offset {}); read as Windows-1252/Latin-1",
                error.valid_up_to()
            );
            Ok((text, Some(note)))
        }
    }
}

/// Splits a list written in one string ("Putin; Hollande", "oil|gas") into its trimmed items.
pub(crate) fn split_list(value: &str) -> Vec<String> {
    value
        .split([';', '|', ','])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats_by_extension_case_insensitively() {
        assert_eq!(Format::from_path(Path::new("a/B.TXT")), Some(Format::Text));
        assert_eq!(
            Format::from_path(Path::new("reut2-000.sgm")),
            Some(Format::Reuters)
        );
        assert_eq!(
            Format::from_path(Path::new("x.ndjson")),
            Some(Format::Jsonl)
        );
        assert_eq!(Format::from_path(Path::new("x.pdf")), None);
        assert_eq!(Format::from_path(Path::new("noext")), None);
    }

    #[test]
    fn decodes_latin1_and_utf16_and_refuses_binary() {
        let (text, note) = decode_text(b"caf\xe9").unwrap();
        assert_eq!(text, "café");
        assert!(note.unwrap().contains("Windows-1252"));

        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("hé".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode_text(&utf16).unwrap().0, "hé");

        let (text, note) = decode_text("\u{feff}plain".as_bytes()).unwrap();
        assert_eq!((text.as_ref(), note), ("plain", None));

        assert!(decode_text(b"\x7fELF\x02\x01\x00\x00").is_err());
    }

    #[test]
    fn splits_lists_on_common_separators() {
        assert_eq!(
            split_list(" Putin; Hollande |Merkel,"),
            ["Putin", "Hollande", "Merkel"]
        );
        assert!(split_list(" ; ").is_empty());
    }
}
