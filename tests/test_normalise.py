"""Stage 2 alone: the "Text normalisation" rules of ANNOTATION.md, and
boilerplate lines, on made-up lines and on the real seed and dev articles."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.model import Document
from kg.normalise import (boilerplate_rule, drop_boilerplate, normalise, normalise_text,
                          strip_readings, to_simplified)
from kg.read import read_document

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
# The ten development articles of the project's corpus (p*.txt), real scraped pages.
DEV = ROOT / "corpus"
DEV_DOCS = sorted((DEV / "docs").glob("p*.txt"))

# A reading as ANNOTATION.md describes it: a lowercase (toned) pinyin syllable
# in half-width brackets; any left in normalised text is a bug.
PINYIN_READING = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]"
                            r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]*\)")
ICP_OR_COPYRIGHT = re.compile(r"ICP[备证]|公网安备|copyright|©|版权所有|版\s*权\s*所\s*有", re.I)


def norm(text: str) -> str:
    return normalise(Document("x.txt", text)).text


# -- pinyin readings -------------------------------------------------------

@pytest.mark.parametrize("raw,clean", [
    ("本溪市精準(zhǔn)檢驗中心", "本溪市精准检验中心"),
    ("醫(yī)院黨(dǎng)委", "医院党委"),
    ("黨建引領(lǐng)醫(yī)共體", "党建引领医共体"),
    ("紫陽縣鎮(zhèn)衛生院第二聯合支部(漢王鎮(zhèn))", "紫阳县镇卫生院第二联合支部(汉王镇)"),
    ("綠(lǜ)色通道", "绿色通道"),
    ("学(xue2)习", "学习"),                        # a numbered tone
    ("醫（yī）院", "医院"),                         # full-width brackets
    ("?!贬t(yī)院党委书记", "?!贬t院党委书记"),      # mojibake ate the character
])
def test_pinyin_readings_go(raw, clean):
    assert normalise_text(raw) == clean


@pytest.mark.parametrize("keep", [
    "呼吸与危重症医学科(PCCM)通过专科建设国家评审",
    "成立了POCT检验委员会",
    "第二联合支部(汉王镇)",
    "建设中的国际医疗中心(效果图)",
    "高级卒中中心综合排名位列全国第59位(重庆市第1位)",
    "创建国家VTE防治中心(2021)",
    "病例(n=30)",
    "重庆首例SRS(高精度多靶点立体定向放疗)治疗",
])
def test_brackets_that_are_not_readings_stay(keep):
    assert normalise_text(keep) == keep
    assert strip_readings(keep) == keep


# -- characters ------------------------------------------------------------

def test_traditional_becomes_simplified():
    assert to_simplified("海軍軍醫大學第三附屬醫院與泰興市第二人民醫院舉行簽約儀式") == \
        "海军军医大学第三附属医院与泰兴市第二人民医院举行签约仪式"


def test_simplified_seed_text_is_left_alone_by_t2s():
    """OpenCC t2s must not 'convert' characters of text that is already simplified."""
    for path in SEEDS:
        text = read_document(path).text
        if "醫" in text:        # the traditional seed
            continue
        assert to_simplified(text) == text, path.name


def test_full_width_forms_become_half_width():
    assert normalise_text("２０１８年（ＰＣＣＭ），获奖！") == "2018年(PCCM),获奖!"
    assert normalise_text("签署「醫療合作意向書」：雙方") == "签署「医疗合作意向书」:双方"


def test_spaces_between_chinese_and_digits_or_latin_go():
    assert normalise_text("全国「2018 年度改善医疗服务优秀医院」") == "全国「2018年度改善医疗服务优秀医院」"
    assert normalise_text("书记项目 AAA 级示范党组织") == "书记项目AAA级示范党组织"
    assert normalise_text("排名前 20 名") == "排名前20名"


def test_ideographic_and_no_break_spaces_become_plain_spaces():
    assert normalise_text("党建引领\u3000医院发展\u00a0成效") == "党建引领 医院发展 成效"


def test_invisible_characters_inside_names_go():
    assert normalise_text("绵阳市\u200b第三人民\ufeff医院\u200d党委\u00ad") == "绵阳市第三人民医院党委"


def test_line_ends_are_unified():
    assert normalise_text("甲医院\r\n乙医院\r丙医院") == "甲医院\n乙医院\n丙医院"


# -- boilerplate -----------------------------------------------------------

@pytest.mark.parametrize("line", [
    "您当前位置: 首页 > 绵阳党建",
    "基层党建网 欢迎您的访问! 当前时间:",
    "关于我们  |  人员查询 |  网站声明 |  联系我们 |  手机版",
    "政府采购信息| 网上办事大厅| 医疗工作| 双特建设| 图书馆| 协同创新中心| English| 校务公开",
    "地方频道: 成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 宜宾 南充 广安",
    "Copyright© 2021 基 层 党 建 网 版 权 所 有 ,未 经 书 面 授 权 禁 止 使 用",
    "备案号许可证:蜀ICP备2021016699号",
    "冀ICP备2021022604号-10",
    "川公网安备 51070302110047号",
    "北京治疗白癜风最好的医院 http://m.39.net/pf/bdfyy/bjzkbdfyy/",
    "转载请注明:http://www.180woai.com/qfhqj/4800.html",
    "上一篇:甲市人民医院与乙县人民医院签约",
    "上一条:我校与乙县中医医院召开基层党支部结对共建主题党日活动",
    "下一条:甲市人民医院荣获全国文明单位",
    "推荐阅读",
])
def test_boilerplate_lines_are_recognised(line):
    assert boilerplate_rule(normalise_text(line)) is not None


@pytest.mark.parametrize("line", [
    "2018年6月,游仙区妇幼保健院与四川大学华西第二医院签订合作办医暨区域联盟医院协议。",
    "三峡医院与四川大学华西医院签署成渝地区双城经济圈院院合作协议。",
    "(记者 王敏霞 通讯员 林晓燕)",
    "发布时间:2024-05-16 15:12:29 来源:游仙区妇幼保健院",
    "医院官网 www.example.cn 上线以来,累计服务患者87万余人次,成为群众了解医院、预约挂号和"
    "查询检验结果的主要渠道,获评“全国改善医疗服务示范案例”。",
])
def test_article_lines_are_not_boilerplate(line):
    assert boilerplate_rule(normalise_text(line)) is None


def test_title_repeated_between_paragraphs_is_kept_once():
    title = "绵阳市第三人民医院「红色引擎」驱动创新发展"
    text = f"{title}\n\n第一段。\n\n{title}\n\n第二段。\n\n{title}\n第三段。\n"
    out = drop_boilerplate(text)
    assert out.count(title) == 1
    assert out.startswith(title)
    assert all(p in out for p in ("第一段。", "第二段。", "第三段。"))


def test_normalise_drops_boilerplate_but_keeps_the_article():
    raw = ("您当前位置: 首页 > 新闻\n"
           "甲市人民医院与乙县人民医院签约\n"
           "发布时间:2024-05-16\n\n"
           "甲市人民醫(yī)院与乙县人民医院签订合作协议。\n"
           "甲市人民医院与乙县人民医院签约\n"
           "冀ICP备2021022604号-10\n")
    doc = normalise(Document("a.txt", raw))
    assert doc.text == ("甲市人民医院与乙县人民医院签约\n发布时间:2024-05-16\n\n"
                        "甲市人民医院与乙县人民医院签订合作协议。\n")
    assert doc.title == "甲市人民医院与乙县人民医院签约"
    assert doc.date == "2024-05-16"


def test_page_scraped_as_one_line_keeps_its_article_despite_its_footer():
    """Boilerplate rules judge short lines: a whole page on one line, footer
    and all, is article text and must not be dropped as 'copyright'."""
    article = "2018年6月,游仙区妇幼保健院与四川大学华西第二医院签订合作办医暨区域联盟医院协议。" * 4
    line = "您当前位置: 首页 > 新闻 " + article + " 备案号许可证:蜀ICP备2021016699号 Copyright© 2021"
    assert "签订合作办医暨区域联盟医院协议" in norm(line)
    assert norm("备案号许可证:蜀ICP备2021016699号 Copyright© 2021") == "\n"


def test_normalise_is_idempotent_on_the_seeds():
    for path in SEEDS:
        once = normalise(read_document(path))
        assert normalise(once).text == once.text, path.name


# -- the real articles ------------------------------------------------------

def real_articles():
    return [pytest.param(p, id=p.name) for p in SEEDS + DEV_DOCS]


@pytest.mark.parametrize("path", real_articles())
def test_real_article_has_no_reading_no_icp_no_copyright_no_traditional(path):
    text = normalise(read_document(path)).text
    assert not PINYIN_READING.search(text), PINYIN_READING.search(text)
    for line in text.split("\n"):
        assert not ICP_OR_COPYRIGHT.search(line), line
        assert not re.search(r"https?://", line), line
    for trad in "醫黨學衛縣聯體區號國":
        assert trad not in text, trad
    assert "\u3000" not in text and "，" not in text and "（" not in text


@pytest.mark.parametrize("path", real_articles())
def test_real_article_keeps_its_body(path):
    """Boilerplate removal must not eat the article: most of its Han text stays."""
    raw = to_simplified(read_document(path).text)
    text = normalise(read_document(path)).text
    han = re.compile(r"[\u4e00-\u9fff]")
    kept = len(han.findall(text)) / len(han.findall(raw))
    assert kept > 0.6, kept


def test_seed_boilerplate_is_gone_and_content_stays():
    text = {p.name[:3]: normalise(read_document(p)).text for p in SEEDS}
    assert "基层党建网 欢迎" not in text["003"] and "您当前位置" not in text["003"]
    assert "地方频道" not in text["003"] and "投稿邮箱" not in text["003"]
    assert "游仙区妇幼保健院与四川大学华西第二医院签订合作办医暨区域联盟医院协议" in text["003"]
    assert "白癜风" not in text["004"] and "转载请注明" not in text["004"]
    assert "呼吸与危重症医学科(PCCM)通过专科建设国家评审" in text["004"]
    assert "本溪市精准检验中心正式成立" in text["001"]
    title = "绵阳市第三人民医院「红色引擎」驱动创新发展,初心不改服务百姓健康"
    assert text["000"].count(title) == 1


def gold_pairs():
    pairs = [(g, ROOT / "seeds" / (g.stem + ".txt")) for g in sorted((ROOT / "tests" / "gold").glob("*.json"))]
    pairs += [(g, DEV / "docs" / (g.stem + ".txt")) for g in sorted((DEV / "gold").glob("p*.json"))]
    return [pytest.param(g, t, id=t.name) for g, t in pairs if t.exists()]


@pytest.mark.parametrize("gold,article", gold_pairs())
def test_gold_evidence_is_found_in_the_normalised_text(gold, article):
    """ANNOTATION.md: evidence is an exact substring of the normalised text
    (up to the same normalisation of the evidence, which some annotators
    wrote with spaces or full-width brackets)."""
    text = normalise(read_document(article)).text
    relations = json.loads(gold.read_text(encoding="utf-8"))["relations"]
    missing = [r["evidence"] for r in relations
               if r.get("evidence") and normalise_text(r["evidence"]) not in text]
    assert not missing


def test_title_is_the_headline_not_a_byline_caption_or_site_name():
    text = ("杏林风采 HENAN UNIVERSITY OF CHINESE MEDICINE\n"
            "2024年08月29日\n"
            "签约仪式现场。 通讯员 供图\n"
            "联合报/ 记者胡蓬生/苗栗即时报导\n"
            "“豫哈携手 医心向党”——三附院与哈密维吾尔医医院党建共建谱新篇\n")
    doc = normalise(Document("a.txt", text))
    assert doc.title == "“豫哈携手 医心向党”——三附院与哈密维吾尔医医院党建共建谱新篇"
    assert doc.date == "2024-08-29"


def test_seed_titles_are_their_headlines():
    titles = {p.name[:3]: normalise(read_document(p)).title for p in SEEDS}
    assert titles["000"] == "绵阳市第三人民医院「红色引擎」驱动创新发展,初心不改服务百姓健康"
    assert titles["003"] == "游仙区妇幼保健院党建案例入选绵阳市公立医院党建工作优秀案例"
    assert titles["004"] == "鹤山市人民医院41个新技术项目落地"
