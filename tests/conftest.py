"""Fixtures shared by the test modules.

``seeds_build``: the seeds built once per test session, in-process (no
``kg build`` subprocess), and written in every form a command's ``--graph``
reads: ``graph.ttl``, ``graph.nt``, ``graph.trig``, ``graph.jsonld`` and an
Oxigraph store. ``graph_specs`` names them for ``--graph``.
"""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GRAPH_FORMS = ("ttl", "nt", "trig", "jsonld", "oxigraph")


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory) -> Path:
    """The output folder of a build of ``seeds/`` (every export, and the store ``db``)."""
    from kg.export import write_outputs
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("seeds-build")
    result = build([ROOT / "seeds"])
    write_outputs(result, out, formats=["nt", "trig", "jsonld"], store=f"oxigraph:{out / 'db'}", fresh=True)
    return out


@pytest.fixture(scope="session")
def graph_specs(seeds_build) -> dict[str, str]:
    """``--graph`` values of the seeds build, by form."""
    specs = {form: str(seeds_build / f"graph.{form}") for form in GRAPH_FORMS if form != "oxigraph"}
    specs["oxigraph"] = f"oxigraph:{seeds_build / 'db'}"
    return specs
