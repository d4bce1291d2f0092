"""Short-form resolution looks a short name's full name up in an index of
the names' characters instead of comparing every pair: the index must never
miss a full name that the pairwise comparison finds."""
from __future__ import annotations

import random

from kg import rules
from kg.resolve import _NameIndex, _table, is_short_form

PIECES = ("甲", "乙", "江", "州", "市", "县", "省", "第二", "二", "一", "第一", "人民", "大学", "医科",
          "附属", "中心", "医院", "院", "医大", "荣总", "荣民总医院", "妇幼保健院")


def random_names(rng: random.Random, n: int) -> list[str]:
    names = {"".join(rng.choice(PIECES) for _ in range(rng.randint(1, 5))) for _ in range(n)}
    names |= {full for _, full in sorted(_table())[:20]} | {short for short, _ in sorted(_table())[:20]}
    for short_prefix, full_prefix in rules.SHORT_PREFIXES[:3]:
        names |= {short_prefix + "乙江医院", full_prefix + "乙江医院"}
    return sorted(names)


def test_the_index_finds_every_full_name_the_pairwise_comparison_finds():
    rng = random.Random(11)
    checked = found = 0
    for _ in range(5):
        names = random_names(rng, 300)
        index = _NameIndex(names)
        for short in names:
            pairwise = {f for f in names if f != short and len(f) > len(short) and is_short_form(short, f)}
            indexed = {f for f in index.candidates(short) if len(f) > len(short) and is_short_form(short, f)}
            assert indexed == pairwise, short
            checked += 1
            found += len(pairwise)
    assert found > 100       # the names do have short forms among them


def test_the_index_narrows_the_comparison():
    names = [f"{a}{b}人民医院" for a in "甲乙丙丁戊己庚辛" for b in "东南西北中江河湖"]
    index = _NameIndex(names + ["甲东医院"])
    assert index.candidates("甲东医院") == {"甲东人民医院"}
