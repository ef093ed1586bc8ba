//! Plain-text articles, one per file: the title is the first meaningful line, the rest is the
//! body, paragraph breaks kept. Scraped archives carry page furniture ("Advertisement") and often
//! repeat the headline on the next line; both are dropped here so the title and body are clean.
//! A dateline at the start of the body is left in place: enrichment finds it.

use crate::article::RawArticle;

/// Lines that scraped pages put around an article and that are never part of it.
const BOILERPLATE_LINES: &[&str] = &[
    "advertisement",
    "skip to content",
    "skip to main content",
    "share this article",
    "share this with",
    "share",
    "related topics",
    "image copyright",
    "media playback is unsupported on your device",
];

fn is_boilerplate(line: &str) -> bool {
    let line = line.trim().trim_end_matches(':');
    BOILERPLATE_LINES
        .iter()
        .any(|known| line.eq_ignore_ascii_case(known))
}

/// Parses one plain-text article. Fails only when the file holds no text at all.
pub fn parse(text: &str) -> Result<RawArticle, String> {
    let mut lines = text
        .lines()
        .map(|line| line.trim_end_matches('\r'))
        .filter(|line| !is_boilerplate(line))
        .peekable();

    let first = loop {
        match lines.next() {
            Some(line) if line.trim().is_empty() => continue,
            Some(line) => break line.trim(),
            None => return Err("empty file: no text to index".to_string()),
        }
    };
    if first.chars().count() > MAX_TITLE_CHARS {
        // A first line this long is a paragraph (or a whole file without line breaks), not a
        // headline: it stays in the body, and the title is its opening words.
        let mut body_lines = vec![first];
        body_lines.extend(lines);
        return Ok(RawArticle {
            position: 1,
            title: opening_words(first, TITLE_FROM_BODY_CHARS),
            body: join_paragraphs(&body_lines),
            ..RawArticle::default()
        });
    }
    let title = first.to_string();

    let body_lines: Vec<&str> = lines.collect();
    let first_text = body_lines.iter().position(|line| !line.trim().is_empty());
    let mut body_lines = match first_text {
        Some(start) => &body_lines[start..],
        None => &[][..],
    };
    if body_lines
        .first()
        .is_some_and(|line| line.trim().eq_ignore_ascii_case(&title))
    {
        body_lines = &body_lines[1..];
    }

    Ok(RawArticle {
        position: 1,
        title,
        body: join_paragraphs(body_lines),
        ..RawArticle::default()
    })
}

/// Longest first line taken as a headline.
const MAX_TITLE_CHARS: usize = 300;

/// Length of a title made from the opening of a body.
const TITLE_FROM_BODY_CHARS: usize = 100;

/// The first words of `text`, at most `max` characters, cut at a space, with an ellipsis.
fn opening_words(text: &str, max: usize) -> String {
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > max / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

/// Joins lines back into text with single blank lines between paragraphs.
fn join_paragraphs(lines: &[&str]) -> String {
    let mut body = String::new();
    let mut blank_pending = false;
    for line in lines {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank_pending = !body.is_empty();
            continue;
        }
        if blank_pending {
            body.push_str("\n\n");
            blank_pending = false;
        } else if !body.is_empty() {
            body.push('\n');
        }
        body.push_str(line);
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_then_paragraphs() {
        let article = parse("Ad sales boost profit\n\nFirst para.\n\n\n\nSecond\npara.\n").unwrap();
        assert_eq!(article.title, "Ad sales boost profit");
        assert_eq!(article.body, "First para.\n\nSecond\npara.");
    }

    #[test]
    fn scraped_page_drops_furniture_and_repeated_headline() {
        let page = "Advertisement\n\nRussia And France To Co-ordinate IS Strikes\n\n\
                    Russia And France To Co-ordinate IS Strikes\n\nVladimir Putin said.\n\nAdvertisement\nMore.";
        let article = parse(page).unwrap();
        assert_eq!(article.title, "Russia And France To Co-ordinate IS Strikes");
        assert_eq!(article.body, "Vladimir Putin said.\n\nMore.");
    }

    #[test]
    fn windows_line_endings_and_title_only() {
        let article = parse("\r\n  Headline only \r\n\r\n").unwrap();
        assert_eq!(article.title, "Headline only");
        assert_eq!(article.body, "");
    }

    #[test]
    fn an_enormous_single_line_is_body_not_title() {
        let line = "word ".repeat(100_000);
        let article = parse(&line).unwrap();
        assert!(
            article.title.chars().count() <= 101,
            "{}",
            article.title.len()
        );
        assert!(article.title.ends_with('…'));
        assert_eq!(article.body.len(), line.trim_end().len());
    }

    #[test]
    fn empty_or_blank_file_is_an_error() {
        assert!(parse("").is_err());
        assert!(parse("\n  \n\t\n").is_err());
        assert!(parse("Advertisement\n").is_err());
    }
}
