#!/usr/bin/env python3
"""Generates the entry fixtures of testdata/entries: registration forms filled in with
python-docx (and openpyxl), e-mails made with Python's `email` package (UTF-8, GBK,
GB18030 and Big5 encoded words, base64 and quoted-printable, RFC 2231 file names), ZIPs
with GBK member names, a 7z (py7zr), a mailbox of 30 entries, a folder of entry folders,
and one negative case per entry rule. The outputs are committed; tests read them.

Needs: python-docx, openpyxl, py7zr (pip); ffmpeg, exiftool (apt).
Usage: python3 testdata/entries/make.py [OUTDIR]   (default: testdata/entries)
"""
import email.charset
import email.encoders
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
import io
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
from email.header import Header
from email.utils import format_datetime
from datetime import datetime, timezone, timedelta

import docx
from docx.oxml.ns import qn
from lxml import etree
import openpyxl
import py7zr

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else HERE)
ROOT = os.path.dirname(os.path.dirname(HERE))
TMP = tempfile.mkdtemp()
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
CST = timezone(timedelta(hours=8))

# Common characters the stories are drawn from (distinct seeds give texts that share no
# passage).
POOL = ("的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会家可下而过天去能对小多然于心学么之都好看起发当没成只如事把还用第样道想作种开美总从无情己面最女但现前些所同日手又行意动方期它头经长儿回位分爱老因很给名法间斯知世什两次使身者被高已亲其进此话常与活正感见明问力理尔点文几定本公特做外孩相西果走将月十实向声车全信重三机工物气每并别真打太新比才便夫再书部水像眼等体却加电主界门利海受听表德少克代员许稜先口由死安写性马光白或住难望教命花结乐色更拉东神记处让母父应直字场平报友关放至张认接告入笑内英军候民岁往何度山觉路带万男边风解叫任金快原吃妈变通师立象数四失满战远格士音轻目条呢病始达深完今提求清王化空业思切怎非找片罗钱紶吗语元喜曾离飞科言干流欢约各即指合反题必该论交终林请医晚制球决窢传画保读运及则房早院量苦火布品近坐产答星精视五连司巴奇管类未朋且婚台夜青北队久乎越观落尽形影红爸百令周吧识步希亚术留市半热送兴造谈容极随演收首根讲整式取照办强石古华諣拿计您装似足双妻尼转诉米称丽客南领节衣站黑刻统断福城故历惊脸选包紧争另建维绝树系伤示愿持千史谁准联妇纪基买志静阿诗独复痛消社算义竟确酒需单治卡幸兰念举仅钟怕共毛句息功官待究跟穿室易游程号居考突皮哪费倒价图具刚脑永歌响商礼细专黄块脚味灵改据般破引食仍存众注笔甚某沉血备习校默务土微娘须试怀料调广苏显赛查密议底列富梦错座参八除跑亮假印设线温虽掉京初养香停际致阳纸李纳验助激够严证帝饭忘趣支春集丈木研班普导顿睡展跳获艺六波察群皇段急庭创区奥器谢弟店否害草排背止组州朝封睛板角况曲馆育忙质河续哥呼若推境遇雨标姐充围案伦护冷警贝著雪索剧啊船险烟依斗值帮汉慢佛肯闻唱沙局伯族低玩资屋击速顾泪洲团圣旁堂兵七露园牛哭旅街劳型烈姑陈莫鱼异抱宝权鲁简态级票怪寻杀律胜份汽右洋范床舞秘午登楼贵吸责例追较职属渐左录丝牙党继托赶章智冲叶胡吉卖坚喝肉遗救修松临藏担戏善卫药悲敢靠伊村戴词森耳差短祖云规窗散迷油旧适乡架恩投弹铁博雷府压超负勒杂醒洗采毫嘴毕九冰既状乱景席珍童顶派素脱农疑练野按犯拍征坏骨余承置臓彩灯巨琴免环姆暗换技翻束增忍餐洛塞缺忆判欧层付阵玛批岛项狗休懂武革良恶恋委拥娜妙探呀营退摇弄桌熟诺宣银势奖宫忽套康供优课鸟喊降夏困刘罪亡鞋健模败伴守挥鲜财孤枪禁恐伙杰迹妹藸遍盖副坦牌江顺秋萨菜划授归浪听凡预奶雄升碃编典袋莱含盛济蒙棋端腿招释介烧误")


def _simplified(c):
    try:
        c.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


# GB2312 holds Simplified characters only (a Traditional form slipped in would be a
# text.script finding).
POOL = "".join(c for c in POOL if _simplified(c))


def rng_text(seed, n):
    r = random.Random(seed)
    out = []
    while sum(len(s) for s in out) < n:
        k = r.randint(12, 30)
        out.append("".join(r.choice(POOL) for _ in range(k)) + r.choice("，。。！？"))
    return "".join(out)[:n]


def id_number(seq, sex="男", birth="19850315", area="430102"):
    """A valid resident ID number (GB 11643 check digit) of sequence `seq`."""
    base = f"{area}{birth}{seq % 100:02d}{(seq % 5) * 2 + (1 if sex == '男' else 0)}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return base + "10X98765432"[sum(int(a) * w for a, w in zip(base, weights)) % 11]


def fixed_zip(path):
    """Rewrites an Office package with fixed member dates, so the outputs are the same at
    every run."""
    with zipfile.ZipFile(path) as z:
        members = [(i, z.read(i)) for i in z.infolist()]
    stamp = rb"\g<1>2020-08-01T09:00:00Z\g<2>"
    members = [(i, re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", stamp, d)) for i, d in members]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            z.writestr(zipfile.ZipInfo(info.filename, date_time=(2020, 8, 1, 9, 0, 0)), data, compress_type=zipfile.ZIP_DEFLATED)
    os.utime(path, (1596243600, 1596243600))


def fixed_dates(d):
    d.core_properties.created = d.core_properties.modified = datetime(2020, 8, 1, 9, 0)
    d.core_properties.last_printed = datetime(2020, 8, 1, 9, 0)


def story_docx(path, body, author=None):
    d = docx.Document()
    d.add_heading("作品", level=1)
    for i in range(0, len(body), 200):
        d.add_paragraph(body[i:i + 200])
    if author:
        d.add_paragraph(author)
    d.core_properties.author = ""
    d.core_properties.last_modified_by = ""
    fixed_dates(d)
    d.save(path)
    fixed_zip(path)


def checkbox(paragraph, checked):
    """A Word check-box content control (w14:checkbox) in `paragraph`."""
    sdt = etree.SubElement(paragraph._p, qn("w:sdt"))
    pr = etree.SubElement(sdt, qn("w:sdtPr"))
    cb = etree.SubElement(pr, "{%s}checkbox" % W14, nsmap={"w14": W14})
    etree.SubElement(cb, "{%s}checked" % W14).set("{%s}val" % W14, "1" if checked else "0")
    content = etree.SubElement(sdt, qn("w:sdtContent"))
    r = etree.SubElement(content, qn("w:r"))
    t = etree.SubElement(r, qn("w:t"))
    t.text = "☒" if checked else "☐"


FORM = dict(
    name="王秀英", sex="男", ethnicity="汉族", birth="1985年3月", unit="青山县文化馆",
    post="干事", address="湖南省长沙市芙蓉区五一大道1号", postcode="410011",
    email="wxy@example.com", id_number="430102198503158315", phone="158 1234 6157",
    title="山路", summary="讲述了一条山路和两代人的故事。", channel="自荐", category="文学类",
    recommender="", recommend_date="", opinion="", tick="☑",
)


def form_values(**changes):
    f = dict(FORM)
    f.update(changes)
    return f


def ticks(options, chosen, tick):
    return " ".join((tick if o in chosen else "□") + o for o in options)


def form_docx(path, **changes):
    """The official form as a Word table; `tick` is the mark written before a chosen
    option, or "control" for Word check-box content controls."""
    f = form_values(**changes)
    d = docx.Document()
    d.add_heading("扶贫征集报名表", level=1)
    t = d.add_table(rows=0, cols=6)
    chosen_ch = f["channel"].split("+")
    chosen_cat = f["category"].split("+")

    def row(*cells):
        r = t.add_row().cells
        for i, c in enumerate(cells):
            r[i].text = c
        return r

    r = row("申报方式", "")
    if f["tick"] == "control":
        p = r[1].paragraphs[0]
        for o in ("推荐", "自荐"):
            checkbox(p, o in chosen_ch)
            p.add_run(o + " ")
    else:
        r[1].text = ticks(("推荐", "自荐"), chosen_ch, f["tick"])
    row("推荐单位", f["recommender"], "推荐时间", f["recommend_date"])
    row("作者姓名", f["name"], "性    别", f["sex"], "民族", f["ethnicity"])
    row("出生年月", f["birth"], "工作单位", f["unit"])
    row("职    务", f["post"], "通讯地址", f["address"])
    row("邮编", f["postcode"], "邮箱", f["email"])
    row("身份证号", f["id_number"], "联系电话", f["phone"])
    r = row("作品类别", "")
    cats = ("文学类", "图片类", "视频类", "微视频", "微电影")
    if f["tick"] == "control":
        p = r[1].paragraphs[0]
        for o in cats:
            checkbox(p, o in chosen_cat)
            p.add_run(o + " ")
    else:
        r[1].text = ticks(cats, chosen_cat, f["tick"])
    row("作品名称", f["title"])
    row("作品内容概要（500字以内）：" + f["summary"])
    row("推荐单位意见", f["opinion"])
    fixed_dates(d)
    d.save(path)
    fixed_zip(path)


def form_xlsx(path, **changes):
    f = form_values(**changes)
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in [
        ["申报方式", ticks(("推荐", "自荐"), f["channel"].split("+"), "√")],
        ["作者姓名", f["name"], "性别", f["sex"], "民族", f["ethnicity"]],
        ["出生年月", f["birth"], "工作单位", f["unit"]],
        ["职务", f["post"], "通讯地址", f["address"]],
        ["邮编", f["postcode"], "邮箱", f["email"]],
        ["身份证号", f["id_number"], "联系电话", f["phone"]],
        ["作品类别", ticks(("文学类", "图片类", "视频类"), f["category"].split("+"), "√")],
        ["作品名称", f["title"]],
        ["作品内容概要", f["summary"]],
    ]:
        ws.append(r)
    wb.properties.created = wb.properties.modified = datetime(2020, 8, 1, 9, 0)
    wb.save(path)
    fixed_zip(path)


def run(*cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def photo(path, width, seed, quality=5, caption=None):
    """A fractal picture (distinct per seed), JPEG at ffmpeg quality `quality`."""
    x = -0.7435669 + seed * 0.01
    run("ffmpeg", "-nostdin", "-y", "-f", "lavfi", "-i",
        f"mandelbrot=size=640x428:start_scale=0.02:start_x={x}:start_y=0.1314023:maxiter=512",
        "-frames:v", "1", "-vf", f"scale={width}:-2", "-q:v", str(quality), path)
    if caption:
        run("exiftool", "-q", "-overwrite_original", f"-XMP-dc:Description={caption}", path)


def mail(subject, attachments, date=datetime(2020, 8, 10, 9, 30, tzinfo=CST), body="您好，附件是我的参赛作品和报名表。",
         subject_charset="utf-8", name_charset="utf-8", cte="base64", body_charset="utf-8"):
    """A mail with `attachments` (name, bytes); file names in RFC 2231 when `name_charset`
    is not UTF-8 (RFC 2047 words otherwise, as most clients write them)."""
    m = MIMEMultipart()
    # Fixed boundaries and dates: the outputs are the same at every run.
    m.set_boundary(f"==mediavet-{len(attachments)}-{sum(len(d) for _, d in attachments)}==")
    m["From"] = "entrant@example.com"
    m["To"] = "fupin@example.com"
    m["Date"] = format_datetime(date)
    m["Subject"] = subject if isinstance(subject, Header) else Header(subject, subject_charset)
    cs = email.charset.Charset(body_charset)
    cs.body_encoding = email.charset.QP if cte == "qp" else email.charset.BASE64
    text = MIMEText("", "plain")
    text.set_payload(body, cs)
    m.attach(text)
    for name, data in attachments:
        part = MIMEBase("application", "octet-stream")
        part.set_payload(data)
        email.encoders.encode_base64(part)
        if name_charset == "utf-8":
            part.add_header("Content-Disposition", "attachment", filename=Header(name, "utf-8").encode())
        else:
            part.add_header("Content-Disposition", "attachment", filename=(name_charset, "", name))
        m.attach(part)
    return m.as_bytes()


def read(p):
    with open(p, "rb") as f:
        return f.read()


def write(p, data):
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(data)


class GbkInfo(zipfile.ZipInfo):
    """A member name written in GBK without the UTF-8 flag, as Windows in China does."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def gbk_zip(members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(GbkInfo(name, date_time=(2020, 8, 1, 0, 0, 0)), data)
    return buf.getvalue()


def plain_zip(members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name, date_time=(2020, 8, 1, 0, 0, 0)), data, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def encrypted_zip(members):
    """A ZIP whose members carry the encryption flag (the content is not really
    encrypted: the reader must refuse it by the flag, naming the member)."""
    data = bytearray(plain_zip(members))
    i = 0
    while True:
        i = data.find(b"PK\x03\x04", i)
        if i < 0:
            break
        data[i + 6] |= 1
        i += 4
    i = 0
    while True:
        i = data.find(b"PK\x01\x02", i)
        if i < 0:
            break
        data[i + 8] |= 1
        i += 4
    return bytes(data)


def tmp(name):
    return os.path.join(TMP, name)


def main():
    if os.path.isdir(OUT):
        for n in os.listdir(OUT):
            p = os.path.join(OUT, n)
            if n != "make.py":
                shutil.rmtree(p) if os.path.isdir(p) else os.remove(p)
    os.makedirs(OUT, exist_ok=True)
    story = rng_text(1, 1500)

    # 1. A good text entry: UTF-8 subject, base64, the form with ☑ ticks.
    form_docx(tmp("form.docx"))
    story_docx(tmp("story.docx"), story)
    write(f"{OUT}/good_text.eml", mail("扶贫征集-自荐-文字类-山路", [("报名表.docx", read(tmp("form.docx"))), ("山路.docx", read(tmp("story.docx")))]))

    # 2. A photo entry: GBK subject in quoted-printable with full-width dashes, a ZIP with
    #    GBK member names attached under an RFC 2231 GBK file name, a before/after pair,
    #    the form with check-box controls, recommended; sent after the window.
    photo(tmp("before.jpg"), 640, 1)
    photo(tmp("after.jpg"), 640, 2)
    form_docx(tmp("form_photo.docx"), tick="control", channel="推荐", category="图片类", title="老屋新颜",
              recommender="青山县委宣传部", recommend_date="2020年8月1日", opinion="同意推荐")
    z = gbk_zip([("老屋新颜/老屋-前.jpg", read(tmp("before.jpg"))), ("老屋新颜/老屋-后.jpg", read(tmp("after.jpg"))),
                 ("老屋新颜/报名表.docx", read(tmp("form_photo.docx")))])
    write(f"{OUT}/gbk_zip.zip", z)
    write(f"{OUT}/gbk_photo.eml", mail(Header("扶贫征集－推荐－图片类－老屋新颜", "gbk"), [("作品.zip", z)],
                                         date=datetime(2020, 9, 5, 10, 0, tzinfo=CST), body="见附件。",
                                         name_charset="gbk", cte="qp", body_charset="gbk"))

    # 3. Mixed encoded words (GB18030 and Big5) in one subject; the story in a 7z with
    #    an xlsx form; the form ticks √ after... before the word.
    form_xlsx(tmp("form.xlsx"), title="河", name="李四", id_number="11010519491231002X", sex="女", birth="1949年12月")
    story_docx(tmp("river.docx"), rng_text(3, 1300))
    with py7zr.SevenZipFile(tmp("works.7z"), "w") as a:
        a.write(tmp("river.docx"), "河.docx")
        a.write(tmp("form.xlsx"), "报名表.xlsx")
    subject = Header("扶贫征集-自荐-文字类-", "gb18030")
    subject.append("河", "big5")
    # Python labels Big5 "big5_tw"; mail clients write the IANA name.
    raw = mail(subject, [("作品.7z", read(tmp("works.7z")))]).replace(b"?big5_tw?", b"?big5?")
    write(f"{OUT}/seven_zip.eml", raw)

    # 4. A mailbox of 30 entries: xlsx forms, stories as .txt, every fifth with the
    #    form typed into the mail body instead.
    with open(f"{OUT}/box30.mbox", "wb") as box:
        for i in range(30):
            title = f"第{i + 1}村"
            form_xlsx(tmp("f.xlsx"), title=title, name=f"作者{i + 1}", id_number=id_number(i + 1))
            text = rng_text(100 + i, 1100).encode("utf-8")
            atts = [(f"{title}.txt", text)]
            body = "您好，附件是我的参赛作品。"
            if i % 5 == 4:
                body = "\n".join(f"{k}：{v}" for k, v in [
                    ("申报方式", "√自荐"), ("作者姓名", f"作者{i + 1}"), ("性别", "男"), ("民族", "汉族"),
                    ("出生年月", "1985年3月"), ("工作单位", "青山县文化馆"), ("职务", "干事"),
                    ("通讯地址", "湖南省长沙市芙蓉区五一大道1号"), ("邮编", "410011"), ("邮箱", "wxy@example.com"),
                    ("身份证号", id_number(i + 1)), ("联系电话", "15812346157"), ("作品类别", "√文学类"),
                    ("作品名称", title), ("作品内容概要", "一个村子的故事。")]) + "\n" + "此致敬礼" * 40
            else:
                atts.append(("报名表.xlsx", read(tmp("f.xlsx"))))
            m = mail(f"扶贫征集-自荐-文字类-{title}", atts, body=body, cte="qp" if i % 2 else "base64",
                     date=datetime(2020, 8, 1 + i % 28, 12, 0, tzinfo=CST))
            box.write(b"From entrant@example.com Sat Aug  1 12:00:00 2020\n")
            box.write(m.replace(b"\nFrom ", b"\n>From "))
            box.write(b"\n")

    # 5. A USB stick: a folder of entry folders (videos; the second is the first
    #    re-encoded, so the same video), plus a photo entry as a ZIP named as an entry.
    usb = f"{OUT}/usb"
    clean = os.path.join(ROOT, "testdata/video/frames_clean.mp4")
    a = f"{usb}/扶贫征集-自荐-视频类(微视频)-星城大爱"
    b = f"{usb}/扶贫征集-自荐-视频类（微电影）-星城往事"
    os.makedirs(a)
    os.makedirs(b)
    shutil.copy(clean, f"{a}/星城大爱.mp4")
    run("ffmpeg", "-nostdin", "-y", "-i", clean, "-c:v", "libx264", "-b:v", "250k", "-g", "25", "-c:a", "copy", f"{b}/星城往事.mp4")
    form_docx(f"{a}/报名表.docx", tick="■", category="视频类+微视频", title="星城大爱", name="赵六",
              id_number="11010519491231002X", birth="1949年12月", sex="女")
    form_docx(f"{b}/报名表.docx", tick="✔", category="视频类+微电影", title="星城往事", name="钱七",
              id_number="11010519491231002X", birth="1949年12月", sex="女")

    # 6. Negative cases, one per rule.
    neg = f"{OUT}/neg"
    os.makedirs(neg)
    body = rng_text(7, 1200)

    seq = iter(range(40, 99))

    def text_entry(fname, title, form=None, story_body=None, extra=(), **kw):
        atts = []
        if form is not None:
            form = dict(form)
            form.setdefault("id_number", id_number(next(seq)))
            form_docx(tmp("nf.docx"), title=title, **form)
            atts.append(("报名表.docx", read(tmp("nf.docx"))))
        if story_body is not None:
            story_docx(tmp("ns.docx"), story_body)
            atts.append((f"{title}.docx", read(tmp("ns.docx"))))
        atts.extend(extra)
        write(f"{neg}/{fname}.eml", mail(f"扶贫征集-自荐-文字类-{title}", atts, **kw))

    text_entry("id_check_digit", "校验码", dict(id_number="430102198503158313"), rng_text(11, 1100))
    text_entry("id_birth", "生日不符", dict(birth="1985年4月"), rng_text(12, 1100))
    text_entry("id_sex", "性别不符", dict(sex="女"), rng_text(13, 1100))
    text_entry("summary_501", "概要", dict(summary="字" * 501), rng_text(14, 1100))
    text_entry("two_categories", "两类", dict(category="文学类+图片类"), rng_text(15, 1100))
    # Name says 文字类, the form 图片类, the work is a photo.
    photo(tmp("cat.jpg"), 480, 5)
    text_entry("category_mismatch", "三不符", dict(category="图片类"), None, extra=[("三不符.jpg", read(tmp("cat.jpg")))])
    # (The subject in GB2312.)
    text_entry("no_form", "无表", None, rng_text(16, 1100), subject_charset="gb2312")
    text_entry("no_work", "无作品", dict(), None)
    text_entry("author_in_body", "作者在文中", dict(), body[:600] + "\n作者：王秀英，电话 158-1234-6157\n" + body[600:])
    # 30 % of the story of good_text.eml, in another entry.
    text_entry("copied_30", "抄袭", dict(name="孙八", id_number="11010519491231002X", birth="1949年12月", sex="女"),
               story[:500] + rng_text(17, 1000))
    # The unit in a photo caption; the same photo as gbk_photo.eml's, resized.
    photo(tmp("unit.jpg"), 600, 1, quality=8, caption="青山县文化馆 摄")
    form_docx(tmp("nf.docx"), category="图片类", title="单位", name="周九", id_number="11010519491231002X", birth="1949年12月", sex="女")
    write(f"{neg}/unit_in_caption.eml", mail("扶贫征集-自荐-图片类-单位", [("报名表.docx", read(tmp("nf.docx"))), ("单位.jpg", read(tmp("unit.jpg")))]))
    # Archives: a bomb (50 MB of zeros), a zip-slip name, an encrypted member, a RAR.
    form_docx(tmp("nf.docx"), title="炸弹", id_number=id_number(next(seq)))
    write(f"{neg}/扶贫征集-自荐-文字类-炸弹.zip", plain_zip([("报名表.docx", read(tmp("nf.docx"))), ("炸弹.txt", b"\0" * (50 << 20))]))
    form_docx(tmp("nf.docx"), title="越界", id_number=id_number(next(seq)))
    story_docx(tmp("ns.docx"), rng_text(18, 1100))
    write(f"{neg}/扶贫征集-自荐-文字类-越界.zip", plain_zip([("报名表.docx", read(tmp("nf.docx"))), ("../../越界.docx", read(tmp("ns.docx")))]))
    form_docx(tmp("nf.docx"), title="加密", id_number=id_number(next(seq)))
    story_docx(tmp("ns.docx"), rng_text(19, 1100))
    write(f"{neg}/扶贫征集-自荐-文字类-加密.zip", encrypted_zip([("报名表.docx", read(tmp("nf.docx"))), ("加密.docx", read(tmp("ns.docx")))]))
    write(f"{neg}/扶贫征集-自荐-文字类-压缩.rar", b"Rar!\x1a\x07\x01\x00" + bytes(range(256)) * 4)
    # A name with a missing part, in the subject.
    write(f"{neg}/bad_name.eml", mail("扶贫征集-视频类-星城", [("星城.mp4", read(clean))]))
    shutil.rmtree(TMP)


if __name__ == "__main__":
    main()
