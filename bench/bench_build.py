"""Benchmark of `kg build`'s extraction: throughput on a corpus of several MB
made from the seed articles, beside plain ``jieba.cut`` on the same text.

    make bench                                   # 5 MB corpus
    .venv/bin/python bench/bench_build.py --mb 1 # smaller, quicker
    .venv/bin/python bench/bench_build.py --mb 20 --keep /tmp/corpus
    .venv/bin/python bench/bench_build.py --mb 1 --jobs 2   # also --jobs 2 vs 1
    .venv/bin/python bench/bench_build.py --incremental     # also whole kg build processes: full
                                                           # build vs one article added, rebuilt,
                                                           # removed, and peak memory (--memory:
                                                           # also with --store memory)
    .venv/bin/python bench/bench_build.py --mb 1 --spark    # also Spark local[2] vs --jobs 2

The corpus is copies of the seeds/ articles whose numbers (years, counts,
dates) are varied copy by copy, so no two files are the same text. The build
is timed as ``kg.pipeline.build(folder)`` does it: read, normalise, split,
find mentions, resolve, extract relations, merge (not the Turtle/HTML export).
jieba is timed with ``jieba.cut(text, HMM=False)`` over the same files' text,
in the same process, once before and once after the build (the faster run
counts), after both have been warmed up (dictionaries loaded), so the ratio says
how much slower than bare tokenisation the whole extraction is.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def make_corpus(folder: Path, megabytes: float, seeds: list[Path], rng: random.Random) -> int:
    """Write copies of the seeds with varied numbers until ``megabytes``; return bytes."""
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    target = int(megabytes * 1024 * 1024)
    total = i = 0
    while total < target:
        text = texts[i % len(texts)]
        varied = re.sub(r"\d+", lambda m: str(rng.randint(1, 10 ** len(m.group()))), text)
        data = f"第{i}号稿件\n{varied}".encode("utf-8")
        (folder / f"{i:05d}_{seeds[i % len(seeds)].stem[:3]}.txt").write_bytes(data)
        total += len(data)
        i += 1
    return total


def time_build(folder: Path, jobs: int = 1):
    from kg.pipeline import build

    t0 = time.perf_counter()
    result = build([folder], jobs=jobs)
    return time.perf_counter() - t0, result


def run_kg(args: list[str]) -> tuple[float, int]:
    """Seconds and peak memory (KiB) of one whole ``kg`` process: the
    interpreter, imports, models, extraction, the store and every output."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"kg {' '.join(args)} failed: {proc.stderr.read().decode()[-2000:]}")
    proc.stderr.close()
    return seconds, usage.ru_maxrss


def time_incremental(folder: Path, files: list[Path], store: str | None = None) -> dict:
    """Whole-process ``kg build --jobs 1`` of all files but the last into a
    fresh output folder, then the last one added, rebuilt, and removed:
    seconds and peak memory of each (``store``: a ``--store`` value; default
    the build's own, OUT/store)."""
    work = Path(tempfile.mkdtemp(prefix="kg-bench-incremental-"))
    new = work / "new" / files[-1].name
    new.parent.mkdir()
    shutil.move(str(files[-1]), new)
    try:
        spec = ["--out", str(work / "out"), "--jobs", "1", *(["--store", store] if store else [])]
        steps = {"full build": ["build", str(folder), *spec], "add one article": ["build", str(new), *spec],
                 "rebuild it": ["build", str(new), *spec],
                 "remove it": ["build", "--remove", new.name, *spec]}
        return {what: run_kg(args) for what, args in steps.items()}
    finally:
        shutil.move(str(new), files[-1])
        shutil.rmtree(work, ignore_errors=True)


def print_incremental(label: str, runs: dict, files: int) -> None:
    full, _ = runs["full build"]
    print(f"kg build, whole process, {label} ({files - 1} files, then one more):")
    for what, (seconds, kib) in runs.items():
        print(f"  {what:16} {seconds:8.2f} s  {seconds / full:7.1%} of the full build  "
              f"peak {kib / 1024:7.0f} MiB")


def time_spark(folder: Path, cores: int = 2) -> dict:
    """Seconds to start a ``local[cores]`` Spark session; of the extraction
    on it (``kg build --engine spark``) twice: first with its Python workers
    starting (they import jieba and load the models, as ``kg build``'s pool
    processes do) and then again with them warm; of ``--jobs cores`` before
    and after (the faster counts); and the documents built."""
    from kg.pipeline import build
    from kg.spark import spark_engine, start_session

    t0 = time.perf_counter()
    session = start_session(f"local[{cores}]")
    times = {"start": time.perf_counter() - t0}
    try:
        times["jobs_before"], jobs_result = time_build(folder, cores)
        for run in ("cold", "warm"):
            t0 = time.perf_counter()
            spark_result = build([folder], engine=spark_engine())
            times[run] = time.perf_counter() - t0
            assert len(spark_result.assertions) == len(jobs_result.assertions)
        times["jobs_after"], _ = time_build(folder, cores)
    finally:
        session.stop()
    times["jobs"] = min(times["jobs_before"], times["jobs_after"])
    times["docs"] = len(spark_result.docs)
    return times


def time_jieba(texts: list[str]) -> tuple[float, int]:
    import jieba

    t0 = time.perf_counter()
    tokens = 0
    for text in texts:
        for _ in jieba.cut(text, HMM=False):
            tokens += 1
    return time.perf_counter() - t0, tokens


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    parser.add_argument("--seeds", default=str(ROOT / "seeds"), help="folder of articles to copy")
    parser.add_argument("--keep", metavar="DIR", help="write the corpus here and keep it")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the number variation")
    parser.add_argument("--jobs", type=int, default=0, metavar="N",
                        help="also time the extraction in N processes")
    parser.add_argument("--incremental", action="store_true",
                        help="also time whole kg build processes: the full build, then one article "
                             "added, rebuilt and removed (the default store, OUT/store)")
    parser.add_argument("--memory", action="store_true",
                        help="with --incremental: the same with --store memory (the graph in rdflib)")
    parser.add_argument("--spark", action="store_true",
                        help="also time the extraction on Spark local[2] vs --jobs 2 (needs pyspark)")
    args = parser.parse_args(argv)

    seeds = sorted(Path(args.seeds).glob("*.txt"))
    if not seeds:
        print(f"error: no .txt articles in {args.seeds}", file=sys.stderr)
        return 1
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kg-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        size = make_corpus(folder, args.mb, seeds, random.Random(args.seed))
        files = sorted(folder.glob("*.txt"))
        texts = [f.read_text(encoding="utf-8") for f in files]
        kb = size / 1024

        # Warm-up: load jieba's dictionary and the extractor's tables once.
        import jieba

        jieba.setLogLevel(60)
        jieba.initialize()
        list(jieba.cut(texts[0], HMM=False))
        warm = folder / "warm"
        warm.mkdir()
        shutil.copy(files[0], warm / files[0].name)
        from kg.pipeline import build

        build([warm])
        shutil.rmtree(warm)

        # jieba runs before and after the build and the faster run counts:
        # the one least disturbed by other processes on a shared machine.
        jieba_before, tokens = time_jieba(texts)
        build_s, result = time_build(folder)
        jieba_after, _ = time_jieba(texts)
        jieba_s = min(jieba_before, jieba_after)
        if args.jobs > 1:
            jobs_s, jobs_result = time_build(folder, args.jobs)
            assert len(jobs_result.assertions) == len(result.assertions)
        if args.incremental:
            incremental = {"store": time_incremental(folder, files)}
            if args.memory:
                incremental["memory"] = time_incremental(folder, files, "memory")
        if args.spark:
            spark = time_spark(folder)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    relations = len({(a.subject, a.predicate, a.object) for a in result.assertions})
    print(f"corpus: {len(files)} files, {kb:,.0f} KB ({size / 1024 / 1024:.1f} MB) "
          f"from {len(seeds)} seed articles; Python {platform.python_version()}")
    print(f"kg build (extraction): {build_s:7.2f} s  {kb / build_s:8,.0f} KB/s  "
          f"({len(result.docs)} documents, {len(result.entities)} entities, {relations} relations)")
    print(f"jieba.cut (HMM=False): {jieba_s:7.2f} s  {kb / jieba_s:8,.0f} KB/s  ({tokens:,} tokens; "
          f"{jieba_before:.2f} s before the build, {jieba_after:.2f} s after)")
    print(f"ratio: the build is {build_s / jieba_s:.1f}x the time of jieba.cut alone")
    if args.jobs > 1:
        print(f"kg build --jobs {args.jobs} (extraction): {jobs_s:7.2f} s  {kb / jobs_s:8,.0f} KB/s  "
              f"{build_s / jobs_s:.2f}x the speed of --jobs 1 ({os.cpu_count()} cores, shared)")
    if args.incremental:
        for kind, runs in incremental.items():
            print_incremental({"store": "the default store (OUT/store)",
                               "memory": "--store memory"}[kind], runs, len(files))
    if args.spark:
        jobs2 = spark["jobs"]
        print(f"kg build --jobs 2 (extraction): {jobs2:7.2f} s  {kb / jobs2:8,.0f} KB/s  (the faster of "
              f"{spark['jobs_before']:.2f} s before Spark and {spark['jobs_after']:.2f} s after)")
        for run, what in (("cold", "workers starting"), ("warm", "workers warm")):
            print(f"Spark local[2], {what}: {spark[run]:7.2f} s  {kb / spark[run]:8,.0f} KB/s  "
                  f"{jobs2 / spark[run]:.2f}x the speed of --jobs 2 ({spark['docs']} documents)")
        print(f"Spark session start (JVM): {spark['start']:.1f} s, once per kg build")
    return 0


if __name__ == "__main__":
    sys.exit(main())
