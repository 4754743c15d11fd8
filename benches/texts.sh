#!/usr/bin/env bash
# Texts and subtitles, whole process: a 10 000-字 .docx and the corpus's 16 000-字
# LibreOffice document checked with the text profile (unzip, XML, count, script, author
# scan, rules), beside python-docx merely opening the document and joining its paragraph
# text; and the corpus's 1 194-cue Traditional .srt checked as a micro-film's subtitles.
# Needs hyperfine and python3 with python-docx (scripts/test.sh's venv has it); the corpus
# parts need ../shared/corpus/{text,subtitle}.
# Usage: benches/texts.sh [RUNS]
set -euo pipefail
runs=${1:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/target/bench/texts"
mkdir -p "$dir"
cargo build --quiet --release -p mediavet-cli --manifest-path "$root/Cargo.toml"
bin="$root/target/release/mediavet"
py="$root/target/pyenv/bin/python"
[ -x "$py" ] || py=python3
docx10k="$root/testdata/text/words_10000.docx"
lo="$root/../shared/corpus/text/docx2python_libreoffice_conversion_zh.docx"
srt="$root/../shared/corpus/subtitle/scinoephile_t_zho-Hant.srt"
pydocx='import sys, docx; print(len("\n".join(p.text for p in docx.Document(sys.argv[1]).paragraphs)))'
args=(-n "check 10 000-字 docx" "$bin check --profile text --format csv $docx10k"
      -n "python-docx 10 000-字 docx" "$py -c '$pydocx' $docx10k")
if [ -f "$lo" ]; then
  args+=(-n "check 16 000-字 LibreOffice docx" "$bin check --profile text --format csv $lo"
         -n "python-docx 16 000-字 LibreOffice docx" "$py -c '$pydocx' $lo")
fi
if [ -f "$srt" ]; then
  args+=(-n "check 1 194-cue .srt (micro-film)" "$bin check --profile micro-film-5 --format csv $srt")
fi
hyperfine -N --warmup 3 --runs "$runs" --ignore-failure --export-json "$dir/texts.json" "${args[@]}" >&2
python3 - "$dir/texts.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f'{r["command"]:<42} {r["mean"] * 1000:8.1f} ms ± {r["stddev"] * 1000:.1f}')
PY
