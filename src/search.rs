//! Search: a [`SearchRequest`] becomes a tantivy query and collectors, and the results come back
//! as [`SearchResults`], plain serde structs the CLI renders and embedders use directly. Also the
//! two look-ups beside search: one article by id ([`get_article`]) and index statistics
//! ([`stats`]). The CLI never builds a tantivy query itself; everything it can ask is here.

use std::collections::BTreeMap;
use std::ops::Bound;
use std::time::Instant;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, TantivyDocument, Term};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Index, Order, Searcher};

use crate::conjunction::PrunedConjunction;
use crate::enrich::facet_key;
use crate::enrich::gazetteer::gazetteer;
use crate::enrich::lexicon;
use crate::error::{Error, Result};
use crate::facets::FacetCounter;
use crate::query;
use crate::schema::{to_tantivy_date, Facet, NewsSchema};

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best match first (the default when there is a query).
    #[default]
    Relevance,
    /// Most recent first (the default when browsing by filters alone).
    Newest,
    Oldest,
}

/// Everything a search can ask for. Filters of one kind are alternatives (`places: [japan, usa]`
/// finds articles placed in either); different kinds must all hold.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchRequest {
    /// The query in the query language; empty to browse by filters alone.
    pub query: String,
    pub people: Vec<String>,
    pub places: Vec<String>,
    pub orgs: Vec<String>,
    pub topics: Vec<String>,
    pub sources: Vec<String>,
    /// Earliest publication time, inclusive.
    pub from: Option<DateTime<Utc>>,
    /// Latest publication time, exclusive.
    pub to: Option<DateTime<Utc>>,
    /// `None`: relevance when there is a query, newest first otherwise.
    pub sort: Option<Sort>,
    pub limit: usize,
    pub offset: usize,
    /// Facets to count over all matches.
    pub facets: Vec<Facet>,
    /// How many values to return per facet.
    pub facet_size: usize,
    /// Maximum snippet length in characters.
    pub snippet_chars: usize,
    /// Load the page of hits (titles, snippets, ...). `false` ranks and counts only: `hits` comes
    /// back empty, `total` and `facets` are filled. For counts, facet dashboards and benchmarks.
    pub fetch_hits: bool,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: String::new(),
            people: Vec::new(),
            places: Vec::new(),
            orgs: Vec::new(),
            topics: Vec::new(),
            sources: Vec::new(),
            from: None,
            to: None,
            sort: None,
            limit: 10,
            offset: 0,
            facets: Vec::new(),
            facet_size: 10,
            snippet_chars: 200,
            fetch_hits: true,
        }
    }
}

impl SearchRequest {
    /// A request for a query string with default settings.
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            ..SearchRequest::default()
        }
    }

    fn filters(&self) -> [(Facet, &Vec<String>); 5] {
        [
            (Facet::People, &self.people),
            (Facet::Places, &self.places),
            (Facet::Orgs, &self.orgs),
            (Facet::Topics, &self.topics),
            (Facet::Source, &self.sources),
        ]
    }
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SearchResults {
    /// Number of matching articles (all of them, not just this page).
    pub total: u64,
    pub took_ms: f64,
    pub hits: Vec<Hit>,
    /// For each requested facet, its top values with the number of matching articles.
    pub facets: BTreeMap<String, Vec<FacetCount>>,
}

/// One matching article.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Hit {
    pub id: String,
    /// Relevance score; `null` when sorted by date.
    pub score: Option<f32>,
    pub title: String,
    pub date: Option<DateTime<Utc>>,
    pub dateline: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub path: String,
    pub people: Vec<String>,
    pub places: Vec<String>,
    pub orgs: Vec<String>,
    pub topics: Vec<String>,
    /// A passage of the body around the matched words (the opening when nothing matched there).
    pub snippet: String,
    /// Byte ranges `[start, end)` of matched words within `snippet`.
    pub highlights: Vec<[usize; 2]>,
}

/// A facet value and how many matching articles carry it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// Runs a search.
pub fn search(
    index: &Index,
    schema: &NewsSchema,
    searcher: &Searcher,
    request: &SearchRequest,
) -> Result<SearchResults> {
    let started = Instant::now();
    let text_query = parse_text_query(index, schema, &request.query)?;
    let full_query = combine_with_filters(schema, searcher, text_query.as_deref(), request)?;

    let sort = request.sort.unwrap_or(if text_query.is_some() {
        Sort::Relevance
    } else {
        Sort::Newest
    });
    // A page can hold no more than every document: clamping keeps absurd --limit/--offset
    // values from sizing tantivy's heap or overflowing its arithmetic.
    let max_docs = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
    let limit = request.limit.clamp(1, max_docs.max(1));
    let offset = request.offset.min(max_docs);
    let page = TopDocs::with_limit(limit).and_offset(offset);
    let facets = facet_collector(request)?;
    let large = sort == Sort::Relevance && searcher.num_docs() >= TWO_PASS_MIN_DOCS;
    let conjunction = large
        .then(|| pruned_conjunction(schema, &*full_query, request))
        .flatten();
    let collected = if let Some(conjunction) = conjunction {
        collect_in_passes(searcher, &conjunction, page, facets)
    } else if large && is_plain_union(request) {
        collect_in_passes(searcher, &*full_query, page, facets)
    } else {
        collect_in_one_pass(searcher, &*full_query, sort, page, facets)
    }
    .map_err(|e| execution_error(&request.query, e))?;

    let hits = if request.limit > 0 && request.fetch_hits {
        load_hits(
            schema,
            searcher,
            text_query.as_deref(),
            &collected.ranked,
            request,
        )?
    } else {
        Vec::new()
    };
    let facets = match collected.facets {
        Some(counts) => request
            .facets
            .iter()
            .map(|facet| facet.name().to_string())
            .zip(counts)
            .collect(),
        None => BTreeMap::new(),
    };
    Ok(SearchResults {
        total: collected.total as u64,
        took_ms: (started.elapsed().as_secs_f64() * 1e6).round() / 1e3,
        hits,
        facets,
    })
}

/// What the collectors found: the page (with scores when ranked by relevance), the exact number
/// of matches, and the facet aggregations if any were asked for.
struct Collected {
    ranked: Vec<(Option<f32>, DocAddress)>,
    total: usize,
    facets: Option<Vec<Vec<FacetCount>>>,
}

/// One pass with every collector at once: the right choice for intersections, phrases, filters,
/// date sorting and small indexes.
fn collect_in_one_pass(
    searcher: &Searcher,
    query: &dyn Query,
    sort: Sort,
    page: TopDocs,
    facets: Option<FacetCounter>,
) -> tantivy::Result<Collected> {
    let order = match sort {
        Sort::Relevance => {
            let (top, total, facets) =
                searcher.search(query, &(page.order_by_score(), Count, facets))?;
            let ranked = top.into_iter().map(|(s, a)| (Some(s), a)).collect();
            return Ok(Collected {
                ranked,
                total,
                facets,
            });
        }
        Sort::Newest => Order::Desc,
        Sort::Oldest => Order::Asc,
    };
    let by_date = page.order_by_fast_field::<tantivy::DateTime>("date", order);
    let (top, total, facets) = searcher.search(query, &(by_date, Count, facets))?;
    Ok(Collected {
        ranked: top.into_iter().map(|(_, a)| (None, a)).collect(),
        total,
        facets,
    })
}

/// Ranking alone lets tantivy skip documents that cannot reach the page (block-max WAND), and
/// counting alone needs no scores: for a union of words on a large index, two cheap passes beat
/// one that scores every match. Measured at 1M articles: `oil` 3.6 ms -> 1.6-2.3 ms, `said`
/// 7.8 ms -> 2.6 ms. For intersections, phrases and filters, and on small indexes (Reuters:
/// `oil` 56 -> 74 µs), the extra pass costs more than it saves.
fn collect_in_passes(
    searcher: &Searcher,
    query: &dyn Query,
    page: TopDocs,
    facets: Option<FacetCounter>,
) -> tantivy::Result<Collected> {
    let top = searcher.search(query, &page.order_by_score())?;
    // Through the searcher, not `Query::count`, so that segments are counted in parallel.
    let total = searcher.search(query, &Count)?;
    let facets = match facets {
        Some(collector) => Some(searcher.search(query, &collector)?),
        None => None,
    };
    Ok(Collected {
        ranked: top.into_iter().map(|(s, a)| (Some(s), a)).collect(),
        total,
        facets,
    })
}

/// Loads the stored fields of the page's articles and makes their snippets.
fn load_hits(
    schema: &NewsSchema,
    searcher: &Searcher,
    text_query: Option<&dyn Query>,
    ranked: &[(Option<f32>, DocAddress)],
    request: &SearchRequest,
) -> Result<Vec<Hit>> {
    let snippets = match text_query {
        Some(query) => {
            let mut generator = SnippetGenerator::create(searcher, query, schema.fields.body)?;
            generator.set_max_num_chars(request.snippet_chars);
            Some(generator)
        }
        None => None,
    };
    let mut hits = Vec::with_capacity(ranked.len());
    for &(score, address) in ranked {
        let doc: TantivyDocument = searcher.doc(address)?;
        hits.push(make_hit(
            schema,
            &doc,
            score,
            snippets.as_ref(),
            request.snippet_chars,
        ));
    }
    Ok(hits)
}

/// Words that must all match (`oil prices`) rank with MaxScore pruning and count with bitmaps
/// ([`PrunedConjunction`]), in separate passes. Measured at 1M articles, one thread:
/// `oil prices` ranked 10.3 -> 2.0 ms and counted 3.4 -> 1.3 ms. A boost written in the query
/// (`oil^2`) cannot be read back from the parsed query, so such queries keep tantivy's path.
fn pruned_conjunction(
    schema: &NewsSchema,
    query: &dyn Query,
    request: &SearchRequest,
) -> Option<PrunedConjunction> {
    if request.query.contains('^') {
        return None;
    }
    PrunedConjunction::new(query.box_clone(), &schema.search_fields)
}

/// Index size from which plain unions are ranked and counted in separate passes.
const TWO_PASS_MIN_DOCS: u64 = 50_000;

/// Whether the request is a bare union of words: one word, or words joined by OR, with no
/// phrase, exclusion, grouping, field or filter. Only decides how to collect, never what matches.
fn is_plain_union(request: &SearchRequest) -> bool {
    let words: Vec<&str> = request.query.split_whitespace().collect();
    let no_filters = request
        .filters()
        .iter()
        .all(|(_, values)| values.is_empty())
        && request.from.is_none()
        && request.to.is_none();
    let simple = |word: &str| word.chars().all(char::is_alphanumeric);
    let alternating = words.iter().enumerate().all(|(i, word)| {
        if i % 2 == 1 {
            *word == "OR"
        } else {
            simple(word) && !matches!(*word, "AND" | "OR" | "NOT")
        }
    });
    no_filters && words.len() % 2 == 1 && alternating
}

/// Parses the user's query; `None` when it is empty (browsing).
fn parse_text_query(
    index: &Index,
    schema: &NewsSchema,
    text: &str,
) -> Result<Option<Box<dyn Query>>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().any(char::is_control) {
        return Err(Error::Query(
            "the query contains control characters".to_string(),
        ));
    }
    query::check_balance(text)?;
    let rewritten = query::rewrite_negations(text);
    let fields: Vec<_> = schema.search_fields.iter().map(|(f, _)| *f).collect();
    let mut parser = QueryParser::for_index(index, fields);
    parser.set_conjunction_by_default();
    for (field, weight) in &schema.search_fields {
        parser.set_field_boost(*field, *weight);
    }
    let parsed = if query::only_exclusions(&rewritten) {
        parser.parse_query(&format!("* {rewritten}"))
    } else {
        parser.parse_query(&rewritten)
    };
    parsed
        .map(Some)
        .map_err(|error| Error::Query(explain_parse_error(text, &error)))
}

/// Some query mistakes only surface when tantivy runs the query (`nosuchfield:*` parses as
/// "field exists"): those are still the user's query's fault, and said as such.
fn execution_error(text: &str, error: tantivy::TantivyError) -> Error {
    match error {
        tantivy::TantivyError::FieldNotFound(field) => Error::Query(unknown_field(text, &field)),
        other => other.into(),
    }
}

fn unknown_field(text: &str, field: &str) -> String {
    format!(
        "{text:?}: there is no field {field:?}; fields are title, body, dateline, byline, people, places, orgs, topics, source, date, id, url"
    )
}

fn explain_parse_error(text: &str, error: &tantivy::query::QueryParserError) -> String {
    use tantivy::query::QueryParserError as E;
    match error {
        E::FieldDoesNotExist(field) => unknown_field(text, field),
        E::SyntaxError(_) => format!(
            "{text:?} is not a valid query: AND, OR, NOT, + and - need a word or phrase beside them, \
             and a word containing : ( ) [ ] ^ ~ must be put in \"quotes\""
        ),
        E::DateFormatError(_) => format!("{text:?}: dates in queries are written like date:[1987-03-01T00:00:00Z TO 1987-04-01T00:00:00Z]"),
        other => format!("{text:?}: {other}"),
    }
}

fn combine_with_filters(
    schema: &NewsSchema,
    searcher: &Searcher,
    text_query: Option<&dyn Query>,
    request: &SearchRequest,
) -> Result<Box<dyn Query>> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if let Some(query) = text_query {
        clauses.push((Occur::Must, query.box_clone()));
    }
    for (facet, values) in request.filters() {
        let field = schema.facet_field(facet);
        let alternatives: Vec<(Occur, Box<dyn Query>)> = values
            .iter()
            .map(|value| filter_key(schema, searcher, facet, value))
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .filter(|key| !key.is_empty())
            .map(|key| {
                let term = Term::from_field_text(field, &key);
                let query: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                (Occur::Should, query)
            })
            .collect();
        if !alternatives.is_empty() {
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(alternatives))));
        }
    }
    if request.from.is_some() || request.to.is_some() {
        if let (Some(from), Some(to)) = (request.from, request.to) {
            if from >= to {
                return Err(Error::Argument {
                    what: "date range",
                    message: format!(
                        "--from {} is not before --to {}",
                        from.date_naive(),
                        to.date_naive()
                    ),
                });
            }
        }
        let bound = |date: Option<DateTime<Utc>>, inclusive: bool| match date {
            Some(date) => {
                let term = Term::from_field_date(schema.fields.date, to_tantivy_date(date));
                if inclusive {
                    Bound::Included(term)
                } else {
                    Bound::Excluded(term)
                }
            }
            None => Bound::Unbounded,
        };
        let range = RangeQuery::new(bound(request.from, true), bound(request.to, false));
        clauses.push((Occur::Must, Box::new(range)));
    }
    Ok(match clauses.len() {
        0 => Box::new(AllQuery),
        1 => clauses
            .pop()
            .map(|(_, q)| q)
            .unwrap_or_else(|| Box::new(AllQuery)),
        _ => Box::new(BooleanQuery::new(clauses)),
    })
}

/// The indexed value a filter names. A place, person or organisation the index does not hold as
/// written (`U.S.`, `French`, `reagan`, `EC`) is looked up for its canonical name; the tables
/// are only read when that happens, so ordinary filters cost nothing extra.
fn filter_key(
    schema: &NewsSchema,
    searcher: &Searcher,
    facet: Facet,
    value: &str,
) -> Result<String> {
    let key = facet_key(value);
    let field = match facet {
        Facet::Places => schema.fields.places,
        Facet::People => schema.fields.people,
        Facet::Orgs => schema.fields.orgs,
        _ => return Ok(key),
    };
    if key.is_empty() || searcher.doc_freq(&Term::from_field_text(field, &key))? > 0 {
        return Ok(key);
    }
    let canonical = match facet {
        Facet::Places => gazetteer().place(value).map(|place| place.canonical),
        Facet::People => lexicon::canonical_person(value),
        _ => lexicon::canonical_org(value),
    };
    Ok(canonical.map_or(key, facet_key))
}

/// Most values returned per facet.
pub const MAX_FACET_SIZE: usize = 1_000;

fn facet_collector(request: &SearchRequest) -> Result<Option<FacetCounter>> {
    if request.facets.is_empty() {
        return Ok(None);
    }
    let size = request.facet_size.clamp(1, MAX_FACET_SIZE);
    Ok(Some(FacetCounter::new(request.facets.clone(), size)))
}

fn make_hit(
    schema: &NewsSchema,
    doc: &TantivyDocument,
    score: Option<f32>,
    snippets: Option<&SnippetGenerator>,
    max_chars: usize,
) -> Hit {
    let article = schema.to_article(doc);
    let (snippet, highlights) = match snippets.map(|g| g.snippet(&article.body)) {
        Some(snippet) if !snippet.highlighted().is_empty() => {
            let highlights = snippet
                .highlighted()
                .iter()
                .map(|r| [r.start, r.end])
                .collect();
            (snippet.fragment().to_string(), highlights)
        }
        _ => (opening(&article.body, max_chars), Vec::new()),
    };
    Hit {
        id: article.id,
        score,
        title: article.title,
        date: article.date,
        dateline: article.dateline,
        source: article.source,
        url: article.url,
        path: article.path,
        people: article.people,
        places: article.places,
        orgs: article.orgs,
        topics: article.topics,
        snippet,
        highlights,
    }
}

/// The first `max_chars` characters of a body with whitespace collapsed, cut at a word boundary
/// when one is near. Only the characters needed are visited: bodies can be megabytes, and this
/// runs for every hit shown without a highlighted passage.
fn opening(body: &str, max_chars: usize) -> String {
    let mut cut = String::new();
    let mut count = 0;
    let mut truncated = false;
    'words: for word in body.split_whitespace() {
        if !cut.is_empty() {
            if count == max_chars {
                truncated = true;
                break;
            }
            cut.push(' ');
            count += 1;
        }
        for c in word.chars() {
            if count == max_chars {
                truncated = true;
                break 'words;
            }
            cut.push(c);
            count += 1;
        }
    }
    if !truncated {
        return cut;
    }
    match cut.rfind(' ') {
        Some(space) if space > max_chars / 2 => format!("{}…", &cut[..space]),
        _ => format!("{cut}…"),
    }
}

/// Looks up one article by its id.
pub fn get_article(schema: &NewsSchema, searcher: &Searcher, id: &str) -> Result<crate::Article> {
    let term = Term::from_field_text(schema.fields.id, id);
    let query = TermQuery::new(term, IndexRecordOption::Basic);
    let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
    let (_, address) = top
        .into_iter()
        .next()
        .ok_or_else(|| Error::NoSuchArticle(id.to_string()))?;
    let doc: TantivyDocument = searcher.doc(address)?;
    Ok(schema.to_article(&doc))
}

/// What an index holds.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Stats {
    pub articles: u64,
    pub index_bytes: u64,
    pub segments: usize,
    pub earliest: Option<DateTime<Utc>>,
    pub latest: Option<DateTime<Utc>>,
    /// Articles without a date.
    pub undated: u64,
    pub facets: BTreeMap<String, Vec<FacetCount>>,
}

/// Counts and spans over the whole index.
pub fn stats(
    index: &Index,
    schema: &NewsSchema,
    searcher: &Searcher,
    facet_size: usize,
    index_bytes: u64,
) -> Result<Stats> {
    let with_facets = SearchRequest {
        facets: Facet::ALL.to_vec(),
        facet_size,
        limit: 0,
        ..SearchRequest::default()
    };
    let all = search(index, schema, searcher, &with_facets)?;
    // A lower bound on the date keeps undated articles out of the oldest/newest look-ups.
    let dated_only = |sort| SearchRequest {
        from: Some(DateTime::<Utc>::MIN_UTC), // clamped to tantivy's earliest date
        sort: Some(sort),
        limit: 1,
        ..SearchRequest::default()
    };
    let oldest = search(index, schema, searcher, &dated_only(Sort::Oldest))?;
    let newest = search(index, schema, searcher, &dated_only(Sort::Newest))?;
    Ok(Stats {
        articles: all.total,
        index_bytes,
        segments: searcher.segment_readers().len(),
        earliest: oldest.hits.first().and_then(|h| h.date),
        latest: newest.hits.first().and_then(|h| h.date),
        undated: all.total - oldest.total,
        facets: all.facets,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openings_collapse_whitespace_and_cut_near_a_word_end() {
        assert_eq!(opening("  Short\n\n body. ", 200), "Short body.");
        assert_eq!(opening("one two three", 13), "one two three");
        assert_eq!(opening("one two three", 12), "one two…");
        assert_eq!(opening("a verylongwordindeed", 10), "a verylong…");
        let huge = "word ".repeat(1_000_000);
        assert_eq!(opening(&huge, 12), "word word…");
    }

    #[test]
    fn plain_unions_are_single_words_or_words_joined_by_or() {
        let union = |q: &str| is_plain_union(&SearchRequest::new(q));
        assert!(union("oil"));
        assert!(union("oil OR gas OR coal"));
        for not_union in [
            "oil prices",
            "\"oil\"",
            "oil OR",
            "OR",
            "-oil",
            "title:oil",
            "oil AND gas",
            "(oil)",
            "oil*",
            "",
        ] {
            assert!(!union(not_union), "{not_union:?}");
        }
        let mut filtered = SearchRequest::new("oil");
        filtered.places = vec!["japan".into()];
        assert!(!is_plain_union(&filtered));
    }
}
