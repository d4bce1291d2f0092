"""Benchmark of the network page: the graph of the annotated corpus and a
generated graph of 10,000 entities; for each, the page's size, the time to
render it in Python, the time from opening it in a real browser to ready
(time to interactive), and the labels drawn at fit zoom and how many overlap.

    .venv/bin/python bench/bench_html.py                       # corpus/docs + 10,000 entities, 3 runs
    .venv/bin/python bench/bench_html.py --entities 1000 10000 --runs 5
    .venv/bin/python bench/bench_html.py --screenshot docs/page.png   # the README's picture

The browser is Debian's Chromium, driven headless by Playwright with the
flags of ``tests/browser.py``; "ready" is the moment the page's script says
the network is drawn with its layout final and fitted (``window.kg.ready``):
for up to 500 nodes after the physics has stabilised and frozen, above that
at the first drawing of the layout computed in Python. The overlaps are
measured from the canvas's own ``fillText`` calls (tests/browser.py).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser import (RECORD_CANVAS_TEXT, corpus_graph, drawn_text_at_fit, find_chromium,  # noqa: E402
                     launch, overlapping_pairs, synthetic_graph)
from kg.html import render_html  # noqa: E402


def open_page(browser, html: Path, width: int = 1400, height: int = 900):
    """Open the page; return it with the seconds to ready, and the requests."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.add_init_script(RECORD_CANVAS_TEXT)
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    t0 = time.perf_counter()
    page.goto(html.as_uri())
    page.wait_for_function("window.kg && window.kg.ready", timeout=180_000, polling=50)
    return page, time.perf_counter() - t0, requests


def graphs(sizes: list[int], corpus: bool):
    if corpus:
        t0 = time.perf_counter()
        g = corpus_graph()
        print(f"built corpus/docs in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        yield "corpus/docs (84 articles)", g
    for n in sizes:
        yield f"generated, {n:,} entities", synthetic_graph(n)[0]


def bench(sizes: list[int], runs: int, corpus: bool) -> None:
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = launch(p) or sys.exit("no Chromium: install Debian's chromium (make test does, as root)")
        for name, g in graphs(sizes, corpus):
            renders, opens = [], []
            path = Path(tmp) / "graph.html"
            for _ in range(runs):
                t0 = time.perf_counter()
                html = render_html(g)
                renders.append(time.perf_counter() - t0)
                path.write_text(html, encoding="utf-8")
                page, seconds, requests = open_page(browser, path)
                assert requests == [path.as_uri()], requests
                opens.append(seconds)
                counts = page.evaluate("[kg.data.nodes.length, kg.data.edges.length]")
                texts = drawn_text_at_fit(page)
                page.close()
            rows.append((name, *counts, len(html.encode("utf-8")) / 1e6, statistics.median(renders),
                         statistics.median(opens), len(texts), len(overlapping_pairs(texts))))
        browser.close()
    print(f"median of {runs} runs; Chromium {find_chromium()}, viewport 1400×900")
    print("| graph | entities | relations | page MB | render_html s | open → ready s | labels at fit | overlapping |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, n, e, mb, r, o, labels, overlaps in rows:
        print(f"| {name} | {n:,} | {e:,} | {mb:.2f} | {r:.2f} | {o:.2f} | {labels} | {overlaps} |")


def screenshot(png: Path) -> None:
    """The README's screenshot: the page of the corpus build, opened as the
    tests open it, its best-connected entity clicked."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        html = Path(tmp) / "graph.html"
        html.write_text(render_html(corpus_graph()), encoding="utf-8")
        browser = launch(p) or sys.exit("no Chromium")
        page, _, requests = open_page(browser, html, 1500, 950)
        assert requests == [html.as_uri()], requests
        page.evaluate("""() => {
            const hub = kg.data.nodes.filter(n => kg.shown().includes(n.id)).sort((a, b) => b.value - a.value)[0];
            kg.network.selectNodes([hub.id]); kg.showNode(hub.id); kg.network.redraw(); }""")
        page.wait_for_timeout(300)
        png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(png))
        browser.close()
    print(f"wrote {png}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--entities", type=int, nargs="*", default=[10_000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-corpus", action="store_true", help="leave out the corpus/docs build")
    ap.add_argument("--screenshot", metavar="PNG", help="take the README's screenshot instead")
    args = ap.parse_args()
    if args.screenshot:
        screenshot(Path(args.screenshot))
    else:
        bench(args.entities, args.runs, not args.no_corpus)


if __name__ == "__main__":
    main()
