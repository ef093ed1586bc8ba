//! What the indexer would store for each article of one file or text, with every entity mention
//! that put a value into the people, places and organisations facets: the `extract` command,
//! and the way to see why a facet value appeared. Reads with [`formats`](crate::formats) and
//! enriches with [`enrich`](crate::enrich) exactly as indexing does; writes nothing.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::enrich::entities::Entity;
use crate::enrich::{enrich_with_entities, EnrichOptions, Origin};
use crate::formats::{self, Format, Problem};
use crate::{Error, Result};

/// One article as it would be indexed, and the mentions found in it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Extracted {
    #[serde(flatten)]
    pub article: Article,
    pub entities: Vec<Entity>,
}

/// Everything read from one input.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Extraction {
    pub articles: Vec<Extracted>,
    /// Records that could not be read or were read with a caveat, and fields left empty.
    pub problems: Vec<Problem>,
}

/// Reads `bytes` as `format` (a plain-text article when the input has no file name, as stdin),
/// naming articles after `name`.
pub fn extract(name: &str, format: Format, bytes: &[u8]) -> Result<Extraction> {
    let parsed = formats::read(format, bytes).map_err(|reason| Error::Argument {
        what: "input",
        message: format!("{name}: {reason}"),
    })?;
    let mut extraction = Extraction {
        problems: parsed.problems,
        ..Extraction::default()
    };
    for raw in parsed.articles {
        let position = raw.position;
        let id = raw
            .local_id
            .clone()
            .unwrap_or_else(|| format!("{name}#{position}"));
        let origin = Origin {
            id,
            path: name,
            default_source: None,
        };
        let (article, entities, warnings) =
            enrich_with_entities(raw, origin, EnrichOptions::default());
        extraction.problems.extend(
            warnings
                .into_iter()
                .map(|warning| Problem::warning(position, warning)),
        );
        extraction.articles.push(Extracted { article, entities });
    }
    Ok(extraction)
}

/// Reads a file in the format its name says (plain text when the name says nothing).
pub fn extract_file(path: &Path) -> Result<Extraction> {
    let bytes = std::fs::read(path)
        .map_err(|source| Error::io(format!("cannot read {}", path.display()), source))?;
    let format = Format::from_path(path).unwrap_or(Format::Text);
    extract(&path.display().to_string(), format, &bytes)
}
