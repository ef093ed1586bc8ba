//! The `newsindex` command: parses arguments and hands them to the CLI module. Exit codes:
//! 0 success, 1 a fatal error (printed on stderr), 2 an index run that finished but skipped
//! some files or records.

mod cli;

fn main() {
    std::process::exit(cli::run());
}
