"""Stage 2: raw Document → normalised Document (ANNOTATION.md, "Text normalisation").

Pinyin readings after Han characters go, traditional characters become
simplified (OpenCC t2s), full-width forms become half-width (NFKC), spaces
between Chinese and digits/Latin go, and boilerplate lines (navigation,
copyright and ICP lines, adverts with URLs, repeated titles) are dropped.
Everything after this stage points into the normalised text.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache

from kg.model import Document

HAN = "\u4e00-\u9fff\u3400-\u4dbf"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_PINYIN_SYLLABLE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iong|iang|uang|ueng|iao|ian|uai|uan|van|ong|ang|eng|ing|ai|ei|ao|ou|an|en|in|un|vn|"
    r"ia|ie|iu|ua|uo|ui|ue|ve|er|a|o|e|i|u|v)(?:n|g|ng|r)?\d?")
_READING = re.compile(rf"(?<=[{HAN}])\(([a-z{_TONED}]{{1,7}}\d?)\)")
# A toned reading is a reading whatever it follows: in mojibake the character
# it belonged to may have become ``?`` or a Latin letter (``??坡?lián)盟``).
_TONED_READING = re.compile(rf"(?<=[^\s(])\(([a-z{_TONED}]{{0,6}}[{_TONED}][a-z{_TONED}]{{0,6}})\)")
# Invisible characters that scraped pages scatter inside words and names.
# 王　芳　李明华: rosters pad a two-character name to the width of three
_PADDED_NAME = re.compile(rf"(?:(?<=^)|(?<=[\s、,;:(]))([{HAN}])[ ]{{1,2}}([{HAN}])(?=[\s、,;:)]|$)", re.M)
# 先进集体,、全国…: a comma left before another mark by a page's markup
_COMMA_BEFORE_MARK = re.compile(r",(?=[、;。,!?:])")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
_SPACE_BETWEEN = re.compile(rf"(?<=[{HAN}])[ \t]+(?=[0-9A-Za-z])|(?<=[0-9A-Za-z%])[ \t]+(?=[{HAN}])")

# Boilerplate: (rule id, pattern). A line matching any of them is dropped.
BOILERPLATE = (
    ("copyright", re.compile(r"copyright|©|版权所有|版\s*权\s*所\s*有|all rights reserved", re.I)),
    ("icp", re.compile(r"ICP\s*[备证]|公网安备|备案号")),
    ("reprint", re.compile(r"转载请|未经.{0,6}授权|本文为.{0,12}原创|原文出处|原标题[:：]")),
    ("nav-breadcrumb", re.compile(r"(当前|所在)位置|首页\s*[>›»]|欢迎(您的)?(访问|光临)")),
    ("masthead", re.compile(r"刊号|爆料热线|投稿邮箱|主管主办")),
    ("html-residue", re.compile(r"<!--|-->|\w+\.s?html?\b")),
    ("page-furniture", re.compile(r"^(推荐阅读|合作咨询|相关阅读|相关新闻|上一篇|下一篇|上一条|下一条|上一页|下一页|返回顶部|分享到|扫一扫|打印本页|关闭窗口|当前时间[:：]?)")),
)
# A URL is ASCII: it ends where the Chinese text glued to it begins.
# Boilerplate is short; a longer line is article text (a page scraped without
# line breaks is one line, footer included, and must not go as a whole).
MAX_BOILERPLATE_LINE = 200
_URL = re.compile(r"https?://[!-~]+|www\.[!-~]+")
_NAV_SEPARATORS = re.compile(r"[|｜]")
_DATE = re.compile(r"(20\d\d|19\d\d)\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified characters (OpenCC ``t2s``).

    >>> to_simplified("醫院護理部")
    '医院护理部'
    """
    return _t2s().convert(text)


def strip_readings(text: str) -> str:
    """Drop pinyin readings written after Han characters; keep real brackets.

    >>> strip_readings("精準(zhǔn)檢驗 呼吸科(PCCM) 医院(汉王镇)")
    '精準檢驗 呼吸科(PCCM) 医院(汉王镇)'
    """
    def drop(m: re.Match) -> str:
        plain = unicodedata.normalize("NFD", m.group(1))
        plain = "".join(c for c in plain if not unicodedata.combining(c)).replace("ü", "v")
        return "" if _PINYIN_SYLLABLE.fullmatch(plain) else m.group(0)
    return _TONED_READING.sub(drop, _READING.sub(drop, text))


def normalise_text(text: str) -> str:
    """Character-level normalisation of a whole text (no lines dropped).

    >>> normalise_text("２０１８ 年度（PCCM）醫(yī)院，、乙院，。")
    '2018年度(PCCM)医院、乙院。'
    >>> normalise_text("王　芳　　李明华、赵　红")
    '王芳  李明华、赵红'
    """
    text = unicodedata.normalize("NFKC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _INVISIBLE.sub("", text)
    text = strip_readings(text)
    text = to_simplified(text)
    text = text.replace("\u00a0", " ").replace("\u3000", " ")
    text = _PADDED_NAME.sub(r"\1\2", text)
    return _COMMA_BEFORE_MARK.sub("", _SPACE_BETWEEN.sub("", text))


def boilerplate_rule(line: str) -> str | None:
    """The id of the boilerplate rule a line matches, or None.

    >>> boilerplate_rule("Copyright© 2021 基层党建网"), boilerplate_rule("医院院长介绍")
    ('copyright', None)
    """
    if len(line) > MAX_BOILERPLATE_LINE:
        return None
    for rule_id, pattern in BOILERPLATE:
        if pattern.search(line):
            return rule_id
    if len(_NAV_SEPARATORS.findall(line)) >= 3:
        return "nav-separators"
    urls = _URL.findall(line)
    if urls and len(_URL.sub("", line).strip()) < 60:
        return "advert-url"
    words = line.split()
    if len(words) >= 6 and sum(len(w) <= 4 for w in words) >= 0.8 * len(words):
        return "nav-words"
    return None


def drop_boilerplate(text: str) -> str:
    """Drop boilerplate lines and exact repeats of an earlier line."""
    kept, seen = [], set()
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            if kept and kept[-1] != "":
                kept.append("")
            continue
        if line in seen or boilerplate_rule(line):
            continue
        seen.add(line)
        kept.append(line)
    return "\n".join(kept).strip() + "\n"


# Lines near the top that are not the title: bylines, photo captions, sources.
_NOT_TITLE = re.compile(r"供图|摄影?$|记者|通讯员|来源[:：]|作者[:：]|编辑[:：]|责任编辑|图片")


def guess_title(text: str) -> str:
    r"""The first short line of mostly Han text near the top that is not a
    date line, byline or photo caption ("" when there is none).

    >>> guess_title("杏林风采 HENAN UNIVERSITY OF MEDICINE\n双方签约。 通讯员 供图\n甲医院与乙医院签约\n")
    '甲医院与乙医院签约'
    """
    for line in text.split("\n")[:8]:
        line = line.strip()
        if not 6 <= len(line) <= 60 or _DATE.search(line) or _NOT_TITLE.search(line):
            continue
        if len(re.findall(f"[{HAN}]", line)) >= 0.6 * len(line.replace(" ", "")):
            return line
    return ""


def guess_date(text: str) -> str:
    m = _DATE.search(text[:600])
    if not m:
        return ""
    y, mo, d = (int(g) for g in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else ""


def normalise(doc: Document) -> Document:
    """Return the document with normalised text, title and date.

    >>> from kg.model import Document
    >>> doc = normalise(Document("a.txt", "甲市人民醫院喜讯\\n２０２２年，甲市人民醫院与乙县人民医院签约。"))
    >>> doc.title, doc.text.splitlines()[1]
    ('甲市人民医院喜讯', '2022年,甲市人民医院与乙县人民医院签约。')
    """
    text = drop_boilerplate(normalise_text(doc.text))
    return replace(doc, text=text, title=doc.title or guess_title(text),
                   date=doc.date or guess_date(text))
