#!/usr/bin/env bash
# Generates the text fixtures of testdata/text (committed; tests never run this).
# Needs: python3.
# Usage: testdata/text/generate.sh [OUTDIR]   (default: testdata/text)
set -euo pipefail
out=${1:-"$(dirname "$0")"}
python3 - "$out" <<'PY'
import sys
out = sys.argv[1]
# Every character of these sentences is East Asian, so each counts one 字.
story = "扶贫路上的故事，从村口那条泥巴路说起。" "七年过去，新房一排排立起来，孩子们走上了水泥路。"
def text(n):
    body = (story * (n // len(story) + 1))[:n]
    # Paragraphs of at most 200 字, as a real story has.
    return "\n".join(body[i:i + 200] for i in range(0, n, 200)) + "\n"
# The 字数 boundaries of the text profile (1 000–10 000).
for n in (999, 1000, 10000, 10001):
    open(f"{out}/words_{n}.txt", "w", encoding="utf-8").write(text(n))
# The same 1 200 字 in the legacy encodings Chinese editors save in.
open(f"{out}/gbk_1200.txt", "wb").write(text(1200).encode("gbk"))
traditional = "扶貧路上的故事，從村口那條泥巴路說起。七年過去，新房一排排立起來，孩子們走上了水泥路。"
body = (traditional * 40)[:1200]
open(f"{out}/big5_1200.txt", "wb").write(body.encode("big5"))
open(f"{out}/utf16_1200.txt", "wb").write(b"\xff\xfe" + text(1200).encode("utf-16-le"))
# A story of 1 200 字 whose last lines name the author: name, unit, mobile, ID number
# (valid GB 11643 check digit), e-mail.
signature = "\n作者：张小明\n单位：某县扶贫办\n联系电话：13812346157\n身份证号：11010519491231002X\n邮箱：zhangxm@example.com\n"
open(f"{out}/author_in_body.txt", "w", encoding="utf-8").write(text(1200) + signature)
# Only white space.
open(f"{out}/blank.txt", "w", encoding="utf-8").write(" \n\u3000\n\t\n")
PY
