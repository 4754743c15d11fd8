#!/usr/bin/env bash
# Generates the photo fixtures of testdata/photo. The outputs are committed; tests read
# them and never need these tools themselves.
# Needs: apt-get install -y ffmpeg libjpeg-turbo-progs libimage-exiftool-perl libheif-examples imagemagick python3
# Usage: testdata/photo/generate.sh [OUTDIR]   (default: testdata/photo)
set -euo pipefail
out=${1:-"$(dirname "$0")"}
mkdir -p "$out/group"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ff() { ffmpeg -nostdin -v error -y "$@"; }
exif() { exiftool -q -overwrite_original "$@"; }
# Camera metadata of an original inside the contest period.
camera=(-Make=Canon "-Model=Canon EOS 6D" "-DateTimeOriginal=2019:06:01 10:00:00" -OffsetTimeOriginal=+08:00)

# A detailed picture: a deep zoom into the Mandelbrot set (fine filaments beside smooth
# areas, like a photo with a sharp subject and a plain background).
fractal() { echo "mandelbrot=size=$1:start_scale=0.02:start_x=-0.7435669:start_y=0.1314023:maxiter=1024"; }
ff -f lavfi -i "$(fractal 1920x1080)" -frames:v 1 -c:v ppm -f image2 "$tmp/big.ppm"
ff -f lavfi -i "$(fractal 480x270)" -frames:v 1 -c:v ppm -f image2 "$tmp/small.ppm"
ff -i "$tmp/big.ppm" -vf gblur=sigma=3 -c:v ppm -f image2 "$tmp/blurred.ppm"

# Passes the photo profile: 1920x1080 at quality 90, camera EXIF, a Chinese XMP caption.
cjpeg -quality 90 -optimize "$tmp/big.ppm" > "$out/sharp.jpg"
exif "${camera[@]}" "-XMP-dc:Description=易地扶贫搬迁后的新村全景" "$out/sharp.jpg"
# The same picture after a 3-pixel Gaussian blur: image.sharpness.
cjpeg -quality 90 -optimize "$tmp/blurred.ppm" > "$out/blurred.jpg"
exif "${camera[@]}" "-XMP-dc:Description=模糊的新村全景" "$out/blurred.jpg"
# The same picture recompressed at quality 40, as chat apps do: image.quality.
cjpeg -quality 40 -optimize "$tmp/big.ppm" > "$out/q40.jpg"
exif "${camera[@]}" "-XMP-dc:Description=转发后的新村全景" "$out/q40.jpg"

# Captions, one source each (small pictures: these are about the metadata).
small() { cjpeg -quality 90 "$tmp/small.ppm" > "$out/$1"; exif "${camera[@]}" "$out/$1"; }
small caption_exif.jpg
exif "-ImageDescription=村里新修的水泥路" "-XPComment=修路前全是泥巴路" "$out/caption_exif.jpg"
small caption_xmp.jpg
exif "-XMP-dc:Description=贫困户搬进新房" "$out/caption_xmp.jpg"
small caption_iptc.jpg
exif -charset iptc=utf8 -IPTC:CodedCharacterSet=UTF8 "-IPTC:Caption-Abstract=合作社的蔬菜大棚" "$out/caption_iptc.jpg"
# IPTC written by older Chinese software: GBK, no character set declared (exiftool
# cannot write that, so the APP13 segment is put together here).
small caption_iptc_gbk.jpg
python3 - "$out/caption_iptc_gbk.jpg" <<'PY'
import struct, sys
path = sys.argv[1]
text = "扶贫车间里的女工".encode("gbk")
iim = b"\x1c\x02\x78" + struct.pack(">H", len(text)) + text
res = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iim)) + iim + (b"\x00" if len(iim) % 2 else b"")
body = b"Photoshop 3.0\x00" + res
data = open(path, "rb").read()
open(path, "wb").write(data[:2] + b"\xff\xed" + struct.pack(">H", len(body) + 2) + body + data[2:])
PY
small no_caption.jpg
# A caption in a text file beside the photo (GBK, as Notepad on Chinese Windows saves it).
small sidecar.jpg
printf '%s\n' "村小学的新操场，2019年建成。" | iconv -f UTF-8 -t GBK > "$out/sidecar.txt"
# Author and place in IPTC and XMP: image.author_info.
small author_iptc.jpg
exif -charset iptc=utf8 -IPTC:CodedCharacterSet=UTF8 "-IPTC:By-line=王小明" "-XMP-dc:Creator=王小明" "-XMP-dc:Description=村口" "$out/author_iptc.jpg"
# Progressive coding, and CMYK (print workflows): both decoded for the clarity measure.
cjpeg -quality 90 -progressive "$tmp/small.ppm" > "$out/progressive.jpg"
convert "$out/progressive.jpg" -colorspace CMYK -quality 90 -strip "$out/cmyk.jpg"
# Taken after the period.
small date_2021.jpg
exif "-DateTimeOriginal=2021:03:15 09:30:00" "-XMP-dc:Description=2021年的照片" "$out/date_2021.jpg"
# Cut short at 60% of its bytes (inside the picture data).
cjpeg -quality 90 "$tmp/small.ppm" > "$tmp/whole.jpg"
head -c $(( $(stat -c %s "$tmp/whole.jpg") * 6 / 10 )) "$tmp/whole.jpg" > "$out/truncated.jpg"

# Other formats named .jpg.
ff -i "$tmp/small.ppm" -vf scale=240:-1 -c:v png -f image2 "$out/png_named.jpg"
ff -i "$tmp/small.ppm" -c:v png -f image2 "$tmp/small.png"
heif-enc -q 50 -o "$tmp/small.heic" "$tmp/small.png" >/dev/null
cp "$tmp/small.heic" "$out/heic_named.jpg"
for codec in gif bmp tiff libwebp; do
  ff -i "$tmp/small.ppm" -vf scale=48:27 -frames:v 1 -c:v "$codec" -f image2 "$out/${codec#lib}_named.jpg"
done
# Headers that claim far more pixels than they hold: a PNG of 100 000 × 100 000 named
# .jpg, and a JPEG of 65 500 × 65 500 (the most a JPEG header can say is 65 535).
python3 - "$out" <<'PY'
import struct, sys, zlib
out = sys.argv[1]
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
ihdr = struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")
open(f"{out}/bomb_100000.jpg", "wb").write(png)
dqt = b"\xff\xdb" + struct.pack(">H", 67) + b"\x00" + bytes([1] * 64)
sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, 65500, 65500, 1) + b"\x01\x11\x00"
sos = b"\xff\xda" + struct.pack(">HB", 8, 1) + b"\x01\x00\x00\x3f\x00"
open(f"{out}/bomb_65500.jpg", "wb").write(b"\xff\xd8" + dqt + sof + sos + b"\x00" * 16 + b"\xff\xd9")
PY

# A group: a before/after pair marked in the names, and one marked in the captions.
cjpeg -quality 90 "$tmp/small.ppm" > "$out/group/老屋-前.jpg"
exif "${camera[@]}" "-XMP-dc:Description=危房改造前的老屋" "$out/group/老屋-前.jpg"
cjpeg -quality 90 "$tmp/small.ppm" > "$out/group/老屋-后.jpg"
exif "${camera[@]}" "-XMP-dc:Description=危房改造后的新居" "$out/group/老屋-后.jpg"
cjpeg -quality 90 "$tmp/small.ppm" > "$out/group/IMG_0101.jpg"
exif "${camera[@]}" "-XMP-dc:Description=村路硬化前" "$out/group/IMG_0101.jpg"
cjpeg -quality 90 "$tmp/small.ppm" > "$out/group/IMG_0102.jpg"
exif "${camera[@]}" "-XMP-dc:Description=村路硬化后" "$out/group/IMG_0102.jpg"
cjpeg -quality 90 "$tmp/small.ppm" > "$out/group/IMG_0103.jpg"
exif "${camera[@]}" "$out/group/IMG_0103.jpg"
printf '%s\n' "村里的光伏电站" > "$out/group/IMG_0103.txt"
