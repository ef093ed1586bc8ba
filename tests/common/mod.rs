//! A small test environment: a temporary folder to write articles into, an index folder beside
//! it, and helpers that run the real `newsindex` binary and parse its JSON output, so the tests
//! read like usage.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub struct TestEnv {
    pub temp: tempfile::TempDir,
}

/// What one run of the binary did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts that stderr contains every one of `needles`, showing stderr when it does not.
    pub fn assert_stderr_mentions(&self, needles: &[&str]) {
        for needle in needles {
            assert!(
                self.stderr.contains(needle),
                "stderr lacks {needle:?}:\n{}",
                self.stderr
            );
        }
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv {
            temp: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The folder articles are written into.
    pub fn corpus(&self) -> PathBuf {
        self.temp.path().join("corpus")
    }

    pub fn index_dir(&self) -> PathBuf {
        self.temp.path().join("index")
    }

    /// Writes a file under the corpus folder, creating folders as needed.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.corpus().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// Runs `newsindex --index <index_dir> ARGS`.
    pub fn run(&self, args: &[&str]) -> Run {
        run_binary(&self.index_dir(), args)
    }

    /// Runs `newsindex --index <index_dir> ARGS` with `input` on its stdin.
    pub fn run_with_stdin(&self, args: &[&str], input: &str) -> Run {
        use std::io::Write;
        let mut child = command(&self.index_dir(), args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run newsindex");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        finished(child.wait_with_output().expect("wait for newsindex"))
    }

    /// Indexes the corpus folder and returns the JSON summary (any exit code).
    pub fn index(&self, extra: &[&str]) -> (i32, Value) {
        let corpus = self.corpus();
        let mut args = vec!["index", corpus.to_str().unwrap(), "--json"];
        args.extend_from_slice(extra);
        let run = self.run(&args);
        (run.code, run.json())
    }

    /// Runs a search with `--json` and returns the parsed results, asserting success.
    pub fn search(&self, args: &[&str]) -> Value {
        let mut all = vec!["search", "--json"];
        all.extend_from_slice(args);
        let run = self.run(&all);
        assert_eq!(run.code, 0, "search {args:?} failed: {}", run.stderr);
        run.json()
    }

    /// Total hits of a search.
    pub fn total(&self, args: &[&str]) -> u64 {
        self.search(args)["total"].as_u64().unwrap()
    }

    /// Ids of the hits of a search, in order.
    pub fn ids(&self, args: &[&str]) -> Vec<String> {
        self.search(args)["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    }
}

pub fn run_binary(index: &Path, args: &[&str]) -> Run {
    finished(command(index, args).output().expect("run newsindex"))
}

fn command(index: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_newsindex"));
    command
        .arg("--index")
        .arg(index)
        .args(args)
        .env_remove("NEWSINDEX_INDEX")
        .env("NO_COLOR", "1");
    command
}

fn finished(output: Output) -> Run {
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The `{path, error}` entries of an index summary's `errors` or `warnings`, as "path: error".
pub fn messages(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("a list of messages")
        .iter()
        .map(|m| {
            format!(
                "{}: {}",
                m["path"].as_str().unwrap(),
                m["error"].as_str().unwrap()
            )
        })
        .collect()
}

/// `text` in UTF-16 with a byte-order mark, little- or big-endian.
pub fn utf16_with_bom(text: &str, big_endian: bool) -> Vec<u8> {
    let bom: [u8; 2] = if big_endian {
        [0xFE, 0xFF]
    } else {
        [0xFF, 0xFE]
    };
    let units = text.encode_utf16().flat_map(|unit| {
        if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        }
    });
    bom.into_iter().chain(units).collect()
}
