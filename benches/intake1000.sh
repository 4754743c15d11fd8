#!/usr/bin/env bash
# A synthetic intake of 1 000 entries, triaged end to end by `mediavet intake` with the
# built-in profiles: 300 micro-video entries (one 1080p25 H.264 + stereo AAC video of
# 1–3 minutes each, cut without re-encoding at different places from a 3-minute source
# with a keyframe every 2 s, as phones write), 400 photo entries of 1–10 JPEGs from the
# corpus (../shared/corpus/image), 300 text entries (a corpus story, .txt or .docx), each
# an entry folder named by the contest's rule with the registration form of the fixtures.
# Prints the end-to-end time and peak RSS, then the files per second of each kind (each
# kind's entries triaged on their own), with the machine.
# Needs ffmpeg and GNU time; the corpus. Disk: ~14 GB under target/bench/intake1000.
# Usage: benches/intake1000.sh [--skip-kinds]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus="$root/../shared/corpus"
dir="$root/target/bench/intake1000"
src="$root/target/bench/intake1000-source.mp4"
form="$root/testdata/entries/usb/扶贫征集-自荐-视频类(微视频)-星城大爱/报名表.docx"
for tool in ffmpeg /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "intake1000.sh needs $tool" >&2; exit 2; }
done
[ -d "$corpus/image" ] || { echo "intake1000.sh needs the corpus at $corpus" >&2; exit 2; }

if [ ! -s "$src" ]; then
  echo "encoding the 3-minute source (a few minutes)…" >&2
  ffmpeg -nostdin -v error -y \
    -f lavfi -i "testsrc2=size=1920x1080:rate=25,noise=alls=12:allf=t" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000,aformat=channel_layouts=stereo" \
    -t 180 -c:v libx264 -preset ultrafast -g 50 -pix_fmt yuv420p -b:v 3M -maxrate 3M -bufsize 2M \
    -c:a aac -b:a 128k -f mp4 "$src.part"
  mv "$src.part" "$src"
fi

if [ ! -f "$dir/.complete" ]; then
  echo "making 1 000 entries…" >&2
  rm -rf "$dir" && mkdir -p "$dir"/{video,photo,text}
  python3 - "$dir" "$src" "$form" "$corpus" <<'PY'
import os, random, shutil, subprocess, sys
out, src, form, corpus = sys.argv[1:5]
rng = random.Random(2020)
photos = sorted(os.path.join(corpus, "image", f) for f in os.listdir(os.path.join(corpus, "image"))
                if f.lower().endswith((".jpg", ".jpeg")))
texts = sorted(os.path.join(corpus, "text", f) for f in os.listdir(os.path.join(corpus, "text"))
               if f.endswith((".txt", ".docx")))
def entry(kind, category, n):
    d = os.path.join(out, kind, f"扶贫征集-自荐-{category}-作品{n:04d}")
    os.makedirs(d)
    shutil.copyfile(form, os.path.join(d, "报名表.docx"))
    return d
for n in range(300):
    d = entry("video", "视频类(微视频)", n)
    length = rng.randint(60, 180)
    start = rng.randint(0, 180 - length)
    # Half with the moov at the start (as editors write), half at the end (as cameras do).
    faststart = ["-movflags", "+faststart"] if n % 2 else []
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-ss", str(start), "-i", src, "-t", str(length),
                    "-c", "copy", *faststart, os.path.join(d, f"作品{n:04d}.mp4")], check=True)
for n in range(400):
    d = entry("photo", "图片类", n)
    for k, p in enumerate(rng.sample(photos, rng.randint(1, 10))):
        os.link(p, os.path.join(d, f"{k + 1:02d}-{os.path.basename(p)}"))
for n in range(300):
    d = entry("text", "文字类", n)
    t = texts[n % len(texts)]
    os.link(t, os.path.join(d, f"作品{n:04d}{os.path.splitext(t)[1]}"))
PY
  touch "$dir/.complete"
fi

cargo build --quiet --release -p mediavet-cli --manifest-path "$root/Cargo.toml"
bin="$root/target/release/mediavet"
files() { find "$1" -type f ! -name 报名表.docx | wc -l; }
run() { # label, folder…: wall seconds and peak RSS of one intake
  local label=$1; shift
  /usr/bin/time -o "$dir/.time" -f "%e %M" "$bin" intake --format csv "$@" >/dev/null 2>&1 || true
  echo "$label $(grep -E "^[0-9.]+ [0-9]+$" "$dir/.time")"
}
cpu=$(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
echo "Machine: $cpu, $(nproc) cores, $(uname -sr)"
read -r _ wall rss < <(run all "$dir/video" "$dir/photo" "$dir/text")
total=$(( $(files "$dir/video") + $(files "$dir/photo") + $(files "$dir/text") ))
printf '1 000 entries (%d works + 1 000 forms): %.1f s end to end (limit 600 s), peak RSS %.1f MB\n' \
  "$total" "$wall" "$(echo "$rss / 1024" | bc -l)"
[ "${1:-}" = --skip-kinds ] && exit 0
echo "| kind | entries | works | wall | works/s | entries/s | peak RSS |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for kind in video photo text; do
  read -r _ wall rss < <(run "$kind" "$dir/$kind")
  works=$(files "$dir/$kind")
  entries=$(find "$dir/$kind" -mindepth 1 -maxdepth 1 -type d | wc -l)
  printf '| %s | %d | %d | %.1f s | %.1f | %.1f | %.1f MB |\n' "$kind" "$entries" "$works" "$wall" \
    "$(echo "$works / $wall" | bc -l)" "$(echo "$entries / $wall" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
done
