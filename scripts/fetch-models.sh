#!/usr/bin/env bash
# Puts the OCR models (PaddleOCR PP-OCRv4 detection + recognition, ONNX, Apache-2.0) into
# models/, taken out of the PyPI wheel rapidocr-onnxruntime 1.4.4 and hash-checked: the
# wheel against its pinned SHA-256, each model against SHA256SUMS. Idempotent: models that
# are already there and match are left alone. Needs python3 with pip (pip downloads the
# wheel; Python's zipfile reads it).
set -euo pipefail
cd "$(dirname "$0")/../models"
if sha256sum --quiet -c SHA256SUMS >/dev/null 2>&1; then
  exit 0
fi
wheel=rapidocr_onnxruntime-1.4.4-py3-none-any.whl
wheel_sha=971d7d5f223a7a808662229df1ef69893809d8457d834e6373d3854bc1782cbf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "fetching the OCR models from PyPI ($wheel, 14.9 MB)" >&2
python3 -m pip download -q --disable-pip-version-check --no-deps \
  rapidocr-onnxruntime==1.4.4 -d "$tmp"
echo "$wheel_sha  $tmp/$wheel" | sha256sum --quiet -c -
python3 - "$tmp/$wheel" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for line in open("SHA256SUMS"):
        name = line.split()[1]
        with z.open(f"rapidocr_onnxruntime/models/{name}") as src, open(name + ".part", "wb") as dst:
            dst.write(src.read())
PY
for f in ch_PP-OCRv4_det_infer.onnx ch_PP-OCRv4_rec_infer.onnx; do mv "$f.part" "$f"; done
sha256sum --quiet -c SHA256SUMS
echo "OCR models in $(pwd)" >&2
