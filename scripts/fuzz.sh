#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo fuzz, libFuzzer) of every input-facing parser.
#
#   scripts/fuzz.sh [SECONDS] [TARGET…]
#
# Runs each target (all of them by default: see fuzz/Cargo.toml) for SECONDS (default 60)
# with a 10 s per-input timeout and a 512 MB memory limit, seeded with the fixtures in
# testdata/ and the small files of ../shared/corpus/ (or $MEDIAVET_CORPUS) and a
# dictionary of box types, markers and tags. What a target learns stays in
# fuzz/corpus/TARGET (not committed); a crash, hang or out-of-memory input is written to
# fuzz/artifacts/TARGET, and the script exits 1 after running the others. Keep such an
# input under testdata/fuzz/TARGET/: crates/mediavet/tests/fuzz_regressions.rs replays it
# on stable under `cargo test`.
#
# Needs the nightly toolchain (on this project's machines) and cargo-fuzz, which it
# installs from crates.io when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

secs=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(sed -n 's/^name = "\(.*\)"$/\1/p' fuzz/Cargo.toml | grep -v '^mediavet-fuzz$')
fi

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --quiet
corpus_root=${MEDIAVET_CORPUS:-../shared/corpus}

# Seed files of a target: fixtures and corpus files up to $FUZZ_SEED_MAX bytes (default
# 300 kB: larger ones slow every mutation down and add little the small ones lack). The
# short smoke run of the tests sets 100 kB: the 39 MP4 seeds between 100 and 300 kB
# (1080p clips whose every check decodes dozens of pictures) take a minute to replay
# once, which would be most of a 20 s run.
seed_max=${FUZZ_SEED_MAX:-300000}
seeds_of() {
  local t=$1
  case $t in
    mp4) ls testdata/video/*.mp4 testdata/video/*.mov testdata/subtitle/*.mp4 \
            "$corpus_root"/video/* 2>/dev/null ;;
    jpeg) ls testdata/photo/*.jpg testdata/photo/group/*/*.jpg "$corpus_root"/image/*.jp* 2>/dev/null ;;
    docx) ls testdata/text/*.docx "$corpus_root"/text/*.docx 2>/dev/null ;;
    text) ls testdata/text/*.txt "$corpus_root"/text/*.txt 2>/dev/null ;;
    subtitle) ls testdata/subtitle/*.srt testdata/subtitle/*.ass "$corpus_root"/subtitle/*.srt 2>/dev/null ;;
    profile) ls crates/mediavet/profiles/*.toml ;;
    intake) ls testdata/entries/*.eml testdata/entries/*.zip testdata/entries/neg/* ;;
    sheet) ls testdata/hostile/seeds/*.xlsx "$corpus_root"/doc/*.xls "$corpus_root"/doc/*.doc 2>/dev/null ;;
    unpack) ls testdata/hostile/*.7z testdata/hostile/*.rar testdata/entries/neg/*.rar ;;
  esac | while read -r f; do
    if [ "$(stat -c %s "$f")" -le "$seed_max" ]; then echo "$f"; fi
  done || true
  ls "testdata/fuzz/$t"/* 2>/dev/null || true
}

failed=()
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  seeds="target/fuzz-seeds/$t"
  rm -rf "$seeds" && mkdir -p "$seeds"
  seeds_of "$t" | while read -r f; do cp "$f" "$seeds/"; done
  dict=()
  [ -f "fuzz/dict/$t.dict" ] && dict=("-dict=fuzz/dict/$t.dict")
  echo "fuzz: $t for ${secs}s ($(ls "$seeds" | wc -l) seeds)" >&2
  # No sanitizer: the code is safe Rust but for openh264's C (which cargo fuzz does not
  # instrument anyway), and AddressSanitizer's shadow memory and quarantine would make
  # the 512 MB limit meaningless (a 90 MB check measures 519 MB under it).
  if ! cargo +nightly fuzz run --fuzz-dir fuzz --sanitizer none "$t" "fuzz/corpus/$t" "$seeds" -- \
      -max_total_time="$secs" -timeout=10 -rss_limit_mb=512 -print_final_stats=1 \
      -fork=1 -ignore_timeouts=1 -ignore_ooms=0 -ignore_crashes=0 \
      -artifact_prefix="fuzz/artifacts/$t/" "${dict[@]}" 2> "target/fuzz-$t.log"; then
    failed+=("$t")
    tail -n 40 "target/fuzz-$t.log" >&2
  fi
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)|cov: .* ft: ' "target/fuzz-$t.log" | tail -n 3 >&2 || true
done

# An input over the time limit is kept, not fatal: the instrumented build runs 10–20×
# slower than the real one (a 0.3 s check of a 25-keyframe clip takes 6 s here, and more
# while other work shares the cores). Keep it under testdata/fuzz/TARGET/ and
# tests/fuzz_regressions.rs says whether the real code takes over 10 s.
slow=$(find fuzz/artifacts -name 'timeout-*' 2>/dev/null | wc -l)
[ "$slow" -eq 0 ] || echo "fuzz: $slow input(s) over 10 s in the instrumented build, kept in fuzz/artifacts/ to replay" >&2

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: crashes, hangs or out-of-memory inputs in: ${failed[*]} (see fuzz/artifacts/)" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} targets ran ${secs}s each without a finding" >&2
