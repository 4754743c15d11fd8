#!/usr/bin/env bash
# Intake, whole process: a mailbox of 200 entries made from the fixtures of
# testdata/entries (the 30 text entries of box30.mbox and the other mails in turn:
# stories, photos in GBK-named ZIPs, a 7z, Word and Excel forms), checked by
# `mediavet intake`, beside Python's standard library merely reading the same mailbox
# (mailbox + email: every message parsed, every attachment decoded, ZIPs listed). And
# 200 of the text entries alone, whose works are small .txt files: what intake costs per
# entry beyond the works' own checks (mail, form, name, cross-checks).
# Needs hyperfine and python3.
# Usage: benches/intake.sh [RUNS]
set -euo pipefail
runs=${1:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/target/bench/intake"
mkdir -p "$dir"
cargo build --quiet --release -p mediavet-cli --manifest-path "$root/Cargo.toml"
bin="$root/target/release/mediavet"
python3 - "$root/testdata/entries" "$dir" <<'PY'
import glob, mailbox, os, sys
src, out = sys.argv[1], sys.argv[2]
box = [bytes(m) for m in mailbox.mbox(os.path.join(src, "box30.mbox"))]
mails = [open(p, "rb").read() for p in sorted(glob.glob(os.path.join(src, "*.eml")) + glob.glob(os.path.join(src, "neg", "*.eml")))]
def write(name, messages):
    with open(os.path.join(out, name), "wb") as f:
        for m in messages:
            f.write(b"From entrant@example.com Sat Aug  1 12:00:00 2020\n")
            f.write(m.replace(b"\nFrom ", b"\n>From ").rstrip(b"\n") + b"\n\n")
mixed = [(box + mails)[i % (len(box) + len(mails))] for i in range(200)]
write("mixed200.mbox", mixed)
write("text200.mbox", [box[i % len(box)] for i in range(200)])
PY
read_mail='import io, mailbox, sys, zipfile
n = 0
for m in mailbox.mbox(sys.argv[1]):
    for part in m.walk():
        data = part.get_payload(decode=True)
        if data and data[:2] == b"PK":
            n += len(zipfile.ZipFile(io.BytesIO(data)).namelist())
print(n)'
hyperfine -N --warmup 1 --runs "$runs" --ignore-failure --export-json "$dir/intake.json" \
  -n "mediavet intake, 200 mixed entries" "$bin intake --format csv $dir/mixed200.mbox" \
  -n "python mailbox+email read, 200 mixed" "python3 -c '$read_mail' $dir/mixed200.mbox" \
  -n "mediavet intake, 200 text entries" "$bin intake --format csv $dir/text200.mbox" \
  -n "python mailbox+email read, 200 text" "python3 -c '$read_mail' $dir/text200.mbox" >&2
python3 - "$dir/intake.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f'{r["command"]:<40} {r["median"] * 1000:8.1f} ms  ({r["median"] * 1000 / 200:.2f} ms per entry)')
PY
