#!/usr/bin/env bash
# Renders the OCR line fixtures: one grey PNG per line (white text with a dark shadow on a
# textured background, cut to the line with a margin, as a subtitle crop is cut from a
# 1080p frame), and lines.tsv: file, font class, script, text.
# Needs ffmpeg (libfreetype) and the fonts named below
#   (apt-get install -y ffmpeg fonts-wqy-microhei fonts-arphic-uming fonts-arphic-ukai).
set -euo pipefail
cd "$(dirname "$0")"
hei=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
ming=/usr/share/fonts/truetype/arphic/uming.ttc
kai=/usr/share/fonts/truetype/arphic/ukai.ttc
: > lines.tsv
n=0
line() { # font-class font script text
  n=$((n + 1))
  local f; f=$(printf 'line%02d.png' $n)
  local text="drawtext=fontfile=$2:text='$4':fontsize=60:fontcolor=white:shadowx=3:shadowy=3:shadowcolor=black:x=(w-tw)/2:y=(h-th)/2"
  # The text's extent: drawn alone on black, measured by ffmpeg's bbox filter.
  local x1 x2
  read -r x1 x2 < <(ffmpeg -nostdin -v info -f lavfi -i "color=black:s=1920x100:d=0.04" -frames:v 1 \
    -vf "format=gray,$text,bbox" -f null - 2>&1 | sed -n 's/.*x1:\([0-9]*\) x2:\([0-9]*\).*/\1 \2/p' | head -1)
  # On a strip of mandelbrot texture, cut to the text with 24 pixels either side.
  ffmpeg -nostdin -v error -y -f lavfi -i "mandelbrot=s=1920x100:end_pts=1" -frames:v 1 \
    -vf "format=gray,eq=brightness=-0.2,$text,crop=$((x2 - x1 + 49)):ih:$((x1 - 24)):0" "$f"
  printf '%s\t%s\t%s\t%s\n' "$f" "$1" "$3" "$4" >> lines.tsv
}
line hei "$hei" simplified 孩子们在新学校读书
line hei "$hei" traditional 這個國家們發現時會為對
line song "$ming" simplified 村里修通了水泥路
line song "$ming" traditional 這裡的孩子們過來讀書
line kai "$kai" simplified 扶贫干部走进农家
line kai "$kai" traditional 為了讓鄉親們過上好日子
line hei "$hei" simplified 抖音号：fupin2020
line hei "$hei" simplified 电话：13800138000
