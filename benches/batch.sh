#!/usr/bin/env bash
# Batch throughput: `mediavet check` over 200 small fixture files with --jobs 1 and
# --jobs 2, and Python's check_many against a loop of check (median of repeated runs).
# Needs hyperfine (apt-get install -y hyperfine) and the Python package built into
# target/pyenv (./scripts/test.sh does that).
# Usage: benches/batch.sh [RUNS]
set -euo pipefail
runs=${1:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/target/bench/batch200"
rm -rf "$dir" && mkdir -p "$dir"
# 200 files: the fixtures under 1 MB, copied round-robin.
mapfile -t small < <(find "$root/testdata/video" -type f -size -1024k | sort)
for i in $(seq 0 199); do
  f=${small[$((i % ${#small[@]}))]}
  cp "$f" "$dir/$(printf %03d "$i")-$(basename "$f")"
done
cargo build --quiet --release -p mediavet-cli --manifest-path "$root/Cargo.toml"
bin="$root/target/release/mediavet"
hyperfine -N --warmup 3 --runs "$runs" --ignore-failure --export-json "$root/target/bench/batch.json" \
  -n "check --jobs 1" "$bin check --format csv --jobs 1 $dir" \
  -n "check --jobs 2" "$bin check --format csv --jobs 2 $dir" >&2
python3 - "$root/target/bench/batch.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
one, two = r["check --jobs 1"], r["check --jobs 2"]
print(f"CLI, 200 files: --jobs 1 {one*1000:.1f} ms, --jobs 2 {two*1000:.1f} ms, speed-up {one/two:.2f}x")
PY
"$root/target/pyenv/bin/python" "$root/benches/python_batch.py" "$dir" "$runs"
