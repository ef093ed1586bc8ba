//! Reliability: hostile files, interrupted and concurrent runs, hostile queries, id collisions.
//! Every test here runs the real binary on folders it writes itself.

mod common;

use std::io::{BufRead, BufReader};
use std::os::unix::ffi::OsStrExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::TestEnv;

/// Writes `count` small text articles, each about `words` words long.
fn write_many(env: &TestEnv, count: usize, words: usize) {
    let filler = "harbour grain shipping ".repeat(words / 3 + 1);
    for i in 0..count {
        env.write(
            &format!("bulk/{:03}/story-{i:05}.txt", i / 100),
            format!("Story number {i}\n\nMarker{i} {filler}\n"),
        );
    }
}

fn spawn_index(env: &TestEnv, extra: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_newsindex"))
        .arg("--index")
        .arg(env.index_dir())
        .arg("index")
        .arg(env.corpus())
        .args(extra)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn newsindex")
}

fn article_count(env: &TestEnv) -> u64 {
    let run = env.run(&["stats", "--json"]);
    assert_eq!(run.code, 0, "the index must open: {}", run.stderr);
    run.json()["articles"].as_u64().unwrap()
}

#[test]
fn hostile_files_are_named_and_every_good_article_is_indexed() {
    let env = TestEnv::new();
    let deep_path = "deep/".repeat(60) + "deep.txt";
    let good: Vec<(&str, Vec<u8>)> = vec![
        (
            "good.txt",
            "A good story\n\nPlain text.\n".as_bytes().to_vec(),
        ),
        ("latin1.txt", b"Caf\xe9 story\n\nNa\xefve text.\n".to_vec()),
        (
            "cp1252.txt",
            b"\x93Quoted\x94 story\n\nSmart quotes \x96 dashes.\n".to_vec(),
        ),
        (
            "utf16be.txt",
            common::utf16_with_bom("Big-endian story\n\nText.", true),
        ),
        ("one-line.txt", "endless ".repeat(200_000).into_bytes()),
        (
            "wrong-types.json",
            br#"{"title": 5, "text": "kept", "people": 7, "date": {"y": 1}}"#.to_vec(),
        ),
        (
            "ragged.csv",
            b"title,text\nRagged row,body,extra,more\nShort row\n".to_vec(),
        ),
        (&deep_path, b"Deep story\n\nFar down.\n".to_vec()),
    ];
    for (name, bytes) in &good {
        env.write(name, bytes);
    }
    // 3 articles from a truncated SGML file, 2 from a JSON Lines file with one bad line.
    env.write(
        "truncated.sgm",
        "<REUTERS NEWID=\"1\"><TEXT><TITLE>ONE</TITLE><BODY>First.</BODY></TEXT></REUTERS>\n\
         <REUTERS NEWID=\"2\"><TEXT><TITLE>TWO</TITLE><BODY>Unbalanced </TITLE></REUTERS>\n\
         <REUTERS NEWID=\"3\"><DATE>1-MAR-1987</DATE><TEXT><TITLE>THREE</TITLE><BODY>Cut off here",
    );
    env.write(
        "mixed.jsonl",
        "{\"title\": \"Line one\"}\n{\"title\": \n{\"title\": \"Line three\"}\n",
    );
    let bad = [
        "empty.txt",
        "junk.txt",
        "mixed.jsonl:2",
        "fifo.txt",
        "socket.jsonl",
        "huge.txt",
        "loop",
    ];
    env.write("empty.txt", "");
    env.write(
        "junk.txt",
        [0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0xff, 0xfe],
    );
    std::fs::create_dir_all(env.corpus().join("folder.json")).unwrap();
    let fifo = env.corpus().join("fifo.txt");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let _socket =
        std::os::unix::net::UnixListener::bind(env.corpus().join("socket.jsonl")).unwrap();
    std::os::unix::fs::symlink(env.corpus(), env.corpus().join("loop")).unwrap();
    // A 3 GiB sparse file: over the default 1 GiB limit, so it must be refused without reading.
    let huge = std::fs::File::create(env.corpus().join("huge.txt")).unwrap();
    huge.set_len(3 << 30).unwrap();
    // A file name that is not UTF-8 is still indexed.
    let odd_name = env
        .corpus()
        .join(std::ffi::OsStr::from_bytes(b"odd-\xff-name.txt"));
    std::fs::write(odd_name, "Odd name story\n\nStill indexed.\n").unwrap();

    let started = Instant::now();
    let (code, summary) = env.index(&[]);
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "the sparse file was not read"
    );
    assert_eq!(code, 2, "{summary}");
    let ids = env.ids(&["--limit", "100"]);
    // The ragged CSV holds two rows; SGML 3, JSON Lines 2, the odd file name 1.
    assert_eq!(
        summary["articles_total"],
        good.len() + 1 + 3 + 2 + 1,
        "{summary:#} {ids:#?}"
    );
    let errors = common::messages(&summary["errors"]);
    for name in bad {
        assert!(
            errors.iter().any(|e| e.contains(name)),
            "{name} is not reported: {errors:#?}"
        );
    }
    assert!(errors
        .iter()
        .any(|e| e.contains("huge.txt") && e.contains("limit")));
    assert!(
        errors
            .iter()
            .any(|e| e.contains("loop") && e.contains("loop")),
        "{errors:#?}"
    );
    assert_eq!(errors.len(), bad.len(), "{errors:#?}");
    assert_eq!(env.total(&["naïve"]), 1);
    assert_eq!(env.total(&["\"smart quotes\""]), 1);
    assert_eq!(env.total(&["endless"]), 1);
    assert_eq!(env.total(&["cut"]), 1, "the truncated document is kept");
    assert_eq!(env.total(&["odd"]), 1);
}

#[test]
fn sigkill_at_any_moment_leaves_an_index_that_opens_and_a_rerun_completes() {
    let env = TestEnv::new();
    write_many(&env, 1_500, 300);
    // Kill moments spread over a run; each later run continues where the last commit left off.
    // The first moments fall while the index folder is being created: then there is either no
    // index yet or one that opens, never a half-made one.
    for delay_ms in [2u64, 5, 10, 20, 40, 150, 300, 600] {
        let mut child = spawn_index(&env, &["--commit-every", "150", "--json"]);
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap();
        child.wait().unwrap();
        let stats = env.run(&["stats", "--json"]);
        if stats.code != 0 {
            assert!(
                stats.stderr.contains("no meta.json"),
                "killed after {delay_ms} ms: {}",
                stats.stderr
            );
            continue;
        }
        let count = stats.json()["articles"].as_u64().unwrap();
        assert!(count <= 1_500, "no article twice: {count}");
        assert_eq!(env.run(&["search", "--json", "harbour"]).code, 0);
    }
    let (code, summary) = env.index(&[]);
    assert_eq!(
        code, 0,
        "a killed writer's lock does not wedge the index: {summary}"
    );
    assert_eq!(summary["articles_total"], 1_500);
    assert_eq!(article_count(&env), 1_500);
    assert_eq!(env.total(&["marker1234"]), 1);
}

#[test]
fn ctrl_c_commits_what_is_done_and_says_so() {
    let env = TestEnv::new();
    write_many(&env, 4_000, 1_500);
    let mut child = spawn_index(&env, &["--commit-every", "1000000"]);
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    // The first progress line comes after the first batch of files: the run is under way.
    let first = lines.next().expect("a progress line").unwrap();
    assert!(first.starts_with("indexing:"), "{first}");
    let signalled = Command::new("kill")
        .arg("-INT")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(signalled.success());
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    let status = child.wait().unwrap();
    let rest = rest.join("\n");
    assert_eq!(status.code(), Some(130), "{rest}");
    assert!(
        rest.contains("interrupted") && rest.contains("committed"),
        "{rest}"
    );
    let partial = article_count(&env);
    assert!(
        partial > 0 && partial < 4_000,
        "the finished batches were committed: {partial}"
    );
    let (code, summary) = env.index(&[]);
    assert_eq!(code, 0);
    assert_eq!(summary["files_unchanged"].as_u64().unwrap(), partial);
    assert_eq!(article_count(&env), 4_000);
}

#[test]
fn searches_succeed_while_an_index_run_is_in_progress() {
    let env = TestEnv::new();
    write_many(&env, 3_000, 300);
    env.index(&["--ext", "none"]); // creates the empty index
    let mut child = spawn_index(&env, &["--commit-every", "300", "--json"]);
    let mut searches = 0;
    let mut last_total = 0;
    while child.try_wait().unwrap().is_none() {
        let run = env.run(&["search", "--json", "--limit", "1", "harbour"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let total = run.json()["total"].as_u64().unwrap();
        assert!(
            total >= last_total,
            "commits only add here: {total} < {last_total}"
        );
        last_total = total;
        searches += 1;
    }
    assert!(child.wait().unwrap().success());
    assert!(searches >= 1);
    assert_eq!(env.total(&["harbour"]), 3_000);
}

#[test]
fn hostile_queries_return_results_or_one_line_errors() {
    let env = TestEnv::new();
    write_many(&env, 20, 10);
    env.index(&[]);
    let long = "harbour ".repeat(2_000);
    let too_long = "harbour ".repeat(5_000);
    let deep = format!("{}harbour{}", "(".repeat(100), ")".repeat(100));
    let cases: Vec<Vec<&str>> = vec![
        vec!["\"unbalanced"],
        vec!["(harbour"],
        vec!["harbour)"],
        vec!["AND"],
        vec!["OR"],
        vec!["NOT"],
        vec!["+"],
        vec!["harbour AND"],
        vec!["nosuch:field"],
        vec!["date:[-99999999999 TO 999999999999999]"],
        vec!["99999999999999999999999999999"],
        vec!["id:-1"],
        vec!["harbour\u{7}\u{1b}"],
        vec![&long],
        vec![&too_long],
        vec![&deep],
        vec!["harbour", "--limit", "18446744073709551615"],
        vec!["harbour", "--offset", "18446744073709551615"],
        vec![
            "harbour",
            "--facets",
            "places",
            "--facet-size",
            "18446744073709551615",
        ],
        vec!["harbour", "--from", "1987-02-30"],
        vec!["harbour", "--from", "99999"],
        vec!["harbour", "--to", "-1"],
        vec!["harbour", "--from", "2020", "--to", "1990"],
        vec!["--", "-"],
        vec!["*"],
        vec!["harbour~99"],
        vec!["\"\""],
        vec!["title:"],
        // Found by `cargo fuzz run query`: an unknown field with `*` failed inside tantivy.
        vec!["oil/OR placesnajpa:*"],
    ];
    for args in cases {
        let mut all = vec!["search", "--json"];
        all.extend(args.iter().copied());
        let run = env.run(&all);
        let shown: String = format!("{args:?}").chars().take(80).collect();
        assert!(!run.stderr.contains("panicked"), "{shown}: {}", run.stderr);
        match run.code {
            0 => {
                let total = run.json()["total"].as_u64();
                assert!(total.is_some(), "{shown}");
            }
            1 => {
                assert_eq!(run.stderr.lines().count(), 1, "{shown}: {}", run.stderr);
                assert!(run.stderr.starts_with("error: "), "{shown}: {}", run.stderr);
            }
            other => panic!("{shown}: exit code {other}: {}", run.stderr),
        }
    }
}

#[test]
fn colliding_ids_are_reported_not_overwritten() {
    let env = TestEnv::new();
    let sgml = "<REUTERS NEWID=\"7\"><TEXT><TITLE>ORIGINAL</TITLE><BODY>First copy.</BODY></TEXT></REUTERS>\n";
    env.write("a/wire.sgm", sgml);
    let (code, _) = env.index(&[]);
    assert_eq!(code, 0);
    env.write(
        "b/wire.sgm",
        sgml.replace("ORIGINAL", "DUPLICATE")
            .replace("First", "Second"),
    );
    env.write(
        "c/dupes.jsonl",
        "{\"id\": \"x\", \"title\": \"One\"}\n{\"id\": \"x\", \"title\": \"Two\"}\n",
    );
    let (code, summary) = env.index(&[]);
    assert_eq!(
        code, 0,
        "collisions are warnings, nothing is skipped: {summary}"
    );
    assert_eq!(summary["articles_total"], 4);
    let warnings = summary["warnings"].to_string();
    assert!(
        warnings.contains("reuters-7") && warnings.contains("already used"),
        "{warnings}"
    );
    let original = env.run(&["show", "--json", "reuters-7"]).json();
    assert_eq!(
        original["title"], "ORIGINAL",
        "the first article keeps its id"
    );
    let copy = env
        .run(&["show", "--json", "reuters-7@corpus/b/wire.sgm"])
        .json();
    assert_eq!(copy["title"], "DUPLICATE");
    assert_eq!(env.total(&["one OR two"]), 2);

    // Re-indexing changes nothing: the original keeps its id, the copy its qualified one.
    let (_, again) = env.index(&[]);
    assert_eq!(again["articles_total"], 4);
    assert_eq!(again["files_unchanged"], 3);
}

#[test]
fn a_closed_output_pipe_ends_quietly() {
    let env = TestEnv::new();
    write_many(&env, 400, 60);
    env.index(&[]);
    // 400 hits with snippets is far more than a pipe buffer holds, so the write meets the
    // closed pipe, as `newsindex search ... | head` does.
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsindex"))
        .arg("--index")
        .arg(env.index_dir())
        .args(["search", "harbour", "--limit", "400"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(0), "{stderr}");
}
