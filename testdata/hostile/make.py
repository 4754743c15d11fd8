#!/usr/bin/env python3
"""Generates the hostile entries of testdata/hostile: each an entry as an attacker (or a
broken mail client) would send it, small or sparse on disk, each aimed at one bound of
`mediavet intake` (README, "Hostile input"). The outputs are committed (about 4.4 MB in
all), with seeds/ for the `sheet` fuzz target; crates/mediavet-cli/tests/hostile.rs runs them, beside a good entry, and asserts
each one's finding, the run's peak memory and its temporary disk.

Needs: Python 3 (standard library), 7-Zip (`7z`) and ffmpeg on PATH.
Usage: python3 testdata/hostile/make.py [OUTDIR]   (default: testdata/hostile)
"""
import io
import os
import random
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else HERE)
sys.path.insert(0, HERE)
import rar  # noqa: E402

TMP = tempfile.mkdtemp()
PREFIX = "扶贫征集-自荐-文字类-"
POOL = "山路村里老乡扶贫产业茶园学校孩子春天雨水合作社电商公路桥梁医生果树养殖羊群河水稻田"


def story(seed):
    """A story long enough to be one (1 200 common characters), its own for each case
    (the entries are not each other's duplicates), so that an entry's findings are about
    its hostile part."""
    rnd = random.Random(seed)
    return "".join(rnd.choice(POOL) for _ in range(1200))




def out(name):
    return os.path.join(OUT, name)


def put(z, name, data, compression=zipfile.ZIP_DEFLATED):
    """Writes a member with a fixed time, so that reruns give the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(2020, 8, 1, 0, 0, 0))
    info.compress_type = compression
    z.writestr(info, data)


def entry_zip(name, members, compression=zipfile.ZIP_DEFLATED):
    """An entry ZIP named `name` holding `members` [(name, bytes)]."""
    with zipfile.ZipFile(out(name), "w", compression) as z:
        for n, data in members:
            put(z, n, data, compression)


def xlsx(sheet, shared=None):
    """An .xlsx package with one worksheet `sheet` (and shared strings `shared`)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        put(z, "[Content_Types].xml", "<Types/>")
        put(z, 
            "xl/workbook.xml",
            '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="报名表" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        put(z, 
            "xl/_rels/workbook.xml.rels",
            '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        put(z, "xl/worksheets/sheet1.xml", sheet)
        if shared is not None:
            put(z, "xl/sharedStrings.xml", shared)
    return buf.getvalue()


def sheet(rows):
    return "<worksheet><sheetData>%s</sheetData></worksheet>" % "".join(rows)


def seed(name, data):
    """A seed input of the `sheet` fuzz target (scripts/fuzz.sh)."""
    os.makedirs(out("seeds"), exist_ok=True)
    open(os.path.join(out("seeds"), name), "wb").write(data)


def xlsx_cases():
    # A form as a spreadsheet (the seed the fuzzer mutates from).
    labels = ["作者姓名", "王秀英", "性别", "女", "身份证号", "430102198503158315", "作品名称", "山路"]
    cells = "".join('<c r="%s1" t="inlineStr"><is><t>%s</t></is></c>' % (chr(65 + i), v)
                    for i, v in enumerate(labels))
    seed("form.xlsx", xlsx(sheet(['<row r="1">%s</row>' % cells])))
    # 1. A shared-string count of 10^11 (calamine reserved it: 2.4 TB, the process aborted).
    sst = '<sst count="100000000000" uniqueCount="100000000000"><si><t>作者姓名</t></si></sst>'
    book = xlsx(sheet(['<row r="1"><c r="A1" t="s"><v>0</v></c></row>']), sst)
    seed("unique_count.xlsx", book)
    entry_zip(PREFIX + "共享字符串.zip", [("报名表.xlsx", book), ("故事.txt", story(1).encode())])
    # 2. One cell at A1 and one at XFD1048576 (a 17-billion-cell grid).
    corners = sheet([
        '<row r="1"><c r="A1" t="inlineStr"><is><t>作者姓名</t></is></c></row>',
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
    ])
    seed("corners.xlsx", xlsx(corners))
    entry_zip(PREFIX + "对角单元格.zip", [("报名表.xlsx", xlsx(corners)), ("故事.txt", story(2).encode())])
    # 3. A sheet that inflates to 200 MB (whitespace inside a value).
    padded = sheet(['<row r="1"><c r="A1"><v>1%s</v></c></row>' % (" " * (200 << 20))])
    entry_zip(PREFIX + "膨胀表格.zip", [("报名表.xlsx", xlsx(padded)), ("故事.txt", story(3).encode())],
              zipfile.ZIP_STORED)


def seven_zip_cases():
    # 4. A 7z whose LZMA coder declares a 4 GiB dictionary (decoders allocate it first).
    src = os.path.join(TMP, "故事.txt")
    open(src, "w").write(story(40))
    plain = os.path.join(TMP, "dict.7z")
    subprocess.run(["7z", "a", "-bd", "-mhc=off", "-mtm=off", "-mtc=off", "-mta=off", "-m0=LZMA:d=64k", plain, src],
                   check=True, stdout=subprocess.DEVNULL)
    data = bytearray(open(plain, "rb").read())
    next_offset, next_size = struct.unpack_from("<QQ", data, 12)
    header = 32 + next_offset
    # The LZMA properties: their size (5), 0x5D, then the dictionary size as 4 bytes
    # (7-Zip shrinks the 64 KiB asked for to the file's size).
    at = data.index(b"\x05\x5d", header) + 1
    struct.pack_into("<I", data, at + 1, 0xFFFFFFFF)
    struct.pack_into("<I", data, 28, zlib.crc32(data[header:header + next_size]))
    struct.pack_into("<I", data, 8, zlib.crc32(data[12:32]))
    open(out(PREFIX + "超大字典.7z"), "wb").write(data)
    # 5. 2 GiB of zeros in a 7z of ~300 KB.
    zeros = os.path.join(TMP, "zeros.bin")
    with open(zeros, "wb") as f:
        f.truncate(2 << 30)
    target = out(PREFIX + "零字节炸弹.7z")
    if os.path.exists(target):
        os.remove(target)
    subprocess.run(["7z", "a", "-bd", "-mx1", "-mmt=2", "-mtm=off", "-mtc=off", "-mta=off", target, zeros], check=True,
                   stdout=subprocess.DEVNULL)
    os.remove(zeros)


def zip_of_small_bombs(n):
    """A ZIP of `n` members of 1 MiB of zeros each (about 1 KB packed each)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(n):
            put(z, "图片/%03d.jpg" % i, bytes(1 << 20))
    return buf.getvalue()


def mail(subject, attachments, body="稿件见附件。"):
    m = MIMEMultipart(boundary="==mediavet-%08x==" % (zlib.crc32(subject.encode())))
    m["Subject"] = subject
    m["From"] = "entrant@example.com"
    m["To"] = "zhengji@example.com"
    m["Date"] = "Mon, 10 Aug 2020 10:00:00 +0800"
    m.attach(MIMEText(body, "plain", "utf-8"))
    for name, data in attachments:
        part = MIMEApplication(data)
        part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", name))
        m.attach(part)
    return m.as_bytes()


def mail_cases():
    # 6. A mailbox of 60 messages, each with a 15 KB ZIP of 15 members of 1 MiB.
    with open(out(PREFIX + "六十封.mbox"), "wb") as f:
        for i in range(60):
            msg = mail(PREFIX + "第%d封" % i, [("作品.zip", zip_of_small_bombs(15))])
            f.write(b"From entrant@example.com Mon Aug 10 10:00:00 2020\n")
            f.write(msg.replace(b"\nFrom ", b"\n>From "))
            f.write(b"\n")
    # 7. A mail of 20 000 MIME parts (the parser holds every part at once).
    boundary = "b"
    parts = "".join("--%s\r\nContent-Type: text/plain\r\n\r\nx\r\n" % boundary for _ in range(20000))
    head = ("Subject: %s多部分\r\nFrom: a@example.com\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=%s\r\n\r\n" % (PREFIX, boundary))
    open(out(PREFIX + "两万部分.eml"), "wb").write((head + parts + "--%s--\r\n" % boundary).encode())
    # 8. A mail of 81 MiB inside a ZIP (over the 80 MiB a mail may have; packed ~100:1,
    #    under the bomb ratio, so it is the mail bound that stops it).
    rnd = random.Random(8)
    chunk = lambda: ("A" * 4000 + "".join(rnd.choice("BCDEFGH") for _ in range(96)) + "\r\n")
    body = "".join(chunk() for _ in range((81 << 20) // 4098 + 1))
    big = ("Subject: %s大邮件\r\nFrom: a@example.com\r\nMIME-Version: 1.0\r\n"
           "Content-Type: text/plain\r\n\r\n" % PREFIX) + body
    entry_zip(PREFIX + "邮件在压缩包里.zip", [("转发.eml", big.encode())])
    # 9. A mail cut off inside its attachment (no closing boundary).
    whole = mail(PREFIX + "截断", [("故事.txt", story(4).encode() * 3)])
    cut = whole[: whole.index(b"filename") + 600]
    open(out(PREFIX + "截断.eml"), "wb").write(cut)


def zip_cases():
    # 10. 300 members of 1 MiB of zeros, ~1 KB each packed: none alone is over 1 MiB.
    open(out(PREFIX + "小成员炸弹.zip"), "wb").write(zip_of_small_bombs(300))
    # 11. Overlapping entries: two central-directory records for one local header.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        put(z, "故事.txt", story(5).encode())
    data = buf.getvalue()
    eocd = data.rindex(b"PK\x05\x06")
    cd_offset = struct.unpack_from("<I", data, eocd + 16)[0]
    record = data[cd_offset:eocd]
    name_len = struct.unpack_from("<H", record, 28)[0]
    twin = record[:46] + "故事二.txt".encode() + record[46 + name_len:]
    twin = twin[:28] + struct.pack("<H", len("故事二.txt".encode())) + twin[30:]
    directory = record + twin
    end = bytearray(data[eocd:])
    struct.pack_into("<HHI", end, 8, 2, 2, len(directory))
    open(out(PREFIX + "重叠条目.zip"), "wb").write(data[:cd_offset] + directory + bytes(end))
    # 12. The same member name twice.
    with zipfile.ZipFile(out(PREFIX + "重名.zip"), "w") as z:
        put(z, "故事.txt", story(6).encode())
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            put(z, "故事.txt", "另一个故事".encode())
    # 13. Member names that would write on the desk's terminal: colours, a carriage
    #     return and a forged verdict line, a new line.
    names = ["说明\x1b[2K\r\x1b[32;1mPASS\x1b[0m  伪造.txt", "故事\n第二行.txt", "读我\x07.txt"]
    entry_zip(PREFIX + "终端注入.zip", [(n, story(70 + i).encode()) for i, n in enumerate(names)])


def rar_cases():
    # 14. A RAR4 and a RAR5 entry (stored members), read through 7-Zip or unrar.
    open(out(PREFIX + "旧版.rar"), "wb").write(rar.rar4([("故事.txt", story(8).encode())]))
    open(out(PREFIX + "新版.rar"), "wb").write(rar.rar5([("稿件/故事.txt", story(9).encode())]))
    # 15. A RAR5 whose member declares 100 GiB unpacked.
    open(out(PREFIX + "声明巨大.rar"), "wb").write(rar.rar5_declared([("巨大.bin", b"x" * 16)], 100 << 30))


def photo_cases():
    # 16. A 640×428 photo whose frame header claims 2000×1500.
    src = os.path.join(TMP, "small.jpg")
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=640x428", "-frames:v", "1", "-q:v", "3", src], check=True)
    data = bytearray(open(src, "rb").read())
    sof = data.index(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, 1500, 2000)
    open(out("扶贫征集-自荐-图片类-伪造尺寸.jpg"), "wb").write(data)


def document_cases():
    # 17. A story .docx whose body is not well-formed (the form reader rejected it, and it
    #     vanished from the report).
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        put(z, "[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        put(z, "_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        # An end tag that does not match its start tag.
        put(z, "word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>%s</w:t></w:r></w:q></w:body></w:document>' % story(41))
    entry_zip(PREFIX + "坏文档.zip", [("故事.docx", buf.getvalue())])


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    xlsx_cases()
    seven_zip_cases()
    mail_cases()
    zip_cases()
    rar_cases()
    photo_cases()
    document_cases()
