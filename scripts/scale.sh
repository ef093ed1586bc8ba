#!/usr/bin/env bash
# Scale run: build N resampled news articles (JSONL, real paragraphs from ../shared/corpora),
# index them with the release build, and time the queries of benches/scale-queries.txt.
#   scripts/scale.sh 100000      # or 1000000; WORK=/tmp/newsindex-scale by default
# Prints build time and peak RSS (/usr/bin/time), the index summary, index size and the ratio to
# the input, then `newsindex bench` latencies. Numbers are printed, never asserted.
set -euo pipefail
n=${1:-100000}
root=$(cd "$(dirname "$0")/.." && pwd)
corpora=${NEWSINDEX_CORPORA:-$root/../shared/corpora}
work=${WORK:-/tmp/newsindex-scale}
mkdir -p "$work"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/newsindex"
input="$work/$n.jsonl"
[ -f "$input" ] || python3 "$corpora/../tools/resample_corpus.py" "$corpora" "$n" "$input"
index="$work/index-$n"
rm -rf "$index"
/usr/bin/time -f "index: %e s wall, %M KB peak RSS" "$bin" --index "$index" index "$input" --json \
    > "$work/summary-$n.json"
grep -E '"articles_total"|"elapsed_ms"|"bytes_read"' "$work/summary-$n.json"
input_bytes=$(stat -c %s "$input")
index_bytes=$(du -sb "$index" | cut -f1)
echo "input $input_bytes bytes, index $index_bytes bytes, ratio $(python3 -c "print(round($index_bytes/$input_bytes, 2))")"
"$bin" --index "$index" bench --queries "$root/benches/scale-queries.txt" --runs 50
