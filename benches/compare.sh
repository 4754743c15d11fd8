#!/usr/bin/env bash
# Side-by-side timing of mediavet (probe; the audio levels; keyframes + watermark + QR;
# the whole micro-video check, and its peak RSS with --jobs 2) against ffprobe, MediaInfo
# and ffmpeg, on a 3-minute 1080p25 16 Mb/s H.264 + 48 kHz stereo AAC MP4 with the moov
# at the end.
# Needs: ffmpeg, ffprobe, mediainfo, hyperfine, GNU time
#   (apt-get install -y ffmpeg mediainfo hyperfine time).
# Usage: benches/compare.sh [RUNS]   (default 20 runs per tool; the median is reported)
#   INTAKE1000=1 benches/compare.sh  also runs benches/intake1000.sh (the batch figure).
#   BASELINE=/path/to/older/mediavet benches/compare.sh  also times an older build in the
#   same runs (a refactor must keep the figures: see the README).
#   PROFILE=release benches/compare.sh  times the `cargo run --release` build instead of
#   release-lto (fat LTO, the build a packaged binary should use; ~16 min to build once).
set -euo pipefail
runs=${1:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/target/bench"
mkdir -p "$out"
for tool in ffmpeg ffprobe mediainfo hyperfine /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "compare.sh needs $tool" >&2; exit 2; }
done

file="$out/compare_3min_1080p25_16m.mp4"
if [ ! -s "$file" ]; then
  echo "generating $file (takes a few minutes)…" >&2
  ffmpeg -nostdin -v error -y \
    -f lavfi -i "testsrc2=size=1920x1080:rate=25,noise=alls=25:allf=t" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000,aformat=channel_layouts=stereo" \
    -t 180 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -b:v 16M -maxrate 16M -bufsize 8M \
    -c:a aac -b:a 192k -f mp4 "$file.part"
  mv "$file.part" "$file"
fi

profile=${PROFILE:-release-lto}
cargo build --quiet --profile "$profile" -p mediavet-cli --manifest-path "$root/Cargo.toml"
bin="$root/target/$profile/mediavet"

# With BASELINE set, an older build runs beside this one in each comparison (last).
baseline=${BASELINE:-}
with_base() { local name=$1 cmd=$2; shift 2; if [ -n "$baseline" ]; then "$@" -n "$name (baseline)" "$cmd"; else "$@"; fi; }

with_base "mediavet probe" "$baseline probe $file" \
hyperfine -N --warmup 3 --runs "$runs" --export-json "$out/compare.json" \
  -n "mediavet probe" "$bin probe $file" \
  -n "ffprobe -show_format -show_streams" "ffprobe -v quiet -of json -show_format -show_streams $file" \
  -n "mediainfo --Output=JSON" "mediainfo --Output=JSON $file" >&2

# Audio: one decode pass computing every level figure, on one core, against ffmpeg's
# EBU R 128 meter on the same audio track.
with_base "mediavet probe --levels (1 core)" "taskset -c 0 $baseline probe --levels $file" \
hyperfine -N --warmup 2 --runs "$runs" --export-json "$out/compare_audio.json" \
  -n "mediavet probe --levels (1 core)" "taskset -c 0 $bin probe --levels $file" \
  -n "ffmpeg -af ebur128=peak=true" "ffmpeg -nostdin -v error -i $file -vn -af ebur128=peak=true -f null -" >&2

# Frames: sampling 24 keyframes (the file has 18: all of them), decoding them, the
# watermark and QR searches, against ffmpeg decoding the same keyframes to grey.
frames_ffmpeg="ffmpeg -nostdin -v error -skip_frame nokey -i $file -vf scale=480:270,format=gray -fps_mode passthrough -f rawvideo -y /dev/null"
with_base "mediavet probe --frames" "$baseline probe --frames $file" \
hyperfine -N --warmup 2 --runs "$runs" --export-json "$out/compare_frames.json" \
  -n "mediavet probe --frames" "$bin probe --frames $file" \
  -n "ffmpeg -skip_frame nokey … format=gray" "$frames_ffmpeg" >&2

# The whole micro-video check (the built-in profile, which reads text in the picture with
# the OCR models, and the same without the text search, as with no models), against an
# ffmpeg QC pass that decodes every picture and every sample (signalstats on the video,
# the EBU R 128 meter on the audio). The QC pass takes ~20 s: 2 runs of it.
no_text="$root/testdata/profiles/no-text.toml"
hyperfine -N --warmup 1 --runs "$runs" --ignore-failure --export-json "$out/compare_check.json" \
  -n "mediavet check (micro-video)" "$bin check $file" \
  -n "mediavet check (micro-video, no text search)" "$bin check -p $no_text $file" >&2
hyperfine -N --runs 2 --export-json "$out/compare_qc.json" \
  -n "ffmpeg QC pass: every frame and sample" \
  "ffmpeg -nostdin -v error -i $file -vf signalstats -af ebur128=peak=true -f null -" >&2

# A failing check exits 1: its peak RSS still counts.
rss() { { /usr/bin/time -f %M "$@" 2>&1 >/dev/null || true; } | tail -n 1; }
second="$out/compare_3min_1080p25_16m-2.mp4"
[ -s "$second" ] || cp "$file" "$second"
rss_check=$(rss "$bin" check "$file")
rss_check_notext=$(rss "$bin" check -p "$no_text" "$file")
rss_jobs2=$(rss "$bin" check --jobs 2 "$file" "$second")
rss_jobs2_notext=$(rss "$bin" check --jobs 2 -p "$no_text" "$file" "$second")
rss_mediavet=$(rss "$bin" probe "$file")
rss_ffprobe=$(rss ffprobe -v quiet -of json -show_format -show_streams "$file")
rss_mediainfo=$(rss mediainfo --Output=JSON "$file")
rss_levels=$(rss "$bin" probe --levels "$file")
rss_ebur128=$(rss ffmpeg -nostdin -v error -i "$file" -vn -af ebur128=peak=true -f null -)
rss_frames=$(rss "$bin" probe --frames "$file")
# shellcheck disable=SC2086
rss_frames_ffmpeg=$(rss $frames_ffmpeg)
if [ -n "$baseline" ]; then
  rss_base=$(rss "$baseline" probe "$file")
  rss_base_levels=$(rss "$baseline" probe --levels "$file")
  rss_base_frames=$(rss "$baseline" probe --frames "$file")
else
  rss_base=0 rss_base_levels=0 rss_base_frames=0
fi

PROFILE_NAME=$profile python3 - "$out/compare.json" "$rss_mediavet" "$rss_ffprobe" "$rss_mediainfo" "$file" "$out/compare_audio.json" "$rss_levels" "$rss_ebur128" "$out/compare_frames.json" "$rss_frames" "$rss_frames_ffmpeg" "$rss_base" "$rss_base_levels" "$rss_base_frames" "$out/compare_check.json" "$out/compare_qc.json" "$rss_check" "$rss_check_notext" "$rss_jobs2" "$rss_jobs2_notext" <<'PY'
import json, os, platform, subprocess, sys
profile = os.environ["PROFILE_NAME"]
results = json.load(open(sys.argv[1]))["results"]
rss = [int(x) for x in sys.argv[2:5]] + [int(sys.argv[12])]
audio = json.load(open(sys.argv[6]))["results"]
audio_rss = [int(x) for x in sys.argv[7:9]] + [int(sys.argv[13])]
frames = json.load(open(sys.argv[9]))["results"]
frames_rss = [int(x) for x in sys.argv[10:12]] + [int(sys.argv[14])]
size = os.path.getsize(sys.argv[5])
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
print(f"File: {os.path.basename(sys.argv[5])}, {size/1e6:.1f} MB; machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; build: --profile {profile}")
print()
def table(title, results, rss, ms_digits, ratio_digits):
    print(f"| {title} | median | min | peak RSS | mediavet is |")
    print("|---|---:|---:|---:|---:|")
    base = results[0]["median"]
    for r, m in zip(results, rss):
        digits = 2 if r["command"].endswith("(baseline)") else ratio_digits
        ratio = "—" if r is results[0] else f"{r['median']/base:.{digits}f}× faster"
        if r is not results[0] and r["median"] < base:
            ratio = f"{base/r['median']:.{digits}f}× slower"
        print(f"| {r['command']} | {r['median']*1000:.{ms_digits}f} ms | {r['min']*1000:.{ms_digits}f} ms | {m/1024:.1f} MB | {ratio} |")

table("tool", results, rss, 1, 0)
print()
table("audio analysis", audio, audio_rss, 0, 1)
print()
table("keyframes + watermark + QR", frames, frames_rss, 0, 1)
print()
check = json.load(open(sys.argv[15]))["results"]
qc = json.load(open(sys.argv[16]))["results"][0]
check_rss = [int(x) for x in sys.argv[17:21]]
print("| whole check | median | min | peak RSS | ffmpeg QC pass takes |")
print("|---|---:|---:|---:|---:|")
for r, m in zip(check, check_rss):
    print(f"| {r['command']} | {r['median']*1000:.0f} ms | {r['min']*1000:.0f} ms | {m/1024:.1f} MB | {qc['median']/r['median']:.1f}× longer |")
print(f"| {qc['command']} | {qc['median']*1000:.0f} ms | {qc['min']*1000:.0f} ms | — | — |")
print(f"| the two checks with --jobs 2 on two such files | | | {check_rss[2]/1024:.1f} MB / {check_rss[3]/1024:.1f} MB (no text search) | |")
PY

# The batch figure (1 000 entries end to end, files per second per kind) needs ~14 GB of
# generated entries and ~9 minutes: with INTAKE1000=1 it is printed here too.
if [ "${INTAKE1000:-}" = 1 ]; then
  echo
  bash "$root/benches/intake1000.sh"
fi
