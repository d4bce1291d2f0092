"""Benchmark: is the work per input bounded by its size? (issue 11, cases 6 and 7)

    .venv/bin/python bench/bench_bounded.py             # all, ~2-4 min
    .venv/bin/python bench/bench_bounded.py --quick     # 256 KB instead of 1 MB, no long line

Prints, measured in one process on this machine (the fastest of two
rounds that time both sizes in turn, on the same amount of text: 64
different 16 KB documents against one of 1 MB):

* extraction (``kg.pipeline.extract``: normalise … relations) in ms/KB of
  documents of 16 KB and of one of 1 MB, for two kinds of text: the articles of
  ``corpus/docs`` one after another (numbers varied copy by copy), and
  sentences naming many different hospitals (the case that made short-form
  resolution quadratic: every name was compared with every other), the
  latter once more with the garbage collector off. The ratio 1 MB / 16 KB
  should stay within 1 ± 0.3;
* HTML reading (``kg.read.html_to_text``) of 8,000 unclosed ``<p>``,
  10,000 and 100,000 nested ``<div>`` levels, and its ms/KB at 16 KB and
  1 MB of ordinary article markup;
* one 5 MB line of article text without punctuation, read and extracted.
"""
from __future__ import annotations

import argparse
import gc
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


def timed(fn, *args, runs: int = 1) -> float:
    """The fastest of ``runs`` runs, in seconds (the others lost time to the machine's other jobs)."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - started)
    return best


def ms_per_kb(fn, small: list, big, rounds: int = 2) -> tuple[float, float]:
    """ms/KB of ``fn`` over the ``small`` inputs (as many different ones as
    make the size of ``big``) and over ``big``, the fastest of ``rounds``
    rounds taken in turn, so that the same amount of text is timed on each
    side and a burst of the machine's other jobs hits both alike."""
    def size(item) -> float:
        return len((item.text if isinstance(item, Document) else item).encode()) / 1024

    best_small = best_big = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for item in small:
            fn(item)
        best_small = min(best_small, (time.perf_counter() - started) * 1000 / sum(map(size, small)))
        best_big = min(best_big, timed(fn, big) * 1000 / size(big))
    return best_small, best_big


def extraction_row(label: str, make, sizes: list[int]) -> list[str]:
    small, big = sizes
    docs = [Document(name=f"s{i}.txt", text=make(small, random.Random(i))) for i in range(big // small)]
    cells = ms_per_kb(extract, docs, Document(name="big.txt", text=make(big, random.Random(big))))
    return [label, *(f"{c:.1f}" for c in cells), f"{cells[1] / cells[0]:.2f}"]


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
          "fastest of 2 rounds, a shared machine: compare the ratios, not the times")
    extract(Document(name="warm.txt", text="甲市人民医院与乙县人民医院签订合作协议。"))

    print(f"\nextraction, ms/KB     16 KB docs  one {big // 1024} KB  ratio")
    rows = [extraction_row("articles", articles, sizes), extraction_row("many names", many_names, sizes)]
    gc.disable()     # what is left of the growth is Python's garbage collector walking a bigger heap
    try:
        rows.append(extraction_row("many names, no gc", many_names, sizes))
    finally:
        gc.enable()
    for row in rows:
        print(f"{row[0]:<20} {row[1]:>11} {row[2]:>8}  {row[3]:>5}")

    print("\nHTML reading                          seconds")
    for label, page in (("8,000 unclosed <p>", "<html><body>" + "<p>医院文字" * 8000 + "</body></html>"),
                        ("10,000 nested <div>", "<html><body>" + "<div>医院" * 10_000 + "</div>" * 10_000
                         + "</body></html>"),
                        ("100,000 nested <div>", "<html><body>" + "<div>医院" * 100_000 + "</div>" * 100_000
                         + "</body></html>")):
        print(f"{label:<24} {len(page.encode()) / 1024:>8.0f} KB  {timed(html_to_text, page, runs=2):>7.2f}")
    per_kb = ms_per_kb(html_to_text, [html_page(sizes[0], random.Random(i)) for i in range(sizes[1] // sizes[0])],
                       html_page(sizes[1], random.Random(sizes[1])))
    print(f"article pages, ms/KB: {per_kb[0]:.2f} at 16 KB, {per_kb[1]:.2f} at {big // 1024} KB "
          f"(ratio {per_kb[1] / per_kb[0]:.2f})")

    if not args.quick:
        line = re.sub(r"[\W_]+", "", articles(5 * 1024 * 1024, random.Random(5)))
        seconds = timed(extract, Document(name="line.txt", text=line))
        print(f"\none {len(line.encode()) / 2 ** 20:.1f} MB line without punctuation: extracted in {seconds:.1f} s")


if __name__ == "__main__":
    main()
