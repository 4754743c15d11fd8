#!/usr/bin/env bash
# Generates the text fixtures of testdata/text (committed; tests never run this).
# Needs: python3 (its zipfile module writes the .docx packages by hand, so that every
# part is known: body, table, text box with its VML fallback, header, footer, comment),
# and msoffcrypto-tool (pip) for the password-protected document.
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
# Latin and Chinese mixed, one case a line; mixed_scripts.words.tsv beside it gives the
# 字数 Word shows for each line and why (Word counts each Asian character as a word and
# other words between spaces; punctuation of ambiguous width goes with its neighbours).
mixed = [
    ("Don’t stop believing.", 3, "the apostrophe joins Don’t; no Asian text"),
    ("“Hello,” she said — twice.", 5, "quotes touch Hello; the em dash stands alone between spaces"),
    ("See § 4, pages 10–12.", 5, "§ alone is a word; 10–12 is one word"),
    ("他说：“好。”", 7, "他 说 ： “ 好 。 ” each Asian (the quotes touch Chinese)"),
    ("脱贫攻坚——我们的故事", 11, "9 Han + 2 dashes between Han characters"),
    ("王·小明在 Shanghai 打工", 8, "王 · 小 明 在 打 工 (7) + Shanghai (1)"),
    ("GDP 增长 6.1%，好！", 7, "GDP, 6.1% (2) + 增 长 ， 好 ！ (5)"),
    ("She wrote “扶贫” on the board.", 9, "She wrote on the board. (5) + “ 扶 贫 ” (4: the quotes touch Han)"),
]
open(f"{out}/mixed_scripts.txt", "w", encoding="utf-8").write("".join(t + "\n" for t, _, _ in mixed))
with open(f"{out}/mixed_scripts.words.tsv", "w", encoding="utf-8") as f:
    f.write("line\twords\twhy\n")
    for i, (_, n, why) in enumerate(mixed, 1):
        f.write(f"{i}\t{n}\t{why}\n")
# A Japanese story (kana throughout; kanji such as 護 and 國 that OpenCC lists as
# Traditional), 1 200 characters.
japanese = "村の道を護るために、私たちは國の森を歩きました。子どもたちは新しい学校へ通います。"
open(f"{out}/japanese_1200.txt", "w", encoding="utf-8").write((japanese * 40)[:1200] + "\n")
# Only white space.
open(f"{out}/blank.txt", "w", encoding="utf-8").write(" \n\u3000\n\t\n")

# --- Word documents --------------------------------------------------------------------
import zipfile
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (f'xmlns:w="{W}" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
def p(t):
    return f'<w:p><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>'
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>')
def core(creator, modified_by):
    return ('<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{creator}</dc:creator><cp:lastModifiedBy>{modified_by}</cp:lastModifiedBy></cp:coreProperties>')
def app(company):
    return ('<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            f'<Application>Microsoft Office Word</Application><AppVersion>16.0000</AppVersion><Company>{company}</Company></Properties>')
def docx(name, body, creator="Administrator", modified_by="Administrator", company="", extra=()):
    doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}<w:sectPr/></w:body></w:document>'
    with zipfile.ZipFile(f"{out}/{name}", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("docProps/core.xml", core(creator, modified_by))
        z.writestr("docProps/app.xml", app(company))
        z.writestr("word/document.xml", doc)
        for part, xml in extra:
            z.writestr(part, xml)

# A 1 200-字 story in a Word document: 1 100 字 of paragraphs, a table of 40 字, a text
# box of 60 字 (once as DrawingML, once as its VML fallback, which must not count twice),
# and a header, a footer and a comment that are not the body. The author, 王秀英 of
# 青山县融媒体中心, is named in the body (with her phone number 138 1234 6157) and in
# the document's properties.
paras = text(1100).splitlines()
paras[2] = paras[2][:150] + "王秀英在地头说。" + paras[2][158:]
paras[4] = "联系" + paras[4][2:180] + "138 1234 6157"
table = ("<w:tbl>" + "".join(
    "<w:tr>" + "".join(f"<w:tc>{p(text(10).strip())}</w:tc>" for _ in range(2)) + "</w:tr>" for _ in range(2)) + "</w:tbl>")
box_text = text(60).strip()
box = (f'<w:p><w:r><w:t>文本框：</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>{p(box_text)}</w:txbxContent></wps:txbx></w:drawing></mc:Choice>'
       f'<mc:Fallback><w:pict><v:textbox><w:txbxContent>{p(box_text)}</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')
hdr = f'<?xml version="1.0" encoding="UTF-8"?><w:hdr {NS}>{p("页眉：青山县融媒体中心 王秀英")}</w:hdr>'
ftr = f'<?xml version="1.0" encoding="UTF-8"?><w:ftr {NS}>{p("页脚")}</w:ftr>'
com = f'<?xml version="1.0" encoding="UTF-8"?><w:comments {NS}><w:comment w:id="0">{p("批注文字不算")}</w:comment></w:comments>'
docx("author_in_body.docx", "".join(p(x) for x in paras) + table + box,
     creator="王秀英", modified_by="Administrator", company="青山县融媒体中心",
     extra=[("word/header1.xml", hdr), ("word/footer1.xml", ftr), ("word/comments.xml", com)])
# 10 000 字 over 50 paragraphs, for the benchmark.
docx("words_10000.docx", "".join(p(x) for x in text(10000).splitlines()))
# Broken documents: XML cut inside a tag, and a package cut short (no central directory).
docx("bad_xml.docx", p("开头") + "<w:p><w:r><w:t>未闭合")
whole = open(f"{out}/words_10000.docx", "rb").read()
open(f"{out}/truncated.docx", "wb").write(whole[: len(whole) * 6 // 10])
# A ZIP bomb: document.xml inflates to 80 MiB of spaces (over the 64 MiB cap per part).
with zipfile.ZipFile(f"{out}/bomb.docx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("[Content_Types].xml", CT)
    z.writestr("_rels/.rels", RELS)
    head = f'<?xml version="1.0"?><w:document {NS}><w:body><w:p><w:r><w:t>'
    z.writestr("word/document.xml", head + " " * (80 << 20) + "</w:t></w:r></w:p></w:body></w:document>")
# The same bomb lying about its size: document.xml's local and central headers claim
# 4 096 bytes, so only counting the bytes really inflated stops it.
import struct
b = bytearray(open(f"{out}/bomb.docx", "rb").read())
name = b"word/document.xml"
for sig, size_at, name_len_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
    i = b.find(sig)
    while i >= 0:
        n = struct.unpack_from("<H", b, i + name_len_at)[0]
        if bytes(b[i + name_at:i + name_at + n]) == name:
            struct.pack_into("<I", b, i + size_at, 4096)
        i = b.find(sig, i + 4)
open(f"{out}/bomb_lying.docx", "wb").write(bytes(b))
# A package with Word parts but no body: only a theme (a template fragment, or an upload
# that lost its document.xml).
with zipfile.ZipFile(f"{out}/theme_only.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", CT)
    z.writestr("word/theme/theme1.xml", '<?xml version="1.0"?><a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office"/>')
PY
# A .docx saved with a password to open (an OLE file holding EncryptionInfo and
# EncryptedPackage), written by msoffcrypto-tool (pip install msoffcrypto-tool).
python3 - "$out" <<'PY'
import sys
from msoffcrypto.format.ooxml import OOXMLFile
out = sys.argv[1]
with open(f"{out}/author_in_body.docx", "rb") as src, open(f"{out}/encrypted.docx", "wb") as dst:
    OOXMLFile(src).encrypt("扶贫2020", dst)
PY
