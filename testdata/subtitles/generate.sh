#!/usr/bin/env bash
# Builds the labelled evaluation set for burned-in subtitles and on-screen text into OUT
# (default target/subtitle-eval): 1920×1080 clips of 8 s (a keyframe every 8 frames: 25
# keyframes) with subtitles burned in by libass in a Hei, a Song/Ming and a Kai face, at
# sizes 40/60/80, centred at the bottom, left-aligned or at the top, with a drop shadow,
# an outline or neither, in Simplified or Traditional Chinese; on-screen adverts; and hard
# negatives. Writes OUT/labels.tsv:
#   file  kind  font  size  position  effect  script  texts
# kind: subtitle (a subtitle track is burned in), advert (on-screen contact/ID text that
#       video.onscreen_text must report), negative (text in the scene: no subtitle track).
# texts: the cues' texts, "|"-separated (for advert: the advert's text).
# Sources: photos from ../shared/corpus/image (or $MEDIAVET_CORPUS) panned slowly, used in
# place, never copied into the repository; ffmpeg's mandelbrot when the corpus is absent.
# Needs: ffmpeg (libass, libfreetype) and the fonts
#   (apt-get install -y ffmpeg fonts-wqy-microhei fonts-arphic-uming fonts-arphic-ukai).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../../target/subtitle-eval}
corpus=${MEDIAVET_CORPUS:-$here/../../../shared/corpus}
mkdir -p "$out/src"
cd "$out"
: > labels.tsv.tmp
W=1920 H=1080 T=8
ff() { ffmpeg -nostdin -v error -y "$@"; }
enc=(-c:v libx264 -preset ultrafast -crf 23 -g 8 -keyint_min 8 -sc_threshold 0 -pix_fmt yuv420p -r 25 -t $T -an)
hei=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc

# --- Backgrounds: photos panned at twice the frame width ----------------------------
backgrounds=()
for p in exiv2_exiv2-bug2565 exs_iphone6_hdr_NO exifr_IMG_20180725_163423; do
  f=$corpus/image/$p.jpg
  [ -f "$f" ] || continue
  # Uncompressed (PPM): `-loop 1` decodes its input again for every frame.
  [ -f "src/$p.ppm" ] || ff -i "$f" -vf "scale=$((2 * W)):-2,crop=iw:min(ih\,$((2 * H)))" -frames:v 1 "src/$p.ppm"
  [ -f "src/$p.mp4" ] || ff -loop 1 -framerate 25 -i "src/$p.ppm" \
    -vf "crop=$W:$H:x='(iw-$W)*t/$T':y='(ih-$H)*t/$T',setsar=1" -c:v libx264 -preset ultrafast -crf 16 -r 25 -t $T "src/$p.mp4"
  backgrounds+=("src/$p.mp4")
done
if [ ${#backgrounds[@]} -eq 0 ]; then
  ff -f lavfi -i "mandelbrot=s=960x540:rate=25" -vf "scale=$W:$H" -c:v libx264 -preset ultrafast -crf 16 -t $T src/mandel.mp4
  backgrounds=(src/mandel.mp4)
fi

simplified=("孩子们在新学校读书" "村里修通了水泥路" "扶贫干部走进农家" "茶叶卖到了城里")
traditional=("這裡的孩子們過來讀書" "為了讓鄉親們過上好日子" "村裡開通了網絡" "茶葉賣到了城裡")

# case NAME FONT-CLASS SIZE POSITION EFFECT SCRIPT: subtitles of 4 cues of 2 s each.
n=0
case_() {
  local name=$1 class=$2 size=$3 pos=$4 effect=$5 script=$6
  local font align marginl=80 outline=0 shadow=0
  case $class in hei) font="WenQuanYi Micro Hei" ;; song) font="AR PL UMing CN" ;; kai) font="AR PL UKai CN" ;; esac
  case $pos in bottom) align=2 ;; left) align=1 ;; top) align=8 ;; esac
  case $effect in shadow) shadow=3 ;; outline) outline=3 ;; esac
  local -n texts=$script
  {
    printf '[Script Info]\nScriptType: v4.00+\nPlayResX: %d\nPlayResY: %d\nWrapStyle: 2\n\n' $W $H
    printf '[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n'
    printf 'Style: Default,%s,%d,&H00FFFFFF,&H00FFFFFF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,%d,%d,%d,%d,80,70,1\n\n' "$font" "$size" $outline $shadow $align $marginl
    printf '[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n'
    for k in 0 1 2 3; do
      printf 'Dialogue: 0,0:00:%02d.00,0:00:%02d.00,Default,,0,0,0,,%s\n' $((2 * k)) $((2 * k + 2)) "${texts[$k]}"
    done
  } > "src/$name.ass"
  local bg=${backgrounds[$((n % ${#backgrounds[@]}))]}
  n=$((n + 1))
  ff -i "$bg" -vf "ass=src/$name.ass" "${enc[@]}" "$name.mp4"
  local joined; joined=$(IFS='|'; echo "${texts[*]}")
  printf '%s\tsubtitle\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name.mp4" "$class" "$size" "$pos" "$effect" "$script" "$joined" >> labels.tsv.tmp
}
for k in 1 2 3; do case_ "hei60_bottom_shadow_$k" hei 60 bottom shadow simplified; done
case_ hei60_bottom_outline hei 60 bottom outline simplified
case_ hei60_bottom_plain hei 60 bottom none simplified
case_ hei40_bottom_shadow hei 40 bottom shadow simplified
case_ hei80_bottom_shadow hei 80 bottom shadow simplified
case_ hei60_left_shadow hei 60 left shadow simplified
case_ hei60_top_shadow hei 60 top shadow simplified
case_ song60_bottom_shadow song 60 bottom shadow simplified
case_ kai60_bottom_shadow kai 60 bottom shadow simplified
case_ hei60_bottom_shadow_trad hei 60 bottom shadow traditional
case_ song60_bottom_shadow_trad song 60 bottom shadow traditional
case_ kai60_bottom_outline_trad kai 60 bottom outline traditional
case_ song40_left_plain song 40 left none simplified
case_ kai80_top_outline kai 80 top outline simplified
case_ song80_bottom_outline song 80 bottom outline simplified
case_ kai40_bottom_shadow_trad kai 40 bottom shadow traditional
case_ hei40_left_outline_trad hei 40 left outline traditional
case_ song60_top_plain_trad song 60 top none traditional

# --- On-screen adverts ------------------------------------------------------------------
advert() { # name text: drawn top right for 4 s, then bottom left (it moves between corners)
  local dt="drawtext=fontfile=$hei:text='$2':fontsize=44:fontcolor=white:bordercolor=black:borderw=2"
  ff -i "${backgrounds[$((n % ${#backgrounds[@]}))]}" \
    -vf "$dt:x=w-tw-60:y=50:enable='lt(t,4)',$dt:x=60:y=h-th-60:enable='gte(t,4)'" "${enc[@]}" "$1.mp4"
  n=$((n + 1))
  printf '%s\tadvert\thei\t44\tcorners\toutline\tsimplified\t%s\n' "$1.mp4" "$2" >> labels.tsv.tmp
}
advert advert_phone "订购热线：13800138000"
advert advert_url "www.fupin-shop.com"
advert advert_douyin "抖音号：fp2020888"

# --- Hard negatives -----------------------------------------------------------------
bg=${backgrounds[0]}
# A shop sign in the scene: a board with text that pans with the picture.
ff -i "$bg" -vf "drawbox=x='1200-60*t':y=300:w=520:h=130:color=0x8a1c1c@1:t=fill:replace=1,drawtext=fontfile=$hei:text='幸福农家乐':fontsize=80:fontcolor=0xffe08a:x=1230-60*t:y=325" "${enc[@]}" neg_sign.mp4
printf 'neg_sign.mp4\tnegative\t\t\t\t\t\t幸福农家乐\n' >> labels.tsv.tmp
# A slideshow of photos with text in them, at a different place in each.
slides=()
for k in 0 1 2 3; do
  x=$((200 + 300 * k)) y=$((150 + 180 * k))
  ff -i "${backgrounds[$((k % ${#backgrounds[@]}))]}" -ss $((2 * k)) -frames:v 1 \
    -vf "drawtext=fontfile=$hei:text='${simplified[$k]}':fontsize=$((50 + 10 * k)):fontcolor=0x202020:box=1:boxcolor=0xf0f0e0:boxborderw=12:x=$x:y=$y" "src/slide$k.png"
  slides+=(-loop 1 -t 2 -framerate 25 -i "src/slide$k.png")
done
ff "${slides[@]}" -filter_complex "[0][1][2][3]concat=n=4:v=1:a=0" "${enc[@]}" neg_slideshow.mp4
printf 'neg_slideshow.mp4\tnegative\t\t\t\t\t\t\n' >> labels.tsv.tmp
# Credits that scroll up: eight lines moving together.
credit=$(for k in 0 1 2 3 4 5 6 7; do printf "drawtext=fontfile=$hei:text='%s':fontsize=48:fontcolor=white:x=(w-tw)/2:y=h-200*t+%d," "${simplified[$((k % 4))]}" $((90 * k)); done)
ff -i "$bg" -vf "${credit%,}" "${enc[@]}" neg_credits.mp4
printf 'neg_credits.mp4\tnegative\t\t\t\t\t\t\n' >> labels.tsv.tmp
mv labels.tsv.tmp labels.tsv
