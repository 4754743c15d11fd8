#!/usr/bin/env bash
# Builds the generated evaluation sets into target/ the way the tests' `common::generated`
# does: each set's directory keeps a copy of the script that built it, and a set built by
# this version of its script is kept. The test command runs this in the background at the
# lowest priority while cargo compiles: the sets (~10 min of CPU, mostly x264) take what
# the compiler leaves of the two cores (little: it keeps ~1.95 busy) and finish after it.
set -euo pipefail
cd "$(dirname "$0")/.."
for set in watermarks/generate.sh:watermark-eval subtitles/generate.sh:subtitle-eval ocr/lines.sh:ocr-lines; do
  script=testdata/${set%%:*} out=target/${set##*:}
  cmp -s "$script" "$out/script.sh" && continue
  rm -rf "$out"
  bash "$script" "$out"
  cp "$script" "$out/script.sh"
done
