//! English stemming for the `en_stem` fields, remembering each word's stem. News repeats its
//! vocabulary (`said`, `prices`, `company`), and a profile of indexing Reuters put about a
//! seventh of the CPU in the Snowball stemmer, most of it stemming words already stemmed.
//! [`CachedEnglishStemmer`] gives exactly the stems tantivy's `Stemmer::new(English)` gives
//! (the same algorithm from the same crate), each analyzer copy keeping its own table, so
//! indexing threads share nothing.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use crate::enrich::lexicon::FastMap;

/// Words remembered per analyzer copy; past this, new words are stemmed without being kept
/// (numbers and names would otherwise grow the table without end).
const REMEMBERED_WORDS: usize = 200_000;

type Stems = FastMap<String, String>;

/// A token filter stemming English words, as tantivy's `Stemmer` does, through a cache.
#[derive(Clone, Copy, Debug, Default)]
pub struct CachedEnglishStemmer;

impl TokenFilter for CachedEnglishStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            stems: Stems::default(),
        }
    }
}

#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    stems: Stems,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stems: &mut self.stems,
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
        }
    }
}

pub struct CachedStemmerStream<'a, S> {
    tail: S,
    stems: &'a mut Stems,
    stemmer: frostem::Stemmer,
}

impl<S: TokenStream> TokenStream for CachedStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.stems.get(&token.text) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let stem = self.stemmer.stem(&token.text).into_owned();
        if self.stems.len() < REMEMBERED_WORDS {
            self.stems
                .insert(std::mem::take(&mut token.text), stem.clone());
        }
        token.text = stem;
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{
        Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    };

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.position));
        }
        out
    }

    #[test]
    fn stems_are_tantivys_whether_remembered_or_not() {
        let mut ours = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(CachedEnglishStemmer)
            .build();
        let mut theirs = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        let text = "Oil prices rose as traders said the company's running costs were rising; \
                    prices, PRICES and priced: the generously generous generalisation";
        // Twice through the same analyzer: the second pass answers from the table.
        for _ in 0..2 {
            assert_eq!(tokens(&mut ours, text), tokens(&mut theirs, text));
        }
        assert_eq!(tokens(&mut ours, "prices")[0].0, "price");
    }
}
