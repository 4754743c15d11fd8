#!/usr/bin/env bash
# Generates the subtitle fixtures of testdata/subtitle (committed; tests never run this).
# Needs: python3, ffmpeg (with libx264 and the mov_text encoder).
# Usage: testdata/subtitle/generate.sh [OUTDIR]   (default: testdata/subtitle)
set -euo pipefail
out=${1:-"$(dirname "$0")"}
mkdir -p "$out/sidecar"
python3 - "$out" <<'PY'
import sys
out = sys.argv[1]
simplified = ["村口的路修好了。", "孩子们走上了水泥路。", "新房一排排立起来。", "这是我们自己的家。"]
traditional = ["村口的路修好了。", "孩子們走上了水泥路。", "新房一排排立起來。", "這是我們自己的家。"]
def srt(lines):
    return "".join(f"{i + 1}\n00:00:0{i},000 --> 00:00:0{i},900\n{t}\n\n" for i, t in enumerate(lines))
open(f"{out}/simplified.srt", "w", encoding="utf-8").write(srt(simplified))
open(f"{out}/traditional.srt", "w", encoding="utf-8").write(srt(traditional))
open(f"{out}/traditional_big5.srt", "wb").write(srt(traditional).encode("big5"))
open(f"{out}/sidecar/film.srt", "w", encoding="utf-8").write(srt(traditional))
# Cue 2's timing line (line 6) uses "->" and cue 3's has no timing line at all (line 10).
open(f"{out}/broken.srt", "w", encoding="utf-8").write(
    "1\n00:00:00,000 --> 00:00:00,900\n村口的路修好了。\n\n"
    "2\n00:00:01,000 -> 00:00:01,900\n孩子们走上了水泥路。\n\n"
    "3\n新房一排排立起来。\n\n"
    "4\n00:00:03,000 --> 00:00:03,900\n这是我们自己的家。\n")
def ass(font, size, shadow, alignment):
    events = "".join(f"Dialogue: 0,0:00:0{i}.00,0:00:0{i}.90,Default,,0,0,0,,{t}\n" for i, t in enumerate(simplified))
    return ("[Script Info]\nScriptType: v4.00+\nPlayResX: 1920\nPlayResY: 1080\n\n"
            "[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, "
            "Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, "
            "Alignment, MarginL, MarginR, MarginV, Encoding\n"
            f"Style: Default,{font},{size},&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,{shadow},{alignment},10,10,40,1\n\n"
            "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n" + events)
# The contest's style (黑体 60, shadow 2, bottom centre) and a wrong one (微软雅黑 48, no
# shadow, bottom left).
open(f"{out}/good_style.ass", "w", encoding="utf-8").write(ass("黑体", 60, 2, 2))
open(f"{out}/wrong_style.ass", "w", encoding="utf-8").write(ass("微软雅黑", 48, 0, 1))
PY
# A 4-second 320×240 MP4 with a Traditional Chinese timed-text (tx3g) track, one with the
# good ASS style carried into its tx3g style record, and a video with a sidecar .srt.
ff() { ffmpeg -nostdin -loglevel error -y "$@"; }
black=(-f lavfi -i color=c=black:s=320x240:r=10:d=4)
x264=(-c:v libx264 -preset ultrafast -crf 40 -pix_fmt yuv420p -g 10)
ff "${black[@]}" -i "$out/traditional.srt" "${x264[@]}" -c:s mov_text -metadata:s:s:0 language=chi "$out/tx3g_traditional.mp4"
ff "${black[@]}" -i "$out/good_style.ass" "${x264[@]}" -c:s mov_text "$out/tx3g_styled.mp4"
ff "${black[@]}" "${x264[@]}" "$out/sidecar/film.mp4"
