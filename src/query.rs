//! The query language, checked and rewritten before tantivy parses it. tantivy's parser is good
//! but has traps for news users: `oil AND NOT iran` matches nothing (a nested clause with only a
//! negative part), a query of only exclusions is refused, and its syntax errors do not say where
//! the problem is. This module rewrites the first two into what the user meant and reports
//! unbalanced quotes and parentheses with their column.

use crate::error::{Error, Result};

/// Longest query accepted, in characters: far beyond any typed query, short of abuse.
pub const MAX_QUERY_CHARS: usize = 10_000;

/// Deepest nesting of parentheses accepted; tantivy's parser recurses per level.
pub const MAX_NESTING: usize = 32;

/// Checks a query's size, and its quotes and parentheses, pointing at the offending column.
pub fn check_balance(query: &str) -> Result<()> {
    let length = query.chars().count();
    if length > MAX_QUERY_CHARS {
        return Err(Error::Query(format!(
            "the query is {length} characters long; the limit is {MAX_QUERY_CHARS}"
        )));
    }
    let mut open_parens: Vec<usize> = Vec::new();
    let mut open_quote: Option<usize> = None;
    for (column, c) in query.chars().enumerate().map(|(i, c)| (i + 1, c)) {
        match (c, open_quote) {
            ('"', None) => open_quote = Some(column),
            ('"', Some(_)) => open_quote = None,
            (_, Some(_)) => {}
            ('(', None) if open_parens.len() == MAX_NESTING => {
                return Err(Error::Query(format!(
                    "parentheses nest deeper than {MAX_NESTING} levels at column {column}"
                )));
            }
            ('(', None) => open_parens.push(column),
            (')', None) if open_parens.pop().is_none() => {
                return Err(Error::Query(format!(
                    "unmatched ')' at column {column} of {query:?}"
                )));
            }
            _ => {}
        }
    }
    if let Some(column) = open_quote {
        return Err(Error::Query(format!(
            "the quote opened at column {column} of {query:?} is never closed"
        )));
    }
    if let Some(column) = open_parens.pop() {
        return Err(Error::Query(format!(
            "the '(' at column {column} of {query:?} is never closed"
        )));
    }
    Ok(())
}

/// Rewrites `x AND NOT y` (and `x NOT y`) to `x -y`, which is what users mean and what tantivy
/// evaluates correctly. Text inside quotes is left alone.
pub fn rewrite_negations(query: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut in_quote = false;
    let mut negate_next = false;
    for word in query.split_whitespace() {
        if !in_quote && word == "NOT" {
            if out.last().is_some_and(|w| w == "AND") {
                out.pop();
            }
            negate_next = true;
            continue;
        }
        let quote_marks = word.matches('"').count();
        let mut word = word.to_string();
        if negate_next {
            word.insert(0, '-');
            negate_next = false;
        }
        if quote_marks % 2 == 1 {
            in_quote = !in_quote;
        }
        out.push(word);
    }
    if negate_next {
        out.push("NOT".to_string());
    }
    out.join(" ")
}

/// Whether the query, once rewritten, has no positive part (`-bundesbank`, `NOT oil`): such a
/// query means "everything except", which tantivy refuses, so search adds an all-documents part.
pub fn only_exclusions(query: &str) -> bool {
    let mut depth = 0usize;
    let mut in_quote = false;
    let mut any_exclusion = false;
    for word in query.split_whitespace() {
        let top_level = depth == 0 && !in_quote;
        if top_level {
            any_exclusion |= word.starts_with('-') && word.len() > 1;
            let positive = !word.starts_with('-') && word != "AND" && word != "OR";
            if positive {
                return false;
            }
        }
        for c in word.chars() {
            match c {
                '"' => in_quote = !in_quote,
                '(' if !in_quote => depth += 1,
                ')' if !in_quote => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    any_exclusion
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balance_errors_point_at_the_column() {
        assert!(check_balance(r#""money supply" (a OR b)"#).is_ok());
        let error = check_balance(r#"oil "prices"#).unwrap_err().to_string();
        assert!(error.contains("column 5"), "{error}");
        let error = check_balance("(oil OR gas").unwrap_err().to_string();
        assert!(error.contains("column 1"), "{error}");
        let error = check_balance("oil)").unwrap_err().to_string();
        assert!(error.contains("column 4"), "{error}");
        assert!(check_balance(r#""(not a paren""#).is_ok());
        let deep = format!("{}x{}", "(".repeat(40), ")".repeat(40));
        assert!(check_balance(&deep)
            .unwrap_err()
            .to_string()
            .contains("deeper"));
        let long = "oil ".repeat(3000);
        assert!(check_balance(&long)
            .unwrap_err()
            .to_string()
            .contains("limit"));
    }

    #[test]
    fn and_not_becomes_minus() {
        assert_eq!(rewrite_negations("oil AND NOT iran"), "oil -iran");
        assert_eq!(
            rewrite_negations("oil NOT (iran OR iraq)"),
            "oil -(iran OR iraq)"
        );
        assert_eq!(
            rewrite_negations(r#""do NOT panic" NOT x"#),
            r#""do NOT panic" -x"#
        );
        assert_eq!(rewrite_negations("NOT bundesbank"), "-bundesbank");
        assert_eq!(rewrite_negations("oil NOT"), "oil NOT");
        assert_eq!(rewrite_negations("oil and not gas"), "oil and not gas");
    }

    #[test]
    fn detects_queries_of_exclusions_only() {
        assert!(only_exclusions("-bundesbank"));
        assert!(only_exclusions("-a -(b OR c)"));
        assert!(!only_exclusions("money -bundesbank"));
        assert!(!only_exclusions(r#""-x" -y"#));
        assert!(!only_exclusions(""));
        assert!(!only_exclusions("AND"));
        assert!(!only_exclusions("-"));
    }
}
