#!/usr/bin/env bash
# Renders the OCR cross-check set into OUT (default target/ocr-lines): subtitle-like line
# crops (white text with a shadow or an outline on a textured strip, cut to the text with
# a margin) in a Hei, a Song/Ming and a Kai face at sizes 40 and 60, six Simplified and
# six Traditional lines each: 72 grey PNGs and lines.tsv (file, font class, size, script,
# text). Read by crates/mediavet/tests/ocr.rs (the Rust recogniser, which writes
# rust.tsv beside them) and bindings/python/tests/test_ocr_oracle.py (rapidocr-onnxruntime
# reading the same crops with the same models).
# Needs ffmpeg (libfreetype) and fonts-wqy-microhei, fonts-arphic-uming, fonts-arphic-ukai.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../../target/ocr-lines}
mkdir -p "$out"
cd "$out"
fonts=(hei:/usr/share/fonts/truetype/wqy/wqy-microhei.ttc song:/usr/share/fonts/truetype/arphic/uming.ttc kai:/usr/share/fonts/truetype/arphic/ukai.ttc)
simplified=(孩子们在新学校读书 村里修通了水泥路 扶贫干部走进农家 茶叶卖到了城里 乡亲们过上了好日子 这是我们的新家园)
traditional=(這裡的孩子們過來讀書 為了讓鄉親們過上好日子 村裡開通了網絡 茶葉賣到了城裡 駐村幹部來到農戶家 學校蓋起了新樓房)
: > lines.tsv.tmp
n=0
for entry in "${fonts[@]}"; do
  class=${entry%%:*} font=${entry#*:}
  for size in 40 60; do
    for script in simplified traditional; do
      declare -n texts=$script
      for text in "${texts[@]}"; do
        n=$((n + 1))
        f=$(printf 'line%03d.png' $n)
        if [ $((n % 2)) = 0 ]; then fx="shadowx=3:shadowy=3:shadowcolor=black"; else fx="borderw=3:bordercolor=black"; fi
        draw="drawtext=fontfile=$font:text='$text':fontsize=$size:fontcolor=white:$fx:x=(w-tw)/2:y=(h-th)/2"
        read -r x1 x2 < <(ffmpeg -nostdin -v info -f lavfi -i "color=black:s=1920x$((size * 2)):d=0.04" -frames:v 1 \
          -vf "format=gray,$draw,bbox" -f null - 2>&1 | sed -n 's/.*x1:\([0-9]*\) x2:\([0-9]*\).*/\1 \2/p' | head -1)
        pad=$((size * 2 / 5))
        ffmpeg -nostdin -v error -y -f lavfi -i "gradients=s=1920x$((size * 2)):seed=$n:c0=0x202830:c1=0x9098a0:d=0.04" -frames:v 1 \
          -vf "format=gray,noise=alls=30:allf=u,$draw,crop=$((x2 - x1 + 2 * pad)):ih:$((x1 - pad)):0" "$f"
        printf '%s\t%s\t%s\t%s\t%s\n' "$f" "$class" "$size" "$script" "$text" >> lines.tsv.tmp
      done
    done
  done
done
mv lines.tsv.tmp lines.tsv
