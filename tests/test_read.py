"""Stage 1 alone: bytes on disk → raw Document (encodings, HTML, inputs)."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kg.read import ReadError, decode, find_inputs, html_to_text, read_document

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

SIMPLIFIED = ("2018年6月,游仙区妇幼保健院与四川大学华西第二医院签订合作办医暨区域联盟医院协议,"
              "院党支部先后与华西二院7个党支部开展党建共建活动。\n"
              "医院党委书记介绍,医院荣获“全国文明单位”称号。\n")
TRADITIONAL = ("本溪市中心醫院黨委堅守“人民至上、生命至上”理念,先後榮獲“全國醫院文化建設示範單位”"
               "“全國文明單位”等三十餘項稱號。\n醫院黨委書記蘇丙賀介紹。\n")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_simplified_text_reads_back_exactly_in_each_encoding(tmp_path, codec):
    doc = read_document(write(tmp_path, "a.txt", SIMPLIFIED.encode(codec)))
    assert doc.text == SIMPLIFIED
    assert "\ufeff" not in doc.text


@pytest.mark.parametrize("codec", ["big5", "gb18030", "utf-8"])
def test_traditional_text_reads_back_exactly_in_each_encoding(tmp_path, codec):
    doc = read_document(write(tmp_path, "t.txt", TRADITIONAL.encode(codec)))
    assert doc.text == TRADITIONAL


def test_reported_encoding_names_the_family(tmp_path):
    assert read_document(write(tmp_path, "a.txt", SIMPLIFIED.encode("utf-8"))).encoding == "utf-8"
    assert read_document(write(tmp_path, "b.txt", SIMPLIFIED.encode("utf-8-sig"))).encoding == "utf-8-sig"
    assert read_document(write(tmp_path, "c.txt", SIMPLIFIED.encode("gb18030"))).encoding == "gb18030"
    assert read_document(write(tmp_path, "d.txt", TRADITIONAL.encode("big5"))).encoding.startswith("big5")


@pytest.mark.parametrize("text,codec", [
    ("医院", "gb18030"),            # 4 bytes that are also valid UTF-8 (Cyrillic)
    ("党委", "gb18030"),
    ("醫院黨委", "big5"),           # also valid GB18030 bytes
    ("醫院", "big5"),
    ("医院䶮", "gb18030"),          # a character only GB18030 (not GBK) has
])
def test_short_texts_are_not_mistaken_for_another_codec(text, codec):
    assert decode(text.encode(codec))[0] == text


@pytest.mark.parametrize("codec", ["utf-8", "gb18030"])
def test_file_cut_inside_a_character_keeps_its_text(tmp_path, codec):
    """A scraped file truncated mid-character is still that text, not mojibake."""
    data = SIMPLIFIED.strip().encode(codec)[:-1]
    doc = read_document(write(tmp_path, "cut.txt", data))
    assert doc.text.startswith(SIMPLIFIED.strip()[:-1])
    assert doc.text.count("\ufffd") <= 1


def test_every_seed_reads_as_utf8_with_han_text():
    assert len(SEEDS) == 5
    for path in SEEDS:
        doc = read_document(path)
        assert doc.encoding == "utf-8", path
        assert doc.name == path.name
        assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert "院" in doc.text and "\ufffd" not in doc.text


def test_seed_reencoded_as_gb18030_reads_the_same_as_the_original(tmp_path):
    original = read_document(SEEDS[3]).text
    doc = read_document(write(tmp_path, "gb.txt", original.encode("gb18030")))
    assert doc.text == original


def test_html_to_text_drops_scripts_styles_and_navigation():
    html = """<!DOCTYPE html><html><head><title>医院签约</title>
    <style>p { color: red }</style><script>var hospital = "脚本医院";</script></head>
    <body><header>网站页头</header><nav>首页 新闻 导航</nav>
    <div class="breadcrumb">您当前位置: 首页 > 新闻</div>
    <ul id="main-menu"><li>菜单一</li><li>菜单二</li></ul>
    <!-- 注释医院 -->
    <article><header><h1>甲市人民医院与乙县人民医院签约</h1></header>
    <p>甲市人民医院与乙县人民医院签订<b>合作协议</b>。</p><p>第一行<br>第二行</p>
    <table><tr><td>丙医院</td><td>丁医院</td></tr></table></article>
    <aside>侧栏</aside><footer>Copyright 2024</footer><noscript>请开启脚本</noscript></body></html>"""
    text = html_to_text(html)
    lines = text.split("\n")
    assert "甲市人民医院与乙县人民医院签订合作协议。" in lines      # inline tags joined
    assert "甲市人民医院与乙县人民医院签约" in lines                # article title kept
    assert ["第一行", "第二行"] == lines[lines.index("第一行"):lines.index("第一行") + 2]
    assert "丙医院" in lines and "丁医院" in lines                  # cells are not glued
    for gone in ("脚本医院", "color", "网站页头", "导航", "您当前位置", "菜单一",
                 "注释医院", "侧栏", "Copyright", "请开启脚本"):
        assert gone not in text, gone


def test_html_to_text_keeps_an_articles_header_and_drops_what_is_not_text():
    html = """<!DOCTYPE html><html><head><title>标题</title><style>p{}</style></head><body>
    <header class="site">网站头</header><div class="breadcrumb">首页 &gt; 新闻</div>
    <main><article><header><h1>甲医院与乙医院签约</h1></header><!-- 注释 -->
    <p>第一段<br>第二行<ruby>院<rt>yuàn</rt></ruby>长</p><div id="sidebar">侧栏</div>
    <p>未闭合段落<p>第二个<b>加粗<i>斜体</p><footer>文章脚注</footer></article></main>
    <footer>Copyright</footer><![CDATA[数据]]></body></html>"""
    assert html_to_text(html).split("\n") == [
        "标题", "甲医院与乙医院签约", "第一段", "第二行院长", "未闭合段落", "第二个加粗斜体",
        "文章脚注", "数据"]


@pytest.mark.parametrize("opening, closing", [("<div>医院", "</div>"), ("<p>医院", "")])
def test_html_nested_100000_deep_or_unclosed_is_read_whole(opening, closing):
    # the nesting that made reading quadratic (issue 11, case 6); its time is
    # in bench/bench_bounded.py
    n = 100_000
    text = html_to_text("<html><body>" + opening * n + closing * n + "</body></html>")
    assert text.count("医院") == n


def test_html_file_is_read_as_text_whatever_its_encoding(tmp_path):
    html = ('<html><head><meta charset="gbk"><script>alert("脚本")</script></head>'
            "<body><p>绵阳市第三人民医院与四川大学华西医院建立技术合作关系。</p></body></html>")
    doc = read_document(write(tmp_path, "page.html", html.encode("gb18030")))
    assert doc.text == "绵阳市第三人民医院与四川大学华西医院建立技术合作关系。"


def test_html_saved_as_txt_is_recognised(tmp_path):
    html = "<!DOCTYPE html><html><body><p>医院党委</p><script>x()</script></body></html>"
    assert read_document(write(tmp_path, "saved.txt", html.encode())).text == "医院党委"


def test_plain_text_with_angle_brackets_is_not_treated_as_html(tmp_path):
    text = "院党委印发<关于加强党建的意见>,<b>不是标签</b>\n"
    assert read_document(write(tmp_path, "a.txt", text.encode())).text == text


def test_find_inputs_walks_folders_keeps_text_files_in_stable_order(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/2.txt", "a.TXT", "c.html", "d.htm", "e.md", "f.png", "g.pdf", "b/h.json"):
        (tmp_path / name).write_bytes(b"x")
    found = [p.relative_to(tmp_path).as_posix() for p in find_inputs([tmp_path])]
    assert found == ["a.TXT", "b/2.txt", "c.html", "d.htm", "e.md"]
    # A file named explicitly is taken whatever its suffix; order is kept.
    assert find_inputs([tmp_path / "f.png", tmp_path / "a.TXT"]) == [tmp_path / "f.png",
                                                                     tmp_path / "a.TXT"]


def test_read_error_names_the_file(tmp_path):
    path = write(tmp_path, "leer.txt", b"")
    with pytest.raises(ReadError, match="leer.txt"):
        read_document(path)
