"""Benchmark of the network page: how long a generated graph of thousands of
entities takes to render (Python) and to open and settle in a real browser.

    .venv/bin/python bench/bench_html.py                 # 3,000 entities, 3 runs
    .venv/bin/python bench/bench_html.py --entities 300 1000 3000 --runs 5
    .venv/bin/python bench/bench_html.py --screenshot docs/graph.png outputs/graph.html \\
        --click 绵阳市第三人民医院

The browser is Debian's Chromium, driven headless by Playwright with the
flags of ``kg.html.CHROMIUM_ARGS``; "ready" is the moment the page's script
says the network is drawn with its layout final (``window.kg.ready``): for up
to 500 nodes after the physics has stabilised and frozen, above that at the
first drawing of the precomputed networkx layout.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.graph import build_graph  # noqa: E402
from kg.html import CHROMIUM_ARGS, find_chromium, render_html  # noqa: E402
from kg.model import Assertion, Document, Entity  # noqa: E402

CITIES = ["成都", "绵阳", "德阳", "乐山", "宜宾", "泸州", "南充", "达州", "遂宁", "内江",
          "自贡", "攀枝花", "广元", "眉山", "资阳", "雅安", "巴中", "广安", "拉萨", "昆明"]
TYPE_WEIGHTS = {"Hospital": 35, "PartyOrganization": 20, "University": 5, "Alliance": 5,
                "GovernmentBody": 10, "Organization": 10, "Honor": 10, "Person": 5}
SUFFIX = {"Hospital": "人民医院", "PartyOrganization": "医院党委", "University": "医学院",
          "Alliance": "医疗联盟", "GovernmentBody": "卫生健康委员会", "Organization": "医学会",
          "Honor": "先进集体", "Person": "医生"}


def synthetic_graph(n: int, seed: int = 0):
    """A graph of ``n`` entities with about 1.5 relations each, hubs included
    (objects are drawn in proportion to degree), with evidence and documents."""
    rng = random.Random(seed)
    types = rng.choices(list(TYPE_WEIGHTS), weights=list(TYPE_WEIGHTS.values()), k=n)
    entities = []
    for i, t in enumerate(types):
        name = f"{CITIES[i % len(CITIES)]}市第{i}{SUFFIX[t]}"
        entities.append(Entity(name, t, aliases={f"{CITIES[i % len(CITIES)]}{i}{SUFFIX[t][:2]}"}))
    docs = [Document(f"{d:04d}_synthetic.txt", "", title=f"新闻{d}") for d in range(max(1, n // 10))]
    weight = [1] * n
    assertions = []
    for k in range(int(n * 1.5)):
        s = rng.randrange(n)
        o = rng.choices(range(n), weights=weight)[0] if k % 50 else rng.randrange(n)
        if s == o:
            continue
        subj, obj = entities[s], entities[o]
        if obj.type == "Honor":
            pred = "awarded"
        elif subj.type == "Person":
            pred = "holdsPositionIn"
        elif subj.type == obj.type == "PartyOrganization":
            pred = "coBuildsWith"
        elif obj.type == "Alliance":
            pred = "memberOf"
        else:
            pred = rng.choice(["partnersWith", "supports", "affiliatedWith", "subOrganizationOf"])
        weight[o] += 1
        doc = docs[k % len(docs)].name
        sentence = f"{subj.name}与{obj.name}签署合作协议。"
        assertions.append(Assertion(subj.key, pred, obj.key, doc, sentence, 0, len(sentence), "bench"))
    return build_graph(docs, entities, assertions), len(entities), len(assertions)


def launch(playwright):
    chromium = find_chromium()
    if chromium is None:
        sys.exit("no Chromium: install Debian's chromium (make test does, as root)")
    return playwright.chromium.launch(executable_path=chromium, headless=True, args=list(CHROMIUM_ARGS))


def open_page(browser, html: Path, width: int = 1400, height: int = 900):
    """Open the page; return it with the seconds to ready, and the requests."""
    page = browser.new_page(viewport={"width": width, "height": height})
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    t0 = time.perf_counter()
    page.goto(html.as_uri())
    page.wait_for_function("window.kg && window.kg.ready", timeout=120_000, polling=50)
    return page, time.perf_counter() - t0, requests


def bench(sizes: list[int], runs: int) -> None:
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = launch(p)
        for n in sizes:
            g, n_entities, _ = synthetic_graph(n)
            renders, opens = [], []
            for _ in range(runs):
                t0 = time.perf_counter()
                html = render_html(g)
                renders.append(time.perf_counter() - t0)
                path = Path(tmp) / f"graph{n}.html"
                path.write_text(html, encoding="utf-8")
                page, seconds, requests = open_page(browser, path)
                nodes = page.evaluate("window.kg.network.body.nodeIndices.length")
                edges = page.evaluate("window.kg.data.edges.length")
                page.close()
                assert nodes == n_entities, (nodes, n_entities)
                assert requests == [path.as_uri()], requests
                opens.append(seconds)
            rows.append((n_entities, edges, len(html) / 1e6, statistics.median(renders),
                         statistics.median(opens)))
        browser.close()
    print(f"median of {runs} runs; Chromium {find_chromium()}")
    print("| entities | relations | page MB | render_html s | open → ready in browser s |")
    print("|---:|---:|---:|---:|---:|")
    for n, e, mb, r, o in rows:
        print(f"| {n:,} | {e:,} | {mb:.2f} | {r:.2f} | {o:.2f} |")


def screenshot(html: Path, png: Path, click: str | None = None) -> None:
    """The README's screenshot: the real page, opened like the tests open it,
    with the details of the entity named ``click`` shown by clicking on it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        page, _, requests = open_page(browser, html.resolve(), 1500, 950)
        assert requests == [html.resolve().as_uri()], requests
        if click:
            x, y = page.evaluate("""name => {
                const n = kg.data.nodes.find(n => n.label === name || n.aliases.includes(name));
                const d = kg.network.canvasToDOM(kg.network.getPositions([n.id])[n.id]);
                const r = document.querySelector('#network canvas').getBoundingClientRect();
                return [r.left + d.x, r.top + d.y]; }""", click)
            page.mouse.click(x, y)
            page.mouse.move(x, y + 200)
        page.wait_for_timeout(300)
        png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(png))
        browser.close()
    print(f"wrote {png}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--entities", type=int, nargs="+", default=[3000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--screenshot", nargs=2, metavar=("PNG", "HTML"),
                    help="take a screenshot of a page instead of benchmarking")
    ap.add_argument("--click", metavar="NAME", help="with --screenshot: click this entity first")
    args = ap.parse_args()
    if args.screenshot:
        screenshot(Path(args.screenshot[1]), Path(args.screenshot[0]), args.click)
    else:
        bench(args.entities, args.runs)


if __name__ == "__main__":
    main()
