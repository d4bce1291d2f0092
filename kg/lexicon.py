"""jieba set up for this domain: a user dictionary of institution suffixes,
party bodies and triggers, and the part-of-speech tags of jieba's own
dictionary read once, so that tagging costs a dict lookup per token instead
of ``jieba.posseg`` with HMM (~40× slower than ``jieba.cut``).
"""
from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from functools import lru_cache

import jieba

from kg import rules


@dataclass(frozen=True)
class Token:
    word: str
    start: int
    end: int
    tag: str


@lru_cache(maxsize=1)
def _tokenizer() -> tuple[jieba.Tokenizer, dict[str, str]]:
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tags: dict[str, str] = {}
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    # Domain words keep jieba from splitting suffixes and triggers apart.
    domain = {suffix: "n" for suffix, _, _ in rules.ORG_SUFFIXES}
    domain.update({s: "n" for s in rules.PARTY_SUFFIXES})
    domain.update({w: "v" for w in rules.AWARD_TRIGGERS + rules.PARTNER_TRIGGERS
                   + rules.COBUILD_TRIGGERS + rules.MEMBER_FOUNDING if len(w) > 1})
    domain.update({w: "v" for w, _ in rules.SUPPORT_TRIGGERS})
    domain.update({w: "nr" for w in rules.ROLE_TITLES})
    domain.update({w: "v" for w in rules.STOP_WORDS if len(w) > 1 and w not in tags})
    places = {w for w in _places(tags, tk) if w not in domain}
    for word, tag in domain.items():
        tk.add_word(word, freq=None, tag=tag)
        tags.setdefault(word, tag)
    for word in places:       # a fixed frequency: suggest_freq per name would cost seconds
        tk.add_word(word, freq=max(tk.FREQ.get(word) or 0, _PLACE_FREQ), tag="ns")
        tags[word] = "ns"
    # Dictionary words that glue an institution suffix to what follows
    # (医院院长, 医院管理) would hide where a name ends: split them.
    tk.check_initialized()
    heads = tuple(s for s, _, _ in rules.ORG_SUFFIXES if len(s) > 1)
    parties = tuple(rules.PARTY_SUFFIXES)
    for word in [w for w, f in tk.FREQ.items() if f and len(w) > 2 and
                 (w.startswith(heads) or (w.endswith(parties) and w not in parties))]:
        if word not in domain:
            tk.del_word(word)
    return tk, tags


PLACES_FILE = os.path.join(os.path.dirname(__file__), "data", "places.txt")
_PLACE_SUFFIX = re.compile(r"(?:省|市|县|区|自治州|自治县|自治区|自治旗|盟|旗|特别行政区)$")
# A place's name without its level (包头 of 包头市) is read as a place unless
# jieba knows it as a common word of another kind (合作, 前进, 东方).
_RARE_WORD = 300
_PLACE_FREQ = 1000
_NOUN_TAGS = ("n", "ns", "nr", "nz", "nt", "nrt", "nrfg")


def _places(tags: dict[str, str], tk: jieba.Tokenizer) -> set[str]:
    with open(PLACES_FILE, encoding="utf-8") as f:
        names = {line.strip() for line in f if line.strip() and not line.startswith("#")}
    tk.check_initialized()
    out = set(names)
    for name in names:
        stem = _PLACE_SUFFIX.sub("", name)
        if len(stem) < 2 or stem == name or stem in rules.STOP_WORDS:
            continue
        if stem not in tags or (tags[stem] not in _NOUN_TAGS and (tk.FREQ.get(stem) or 0) < _RARE_WORD):
            out.add(stem)
    return out


@lru_cache(maxsize=2048)
def tokenize(text: str) -> tuple[Token, ...]:
    """Tokens of ``text`` with offsets and dictionary tags (``?`` when unknown).

    Cached: the grammar, the tagger and the relation model all read the
    tokens of the same sentence.

    >>> [t.word for t in tokenize("托管乙县人民医院")]
    ['托管', '乙', '县', '人民医院']
    """
    tk, tags = _tokenizer()
    out, pos = [], 0
    for word in tk.cut(text, HMM=False):
        out.append(Token(word, pos, pos + len(word), tags.get(word, "?")))
        pos += len(word)
    return tuple(out)


def is_word(text: str, min_freq: int = 1) -> bool:
    """Whether ``text`` is a word of the dictionary (seen ``min_freq`` times)."""
    tk, _ = _tokenizer()
    tk.check_initialized()
    return (tk.FREQ.get(text) or 0) >= min_freq


def is_name_word(text: str) -> bool:
    """A dictionary word tagged as a person name (or not in the dictionary)."""
    return _tokenizer()[1].get(text, "nr").startswith("nr")
