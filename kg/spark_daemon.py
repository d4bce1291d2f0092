"""Spark's Python daemon with the extractor already loaded.

Spark starts one daemon per executor (``python -m pyspark.daemon``) and forks
a worker from it for each Python task runner; :func:`kg.spark.start_session`
names this module instead (``spark.python.daemon.module``). It loads the
models, jieba's dictionary and OpenCC once (:func:`kg.pipeline.warm_up`,
a few seconds) and then runs PySpark's own daemon, so that every worker is
forked warm, as the process pool of ``--jobs`` is, instead of each loading
them in its first partition.
"""
from __future__ import annotations

import sys
from contextlib import redirect_stdout


def main() -> None:
    from pyspark.daemon import manager

    from kg.pipeline import warm_up

    # the daemon's stdout carries its port to Spark: nothing else may go there
    with redirect_stdout(sys.stderr):
        warm_up()
    manager()


if __name__ == "__main__":
    main()
