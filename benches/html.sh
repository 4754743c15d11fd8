#!/usr/bin/env bash
# The HTML report of 1 000 files: 300 videos, 400 photos and 300 texts (links to the
# corpus's H.264 videos and photos and to the text fixtures, used in place), each kind
# checked with its profile (micro-video without the text search, photo, text). Measures,
# in one hyperfine run per kind, the check writing JSON beside the same check writing the
# HTML page (thumbnails captured, page rendered: the page's cost over the JSON it is made
# from); then the pages' sizes (bytes per file, per kind; the three together for 1 000
# files) and the time headless Chromium takes to open the largest.
# Needs hyperfine, chromium; the corpus (../shared/corpus/{video,image}).
# Usage: benches/html.sh [RUNS]
set -euo pipefail
runs=${1:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/target/bench/html"
corpus="$root/../shared/corpus"
rm -rf "$dir" && mkdir -p "$dir/video" "$dir/photo" "$dir/text"
cargo build --quiet --release -p mediavet-cli --manifest-path "$root/Cargo.toml"
bin="$root/target/release/mediavet"

# n links in folder $1, cycling through the files given after n.
links() {
  local to=$1 n=$2
  shift 2
  local files=("$@")
  for ((i = 0; i < n; i++)); do
    local f=${files[$((i % ${#files[@]}))]}
    ln -s "$f" "$to/$(printf '%04d' "$i")_$(basename "$f")"
  done
}
# The corpus videos whose first video track is H.264 (what the frame analysis decodes).
mapfile -t videos < <(for f in "$corpus"/video/*.mp4 "$corpus"/video/*.mov "$corpus"/video/*.MOV; do
  [ -f "$f" ] && "$bin" probe "$f" 2>/dev/null | grep -q '"format": "H.264"' && echo "$f"
done)
mapfile -t photos < <(find "$corpus/image" -name '*.jpg' | sort)
mapfile -t texts < <(find "$root/testdata/text" -name '*.txt' -o -name 'words_10000.docx' | sort)
links "$dir/video" 300 "${videos[@]}"
links "$dir/photo" 400 "${photos[@]}"
links "$dir/text" 300 "${texts[@]}"
echo "sources: ${#videos[@]} H.264 videos, ${#photos[@]} photos, ${#texts[@]} texts" >&2

declare -A profile=([video]="$root/testdata/profiles/no-text.toml" [photo]=photo [text]=text)
for kind in video photo text; do
  p=${profile[$kind]}
  hyperfine -N --warmup 0 --runs "$runs" --ignore-failure --export-json "$dir/$kind.json" \
    -n "$kind: check --format json" "$bin check -p $p --format json $dir/$kind" \
    -n "$kind: check --format html" "$bin check -p $p --format html $dir/$kind" >&2
  "$bin" check -p "$p" --format html "$dir/$kind" > "$dir/$kind.html" || true
done

largest=$(ls -S "$dir"/*.html | head -1)
start=$(date +%s.%N)
chromium --headless --no-sandbox --disable-gpu --dump-dom "file://$largest" > /dev/null 2>&1
open_s=$(echo "$(date +%s.%N) - $start" | bc)

python3 - "$dir" "$largest" "$open_s" <<'PY'
import json, os, sys
d, largest, open_s = sys.argv[1], sys.argv[2], float(sys.argv[3])
counts = {"video": 300, "photo": 400, "text": 300}
total = 0
for kind, n in counts.items():
    size = os.path.getsize(os.path.join(d, f"{kind}.html"))
    total += size
    runs = {x["command"].split(": ")[1]: x for x in json.load(open(os.path.join(d, f"{kind}.json")))["results"]}
    j, h = runs["check --format json"], runs["check --format html"]
    print(f"{kind:5}: {n} files, page {size / 1e6:.1f} MB = {size / n / 1e3:.1f} KB a file; "
          f"check as JSON {j['median']:.2f} s, as HTML {h['median']:.2f} s ({h['median'] / j['median']:.2f}×)")
print(f"1 000 files (three pages): {total / 1e6:.1f} MB; Chromium opens the largest "
      f"({os.path.basename(largest)}, {os.path.getsize(largest) / 1e6:.1f} MB) in {open_s:.1f} s")
PY
