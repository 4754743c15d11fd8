#!/usr/bin/env bash
# Generates the video fixtures of testdata/video with ffmpeg (apt-get install -y ffmpeg).
# The outputs are committed; tests read them and never need ffmpeg themselves
# (oracle tests that compare against ffprobe skip when it is absent).
# Usage: testdata/generate.sh [OUTDIR]   (default: testdata/video)
set -euo pipefail
out=${1:-"$(dirname "$0")/video"}
mkdir -p "$out"
ff() { ffmpeg -nostdin -v error -y "$@"; }

# Sources: a moving test pattern with grain (hard to compress, so bitrates are real),
# and a stereo tone. Every encode is single-threaded so reruns give the same bytes.
grain="testsrc2=size=1920x1080:rate=25,noise=alls=30:allf=t"
# Stereo in the micro-video band, channels apart: channel 1 speech-like bursts (220 Hz,
# with smooth on/off envelopes: abrupt onsets make AAC overshoot by 3 dB), channel 2 a
# music-like chord; both fade in over 250 ms and peak near -10 dBFS.
split() { echo "aevalsrc=exprs='min(1\\,4*t)*$1*sin(2*PI*220*t)*(0.5+0.5*tanh(6*sin(2*PI*0.7*t)))|min(1\\,4*t)*$2*(0.5*sin(2*PI*440*t)+0.5*sin(2*PI*554.37*t))':s=48000"; }
tone=$(split 0.316 0.316)
x264=(-c:v libx264 -preset veryfast -pix_fmt yuv420p -threads 1)
aac=(-c:a aac -b:a 128k)
date=(-metadata creation_time=2019-06-01T10:00:00Z)

# Pass: 1920x1080 H.264 at a measured ~17.5 Mb/s, stereo AAC, recorded inside the period.
ff -f lavfi -i "$grain" -f lavfi -i "$tone" -t 1 "${x264[@]}" -b:v 18M -maxrate 18M -bufsize 3M "${aac[@]}" "${date[@]}" "$out/pass_1080p_18m.mp4"
# Asks for 15 Mb/s and measures about 14.7: must fail.
ff -f lavfi -i "$grain" -f lavfi -i "$tone" -t 2 "${x264[@]}" -b:v 15M -maxrate 15M -bufsize 2200k "${aac[@]}" "${date[@]}" "$out/declared_15m.mp4"

# Cheap pictures for the rules that do not look at bitrate.
plain="testsrc2=size=1920x1080:rate=25"
cheap=(-crf 40)
ff -f lavfi -i "$plain" -f lavfi -i "$tone" -t 1 "${x264[@]}" "${cheap[@]}" "${aac[@]}" "${date[@]}" -f mov "$out/quicktime.mov"
# ffmpeg 5.1 writes the rotation matrix only when remuxing, hence two steps.
ff -f lavfi -i "$plain" -f lavfi -i "$tone" -t 1 "${x264[@]}" "${cheap[@]}" "${aac[@]}" "${date[@]}" "$out/landscape.tmp.mp4"
ff -i "$out/landscape.tmp.mp4" -c copy "${date[@]}" -metadata:s:v:0 rotate=90 "$out/portrait_rotated.mp4"
rm "$out/landscape.tmp.mp4"
ff -f lavfi -i "testsrc2=size=1280x720:rate=25" -f lavfi -i "$tone" -t 1 "${x264[@]}" "${cheap[@]}" "${aac[@]}" "${date[@]}" "$out/hd720.mp4"
ff -f lavfi -i "testsrc2=size=160x90:rate=1" -f lavfi -i "sine=frequency=440:sample_rate=8000" -t 181 "${x264[@]}" "${cheap[@]}" -c:a aac -b:a 16k -ac 2 "${date[@]}" "$out/long_181s.mp4"
ff -f lavfi -i "$plain" -t 1 "${x264[@]}" "${cheap[@]}" "${date[@]}" "$out/no_audio.mp4"
ff -f lavfi -i "$plain" -f lavfi -i "$tone" -t 1 -c:v libx265 -crf 40 -x265-params log-level=error:pools=1:frame-threads=1 -tag:v hvc1 -pix_fmt yuv420p "${aac[@]}" "${date[@]}" "$out/hevc_hvc1.mp4"
ff -f lavfi -i "$plain" -f lavfi -i "$tone" -t 1 "${x264[@]}" "${cheap[@]}" "${aac[@]}" "${date[@]}" "$out/moov_at_end.mp4"
ff -f lavfi -i "$plain" -f lavfi -i "$tone" -t 1 "${x264[@]}" "${cheap[@]}" "${aac[@]}" "${date[@]}" -movflags +faststart "$out/faststart.mp4"
ff -f lavfi -i "$plain" -f lavfi -i "$tone" -t 1 "${x264[@]}" "${cheap[@]}" -flags +ildct+ilme -x264-params interlaced=1:tff=1 "${aac[@]}" "${date[@]}" "$out/interlaced.mp4"
ff -f lavfi -i "$plain" -f lavfi -i "sine=frequency=440:sample_rate=48000" -t 1 "${x264[@]}" "${cheap[@]}" -c:a pcm_s16le -ac 1 "${date[@]}" "$out/pcm_mono.mov"
ff -f lavfi -i "$plain" -f lavfi -i "$tone" -t 2 "${x264[@]}" "${cheap[@]}" -g 25 "${aac[@]}" "${date[@]}" -movflags frag_keyframe+empty_moov+default_base_moof "$out/fragmented.mp4"
ff -f lavfi -i "$plain" -f lavfi -i "$tone" -t 1 "${x264[@]}" "${cheap[@]}" "${aac[@]}" -metadata creation_time=2021-03-01T08:00:00Z "$out/dated_2021.mp4"
ff -f lavfi -i "$plain" -f lavfi -i "$tone" -t 1 "${x264[@]}" "${cheap[@]}" "${aac[@]}" "$out/undated.mp4"

# Audio levels and layouts (small pictures: these fixtures are about the sound).
small="testsrc2=size=160x90:rate=25"
audio_case() { local name=$1; shift; ff -f lavfi -i "$small" "$@" -t 3 "${x264[@]}" "${cheap[@]}" "${date[@]}" "$out/$name"; }
audio_case audio_loud.mp4 -f lavfi -i "$(split 0.708 0.708)" "${aac[@]}"
audio_case audio_quiet.mp4 -f lavfi -i "$(split 0.1 0.1)" "${aac[@]}"
audio_case audio_dual_mono.mp4 -f lavfi -i "aevalsrc=exprs='min(1\,4*t)*0.316*sin(2*PI*220*t)|min(1\,4*t)*0.316*sin(2*PI*220*t)':s=48000" "${aac[@]}"
audio_case audio_silent_channel.mp4 -f lavfi -i "$(split 0.316 0)" "${aac[@]}"
audio_case audio_mono.mp4 -f lavfi -i "aevalsrc=exprs='min(1\,4*t)*0.316*sin(2*PI*220*t)':s=48000" "${aac[@]}"
audio_case audio_51.mp4 -f lavfi -i "aevalsrc=exprs='min(1\,4*t)*0.316*sin(2*PI*220*t)|min(1\,4*t)*0.316*sin(2*PI*330*t)|min(1\,4*t)*0.2*sin(2*PI*440*t)|min(1\,4*t)*0.1*sin(2*PI*55*t)|min(1\,4*t)*0.2*sin(2*PI*660*t)|min(1\,4*t)*0.2*sin(2*PI*880*t)':s=48000:c=5.1" "${aac[@]}"
audio_case audio_pcm_split.mov -f lavfi -i "$(split 0.316 0.316)" -c:a pcm_s16le
audio_case audio_mp3.mp4 -f lavfi -i "$(split 0.316 0.316)" -c:a libmp3lame -b:a 192k
audio_case audio_alac.mov -f lavfi -i "$(split 0.316 0.316)" -c:a alac
audio_case audio_flac.mp4 -f lavfi -i "$(split 0.316 0.316)" -c:a flac -strict -2

# Frames: 6 s of a zooming fractal with a keyframe every 6 frames (25 keyframes), with a
# drawn logo (no font needed) in the top right corner, without it, and with a QR code for
# 2 s (made with qrencode: apt-get install -y qrencode).
zoom="mandelbrot=s=480x270:rate=25:maxiter=256:end_scale=0.01"
gop=(-g 6 -keyint_min 6 -sc_threshold 0 -crf 36)
logo="drawbox=x=376:y=16:w=90:h=36:color=white@1:t=fill,drawbox=x=382:y=22:w=24:h=24:color=0xd02040@1:t=fill,drawbox=x=414:y=26:w=44:h=6:color=black@1:t=fill,drawbox=x=414:y=38:w=30:h=6:color=black@1:t=fill"
ff -f lavfi -i "$zoom" -t 6 -vf "$logo" "${x264[@]}" "${gop[@]}" "${date[@]}" "$out/frames_logo.mp4"
ff -f lavfi -i "$zoom" -t 6 "${x264[@]}" "${gop[@]}" "${date[@]}" "$out/frames_clean.mp4"
# A 12 s clip with a keyframe every 2 s (6 keyframes, no B-pictures) whose logo sits top
# left for 6 s, then bottom right: found only by decoding the frames between keyframes.
at() { echo "$logo" | sed "s/x=376:y=16/x=$(($1)):y=$(($2))/; s/x=382:y=22/x=$(($1 + 6)):y=$(($2 + 6))/; s/x=414:y=26/x=$(($1 + 38)):y=$(($2 + 10))/; s/x=414:y=38/x=$(($1 + 38)):y=$(($2 + 22))/; s/:t=fill/:t=fill:enable='$3'/g"; }
ff -f lavfi -i "mandelbrot=s=480x270:rate=25:maxiter=256:end_scale=0.002" -t 12 -vf "$(at 16 16 'lt(t,6)'),$(at 374 218 'gte(t,6)')" -c:v libx264 -preset veryfast -threads 1 -crf 40 -bf 0 -g 50 -keyint_min 50 -sc_threshold 0 -pix_fmt yuv420p "${date[@]}" "$out/frames_jump_g50.mp4"
qr=$(mktemp --suffix=.png)
qrencode -s 3 -m 2 -o "$qr" "https://shop.example.com/promo?id=38291047"
ff -f lavfi -i "$zoom" -i "$qr" -t 6 -filter_complex "[0][1]overlay=x=40:y=(H-h)/2:enable='between(t,2,4)'" "${x264[@]}" "${gop[@]}" "${date[@]}" "$out/frames_qr.mp4"
rm "$qr"
# Two subtitle lines burned in (a Hei face with a drop shadow, 3 s each) over a 640×360
# fractal, for the HTML report's contact sheet (apt-get install -y fonts-wqy-microhei).
hei=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
cue() { echo "drawtext=fontfile=$hei:text='$1':fontsize=28:fontcolor=white:shadowcolor=black:shadowx=2:shadowy=2:x=(w-tw)/2:y=h-60:enable='$2'"; }
ff -f lavfi -i "mandelbrot=s=640x360:rate=25:maxiter=256:end_scale=0.01" -t 6 -vf "$(cue 村里修通了水泥路 'lt(t,3)'),$(cue 孩子们在新学校读书 'gte(t,3)')" \
  "${x264[@]}" -g 12 -keyint_min 12 -sc_threshold 0 -crf 40 "${date[@]}" "$out/subtitled.mp4"

# Damaged and disguised files.
size=$(stat -c %s "$out/moov_at_end.mp4")
head -c $((size / 2)) "$out/moov_at_end.mp4" > "$out/truncated_half.mp4"
size=$(stat -c %s "$out/faststart.mp4")
head -c $((size / 2)) "$out/faststart.mp4" > "$out/truncated_faststart.mp4"
python3 -c 'import random,sys; r=random.Random(20200930); sys.stdout.buffer.write(bytes(r.getrandbits(8) for _ in range(65536)))' > "$out/random_bytes.mp4"
ff -f lavfi -i "testsrc2=size=320x240" -frames:v 1 -f image2 -c:v png "$out/png_named.mp4"

# Headers that lie (mp4patch.py rewrites one field; ffprobe and MediaInfo measure the truth).
patch() { python3 "$(dirname "$0")/mp4patch.py" "$@"; }
# Fragmented, 48.4 s in its fragments, while mvhd claims 19 063 s.
ff -f lavfi -i "testsrc2=size=160x90:rate=5" -f lavfi -i "sine=frequency=440:sample_rate=8000" -t 48 "${x264[@]}" "${cheap[@]}" -g 25 -c:a aac -b:a 16k -movflags frag_keyframe+empty_moov "$out/fragmented_lying_header.mp4"
patch "$out/fragmented_lying_header.mp4" moov/mvhd 16 '>I' 19063000
# Mono audio whose sample entry says 2 channels: ffmpeg writes 2 for MP3, AAC and AC-3
# itself; the Opus entry is patched. The frame header, esds, dac3 and dOps say 1.
mono="aevalsrc=exprs='min(1\,4*t)*0.316*sin(2*PI*220*t)':s=48000"
for c in "mp3 libmp3lame" "aac aac" "opus libopus" "ac3 ac3"; do
  set -- $c
  ff -f lavfi -i "$small" -f lavfi -i "$mono" -t 1 "${x264[@]}" "${cheap[@]}" -c:a "$2" -ac 1 -strict -2 "$out/audio_${1}_mono_entry_stereo.mp4"
done
patch "$out/audio_opus_mono_entry_stereo.mp4" moov/trak#2/mdia/minf/stbl/stsd/Opus 16 '>H' 2
# Two mono tracks: together the two channels the contest asks for.
ff -f lavfi -i "$small" -f lavfi -i "$mono" -f lavfi -i "${mono/220/330}" -t 1 -map 0 -map 1 -map 2 "${x264[@]}" "${cheap[@]}" -c:a aac -b:a 64k -ac 1 "$out/two_mono_tracks.mp4"
# Short clips with a keyframe every 2 s (6 in 12 s): the frames between keyframes are
# decoded too, without B-pictures (openh264) and with them (ffmpeg).
for bf in 0 3; do
  ff -f lavfi -i "mandelbrot=s=320x180:rate=25:maxiter=128:end_scale=0.01" -t 12 "${x264[@]}" -crf 35 -g 50 -keyint_min 50 -sc_threshold 0 -bf $bf "${date[@]}" "$out/gop2s_bf$bf.mp4"
done
# Motion JPEG in an mp4v sample entry (esds object type 0x6C).
ff -f lavfi -i "testsrc2=size=160x90:rate=25" -t 1 -c:v mjpeg -q:v 10 -threads 1 "$out/mjpeg_mp4v.mp4"

echo "fixtures written to $out"
