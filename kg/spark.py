"""The cluster engine of ``kg build --engine spark``: documents are read and
extracted in Spark's executors, by the very function the process pool of
``--jobs`` runs (:func:`kg.pipeline._extract_batch`), one partition of files
at a time.

What comes back is each document's outcome as the pool returns it (its
:class:`~kg.pipeline.DocResult`, pickled: entities and assertions, no text),
not N-Quads: the entities of all documents are resolved together
(:func:`kg.resolve.merge_entities`) before any triple exists, so the
driver needs the per-document results to make the graph a local build
makes; from there the build goes through the same merge and the same
writers (files, ``--store``) as a local one.

Every executor must see the files at the paths the driver sees (a shared
file system) and run a Python with hospital-kg installed (``PYSPARK_PYTHON``;
by default the driver's own Python path). Its Python workers are forked
from :mod:`kg.spark_daemon`, which loads the models once per executor.
"""
from __future__ import annotations

import os
import re
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kg.pipeline import _extract_batch

FILES_PER_PARTITION = 16   # as the pool's batches: small enough to keep every core busy


class SparkMissing(RuntimeError):
    """``--engine spark`` without pyspark installed."""


class SparkFailed(RuntimeError):
    """Spark could not run the extraction (no Java, a master out of reach, a
    lost executor): the first line of Spark's own message."""


def check_pyspark() -> None:
    """Raise :class:`SparkMissing` with the install command when pyspark is
    not importable."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise SparkMissing("--engine spark needs pyspark: pip install 'hospital-kg[spark]'") from None


def _extract_partition(rows: Iterable[tuple[Path, str]]) -> list:
    # runs in an executor's Python worker: the pool's own per-batch function
    return _extract_batch(list(rows))


def start_session(master: str | None = None):
    """A new SparkSession on ``master`` (default: Spark's own, ``local[*]`` or
    what ``spark-submit`` says) whose executors run this Python (unless
    ``PYSPARK_PYTHON`` names another) and whose log keeps quiet: a failure
    comes back as one line (:class:`SparkFailed`)."""
    check_pyspark()
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    local = not master or master.startswith("local")
    if local:   # a local run listens on the loopback only and opens no web port
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = (SparkSession.builder.appName("kg build").config("spark.ui.showConsoleProgress", "false")
               # workers forked from a daemon that has loaded the extractor (kg.spark_daemon)
               .config("spark.python.daemon.module", "kg.spark_daemon"))
    if master:
        builder = builder.master(master)
    if local:
        builder = builder.config("spark.ui.enabled", "false")
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("FATAL")
    return session


@contextmanager
def spark_context(master: str | None = None) -> Iterator:
    """The running SparkContext (a session already open in this process,
    e.g. a test's or a notebook's, is used and left open), or a new one
    (:func:`start_session`), stopped on exit."""
    check_pyspark()
    from pyspark import SparkContext

    active = SparkContext._active_spark_context
    if active is not None:
        yield active
        return
    session = start_session(master)
    try:
        yield session.sparkContext
    finally:
        session.stop()


def extract_on_spark(todo: list[tuple[Path, str]], master: str | None = None) -> list:
    """The outcomes of :func:`kg.pipeline.extract_file` for every ``(path,
    name)`` of ``todo``, in order, computed by Spark's executors.

    Paths go out absolute, so that an executor with another working folder
    finds the same file on the shared file system.
    """
    if not todo:
        return []
    rows = [(Path(path).resolve(), name) for path, name in todo]
    try:
        return _collect(rows, master)
    except SparkMissing:
        raise
    except Exception as exc:   # Py4J's and Spark's errors: many kinds, long Java traces
        lines = [x.strip() for x in str(exc).splitlines() if x.strip()]
        # the Python error an executor raised says more than Spark's wrapping of it
        line = next((x for x in lines if re.match(r"\w+(Error|Exception): ", x)),
                    lines[0] if lines else type(exc).__name__)
        raise SparkFailed(f"Spark failed ({master or 'default master'}): {line[:300]}") from exc


def _collect(rows: list[tuple[Path, str]], master: str | None) -> list:
    with spark_context(master) as sc:
        # as the pool's batches: four per core, of at most FILES_PER_PARTITION files
        size = max(1, min(FILES_PER_PARTITION, len(rows) // (sc.defaultParallelism * 4)))
        parts = -(-len(rows) // size)
        # collect keeps the partitions' order, so the files' order: the build
        # merges the documents as a local one does
        return sc.parallelize(rows, parts).mapPartitions(_extract_partition).collect()


def spark_engine(master: str | None = None) -> Callable[[list[tuple[Path, str]]], list]:
    """An ``engine`` for :func:`kg.pipeline.build` running on Spark.

    >>> callable(spark_engine("local[2]"))
    True
    """
    return lambda todo: extract_on_spark(todo, master)
