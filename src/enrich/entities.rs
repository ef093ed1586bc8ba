//! People, places and organisations found in an article's own text, by gazetteer and rules.
//!
//! Runs of capitalised words (joined by "of", "de", "and" and the like) are the candidates. A run
//! is read left to right: an organisation ending in a word such as "Corp", "Bank" or "Ministry"
//! is taken whole; otherwise the longest stretch the tables know (a place, a person, an
//! organisation) is taken; a title ("Treasury Secretary", "Mr") or a role noun ("actor") makes
//! the words after it a person; a Census first name followed by capitalised words is a person;
//! a name ending in a word for a venue or event ("Space Center") is none of these. Words at the
//! start of a sentence and text written in capitals carry no case information, so there only
//! what the tables know counts, and single-word cities need backing from elsewhere.
//! Finally each article is read as a whole: "Baker" after "James Baker" is him; "Putin" after
//! "Vladimir Putin" is him; a city named only at a sentence start counts if named elsewhere; an
//! acronym defined in brackets after an organisation ("(APEA)"), or made of the initials of one
//! named in full ("USI" after "University of Southern Indiana"), is that organisation.

use std::cell::RefCell;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::gazetteer::{city_else_first, fold, fold_into, fold_onto, Place, PlaceKind};
use super::lexicon::{lexicon, FastSet, Lexicon, Org, NEWSWORTHY};
use super::tokens::{tokenize, Token};

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Place,
    Org,
}

/// The text fields entities are found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TextField {
    Title,
    Dateline,
    Body,
}

/// One mention of an entity in one field of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// The mention as written.
    pub text: String,
    /// The one name every mention of this entity gets (its facet value).
    pub canonical: String,
    /// The field the offsets point into.
    pub field: TextField,
    /// Byte offsets of the mention in that field.
    pub start: usize,
    pub end: usize,
    /// For a place: the country it lies in (a country's own name for a country).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// The text of an article to read, field by field.
#[derive(Debug, Clone, Copy, Default)]
pub struct ArticleText<'a> {
    pub title: &'a str,
    pub dateline: &'a str,
    pub body: &'a str,
}

/// Every entity mention in the article, in field order and then text order.
pub fn extract(text: ArticleText<'_>) -> Vec<Entity> {
    let mut candidates = Vec::new();
    let mut acronyms = Vec::new();
    for (field, source) in [
        (TextField::Title, text.title),
        (TextField::Dateline, text.dateline),
        (TextField::Body, text.body),
    ] {
        if source.trim().is_empty() {
            continue;
        }
        let first = candidates.len();
        read_field(field, source, &mut candidates);
        acronyms.extend(
            candidates[first..].iter().filter_map(|c| {
                acronym_defined_after(c, source).or_else(|| acronym_of_initials(c))
            }),
        );
    }
    read_defined_acronyms(&mut candidates, &acronyms);
    resolve_in_article(candidates)
}

/// The candidates of one field, in text order.
fn read_field(field: TextField, source: &str, out: &mut Vec<Candidate>) {
    let tokens = tokenize(source);
    let reader = FieldReader {
        lexicon: lexicon(),
        field,
        source,
        known_at: RefCell::new(vec![0; tokens.len()]),
        known: RefCell::new(Vec::new()),
        key: RefCell::new(String::new()),
        tokens,
        capitals: is_written_in_capitals(source),
    };
    let first = out.len();
    reader.read(out);
    if field == TextField::Dateline {
        // "TOKYO (Reuters) -": the agency's credit is not what the story is about.
        let credit = |c: &Candidate| {
            c.entity.kind == EntityKind::Org && source[..c.entity.start].ends_with('(')
        };
        let read = out.split_off(first);
        out.extend(read.into_iter().filter(|c| !credit(c)));
    }
}

/// "Australian Petroleum Exploration Association (APEA)": an organisation followed by an
/// acronym in brackets that starts with its first letter defines the acronym for the article.
/// Returns (acronym, canonical name).
fn acronym_defined_after(candidate: &Candidate, source: &str) -> Option<(String, String)> {
    let entity = &candidate.entity;
    if entity.kind != EntityKind::Org || !entity.text.contains(' ') {
        return None;
    }
    let after = source[entity.end..].strip_prefix(" (")?;
    let acronym = &after[..after.find(')')?];
    let well_formed = (2..=8).contains(&acronym.len())
        && acronym
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b == b'&' || b == b'.')
        && acronym.as_bytes()[0] == entity.text.as_bytes()[0];
    well_formed.then(|| (acronym.to_string(), entity.canonical.clone()))
}

/// "University of Southern Indiana", then "USI": an organisation of three or more capitalised
/// words defines the acronym of their initials for the article, brackets or not.
fn acronym_of_initials(candidate: &Candidate) -> Option<(String, String)> {
    let entity = &candidate.entity;
    if entity.kind != EntityKind::Org || !entity.text.contains(' ') {
        return None;
    }
    let initials: String = entity
        .text
        .split([' ', '-'])
        .filter_map(|word| word.chars().next())
        .filter(char::is_ascii_uppercase)
        .collect();
    (initials.len() >= 3).then(|| (initials, entity.canonical.clone()))
}

/// Mentions of acronyms the article defined (unknown words until now) are the organisation.
fn read_defined_acronyms(candidates: &mut [Candidate], acronyms: &[(String, String)]) {
    if acronyms.is_empty() {
        return;
    }
    for candidate in candidates.iter_mut() {
        let entity = &mut candidate.entity;
        let unknown = candidate.support == Support::SurnameOnly;
        if let Some((_, canonical)) = acronyms.iter().find(|(a, _)| unknown && *a == entity.text) {
            entity.kind = EntityKind::Org;
            entity.canonical = canonical.clone();
            candidate.support = Support::Firm;
        }
    }
}

/// Words that end an organisation's name (besides its legal forms).
#[rustfmt::skip]
const ORG_ENDINGS: &[&str] = &[
    "Company", "Group", "Holdings", "Bank", "Bancorp", "Bancshares", "Association", "Party",
    "Council", "Ministry", "Commission", "Agency", "Board", "Union", "Exchange", "Institute",
    "University", "College", "Fund", "Reserve", "Organisation", "Organization", "Federation",
    "Committee", "Department", "Airlines", "Airways", "Motors", "Industries", "Securities", "Trust",
    "Partners", "Systems", "Technologies", "Communications", "Foundation", "Office", "Court",
    "Parliament", "Assembly", "Army", "Navy", "Police", "Club", "FC", "Authority", "Secretariat",
    "Community", "Society", "Laboratories", "Pharmaceuticals", "Chemicals", "Petroleum",
    "Insurance", "Financial", "Bureau", "Service", "Services", "Corps", "Times", "Journal",
    "Stores", "Railways", "Railroad", "Electric", "Steel", "Mining", "Resources", "Enterprises",
    "Investments", "Telecom", "Oil", "Church", "Press", "News", "Post", "Herald", "Gazette",
    "Tribune", "Telegraph", "Weekly", "Magazine", "Network", "Broadcasting", "Brotherhood",
];

/// Legal forms left out of an organisation's canonical name ("General Motors Corp").
#[rustfmt::skip]
const LEGAL_FORMS: &[&str] = &[
    "Corp", "Corporation", "Inc", "Incorporated", "Co", "Cos", "Ltd", "Limited", "Plc", "PLC",
    "LLC", "AG", "SA", "NV", "BV", "GmbH", "SpA",
];

/// Words that open an organisation's name when "of" or "for" follows ("Ministry of Finance").
#[rustfmt::skip]
const ORG_HEADS: &[&str] = &[
    "Bank", "Ministry", "University", "Department", "Institute", "Council", "Organisation",
    "Organization", "Association", "Federation", "Union", "Court", "Church", "Office", "Board",
    "Bureau", "Commission", "Committee", "Party", "Chamber", "League", "Academy", "Agency",
];

/// Words of a person's title or office; the capitalised words after them name the person.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Professor", "Sir", "Dame", "Lord", "Lady",
    "President", "Vice", "Prime", "Minister", "Secretary", "Chancellor", "Chairman", "Chairwoman",
    "Governor", "Gov", "Senator", "Sen", "Rep", "Representative", "Congressman", "Congresswoman",
    "Speaker", "Mayor", "King", "Queen", "Prince", "Princess", "Pope", "Sheikh", "Sheik", "Emir",
    "Ayatollah", "General", "Gen", "Colonel", "Col", "Admiral", "Judge", "Justice", "Ambassador",
    "Commissioner", "Director", "Deputy", "Under", "Assistant", "Finance", "Treasury", "Trade",
    "Foreign", "Economy", "Economics", "Energy", "Oil", "Agriculture", "Defence", "Defense",
    "Interior", "Labour", "Labor", "Attorney", "Spokesman", "Spokeswoman", "Premier", "Coach",
    "Manager", "Captain", "Rev", "Bishop", "Cardinal", "Archbishop", "Chief", "Executive",
    "Officer", "Treasurer", "Exchequer", "Budget", "Commerce", "Industry", "Petroleum", "Leader",
    "Striker", "Midfielder", "Defender", "Goalkeeper", "Actor", "Actress", "Singer", "Star",
    "Chairperson",
];

/// Lower-case words that may join capitalised words into one name ("Bank of England").
#[rustfmt::skip]
const CONNECTORS: &[&str] = &[
    "of", "for", "and", "&", "de", "du", "des", "la", "le", "van", "von", "der", "den", "da", "di",
    "del", "al", "bin", "on", "the",
];

/// Words for what someone is or does, written in lower case before a name ("actor Dennis
/// Hopper", "striker Romelu Lukaku"): like a title, they make the capitalised words after them a
/// person, first names from anywhere included. Also read in the plural ("photographers").
#[rustfmt::skip]
const ROLE_NOUNS: &[&str] = &[
    "actor", "actress", "singer", "rapper", "musician", "composer", "writer", "author", "novelist",
    "poet", "artist", "painter", "sculptor", "photographer", "designer", "architect", "director",
    "filmmaker", "producer", "presenter", "comedian", "dancer", "player", "striker", "midfielder",
    "defender", "goalkeeper", "coach", "manager", "captain", "champion", "swimmer", "athlete",
    "cyclist", "boxer", "mayor", "minister", "president", "premier", "chancellor", "senator",
    "governor", "congressman", "congresswoman", "councillor", "councilor", "lawmaker",
    "legislator", "politician", "candidate", "leader", "chairman", "chairwoman", "spokesman",
    "spokeswoman", "spokesperson", "secretary", "ambassador", "diplomat", "envoy", "commander",
    "colonel", "lieutenant", "sergeant", "professor", "scientist", "researcher", "mathematician",
    "physicist", "chemist", "biologist", "economist", "historian", "analyst", "lawyer", "attorney",
    "judge", "prosecutor", "detective", "inspector", "editor", "reporter", "journalist",
    "correspondent", "columnist", "publisher", "founder", "entrepreneur", "businessman",
    "businesswoman", "billionaire", "investor", "banker", "doctor", "surgeon", "nurse", "priest",
    "pastor", "rabbi", "imam", "bishop", "archbishop", "cardinal", "activist", "campaigner",
    "blogger", "survivor", "victim", "suspect", "teacher", "colleague", "wife", "husband", "son",
    "daughter", "brother", "sister", "father", "mother", "friend", "widow", "nephew", "niece",
    "cousin", "chef", "pilot", "astronaut", "explorer", "inventor", "philosopher", "psychologist",
];

/// Last words of the names of buildings, venues and events, which are not people ("Kennedy
/// Space Center", "Winter Paralympics") though they may start with a first name.
#[rustfmt::skip]
const FACILITIES: &[&str] = &[
    "Center", "Centre", "Museum", "Gallery", "Hotel", "Stadium", "Airport", "Hospital", "School",
    "District", "Avenue", "Square", "Olympics", "Paralympics", "Games", "Carnival", "Festival",
    "Cup", "Award", "Awards", "Prize", "Collection", "Collections", "Theatre", "Theater",
    "Library", "Station", "Islands", "County", "Championship", "Championships", "Trophy",
    "Tower", "Palace", "Cathedral", "Temple", "Mosque", "Memorial", "Prison", "Plaza", "Mall",
    "Zoo", "Arena",
];

/// Capitalised words that begin sentences and headlines but are never part of a name here.
#[rustfmt::skip]
const FUNCTION_WORDS: &[&str] = &[
    "The", "A", "An", "But", "And", "Or", "In", "On", "At", "For", "If", "When", "While", "As",
    "However", "Meanwhile", "Also", "It", "He", "She", "They", "We", "I", "You", "This", "That",
    "These", "Those", "After", "Before", "Since", "Under", "With", "From", "By", "To", "Of", "Its",
    "His", "Her", "Their", "Our", "Mrs", "Both", "All", "Some", "Any", "No", "Not", "There", "Here",
    "What", "Who", "Why", "How", "Where", "Yesterday", "Today", "Tomorrow", "Last", "Next",
    "Earlier", "Later", "Such", "Other", "Another", "Each", "Every", "Many", "Most", "Several",
    "According", "Despite", "Although", "Because", "Though", "Unlike", "Like", "Over", "Into",
    "Through", "During", "Without", "Against", "Among", "Between", "Once", "Then", "So", "Thus",
    "Still", "Even", "Only", "Just", "Now", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
];

/// Words written in capitals that are ordinary words far more often than acronyms or places.
#[rustfmt::skip]
const CAPITALS_STOPWORDS: &[&str] = &[
    "US", "IS", "IT", "AS", "AT", "IN", "ON", "TO", "OF", "BY", "OR", "AN", "A", "I", "WHO", "AID",
    "FUND", "SAYS", "SAID", "SEES", "SET", "NEW", "UP", "MAY", "WILL", "CAN", "BILL", "MARK",
    "GRANT", "FED", "ISO",
];

/// A city named once in a single word in a headline, at a sentence start or in running text
/// without a preposition of place must be this big to count on its own (Paris does; Reading,
/// Split and Columbia do not).
const BIG_CITY: u64 = 1_000_000;

/// Below this, a one-word city counts only when its country is named too: small towns are
/// often called like ordinary words ("Federal", "Central", "Dome").
const TOWN: u64 = 100_000;

/// US states as news style abbreviates them after a city ("BUTLER, Pa., March 2"); they count
/// only with their full stop, since several are also words ("Ill", "Wash", "Ore").
const STATE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("Ala", "Alabama"),
    ("Ariz", "Arizona"),
    ("Ark", "Arkansas"),
    ("Calif", "California"),
    ("Colo", "Colorado"),
    ("Conn", "Connecticut"),
    ("Del", "Delaware"),
    ("Fla", "Florida"),
    ("Ga", "Georgia"),
    ("Ill", "Illinois"),
    ("Ind", "Indiana"),
    ("Kan", "Kansas"),
    ("Ky", "Kentucky"),
    ("La", "Louisiana"),
    ("Md", "Maryland"),
    ("Me", "Maine"),
    ("Mass", "Massachusetts"),
    ("Mich", "Michigan"),
    ("Minn", "Minnesota"),
    ("Miss", "Mississippi"),
    ("Mo", "Missouri"),
    ("Mont", "Montana"),
    ("Neb", "Nebraska"),
    ("Nev", "Nevada"),
    ("N.H.", "New Hampshire"),
    ("N.J.", "New Jersey"),
    ("N.M.", "New Mexico"),
    ("N.Y.", "New York"),
    ("N.C.", "North Carolina"),
    ("N.D.", "North Dakota"),
    ("Okla", "Oklahoma"),
    ("Ore", "Oregon"),
    ("Pa", "Pennsylvania"),
    ("Penn", "Pennsylvania"),
    ("R.I.", "Rhode Island"),
    ("S.C.", "South Carolina"),
    ("S.D.", "South Dakota"),
    ("Tenn", "Tennessee"),
    ("Tex", "Texas"),
    ("Vt", "Vermont"),
    ("Va", "Virginia"),
    ("Wash", "Washington"),
    ("W.Va.", "West Virginia"),
    ("Wis", "Wisconsin"),
    ("Wyo", "Wyoming"),
];

/// The US Postal Service's state codes, which datelines also use after the city ("MARTINSVILLE,
/// VA, March 19"); only there, since several are words ("IN", "OR", "ME", "OK").
#[rustfmt::skip]
const STATE_CODES: &[(&str, &str)] = &[
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"),
    ("CA", "California"), ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"),
    ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"), ("ID", "Idaho"), ("IL", "Illinois"),
    ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"), ("KY", "Kentucky"), ("LA", "Louisiana"),
    ("ME", "Maine"), ("MD", "Maryland"), ("MA", "Massachusetts"), ("MI", "Michigan"),
    ("MN", "Minnesota"), ("MS", "Mississippi"), ("MO", "Missouri"), ("MT", "Montana"),
    ("NE", "Nebraska"), ("NV", "Nevada"), ("NH", "New Hampshire"), ("NJ", "New Jersey"),
    ("NM", "New Mexico"), ("NY", "New York"), ("NC", "North Carolina"), ("ND", "North Dakota"),
    ("OH", "Ohio"), ("OK", "Oklahoma"), ("OR", "Oregon"), ("PA", "Pennsylvania"),
    ("RI", "Rhode Island"), ("SC", "South Carolina"), ("SD", "South Dakota"),
    ("TN", "Tennessee"), ("TX", "Texas"), ("UT", "Utah"), ("VT", "Vermont"), ("VA", "Virginia"),
    ("WA", "Washington"), ("WV", "West Virginia"), ("WI", "Wisconsin"), ("WY", "Wyoming"),
];

/// The longest name the tables are asked about, in words.
const LONGEST_NAME: usize = 6;

/// Whether mostly capitals (a Reuters headline, a dateline): then case says nothing.
fn is_written_in_capitals(text: &str) -> bool {
    let mut upper = 0;
    let mut lower = 0;
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if c.is_uppercase() {
            upper += 1;
        } else {
            lower += 1;
        }
    }
    upper >= 4 && lower * 10 < upper
}

/// What one candidate needs before it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Support {
    /// Counts as found.
    Firm,
    /// Counts only if the same entity is found firmly elsewhere in the article.
    NeedsBacking,
    /// A single surname: counts if it is the surname of a person named in full in the
    /// article; otherwise it counts as the table's person if that person is newsworthy.
    Surname,
    /// An unknown word: counts only as the surname of a person named in full in the article.
    SurnameOnly,
    /// A small town: counts only if its country is found firmly in the article.
    CountryNamed,
}

#[derive(Debug, Clone)]
struct Candidate {
    entity: Entity,
    support: Support,
    /// A surname's table matches (most newsworthy first).
    weight: u32,
    /// Follows "in", "to", "from"…: a place is meant ("in Jordan"), not a person.
    after_preposition: bool,
    /// A country that is also a US state ("Georgia"): the state when the article is set in
    /// the United States.
    also_a_state: bool,
}

/// The word lists as hash sets, built once: they are consulted for nearly every capitalised word.
struct WordSets {
    titles: FastSet<&'static str>,
    role_nouns: FastSet<&'static str>,
    facilities: FastSet<&'static str>,
    org_endings: FastSet<&'static str>,
    function_words: FastSet<&'static str>,
    /// Function words in capitals, for text written in capitals.
    function_words_upper: FastSet<String>,
}

fn word_sets() -> &'static WordSets {
    static SETS: OnceLock<WordSets> = OnceLock::new();
    SETS.get_or_init(|| WordSets {
        titles: TITLES.iter().copied().collect(),
        role_nouns: ROLE_NOUNS.iter().copied().collect(),
        facilities: FACILITIES.iter().copied().collect(),
        org_endings: ORG_ENDINGS.iter().chain(LEGAL_FORMS).copied().collect(),
        function_words: FUNCTION_WORDS.iter().copied().collect(),
        function_words_upper: FUNCTION_WORDS.iter().map(|w| w.to_uppercase()).collect(),
    })
}

struct FieldReader<'a> {
    lexicon: &'static Lexicon,
    field: TextField,
    source: &'a str,
    tokens: Vec<Token>,
    capitals: bool,
    /// [`FieldReader::known_name`]'s answers in the order asked, each with the run end it was
    /// asked for: the rules ask about the same words several times.
    known: RefCell<Vec<KnownName>>,
    /// By start word, one past the index of its entry in `known` (0: not asked yet); a word
    /// costs four bytes, as most are never asked about.
    known_at: RefCell<Vec<u32>>,
    /// Reused for folding lookup keys.
    key: RefCell<String>,
}

type KnownName = (usize, Option<(usize, Candidate)>);

impl FieldReader<'_> {
    fn word(&self, index: usize) -> &str {
        self.tokens[index].text(self.source)
    }

    fn read(&self, out: &mut Vec<Candidate>) {
        let mut index = 0;
        while index < self.tokens.len() {
            if !self.may_begin_name(index) {
                index += 1;
                continue;
            }
            let end = self.run_end(index);
            self.read_run(index, end, out);
            index = end;
        }
    }

    fn is_capitalised(&self, index: usize) -> bool {
        let word = self.word(index);
        self.capitals || word.chars().next().is_some_and(char::is_uppercase)
    }

    fn may_begin_name(&self, index: usize) -> bool {
        self.is_capitalised(index) && !CONNECTORS.contains(&self.word(index))
    }

    /// One past the last word of the run of capitalised words starting at `start`.
    fn run_end(&self, start: usize) -> usize {
        let mut end = start + 1;
        while end < self.tokens.len() && self.tokens[end].joined {
            if self.may_begin_name(end) {
                end += 1;
                continue;
            }
            // Up to two connectors, then a capitalised word: "Bank of England", "Food and
            // Agriculture", "Organisation of the Islamic Conference".
            let mut look = end;
            while look < self.tokens.len()
                && look < end + 2
                && self.tokens[look].joined
                && self.is_connector(look)
            {
                look += 1;
            }
            if look > end
                && look < self.tokens.len()
                && self.tokens[look].joined
                && self.may_begin_name(look)
            {
                end = look + 1;
            } else {
                break;
            }
        }
        end
    }

    fn is_connector(&self, index: usize) -> bool {
        let word = self.word(index);
        // Every connector is short and starts in lower case ("&" aside) unless in capitals.
        if word.len() > 3 || (!self.capitals && word.starts_with(char::is_uppercase)) {
            return false;
        }
        CONNECTORS
            .iter()
            .any(|connector| connector.eq_ignore_ascii_case(word))
    }

    fn is_function_word(&self, index: usize) -> bool {
        let word = self.word(index);
        let sets = word_sets();
        sets.function_words.contains(word)
            || (self.capitals && sets.function_words_upper.contains(word))
    }

    fn is_title(&self, index: usize) -> bool {
        word_sets().titles.contains(self.word(index))
    }

    /// The countries, states and big cities named between `start` and `end`.
    fn big_places_inside(&self, start: usize, end: usize, out: &mut Vec<Candidate>) {
        let mut at = start;
        while at < end {
            match self.look_up_longest(at, end) {
                Some((next, place)) if place.entity.kind == EntityKind::Place => {
                    if !self.is_small_city(&place) {
                        out.push(place);
                    }
                    at = next;
                }
                _ => at += 1,
            }
        }
    }

    /// One past a name from `start` that ends in a word naming a building, venue or event
    /// ("Space Center", "Paralympics"), looking a few words ahead.
    fn facility_end(&self, start: usize, end: usize) -> Option<usize> {
        (start..end.min(start + 5))
            .find(|&index| self.is_facility(index))
            .map(|index| index + 1)
    }

    fn is_facility(&self, index: usize) -> bool {
        word_sets().facilities.contains(self.word(index))
    }

    /// Whether the word before `index` is a role noun in lower case ("actor", "ministers").
    fn after_role_noun(&self, index: usize) -> bool {
        if self.capitals || index == 0 || !self.tokens[index].joined {
            return false;
        }
        let word = self.word(index - 1);
        let roles = &word_sets().role_nouns;
        roles.contains(word)
            || word
                .strip_suffix('s')
                .is_some_and(|one| roles.contains(one))
    }

    /// "The Onion", "The Globe and Mail": a table organisation whose name opens with "The".
    fn opens_table_org_with_the(&self, at: usize, end: usize) -> bool {
        self.word(at) == "The" && matches!(self.known_kind(at, end), Some((_, EntityKind::Org)))
    }

    fn is_org_ending(&self, index: usize) -> bool {
        word_sets().org_endings.contains(self.word(index))
    }

    fn read_run(&self, start: usize, end: usize, out: &mut Vec<Candidate>) {
        let mut at = start;
        let mut after_title = self.after_role_noun(start);
        let names_a_facility = (start..end).any(|index| self.is_facility(index));
        while at < end {
            let skipped = self.is_connector(at) || self.is_function_word(at);
            if skipped && !self.opens_table_org_with_the(at, end) {
                at += 1;
                continue;
            }
            // "Shares of General Motors": a sentence's first word followed by "of" is no name.
            if self.tokens[at].sentence_start
                && at + 1 < end
                && self.word(at + 1) == "of"
                && self.known_kind(at, end).is_none()
                && !self.opens_org(at, end)
            {
                at += 2;
                continue;
            }
            // An organisation the table knows beats one recognised by its form, unless a
            // company's legal form ends a longer name: "Chrysler Canada Ltd" is not just
            // Chrysler, but "European Community Commission" is the Community.
            if let Some((next, EntityKind::Org)) = self
                .known_kind(at, end)
                .filter(|(next, _)| !self.form_reads_beyond(at, end, *next))
            {
                let (_, org) = self.known_name(at, end).expect("known just above");
                out.extend(self.city_or_state_in_front(at, next));
                out.push(org);
                self.countries_inside(at, next, out);
                at = next;
                after_title = false;
                continue;
            }
            if let Some(next) = self.org_by_form(at, end, out) {
                at = next;
                after_title = false;
                continue;
            }
            if let Some(next) = self.inside_unknown_name(at, end) {
                at = next;
                continue;
            }
            let known = self.known_name(at, end);
            let facility = names_a_facility.then(|| self.facility_end(at, end));
            if let Some(next) = facility.flatten() {
                // "Kennedy Space Center", "Winter Paralympics": a named place or event, not
                // a person. A country, state or big city in it still counts ("Tokyo
                // Olympics", "Metro Toronto Convention Centre"), where a town's name may be a
                // person's ("Kennedy").
                self.big_places_inside(at, next - 1, out);
                at = next;
                after_title = false;
                continue;
            }
            let person_reading = self.person_reading(at, end, after_title, known.as_ref());
            if let Some(next) = person_reading {
                out.push(self.person(at, next));
                at = next;
                after_title = false;
                continue;
            }
            if let Some((next, mut candidate)) = known {
                // "President Suharto": a title makes a table surname the person.
                if after_title && candidate.entity.kind == EntityKind::Person {
                    candidate.support = Support::Firm;
                }
                let money = candidate.entity.kind == EntityKind::Place && self.names_currency(next);
                // "the Bush administration": Bush is also a town, but not here.
                let surname_like = candidate.entity.kind == EntityKind::Person
                    || (self.names_an_administration(next) && self.is_small_city(&candidate));
                let adjective = surname_like
                    && next == at + 1
                    && !self.capitals
                    && self.used_as_adjective(next);
                if !money && !adjective {
                    out.push(candidate);
                }
                at = next;
                after_title = false;
                continue;
            }
            if !self.capitals && self.is_title(at) {
                while at < end && self.is_title(at) {
                    at += 1;
                }
                after_title = true;
                continue;
            }
            if !self.capitals {
                // A lone unknown capitalised word may be the surname of someone named in full
                // elsewhere in the article ("Hollande").
                out.push(self.candidate(
                    EntityKind::Person,
                    at,
                    at + 1,
                    self.word(at).to_string(),
                    Support::SurnameOnly,
                ));
            }
            after_title = false;
            at += 1;
        }
    }

    /// One past a name like "Stade de France" or "Gulf of Mexico" that starts at `at`: an
    /// unknown capitalised word joined by "of"/"de" to a known place names something else
    /// (a stadium, a sea), so the place inside does not count.
    fn inside_unknown_name(&self, at: usize, end: usize) -> Option<usize> {
        let joins =
            at + 2 < end && ["of", "de", "du", "des", "la", "le"].contains(&self.word(at + 1));
        if self.capitals
            || !joins
            || self.is_title(at)
            || self.is_function_word(at)
            || self.opens_org(at, end)
            || self.lexicon.is_first_name(self.word(at))
            || self.known_kind(at, end).is_some()
        {
            return None;
        }
        match self.known_kind(at + 2, end) {
            Some((next, EntityKind::Place)) => Some(next),
            _ => None,
        }
    }

    /// Where a person's name starting at `at` ends, when the words there read as one: after a
    /// title ("President Vladimir Putin", though Vladimir is also a city), or a first name
    /// followed by more of a name ("Chad Smith", "Michael Jordan"). A name the tables know as a
    /// person, and organisations, are left to the tables.
    fn person_reading(
        &self,
        at: usize,
        end: usize,
        after_title: bool,
        known: Option<&(usize, Candidate)>,
    ) -> Option<usize> {
        if self.capitals {
            return None;
        }
        match known {
            // "chairman Dennis Benbow": after a title, a name that reads on past a table
            // person's one word is read whole.
            Some((next, c))
                if c.entity.kind == EntityKind::Person
                    && after_title
                    && self.name_end(at, end, true) > *next => {}
            Some((_, c)) if c.entity.kind != EntityKind::Place => return None,
            Some((next, _)) if *next > at + 1 && !after_title => return None,
            _ => {}
        }
        let first_name =
            self.lexicon.is_first_name(self.word(at)) || self.town_before_name(at, end, known);
        if !after_title && !first_name {
            return None;
        }
        let next = self.name_end(at, end, after_title || !self.tokens[at].sentence_start);
        let lone_first_name = !after_title && next == at + 1;
        // "President Bush", "Senator Campbell": after a title a one-word city that is not a big
        // one is a surname.
        let surname_after_title = after_title && known.is_some_and(|(_, c)| self.is_small_city(c));
        let lone_place = known.is_some() && next == at + 1 && !surname_after_title;
        (!lone_first_name && !lone_place).then_some(next)
    }

    /// Whether a place candidate is a city of under a million people.
    fn is_small_city(&self, place: &Candidate) -> bool {
        place.entity.kind == EntityKind::Place
            && self
                .city_population(&place.entity.text)
                .is_some_and(|population| population < BIG_CITY)
    }

    /// The population of the city the tables first read `name` as, if a city.
    fn city_population(&self, name: &str) -> Option<u64> {
        self.lexicon
            .places(&fold(name))
            .first()
            .filter(|p| p.kind == PlaceKind::City)
            .map(|p| p.population)
    }

    /// "Vladimir Putin": a one-word city that is not a big one, followed by a capitalised word
    /// the tables do not know, is more likely a first name.
    fn town_before_name(&self, at: usize, end: usize, known: Option<&(usize, Candidate)>) -> bool {
        let Some((_, place)) = known else {
            return false;
        };
        let small_city = self
            .city_population(&place.entity.text)
            .is_some_and(|population| (TOWN..BIG_CITY).contains(&population));
        // An English-speaking country's town before a capitalised word names a business, a
        // street or a district ("Hollywood Magic", "Brooklyn Bridge"), not a first name.
        let english_speaking = place.entity.country.as_deref().is_some_and(|country| {
            matches!(
                country,
                "United States"
                    | "United Kingdom"
                    | "Canada"
                    | "Australia"
                    | "Ireland"
                    | "New Zealand"
            )
        });
        small_city
            && !english_speaking
            && at + 1 < end
            && self.tokens[at + 1].joined
            && !self.is_connector(at + 1)
            && !self.is_title(at + 1)
            && !self.is_org_ending(at + 1)
            && self.known_kind(at + 1, end).is_none()
    }

    /// One past a person's name starting at `start`: capitalised words, initials and
    /// particles ("Jacques de Larosiere"), up to four words, stopping at titles and
    /// organisations, and at places unless `through_places` ("Michael Jordan").
    fn name_end(&self, start: usize, end: usize, through_places: bool) -> usize {
        let mut next = start + 1;
        while next < end && next < start + 4 {
            if self.is_connector(next) {
                let particle = matches!(
                    self.word(next),
                    "de" | "da"
                        | "di"
                        | "del"
                        | "van"
                        | "von"
                        | "der"
                        | "den"
                        | "al"
                        | "bin"
                        | "le"
                        | "la"
                        | "du"
                );
                if particle && next + 1 < end {
                    next += 2;
                    continue;
                }
                break;
            }
            if self.is_title(next) || self.is_org_ending(next) || self.is_function_word(next) {
                break;
            }
            match self.known_kind(next, end) {
                Some((_, EntityKind::Org)) => break,
                Some((_, EntityKind::Place)) if !through_places => break,
                _ => {}
            }
            next += 1;
        }
        next.min(end)
    }

    /// An organisation recognised by its form: a name ending in "Corp", "Bank", "Ministry"…,
    /// or opening with "Bank of", "Ministry of"…. Returns where reading goes on.
    fn org_by_form(&self, start: usize, end: usize, out: &mut Vec<Candidate>) -> Option<usize> {
        if self.capitals {
            return None;
        }
        let stop = self.org_end(start, end)?;
        // "Soviet Union" ends like an organisation but the table knows it as a place.
        if self.known_kind(start, stop) == Some((stop, EntityKind::Place)) {
            return None;
        }
        // A place at the front of the name is also where it is: "Tokyo Stock Exchange".
        let mut rest = start;
        if let Some((place_end, EntityKind::Place)) = self.known_kind(start, stop) {
            if place_end < stop {
                let (_, place) = self.known_name(start, stop).expect("known just above");
                out.push(place);
                rest = place_end;
            }
        }
        let mut canonical_end = stop;
        while canonical_end > start + 1 && LEGAL_FORMS.contains(&self.word(canonical_end - 1)) {
            canonical_end -= 1;
        }
        let surface = self.span_text(start, stop);
        let canonical = self.span_text(start, canonical_end);
        let org = [surface, canonical]
            .into_iter()
            .find_map(|name| self.lexicon.org(&fold(name)))
            .map(|o| o.canonical);
        out.push(self.candidate(
            EntityKind::Org,
            start,
            stop,
            org.unwrap_or(canonical).to_string(),
            Support::Firm,
        ));
        self.countries_inside(rest, stop, out);
        Some(stop)
    }

    /// A city or state opening the name of an organisation the table knows, `start..end`:
    /// "New York Times", "Massachusetts Institute of Technology" are there too. (Countries
    /// inside a name are [`FieldReader::countries_inside`]'s.)
    fn city_or_state_in_front(&self, start: usize, end: usize) -> Option<Candidate> {
        let (_, place) = self.look_up_longest(start, end - 1)?;
        let country = place.entity.country.as_deref()?;
        (place.entity.kind == EntityKind::Place && place.entity.canonical != country)
            .then_some(place)
    }

    fn form_reads_beyond(&self, start: usize, end: usize, known_end: usize) -> bool {
        !self.capitals
            && (known_end..end).any(|index| LEGAL_FORMS.contains(&self.word(index)))
            && self
                .org_end(start, end)
                .is_some_and(|stop| stop > known_end && LEGAL_FORMS.contains(&self.word(stop - 1)))
    }

    /// The countries named inside an organisation's name between `start` and `end`: a national
    /// body or a company's national arm places the story there (`Bank of Japan`, `Chrysler
    /// Canada Ltd`), as Reuters' taggers read it. Only countries: a city or a demonym in a name
    /// (`Bank of New York`, `British Petroleum`) says less about where the story is.
    fn countries_inside(&self, start: usize, end: usize, out: &mut Vec<Candidate>) {
        if end - start < 2 {
            // A one-word organisation ("OPEC") is no country.
            return;
        }
        let mut at = start;
        while at < end {
            let mut widths = (1..=(end - at).min(3)).rev();
            let Some((width, country)) =
                widths.find_map(|width| self.country_named(at, at + width).map(|c| (width, c)))
            else {
                at += 1;
                continue;
            };
            let mut candidate = self.candidate(
                EntityKind::Place,
                at,
                at + width,
                country.canonical.into(),
                Support::Firm,
            );
            candidate.entity.country = Some(country.country.to_string());
            out.push(candidate);
            at += width;
        }
    }

    fn country_named(&self, start: usize, end: usize) -> Option<Place> {
        let mut key = self.key.borrow_mut();
        fold_into(self.span_text(start, end), &mut key);
        let places = self.lexicon.places(&key);
        places
            .iter()
            .find(|p| p.kind == PlaceKind::Country)
            .copied()
    }

    /// One past the organisation whose name starts at `start`, if it has an organisation's form.
    fn org_end(&self, start: usize, end: usize) -> Option<usize> {
        if self.opens_org(start, end) {
            // "Bank of Montreal and the EC": the name stops at "and"; "Bank of France Governor
            // Jacques de Larosiere": at a title, which opens a person's name.
            let stop = (start + 2..end)
                .find(|&i| self.word(i) == "and" || self.is_title(i))
                .unwrap_or(end);
            return Some(stop);
        }
        let mut last_ending = None;
        for index in start + 1..end {
            // "Savings and Loan Association" is one name; "Japan and the IMF" is two.
            if self.word(index) == "and" && self.known_after_and(index, end) {
                break;
            }
            if self.is_org_ending(index) {
                last_ending = Some(index + 1);
            }
        }
        last_ending.map(|stop| self.of_what(stop, end))
    }

    /// "International Brotherhood" + "of Magicians", "American Federation" + "of Labor":
    /// what an organisation's name says it is of, up to three words, stopping at "and" or at
    /// a title after the first ("... of France Governor Jacques de Larosiere").
    fn of_what(&self, stop: usize, end: usize) -> usize {
        if stop + 1 >= end || !matches!(self.word(stop), "of" | "for") {
            return stop;
        }
        let first = stop + 1;
        let mut next = first;
        while next < end
            && next < first + 3
            && self.word(next) != "and"
            && (next == first || !self.is_title(next))
        {
            next += 1;
        }
        next
    }

    fn known_after_and(&self, and: usize, end: usize) -> bool {
        let mut next = and + 1;
        while next < end && self.is_connector(next) {
            next += 1;
        }
        next < end && self.known_kind(next, end).is_some()
    }

    fn opens_org(&self, start: usize, end: usize) -> bool {
        start + 2 < end
            && ORG_HEADS.contains(&self.word(start))
            && matches!(self.word(start + 1), "of" | "for")
    }

    /// The longest stretch from `start` that the tables know, with what it is. Reading moves
    /// past `start` once it has the name, so the remembered candidate is handed over rather
    /// than copied; what stays behind still tells [`FieldReader::known_kind`] its end and kind.
    fn known_name(&self, start: usize, end: usize) -> Option<(usize, Candidate)> {
        let entry = self.remember_known(start, end);
        let mut known = self.known.borrow_mut();
        let (next, candidate) = known[entry].1.as_mut()?;
        let hollow = Candidate {
            entity: Entity {
                text: String::new(),
                canonical: String::new(),
                country: None,
                ..candidate.entity
            },
            ..*candidate
        };
        Some((*next, std::mem::replace(candidate, hollow)))
    }

    /// [`FieldReader::known_name`]'s end and kind only, without copying the candidate.
    fn known_kind(&self, start: usize, end: usize) -> Option<(usize, EntityKind)> {
        let entry = self.remember_known(start, end);
        self.known.borrow()[entry]
            .1
            .as_ref()
            .map(|(next, c)| (*next, c.entity.kind))
    }

    /// The index in `known` of what the tables say from `start` up to `end`.
    fn remember_known(&self, start: usize, end: usize) -> usize {
        let at = self.known_at.borrow()[start] as usize;
        if at > 0 && self.known.borrow()[at - 1].0 == end {
            return at - 1;
        }
        let known = self.look_up_longest(start, end);
        let mut entries = self.known.borrow_mut();
        entries.push((end, known));
        self.known_at.borrow_mut()[start] = entries.len() as u32;
        entries.len() - 1
    }

    fn look_up_longest(&self, start: usize, end: usize) -> Option<(usize, Candidate)> {
        let mut longest = (end - start).min(LONGEST_NAME);
        // The words of a run are joined by spaces or hyphens, so the folded key of its first
        // `width` words is a prefix of the key of all of them: each word is folded once.
        let mut key = self.key.borrow_mut();
        fold_into(self.word(start), &mut key);
        let mut key_ends = [0; LONGEST_NAME];
        key_ends[0] = key.len();
        if longest > 1 && !self.lexicon.starts_longer_name(&key) {
            longest = 1;
        }
        for width in 2..=longest {
            key.push(' ');
            fold_onto(self.word(start + width - 1), ' ', &mut key);
            key_ends[width - 1] = key.len();
        }
        // Names neither end in a connector nor start with one.
        (1..=longest)
            .rev()
            .filter(|width| !self.is_connector(start + width - 1))
            .find_map(|width| {
                self.lookup(start, start + width, &key[..key_ends[width - 1]])
                    .map(|c| (start + width, c))
            })
    }

    /// The name of `start..end`, whose folded form is `key`.
    fn lookup(&self, start: usize, end: usize, key: &str) -> Option<Candidate> {
        let surface = self.span_text(start, end);
        let single = end == start + 1;
        if single {
            if let Some(state) = self.state_abbreviation(start) {
                let mut candidate =
                    self.candidate(EntityKind::Place, start, end, state.into(), Support::Firm);
                candidate.entity.country = Some("United States".into());
                return Some(candidate);
            }
            if self.capitals && CAPITALS_STOPWORDS.contains(&surface) {
                return None;
            }
            if let Some(org) = self.lexicon.acronym(surface) {
                return Some(self.org_candidate(start, end, org));
            }
        }
        let lexicon = self.lexicon;
        let (org, places, person) = (
            lexicon.org(key),
            lexicon.places(key),
            lexicon.people(key).first(),
        );
        if let Some(org) = org {
            // A sentence's first word is no less the organisation ("Wikinews spoke with..."):
            // names that are also ordinary words are weak aliases, doubted everywhere.
            return Some(self.org_candidate(start, end, org));
        }
        // "Lawson" is a Canadian town and a Chancellor of the Exchequer: a known person beats a
        // town that is not a big city.
        let town = |p: &Place| p.kind == PlaceKind::City && p.population < BIG_CITY;
        let places = if person.is_some() && places.iter().all(town) {
            &[]
        } else {
            places
        };
        if let Some(place) = places.first() {
            let place = self.choose_place(start, places, *place);
            let support = self.place_support(start, end, &place);
            let mut candidate = self.candidate(
                EntityKind::Place,
                start,
                end,
                place.canonical.into(),
                support,
            );
            candidate.entity.country = Some(place.country.to_string());
            candidate.also_a_state = place.kind == PlaceKind::Country
                && places.iter().any(|p| p.kind == PlaceKind::State);
            return Some(candidate);
        }
        if let Some(person) = person {
            if single && self.capitals && self.names_a_company(end) {
                return None;
            }
            let support = if single
                && self.capitals
                && person.weight < NEWSWORTHY
                && !self.speaks_in_headline(start)
            {
                // "BOND" in a headline is a word more often than a surname: it counts when the
                // body names the person too, or when the headline has them speak. People often
                // in the news ("LAWSON", "BAKER") count as they are.
                Support::NeedsBacking
            } else if single && self.capitals {
                Support::Firm
            } else if single {
                Support::Surname
            } else {
                Support::Firm
            };
            let mut candidate = self.candidate(
                EntityKind::Person,
                start,
                end,
                person.canonical.into(),
                support,
            );
            candidate.weight = person.weight;
            return Some(candidate);
        }
        None
    }

    /// "TREASURY'S BAKER", "BAKER SAYS": in a headline, a surname after a possessive or a
    /// title, or before a verb of saying, is the person.
    fn speaks_in_headline(&self, index: usize) -> bool {
        const SAYING: &[&str] = &[
            "SAYS",
            "SAID",
            "URGES",
            "WARNS",
            "CALLS",
            "SEES",
            "DENIES",
            "PREDICTS",
            "EXPECTS",
            "ASKS",
            "REJECTS",
            "BACKS",
            "OPPOSES",
            "PROPOSES",
            "FORECASTS",
            "TO",
        ];
        let before = self.source[..self.tokens[index].start].trim_end();
        let after_possessive = before.ends_with("'S") || before.ends_with("’S");
        let after_title = index > 0
            && self.tokens[index].joined
            && TITLES
                .iter()
                .any(|title| title.eq_ignore_ascii_case(self.word(index - 1)));
        let saying = self
            .tokens
            .get(index + 1)
            .is_some_and(|next| SAYING.contains(&next.text(self.source)));
        after_possessive || after_title || saying
    }

    /// "BAKER INTERNATIONAL CORP": in a headline, a surname followed by a company's word names
    /// the company.
    fn names_a_company(&self, next: usize) -> bool {
        next < self.tokens.len()
            && self.tokens[next].joined
            && ORG_ENDINGS
                .iter()
                .chain(LEGAL_FORMS)
                .chain(&["International", "Intl"])
                .any(|word| word.eq_ignore_ascii_case(self.word(next)))
    }

    /// "the Reagan administration": a surname used as an adjective names the government, not
    /// the person being reported on.
    fn used_as_adjective(&self, next: usize) -> bool {
        const GOVERNMENTS: &[&str] = &[
            "administration",
            "government",
            "era",
            "plan",
            "policy",
            "policies",
            "doctrine",
            "years",
            "camp",
            "aides",
            "cabinet",
        ];
        next < self.tokens.len()
            && self.tokens[next].joined
            && GOVERNMENTS.contains(&self.word(next))
    }

    /// "administration", "doctrine": words of [`FieldReader::used_as_adjective`] that follow a
    /// leader's name, never a town's ("the Bonn government" is a town's).
    fn names_an_administration(&self, next: usize) -> bool {
        next < self.tokens.len() && ["administration", "doctrine"].contains(&self.word(next))
    }

    /// Whether the word at `index` is a currency: "U.S. dlrs" and "Swiss francs" name money,
    /// not the place.
    fn names_currency(&self, index: usize) -> bool {
        #[rustfmt::skip]
        const CURRENCIES: &[&str] = &[
            "dlr", "dlrs", "dollar", "dollars", "cents", "franc", "francs", "mark", "marks", "yen",
            "pound", "pounds", "sterling", "lire", "lira", "guilder", "guilders", "crown", "crowns",
            "kronor", "krona", "krone", "kroner", "peso", "pesos", "rupee", "rupees", "rand",
            "riyal", "riyals", "dinar", "dinars", "currency", "schilling", "schillings",
        ];
        index < self.tokens.len()
            && self.tokens[index].joined
            && CURRENCIES
                .iter()
                .any(|currency| currency.eq_ignore_ascii_case(self.word(index)))
    }

    /// A table organisation; a weak alias ("Fund") needs the organisation named firmly
    /// elsewhere.
    fn org_candidate(&self, start: usize, end: usize, org: Org) -> Candidate {
        let support = if org.weak {
            Support::NeedsBacking
        } else {
            Support::Firm
        };
        self.candidate(EntityKind::Org, start, end, org.canonical.into(), support)
    }

    /// A state written short after a city and a comma. In running text only news style with
    /// its full stop counts (`Ill.`, `N.Y.`); in a dateline, where a word after the city can
    /// only be its region, any case and no stop (`ILL.`, `Pa`, `VA`).
    fn state_abbreviation(&self, index: usize) -> Option<&'static str> {
        let after_comma = index > 0 && !self.tokens[index].joined;
        if !after_comma {
            return None;
        }
        let word = self.word(index);
        if self.field == TextField::Dateline {
            let bare = word.trim_end_matches('.');
            return STATE_ABBREVIATIONS
                .iter()
                .chain(STATE_CODES)
                .find(|(short, _)| short.trim_end_matches('.').eq_ignore_ascii_case(bare))
                .map(|(_, state)| *state);
        }
        let written_with_stop =
            word.ends_with('.') || self.source[self.tokens[index].end..].starts_with('.');
        STATE_ABBREVIATIONS
            .iter()
            .find(|(short, _)| *short == word)
            .filter(|_| written_with_stop)
            .map(|(_, state)| *state)
    }

    /// A dateline names a city first (`WASHINGTON`); after it, and elsewhere, a name means a
    /// country before a state before a city (`LONDON, Ontario` is the province).
    fn choose_place(&self, start: usize, candidates: &[Place], first: Place) -> Place {
        let dateline_city = self.field == TextField::Dateline
            && self.source[..self.tokens[start].start].find(',').is_none();
        if dateline_city {
            return city_else_first(candidates).unwrap_or(first);
        }
        first
    }

    fn place_support(&self, start: usize, end: usize, place: &Place) -> Support {
        let single = end == start + 1;
        let weak_position = self.capitals || self.tokens[start].sentence_start;
        let city = place.kind == PlaceKind::City;
        let small_city = city && place.population < BIG_CITY;
        let town = city && place.population < TOWN && self.field != TextField::Dateline;
        if single && small_city && self.field == TextField::Body && !self.placed(start, end) {
            // "Columbia", "Enterprise", "Whitman", "Bush": a one-word town named where no place
            // is being given is as often a word, a surname or a university.
            Support::NeedsBacking
        } else if single && town {
            Support::CountryNamed
        } else if single
            && weak_position
            && (small_city || self.lexicon.is_first_name(self.word(start)))
        {
            Support::NeedsBacking
        } else {
            Support::Firm
        }
    }

    fn person(&self, start: usize, end: usize) -> Candidate {
        let name = without_initials(self.span_text(start, end));
        let canonical = self
            .table_person(&name)
            .map_or(name, |canonical| canonical.to_string());
        self.candidate(EntityKind::Person, start, end, canonical, Support::Firm)
    }

    /// The table's name for a person written in full: as written, or the table person with
    /// that surname whose every name is in it ("Karl Otto Poehl" is the table's "Otto Poehl").
    fn table_person(&self, name: &str) -> Option<&'static str> {
        if let Some(person) = self.lexicon.people(&fold(name)).first() {
            return Some(person.canonical);
        }
        let words: Vec<String> = name.split(' ').map(fold).collect();
        let surname = words.last()?;
        self.lexicon
            .people(surname)
            .iter()
            .find(|person| {
                person
                    .canonical
                    .split(' ')
                    .all(|part| words.contains(&fold(part)))
            })
            .map(|person| person.canonical)
    }

    fn span_text(&self, start: usize, end: usize) -> &str {
        &self.source[self.tokens[start].start..self.tokens[end - 1].end]
    }

    fn candidate(
        &self,
        kind: EntityKind,
        start: usize,
        end: usize,
        canonical: String,
        support: Support,
    ) -> Candidate {
        let (from, to) = (self.tokens[start].start, self.tokens[end - 1].end);
        Candidate {
            entity: Entity {
                kind,
                text: self.source[from..to].to_string(),
                canonical,
                field: self.field,
                start: from,
                end: to,
                country: None,
            },
            support,
            weight: 0,
            also_a_state: false,
            after_preposition: self.after_place_preposition(start),
        }
    }

    /// "in Jordan", "visited Troy".
    fn after_place_preposition(&self, start: usize) -> bool {
        start > 0
            && matches!(
                self.word(start - 1),
                "in" | "to" | "from" | "at" | "near" | "into" | "across" | "visited"
            )
    }

    /// Whether `start..end` is written where a place is given: after a place preposition, or
    /// before a comma ("Troy, Michigan", "Troy, where...").
    fn placed(&self, start: usize, end: usize) -> bool {
        let before_comma = self.source[self.tokens[end - 1].end..]
            .trim_start()
            .starts_with(',');
        self.after_place_preposition(start) || before_comma
    }
}

/// "James A. Baker" → "James Baker".
fn without_initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let kept: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|(index, word)| {
            let initial = word.len() == 2 && word.ends_with('.');
            !(initial && *index > 0 && *index + 1 < words.len())
        })
        .map(|(_, word)| *word)
        .collect();
    kept.join(" ")
}

fn last_word(name: &str) -> String {
    fold(name.rsplit(' ').next().unwrap_or(name))
}

/// Decides, with the whole article in view, which candidates count and what they are called.
fn resolve_in_article(candidates: Vec<Candidate>) -> Vec<Entity> {
    // People named with more than one word, by surname: "Putin" after "Vladimir Putin".
    let mut full_names: Vec<(String, String)> = Vec::new();
    for candidate in &candidates {
        let entity = &candidate.entity;
        let written_in_full = entity.text.trim().contains(' ');
        if entity.kind == EntityKind::Person
            && written_in_full
            && candidate.support == Support::Firm
        {
            let surname = last_word(&entity.canonical);
            if !full_names.iter().any(|(s, _)| *s == surname) {
                full_names.push((surname, entity.canonical.clone()));
            }
        }
    }
    let full_name_of = |word: &str| {
        if full_names.is_empty() {
            return None;
        }
        let key = last_word(word);
        full_names
            .iter()
            .find(|(surname, _)| *surname == key)
            .map(|(_, canonical)| canonical.clone())
    };

    let mut resolved: Vec<Candidate> = Vec::with_capacity(candidates.len());
    for mut candidate in candidates {
        let entity = &mut candidate.entity;
        let single_word = !entity.text.trim().contains(' ');
        let place_meant = entity.kind == EntityKind::Place && candidate.after_preposition;
        if single_word && entity.kind != EntityKind::Org && !place_meant {
            if let Some(full) = full_name_of(&entity.text) {
                entity.kind = EntityKind::Person;
                entity.canonical = full;
                entity.country = None;
                candidate.support = Support::Firm;
            }
        }
        if candidate.support == Support::Surname && candidate.weight >= NEWSWORTHY {
            candidate.support = Support::Firm;
        }
        resolved.push(candidate);
    }

    read_states_in_us_context(&mut resolved);
    let counts = backed(&resolved);
    resolved
        .into_iter()
        .zip(counts)
        .filter_map(|(candidate, counts)| counts.then_some(candidate.entity))
        .collect()
}

/// Whether each candidate counts: firm ones do; the others when what they need is found
/// firmly in the article (the same entity, or for a small town its country).
fn backed(candidates: &[Candidate]) -> Vec<bool> {
    let firm: Vec<(EntityKind, &str)> = candidates
        .iter()
        .filter(|c| c.support == Support::Firm)
        .map(|c| (c.entity.kind, c.entity.canonical.as_str()))
        .collect();
    let is_firm = |kind: EntityKind, name: &str| firm.iter().any(|(k, n)| *k == kind && *n == name);
    candidates
        .iter()
        .map(|c| match c.support {
            Support::Firm => true,
            Support::CountryNamed => c
                .entity
                .country
                .as_deref()
                .is_some_and(|country| is_firm(EntityKind::Place, country)),
            _ => is_firm(c.entity.kind, &c.entity.canonical),
        })
        .collect()
}

/// "Atlanta, Georgia": where other firm places lie in the United States, a name that is both a
/// country and a US state is the state.
fn read_states_in_us_context(candidates: &mut [Candidate]) {
    let in_the_us = candidates.iter().any(|c| {
        c.support == Support::Firm
            && c.entity.kind == EntityKind::Place
            && !c.also_a_state
            && c.entity.country.as_deref() == Some("United States")
    });
    if in_the_us {
        for candidate in candidates.iter_mut().filter(|c| c.also_a_state) {
            candidate.entity.country = Some("United States".to_string());
        }
    }
}

/// How many body mentions make an entity salient on their own, per kind (tuned on the Reuters
/// training split: beyond these counts a value is tagged by Reuters' editors more often than not).
fn enough_mentions(kind: EntityKind) -> usize {
    match kind {
        EntityKind::Place => 4,
        EntityKind::Person => 3,
        EntityKind::Org => 2,
    }
}

/// The share of the body, from its start, that counts as the lead.
const LEAD_SHARE: f64 = 0.15;

#[derive(Default)]
struct Mentions {
    title: bool,
    dateline: bool,
    body: usize,
    in_lead: bool,
}

/// The facet values of an article's entities of one kind: canonical names in first-seen order
/// (a place followed by its country), kept when the article is *about* them rather than
/// mentioning them in passing: named in the dateline, in the title and again in the body (for a
/// person or organisation, the title of a story that is only a title is enough), in
/// the lead (the first 15% of the body), or often enough in the body.
pub fn facet_values(entities: &[Entity], kind: EntityKind, body_len: usize) -> Vec<String> {
    let lead_end = (body_len as f64 * LEAD_SHARE) as usize;
    let mut values: Vec<(String, Mentions)> = Vec::new();
    for entity in entities.iter().filter(|e| e.kind == kind) {
        let country = entity.country.as_deref().filter(|c| *c != entity.canonical);
        let names = std::iter::once(entity.canonical.as_str()).chain(country);
        for name in names {
            let at = match values.iter().position(|(value, _)| value == name) {
                Some(at) => at,
                None => {
                    values.push((name.to_string(), Mentions::default()));
                    values.len() - 1
                }
            };
            let mentions = &mut values[at].1;
            match entity.field {
                TextField::Title => mentions.title = true,
                TextField::Dateline => mentions.dateline = true,
                TextField::Body => {
                    mentions.body += 1;
                    mentions.in_lead |= entity.start <= lead_end;
                }
            }
        }
    }
    values
        .into_iter()
        .filter(|(_, m)| {
            m.dateline
                || (m.title && (m.body > 0 || (body_len == 0 && kind != EntityKind::Place)))
                || m.in_lead
                || m.body >= enough_mentions(kind)
        })
        .map(|(value, _)| value)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (kind, text as written, canonical) of every mention in a body.
    fn mentions(body: &str) -> Vec<(EntityKind, String, String)> {
        extract(ArticleText {
            body,
            ..ArticleText::default()
        })
        .into_iter()
        .map(|e| (e.kind, e.text, e.canonical))
        .collect()
    }

    fn canonical_names(body: &str, kind: EntityKind) -> Vec<String> {
        let mut names: Vec<String> = mentions(body)
            .into_iter()
            .filter(|(k, _, _)| *k == kind)
            .map(|(_, _, canonical)| canonical)
            .collect();
        names.dedup();
        names
    }

    /// (text as written, canonical) of every organisation mentioned in a body.
    fn org_mentions(body: &str) -> Vec<(String, String)> {
        mentions(body)
            .into_iter()
            .filter(|(kind, _, _)| *kind == Org)
            .map(|(_, text, canonical)| (text, canonical))
            .collect()
    }

    use EntityKind::{Org, Person, Place};

    #[test]
    fn every_form_of_a_name_gets_one_canonical_name() {
        let body = "Vladimir Putin arrived. Mr Putin said little, and Putin left early.";
        assert_eq!(
            mentions(body),
            [
                (Person, "Vladimir Putin".into(), "Vladimir Putin".into()),
                (Person, "Putin".into(), "Vladimir Putin".into()),
                (Person, "Putin".into(), "Vladimir Putin".into()),
            ]
        );
        let body = "Officials of the U.S. and the US met United States and USA envoys.";
        assert_eq!(canonical_names(body, Place), ["United States"]);
        assert_eq!(
            canonical_names("French and British officials met.", Place),
            ["France", "United Kingdom"]
        );
    }

    #[test]
    fn titles_mark_people_without_becoming_part_of_them() {
        let body = "Treasury Secretary James Baker met Japanese Finance Minister Kiichi Miyazawa.";
        assert_eq!(
            mentions(body),
            [
                (Person, "James Baker".into(), "James Baker".into()),
                (Place, "Japanese".into(), "Japan".into()),
                (Person, "Kiichi Miyazawa".into(), "Kiichi Miyazawa".into()),
            ]
        );
        // Vladimir is also a Russian city; after a title it is a first name.
        assert_eq!(
            canonical_names("Russian President Vladimir Putin spoke.", Person),
            ["Vladimir Putin"]
        );
        assert_eq!(
            mentions("He spoke to Bank of France Governor Jacques de Larosiere."),
            [
                (Org, "Bank of France".into(), "Bank of France".into()),
                (Place, "France".into(), "France".into()),
                (
                    Person,
                    "Jacques de Larosiere".into(),
                    "Jacques de Larosiere".into()
                ),
            ],
            "a title ends the organisation's name before the person's"
        );
        assert_eq!(
            canonical_names("The plan went to President Suharto yesterday.", Person),
            ["Suharto"],
            "a table surname after a title is the person, however rarely in the news"
        );
        assert_eq!(
            mentions("They met President Bush and Senator Campbell in Paris."),
            [
                (Person, "Bush".into(), "Bush".into()),
                (Person, "Campbell".into(), "Campbell".into()),
                (Place, "Paris".into(), "Paris".into()),
            ],
            "after a title a town's name is a surname"
        );
        assert_eq!(
            canonical_names(
                "It shows striker Romelu Lukaku beside investor Martin T. Sosnoff.",
                Person
            ),
            ["Romelu Lukaku", "Martin Sosnoff"],
            "a role noun in lower case is a title; a name reading on past a table surname \
             (Martin) is read whole"
        );
        assert_eq!(
            canonical_names(
                "Minister Barend du Plessis and Willy de Clercq met.",
                Person
            ),
            ["Barend du Plessis", "Willy De Clercq"],
            "people whose table code is a surname with a particle get their full names"
        );
    }

    #[test]
    fn names_that_are_also_places_or_words() {
        assert_eq!(
            mentions("Chad Smith flew to Chad."),
            [
                (Person, "Chad Smith".into(), "Chad Smith".into()),
                (Place, "Chad".into(), "Chad".into()),
            ]
        );
        assert_eq!(
            canonical_names("Fans saw Michael Jordan play in Jordan.", Person),
            ["Michael Jordan"]
        );
        assert_eq!(
            canonical_names("Fans saw Michael Jordan play in Jordan.", Place),
            ["Jordan"]
        );
        assert!(
            canonical_names("Reading the report, he frowned.", Place).is_empty(),
            "a sentence's first word is not the town of Reading"
        );
        assert_eq!(
            canonical_names("The fans travelled to Reading on Saturday.", Place),
            ["Reading"]
        );
        assert!(
            canonical_names("He shopped at Hollywood Magic on Sunset.", Person).is_empty(),
            "an American town before a name is a shop, where Vladimir Putin is a man"
        );
        assert_eq!(
            canonical_names("Rain fell across New England and in Wales.", Place),
            ["New England", "Wales"],
            "New England is not England"
        );
        assert!(
            canonical_names("The poems of Whitman moved Columbia students.", Place).is_empty(),
            "a town named where no place is given is a surname or a university"
        );
        assert_eq!(
            canonical_names("Protests spread to Columbia, where Whitman spoke.", Place),
            ["Columbia"]
        );
        assert_eq!(
            canonical_names("Talks in Georgia ended.", Place),
            ["Georgia"]
        );
        assert!(
            canonical_names("They played at the Stade de France.", Place).is_empty(),
            "a stadium is not the country"
        );
    }

    #[test]
    fn buildings_and_events_are_not_people() {
        assert_eq!(
            mentions(
                "Crowds at the Kennedy Space Center watched the Winter Paralympics, then the \
                 Tokyo Olympics at the Metro Toronto Convention Centre."
            ),
            [
                (Place, "Tokyo".into(), "Tokyo".into()),
                (Place, "Toronto".into(), "Toronto".into()),
            ],
            "a venue or event may open with a first name; big places inside still count"
        );
    }

    #[test]
    fn georgia_is_the_state_in_an_american_story() {
        let country_of_georgia = |body: &str| {
            extract(ArticleText {
                body,
                ..ArticleText::default()
            })
            .into_iter()
            .find(|e| e.text == "Georgia")
            .and_then(|e| e.country)
        };
        assert_eq!(
            country_of_georgia("Storms hit Atlanta, Georgia, on Monday.").as_deref(),
            Some("United States")
        );
        assert_eq!(
            country_of_georgia("Talks in Tbilisi, Georgia, ended.").as_deref(),
            Some("Georgia")
        );
    }

    #[test]
    fn organisations_by_table_form_and_acronym() {
        assert_eq!(
            mentions("The Bank of England and the EC said OPEC and IS were discussed by the RAF."),
            [
                (Org, "Bank of England".into(), "Bank of England".into()),
                (Org, "EC".into(), "European Community".into()),
                (Org, "OPEC".into(), "OPEC".into()),
                (Org, "IS".into(), "Islamic State".into()),
                (Org, "RAF".into(), "Royal Air Force".into()),
            ],
            "England inside the bank's name is not a place"
        );
        assert!(mentions("It is what it is.").is_empty());
        assert_eq!(
            mentions(
                "The Bank of Japan and Chrysler Canada Ltd sold dollars to the Bank of New York."
            ),
            [
                (Org, "Bank of Japan".into(), "Bank of Japan".into()),
                (Place, "Japan".into(), "Japan".into()),
                (Org, "Chrysler Canada Ltd".into(), "Chrysler Canada".into()),
                (Place, "Canada".into(), "Canada".into()),
                (Org, "Bank of New York".into(), "Bank of New York".into()),
            ],
            "a country inside a name places the story; a city does not"
        );
        assert_eq!(
            canonical_names("Shares of General Motors Corp rose.", Org),
            ["General Motors"]
        );
        assert_eq!(
            canonical_names(
                "Toyota Motor Corp told NASA, Google and The Canadian Press about the Soviet Union.",
                Org
            ),
            ["Toyota", "NASA", "Google", "Canadian Press"],
            "companies and agencies of today's news; a legal form still ends a longer name; \
             the Soviet Union ends like an organisation but is a place"
        );
        assert_eq!(
            canonical_names("The EEC became the European Union; the EU grew.", Org),
            ["European Community", "European Union"],
            "Reuters' Community and today's Union are two organisations"
        );
        assert_eq!(
            mentions("Tokyo Stock Exchange prices fell."),
            [
                (Place, "Tokyo".into(), "Tokyo".into()),
                (
                    Org,
                    "Tokyo Stock Exchange".into(),
                    "Tokyo Stock Exchange".into()
                ),
            ]
        );
    }

    #[test]
    fn an_acronym_defined_in_brackets_names_the_organisation() {
        let association = "Australian Petroleum Exploration Association";
        assert_eq!(
            org_mentions(
                "The Australian Petroleum Exploration Association (APEA) met. Later APEA said \
                 the NOTE (see below) stood."
            ),
            [
                (association.into(), association.into()),
                ("APEA".into(), association.into()),
                ("APEA".into(), association.into()),
            ],
            "every APEA is the association; an undefined acronym is not an organisation"
        );
    }

    #[test]
    fn an_organisation_named_in_full_defines_its_initials() {
        let university = "University of Southern Indiana";
        let body = "The University of Southern Indiana opened an exhibit. Officials at USI said \
                    the Polaroids came from the WB collection. The World Bank lent money.";
        assert_eq!(
            org_mentions(body),
            [
                (university.into(), university.into()),
                ("USI".into(), university.into()),
                ("World Bank".into(), "World Bank".into()),
            ],
            "USI is the university; two initials (WB) are too few to tell"
        );
    }

    #[test]
    fn names_opening_with_the_or_a_sentence_and_spellings_without_a_last_dot() {
        assert_eq!(
            org_mentions("The Onion ran it. He reads The Globe and Mail."),
            [
                ("The Onion".into(), "The Onion".into()),
                ("The Globe and Mail".into(), "The Globe and Mail".into()),
            ]
        );
        assert_eq!(
            canonical_names("Talks with the U.S government moved to L.A. in May.", Place),
            ["United States", "Los Angeles"]
        );
        assert_eq!(
            org_mentions("Wikinews spoke with him. Google said nothing."),
            [
                ("Wikinews".into(), "Wikinews".into()),
                ("Google".into(), "Google".into()),
            ],
            "a one-word organisation opening a sentence is still the organisation"
        );
    }

    #[test]
    fn an_organisation_name_runs_on_through_what_it_is_of() {
        assert_eq!(
            org_mentions("He heads the International Brotherhood of Magicians and the rest."),
            [(
                "International Brotherhood of Magicians".into(),
                "International Brotherhood of Magicians".into()
            )]
        );
        assert_eq!(
            canonical_names("He joined the American Federation of Labor in May.", Org),
            ["American Federation of Labor"],
            "Labor opens the name, where Labor Secretary would be a title"
        );
    }

    #[test]
    fn notable_people_are_known_by_surname_alone() {
        assert_eq!(
            canonical_names("Mr Putin said he would stay.", Person),
            ["Vladimir Putin"]
        );
        assert_eq!(
            canonical_names("Obama spoke to Merkel by phone.", Person),
            ["Barack Obama", "Angela Merkel"]
        );
        let entities = extract(ArticleText {
            title: "OBAMA TO VISIT CHINA",
            ..ArticleText::default()
        });
        assert_eq!(facet_values(&entities, Person, 0), ["Barack Obama"]);
        assert!(
            canonical_names("Clinton said taxes would rise.", Person).is_empty(),
            "two notable Clintons: the surname alone names neither"
        );
        assert!(
            mentions("Officials of the Bush administration met.").is_empty(),
            "Bush is a town in Egypt, but not before 'administration'"
        );
    }

    #[test]
    fn headlines_in_capitals_trust_only_the_tables() {
        let title = "BOND PRICES FALL AS OPEC MEETS IN VIENNA";
        let found: Vec<(EntityKind, String)> = extract(ArticleText {
            title,
            ..ArticleText::default()
        })
        .into_iter()
        .map(|e| (e.kind, e.canonical))
        .collect();
        assert_eq!(
            found,
            [(Org, "OPEC".into()), (Place, "Vienna".into())],
            "BOND is not Alan Bond"
        );
        let entities = extract(ArticleText {
            title: "EC SUGAR IMPORT LEVIES",
            ..ArticleText::default()
        });
        assert_eq!(
            facet_values(&entities, Org, 0),
            ["European Community"],
            "an acronym the table knows counts in capitals too"
        );
    }

    #[test]
    fn headline_surnames_that_speak_and_governments_named_after_people() {
        let title = "LAWSON SAYS U.K. TAX TO BE CUT";
        let entities = extract(ArticleText {
            title,
            ..ArticleText::default()
        });
        assert_eq!(
            facet_values(&entities, Person, 0),
            ["Nigel Lawson"],
            "a story that is only a headline is about who speaks in it; Lawson the town loses"
        );
        assert!(
            canonical_names("Officials of the Reagan administration met.", Person).is_empty(),
            "the administration is not the man"
        );
        assert_eq!(
            canonical_names("Bundesbank president Karl Otto Poehl spoke.", Person),
            ["Otto Poehl"],
            "a fuller form of a table name gets the table's name"
        );
    }

    #[test]
    fn newsworthy_surnames_in_headlines_unless_they_name_a_company() {
        let people_in = |title: &str| {
            let entities = extract(ArticleText {
                title,
                ..ArticleText::default()
            });
            facet_values(&entities, Person, 0)
        };
        assert_eq!(
            people_in("LAWSON, STOLTENBERG DISCUSS CURRENCIES IN BONN"),
            ["Nigel Lawson", "Gerhard Stoltenberg"],
            "people often in the news count in a headline without a verb of saying"
        );
        assert!(
            people_in("BAKER INTERNATIONAL CORP SUES HUGHES TOOL").is_empty(),
            "a surname before a company's word is the company"
        );
    }

    #[test]
    fn offsets_point_at_the_mention_in_its_field() {
        let text = ArticleText {
            title: "Baker in Tokyo",
            dateline: "TOKYO, March 3",
            body: "U.S. Treasury Secretary James Baker arrived in Tokyo.",
        };
        for entity in extract(text) {
            let field = match entity.field {
                TextField::Title => text.title,
                TextField::Dateline => text.dateline,
                TextField::Body => text.body,
            };
            assert_eq!(&field[entity.start..entity.end], entity.text);
        }
    }

    #[test]
    fn currencies_are_not_places_and_passing_mentions_are_not_facets() {
        assert!(canonical_names("It paid 12 mln U.S. dlrs.", Place).is_empty());
        let body = format!(
            "{} Later, a Canadian visitor mentioned Canada once more.",
            "Japan raised rates. ".repeat(10)
        );
        let entities = extract(ArticleText {
            body: &body,
            ..ArticleText::default()
        });
        assert_eq!(
            facet_values(&entities, Place, body.len()),
            ["Japan"],
            "Canada, named twice late in the story, is mentioned, not what it is about"
        );
    }
}
