//! newsindex: index folders of news articles and search them.
//!
//! The pipeline runs one way: [`formats`] read files into raw articles, [`enrich`] turns them
//! into [`Article`]s (dates, datelines, facet values), [`schema`] maps articles to the index,
//! and the [`indexer`] writes them. Searching goes [`SearchRequest`] → [`search`] →
//! [`SearchResults`]. [`Archive`] ties these together and is all most embedders need:
//!
//! ```no_run
//! use newsindex::{Archive, IndexOptions, SearchRequest};
//!
//! let mut archive = Archive::create("/tmp/news-index")?;
//! let summary = archive.index(&["sample-corpus".into()], &IndexOptions::default(), &mut |_| {})?;
//! println!("{} articles added", summary.articles_added);
//!
//! let mut request = SearchRequest::new("oil prices");
//! request.places = vec!["japan".into()];
//! for hit in archive.search(&request)?.hits {
//!     println!("{} {}", hit.id, hit.title);
//! }
//! # Ok::<(), newsindex::Error>(())
//! ```
//!
//! The command-line tool lives behind the default `cli` feature; with
//! `default-features = false` the library builds without clap or terminal code.

pub mod archive;
pub mod article;
pub mod bench;
pub mod conjunction;
pub mod enrich;
pub mod error;
pub mod evaluate;
pub mod extract;
pub mod facets;
pub mod formats;
pub mod indexer;
pub mod query;
pub mod schema;
pub mod search;
pub mod stemming;

pub use archive::Archive;
pub use article::{Article, RawArticle};
pub use enrich::date::{calendar_range, parse_date};
pub use enrich::facet_key;
pub use error::{Error, Result};
pub use indexer::{FileMessage, IndexOptions, IndexProgress, IndexSummary};
pub use schema::Facet;
pub use search::{FacetCount, Hit, SearchRequest, SearchResults, Sort, Stats};
