//! Measures entity extraction against gold annotations: document-level precision, recall and
//! F1 per entity type on Reuters-21578, whose stories carry PLACES, PEOPLE and ORGS tags drawn
//! from closed vocabularies. Each story of the chosen LEWISSPLIT is enriched with its tags
//! hidden, so only the title, dateline and body speak; gold codes and extracted names are both
//! turned into canonical facet values. Because Reuters tags only entities of its vocabularies
//! (175 places, mostly countries; 267 people; 56 organisations), extracted values outside a
//! vocabulary are not counted either way. Also times the enrichment, for throughput. And
//! mention-level scores on GUM's news and interview documents ([`gum`]), a development set.

use std::collections::HashSet;
use std::path::Path;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::article::RawArticle;
use crate::enrich::entities::EntityKind;
use crate::enrich::gazetteer::gazetteer;
use crate::enrich::{enrich, facet_key, lexicon, EnrichOptions, Origin};
use crate::formats::reuters;
use crate::schema::Facet;
use crate::{Error, Result};

/// Precision, recall and F1 for one entity type, from document-level counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Score {
    fn add(&mut self, gold: &HashSet<String>, found: &HashSet<String>) {
        let hits = gold.intersection(found).count();
        self.true_positives += hits;
        self.false_positives += found.len() - hits;
        self.false_negatives += gold.len() - hits;
    }

    fn finish(&mut self) {
        let ratio = |part: usize, whole: usize| {
            if whole == 0 {
                0.0
            } else {
                part as f64 / whole as f64
            }
        };
        self.precision = ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        );
        self.recall = ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        );
        self.f1 = if self.precision + self.recall == 0.0 {
            0.0
        } else {
            2.0 * self.precision * self.recall / (self.precision + self.recall)
        };
    }
}

/// The result of one evaluation run.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Evaluation {
    /// The LEWISSPLIT evaluated (`TRAIN` or `TEST`).
    pub split: String,
    pub documents: usize,
    pub places: Score,
    pub people: Score,
    pub orgs: Score,
    /// Bytes of title, dateline and body enriched.
    pub text_bytes: usize,
    /// Time spent enriching (one thread), extraction included.
    pub enrich_seconds: f64,
    /// `text_bytes / enrich_seconds`, in MB (10^6 bytes) per second on one core.
    pub mb_per_second: f64,
    /// Building the name tables, once per process (not part of `enrich_seconds`).
    pub lexicon_load_seconds: f64,
}

/// Evaluates extraction on the Reuters-21578 stories of one LEWISSPLIT (`TRAIN` or `TEST`) in
/// `dir`. `inspect` sees each story's gold and found values (for error analysis).
pub fn reuters(
    dir: &Path,
    split: &str,
    inspect: &mut dyn FnMut(&RawArticle, &Judged),
) -> Result<Evaluation> {
    // Timed before anything else builds the tables (mapping the gold codes does).
    let started = Instant::now();
    lexicon::lexicon();
    let mut evaluation = Evaluation {
        split: split.to_string(),
        lexicon_load_seconds: started.elapsed().as_secs_f64(),
        ..Evaluation::default()
    };
    let vocabularies = Vocabularies::read(dir)?;
    let mut enrich_time = Duration::ZERO;
    for path in reuters_files(dir)? {
        let text = std::fs::read(&path).map_err(|e| Error::io(path.display().to_string(), e))?;
        let text = String::from_utf8_lossy(&text);
        let splits = lewis_splits(&text);
        for raw in reuters::parse(&text).articles {
            let id = raw.local_id.clone().unwrap_or_default();
            if splits.get(&id).map(String::as_str) != Some(split) {
                continue;
            }
            let mut hidden = raw.clone();
            hidden.places.clear();
            hidden.people.clear();
            hidden.orgs.clear();
            evaluation.text_bytes += hidden.title.len()
                + hidden.body.len()
                + hidden.dateline.as_ref().map_or(0, String::len);
            let origin = Origin {
                id,
                path: "",
                default_source: None,
            };
            let started = Instant::now();
            let (article, _) = enrich(hidden, origin, EnrichOptions::default());
            enrich_time += started.elapsed();

            let judged = Judged {
                places: vocabularies.judge(Facet::Places, &raw.places, &article.places),
                people: vocabularies.judge(Facet::People, &raw.people, &article.people),
                orgs: vocabularies.judge(Facet::Orgs, &raw.orgs, &article.orgs),
            };
            evaluation.places.add(&judged.places.0, &judged.places.1);
            evaluation.people.add(&judged.people.0, &judged.people.1);
            evaluation.orgs.add(&judged.orgs.0, &judged.orgs.1);
            evaluation.documents += 1;
            inspect(&raw, &judged);
        }
    }
    for score in [
        &mut evaluation.places,
        &mut evaluation.people,
        &mut evaluation.orgs,
    ] {
        score.finish();
    }
    evaluation.enrich_seconds = enrich_time.as_secs_f64();
    evaluation.mb_per_second = evaluation.text_bytes as f64 / 1e6 / evaluation.enrich_seconds;
    Ok(evaluation)
}

/// One story's (gold, found) canonical values per type, within the vocabularies.
#[derive(Debug, Clone, Default)]
pub struct Judged {
    pub places: (HashSet<String>, HashSet<String>),
    pub people: (HashSet<String>, HashSet<String>),
    pub orgs: (HashSet<String>, HashSet<String>),
}

/// Each vocabulary's codes as canonical facet values.
struct Vocabularies {
    places: HashSet<String>,
    people: HashSet<String>,
    orgs: HashSet<String>,
}

impl Vocabularies {
    fn read(dir: &Path) -> Result<Vocabularies> {
        let read = |name: &str, facet: Facet| -> Result<HashSet<String>> {
            let path = dir.join(name);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
            Ok(text
                .split_whitespace()
                .map(|code| canonical(facet, code))
                .collect())
        };
        Ok(Vocabularies {
            places: read("all-places-strings.lc.txt", Facet::Places)?,
            people: read("all-people-strings.lc.txt", Facet::People)?,
            orgs: read("all-orgs-strings.lc.txt", Facet::Orgs)?,
        })
    }

    fn judge(
        &self,
        facet: Facet,
        gold_codes: &[String],
        found: &[String],
    ) -> (HashSet<String>, HashSet<String>) {
        let vocabulary = match facet {
            Facet::Places => &self.places,
            Facet::People => &self.people,
            _ => &self.orgs,
        };
        let gold = gold_codes
            .iter()
            .map(|code| canonical(facet, code))
            .collect();
        let found = found
            .iter()
            .filter(|value| vocabulary.contains(*value))
            .cloned()
            .collect();
        (gold, found)
    }
}

/// A Reuters code as the facet value its canonical name gets.
fn canonical(facet: Facet, code: &str) -> String {
    let name = match facet {
        Facet::Places => gazetteer().place(code).map(|p| p.canonical),
        Facet::People => lexicon::lexicon().person_name(code),
        _ => lexicon::lexicon().org_name(code),
    };
    facet_key(name.unwrap_or(code))
}

fn reuters_files(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Error::io(format!("cannot read {}", dir.display()), e))?;
    let mut files: Vec<_> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "sgm"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Error::Argument {
            what: "Reuters folder",
            message: format!("{}: no .sgm files here", dir.display()),
        });
    }
    Ok(files)
}

/// Each document's LEWISSPLIT, by the id the Reuters reader gives it (`reuters-<NEWID>`).
fn lewis_splits(text: &str) -> std::collections::HashMap<String, String> {
    let attribute = |tag: &str, name: &str| -> Option<String> {
        let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
        let end = start + tag[start..].find('"')?;
        Some(tag[start..end].to_string())
    };
    text.match_indices("<REUTERS ")
        .filter_map(|(at, _)| {
            let tag = &text[at..at + text[at..].find('>')?];
            Some((
                format!("reuters-{}", attribute(tag, "NEWID")?),
                attribute(tag, "LEWISSPLIT")?,
            ))
        })
        .collect()
}

/// Mention-level scores on GUM (`gum-news`): each gold mention of a person, place or
/// organisation that has a Wikipedia identity and names it (not "he", "the company"), against
/// every mention the extractor finds.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct MentionEvaluation {
    pub documents: usize,
    pub places: Score,
    pub people: Score,
    pub orgs: Score,
}

/// Scores extraction on the GUM WebAnno TSV files under `dir/coref/gum/tsv`. The text of each
/// document is rebuilt from its tokens (sentences as paragraphs) and read as one body. A found
/// mention is right when it overlaps a gold named mention of its type (each gold mention counts
/// once); one that overlaps only a mention without a Wikipedia identity ("biologist Nick Bos")
/// is not counted either way; anything else is a false alarm.
pub fn gum(dir: &Path) -> Result<MentionEvaluation> {
    let folder = dir.join("coref/gum/tsv");
    let entries = std::fs::read_dir(&folder)
        .map_err(|e| Error::io(format!("cannot read {}", folder.display()), e))?;
    let mut files: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    let mut evaluation = MentionEvaluation::default();
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
    {
        let tsv = std::fs::read_to_string(path)
            .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
        let document = GumDocument::parse(&tsv);
        let found = crate::enrich::entities::extract(crate::enrich::entities::ArticleText {
            body: &document.text,
            ..Default::default()
        });
        for (kind, score) in [
            (EntityKind::Place, &mut evaluation.places),
            (EntityKind::Person, &mut evaluation.people),
            (EntityKind::Org, &mut evaluation.orgs),
        ] {
            let spans: Vec<(usize, usize)> = found
                .iter()
                .filter(|e| e.kind == kind)
                .map(|e| (e.start, e.end))
                .collect();
            score_mentions(score, &document.mentions, kind, &spans);
        }
        evaluation.documents += 1;
    }
    for score in [
        &mut evaluation.places,
        &mut evaluation.people,
        &mut evaluation.orgs,
    ] {
        score.finish();
    }
    Ok(evaluation)
}

/// A gold mention: its type, byte span in the rebuilt text, and whether it has an identity.
struct GoldMention {
    kind: EntityKind,
    start: usize,
    end: usize,
    named: bool,
}

struct GumDocument {
    text: String,
    mentions: Vec<GoldMention>,
}

impl GumDocument {
    fn parse(tsv: &str) -> GumDocument {
        let mut text = String::new();
        // Mention id -> (kind, start, end, named)
        let mut spans: std::collections::BTreeMap<String, (EntityKind, usize, usize, bool)> =
            std::collections::BTreeMap::new();
        let mut new_sentence = false;
        for line in tsv.lines() {
            if line.starts_with("#Text=") {
                new_sentence = true;
                continue;
            }
            let columns: Vec<&str> = line.split('\t').collect();
            if line.starts_with('#') || columns.len() < 7 {
                continue;
            }
            if !text.is_empty() {
                text.push_str(if new_sentence { "\n\n" } else { " " });
            }
            new_sentence = false;
            let start = text.len();
            text.push_str(columns[2]);
            let end = text.len();
            let identities: Vec<&str> = columns[6].split('|').collect();
            for value in columns[3].split('|') {
                let (kind_name, id) = match value.split_once('[') {
                    Some((kind, id)) => (kind, id.trim_end_matches(']').to_string()),
                    None => (value, format!("token-{}", columns[0])),
                };
                let kind = match kind_name {
                    "person" => EntityKind::Person,
                    "place" => EntityKind::Place,
                    "organization" => EntityKind::Org,
                    _ => continue,
                };
                // Identities name their mention's id ("Helsinki[18]"); a one-token mention
                // without an id has an identity without one.
                let bracketed = value.contains('[');
                let named = identities.iter().any(|identity| {
                    if bracketed {
                        identity.ends_with(&format!("[{id}]"))
                    } else {
                        *identity != "_" && !identity.contains('[')
                    }
                });
                let span = spans.entry(id).or_insert((kind, start, end, named));
                span.2 = end;
                span.3 |= named;
            }
        }
        let mentions = spans
            .into_values()
            .map(|(kind, start, end, identified)| GoldMention {
                kind,
                start,
                end,
                named: identified && has_a_name(&text[start..end]),
            })
            .collect();
        GumDocument { text, mentions }
    }
}

/// Whether a mention names its entity ("Nick Bos", "the University of Helsinki") rather than
/// referring back to it ("he", "the company"): GUM gives both the entity's identity.
fn has_a_name(mention: &str) -> bool {
    const NOT_NAMES: &[&str] = &[
        "He", "She", "It", "They", "His", "Her", "Hers", "Its", "Their", "Them", "Him", "We",
        "Our", "Us", "I", "My", "Me", "You", "Your", "This", "That", "These", "Those", "The", "A",
        "An", "Who", "Which",
    ];
    mention.split_whitespace().any(|word| {
        word.chars().next().is_some_and(char::is_uppercase) && !NOT_NAMES.contains(&word)
    })
}

fn score_mentions(
    score: &mut Score,
    gold: &[GoldMention],
    kind: EntityKind,
    found: &[(usize, usize)],
) {
    let overlaps = |m: &GoldMention, (start, end): (usize, usize)| m.start < end && start < m.end;
    let named: Vec<&GoldMention> = gold.iter().filter(|m| m.kind == kind && m.named).collect();
    let mut matched = vec![false; named.len()];
    for &span in found {
        if let Some(i) = (0..named.len()).find(|&i| !matched[i] && overlaps(named[i], span)) {
            matched[i] = true;
            score.true_positives += 1;
        } else if named.iter().any(|m| overlaps(m, span))
            || gold
                .iter()
                .any(|m| m.kind == kind && !m.named && overlaps(m, span))
        {
            // A second mention inside one already matched, or a mention without an identity.
        } else {
            score.false_positives += 1;
        }
    }
    score.false_negatives += matched.iter().filter(|m| !**m).count();
}
