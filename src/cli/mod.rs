//! The command line: [`args`] holds the clap definitions, this module resolves them into the
//! library's request types and calls the library, and [`render`] prints results for people or
//! as JSON for scripts. Nothing outside this folder knows about clap or terminals.

mod args;
mod render;

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use newsindex::{calendar_range, Archive, Facet, IndexOptions, IndexProgress, SearchRequest};

use args::{Cli, Command, IndexArgs, SearchArgs};

/// Runs the command line and returns the process exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            // Help and version are successes; a usage error is fatal (1), like any other: exit
            // code 2 is reserved for index runs that skipped files.
            return if error.use_stderr() { 1 } else { 0 };
        }
    };
    match dispatch(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            1
        }
    }
}

fn dispatch(cli: Cli) -> Result<i32> {
    let style = render::Style::detect();
    match cli.command {
        Command::Index(args) => index(&cli.index, args, style),
        Command::Search(args) => {
            let archive = Archive::open(&cli.index)?;
            let json = args.json;
            let request = search_request(args)?;
            let results = archive.search(&request)?;
            if json {
                render::print_json(&results)?;
            } else {
                render::print_results(&results, &request, style);
            }
            Ok(0)
        }
        Command::Show { id, json } => {
            let archive = Archive::open(&cli.index)?;
            let article = archive.article(&id)?;
            if json {
                render::print_json(&article)?;
            } else {
                render::print_article(&article, style);
            }
            Ok(0)
        }
        Command::Bench {
            queries,
            runs,
            json,
        } => {
            let archive = Archive::open(&cli.index)?;
            let text = std::fs::read_to_string(&queries)
                .with_context(|| format!("cannot read the query file {}", queries.display()))?;
            let queries = newsindex::bench::parse_query_file(&text)?;
            let results = newsindex::bench::run(&archive, &queries, runs)?;
            if json {
                render::print_json(&results)?;
            } else {
                render::print_bench(&results, runs);
            }
            Ok(0)
        }
        Command::Extract { file, json } => {
            let extraction = if file.as_os_str() == "-" {
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
                    .context("cannot read stdin")?;
                newsindex::extract::extract("stdin", newsindex::formats::Format::Text, &bytes)?
            } else {
                newsindex::extract::extract_file(&file)?
            };
            if json {
                render::print_json(&extraction)?;
            } else {
                render::print_extraction(&extraction, style);
            }
            Ok(0)
        }
        Command::Evaluate {
            reuters,
            gum,
            split,
            errors,
            json,
        } => {
            let mut tally = render::ErrorTally::default();
            let reuters = match reuters {
                Some(dir) => Some(newsindex::evaluate::reuters(
                    &dir,
                    &split.to_ascii_uppercase(),
                    &mut |_, judged| tally.add(judged),
                )?),
                None => None,
            };
            let gum = gum.map(|dir| newsindex::evaluate::gum(&dir)).transpose()?;
            if json {
                render::print_json(&serde_json::json!({"reuters": reuters, "gum": gum}))?;
            } else {
                if let Some(evaluation) = &reuters {
                    render::print_evaluation(evaluation, &tally, errors);
                }
                if let Some(evaluation) = &gum {
                    render::print_mention_evaluation(evaluation);
                }
            }
            Ok(0)
        }
        Command::Stats { json, top } => {
            let archive = Archive::open(&cli.index)?;
            let stats = archive.stats(top)?;
            if json {
                render::print_json(&stats)?;
            } else {
                render::print_stats(&stats, archive.dir(), style);
            }
            Ok(0)
        }
    }
}

fn index(dir: &std::path::Path, args: IndexArgs, style: render::Style) -> Result<i32> {
    let mut archive = if args.rebuild {
        Archive::recreate(dir)?
    } else {
        Archive::create(dir)?
    };
    let options = IndexOptions {
        memory_budget: args.memory_mb << 20,
        threads: args.threads,
        extensions: args.ext.clone(),
        enrich: if args.supplied_only {
            newsindex::enrich::EnrichOptions::supplied_only()
        } else {
            newsindex::enrich::EnrichOptions::default()
        },
        max_file_bytes: args.max_file_mb << 20,
        commit_every: args.commit_every.max(1),
        cancel: Some(stop_on_ctrl_c()),
        ..IndexOptions::default()
    };
    let mut reporter = ProgressReporter::new(!args.json && !args.quiet);
    let summary = archive
        .index(&args.paths, &options, &mut |p| reporter.update(p))
        .context("indexing stopped")?;
    reporter.finish();
    if args.json {
        render::print_json(&summary)?;
    } else {
        render::print_index_summary(&summary, args.verbose, style);
    }
    if summary.interrupted {
        eprintln!(
            "interrupted: {} files read before Ctrl-C are committed; run the same command again to index the rest",
            summary.files_indexed
        );
        return Ok(EXIT_INTERRUPTED);
    }
    Ok(if summary.errors.is_empty() { 0 } else { 2 })
}

/// The shell's convention for a process stopped by SIGINT.
const EXIT_INTERRUPTED: i32 = 130;

/// A flag that the first Ctrl-C sets, so indexing stops after the current batch and commits it.
/// A second Ctrl-C exits at once; the index then stays at its last commit, which is safe too.
fn stop_on_ctrl_c() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let handler_flag = Arc::clone(&flag);
    let installed = ctrlc::set_handler(move || {
        if handler_flag.swap(true, Ordering::SeqCst) {
            std::process::exit(EXIT_INTERRUPTED);
        }
        eprintln!("\nstopping after the current batch of files (Ctrl-C again to stop at once; nothing committed is lost)");
    });
    if let Err(error) = installed {
        eprintln!(
            "warning: Ctrl-C will stop indexing without committing the current batch ({error})"
        );
    }
    flag
}

/// A progress bar on a terminal; a plain line every few seconds otherwise.
struct ProgressReporter {
    bar: Option<ProgressBar>,
    plain: bool,
    started: Instant,
    last_line: Option<Instant>,
}

impl ProgressReporter {
    fn new(enabled: bool) -> Self {
        let terminal = std::io::stderr().is_terminal();
        let bar = (enabled && terminal).then(|| {
            let bar = ProgressBar::new(0);
            let template = "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} files {msg}";
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style);
            }
            bar
        });
        ProgressReporter {
            bar,
            plain: enabled && !terminal,
            started: Instant::now(),
            last_line: None,
        }
    }

    fn update(&mut self, progress: &IndexProgress) {
        let seconds = self.started.elapsed().as_secs_f64().max(1e-3);
        let rate = format!(
            "{} articles, {:.0} files/s, {:.0} articles/s",
            progress.articles,
            progress.files_read as f64 / seconds,
            progress.articles as f64 / seconds
        );
        if let Some(bar) = &self.bar {
            bar.set_length(progress.files_to_read as u64);
            bar.set_position(progress.files_read as u64);
            bar.set_message(rate);
        } else if self.plain
            && progress.files_read > 0
            && self
                .last_line
                .is_none_or(|at| at.elapsed() > Duration::from_secs(5))
        {
            eprintln!(
                "indexing: {}/{} files, {rate}",
                progress.files_read, progress.files_to_read
            );
            self.last_line = Some(Instant::now());
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

type Day = chrono::DateTime<chrono::Utc>;

fn date_bound(text: Option<&str>, flag: &str, pick: fn((Day, Day)) -> Day) -> Result<Option<Day>> {
    text.map(|text| calendar_range(text).map(pick))
        .transpose()
        .map_err(|e| anyhow::anyhow!("bad {flag}: {e}"))
}

fn search_request(args: SearchArgs) -> Result<SearchRequest> {
    // --from starts at the beginning of the period it names, --to ends after its end.
    let from = date_bound(args.from.as_deref(), "--from", |(start, _)| start)?;
    let to = date_bound(args.to.as_deref(), "--to", |(_, end)| end)?;
    let facets = args
        .facets
        .iter()
        .flat_map(|list| list.split(','))
        .filter(|name| !name.trim().is_empty())
        .map(str::parse::<Facet>)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(SearchRequest {
        query: args.query.join(" "),
        people: args.person,
        places: args.place,
        orgs: args.org,
        topics: args.topic,
        sources: args.source,
        from,
        to,
        sort: args.sort.map(Into::into),
        limit: args.limit,
        offset: args.offset,
        facets,
        facet_size: args.facet_size,
        ..SearchRequest::default()
    })
}
