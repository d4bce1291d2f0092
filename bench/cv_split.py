"""Cross-validated scores per part of corpus/SPLIT.tsv: the articles rules were
written from (``rules``) and those only ever seen through totals
(``held-out``). The held-out figure is the honest one for new articles.

    .venv/bin/python bench/cv_split.py [K]
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(k: int = 5) -> None:
    from kg.evaluate import evaluate, format_scores
    from kg.train import cross_validated_graph, load_annotated

    items = load_annotated([ROOT / "corpus" / "gold"])
    with open(ROOT / "corpus" / "SPLIT.tsv", encoding="utf-8") as f:
        part_of = {row["doc"]: row["part"] for row in csv.DictReader(f, delimiter="\t")}
    graph = cross_validated_graph(items, k)
    for part in ["all"] + sorted(set(part_of.values())):
        mine = [a for a in items if part == "all" or part_of.get(a.name) == part]
        s = evaluate(graph, [a.gold for a in mine])
        print(f"## {part} ({len(mine)} articles), {k}-fold cross-validation\n")
        print(format_scores(s) + "\n")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
