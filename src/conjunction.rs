//! Ranking a conjunction of words over several fields without scoring every match.
//!
//! `oil prices` searches every text field, so tantivy sees an intersection of per-word unions
//! (`(title:oil OR body:oil …) AND (title:price OR body:price …)`). Its block-max pruning covers
//! unions and plain term intersections but not this shape, so ranking scored all 145,000
//! matches at a million articles. [`PrunedConjunction`] wraps such a query and, for ranking
//! only, walks the same postings with MaxScore pruning: once the page is full, documents that
//! hold none of the terms able to lift them onto it are never scored. Counting marks each
//! word's documents in a bitmap instead of seeking through the union, when the words are common
//! enough for that to pay. Matching one document at a time and explaining go to the wrapped
//! query unchanged: only the amount of work differs, never the answer, and the unit tests
//! check both against tantivy's own results.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::BlockSegmentPostings;
use tantivy::query::{
    Bm25Weight, BooleanQuery, BoostQuery, EnableScoring, Explanation, Occur, Query, Scorer,
    TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, Score, Searcher, SegmentReader, Term, TERMINATED};

/// A query whose ranking pass skips documents that cannot reach the page. Built only for an
/// intersection of unions of single terms, which is what the query parser makes of plain words
/// searched in several fields.
#[derive(Debug)]
pub struct PrunedConjunction {
    inner: Box<dyn Query>,
    /// Per required clause, its terms and the boost each is scored with.
    clauses: Vec<Vec<(Term, Score)>>,
}

impl PrunedConjunction {
    /// Wraps `query` when it has the right shape, `None` otherwise. `field_boosts` are the boosts
    /// the query parser was given; the query text itself must carry none (`oil^2`), since a
    /// boost inside the query cannot be read back from it.
    pub fn new(query: Box<dyn Query>, field_boosts: &[(Field, Score)]) -> Option<Self> {
        let boost_of = |term: &Term| {
            field_boosts
                .iter()
                .find(|(field, _)| *field == term.field())
                .map_or(1.0, |(_, boost)| *boost)
        };
        let clauses = clause_leaves(&*query)?
            .into_iter()
            .map(|leaves| {
                leaves
                    .into_iter()
                    .map(|leaf| single_term(leaf).map(|term| (term.clone(), boost_of(term))))
                    .collect::<Option<Vec<_>>>()
            })
            .collect::<Option<Vec<_>>>()?;
        Some(PrunedConjunction {
            inner: query,
            clauses,
        })
    }
}

impl Clone for PrunedConjunction {
    fn clone(&self) -> Self {
        PrunedConjunction {
            inner: self.inner.box_clone(),
            clauses: self.clauses.clone(),
        }
    }
}

impl Query for PrunedConjunction {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let inner = self.inner.weight(enable_scoring)?;
        let terms = self
            .clauses
            .iter()
            .map(|terms| terms.iter().map(|(term, _)| term.clone()).collect())
            .collect();
        let scoring = match enable_scoring.searcher() {
            Some(searcher) if enable_scoring.is_scoring_enabled() => {
                Some(self.bm25_weights(searcher)?)
            }
            _ => None,
        };
        Ok(Box::new(PrunedConjunctionWeight {
            inner,
            terms,
            scoring,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

impl PrunedConjunction {
    /// BM25 weights from the whole index's statistics, as tantivy's term queries compute them.
    fn bm25_weights(&self, searcher: &Searcher) -> tantivy::Result<Vec<Vec<Bm25Weight>>> {
        self.clauses
            .iter()
            .map(|terms| {
                terms
                    .iter()
                    .map(|(term, boost)| {
                        let weight = Bm25Weight::for_terms(searcher, std::slice::from_ref(term))?;
                        Ok(weight.boost_by(*boost))
                    })
                    .collect()
            })
            .collect()
    }
}

/// The leaves of each required clause: a clause is either one leaf or a union (`Should` only)
/// of leaves. `None` when the query is not a pure intersection of such clauses.
fn clause_leaves(query: &dyn Query) -> Option<Vec<Vec<&dyn Query>>> {
    let top = query.downcast_ref::<BooleanQuery>()?;
    if top.clauses().len() < 2 {
        return None;
    }
    top.clauses()
        .iter()
        .map(|(occur, clause)| {
            if *occur != Occur::Must {
                return None;
            }
            match clause.downcast_ref::<BooleanQuery>() {
                Some(union) => union_leaves(union),
                None => Some(vec![&**clause]),
            }
        })
        .collect()
}

fn union_leaves(union: &BooleanQuery) -> Option<Vec<&dyn Query>> {
    let all_should = union
        .clauses()
        .iter()
        .all(|(occur, _)| *occur == Occur::Should);
    (all_should && union.get_minimum_number_should_match() <= 1)
        .then(|| union.clauses().iter().map(|(_, leaf)| &**leaf).collect())
}

/// The term of a term query, boosted or not; `None` for anything else. A phrase reports its
/// terms as needing positions, and anything else reports none or several.
fn single_term(leaf: &dyn Query) -> Option<&Term> {
    if !(leaf.is::<TermQuery>() || leaf.is::<BoostQuery>()) {
        return None;
    }
    let mut terms = Vec::new();
    leaf.query_terms(&mut |term, needs_positions| terms.push((term, needs_positions)));
    match terms.as_slice() {
        [(term, false)] => Some(*term),
        _ => None,
    }
}

struct PrunedConjunctionWeight {
    /// The wrapped query's own weight: it matches, scores one by one, and explains.
    inner: Box<dyn Weight>,
    terms: Vec<Vec<Term>>,
    /// Each term's BM25 weight, parallel to `terms`; `None` when scoring is off.
    scoring: Option<Vec<Vec<Bm25Weight>>>,
}

impl PrunedConjunctionWeight {
    /// Each clause's cursors over this segment's postings; a term the segment lacks has none.
    fn open_clauses(
        &self,
        reader: &SegmentReader,
        weights: &[Vec<Bm25Weight>],
    ) -> tantivy::Result<Vec<Clause>> {
        let mut clauses = Vec::with_capacity(self.terms.len());
        for (terms, weights) in self.terms.iter().zip(weights) {
            let mut cursors = Vec::with_capacity(terms.len());
            for (term, weight) in terms.iter().zip(weights) {
                let postings = reader
                    .inverted_index(term.field())?
                    .read_block_postings(term, IndexRecordOption::WithFreqs)?;
                if let Some(postings) = postings {
                    let fieldnorms = reader.get_fieldnorms_reader(term.field())?;
                    cursors.push(TermCursor::new(postings, fieldnorms, weight.clone()));
                }
            }
            clauses.push(Clause { terms: cursors });
        }
        Ok(clauses)
    }

    /// Counts by marking each clause's documents in a bitmap and intersecting the bitmaps:
    /// every posting is decoded once and nothing is sought. Worth it only when each clause
    /// holds a fair share of the segment; a rare word is better served by tantivy's seeking
    /// intersection, which skips the common word's blocks.
    fn count_with_bitmaps(&self, reader: &SegmentReader) -> tantivy::Result<Option<u32>> {
        let words = (reader.max_doc() as usize).div_ceil(64);
        let mut clauses = Vec::with_capacity(self.terms.len());
        for terms in &self.terms {
            let mut postings = Vec::with_capacity(terms.len());
            for term in terms {
                let inverted_index = reader.inverted_index(term.field())?;
                postings
                    .extend(inverted_index.read_block_postings(term, IndexRecordOption::Basic)?);
            }
            let size: u32 = postings.iter().map(BlockSegmentPostings::doc_freq).sum();
            if (size as usize) < words {
                return Ok(None);
            }
            clauses.push(postings);
        }
        let mut matches = vec![u64::MAX; words];
        for postings in clauses {
            let mut clause = vec![0u64; words];
            for term in postings {
                mark_postings(term, &mut clause);
            }
            matches.iter_mut().zip(&clause).for_each(|(a, b)| *a &= b);
        }
        let count = match reader.alive_bitset() {
            None => matches.iter().map(|word| word.count_ones() as usize).sum(),
            Some(alive) => set_bits(&matches)
                .filter(|&doc| alive.is_alive(doc))
                .count(),
        };
        Ok(Some(count as u32))
    }
}

fn mark_postings(mut postings: BlockSegmentPostings, bitmap: &mut [u64]) {
    loop {
        let docs = postings.docs();
        if docs.is_empty() {
            return;
        }
        for &doc in docs {
            bitmap[doc as usize / 64] |= 1 << (doc % 64);
        }
        postings.advance();
    }
}

/// The documents marked in `bitmap`. Its last word's unused high bits stay clear, since every
/// clause marks only real documents.
fn set_bits(bitmap: &[u64]) -> impl Iterator<Item = DocId> + '_ {
    bitmap.iter().enumerate().flat_map(|(index, &word)| {
        let mut rest = word;
        std::iter::from_fn(move || {
            (rest != 0).then(|| {
                let bit = rest.trailing_zeros();
                rest &= rest - 1;
                (index * 64) as DocId + bit
            })
        })
    })
}

impl Weight for PrunedConjunctionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.inner.scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.inner.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        match self.count_with_bitmaps(reader)? {
            Some(count) => Ok(count),
            None => self.inner.count(reader),
        }
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let Some(weights) = &self.scoring else {
            return self.inner.for_each_pruning(threshold, reader, callback);
        };
        let mut clauses = self.open_clauses(reader, weights)?;
        rank_intersection(&mut clauses, threshold, callback);
        Ok(())
    }
}

/// A position in one term's postings, decoded a block of 128 documents at a time.
struct TermCursor {
    postings: BlockSegmentPostings,
    /// Index in the loaded block of the current document.
    at: usize,
    fieldnorms: FieldNormReader,
    weight: Bm25Weight,
}

impl TermCursor {
    fn new(
        postings: BlockSegmentPostings,
        fieldnorms: FieldNormReader,
        weight: Bm25Weight,
    ) -> Self {
        let mut cursor = TermCursor {
            postings,
            at: 0,
            fieldnorms,
            weight,
        };
        cursor.at = cursor.postings.seek(0);
        cursor
    }

    fn doc(&self) -> DocId {
        self.postings
            .docs()
            .get(self.at)
            .copied()
            .unwrap_or(TERMINATED)
    }

    fn seek(&mut self, target: DocId) {
        let docs = self.postings.docs();
        match docs.last() {
            Some(&last) if target <= last => {
                self.at += docs[self.at..].partition_point(|&doc| doc < target);
            }
            _ => self.at = self.postings.seek(target),
        }
    }

    fn score(&self) -> Score {
        let doc = self.doc();
        let freq = self.postings.freq(self.at);
        self.weight.score(self.fieldnorms.fieldnorm_id(doc), freq)
    }
}

/// One word's terms (one per field it occurs in), matched as a union.
struct Clause {
    terms: Vec<TermCursor>,
}

impl Clause {
    fn doc(&self) -> DocId {
        self.terms
            .iter()
            .map(TermCursor::doc)
            .min()
            .unwrap_or(TERMINATED)
    }

    /// Moves every term to its first document at or after `target`; the clause's next match.
    fn seek(&mut self, target: DocId) -> DocId {
        for term in &mut self.terms {
            if term.doc() < target {
                term.seek(target);
            }
        }
        self.doc()
    }

    /// The score of `doc`, which the clause is positioned on.
    fn score(&self, doc: DocId) -> Score {
        self.terms
            .iter()
            .filter(|term| term.doc() == doc)
            .map(TermCursor::score)
            .sum()
    }
}

/// Where one term sits among all the clauses, with the most it can add to a score.
#[derive(Clone, Copy)]
struct TermRef {
    clause: usize,
    term: usize,
    max_score: Score,
}

/// Terms ordered by their best score, and how much the weakest of them add up to: a document
/// matching none of the terms after position `i` scores at most `weakest_total[i]`.
struct MaxScores {
    terms: Vec<TermRef>,
    weakest_total: Vec<Score>,
}

impl MaxScores {
    fn new(clauses: &[Clause]) -> MaxScores {
        let mut terms: Vec<TermRef> = clauses
            .iter()
            .enumerate()
            .flat_map(|(clause, c)| {
                c.terms.iter().enumerate().map(move |(term, t)| TermRef {
                    clause,
                    term,
                    max_score: t.weight.max_score(),
                })
            })
            .collect();
        terms.sort_by(|a, b| a.max_score.total_cmp(&b.max_score));
        let mut weakest_total = Vec::with_capacity(terms.len() + 1);
        let mut total = 0.0;
        weakest_total.push(total);
        for term in &terms {
            total += term.max_score;
            weakest_total.push(total);
        }
        MaxScores {
            terms,
            weakest_total,
        }
    }

    /// The first essential term: the weaker ones together cannot lift a document above
    /// `threshold`, so a document worth scoring contains at least one essential term.
    fn first_essential(&self, threshold: Score) -> usize {
        self.weakest_total
            .iter()
            .rposition(|&total| total <= threshold)
            .unwrap_or(0)
            .min(self.terms.len() - 1)
    }
}

/// Calls `callback` with every match that scores above the threshold the callback keeps
/// raising (MaxScore): candidates come only from the essential terms, and a candidate whose
/// essential score plus the weaker terms' maxima cannot beat the threshold is passed over
/// before the other words are even looked up. For `oil prices` the title terms soon become
/// the only essential ones, and a few thousand candidates replace 145,000 matches.
fn rank_intersection(
    clauses: &mut [Clause],
    mut threshold: Score,
    callback: &mut dyn FnMut(DocId, Score) -> Score,
) {
    if clauses.is_empty() || clauses.iter().any(|clause| clause.terms.is_empty()) {
        return;
    }
    let max_scores = MaxScores::new(clauses);
    let best_possible = *max_scores
        .weakest_total
        .last()
        .expect("one entry per term and more");
    let mut essential = max_scores.first_essential(threshold);
    let mut target = 0;
    loop {
        let doc = next_candidate(clauses, &max_scores.terms[essential..], target);
        if doc == TERMINATED {
            return;
        }
        let essential_score: Score = max_scores.terms[essential..]
            .iter()
            .map(|r| &clauses[r.clause].terms[r.term])
            .filter(|term| term.doc() == doc)
            .map(TermCursor::score)
            .sum();
        if essential_score + max_scores.weakest_total[essential] <= threshold {
            target = doc + 1;
            continue;
        }
        match score_if_all_match(clauses, doc) {
            Ok(score) => {
                if score > threshold {
                    threshold = callback(doc, score);
                    if best_possible <= threshold {
                        return;
                    }
                    essential = max_scores.first_essential(threshold);
                }
                target = doc + 1;
            }
            Err(next_possible) => target = next_possible,
        }
    }
}

/// The first document at or after `target` that holds one of `essential`.
fn next_candidate(clauses: &mut [Clause], essential: &[TermRef], target: DocId) -> DocId {
    let mut doc = TERMINATED;
    for r in essential {
        let term = &mut clauses[r.clause].terms[r.term];
        if term.doc() < target {
            term.seek(target);
        }
        doc = doc.min(term.doc());
    }
    doc
}

/// The full score of `doc` when every clause matches it; otherwise the first document that
/// the failing clause could match, below which no document is in the intersection.
fn score_if_all_match(clauses: &mut [Clause], doc: DocId) -> Result<Score, DocId> {
    let mut score = 0.0;
    for clause in clauses.iter_mut() {
        let next = clause.seek(doc);
        if next != doc {
            return Err(next);
        }
        score += clause.score(doc);
    }
    Ok(score)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::QueryParser;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, Index, IndexWriter};

    /// Six thousand documents in three fields and several segments, bodies of very different
    /// lengths drawn with a Zipf-like skew and short titles drawn evenly: common words match
    /// most documents but few titles, the shape that lets pruning pass over most matches.
    fn sample_index() -> (Index, Vec<tantivy::schema::Field>) {
        let mut builder = Schema::builder();
        let fields = vec![
            builder.add_text_field("title", TEXT),
            builder.add_text_field("byline", TEXT),
            builder.add_text_field("body", TEXT),
        ];
        let index = Index::create_in_ram(builder.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |below: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % below
        };
        for n in 0..6_000 {
            let body_len = 3 + next(if n % 7 == 0 { 20 } else { 400 });
            let mut text = |len: u64| {
                (0..len)
                    .map(|_| {
                        // Log-uniform ranks: w0 is in most documents, w200 in few.
                        let rank = (300f64.powf(next(1_000) as f64 / 1_000.0) - 1.0) as u64;
                        format!("w{rank}")
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let (byline, body) = (text(1), text(body_len));
            // Titles draw evenly from the vocabulary, so a common body word is rare in titles
            // and a title match outweighs any body score, as in news.
            let title = (0..4)
                .map(|_| format!("w{}", next(300)))
                .collect::<Vec<_>>()
                .join(" ");
            writer
                .add_document(doc!(fields[0] => title, fields[1] => byline, fields[2] => body))
                .unwrap();
            if n % 2_000 == 1_999 {
                writer.commit().unwrap();
            }
        }
        // Deleted documents are still in the postings: counting and ranking must skip them.
        writer.delete_term(Term::from_field_text(fields[1], "w1"));
        writer.commit().unwrap();
        (index, fields)
    }

    #[test]
    fn pruned_ranking_finds_the_same_page_as_scoring_every_match() {
        let (index, fields) = sample_index();
        let searcher = index.reader().unwrap().searcher();
        assert!(searcher.segment_readers().len() > 1);
        assert!(searcher.num_docs() < 5_800, "some documents are deleted");
        let mut parser = QueryParser::for_index(&index, fields.clone());
        parser.set_conjunction_by_default();
        let boosts = [(fields[0], 2.0), (fields[1], 0.5)];
        for (field, boost) in boosts {
            parser.set_field_boost(field, boost);
        }
        for text in [
            "w0 w1",
            "w1 w3 w2",
            "w0 w7",
            "w4 w0 w2 w9",
            "w5 w30",
            "w0 \"w1 w2\"",
        ] {
            let query = parser.parse_query(text).unwrap();
            for limit in [1, 10, 50] {
                let top = TopDocs::with_limit(limit).order_by_score();
                let plain = searcher.search(&query, &top).unwrap();
                let Some(pruned) = PrunedConjunction::new(query.box_clone(), &boosts) else {
                    assert!(text.contains('"'), "{text} should be recognised");
                    continue;
                };
                let fast = searcher.search(&pruned, &top).unwrap();
                assert_eq!(plain.len(), fast.len(), "{text} top {limit}");
                for ((a, _), (b, _)) in plain.iter().zip(&fast) {
                    assert!((a - b).abs() <= 1e-4 * a.abs(), "{text}: {a} vs {b}");
                }
                let distinct = |page: &[(f32, tantivy::DocAddress)]| {
                    page.iter()
                        .filter(|(s, _)| {
                            page.iter().filter(|(t, _)| (s - t).abs() < 1e-3).count() == 1
                        })
                        .map(|(_, a)| *a)
                        .collect::<Vec<_>>()
                };
                assert_eq!(distinct(&plain), distinct(&fast), "{text} top {limit}");
                assert_eq!(
                    query.count(&searcher).unwrap(),
                    pruned.count(&searcher).unwrap()
                );
            }
        }
    }

    #[test]
    fn essential_terms_are_those_the_weaker_ones_cannot_replace() {
        let term = |max_score| TermRef {
            clause: 0,
            term: 0,
            max_score,
        };
        let max_scores = MaxScores {
            terms: vec![term(1.0), term(2.0), term(4.0)],
            weakest_total: vec![0.0, 1.0, 3.0, 7.0],
        };
        assert_eq!(max_scores.first_essential(Score::MIN), 0);
        assert_eq!(max_scores.first_essential(0.5), 0);
        assert_eq!(max_scores.first_essential(1.0), 1);
        assert_eq!(max_scores.first_essential(2.9), 1);
        assert_eq!(max_scores.first_essential(3.0), 2);
        assert_eq!(max_scores.first_essential(6.9), 2);
    }

    #[test]
    fn only_intersections_of_term_unions_are_recognised() {
        let (index, fields) = sample_index();
        let parser = QueryParser::for_index(&index, fields);
        let shape = |text: &str| {
            PrunedConjunction::new(parser.parse_query(text).unwrap(), &[]).map(|q| q.clauses.len())
        };
        assert_eq!(shape("+w0 +w1"), Some(2));
        assert_eq!(shape("+w0 +w1 +w2"), Some(3));
        assert_eq!(shape("w0"), None);
        assert_eq!(
            shape("w0 w1"),
            None,
            "a union of words is not an intersection"
        );
        assert_eq!(shape("+w0 -w1"), None);
        assert_eq!(shape("+w0 +\"w1 w2\""), None, "a phrase is not a term");
    }
}
