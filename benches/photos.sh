#!/usr/bin/env bash
# Photos: a 24 MP JPEG fully checked with the photo profile (headers, EXIF/XMP/IPTC,
# quality, decode to luma and clarity), whole process, beside djpeg decoding it to grey
# and exiftool reading its metadata; then 100 corpus photos checked with --jobs 1 and
# --jobs 2 beside `exiftool -j` on the same files (the metadata part only).
# Needs hyperfine, ffmpeg, libjpeg-turbo-progs (cjpeg/djpeg), libimage-exiftool-perl;
# the corpus part needs ../shared/corpus/image.
# Usage: benches/photos.sh [RUNS]
set -euo pipefail
runs=${1:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/target/bench/photos"
mkdir -p "$dir"
cargo build --quiet --release -p mediavet-cli --manifest-path "$root/Cargo.toml"
bin="$root/target/release/mediavet"

# A 24 MP (6000×4000) photo-like JPEG: a detailed fractal with sensor-like grain, at
# quality 92 (about what cameras write), with camera EXIF and a caption.
big="$dir/24mp.jpg"
if [ ! -f "$big" ]; then
  ffmpeg -nostdin -v error -y -f lavfi \
    -i "mandelbrot=size=6000x4000:start_scale=0.02:start_x=-0.7435669:start_y=0.1314023:maxiter=512,noise=alls=8:allf=u" \
    -frames:v 1 -c:v ppm -f image2 "$dir/24mp.ppm"
  cjpeg -quality 92 "$dir/24mp.ppm" > "$big"
  rm "$dir/24mp.ppm"
  exiftool -q -overwrite_original -Make=Canon "-Model=Canon EOS 6D" \
    "-DateTimeOriginal=2019:06:01 10:00:00" "-XMP-dc:Description=新村全景" "$big"
fi
hyperfine -N --warmup 3 --runs "$runs" --ignore-failure --export-json "$dir/one.json" \
  -n "mediavet check" "$bin check --profile photo --format csv $big" \
  -n "djpeg -grayscale" "djpeg -grayscale -outfile /dev/null $big" \
  -n "exiftool -j" "exiftool -j -q $big" >&2

corpus="$root/../shared/corpus/image"
if [ -d "$corpus" ]; then
  mapfile -t photos < <(find "$corpus" -name '*.jpg' | sort | head -100)
  hyperfine -N --warmup 2 --runs "$(( (runs + 1) / 2 ))" --ignore-failure --export-json "$dir/many.json" \
    -n "check --jobs 1" "$bin check --profile photo --format csv --jobs 1 ${photos[*]}" \
    -n "check --jobs 2" "$bin check --profile photo --format csv --jobs 2 ${photos[*]}" \
    -n "exiftool -j" "exiftool -j -q -m ${photos[*]}" >&2
fi
python3 - "$dir" <<'PY'
import json, os, sys
d = sys.argv[1]
for name in ("one", "many"):
    path = os.path.join(d, f"{name}.json")
    if not os.path.exists(path):
        continue
    head = "24 MP JPEG" if name == "one" else "100 corpus photos"
    for x in json.load(open(path))["results"]:
        print(f"{head}: {x['command']}: median {x['median']*1000:.1f} ms (min {x['min']*1000:.1f})")
PY
