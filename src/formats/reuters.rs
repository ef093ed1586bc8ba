//! Reuters-21578 SGML: a file of `<REUTERS ...>` documents without a root element. The markup is
//! regular enough to read with a small scanner, and a scanner tolerates what a strict SGML parser
//! would reject: missing end tags in truncated files, control characters written as entities
//! (`&#5;`), stray bytes. Every `<REUTERS>` document becomes an article, whatever its TYPE: a
//! `BRIEF` has a title only, an `UNPROC` has untagged text whose first line serves as title.

use super::{Parsed, Problem};
use crate::article::RawArticle;

const OPEN: &str = "<REUTERS";
const CLOSE: &str = "</REUTERS>";

/// Parses every document in one SGML file. Documents with a problem are still kept when they
/// carry any text; the problem is reported beside them.
pub fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let starts: Vec<usize> = text.match_indices(OPEN).map(|(at, _)| at).collect();
    if starts.is_empty() {
        parsed
            .problems
            .push(Problem::skipped(0, "no <REUTERS> document in this file"));
    }
    let mut line = 1;
    let mut counted_to = 0;
    for (index, &start) in starts.iter().enumerate() {
        let limit = starts.get(index + 1).copied().unwrap_or(text.len());
        line += count_newlines(&text[counted_to..start]);
        counted_to = start;
        let block = &text[start..limit];
        let block = match block.find(CLOSE) {
            Some(end) => &block[..end],
            None => {
                parsed.problems.push(Problem::warning(
                    line,
                    "document has no </REUTERS> end tag (truncated file?); read what is there",
                ));
                block
            }
        };
        match parse_document(block, line) {
            Ok(article) => parsed.articles.push(article),
            Err(reason) => parsed.problems.push(Problem::skipped(line, reason)),
        }
    }
    parsed
}

fn count_newlines(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count()
}

fn parse_document(block: &str, line: usize) -> Result<RawArticle, String> {
    let open_tag = &block[..block.find('>').ok_or("unterminated <REUTERS tag")?];
    let newid = attribute(open_tag, "NEWID").ok_or("<REUTERS> tag has no NEWID attribute")?;
    let mut article = RawArticle {
        local_id: Some(format!("reuters-{newid}")),
        position: line,
        date: element(block, "DATE").map(|d| unescape(d).trim().to_string()),
        topics: list(block, "TOPICS"),
        places: list(block, "PLACES"),
        people: list(block, "PEOPLE"),
        orgs: list(block, "ORGS"),
        source: Some("reuters".to_string()),
        ..RawArticle::default()
    };

    let (text_tag, text) = text_element(block).unwrap_or(("", ""));
    if attribute(text_tag, "TYPE").as_deref() == Some("UNPROC") {
        let text = unescape(text);
        let mut lines = text.lines().filter(|l| !l.trim().is_empty());
        article.title = lines.next().unwrap_or("").trim().to_string();
        article.body = strip_signature(&lines.collect::<Vec<_>>().join("\n"));
    } else {
        article.title = clean_field(element(text, "TITLE"));
        article.byline = element(text, "AUTHOR")
            .map(|a| clean_field(Some(a)))
            .map(|a| a.trim_start_matches("By ").trim().to_string())
            .filter(|a| !a.is_empty());
        article.dateline = element(text, "DATELINE")
            .map(|d| clean_field(Some(d)))
            .filter(|d| !d.is_empty());
        article.body = strip_signature(unescape(element(text, "BODY").unwrap_or("")).trim());
    }
    if article.title.is_empty() && article.body.is_empty() && article.date.is_none() {
        return Err(format!("document NEWID={newid} has no title, text or date"));
    }
    Ok(article)
}

/// The value of `NAME="value"` inside a start tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(tag[start..start + len].to_string())
}

/// The raw content of the first `<NAME>...</NAME>` in `block` (unterminated: up to the end).
fn element<'a>(block: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let start = block.find(&open)? + open.len();
    let rest = &block[start..];
    Some(rest.find(&close).map_or(rest, |end| &rest[..end]))
}

/// `<TEXT ...>` has attributes, so it is found separately: returns (start tag, content).
fn text_element(block: &str) -> Option<(&str, &str)> {
    let start = block.find("<TEXT")?;
    let tag_end = start + block[start..].find('>')?;
    let rest = &block[tag_end + 1..];
    let content = rest.find("</TEXT>").map_or(rest, |end| &rest[..end]);
    Some((&block[start..tag_end], content))
}

/// The `<D>` items of a category list such as `<PLACES><D>usa</D><D>japan</D></PLACES>`.
fn list(block: &str, name: &str) -> Vec<String> {
    let Some(content) = element(block, name) else {
        return Vec::new();
    };
    content
        .split("<D>")
        .skip(1)
        .map(|item| {
            unescape(item.split("</D>").next().unwrap_or(""))
                .trim()
                .to_string()
        })
        .filter(|item| !item.is_empty())
        .collect()
}

fn clean_field(raw: Option<&str>) -> String {
    let text = unescape(raw.unwrap_or(""));
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Stories end with the agency's sign-off ("Reuter"), which is not part of the text.
fn strip_signature(body: &str) -> String {
    let trimmed = body.trim_end();
    for signature in ["Reuter", "REUTER"] {
        if let Some(rest) = trimmed.strip_suffix(signature) {
            if rest.is_empty() || rest.ends_with(char::is_whitespace) {
                return rest.trim_end().to_string();
            }
        }
    }
    trimmed.to_string()
}

/// Resolves the entities the collection uses. Numeric entities for control characters
/// (`&#2;`, `&#5;`, `&#31;` are wire-service framing) are dropped, as are raw control characters.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        push_visible(&mut out, &rest[..amp]);
        rest = &rest[amp..];
        let entity_end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|i| i + 1);
        match entity_end.filter(|&end| rest[end..].starts_with(';')) {
            Some(end) => {
                match resolve_entity(&rest[1..end]) {
                    Some(c) => push_visible(&mut out, c.encode_utf8(&mut [0; 4])),
                    None => out.push_str(&rest[..=end]),
                }
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    push_visible(&mut out, rest);
    out
}

fn resolve_entity(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let digits = name.strip_prefix('#')?;
            let code = match digits.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => digits.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

fn push_visible(out: &mut String, text: &str) {
    out.extend(
        text.chars()
            .filter(|&c| !c.is_control() || c == '\n' || c == '\t'),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="1">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TOPICS><D>cocoa</D></TOPICS>
<PLACES><D>el-salvador</D><D>usa</D></PLACES>
<PEOPLE></PEOPLE>
<ORGS></ORGS>
<UNKNOWN>&#5;&#5;&#5;C T</UNKNOWN>
<TEXT>&#2;
<TITLE>BAHIA COCOA REVIEW</TITLE>
<AUTHOR>    By Janie Gabbett, Reuters</AUTHOR>
<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued &lt;in&gt; the
Bahia cocoa zone.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="2">
<DATE>26-FEB-1987 15:02:20.00</DATE>
<TEXT TYPE="BRIEF">&#2;
******<TITLE>STANDARD OIL &lt;SRD> TO FORM FINANCIAL UNIT
</TITLE>
&#3;</TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="3">
<DATE>26-FEB-1987 15:03:27.51</DATE>
<TEXT TYPE="UNPROC">&#2;
FEDERAL RESERVE WEEKLY REPORT 1 - FEB 26
 Net free reserves.............644 vs.....1,337
</TEXT>
</REUTERS>
"#;

    #[test]
    fn reads_every_document_type_with_all_fields() {
        let parsed = parse(SAMPLE);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let [story, brief, unproc] = &parsed.articles[..] else {
            panic!("expected three articles, got {}", parsed.articles.len())
        };
        assert_eq!(story.local_id.as_deref(), Some("reuters-1"));
        assert_eq!(story.title, "BAHIA COCOA REVIEW");
        assert_eq!(story.dateline.as_deref(), Some("SALVADOR, Feb 26 -"));
        assert_eq!(story.date.as_deref(), Some("26-FEB-1987 15:01:01.79"));
        assert_eq!(story.byline.as_deref(), Some("Janie Gabbett, Reuters"));
        assert_eq!(story.body, "Showers continued <in> the\nBahia cocoa zone.");
        assert_eq!(story.places, ["el-salvador", "usa"]);
        assert_eq!(story.topics, ["cocoa"]);
        assert!(story.people.is_empty());

        assert_eq!(brief.title, "STANDARD OIL <SRD> TO FORM FINANCIAL UNIT");
        assert_eq!(brief.body, "");

        assert_eq!(unproc.title, "FEDERAL RESERVE WEEKLY REPORT 1 - FEB 26");
        assert!(unproc.body.contains("Net free reserves"));
    }

    #[test]
    fn truncated_file_keeps_what_is_there_and_says_so() {
        let cut = &SAMPLE[..SAMPLE.find("Bahia cocoa").unwrap()];
        let parsed = parse(cut);
        assert_eq!(parsed.articles.len(), 1);
        assert_eq!(parsed.articles[0].title, "BAHIA COCOA REVIEW");
        assert_eq!(parsed.problems.len(), 1);
        assert!(parsed.problems[0].message.contains("no </REUTERS>"));
    }

    #[test]
    fn no_documents_is_reported() {
        let parsed = parse("just some text");
        assert!(parsed.articles.is_empty());
        assert!(parsed.problems[0].skipped);
    }

    #[test]
    fn unescape_handles_control_entities_and_stray_ampersands() {
        assert_eq!(
            unescape("a&#5;&#31;b &amp; c & d &lt;X&gt;"),
            "ab & c & d <X>"
        );
        assert_eq!(unescape("&#x41;&bogus;&"), "A&bogus;&");
    }
}
