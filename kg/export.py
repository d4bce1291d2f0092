"""Stage 8: write a build's outputs (Turtle, HTML), each file atomically."""
from __future__ import annotations

from pathlib import Path

from kg.files import write_atomic
from kg.graph import build_graph
from kg.html import render_html


def write_outputs(result, out: Path) -> list[Path]:
    graph = build_graph(result.docs, result.entities, result.assertions)
    ttl = write_atomic(out / "graph.ttl", graph.serialize(format="turtle"))
    html = write_atomic(out / "graph.html", render_html(graph))
    return [ttl, html]
