#!/usr/bin/env python3
"""Benchmark newsindex against tantivy-cli on Reuters-21578, on this machine, in one run.

    python3 scripts/bench.py [--runs N] [--work DIR] [--skip-build]

1. indexes ../shared/corpora/reuters21578 from raw SGML with newsindex (3 runs, median wall time,
   peak RSS from /usr/bin/time);
2. converts the same 21,578 documents to JSONL (shared/tools/reuters_to_jsonl.py) and indexes them
   with tantivy-cli (`cargo install tantivy-cli`), same schema fields, 3 runs;
3. runs the query classes of benches/reuters-queries.txt in-process on both (`newsindex bench`,
   `tantivy bench`), and benches/reuters-queries-facets.txt (facet counts on) on newsindex;
4. times cold one-shot search processes of both;
5. prints one table with newsindex / tantivy-cli ratios.
The tantivy-cli half is skipped, saying so, when `tantivy` is not on PATH. Numbers are printed,
never asserted. tantivy-cli's bench times `searcher.search` only; newsindex's `p50` includes
parsing the query string too (what a caller pays)."""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = Path(os.environ.get("NEWSINDEX_CORPORA", ROOT.parent / "shared" / "corpora"))
TOOLS = CORPORA.parent / "tools"
NEWSINDEX = ROOT / "target" / "release" / "newsindex"

# tantivy-cli's schema for the same fields newsindex indexes (tantivy 0.24 meta.json format).
# The date is a fast field only: tantivy-cli searches every indexed field by default, and its
# parser fails on a bare word against an indexed date field. Range queries run on the column.
def text_field(name, tokenizer, record="position"):
    return {"name": name, "type": "text", "options": {
        "indexing": {"record": record, "fieldnorms": True, "tokenizer": tokenizer},
        "stored": True, "fast": False}}

TANTIVY_SCHEMA = [
    text_field("id", "raw", "basic"),
    text_field("title", "en_stem"),
    text_field("dateline", "default"),
    {"name": "date", "type": "date", "options": {"indexed": False, "fieldnorms": False, "fast": True,
                                                   "stored": True, "precision": "seconds"}},
    text_field("body", "en_stem"),
    text_field("people", "raw", "basic"),
    text_field("places", "raw", "basic"),
    text_field("orgs", "raw", "basic"),
    text_field("topics", "raw", "basic"),
]


def timed(cmd, stdin=None, stdout=subprocess.DEVNULL):
    """Wall seconds and peak RSS (MB) of one command."""
    with tempfile.NamedTemporaryFile("r") as report:
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report.name, *cmd], stdin=stdin,
                       stdout=stdout, check=True)
        wall = time.perf_counter() - start
        rss_kb = int(report.read().strip().splitlines()[-1])
    return wall, rss_kb / 1024


def plain_queries(path, dest):
    lines = [l.strip() for l in path.read_text().splitlines() if l.strip() and not l.startswith("#")]
    dest.write_text("\n".join(lines) + "\n")
    return lines


def newsindex_bench(index, queries, runs):
    out = subprocess.run([NEWSINDEX, "--index", index, "bench", "--queries", queries, "--runs",
                          str(runs), "--json"], check=True, capture_output=True, text=True).stdout
    return {r["query"]: r for r in json.loads(out)}


def tantivy_bench(index, queries, runs):
    out = subprocess.run(["tantivy", "bench", "-i", index, "-q", queries, "-n", str(runs)],
                         check=True, capture_output=True, text=True).stdout
    times, hits = {}, {}
    section = None
    for line in out.splitlines():
        if line.startswith("SEARCH"):
            section = "search"
        elif line.startswith("FETCH STORE"):
            section = None
        parts = line.split("\t")
        if section == "search" and len(parts) == 3 and parts[2].isdigit():
            times.setdefault(parts[0], []).append(int(parts[2]))
            hits[parts[0]] = int(parts[1])
    return {q: {"hits": hits[q], "p50_us": statistics.median(t)} for q, t in times.items()}


def cold_search(cmd, runs=20):
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--work", default="/tmp/newsindex-bench")
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    if not args.skip_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    reuters = CORPORA / "reuters21578"
    if not reuters.is_dir():
        sys.exit(f"the Reuters corpus is not at {reuters}")
    have_tantivy = shutil.which("tantivy") is not None
    rows = []

    ni_index = work / "newsindex"
    ni_runs = []
    for _ in range(3):
        shutil.rmtree(ni_index, ignore_errors=True)
        ni_runs.append(timed([NEWSINDEX, "--index", ni_index, "index", reuters, "--ext", "sgm", "--json"]))
    ni_wall = statistics.median(w for w, _ in ni_runs)
    ni_rss = max(r for _, r in ni_runs)

    queries = work / "queries.txt"
    labels = plain_queries(ROOT / "benches" / "reuters-queries.txt", queries)
    ni = newsindex_bench(ni_index, queries, args.runs)
    ni_facets = newsindex_bench(ni_index, ROOT / "benches" / "reuters-queries-facets.txt", args.runs)
    ni_cold = cold_search([NEWSINDEX, "--index", ni_index, "search", "oil prices", "--json"])

    if have_tantivy:
        jsonl = work / "reuters.jsonl"
        subprocess.run([sys.executable, TOOLS / "reuters_to_jsonl.py", reuters, jsonl], check=True,
                       stderr=subprocess.DEVNULL)
        tc_index = work / "tantivy-cli"
        tc_runs = []
        for _ in range(3):
            shutil.rmtree(tc_index, ignore_errors=True)
            tc_index.mkdir()
            meta = {"index_settings": {"docstore_compression": "lz4", "docstore_blocksize": 16384},
                    "segments": [], "schema": TANTIVY_SCHEMA, "opstamp": 0}
            (tc_index / "meta.json").write_text(json.dumps(meta))
            with open(jsonl) as docs:
                tc_runs.append(timed(["tantivy", "index", "-i", tc_index], stdin=docs))
        tc_wall = statistics.median(w for w, _ in tc_runs)
        tc_rss = max(r for _, r in tc_runs)
        tc = tantivy_bench(tc_index, queries, args.runs)
        tc_cold = cold_search(["tantivy", "search", "-i", tc_index, "-q", "+oil +prices"])
    else:
        print("tantivy-cli not found on PATH (install: cargo install tantivy-cli): "
              "its half of the table is skipped", file=sys.stderr)

    def ratio(a, b):
        return f"{a / b:.2f}" if b else "-"

    print(f"\nmachine: {os.cpu_count()} cores; corpus: Reuters-21578, 21,578 documents; "
          f"{args.runs} runs per query after a warm-up\n")
    print(f"{'measure':<58} {'newsindex':>12} {'tantivy-cli':>12} {'ratio':>7}")
    def row(name, a, b, unit):
        bs = f"{b:.1f} {unit}" if b is not None else "-"
        print(f"{name:<58} {a:>9.1f} {unit:<2} {bs:>12} {ratio(a, b) if b is not None else '-':>7}")
    row("index from raw SGML (ni) / JSONL (tc), median wall, s", ni_wall, tc_wall if have_tantivy else None, "s")
    row("index peak RSS, MB", ni_rss, tc_rss if have_tantivy else None, "MB")
    for label in labels:
        theirs = tc.get(label) if have_tantivy else None
        name = f"p50 {label[:44]} [{ni[label]['hits']} hits]"
        if theirs and theirs["hits"] != ni[label]["hits"]:
            name += f" (tc {theirs['hits']})"
        row(name, ni[label]["p50_us"], theirs["p50_us"] if theirs else None, "us")
    for label, result in ni_facets.items():
        query = json.loads(label)
        row(f"p50 +4 facets: {query['query'][:40]}", result["p50_us"], None, "us")
    row("full search p50 (hits + snippets): oil", ni["oil"]["full_p50_us"], None, "us")
    row("cold one-shot search process, median", ni_cold, tc_cold if have_tantivy else None, "ms")


if __name__ == "__main__":
    main()
