"""The pipeline: files → documents → sentences → mentions → entities →
assertions, for one document (:func:`extract`) or many (:func:`build`)."""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import signal
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kg.learned import Models, load_models
from kg.model import Assertion, Document, Entity, Sentence
from kg.read import ReadError, find_inputs, read_document

# The extractor's modules (jieba, the rule tables: about a second to import)
# are imported by extract() and build(), not here: a build that only
# removes documents, or reads a built graph, does without them.


FILES_PER_PROCESS = 8   # --jobs 0 starts no more processes than files / this
# Seconds one document may take to extract before it is skipped with a warning
# (--doc-timeout): an article takes well under one; a 5 MB page without
# sentence ends would take minutes and hold up the build.
DOC_SECONDS = 5.0


class OverBudget(Exception):
    """A document's extraction ran past its time budget."""


@contextmanager
def time_budget(seconds: float | None):
    """Raise :class:`OverBudget` in the block once ``seconds`` have passed
    (a timer signal, so only in a process's main thread; elsewhere, and with
    no ``seconds``, the block runs unbounded).

    >>> with time_budget(5):
    ...     sum(range(10))
    45
    """
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise OverBudget()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class DocResult:
    doc: Document
    sentences: list[Sentence]
    entities: list[Entity]
    assertions: list[Assertion]


@dataclass
class BuildResult:
    """What a build extracted: its documents, their entities merged (the
    same type and name is one entity across documents), and each document's
    assertions, which :meth:`add` puts in a temporary file (in ``spill_to``,
    or the system's temporary folder) rather than memory: the evidence
    sentences of a corpus are the corpus, the rest is the graph.

    >>> from kg.model import Assertion, Document, Entity
    >>> result = BuildResult()
    >>> a, b = ("Hospital", "甲州市第一人民医院"), ("Hospital", "乙县人民医院")
    >>> result.add(DocResult(Document("a.txt", ""), [], [Entity(a[1], a[0], docs={"a.txt"})],
    ...                      [Assertion(a, "partnersWith", b, "a.txt", "甲乙合作。", 0, 5, "r")]))
    >>> [e.name for e in result.entities], [x.object[1] for x in result.assertions], result.relations
    (['甲州市第一人民医院'], ['乙县人民医院'], {'partnersWith': 1})
    """
    docs: list[Document] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (path, reason)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (name, name of the same bytes)
    seconds: float = 0.0
    bytes_read: int = 0
    spill_to: str | Path | None = None
    _merged: dict = field(default_factory=dict, repr=False)      # entity key → Entity
    _triples: set = field(default_factory=set, repr=False)       # (subject, relation, object) keys
    _held: list = field(default_factory=list, repr=False)        # where each document's assertions lie
    _spill: "Spill | None" = field(default=None, repr=False)

    def add(self, r: DocResult) -> None:
        """Add one document's result (its entities merged, as
        :func:`kg.resolve.merge_entities` does, its assertions spilled)."""
        from kg.spill import Spill

        self.docs.append(r.doc)
        for e in r.entities:
            m = self._merged.get(e.key)
            if m is None:
                m = self._merged[e.key] = Entity(e.name, e.type)
            m.aliases |= e.aliases
            m.docs |= e.docs
        self._triples.update((a.subject, a.predicate, a.object) for a in r.assertions)
        if self._spill is None:
            self._spill = Spill(self.spill_to)
        self._held.append(self._spill.put_object(r.assertions))

    @property
    def entities(self) -> list[Entity]:
        """The merged entities in key order, as :func:`kg.resolve.merge_entities`
        gives them (sorted when asked: inserting in order would cost a shift
        of the whole list per new entity)."""
        return sorted(self._merged.values(), key=lambda x: x.key)

    def assertions_by_document(self) -> Iterator[list[Assertion]]:
        """Each document's assertions, in the order of :attr:`docs`, read
        back one document at a time."""
        for at in self._held:
            yield self._spill.get_object(at)

    @property
    def assertions(self) -> list[Assertion]:
        """Every assertion, in document order (all read back into memory)."""
        return [a for part in self.assertions_by_document() for a in part]

    @property
    def relations(self) -> dict[str, int]:
        """Relation → the number of distinct (subject, relation, object)
        triples the assertions state."""
        return dict(Counter(rel for _, rel, _ in self._triples))

    def close(self) -> None:
        """Remove the temporary file of the assertions."""
        if self._spill is not None:
            self._spill.close()
            self._spill, self._held = None, []


def extract(doc: Document, models: Models | None = None) -> DocResult:
    """Run every stage after reading on one document, with the shipped
    learned models unless ``models`` says otherwise (``kg.learned.NONE``:
    the grammar and rules alone).

    >>> from kg.model import Document
    >>> r = extract(Document("a.txt", "甲市人民医院与乙县人民医院签订合作协议。"))
    >>> [(a.subject[1], a.predicate, a.object[1]) for a in r.assertions]
    [('甲市人民医院', 'partnersWith', '乙县人民医院')]
    """
    from kg.mentions import find_mentions
    from kg.normalise import normalise
    from kg.relations import extract_relations
    from kg.resolve import resolve
    from kg.sentences import split_sentences

    doc = normalise(doc)
    sentences = split_sentences(doc)
    models = load_models() if models is None else models
    mentions = find_mentions(doc, sentences, models.tagger)
    resolution = resolve(doc, sentences, mentions)
    assertions = extract_relations(doc, sentences, resolution)
    if models.relations is not None:
        assertions = models.relations.apply(doc, sentences, resolution, assertions)
    return DocResult(doc, sentences, resolution.used_entities(assertions), assertions)


def document_names(inputs: Iterable[str | Path]) -> list[tuple[Path, str]]:
    """``(path, name)`` of every file under ``inputs``; a document's name is its
    path relative to the input root: the folder given, or the deepest folder
    holding all the inputs given. So ``kg build seeds`` names ``seeds/a.txt``
    ``a.txt``, and ``kg build site1 site2`` keeps ``site1/index.html`` and
    ``site2/index.html`` apart.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> for d in ("a", "b"):
    ...     (root / d).mkdir(); _ = (root / d / "news.txt").write_text("x")
    >>> [name for _, name in document_names([root / "a", root / "b"])]
    ['a/news.txt', 'b/news.txt']
    >>> [name for _, name in document_names([root / "a"])]
    ['news.txt']
    """
    inputs = [Path(p) for p in inputs]
    files = find_inputs(inputs)
    if not files:
        return []
    tops = [p.resolve() if p.is_dir() else p.resolve().parent for p in inputs]
    root = Path(os.path.commonpath(tops))
    return [(f, f.resolve().relative_to(root).as_posix()) for f in files]


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, or ``""`` when it cannot be read (the
    read that follows says why)."""
    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return ""


_warm: set[int] = set()


def warm_up(models: Models | None = None) -> None:
    """Load what extraction needs once per process (the models, jieba's
    dictionary, OpenCC: about three seconds), so that no document's time
    budget pays for it: on a slow or busy machine the first document of
    every process would otherwise run out of time.

    >>> warm_up(); warm_up()      # the second call does nothing
    """
    if id(models) not in _warm:
        extract(Document("warm-up.txt", "甲市人民医院院长王小明与乙县人民医院签约。"), models)
        _warm.add(id(models))


def extract_file(path: Path, name: str, models: Models | None = None, budget: float | None = DOC_SECONDS
                 ) -> tuple[DocResult | None, str, int]:
    """Read and extract one file as the document ``name``: ``(result, "",
    bytes of text)``, or ``(None, reason, 0)`` when it cannot be read, its
    extraction fails or runs past ``budget`` seconds. The result keeps no
    text (the document's, the sentences'), so that a build holds its graph,
    not its corpus."""
    try:
        raw = dataclasses.replace(read_document(path), name=name, path=str(Path(path).resolve()))
    except ReadError as exc:
        return None, str(exc), 0
    warm_up(models)
    try:
        with time_budget(budget):
            r = extract(raw, models)
    except OverBudget:
        return None, f"{path}: extraction stopped after {budget:g} s, its time budget (--doc-timeout)", 0
    except Exception as exc:  # a bug on one odd article must not sink the build
        return None, f"{path}: extraction failed ({type(exc).__name__}: {exc})", 0
    return (DocResult(dataclasses.replace(r.doc, text=""), [], r.entities, r.assertions), "",
            len(raw.text.encode("utf-8")))


def _extract_batch(batch: list[tuple[Path, str]], budget: float | None = DOC_SECONDS
                   ) -> list[tuple[DocResult | None, str, int]]:
    return [extract_file(path, name, budget=budget) for path, name in batch]


def _ignore_sigint() -> None:
    # Ctrl-C reaches every process of the terminal's group: the parent alone
    # handles it (one line, exit 130), the workers just stop with it
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _batches(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def build(inputs: Iterable[str | Path],
          progress: Callable[[int, int, str], None] | None = None,
          models: Models | None = None, jobs: int = 1, budget: float | None = DOC_SECONDS,
          engine: Callable[[list[tuple[Path, str]]], Iterable] | None = None,
          spill_to: str | Path | None = None) -> BuildResult:
    """Read, extract and merge every document under ``inputs``. Files that
    cannot be read are reported in ``skipped``; a file with the same bytes
    as one before it is extracted once and reported in ``duplicates``. The
    documents' assertions are kept in a temporary file in ``spill_to`` (see
    :class:`BuildResult`).

    ``jobs`` > 1 extracts in that many processes (0: one per core, at most
    one per ``FILES_PER_PROCESS`` files), in
    batches of files, with the same result as one process; the shipped
    models are then loaded in each (``models`` other than the shipped ones
    run in this process). A document whose extraction takes more than
    ``budget`` seconds is skipped (None: no limit).

    ``engine``, when given, extracts instead: it gets the ``(path, name)``
    of every file to extract and returns their outcomes (as
    :func:`extract_file`) in that order, e.g. :func:`kg.spark.spark_engine`.
    """
    t0 = time.perf_counter()
    result = BuildResult(spill_to=spill_to)
    files = document_names(inputs)
    todo, first_of = [], {}
    for path, name in files:
        digest = file_sha256(path)
        if digest and digest in first_of:
            result.duplicates.append((name, first_of[digest]))
        else:
            first_of.setdefault(digest or name, name)
            todo.append((path, name))
    if jobs == 0:   # each process loads the models (about a second): not for a few files
        jobs = min(os.cpu_count() or 1, max(1, len(todo) // FILES_PER_PROCESS))
    jobs = 1 if models is not None else min(jobs, max(len(todo), 1))
    done = 0
    with ExitStack() as stack:
        if engine is not None:
            outcomes = iter(engine(todo))
        elif jobs > 1:
            pool = ProcessPoolExecutor(jobs, initializer=_ignore_sigint)
            # on Ctrl-C or an error: drop the batches not started, wait for the rest
            stack.callback(pool.shutdown, wait=True, cancel_futures=True)
            # batches of a few files: the order is kept, each process busy
            size = max(1, min(16, len(todo) // (jobs * 4)))
            work = functools.partial(_extract_batch, budget=budget)
            outcomes = (o for batch in pool.map(work, _batches(todo, size)) for o in batch)
        else:
            outcomes = (extract_file(path, name, models, budget) for path, name in todo)
        for (path, name), (r, reason, size_read) in zip(todo, outcomes):
            done += 1
            if progress:
                progress(done, len(todo), str(path))
            if r is None:
                result.skipped.append((str(path), reason))
                continue
            result.bytes_read += size_read
            result.add(r)
    result.seconds = time.perf_counter() - t0
    return result
