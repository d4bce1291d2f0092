"""Helpers of the page's tests and benchmark: Debian's Chromium, driven
headless by Playwright, with nothing that reaches the network on its own;
the overlap measure of drawn labels; a generated graph of any size."""
from __future__ import annotations

import os
import random
import shutil
from functools import lru_cache
from pathlib import Path

from kg.graph import build_graph
from kg.model import Assertion, Document, Entity

ROOT = Path(__file__).resolve().parent.parent

# Flags for Debian's Chromium in tests, benchmarks and the README screenshot:
# headless, and nothing that reaches out to the network on its own.
CHROMIUM_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--mute-audio",
)

# Recorded by an init script in every page: each string drawn on a canvas
# with its box in screen pixels, from the context's own transform and
# measureText (not from the page's bookkeeping), to find overlapping labels.
RECORD_CANVAS_TEXT = """
window.__drawnText = [];
// vis clears the whole canvas at the start of each frame: keep the last frame
const clearRect = CanvasRenderingContext2D.prototype.clearRect;
CanvasRenderingContext2D.prototype.clearRect = function (...args) {
  window.__drawnText = [];
  return clearRect.apply(this, args);
};
const fillText = CanvasRenderingContext2D.prototype.fillText;
CanvasRenderingContext2D.prototype.fillText = function (text, x, y, ...rest) {
  const m = this.measureText(text), t = this.getTransform(), ratio = window.devicePixelRatio || 1;
  const xs = [x - m.actualBoundingBoxLeft, x + m.actualBoundingBoxRight];
  const ys = [y - m.actualBoundingBoxAscent, y + m.actualBoundingBoxDescent];
  const sx = xs.map(v => (t.a * v + t.e) / ratio), sy = ys.map(v => (t.d * v + t.f) / ratio);
  window.__drawnText.push({text: String(text), x0: Math.min(...sx), x1: Math.max(...sx),
                           y0: Math.min(...sy), y1: Math.max(...sy)});
  return fillText.call(this, text, x, y, ...rest);
};
"""


def find_chromium() -> str | None:
    """Path of a Chromium to drive, or None: ``$KG_CHROMIUM``, else Debian's."""
    for candidate in (os.environ.get("KG_CHROMIUM"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def launch(playwright):
    """Debian's Chromium, headless; None where there is none."""
    chromium = find_chromium()
    if chromium is None:
        return None
    return playwright.chromium.launch(executable_path=chromium, headless=True, args=list(CHROMIUM_ARGS))


def drawn_text_at_fit(page) -> list[dict]:
    """Fit the whole graph in the view, draw it once, and return every text
    drawn on the canvas (``text``, box ``x0 y0 x1 y1`` in CSS pixels)."""
    return page.evaluate("""() => new Promise(resolve => {
        kg.network.fit();
        kg.network.once("afterDrawing", () => requestAnimationFrame(() => requestAnimationFrame(
            () => resolve(window.__drawnText))));
        kg.network.redraw();
    })""")


def overlapping_pairs(boxes: list[dict]) -> list[tuple[str, str]]:
    """Pairs of boxes that share some area (touching edges do not count)."""
    out = []
    ordered = sorted(boxes, key=lambda b: b["x0"])
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b["x0"] >= a["x1"]:
                break
            if a["y0"] < b["y1"] and b["y0"] < a["y1"]:
                out.append((a["text"], b["text"]))
    return out


CITIES = ["成都", "绵阳", "德阳", "乐山", "宜宾", "泸州", "南充", "达州", "遂宁", "内江",
          "自贡", "攀枝花", "广元", "眉山", "资阳", "雅安", "巴中", "广安", "拉萨", "昆明"]
TYPE_WEIGHTS = {"Hospital": 35, "PartyOrganization": 20, "University": 5, "Alliance": 5,
                "GovernmentBody": 10, "Organization": 10, "Honor": 10, "Person": 5}
SUFFIX = {"Hospital": "人民医院", "PartyOrganization": "医院党委", "University": "医学院",
          "Alliance": "医疗联盟", "GovernmentBody": "卫生健康委员会", "Organization": "医学会",
          "Honor": "先进集体", "Person": "医生"}


def synthetic_graph(n: int, seed: int = 0):
    """A graph of ``n`` entities with about 1.5 relations each, hubs included
    (objects are drawn in proportion to degree, by preferential attachment),
    with evidence and documents: ``(graph, entities, assertions)``."""
    rng = random.Random(seed)
    types = rng.choices(list(TYPE_WEIGHTS), weights=list(TYPE_WEIGHTS.values()), k=n)
    entities = []
    for i, t in enumerate(types):
        name = f"{CITIES[i % len(CITIES)]}市第{i}{SUFFIX[t]}"
        entities.append(Entity(name, t, aliases={f"{CITIES[i % len(CITIES)]}{i}{SUFFIX[t][:2]}"}))
    docs = [Document(f"{d:04d}_synthetic.txt", "", title=f"新闻{d}") for d in range(max(1, n // 10))]
    targets = list(range(n))      # one entry per unit of weight: degree + 1
    assertions = []
    for k in range(int(n * 1.5)):
        s = rng.randrange(n)
        o = rng.choice(targets) if k % 50 else rng.randrange(n)
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
        targets.append(o)
        doc = docs[k % len(docs)].name
        sentence = f"{subj.name}与{obj.name}签署合作协议。"
        assertions.append(Assertion(subj.key, pred, obj.key, doc, sentence, 0, len(sentence), "bench"))
    return build_graph(docs, entities, assertions), len(entities), len(assertions)


@lru_cache(maxsize=None)
def corpus_graph():
    """The graph of the annotated corpus (``corpus/docs``, 84 articles), built
    in-process once per session by the real pipeline."""
    from kg.pipeline import build

    result = build([ROOT / "corpus" / "docs"])
    return build_graph(result.docs, result.entities, result.assertions)
