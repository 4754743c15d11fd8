#!/usr/bin/env bash
# Side-by-side timing of the frames a short clip's watermark search needs: mediavet
# samples 24 pictures of a 12 s clip with a keyframe every 2 s (6 keyframes, 18 pictures
# decoded between them), against ffmpeg decoding the same 24 pictures (every picture up
# to the last one wanted, grey, a select filter keeping them). Two fixtures: without
# B-pictures (openh264 decodes all 24) and with them (the pictures between keyframes
# come from ffmpeg, by time).
# Needs: ffmpeg, hyperfine (apt-get install -y ffmpeg hyperfine).
# Usage: benches/between.sh [RUNS]   (default 10 runs per command)
set -euo pipefail
runs=${1:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/target/bench"
mkdir -p "$out"
cargo build --quiet --release -p mediavet-cli --manifest-path "$root/Cargo.toml"
bin="$root/target/release/mediavet"
for clip in gop2s_bf0 gop2s_bf3; do
  file="$root/testdata/video/$clip.mp4"
  # The 24 pictures mediavet keeps, as frame numbers for ffmpeg's select filter.
  frames=$("$bin" probe --frames "$file" | python3 -c 'import json,sys
v=[t for t in json.load(sys.stdin)["files"][0]["container"]["tracks"] if t["kind"]=="video"][0]
print("+".join("eq(n\\,%d)" % round(t*25) for t in v["video"]["frames"]["times_s"]))')
  hyperfine -N --warmup 2 --runs "$runs" --export-json "$out/between_$clip.json" \
    -n "mediavet probe --frames ($clip)" "$bin probe --frames $file" \
    -n "ffmpeg, the same 24 pictures ($clip)" \
    "ffmpeg -nostdin -v error -i $file -an -vf select='$frames',format=gray -vsync passthrough -f null -"
done
