"""A character CRF for mention boundaries and types (python-crfsuite).

The grammar of :mod:`kg.mentions` knows how names are built; the tagger learns
from annotated articles where they start and end in real text. Its features
are the character and its neighbours, the jieba token it sits in (position,
dictionary tag), the grammar's own mentions, the suffix and title tables and
the quotes and award words around it, so the rules steer the model and the
model learns where they fail.

Labels are BIO over the entity types (``B-Hospital``, ``I-Person`` …), one
per character of a sentence. Training data comes from gold files: every
canonical name and alias of a gold entity is found in the normalised text
(longest first) and labelled (:func:`gold_spans`).

>>> from kg.model import Sentence
>>> s = Sentence("d", 0, 0, 9, "甲市人民医院获评先进")
>>> [f for f in char_features(s.text, [])[2] if f.startswith(("c=", "sx="))]
['c=人', 'sx=I-Hospital']
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from kg import rules
from kg.lexicon import tokenize
from kg.model import Mention

__all__ = ["Tagger", "char_features", "gold_spans", "labels_of", "spans_of", "train_tagger"]

Span = tuple[int, int, str]          # start, end (sentence offsets), entity type

_SUFFIX = re.compile("(?=(" + "|".join(sorted({re.escape(s) for s, _, _ in rules.ORG_SUFFIXES}
                                               | {re.escape(s) for s in rules.PARTY_SUFFIXES},
                                               key=len, reverse=True)) + "))")
_SUFFIX_TYPE = {s: t for s, t, _ in rules.ORG_SUFFIXES} | {s: "PartyOrganization" for s in rules.PARTY_SUFFIXES}
_TITLE = re.compile("|".join(rules.ROLE_TITLES))
_AWARD = re.compile("|".join(sorted(rules.AWARD_TRIGGERS, key=len, reverse=True)))
_HONOUR_TAIL = re.compile("|".join(rules.HONOUR_TAILS))
_OPEN, _CLOSE = "“「『\"《", "”」』\"》"
# How far the title and award features look (characters).
TITLE_REACH = 3
AWARD_REACH = 30


def _kind(ch: str) -> str:
    if "\u4e00" <= ch <= "\u9fff":
        return "han"
    if ch.isdigit():
        return "digit"
    if ch.isascii() and ch.isalpha():
        return "latin"
    return "punct" if not ch.isspace() else "space"


def char_features(text: str, hints: Iterable[Span]) -> list[list[str]]:
    """The feature strings of every character of a sentence.

    ``hints`` are the grammar's mentions (sentence offsets, type).

    >>> char_features("院长王小明", [(2, 5, "Person")])[2][:3]
    ['c=王', 'k=han', 'c-1=长']
    """
    n = len(text)
    tok_pos, tok_tag, tok_word = [""] * n, [""] * n, [""] * n
    for t in tokenize(text):
        size = t.end - t.start
        for i in range(t.start, t.end):
            tok_pos[i] = "S" if size == 1 else "B" if i == t.start else "E" if i == t.end - 1 else "M"
            tok_tag[i] = t.tag
            tok_word[i] = t.word if 2 <= size <= 4 else ""
    hint = [""] * n
    for a, b, type_ in hints:
        for i in range(max(a, 0), min(b, n)):
            hint[i] = ("B-" if i == a else "I-") + type_
    suffix = [""] * n
    for m in _SUFFIX.finditer(text):
        word = m.group(1)
        a, b = m.start(), m.start() + len(word)
        for i in range(a, b):
            if not suffix[i]:
                suffix[i] = ("E-" if i == b - 1 else "I-") + _SUFFIX_TYPE[word]
    titles = list(_TITLE.finditer(text))
    title_ends, title_starts = {m.end() for m in titles}, {m.start() for m in titles}
    after_award = [False] * n
    for m in _AWARD.finditer(text):
        for i in range(m.end(), min(m.end() + AWARD_REACH, n)):
            after_award[i] = True
    tails = {m.start() for m in _HONOUR_TAIL.finditer(text)}
    quote_depth, inside = 0, [False] * n
    for i, ch in enumerate(text):
        if ch in _CLOSE and quote_depth:
            quote_depth -= 1
        inside[i] = quote_depth > 0
        if ch in _OPEN and ch not in _CLOSE:
            quote_depth += 1
        elif ch == '"':
            quote_depth = 0 if quote_depth else 1

    padded = "^^" + text + "$$"          # padded[i + 2] is text[i]
    out = []
    for i, ch in enumerate(text):
        c1, c2, c3, c4 = padded[i], padded[i + 1], padded[i + 3], padded[i + 4]
        f = [f"c={ch}", f"k={_kind(ch)}", f"c-1={c2}", f"c+1={c3}", f"c-2={c1}", f"c+2={c4}",
             f"b-={c2}{ch}", f"b+={ch}{c3}", f"tp={tok_pos[i]}", f"tg={tok_tag[i]}",
             f"tpg={tok_pos[i]}{tok_tag[i]}"]
        if tok_word[i]:
            f.append(f"tw={tok_word[i]}")
        if hint[i]:
            f.append(f"h={hint[i]}")
        if suffix[i]:
            f.append(f"sx={suffix[i]}")
        if titles:
            for d in range(1, TITLE_REACH + 1):
                if i - d + 1 in title_ends:
                    f.append(f"after-title={d}")
                if i + d in title_starts:
                    f.append(f"before-title={d}")
        if ch in rules.SURNAMES:
            f.append("surname")
        if inside[i]:
            f.append("quoted")
        if after_award[i]:
            f.append("after-award")
        if i + 1 in tails:
            f.append("before-honour-tail")
        out.append(f)
    return out


def gold_spans(text: str, names: Iterable[tuple[str, str]]) -> list[Span]:
    """Where the gold ``(name, type)`` pairs are written in ``text``:
    longest names first, no overlaps.

    >>> gold_spans("甲市医院与甲市医院党委", [("甲市医院", "Hospital"), ("甲市医院党委", "PartyOrganization")])
    [(0, 4, 'Hospital'), (5, 11, 'PartyOrganization')]
    """
    taken = [False] * len(text)
    out = []
    for name, type_ in sorted(set(names), key=lambda x: (-len(x[0]), x)):
        if len(name) < 2:
            continue
        for m in re.finditer(re.escape(name), text):
            a, b = m.span()
            if not any(taken[a:b]):
                taken[a:b] = [True] * (b - a)
                out.append((a, b, type_))
    return sorted(out)


def labels_of(n: int, spans: Iterable[Span]) -> list[str]:
    """BIO labels of a sentence of length ``n``.

    >>> labels_of(4, [(1, 3, "Person")])
    ['O', 'B-Person', 'I-Person', 'O']
    """
    out = ["O"] * n
    for a, b, type_ in spans:
        out[a] = "B-" + type_
        for i in range(a + 1, b):
            out[i] = "I-" + type_
    return out


def spans_of(labels: list[str]) -> list[Span]:
    """The spans a BIO label sequence marks (an ``I-`` without its ``B-``
    starts a span).

    >>> spans_of(["O", "B-Person", "I-Person", "I-Hospital"])
    [(1, 3, 'Person'), (3, 4, 'Hospital')]
    """
    out, start, type_ = [], None, None
    for i, lab in enumerate(labels + ["O"]):
        kind, _, t = lab.partition("-")
        if start is not None and (kind != "I" or t != type_):
            out.append((start, i, type_))
            start = None
        if kind == "B" or (kind == "I" and start is None):
            start, type_ = i, t
    return out


def train_tagger(examples: Iterable[tuple[list[list[str]], list[str]]], path: str | Path,
                 max_iterations: int = 150) -> Path:
    """Train a CRF on (features, labels) sentences and write it to ``path``.

    L-BFGS with fixed settings: the same examples give the same model file.
    """
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in examples:
        trainer.append(xseq, yseq)
    trainer.set_params({"c1": 0.05, "c2": 0.01, "max_iterations": max_iterations,
                        "feature.possible_transitions": True})
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return path


class Tagger:
    """A trained CRF: ``Tagger(path).spans(text, hints)`` → typed spans.

    Spans come with the model's marginal probability of their first label,
    so callers can keep only the confident ones.
    """

    def __init__(self, path: str | Path) -> None:
        import pycrfsuite

        self.path = Path(path)
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(self.path))

    def spans(self, text: str, hints: Iterable[Span]) -> list[tuple[int, int, str, float]]:
        if not text:
            return []
        labels = self._tagger.tag(char_features(text, hints))
        out = []
        for a, b, type_ in spans_of(labels):
            p = min(self._tagger.marginal(labels[i], i) for i in range(a, b))
            out.append((a, b, type_, p))
        return out


def hints_of(mentions: Iterable[Mention], offset: int) -> list[Span]:
    """Grammar mentions as sentence-relative hint spans."""
    return [(m.start - offset, m.end - offset, m.type) for m in mentions]


@lru_cache(maxsize=4)
def load_tagger(path: str) -> Tagger:
    return Tagger(path)
