"""Fixtures shared by the test modules.

``seeds_build``: the seeds built once per test session, in-process (no
``kg build`` subprocess), and written in every form a command's ``--graph``
reads: ``graph.ttl``, ``graph.nt``, ``graph.trig``, ``graph.jsonld`` and an
Oxigraph store. ``graph_specs`` names them for ``--graph``.
"""
from __future__ import annotations

import os
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


# --- the order of a parallel run (pytest -n) ------------------------------------
#
# Each worker takes the next unit of tests when it is nearly done with its
# own. A unit is a module (its module fixtures are set up once), or one of
# the tests named in HEAVIEST_FIRST, alone. The units of HEAVIEST_FIRST go
# first, longest first, so that the run does not end with one worker still
# in a long test while the other has nothing left to do.
HEAVIEST_FIRST = (
    "tests/test_learned.py::test_cross_validated_accuracy_floor",     # 5 CRF trainings on corpus/
    "tests/test_html_browser.py::test_large_graph_is_usable_and_readable",   # a 10,000-entity page
    "tests/test_spark.py",                                            # a JVM, corpus/ built twice
    "tests/test_build_cli.py",
    "tests/test_html_browser.py",
    "tests/test_graph.py",
    "tests/test_learned.py::test_shipped_models_are_what_kg_train_makes_of_the_corpus",
    "tests/test_store.py",
    "tests/test_read.py",
    "tests/test_bad_input.py",
    "tests/test_query_canned.py",
    "tests/test_remote.py",
    "tests/test_learned.py",
)
ALONE = frozenset(unit for unit in HEAVIEST_FIRST if "::" in unit)


def unit_of(nodeid: str) -> str:
    """The unit of a test (see HEAVIEST_FIRST): itself when named there, else its module."""
    return nodeid if nodeid in ALONE else nodeid.split("::", 1)[0]


def pytest_collection_modifyitems(items):
    if "PYTEST_XDIST_WORKER" not in os.environ:     # one process: the file order, quick tests first
        return
    rank = {unit: i for i, unit in enumerate(HEAVIEST_FIRST)}
    items.sort(key=lambda item: rank.get(unit_of(item.nodeid), len(rank)))   # stable: the rest keep their order


class ByUnitScheduling:
    """The scheduler of a parallel run: by unit, in collection order."""

    @pytest.hookimpl(tryfirst=True)
    def pytest_xdist_make_scheduler(self, config, log):
        if config.getvalue("dist") != "load":       # another --dist asked for: xdist's own
            return None
        from xdist.scheduler import LoadScopeScheduling

        class ByUnit(LoadScopeScheduling):
            def _split_scope(self, nodeid: str) -> str:
                return unit_of(nodeid)

        config.option.loadscopereorder = False       # the units in collection order, as sorted above
        return ByUnit(config, log)


def pytest_configure(config):
    if config.pluginmanager.hasplugin("xdist"):     # its hook is unknown without it
        config.pluginmanager.register(ByUnitScheduling(), "by-unit-scheduling")
