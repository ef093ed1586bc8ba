//! The command-line grammar, as clap derive structs. Parsing only: turning these into library
//! requests happens in the parent module.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Index folders of news articles and search them.
#[derive(Debug, Parser)]
#[command(name = "newsindex", version, about, long_about = None)]
pub struct Cli {
    /// Index directory.
    #[arg(
        long,
        global = true,
        env = "NEWSINDEX_INDEX",
        default_value = ".newsindex"
    )]
    pub index: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index files and folders (re-running is incremental).
    Index(IndexArgs),
    /// Search the index.
    Search(SearchArgs),
    /// Print one article with all its fields.
    Show {
        /// The article id, as search prints it.
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Time each query of a file: p50/p95/p99 latency over many runs in one process.
    Bench {
        /// Query file: one query per line, or one JSON search request per line.
        #[arg(long)]
        queries: PathBuf,
        /// Timed runs per query (after one warm-up run).
        #[arg(long, default_value_t = 100)]
        runs: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show what indexing would store for each article of a file (or stdin text), with every
    /// person, place and organisation mention found and the canonical name it got.
    Extract {
        /// The file to read, or `-` for plain text on stdin.
        file: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Score entity extraction: against Reuters-21578's gold PLACES/PEOPLE/ORGS tags
    /// (document level, with throughput) and/or GUM's named mentions (mention level).
    Evaluate {
        /// The Reuters-21578 folder (the .sgm files and the all-*-strings.lc.txt vocabularies).
        #[arg(long, required_unless_present = "gum")]
        reuters: Option<PathBuf>,
        /// The GUM folder (gum-news): also score mentions, each against the gold mentions
        /// that have a Wikipedia identity.
        #[arg(long)]
        gum: Option<PathBuf>,
        /// LEWISSPLIT to score: `test` (report) or `train` (tune).
        #[arg(long, default_value = "test")]
        split: String,
        /// Also list the N most frequent misses and false alarms per type.
        #[arg(long, default_value_t = 0)]
        errors: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Article count, index size, date span and top facet values.
    Stats {
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// How many values to list per facet.
        #[arg(long, default_value_t = 10)]
        top: usize,
    },
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files and folders to index.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Delete the index and build it anew (needed after a schema change).
    #[arg(long)]
    pub rebuild: bool,
    /// Only read files with these extensions (comma-separated: sgm,json).
    #[arg(long, value_delimiter = ',')]
    pub ext: Option<Vec<String>>,
    /// Index only the people/places/orgs/topics the files supply: no dateline places, no
    /// extraction from the text.
    #[arg(long)]
    pub supplied_only: bool,
    /// Writer memory budget in MiB.
    #[arg(long, default_value_t = 256)]
    pub memory_mb: usize,
    /// Writer threads (default: cores, up to 4).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Commit after at least this many articles (at a file boundary); an interrupted run keeps
    /// what was committed.
    #[arg(long, default_value_t = 100_000)]
    pub commit_every: usize,
    /// Skip files larger than this many MiB (JSON Lines files are streamed: no limit).
    #[arg(long, default_value_t = 1024)]
    pub max_file_mb: u64,
    /// Print the summary as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// No progress output.
    #[arg(long, short)]
    pub quiet: bool,
    /// List every warning, not only the first few.
    #[arg(long, short)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words (all must match), "phrases", -excluded, OR, field:term. Leave out to
    /// browse. A query that starts with "-" goes after "--": `search -- -bundesbank`.
    pub query: Vec<String>,
    /// Only articles mentioning this person (repeatable: any of them).
    #[arg(long)]
    pub person: Vec<String>,
    /// Only articles about this place.
    #[arg(long)]
    pub place: Vec<String>,
    /// Only articles about this organisation.
    #[arg(long)]
    pub org: Vec<String>,
    /// Only articles with this topic.
    #[arg(long)]
    pub topic: Vec<String>,
    /// Only articles from this source.
    #[arg(long)]
    pub source: Vec<String>,
    /// Earliest date: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, allow_hyphen_values = true)]
    pub from: Option<String>,
    /// Latest date, the whole year/month/day included: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, allow_hyphen_values = true)]
    pub to: Option<String>,
    /// Order of hits (default: relevance with a query, newest without).
    #[arg(long, value_enum)]
    pub sort: Option<SortArg>,
    /// Hits to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Hits to skip (for paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Facets to count over all matches: people,places,orgs,topics,source.
    #[arg(long)]
    pub facets: Vec<String>,
    /// Values to show per facet.
    #[arg(long, default_value_t = 10)]
    pub facet_size: usize,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortArg {
    Relevance,
    Newest,
    Oldest,
}

impl From<SortArg> for newsindex::Sort {
    fn from(sort: SortArg) -> Self {
        match sort {
            SortArg::Relevance => newsindex::Sort::Relevance,
            SortArg::Newest => newsindex::Sort::Newest,
            SortArg::Oldest => newsindex::Sort::Oldest,
        }
    }
}
