#!/usr/bin/env bash
# Builds the labelled evaluation set for video.watermark / video.qr_code into OUT
# (default target/watermark-eval): the same source footage with and without overlays,
# plus the hard negatives. Writes OUT/labels.tsv:
#   file  expect  qr  what  where
# where: the overlay's box(es) in displayed pixels, "x,y,w,h" separated by ";" (approximate
#        for text: its size depends on the font), empty when there is none.
# expect: mark   — a watermark/logo/ID is on screen: video.watermark must give an error
#         clean  — nothing to find: no video.watermark error (hard negatives included)
#         static — the picture barely changes: inconclusive (info), never an error
# qr:     yes/no — whether video.qr_code must report a code.
#
# Sources: ffmpeg's mandelbrot and life generators (always), and when ../shared/corpus
# (or $MEDIAVET_CORPUS) is present, photos from its image/ folder animated with pan and
# zoom and real videos from its video/ folder — used in place, never copied into the repo.
# Needs: ffmpeg (with libfreetype), qrencode, the DejaVu fonts
#   (apt-get install -y ffmpeg qrencode fonts-dejavu-core).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../../target/watermark-eval}
corpus=${MEDIAVET_CORPUS:-$here/../../../shared/corpus}
font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
mkdir -p "$out/src" "$out/art"
cd "$out"
: > labels.tsv.tmp

W=1280 H=720 T=10
ff() { ffmpeg -nostdin -v error -y "$@"; }
# Keyframe every 10 frames: 25 keyframes in 10 s, so 24 can be sampled.
enc=(-c:v libx264 -preset ultrafast -crf 20 -g 10 -keyint_min 10 -sc_threshold 0 -pix_fmt yuv420p -r 25 -t $T -an)
label() { printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "${5:-}" >> labels.tsv.tmp; }

# --- Artwork: an app logo, a channel bug, a QR code -----------------------------------
ff -f lavfi -i "color=c=black@0:s=260x84,format=rgba" -frames:v 1 \
  -vf "drawbox=x=4:y=4:w=76:h=76:color=0xff2050@1:t=fill,drawbox=x=22:y=22:w=40:h=40:color=white@1:t=8,drawtext=fontfile=$font:text=VLOG:fontsize=50:fontcolor=white:bordercolor=black:borderw=3:x=92:y=16" \
  art/logo.png
ff -f lavfi -i "color=c=black@0:s=150x64,format=rgba" -frames:v 1 \
  -vf "drawtext=fontfile=$font:text=TV 7:fontsize=46:fontcolor=white:bordercolor=0x1040a0:borderw=4:x=8:y=8" \
  art/bug.png
qrencode -s 8 -m 2 -o art/qr.png "https://shop.example.com/promo?id=38291047"
identify_w() { ffprobe -v error -show_entries stream=width -of csv=p=0 "$1"; }

# --- Sources: 1280×720, 10 s --------------------------------------------------------
sources=()
src() { local name=$1; shift; ff "$@" -vf "${SRCVF:-null},scale=$W:$H,setsar=1" -c:v libx264 -preset ultrafast -crf 14 -r 25 -t $T -an "src/$name.mp4"; sources+=("$name"); }
SRCVF="scale=$W:$H" src mandel -f lavfi -i "mandelbrot=s=640x360:rate=25:maxiter=512:end_scale=0.01"
# Life under the Seeds rule (B2/S): every cell changes; Conway's default rule settles into
# still lifes, genuinely static objects that no frame-based method can tell from a logo.
# The seed is fixed so that the set is the same on every run.
SRCVF="scale=$W:$H:flags=neighbor" src life -f lavfi -i "life=s=128x72:rate=25:rule=B2/S:seed=2020:mold=10:ratio=0.1:life_color=#f0e0a0:death_color=#203040:mold_color=#406080"
still() { # photo -> art/NAME.ppm, scaled once to twice the frame width and kept
  # uncompressed: `-loop 1` decodes its input again for each of 250 frames (a 12-megapixel
  # JPEG or even a PNG of this size takes ~0.1 s a frame; a PPM is read, not decoded)
  local ppm=art/$(basename "${1%.*}").ppm
  [ -f "$ppm" ] || ff -i "$1" -vf "scale=$((2*W)):-2" -frames:v 1 "$ppm"
  echo "$ppm"
}
pan() { # photo, name: a slow diagonal pan over the photo at twice the frame width
  SRCVF="crop=$W:$H:x='(iw-$W)*t/$T':y='(ih-$H)*t/$T'" src "$2" -loop 1 -framerate 25 -i "$(still "$1")"
}
zoom() { # photo, name: a slow zoom in
  SRCVF="zoompan=z='1+0.004*on':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':d=1:s=${W}x${H}:fps=25" src "$2" -loop 1 -framerate 25 -i "$(still "$1")"
}
photos=()
if [ -d "$corpus/image" ]; then
  for p in exiv2_exiv2-bug2565 exs_iphone6_hdr_NO exifr_IMG_20180725_163423 exs_tests_42_IndexError exifr_iptc-mess immich_empty_gps; do
    [ -f "$corpus/image/$p.jpg" ] && photos+=("$(still "$corpus/image/$p.jpg")")
  done
fi
if [ ${#photos[@]} -ge 4 ]; then
  pan "${photos[0]}" photo_pan1
  zoom "${photos[1]}" photo_zoom
  pan "${photos[2]}" photo_pan2
  zoom "${photos[3]}" photo_zoom2
  [ ${#photos[@]} -ge 5 ] && pan "${photos[4]}" photo_pan3
fi
if [ -d "$corpus/video" ]; then
  for v in gopro_karma gopro_max-heromode; do
    [ -f "$corpus/video/$v.mp4" ] || continue
    SRCVF="scale=$W:$H" src "video_$v" -stream_loop 1 -i "$corpus/video/$v.mp4"
  done
fi

# --- Overlays on each source ----------------------------------------------------------
corner() { # index -> overlay position of a logo w×h
  case $(( $1 % 4 )) in
    0) echo "x=W*0.03:y=H*0.04" ;; 1) echo "x=W-w-W*0.03:y=H*0.04" ;;
    2) echo "x=W*0.03:y=H-h-H*0.05" ;; *) echo "x=W-w-W*0.03:y=H-h-H*0.05" ;;
  esac
}
box() { # index, w, h -> the box `corner` puts a w×h overlay in
  local w=$2 h=$3 x y
  case $(( $1 % 4 )) in 0|2) x=38 ;; *) x=$((W - w - 38)) ;; esac
  case $(( $1 % 4 )) in 0|1) y=29 ;; *) y=$((H - h - 36)) ;; esac
  echo "$x,$y,$w,$h"
}
# A user ID as a repost shows it, drawn at $1 (drawtext x/y and enable options).
id_at() { echo "drawtext=fontfile=$font:text='@user_38291047':fontsize=30:fontcolor=white@0.9:bordercolor=black@0.6:borderw=2:$1"; }
i=0
for s in "${sources[@]}"; do
  in=src/$s.mp4
  alpha=$([ $((i % 2)) = 0 ] && echo 0.3 || echo 0.5)
  # The six cases of a source in one ffmpeg run: the source is decoded once, not six times.
  ff -i "$in" -i art/logo.png -i art/bug.png -filter_complex "\
[0]split=6[clean][v1][v2][v3][v4][v5];[1]format=rgba,split=3[l1][l4][l5];\
[v1][l1]overlay=$(corner $i)[logo];\
[2]format=rgba,colorchannelmixer=aa=0.85[b];[v2][b]overlay=$(corner $((i + 1)))[bug];\
[v3]$(id_at "x=w-tw-40:y=h-th-36")[id];\
[l4]colorchannelmixer=aa=$alpha,scale=390:-1[m];[v4][m]overlay=x=W-w-60:y=(H-h)/2[semi];\
[l5]scale=180:-1,split[a][c];[v5][a]overlay=x=30:y=30:enable='lt(t,5)'[j];[j][c]overlay=x=W-w-30:y=H-h-70:enable='gte(t,5)',drawtext=fontfile=$font:text='ID 38291047':fontsize=26:fontcolor=white:bordercolor=black:borderw=2:x=30:y=100:enable='lt(t,5)',drawtext=fontfile=$font:text='ID 38291047':fontsize=26:fontcolor=white:bordercolor=black:borderw=2:x=w-tw-30:y=h-th-30:enable='gte(t,5)'[jump]" \
    -map "[clean]" "${enc[@]}" "${s}__clean.mp4" -map "[logo]" "${enc[@]}" "${s}__logo.mp4" \
    -map "[bug]" "${enc[@]}" "${s}__bug.mp4" -map "[id]" "${enc[@]}" "${s}__id.mp4" \
    -map "[semi]" "${enc[@]}" "${s}__semi.mp4" -map "[jump]" "${enc[@]}" "${s}__jump.mp4"
  label "${s}__clean.mp4" clean no "$s, no overlay"
  label "${s}__logo.mp4" mark no "$s, opaque app logo, corner $((i % 4))" "$(box $i 260 84)"
  label "${s}__bug.mp4" mark no "$s, channel bug 85% opaque, corner $(((i + 1) % 4))" "$(box $((i + 1)) 150 64)"
  label "${s}__id.mp4" mark no "$s, user ID text, bottom right" "940,640,300,44"
  label "${s}__semi.mp4" mark no "$s, semi-transparent mark ${alpha} opacity, right middle" "830,297,390,126"
  label "${s}__jump.mp4" mark no "$s, app logo + ID jumping from top left to bottom right at 5 s" "30,30,180,100;1000,592,250,98"
  i=$((i + 1))
done

# --- Short reposts with few keyframes --------------------------------------------------
# 12 s with a keyframe every 2 s (6 keyframes) and 13 s with two keyframes: the frames
# between keyframes are decoded too, so that each half and third of the clip is searched.
# A user ID sits top left for the first half and bottom right for the second (neither
# stays long enough for the whole clip). x264 ultrafast writes no B-pictures (openh264
# decodes between keyframes), veryfast writes them (ffmpeg does).
for s in "${sources[@]:0:4}"; do
  for shape in "50 12 ultrafast" "163 13 veryfast"; do
    set -- $shape
    g=$1 secs=$2 preset=$3 half=$(($2 / 2))
    short_enc=(-c:v libx264 -preset "$preset" -crf 20 -g "$g" -keyint_min "$g" -sc_threshold 0 -pix_fmt yuv420p -r 25 -t "$secs" -an)
    name="${s}__short_g${g}"
    ff -stream_loop 1 -i "src/$s.mp4" "${short_enc[@]}" "${name}_clean.mp4"
    label "${name}_clean.mp4" clean no "$s, ${secs} s, keyframe every $g frames ($preset), no overlay"
    ff -stream_loop 1 -i "src/$s.mp4" -vf "$(id_at "x=40:y=36:enable='lt(t,$half)'"),$(id_at "x=w-tw-40:y=h-th-36:enable='gte(t,$half)'")" "${short_enc[@]}" "${name}_jumpid.mp4"
    label "${name}_jumpid.mp4" mark no "$s, ${secs} s, keyframe every $g frames ($preset), user ID top left then bottom right at ${half} s" "40,36,300,44;940,640,300,44"
  done
done

# --- Hard negatives -------------------------------------------------------------------
subs="drawtext=fontfile=$font:fontsize=40:fontcolor=white:bordercolor=black:borderw=3:x=(w-tw)/2:y=h-th-50"
lines=("We moved here in 2015" "The road reached the village" "Now the tea sells in the city" "My children go to school" "This is our new house")
sub_vf=$(for k in 0 1 2 3 4; do printf '%s:text=%s:enable=%s,' "$subs" "'${lines[$k]}'" "'between(t,$((2 * k)),$((2 * k + 2)))'"; done)
for s in "${sources[@]:0:4}"; do
  ff -i "src/$s.mp4" -vf "${sub_vf%,}" "${enc[@]}" "${s}__subs.mp4"
  label "${s}__subs.mp4" clean no "$s, burned-in subtitles (changing text, centred bottom)"
done
for s in "${sources[@]:1:3}"; do
  ff -i "src/$s.mp4" -vf "scale=$W:536,pad=$W:$H:0:(oh-ih)/2:black" "${enc[@]}" "${s}__letterbox.mp4"
  label "${s}__letterbox.mp4" clean no "$s, letterboxed 2.39:1"
  ff -i "src/$s.mp4" -vf "crop=ih*9/16:ih,scale=-2:$H,pad=$W:$H:(ow-iw)/2:0:black" "${enc[@]}" "${s}__pillarbox.mp4"
  label "${s}__pillarbox.mp4" clean no "$s, vertical 9:16 pillarboxed"
done
ff -i "src/${sources[0]}.mp4" -i art/qr.png -filter_complex "[0][1]overlay=x=W-w-40:y=H-h-40" "${enc[@]}" "qr_static.mp4"
label qr_static.mp4 mark yes "QR code on screen throughout, bottom right" "$((W - 40 - $(identify_w art/qr.png))),$((H - 40 - $(identify_w art/qr.png))),$(identify_w art/qr.png),$(identify_w art/qr.png)"
ff -i "src/${sources[1]}.mp4" -i art/qr.png -filter_complex "[0][1]overlay=x=80:y=(H-h)/2:enable='between(t,3.5,6.5)'" "${enc[@]}" "qr_flash.mp4"
label qr_flash.mp4 clean yes "QR code shown for 3 s (an advert), centre left"
if [ ${#photos[@]} -ge 4 ]; then
  ff -loop 1 -framerate 25 -i "${photos[0]}" -vf "scale=$W:$H:force_original_aspect_ratio=increase,crop=$W:$H" "${enc[@]}" still.mp4
  label still.mp4 static no "a still photo, no motion"
  ff -loop 1 -framerate 25 -i "${photos[1]}" -i art/logo.png -filter_complex "[0]scale=$W:$H:force_original_aspect_ratio=increase,crop=$W:$H[p];[p][1]overlay=x=40:y=40" "${enc[@]}" still_logo.mp4
  label still_logo.mp4 static no "a still photo with a logo: cannot be told from the scene"
  # Locked-off shot: a still with a small moving subject.
  ff -loop 1 -framerate 25 -i "${photos[2]}" -vf "scale=$W:$H:force_original_aspect_ratio=increase,crop=$W:$H,drawbox=x='200+60*t':y=300:w=120:h=160:color=0x803020@1:t=fill" "${enc[@]}" lockedoff.mp4
  label lockedoff.mp4 static no "locked-off shot: a still scene, a small subject moving"
  # Slideshow: four stills, 2.5 s each, hard cuts.
  args=(); fc=""
  for k in 0 1 2 3; do args+=(-loop 1 -framerate 25 -t 2.5 -i "${photos[$k]}"); fc+="[$k]scale=$W:$H:force_original_aspect_ratio=increase,crop=$W:$H,setsar=1[s$k];"; done
  ff "${args[@]}" -filter_complex "${fc}[s0][s1][s2][s3]concat=n=4:v=1[v]" -map "[v]" "${enc[@]}" slideshow.mp4
  label slideshow.mp4 clean no "slideshow of four stills with hard cuts"
  # Screen recording: a static status bar and side panel around changing content; judged
  # with screen-recording.toml, which lists those areas under [frames] ignore.
  ff -i "src/${sources[2]}.mp4" -vf "scale=1000:-2,pad=$W:$H:260:40:0x202428,drawbox=x=0:y=0:w=$W:h=40:color=0x303640:t=fill,drawtext=fontfile=$font:text='12\:41   Wi-Fi   Battery 87':fontsize=22:fontcolor=white:x=20:y=9,drawtext=fontfile=$font:text='Files':fontsize=26:fontcolor=white:x=30:y=80,drawtext=fontfile=$font:text='Music':fontsize=26:fontcolor=white:x=30:y=130,drawtext=fontfile=$font:text='Photos':fontsize=26:fontcolor=white:x=30:y=180" "${enc[@]}" screen.mp4
  label screen.mp4 clean no "screen recording: static interface (profile screen-recording.toml ignores it)"
fi
if [ -f "$corpus/video/exiv2_sample_640x360.mov" ]; then
  ff -stream_loop 1 -i "$corpus/video/exiv2_sample_640x360.mov" -vf "scale=$W:$H" "${enc[@]}" beach.mp4
  label beach.mp4 clean no "real footage: beach, people walking (corpus exiv2_sample_640x360.mov)"
fi
mv labels.tsv.tmp labels.tsv
echo "$(wc -l < labels.tsv) cases in $out"
