"""Accuracy: score a graph against gold annotation files (ANNOTATION.md,
"How a prediction is scored").

Names are normalised before matching (:func:`normalise_name`). A predicted
entity matches a gold entity when one of its names (``skos:prefLabel`` or any
``skos:altLabel``) equals the gold canonical name or one of its aliases. A
predicted triple is correct when the relation is the same and both ends match
(either order for ``partnersWith`` and ``coBuildsWith``).

Scoring is per document, then summed (micro average): a gold file's ``doc``
is paired, by file stem, with the graph's triples whose assertion node is
``prov:wasDerivedFrom`` the document of that file name. Each predicted or gold
triple counts once per document (several sentences saying it are one triple);
one predicted triple matches at most one gold triple (maximum matching).
A prediction that matches an optional gold triple is neither TP nor FP;
optional gold triples are never FN. Triples of documents without a gold file
are ignored. Triples with no provenance (no assertion node, or one without
``prov:wasDerivedFrom``) are scored against the union of the documents: they
may take any required gold triple left unmatched by the per-document pass.

The loose score maps every party organisation to the organisation it belongs
to before matching: gold through its ``subOrganizationOf`` chain to a
non-party entity, else the longest gold organisation name that prefixes its
name; predicted the same way through ``hkg:subOrganizationOf`` and the
organisation names of the graph, then of the gold (so a correctly named branch
of an organisation the extractor missed still maps). Triples that become equal
after mapping count once.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import unquote

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import PROV, SKOS

from kg.graph import HKG
from kg.model import CORE_RELATIONS, EXTENDED_RELATIONS, RELATIONS, SYMMETRIC_RELATIONS

PARTY = "PartyOrganization"
NOT_ORGANISATIONS = frozenset({PARTY, "Person", "Honor"})
_QUOTES = str.maketrans("", "", "“”‘’「」『』\"'")
DEFAULT_GRAPH = Path("outputs") / "graph.ttl"


class EvalError(Exception):
    """Gold or graph that cannot be read."""


def normalise_name(name: str) -> str:
    """A name as it is compared: NFKC (full-width → half-width), quotes
    “”‘’「」『』"' removed, all whitespace removed.

    >>> normalise_name("“2018 年度”改善医疗服务优秀医院")
    '2018年度改善医疗服务优秀医院'
    >>> normalise_name("绵阳市基层党建「３＋２」书记项目")
    '绵阳市基层党建3+2书记项目'
    """
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name).translate(_QUOTES))


# --------------------------------------------------------------------- scores

@dataclass
class Counts:
    """True positives, false positives and false negatives; P, R and F1 are
    0.0 where their denominator is 0.

    >>> c = Counts(tp=3, fp=1, fn=3)
    >>> c.precision, c.recall, round(c.f1, 3)
    (0.75, 0.5, 0.6)
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass(frozen=True)
class Triple:
    """A predicted or gold triple as scored: display names, the names each end
    may be matched by, and where it came from."""

    s: str
    p: str
    o: str
    s_names: frozenset[str]
    o_names: frozenset[str]
    doc: str = ""                  # file name, "" for a prediction without provenance
    evidence: str = ""
    rules: tuple[str, ...] = ()    # predicted: hkg:rule of its assertion nodes
    optional: bool = False         # gold: "optional": true

    def matches(self, other: Triple) -> bool:
        if self.p != other.p:
            return False
        if self.s_names & other.s_names and self.o_names & other.o_names:
            return True
        return (self.p in SYMMETRIC_RELATIONS
                and bool(self.s_names & other.o_names and self.o_names & other.s_names))

    def __str__(self) -> str:
        arrow = "↔" if self.p in SYMMETRIC_RELATIONS else "→"
        return f"{self.p}: {self.s} {arrow} {self.o}"


@dataclass
class Scores:
    """What :func:`evaluate` returns: strict counts per relation, loose counts
    per core relation, counts per predicted rule (``fn`` is always 0 there) and
    the strict false positives and false negatives."""

    relations: dict[str, Counts]
    loose: dict[str, Counts]
    rules: dict[str, Counts]
    false_positives: list[Triple] = field(default_factory=list)
    false_negatives: list[Triple] = field(default_factory=list)

    def total(self, relations: Iterable[str], loose: bool = False) -> Counts:
        table = self.loose if loose else self.relations
        return sum((table.get(r, Counts()) for r in relations), Counts())

    @property
    def core(self) -> Counts:
        return self.total(CORE_RELATIONS)

    @property
    def extended(self) -> Counts:
        return self.total(EXTENDED_RELATIONS)

    @property
    def loose_core(self) -> Counts:
        return self.total(CORE_RELATIONS, loose=True)

    def as_dict(self) -> dict:
        return {
            "relations": {r: c.as_dict() for r, c in self.relations.items()},
            "core": self.core.as_dict(),
            "extended": self.extended.as_dict(),
            "loose": {r: c.as_dict() for r, c in self.loose.items()},
            "loose_core": self.loose_core.as_dict(),
            "rules": {r: c.as_dict() for r, c in sorted(self.rules.items())},
        }


# ----------------------------------------------------------------------- gold

@dataclass
class GoldEntity:
    id: str
    name: str
    type: str
    aliases: list[str]

    @property
    def names(self) -> frozenset[str]:
        return frozenset(normalise_name(n) for n in [self.name, *self.aliases])


@dataclass
class GoldDoc:
    doc: str                       # the article's file name
    entities: dict[str, GoldEntity]
    relations: list[dict]          # as in the file: s, p, o, evidence, optional …


def load_gold(gold_dir: str | Path) -> list[GoldDoc]:
    """Every ``*.json`` gold file of a folder (format of ANNOTATION.md).

    >>> import json, tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> gold = {"doc": "a.txt", "entities": [{"id": "e1", "name": "甲县人民医院", "type": "Hospital"}],
    ...         "relations": []}
    >>> _ = (folder / "a.json").write_text(json.dumps(gold), encoding="utf-8")
    >>> [(d.doc, [e.name for e in d.entities.values()]) for d in load_gold(folder)]
    [('a.txt', ['甲县人民医院'])]
    """
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise EvalError(f"gold folder not found: {folder}")
    files = sorted(folder.glob("*.json"))
    if not files:
        raise EvalError(f"no gold *.json files in {folder}")
    docs = []
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            ents = {e["id"]: GoldEntity(e["id"], e["name"], e.get("type", ""),
                                        list(e.get("aliases", [])))
                    for e in data.get("entities", [])}
            rels = list(data.get("relations", []))
            missing = {r[k] for r in rels for k in ("s", "o")} - ents.keys()
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise EvalError(f"cannot read gold file {path}: {exc!r}") from exc
        if missing:
            raise EvalError(f"gold file {path}: unknown entity ids {sorted(missing)}")
        docs.append(GoldDoc(data.get("doc") or path.stem, ents, rels))
    return docs


def _gold_parent_map(gold: GoldDoc) -> dict[str, str]:
    """Party body id → id of the organisation it belongs to."""
    parents = defaultdict(list)
    for r in gold.relations:
        if r["p"] == "subOrganizationOf":
            parents[r["s"]].append(r["o"])
    orgs = sorted(((normalise_name(n), e.id) for e in gold.entities.values()
                   if e.type not in NOT_ORGANISATIONS for n in [e.name, *e.aliases]),
                  key=lambda x: -len(x[0]))
    out = {}
    for e in gold.entities.values():
        if e.type == PARTY:
            out[e.id] = _climb(e.id, lambda i: parents.get(i, []),
                               lambda i: gold.entities[i].type == PARTY,
                               normalise_name(e.name), orgs)
    return out


def _climb(start, parents: Callable, is_party: Callable, name: str, orgs) -> object:
    """Follow parent links from a party body to a non-party entity; else the
    entity of the longest organisation name prefixing ``name``; else itself."""
    seen, cur = {start}, start
    while True:
        ups = [p for p in parents(cur) if p not in seen]
        if not ups:
            break
        cur = next((p for p in ups if not is_party(p)), ups[0])
        if not is_party(cur):
            return cur
        seen.add(cur)
    return next((key for n, key in orgs if name.startswith(n) and n != name), start)


def _gold_triples(gold: GoldDoc, mapping: dict[str, str] | None = None,
                  relations: Iterable[str] | None = None) -> list[Triple]:
    """One Triple per distinct gold triple of a document (required wins over
    optional when both are written)."""
    keep = set(relations) if relations is not None else None
    out: dict[tuple, Triple] = {}
    for r in gold.relations:
        if keep is not None and r["p"] not in keep:
            continue
        s = gold.entities[(mapping or {}).get(r["s"], r["s"])]
        o = gold.entities[(mapping or {}).get(r["o"], r["o"])]
        key = _key(s.id, r["p"], o.id)
        t = Triple(s.name, r["p"], o.name, s.names, o.names, gold.doc,
                   r.get("evidence", ""), optional=bool(r.get("optional")))
        if key not in out or out[key].optional and not t.optional:
            out[key] = t
    return list(out.values())


def _key(s, p, o) -> tuple:
    return (p, frozenset((s, o))) if p in SYMMETRIC_RELATIONS else (p, s, o)


# ------------------------------------------------------------------ predicted

@dataclass
class _Statement:
    s: URIRef
    p: str
    o: URIRef
    doc: str                       # file name, "" without provenance
    evidence: str
    rule: str


def _statements(g: Graph) -> list[_Statement]:
    """Every relation of the graph with its provenance, one per (assertion
    node, document); plain triples without an assertion node have none."""
    names = {d: str(n) for d, n in g.subject_objects(HKG.fileName)}
    out, covered = [], set()
    for node in g.subjects(RDF.type, RDF.Statement):
        s, p, o = (g.value(node, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        if not (s and p and o and str(p).startswith(str(HKG))):
            continue
        rel = str(p)[len(str(HKG)):]
        covered.add((s, p, o))
        evidence, rule = str(g.value(node, HKG.evidence) or ""), str(g.value(node, HKG.rule) or "")
        docs = [names.get(d, "") for d in g.objects(node, PROV.wasDerivedFrom)] or [""]
        out.extend(_Statement(s, rel, o, d, evidence, rule) for d in docs)
    for rel in RELATIONS:
        for s, o in g.subject_objects(HKG[rel]):
            if (s, HKG[rel], o) not in covered:
                out.append(_Statement(s, rel, o, "", "", ""))
    return out


class _Entities:
    """The graph's entities: label, matchable names, type."""

    def __init__(self, g: Graph) -> None:
        self.g = g
        self.label = {s: str(o) for s, o in g.subject_objects(SKOS.prefLabel)}
        self.names = defaultdict(set)
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for s, o in g.subject_objects(prop):
                self.names[s].add(normalise_name(str(o)))
        self.type = {s: str(o)[len(str(HKG)):] for s, o in g.subject_objects(RDF.type)
                     if str(o).startswith(str(HKG))}

    def name_of(self, node) -> str:
        if type(node) is str:      # a bare name (an organisation only the gold knows)
            return node
        return self.label.get(node) or unquote(str(node).rsplit("/", 1)[-1])

    def names_of(self, node) -> frozenset[str]:
        return frozenset(self.names.get(node) or {normalise_name(self.name_of(node))})

    def parent_map(self, known: Iterable[str] = ()) -> dict:
        """Party body node → node of the organisation it belongs to; the
        prefix fallback tries the graph's organisation names, then ``known``
        names (which map to the bare name)."""
        orgs = [(n, node) for node, t in self.type.items()
                if t not in NOT_ORGANISATIONS and t != "Document" for n in self.names_of(node)]
        orgs = sorted(orgs + [(n, n) for n in known], key=lambda x: -len(x[0]))
        sub = HKG.subOrganizationOf
        return {node: _climb(node, lambda x: sorted(self.g.objects(x, sub)),
                             lambda x: self.type.get(x) == PARTY,
                             normalise_name(self.name_of(node)), orgs)
                for node, t in self.type.items() if t == PARTY}


def _predicted_triples(stmts: list[_Statement], ents: _Entities, mapping: dict | None = None,
                       relations: Iterable[str] | None = None) -> dict[str, list[Triple]]:
    """Document file stem ("" for no provenance) → one Triple per distinct
    triple, with the rules of all its assertion nodes."""
    keep = set(relations) if relations is not None else None
    groups: dict[tuple, list[_Statement]] = defaultdict(list)
    for st in stmts:
        if keep is not None and st.p not in keep:
            continue
        s, o = (mapping or {}).get(st.s, st.s), (mapping or {}).get(st.o, st.o)
        groups[(_stem(st.doc), *_key(s, st.p, o))].append(_Statement(s, st.p, o, st.doc, st.evidence, st.rule))
    out = defaultdict(list)
    for (stem, *_), group in groups.items():
        first = group[0]
        out[stem].append(Triple(
            ents.name_of(first.s), first.p, ents.name_of(first.o),
            ents.names_of(first.s), ents.names_of(first.o), first.doc,
            first.evidence, tuple(sorted({st.rule for st in group if st.rule}))))
    return out


def _stem(name: str) -> str:
    return Path(name).stem if name else ""


# -------------------------------------------------------------------- scoring

def _max_matching(preds: list[Triple], golds: list[Triple]) -> dict[int, int]:
    """Predicted index → gold index, as many pairs as possible (Kuhn)."""
    cands = [[j for j, g in enumerate(golds) if p.matches(g)] for p in preds]
    owner: dict[int, int] = {}

    def place(i: int, seen: set[int]) -> bool:
        for j in cands[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or place(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(preds)):
        place(i, set())
    return {i: j for j, i in owner.items()}


def _score(preds: list[Triple], required: list[Triple], optional: list[Triple]):
    """(true positives, false positives, unmatched required gold)."""
    pairs = _max_matching(preds, required)
    tps = [preds[i] for i in pairs]
    fps = [p for i, p in enumerate(preds)
           if i not in pairs and not any(p.matches(g) for g in optional)]
    taken = set(pairs.values())
    return tps, fps, [g for j, g in enumerate(required) if j not in taken]


def _run(gold_triples: dict[str, list[Triple]], pred_triples: dict[str, list[Triple]]):
    tps, fps, fns, optional = [], [], [], []
    for stem, golds in gold_triples.items():
        req = [g for g in golds if not g.optional]
        opt = [g for g in golds if g.optional]
        optional.extend(opt)
        tp, fp, fn = _score(pred_triples.get(stem, []), req, opt)
        tps += tp
        fps += fp
        fns += fn
    tp, fp, fns = _score(pred_triples.get("", []), fns, optional)   # no provenance: the union
    return tps + tp, fps + fp, fns


def _count(tps, fps, fns, relations: Iterable[str]) -> dict[str, Counts]:
    table = {r: Counts() for r in relations}
    for t in tps:
        table.setdefault(t.p, Counts()).tp += 1
    for t in fps:
        table.setdefault(t.p, Counts()).fp += 1
    for t in fns:
        table.setdefault(t.p, Counts()).fn += 1
    return table


def evaluate(graph: Graph, gold: str | Path | list[GoldDoc]) -> Scores:
    """Score a graph against gold files (a folder, or :func:`load_gold`'s list).

    >>> from kg.graph import build_graph
    >>> from kg.model import Assertion, Document, Entity
    >>> a, b = Entity("甲医院", "Hospital"), Entity("乙医院", "Hospital")
    >>> g = build_graph([Document("x.txt", "")], [a, b], [Assertion(
    ...     a.key, "partnersWith", b.key, "x.txt", "甲医院与乙医院合作", 0, 9, "demo")])
    >>> gold = GoldDoc("x.txt", {"e1": GoldEntity("e1", "乙医院", "Hospital", []),
    ...                          "e2": GoldEntity("e2", "甲医院", "Hospital", [])},
    ...                [{"s": "e1", "p": "partnersWith", "o": "e2"}])
    >>> evaluate(g, [gold]).core
    Counts(tp=1, fp=0, fn=0)
    """
    docs = gold if isinstance(gold, list) else load_gold(gold)
    stems = {_stem(d.doc) for d in docs}
    ents = _Entities(graph)
    stmts = [s for s in _statements(graph) if not s.doc or _stem(s.doc) in stems]

    gold_t = defaultdict(list)
    for d in docs:
        gold_t[_stem(d.doc)] += _gold_triples(d)
    tps, fps, fns = _run(gold_t, _predicted_triples(stmts, ents))

    rules: dict[str, Counts] = defaultdict(Counts)
    for t in tps:
        for r in t.rules or ("(none)",):
            rules[r].tp += 1
    for t in fps:
        for r in t.rules or ("(none)",):
            rules[r].fp += 1

    loose_gold = defaultdict(list)
    for d in docs:
        loose_gold[_stem(d.doc)] += _gold_triples(d, _gold_parent_map(d), CORE_RELATIONS)
    gold_orgs = {n for d in docs for e in d.entities.values()
                 if e.type not in NOT_ORGANISATIONS for n in e.names}
    loose = _run(loose_gold, _predicted_triples(stmts, ents, ents.parent_map(gold_orgs),
                                                CORE_RELATIONS))

    return Scores(_count(tps, fps, fns, RELATIONS), _count(*loose, CORE_RELATIONS), dict(rules),
                  sorted(fps, key=_order), sorted(fns, key=_order))


def _order(t: Triple) -> tuple:
    return (t.doc, t.p, t.s, t.o)


def load_graph(spec: str | Path) -> Graph:
    """The graph to score, in any form :func:`kg.graphio.open_graph` reads."""
    from kg.graphio import OXIGRAPH, GraphError, open_graph

    if not str(spec).startswith(OXIGRAPH) and not Path(spec).is_file():
        raise EvalError(f"graph file not found: {spec}")
    try:
        return open_graph(spec)
    except GraphError as exc:
        raise EvalError(f"cannot read the graph: {exc}") from exc


def graph_of_inputs(inputs: Iterable[str | Path]) -> Graph:
    """Build the graph of articles in memory (``kg build`` without writing)."""
    from kg.graph import build_graph
    from kg.pipeline import build

    result = build(list(inputs))
    return build_graph(result.docs, result.entities, result.assertions)


# --------------------------------------------------------------------- report

def format_scores(scores: Scores, verbose: bool = False) -> str:
    """The text report of ``kg eval``: a table per relation and totals; with
    ``verbose`` every FP and FN with its evidence, and precision per rule."""
    def row(name: str, c: Counts) -> str:
        if not (c.tp or c.fp or c.fn):      # nothing to score: not a score of 0
            return f"{name:<20}{0:>5}{0:>5}{0:>5}{'n/a':>8}{'n/a':>8}{'n/a':>8}"
        return (f"{name:<20}{c.tp:>5}{c.fp:>5}{c.fn:>5}"
                f"{c.precision:>8.3f}{c.recall:>8.3f}{c.f1:>8.3f}")

    lines = [f"{'relation':<20}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}"]
    lines += [row(r, c) for r, c in scores.relations.items()]
    lines += ["", row("core", scores.core), row("extended", scores.extended),
              row("core (loose)", scores.loose_core)]
    if verbose:
        lines += ["", f"false positives ({len(scores.false_positives)}):"]
        for t in scores.false_positives:
            lines.append(f"  FP [{', '.join(t.rules) or '-'}] {t} ({t.doc or 'no provenance'})")
            lines.append(f"     {t.evidence}")
        lines += ["", f"false negatives ({len(scores.false_negatives)}):"]
        for t in scores.false_negatives:
            lines.append(f"  FN {t} ({t.doc})")
            lines.append(f"     {t.evidence}")
        lines += ["", f"{'rule':<32}{'tp':>5}{'fp':>5}{'P':>8}"]
        for rule, c in sorted(scores.rules.items(), key=lambda x: (x[1].precision, x[0])):
            lines.append(f"{rule:<32}{c.tp:>5}{c.fp:>5}{c.precision:>8.3f}")
    return "\n".join(lines)


def format_json(scores: Scores, verbose: bool = False) -> str:
    data = scores.as_dict()
    if verbose:
        def d(t: Triple) -> dict:
            return {"s": t.s, "p": t.p, "o": t.o, "doc": t.doc, "evidence": t.evidence,
                    "rules": list(t.rules)}
        data["false_positives"] = [d(t) for t in scores.false_positives]
        data["false_negatives"] = [d(t) for t in scores.false_negatives]
    return json.dumps(data, ensure_ascii=False, indent=2)


GRAPH_SUFFIXES = (".ttl", ".nt", ".trig", ".jsonld", ".nq")


def command(args) -> int:
    """``kg eval GOLD_DIR (--graph FILE | INPUT ...)``: 0 on success, 2 with a
    one-line error when the gold or the graph cannot be read."""
    import sys

    if args.cv is not None:
        return _cross_validate(args)
    try:
        if args.graph and args.inputs:
            raise EvalError("give either --graph or INPUT files, not both")
        if len(args.inputs) == 1 and Path(args.inputs[0]).suffix in GRAPH_SUFFIXES:
            args.graph, args.inputs = args.inputs[0], []     # kg eval gold/ outputs/graph.ttl: a graph, not an article
        gold = load_gold(args.gold)
        graph = graph_of_inputs(args.inputs) if args.inputs else load_graph(args.graph or DEFAULT_GRAPH)
    except EvalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    scores = evaluate(graph, gold)
    print(format_json(scores, args.verbose) if args.json else format_scores(scores, args.verbose))
    return 0


def _cross_validate(args) -> int:
    import sys

    from kg.train import cross_validate, load_annotated

    try:
        if args.graph:
            raise EvalError("--cv builds its own graphs: give INPUT folders, not --graph")
        if len(args.inputs) > 1:
            raise EvalError("--cv reads the articles from one folder")
        items = load_annotated([args.gold], args.inputs[0] if args.inputs else None)
        scores = cross_validate(items, args.cv,
                                progress=lambda line: print(line, file=sys.stderr, flush=True),
                                relation_model=args.relation_model)
    except EvalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(format_json(scores, args.verbose) if args.json else format_scores(scores, args.verbose))
    return 0
