#!/usr/bin/env bash
# What reading burned-in subtitles and on-screen text adds to a whole check: a 3-minute
# 1080p25 16 Mb/s H.264 MP4 (compare.sh's picture) with 60 Chinese subtitle cues of 3 s
# burned in (WenQuanYi Micro Hei 60, shadow, centred) is checked under micro-video with
# the text search off, with the subtitle search (line finding + recognition of the lines),
# and with the detection model on 4 frames too — one hyperfine run, side by side.
# Peak RSS by GNU time. Needs: ffmpeg (libass), hyperfine, GNU time, fonts-wqy-microhei,
# the OCR models (scripts/fetch-models.sh).
# Usage: benches/subtitles.sh [RUNS]   (default 10)
set -euo pipefail
runs=${1:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/target/bench"
mkdir -p "$out"
bash "$root/scripts/fetch-models.sh"
file="$out/subtitles_3min_1080p25.mp4"
if [ ! -s "$file" ]; then
  echo "generating $file (takes a few minutes)…" >&2
  lines=(孩子们在新学校读书 村里修通了水泥路 扶贫干部走进农家 茶叶卖到了城里 乡亲们过上了好日子 这是我们的新家园)
  {
    printf '[Script Info]\nScriptType: v4.00+\nPlayResX: 1920\nPlayResY: 1080\n\n'
    printf '[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n'
    printf 'Style: Default,WenQuanYi Micro Hei,60,&H00FFFFFF,&H00FFFFFF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,0,3,2,80,80,70,1\n\n'
    printf '[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n'
    for k in $(seq 0 59); do
      s=$((3 * k)); e=$((3 * k + 3))
      printf 'Dialogue: 0,0:%02d:%02d.00,0:%02d:%02d.00,Default,,0,0,0,,第%d句 %s\n' $((s / 60)) $((s % 60)) $((e / 60)) $((e % 60)) $((k + 1)) "${lines[$((k % 6))]}"
    done
  } > "$out/subtitles.ass"
  ffmpeg -nostdin -v error -y \
    -f lavfi -i "testsrc2=size=1920x1080:rate=25,noise=alls=25:allf=t" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000,aformat=channel_layouts=stereo" \
    -t 180 -vf "ass=$out/subtitles.ass" -c:v libx264 -preset ultrafast -pix_fmt yuv420p \
    -b:v 16M -maxrate 16M -bufsize 8M -c:a aac -b:a 192k -f mp4 "$file.part"
  mv "$file.part" "$file"
fi
cargo build --quiet --release -p mediavet-cli --manifest-path "$root/Cargo.toml"
bin="$root/target/release/mediavet"
layer() { printf 'extends = "micro-video"\n[subtitle]\nburned_in = %s\n[frames]\nonscreen_text = %s\n' "$1" "$2" > "$out/$3.toml"; }
layer false false text_off
layer true false subtitles
layer true true subtitles_detect
hyperfine -N -i --warmup 2 --runs "$runs" --export-json "$out/subtitles.json" \
  -n "check, text search off" "$bin check -p $out/text_off.toml $file" \
  -n "check + burned-in subtitles" "$bin check -p $out/subtitles.toml $file" \
  -n "check + subtitles + detection on 4 frames" "$bin check -p $out/subtitles_detect.toml $file" >&2
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }
for p in text_off subtitles subtitles_detect; do
  echo "$p: peak RSS $(( $(rss "$bin" check -p "$out/$p.toml" "$file") / 1024 )) MB"
done
"$bin" check -p "$out/subtitles.toml" -f json "$file" | python3 -c '
import json, sys
r = json.load(sys.stdin)["files"][0]
video = next(t for t in r["facts"]["container"]["tracks"] if t.get("video"))["video"]
frames, subs = video["frames"], video["frames"]["subtitles"]
print(len(frames["times_s"]), "frames,", len(subs["lines"]), "distinct lines read; effect", subs.get("effect"), "font", subs.get("font"))
'
