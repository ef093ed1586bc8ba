//! Words with their byte offsets, for entity extraction: what a name is made of and where it
//! sits. A token knows whether it starts a sentence (where a capital says nothing about being a
//! name) and whether only spaces separate it from the token before (names never span a comma).
//! Hyphens split words ("Franco-German" is two, joined) so each part can be looked up; dots stay
//! inside abbreviations ("U.S.", "A."); a possessive "'s" is left out of the word.

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Sen", "Rep", "Gov", "Gen", "Col", "Lt", "Sgt", "Capt", "Prof",
    "Corp", "Inc", "Co", "Ltd", "Jr", "Sr", "No", "Rev", "Adm", "Mt", "Ft", "Jan", "Feb", "Mar",
    "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "Bros",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// First word of a sentence (or of the text).
    pub sentence_start: bool,
    /// Only spaces, a single line break or a hyphen separate it from the previous token.
    pub joined: bool,
}

impl Token {
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }
}

/// The text's words in order.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 6);
    let mut sentence_start = true;
    let mut joined = false;
    let mut at = 0;
    while at < text.len() {
        let byte = bytes[at];
        let c = if byte.is_ascii() {
            byte as char
        } else {
            next_char(text, at)
        };
        if byte.is_ascii_alphanumeric() || (!byte.is_ascii() && c.is_alphanumeric()) {
            let (end, word_end) = word_at(text, at);
            tokens.push(Token {
                start: at,
                end: word_end,
                sentence_start,
                joined,
            });
            sentence_start = false;
            joined = word_end == end;
            at = end;
            continue;
        }
        match c {
            ' ' | '\t' | '-' => {}
            '\n' => {
                if bytes.get(at + 1) == Some(&b'\n') || bytes.get(at + 1) == Some(&b'\r') {
                    sentence_start = true;
                    joined = false;
                }
            }
            '\r' => {}
            '.' => {
                let after_abbreviation = tokens
                    .last()
                    .is_some_and(|t: &Token| t.end == at && ABBREVIATIONS.contains(&t.text(text)));
                if !after_abbreviation {
                    sentence_start = true;
                    joined = false;
                }
            }
            '!' | '?' | ';' | ':' => {
                sentence_start = c != ';';
                joined = false;
            }
            // Opening quotes and brackets keep a pending sentence start.
            _ => joined = false,
        }
        at += c.len_utf8();
    }
    tokens
}

fn next_char(text: &str, at: usize) -> char {
    char_at(text, at).0
}

/// Where the word starting at `start` ends: (end of everything consumed, end of the word
/// proper). They differ when a possessive "'s" follows, which is consumed but not part of it.
fn word_at(text: &str, start: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut at = start;
    while at < text.len() {
        // Most of a word is ASCII letters and digits: no decoding, no punctuation check.
        if bytes[at].is_ascii_alphanumeric() {
            at += 1;
            continue;
        }
        let (c, width) = char_at(text, at);
        let inner = matches!(c, '.' | '\'' | '’' | '&')
            && at + width < text.len()
            && char_at(text, at + width).0.is_alphanumeric();
        if !(c.is_alphanumeric() || inner) {
            break;
        }
        at += width;
    }
    let mut end = at;
    // "U.S." and "A.": a dot after a single letter belongs to the abbreviation.
    if bytes.get(end) == Some(&b'.') {
        let word = &text[start..end];
        let last_part = word.rsplit('.').next().unwrap_or(word);
        if last_part.chars().nth(1).is_none() {
            end += 1;
        }
    }
    if bytes[end - 1] == b's' {
        for possessive in ["'s", "’s"] {
            if text[start..end].ends_with(possessive) && end - start > possessive.len() {
                return (end, end - possessive.len());
            }
        }
    }
    (end, end)
}

/// The character at a byte offset and its width, without decoding for ASCII.
fn char_at(text: &str, at: usize) -> (char, usize) {
    let byte = text.as_bytes()[at];
    if byte.is_ascii() {
        (byte as char, 1)
    } else {
        let c = text[at..].chars().next().unwrap_or(' ');
        (c, c.len_utf8())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, bool, bool)> {
        tokenize(text)
            .iter()
            .map(|t| (t.text(text), t.sentence_start, t.joined))
            .collect()
    }

    #[test]
    fn abbreviations_possessives_and_hyphens() {
        assert_eq!(
            words("U.S. Treasury's view. Mr. Baker, A. Smith"),
            [
                ("U.S.", true, false),
                ("Treasury", false, true),
                ("view", false, false),
                ("Mr", true, false),
                ("Baker", false, true),
                ("A.", false, false),
                ("Smith", false, true),
            ]
        );
        assert_eq!(
            words("Franco-German talks"),
            [
                ("Franco", true, false),
                ("German", false, true),
                ("talks", false, true)
            ]
        );
    }

    #[test]
    fn offsets_are_byte_offsets_into_the_text() {
        let text = "Ça va à Zürich. Österreich";
        for token in tokenize(text) {
            assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
        }
        let zurich = tokenize(text)[3];
        assert_eq!(zurich.text(text), "Zürich");
        assert!(tokenize(text)[4].sentence_start);
    }
}
