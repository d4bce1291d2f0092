"""Benchmark: is the work per input bounded by its size? (issue 11, cases 6 and 7)

    .venv/bin/python bench/bench_bounded.py             # all, ~2-4 min
    .venv/bin/python bench/bench_bounded.py --quick     # 256 KB instead of 1 MB, no long line

Prints, measured in one run on this machine:

* extraction (``kg.pipeline.extract``: normalise … relations) in ms/KB of
  one document of 16 KB and of 1 MB, for two kinds of text: the articles of
  ``corpus/docs`` one after another (numbers varied copy by copy), and
  sentences naming many different hospitals (the case that made short-form
  resolution quadratic: every name was compared with every other). The
  ratio 1 MB / 16 KB should stay within 1 ± 0.3;
* HTML reading (``kg.read.html_to_text``) of 8,000 unclosed ``<p>``,
  10,000 and 100,000 nested ``<div>`` levels, and its ms/KB at 16 KB and
  1 MB of ordinary article markup;
* one 5 MB line of article text without punctuation, read and extracted.
"""
from __future__ import annotations

import argparse
import platform
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.model import Document  # noqa: E402
from kg.pipeline import extract  # noqa: E402
from kg.read import html_to_text  # noqa: E402

PLACES = "甲乙丙丁戊己庚辛壬癸东南西北中华安平康宁泰和兴盛福德仁义礼智信山河湖海江城乡镇村岭峰林森"
KINDS = ("市人民医院", "县人民医院", "区中医医院", "市第一人民医院", "县妇幼保健院", "大学附属医院",
         "市第二人民医院", "县医院")


def articles(size: int, rng: random.Random) -> str:
    """``size`` bytes of corpus/docs articles, numbers varied copy by copy."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "docs").glob("*.txt"))]
    out, total, i = [], 0, 0
    while total < size:
        text = re.sub(r"\d+", lambda m: str(rng.randint(1, 10 ** len(m.group()))), texts[i % len(texts)])
        out.append(text)
        total += len(text.encode())
        i += 1
    return _cut("\n".join(out), size)


def many_names(size: int, rng: random.Random) -> str:
    """``size`` bytes of 甲乙市人民医院与丙丁县医院签订合作协议。 with random names."""
    def name() -> str:
        return rng.choice(PLACES) + rng.choice(PLACES) + rng.choice(KINDS)
    out, total = [], 0
    while total < size:
        sentence = f"{name()}与{name()}签订合作协议。"
        out.append(sentence)
        total += len(sentence.encode())
    return "".join(out)


def _cut(text: str, size: int) -> str:
    return text.encode()[:size].decode("utf-8", errors="ignore")


def timed(fn, *args) -> float:
    started = time.perf_counter()
    fn(*args)
    return time.perf_counter() - started


def extraction_row(label: str, make, sizes: list[int]) -> list[str]:
    cells = []
    for size in sizes:
        text = make(size, random.Random(size))
        seconds = timed(extract, Document(name="bench.txt", text=text))
        cells.append(seconds * 1000 / (len(text.encode()) / 1024))
    ratio = cells[-1] / cells[0]
    return [label, *(f"{c:.1f}" for c in cells), f"{ratio:.2f}"]


def html_page(size: int, rng: random.Random) -> str:
    paragraphs = articles(size, rng).split("\n")
    body = "".join(f'<div class="para"><p>{p}</p></div>' for p in paragraphs if p)
    return f"<html><head><title>t</title></head><body><nav>首页</nav><article>{body}</article></body></html>"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="256 KB instead of 1 MB; no 5 MB line")
    args = parser.parse_args()
    big = 256 * 1024 if args.quick else 1024 * 1024
    sizes = [16 * 1024, big]
    print(f"# {platform.python_implementation()} {platform.python_version()}, {platform.machine()}; "
          "one run, a shared machine: compare the ratios, not the times")
    extract(Document(name="warm.txt", text="甲市人民医院与乙县人民医院签订合作协议。"))

    print(f"\nextraction, ms/KB     16 KB  {big // 1024} KB  ratio")
    for row in (extraction_row("articles", articles, sizes), extraction_row("many names", many_names, sizes)):
        print(f"{row[0]:<20} {row[1]:>6} {row[2]:>6}  {row[3]:>5}")

    print("\nHTML reading                          seconds")
    for label, page in (("8,000 unclosed <p>", "<html><body>" + "<p>医院文字" * 8000 + "</body></html>"),
                        ("10,000 nested <div>", "<html><body>" + "<div>医院" * 10_000 + "</div>" * 10_000
                         + "</body></html>"),
                        ("100,000 nested <div>", "<html><body>" + "<div>医院" * 100_000 + "</div>" * 100_000
                         + "</body></html>")):
        print(f"{label:<24} {len(page.encode()) / 1024:>8.0f} KB  {timed(html_to_text, page):>7.2f}")
    per_kb = []
    for size in sizes:
        page = html_page(size, random.Random(size))
        per_kb.append(timed(html_to_text, page) * 1000 / (len(page.encode()) / 1024))
    print(f"article pages, ms/KB: {per_kb[0]:.2f} at 16 KB, {per_kb[1]:.2f} at {big // 1024} KB "
          f"(ratio {per_kb[1] / per_kb[0]:.2f})")

    if not args.quick:
        line = re.sub(r"[\W_]+", "", articles(5 * 1024 * 1024, random.Random(5)))
        seconds = timed(extract, Document(name="line.txt", text=line))
        print(f"\none {len(line.encode()) / 2 ** 20:.1f} MB line without punctuation: extracted in {seconds:.1f} s")


if __name__ == "__main__":
    main()
