"""The ``kg`` command: parses arguments and calls the stages, nothing more."""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

DEFAULT_OUT = Path("outputs")
DEFAULT_GRAPH = DEFAULT_OUT / "graph.ttl"
GRAPH_HELP = ("graph: a .ttl .nt .jsonld .trig .nq file, oxigraph:PATH, or a build's output folder "
              "(its store); a dataset is read as the union of its graphs (default outputs/graph.ttl)")


def cmd_build(args: argparse.Namespace) -> int:
    import shutil
    from contextlib import ExitStack

    from kg.export import parse_formats
    from kg.files import Busy, folder_lock, remove_leftovers
    from kg.store import parse_spec

    # the working graph: an Oxigraph store in the output folder unless --store says otherwise
    args.store = args.store or default_store(args.out)
    try:   # bad --format / --store / numbers: before any work
        parse_formats(args.format)
        kind, store_path = parse_spec(args.store)
        if args.jobs < 0 or args.doc_timeout < 0:
            raise ValueError("--jobs and --doc-timeout must be 0 or more")
        if args.master and args.engine != "spark":
            raise ValueError("--master goes with --engine spark")
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.engine == "spark":
        from kg.spark import SparkMissing, check_pyspark

        try:
            check_pyspark()
        except SparkMissing as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    new_store = kind == "oxigraph" and not Path(store_path).exists()
    code = 1

    def forget_new_store() -> None:
        # a build that fails leaves no store where there was none (130 here:
        # Ctrl-C after the outputs were published, store and all)
        if new_store and code not in (0, 130):
            shutil.rmtree(store_path, ignore_errors=True)

    try:
        with ExitStack() as held:
            held.enter_context(folder_lock(args.out))
            if kind == "oxigraph":
                held.enter_context(folder_lock(store_path))
                held.callback(forget_new_store)
            remove_leftovers(args.out)
            code = build_locked(args)
            return code
    except Busy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:   # the output folder or store cannot be made or opened
        print(f"error: cannot use {exc.filename or args.out} as a folder: {exc.strerror or exc}",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"interrupted: nothing written, {args.out} is as it was", file=sys.stderr)
        return 130


def default_store(out: str | Path) -> str:
    """The store ``kg build`` keeps its graph in when ``--store`` is not given.

    >>> default_store("outputs")
    'oxigraph:outputs/store'
    """
    return f"oxigraph:{Path(out) / 'store'}"


def build_locked(args: argparse.Namespace) -> int:
    """``kg build`` once it holds the locks of its output folder and store."""
    from kg.export import UnknownDocument, write_outputs
    from kg.pipeline import BuildResult, build
    from kg.spill import SpillError

    tty = sys.stderr.isatty()
    show = tty or args.progress
    shown = {"at": 0.0, "any": False}

    def progress(i: int, n: int, path: str) -> None:
        # On a terminal one line rewritten in place; in a log (--progress) a
        # line for the first file, the last, and every 2 s in between.
        if not show or n <= 1:
            return
        now = time.monotonic()
        if tty:
            print(f"\r[{i}/{n}] {Path(path).name[:60]:<60}", end="", file=sys.stderr, flush=True)
            shown["any"] = True
        elif i in (1, n) or now - shown["at"] >= 2:
            print(f"[{i}/{n}] {path}", file=sys.stderr, flush=True)
            shown["at"] = now

    # --remove alone removes; it does not build the default seeds/ too
    inputs = args.inputs or ([] if args.remove else ["seeds"])
    engine, failures = None, ()
    if args.engine == "spark":
        from kg.spark import SparkFailed, spark_engine

        engine, failures = spark_engine(args.master), (SparkFailed,)
    try:
        # the assertions wait for the graph in a temporary file of the output folder
        result = build(inputs, progress=progress, jobs=args.jobs, engine=engine,
                       budget=args.doc_timeout or None, spill_to=args.out) if inputs \
            else BuildResult()
    except failures as exc:   # Spark's error, one line
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except SpillError as exc:   # the assertions' temporary file in the output folder
        print(f"error: cannot write the outputs to {args.out}: {exc.strerror or exc}"
              " (no file was left half-written)", file=sys.stderr)
        return 1
    if shown["any"]:
        print(file=sys.stderr)
    for path, reason in result.skipped:
        print(f"warning: skipped {reason}", file=sys.stderr)
    for name, first in result.duplicates:
        print(f"warning: {name} has the same content as {first}: extracted once, as {first}",
              file=sys.stderr)
    if inputs and not result.docs:
        print(f"error: no document could be read from {' '.join(map(str, inputs))}", file=sys.stderr)
        return 1
    try:
        written = write_outputs(result, Path(args.out), formats=args.format, store=args.store,
                                fresh=args.fresh, remove=args.remove or ())
    except UnknownDocument as exc:
        print(f"error: cannot remove: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: cannot write the outputs to {args.out}: {exc.strerror or exc}"
              " (no file was left half-written)", file=sys.stderr)
        return 1
    for name, was, now in written.replaced:
        print(f"warning: {name} from {now} replaces the document of that name built from {was}"
              " (build their common folder to keep both)", file=sys.stderr)
    print(summary(result, written) if inputs else "\n".join(f"wrote {p}" for p in written))
    if getattr(written, "merged", False):
        print(f"graph (merged with the one already there): {written.documents} documents, "
              f"{written.entities} entities, {written.relations} relations")
    if written.interrupted:
        print("interrupted: after the outputs were published", file=sys.stderr)
        return 130
    return 0


def summary(result, written) -> str:
    kb = result.bytes_read / 1024
    lines = [f"documents: {len(result.docs)} read, {len(result.skipped)} skipped "
             f"({kb:.1f} KB in {result.seconds:.2f} s)"]
    types = Counter(e.type for e in result.entities)
    lines.append(f"entities: {sum(types.values())}  " +
                 "  ".join(f"{t} {n}" for t, n in sorted(types.items())))
    rels = result.relations
    lines.append(f"relations: {sum(rels.values())}  " +
                 "  ".join(f"{r} {n}" for r, n in sorted(rels.items())))
    lines.extend(f"wrote {p}" for p in written)
    return "\n".join(lines)


def command_of(module: str):
    """The ``command(args)`` of ``kg.<module>``, imported only when run, so that
    ``kg build`` does not pay for the server or the browser-side code."""
    def run(args: argparse.Namespace) -> int:
        from importlib import import_module

        return import_module(f"kg.{module}").command(args)
    return run


def add_query_limits(p: argparse.ArgumentParser, timeout: float, max_rows: int) -> None:
    """``--timeout``, ``--max-rows`` and ``--allow-service`` (kg query, kg serve)."""
    p.add_argument("--timeout", type=float, metavar="SECONDS",
                   help=f"stop a query after this long (0: never; default {timeout:g})")
    p.add_argument("--max-rows", type=int, metavar="N",
                   help=f"refuse answers longer than N rows or triples (0: no limit; default {max_rows})")
    p.add_argument("--allow-service", action="append", default=[], metavar="URL_PREFIX",
                   help="let SERVICE and FROM fetch IRIs starting with this (repeatable; "
                        "default: a query never fetches anything)")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description=__doc__ and
                                     "Chinese hospital news → knowledge graph")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="extract a graph from articles")
    p.add_argument("inputs", nargs="*", help="files or folders (.txt .html .htm .md); default seeds/")
    p.add_argument("--out", default=str(DEFAULT_OUT), help="output folder (default outputs/)")
    p.add_argument("--progress", action="store_true", help="show progress even when not on a terminal")
    p.add_argument("--format", action="append", metavar="FMT",
                   help="also write nt, jsonld, trig, graphml, gexf (comma-separated or repeated; all)")
    p.add_argument("--store", default=None, metavar="SPEC",
                   help="where the graph is kept between builds: oxigraph:PATH (an on-disk store; "
                        "default oxigraph:OUT/store), memory (rdflib, kept as OUT/graph.ttl) or "
                        "http://HOST:PORT/PATH (a SPARQL server's Graph Store Protocol endpoint)")
    p.add_argument("--fresh", action="store_true",
                   help="start a new graph instead of merging into the one already in --out/--store")
    p.add_argument("--remove", action="append", metavar="DOC",
                   help="drop a document (its name in the graph: path under the input folder) "
                        "and what only it supports; with no input, nothing is built")
    p.add_argument("--jobs", type=int, default=0, metavar="N",
                   help="extract in N processes (default 0: one per core, one per 8 files at most; "
                        "1: in this process)")
    p.add_argument("--doc-timeout", type=float, default=5.0, metavar="SECONDS",
                   help="skip, with a warning, a document whose extraction takes longer (default 5; 0: no limit)")
    p.add_argument("--engine", choices=("local", "spark"), default="local",
                   help="spark: extract in Spark's executors (pip install 'hospital-kg[spark]')")
    p.add_argument("--master", metavar="URL",
                   help="with --engine spark: the cluster (spark://HOST:7077, local[4], ...)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("query", help="run a SPARQL query on a built graph")
    p.add_argument("sparql", nargs="?", help="the query text ('-' or nothing: read stdin)")
    p.add_argument("-f", "--file", help="read the query from a file, or a canned query by name (see --list)")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind ?NAME to VALUE before the query runs (repeatable)")
    p.add_argument("--list", action="store_true", help="list the canned queries of queries/")
    p.add_argument("--graph", default=str(DEFAULT_GRAPH), help=GRAPH_HELP)
    p.add_argument("--format", choices=("table", "csv", "tsv", "json", "turtle"), default="table",
                   help="turtle is for CONSTRUCT/DESCRIBE (json of those is JSON-LD)")
    add_query_limits(p, timeout=0, max_rows=0)
    p.set_defaults(func=command_of("query"))

    p = sub.add_parser("show", help="one entity: its names, type, relations with evidence, articles")
    p.add_argument("name", help="any of its names or aliases, or an unambiguous part of one")
    p.add_argument("--graph", default=str(DEFAULT_GRAPH), help=GRAPH_HELP)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=command_of("show"))

    p = sub.add_parser("stats", help="network analysis of the entity graph (networkx)")
    p.add_argument("--graph", default=str(DEFAULT_GRAPH), help=GRAPH_HELP)
    p.add_argument("--top", type=int, default=10, metavar="N", help="rows of the centrality tables (default 10)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--write", nargs="?", const="", default=None, metavar="TTL",
                   help="add hkg:degree and hkg:community to the graph file (or write to TTL)")
    p.set_defaults(func=command_of("stats"))

    p = sub.add_parser("serve", help="SPARQL 1.1 Protocol endpoint and query page on localhost")
    p.add_argument("--graph", default=str(DEFAULT_GRAPH), help=GRAPH_HELP)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    add_query_limits(p, timeout=10, max_rows=10_000)
    p.add_argument("--workers", type=int, default=4, metavar="N",
                   help="queries answered at the same time (default 4; more wait their turn)")
    p.add_argument("--token", default=None, metavar="TOKEN",
                   help="require 'Authorization: Bearer TOKEN' (or ?access_token=TOKEN); "
                        "default: the KG_SERVE_TOKEN environment variable, else no token")
    p.add_argument("--cors", action="append", default=[], metavar="ORIGIN",
                   help="let pages from ORIGIN (https://example.org) call the endpoint (repeatable; default none)")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="also answer requests whose Host header is NAME (default: localhost, "
                        "127.0.0.1, ::1, --host and this machine's name)")
    p.set_defaults(func=command_of("serve"))

    p = sub.add_parser("html", help="write the interactive network page of a built graph")
    p.add_argument("--graph", default=str(DEFAULT_GRAPH), help=GRAPH_HELP)
    p.add_argument("--focus", metavar="NAME", help="only the neighbourhood of the entity of this name (any alias)")
    p.add_argument("--depth", type=int, default=1, metavar="N", help="relation hops around --focus (default 1)")
    p.add_argument("--out", help="page to write (default outputs/graph.html, or outputs/focus-NAME.html with --focus)")
    p.set_defaults(func=command_of("html"))

    p = sub.add_parser("eval", help="score a graph against gold annotation files")
    p.add_argument("gold", metavar="GOLD_DIR", help="folder of gold *.json files (ANNOTATION.md)")
    p.add_argument("inputs", nargs="*", metavar="INPUT",
                   help="articles to build the graph from in memory (instead of --graph)")
    p.add_argument("--graph", default=None,
                   help="Turtle file to score (default outputs/graph.ttl when no INPUT is given)")
    p.add_argument("--verbose", "-v", action="store_true",
                   help="list every false positive and negative with evidence, and precision per rule")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--cv", type=int, metavar="K",
                   help="K-fold cross-validation by document: the learned models are trained on K-1 "
                        "folds and score the held one (INPUT: the articles' folder, default GOLD_DIR/../docs)")
    p.add_argument("--relation-model", action="store_true",
                   help="with --cv: also train and use the relation classifier in each fold")
    p.set_defaults(func=command_of("evaluate"))

    p = sub.add_parser("train", help="train the learned models on annotated folders")
    p.add_argument("gold", nargs="*", metavar="GOLD_DIR",
                   help="folders of gold *.json files, articles in the docs/ folder beside each "
                        "(default corpus/gold)")
    p.add_argument("--docs", metavar="DIR", help="read the articles from DIR instead")
    p.add_argument("--out", metavar="DIR",
                   help="write the models into DIR (default: the shipped ones in kg/data/model/)")
    p.add_argument("--relation-model", action="store_true",
                   help="also train the relation classifier (not shipped: it does not beat the rules "
                        "on corpus/; measure it with kg eval --cv K --relation-model)")
    p.set_defaults(func=command_of("train"))

    p = sub.add_parser("validate", help="check a graph against the SHACL shapes (ontology/shapes.ttl)")
    p.add_argument("file", nargs="?", default=str(DEFAULT_GRAPH), help=f"{GRAPH_HELP} (or --graph)")
    p.add_argument("--graph", default=None, help="the same as FILE")
    p.add_argument("--limit", type=int, default=20, help="print at most this many nodes per shape (0: all)")
    p.set_defaults(func=command_of("validate"))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        # the reader went away (kg show … | head): stop quietly, as the
        # Python docs advise, with no traceback from the final flush
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
