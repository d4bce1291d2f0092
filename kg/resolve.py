"""Stage 5: mentions → entities. Every mention is resolved to one entity.

* The article's **subject hospital** is the hospital named most (the title
  counts three times); bare 医院 / 我院 / 该院 mentions resolve to it.
* **Short forms** join their full name when the article writes both: a
  suffix (丁州医院 ⊂ 丙州大学附属丁州医院), an abbreviation whose characters
  appear in order with the same ordinal (乙江二院 ~ 甲省大学乙江第二医院,
  市一医院 ~ 甲州市第一人民医院), a dropped 人民/市 (乙县医院), a 简称
  definition, a former name (X划转成为Y), or the table of well-known short
  names in ``kg/data/abbreviations.tsv``.
* **Party bodies** are named after the canonical name of the organisation
  they sit in: 院党委 → <subject>党委.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from kg import rules
from kg.mentions import org_type
from kg.model import Assertion, Document, Entity, Mention, Sentence

ORG_TYPES = ("Hospital", "University", "Alliance", "GovernmentBody", "Organization")
_ORDINAL_AT_END = re.compile(r"第?([一二三四五六七八九十]+)(?:人民|附属|中心)?(?:医院|院|附院)$")
_PLACE_WORDS = re.compile(r"(?<=[\u4e00-\u9fff])[省市县区]")


@dataclass
class Resolution:
    doc: Document
    subject: Entity | None = None
    entities: dict[tuple[str, str], Entity] = field(default_factory=dict)
    by_sentence: dict[int, list[tuple[Mention, tuple[str, str]]]] = field(default_factory=dict)
    canonical: dict[tuple[str, str], str] = field(default_factory=dict)   # (type, written) → canonical
    named: dict[str, set[str]] = field(default_factory=dict)   # type → canonical names written in full

    def entity(self, type_: str, name: str, alias: str = "") -> tuple[str, str]:
        """The key of the entity (type, canonical name), created if new."""
        name = self.canonical.get((type_, name), name)
        key = (type_, name)
        e = self.entities.setdefault(key, Entity(name, type_, docs={self.doc.name}))
        if alias and alias != name:
            e.aliases.add(alias)
        return key

    def mentions(self, sentence: int) -> list[tuple[Mention, tuple[str, str]]]:
        return self.by_sentence.get(sentence, [])

    def used_entities(self, assertions: list[Assertion]) -> list[Entity]:
        used = {a.subject for a in assertions} | {a.object for a in assertions}
        return [e for k, e in self.entities.items() if k in used]


def resolve(doc: Document, sentences: list[Sentence], mentions: list[Mention]) -> Resolution:
    """Every mention resolved to an entity. The mentions given are not
    changed: ``by_sentence`` holds resolved copies (names without 中共, a
    bare 集团's parent named).

    >>> from kg.mentions import find_mentions
    >>> from kg.sentences import split_sentences
    >>> doc = Document("a.txt", "甲市人民医院与乙县人民医院签约。我院院长王小明出席。")
    >>> sentences = split_sentences(doc)
    >>> r = resolve(doc, sentences, find_mentions(doc, sentences))
    >>> r.subject.name, [key for _, key in r.mentions(1)]
    ('甲市人民医院', [('Hospital', '甲市人民医院'), ('Person', '王小明')])
    """
    r = Resolution(doc)
    mentions = [replace(m, name=strip_party_prefix(m.name)) if _names_org(m) else m for m in mentions]
    org_mentions = [m for m in mentions if _names_org(m)]
    _group_short_forms(r, doc, sentences, org_mentions,
                       [m for m in mentions if m.type == "PartyOrganization"])
    parents = [Mention(m.parent, org_type(m.parent), m.start, m.end, m.sentence, "party-parent",
                       name=strip_party_prefix(m.parent))
               for m in mentions if m.type == "PartyOrganization" and m.parent]
    for m in org_mentions + parents:
        r.named.setdefault(m.type, set()).add(r.canonical.get((m.type, m.name), m.name))
    r.subject = _subject_hospital(r, doc, sorted(org_mentions + parents, key=lambda m: m.start),
                                  _visitors(doc, mentions))
    _subject_is(r, doc, org_mentions)
    written = {r.canonical.get((m.type, m.name), m.name) for m in org_mentions}
    for m in mentions:
        if m.rule == "person-government" and not m.in_bare:
            forms = (r.canonical.get(("GovernmentBody", m.parent), m.parent), m.parent.replace("人民政府", "政府"))
            # 乙区人民政府 written, or 乙区政府, or 甲市乙区人民政府
            named = [p for p in forms if p in written] or sorted(w for w in written if w.endswith(forms))
            if not named:
                continue      # the government is not named in the article: nothing is guessed
            m = replace(m, parent=named[0])
        resolved = _resolve_mention(r, m)
        if resolved is not None:
            r.by_sentence.setdefault(m.sentence, []).append(resolved)
    return r


def _names_org(m: Mention) -> bool:
    """Does ``m`` write an institution's name (not 我院, not a bare 集团)?"""
    return m.type in ORG_TYPES and not m.subject and not m.bare


def strip_party_prefix(name: str) -> str:
    """中共甲市人民医院 → 甲市人民医院 (the party's own prefix is not part of the name)."""
    for p in rules.PARTY_PREFIX_NOISE:
        if name.startswith(p) and len(name) > len(p) + 2:
            return name[len(p):]
    return name


def _resolve_mention(r: Resolution, m: Mention) -> tuple[Mention, tuple[str, str]] | None:
    """(the mention as resolved, the key of its entity), or None."""
    if m.in_bare:       # 集团董事长王五, (卫生院的)党支部
        key = _bare_reference(r, m.in_bare)
        if key is None:
            return None
        parent = key[1] + m.parent
        name = parent + m.name[len(m.parent):] if m.type == "PartyOrganization" else m.name
        m = replace(m, name=name, parent=parent, in_bare="")
    key = _entity_of(r, m)
    return (m, key) if key is not None else None


def _entity_of(r: Resolution, m: Mention) -> tuple[str, str] | None:
    if m.type == "PartyOrganization":
        parent = strip_party_prefix(m.parent)
        local = m.name[len(m.parent):]
        if m.parent_is_subject:
            if r.subject is None:
                return None
            parent_name = r.subject.name
        else:
            parent_name = _canonical_org(r, parent)
        return r.entity("PartyOrganization", parent_name + local, alias=strip_party_prefix(m.text))
    if m.subject:
        return r.subject.key if r.subject else None
    if m.parent_is_subject and m.type in ORG_TYPES:      # 我院心血管专科联盟: the subject's own alliance
        return r.entity(m.type, r.subject.name + m.name) if r.subject else None
    if m.bare:
        return _bare_reference(r, m.bare)
    if m.type in ORG_TYPES:
        return r.entity(m.type, m.name, alias=m.text)
    return r.entity(m.type, m.name)


def _bare_reference(r: Resolution, word: str) -> tuple[str, str] | None:
    """集团 / 联盟 / 卫生院 / 县人民医院 written bare: the article's one institution whose name ends so."""
    if word == rules.SCHOOL:
        type_, names = "University", set(r.named.get("University", ()))
        root = min(names, key=len, default="")
        if root and all(n.startswith(root) for n in names):
            # 乙大学 and its 乙大学丙临床医学院, or the school alone: 我校 is 乙大学
            names = {root[:root.index("大学") + 2] if "大学" in root[:-2] else root}
    elif word not in rules.BARE_REFERENCE_WORDS:      # 县人民医院, 市人民政府: a level and a kind
        type_ = org_type(word)
        # 甲市人民政府 is also written 甲市政府, and the other way round
        ends = (word, word.replace("人民政府", "政府"), word if "人民政府" in word else word.replace("政府", "人民政府"))
        names = {n for n in r.named.get(type_, ()) if n.endswith(ends) and n not in ends}
        if len(names) != 1 and type_ == "Hospital":
            # 县中医院 for 乙县中医医院, or two such: the article's own, as a bare 医院
            return r.subject.key if r.subject else None
        if len(names) != 1 and type_ == "GovernmentBody" and not word.endswith("人民政府"):
            return r.entity(type_, word)      # 县卫健委 written, no 乙县卫健委 named: as written
            # (市人民政府 is never written bare: it stands for the 市长 of an unnamed city)
    else:
        type_ = rules.BARE_REFERENCE_WORDS[word]
        names = {n for n in r.named.get(type_, ()) if n.endswith(word) and n != word}
    if len(names) != 1:
        return None
    return r.entity(type_, names.pop())


def _canonical_org(r: Resolution, written: str) -> str:
    for t in ORG_TYPES:
        if (t, written) in r.canonical:
            return r.canonical[(t, written)]
    return written


_VISITS_US = re.compile(r"[^,。;;]{0,12}?(?:到|来到|赴|莅临|走进|来)(?:我院|本院)")


def _visitors(doc: Document, mentions: list[Mention]) -> set[int]:
    """Starts of hospitals written as visiting 我院 (乙院专家到我院交流): someone else."""
    return {m.start for m in mentions if m.type == "Hospital" and not m.subject
            and _VISITS_US.match(doc.text, m.end)}


def _subject_hospital(r: Resolution, doc: Document, ms: list[Mention], visitors: set[int] = frozenset()
                      ) -> Entity | None:
    """The hospital the article is about: the one its title and sentences name
    most; a hospital written after 与 or visiting 我院 (``visitors``) is
    someone else there and does not count."""
    score: Counter[str] = Counter()
    title = doc.title
    for m in ms:
        if m.type == "Hospital" and m.rule not in ("name-branch", "name-clinic", "crf"):   # the tagger's guesses do not vote
            name = r.canonical.get(("Hospital", m.name), m.name)
            # A hospital written right after 与/同 is the partner, not the narrator.
            before = doc.text[max(0, m.start - 1):m.start]
            score[name] += 0 if before in ("与", "同", "和") or m.start in visitors else 1
    forms = _written_forms(r, "Hospital")
    for name in list(score):
        score[name] += 3 * sum(title.count(a) for a in forms.get(name, set()) | {name})
    if not score:
        return None
    first = {}
    for i, m in enumerate(ms):
        first.setdefault(r.canonical.get((m.type, m.name), m.name), i)
    best = max(score, key=lambda n: (score[n], -first.get(n, 0)))
    return r.entities[r.entity("Hospital", best)]


def _subject_is(r: Resolution, doc: Document, ms: list[Mention]) -> None:
    """系X附属精神卫生中心 with no subject before it: X is another name of the
    subject hospital."""
    if r.subject is None:
        return
    for m in ms:
        before = doc.text[max(0, m.start - 2):m.start]
        opens_clause = len(before) < 2 or before[0] in "\n,;。"
        if m.type == "Hospital" and before.endswith("系") and opens_clause \
                and (m.type, m.name) not in r.canonical:
            r.canonical[(m.type, m.name)] = r.subject.name
            r.subject.aliases.add(m.name)


def _written_forms(r: Resolution, type_: str) -> dict[str, set[str]]:
    """canonical name → the other ways the article writes it (one pass, not one a name)."""
    forms: dict[str, set[str]] = {}
    for (t, written), canonical in r.canonical.items():
        if t == type_:
            forms.setdefault(canonical, set()).add(written)
    return forms


# ── short forms ──

def _group_short_forms(r: Resolution, doc: Document, sentences: list[Sentence],
                       ms: list[Mention], parties: list[Mention]) -> None:
    names_by_type: dict[str, set[str]] = {}
    for m in ms:
        names_by_type.setdefault(m.type, set()).add(m.name)
    for m in parties:      # 乙江二院7个党支部: the institution inside a party body's name
        if m.parent:
            parent = strip_party_prefix(m.parent)
            names_by_type.setdefault(org_type(parent), set()).add(parent)
    explicit = _explicit_aliases(doc, sentences, ms)
    # 简称 definitions, former names and 系X first: they are said, not guessed.
    for short, full in explicit.items():
        for type_ in ORG_TYPES:
            if short in names_by_type.get(type_, ()) and full in names_by_type.get(type_, ()):
                r.canonical[(type_, short)] = r.canonical.get((type_, full), full)
                r.entity(type_, r.canonical[(type_, short)], alias=short)
    for type_, names in names_by_type.items():
        index = _NameIndex(names)
        # Longest first, so that a middle form (乙江第二医院) already points at
        # the full name when a shorter one (乙江二院) looks for its full name.
        for short in sorted(names, key=len, reverse=True):
            if (type_, short) in r.canonical:
                continue
            fulls = [f for f in index.candidates(short) if len(f) > len(short)
                     and is_short_form(short, f)]
            fulls = {r.canonical.get((type_, f), f) for f in fulls}
            if len(fulls) == 1:
                full = fulls.pop()
                r.canonical[(type_, short)] = full
                r.entity(type_, full, alias=short)


class _NameIndex:
    """The names of one type, indexed by the ordered pairs of characters they
    hold (乙…院: 乙 somewhere before 院), so that a short form is compared
    only with the names that could be its full name instead of with every
    name (quadratic in a long document).

    Every way :func:`is_short_form` can say yes needs the short form to be a
    subsequence of the full name (or, after a :data:`rules.SHORT_PREFIXES`
    prefix, a suffix of it), so the full name holds each ordered pair of the
    short form's characters; the table of well-known short names is looked
    up directly. So :meth:`candidates` misses no full name.

    >>> sorted(_NameIndex(["乙江二院", "甲省大学乙江第二医院", "丙州医院", "江乙二院医"]).candidates("乙江二院"))
    ['甲省大学乙江第二医院']
    """

    def __init__(self, names) -> None:
        self.names = frozenset(names)
        self.by_pair: dict[tuple[str, str], set[str]] = {}
        self.by_char: dict[str, set[str]] = {}
        for name in self.names:
            for c in set(name):
                self.by_char.setdefault(c, set()).add(name)
            for pair in _ordered_pairs(name):
                self.by_pair.setdefault(pair, set()).add(name)

    def holding(self, chars: str) -> set[str]:
        """A superset of the names that hold ``chars`` in order: those with
        its rarest ordered pair of characters."""
        if len(chars) < 2:
            return set(self.by_char.get(chars, ())) if chars else set(self.names)
        return set(min((self.by_pair.get(p, set()) for p in _ordered_pairs(chars)), key=len))

    def candidates(self, short: str) -> set[str]:
        """The names ``short`` may be a short form of (a superset), without ``short``."""
        if len(short) < 3 or short in rules.SUBJECT_REFERENCES:
            return set()
        found = self.holding(short)
        for short_prefix, _ in rules.SHORT_PREFIXES:
            if short.startswith(short_prefix):
                found |= self.holding(short[len(short_prefix):])
        found |= _table_fulls().get(short, frozenset()) & self.names
        found.discard(short)
        return found


def _ordered_pairs(text: str) -> set[tuple[str, str]]:
    return {(a, b) for i, a in enumerate(text) for b in text[i + 1:]}


def is_short_form(short: str, full: str) -> bool:
    """Is ``short`` a short form of ``full``?

    >>> is_short_form("乙江二院", "甲省大学乙江第二医院"), is_short_form("乙江医院", "甲省大学乙江第二医院")
    (True, False)
    >>> is_short_form("市一医院", "甲州市第一人民医院"), is_short_form("乙县医院", "乙县人民医院")
    (True, True)
    >>> is_short_form("甲市中医院", "甲市中心医院")
    False
    """
    if len(short) < 3 or short in rules.SUBJECT_REFERENCES:
        return False
    if (short, full) in _table() or _table_full(short) == full:
        return True
    if short.endswith("荣总") and full.endswith("荣民总医院"):
        return short[:-2] == full[:-5]        # 甲中荣总 = 甲中荣民总医院 (Taiwan)
    for short_prefix, full_prefix in rules.SHORT_PREFIXES:    # 部立X医院 = <ministry>X医院
        if short.startswith(short_prefix) and full.startswith(full_prefix):
            return full.endswith(short[len(short_prefix):])
    if short.endswith("医大") and full.endswith("大学"):
        short += "学"          # 甲州医大 ~ 甲州医科大学, 甲州医事科技大学
        return _is_subsequence(short, full) and short[:2] == full[:2]
    if short[-1] != full[-1]:
        return False
    if any(w in short and w not in full for w in rules.KIND_WORDS):
        return False
    if _ordinal(short) != _ordinal(full):
        return False
    if full.endswith(short):
        return len(short) >= 4 or bool(_ordinal(short))
    if short in full:
        return False        # 甲市医院 inside 甲市医院医疗集团乙医院 names the group's owner, not a short form
    if full.replace("人民", "") == short or _PLACE_WORDS.sub("", full) == short:
        return True
    return _is_subsequence(short, full) and short[0] in full[: max(1, len(full) - len(short) + 1)]


def _ordinal(name: str) -> str:
    m = _ORDINAL_AT_END.search(name)
    return m.group(1) if m else ""


def _is_subsequence(short: str, full: str) -> bool:
    it = iter(full)
    return all(c in it for c in short)


@lru_cache(maxsize=1)
def _table() -> frozenset[tuple[str, str]]:
    text = (Path(__file__).parent / "data" / "abbreviations.tsv").read_text(encoding="utf-8")
    pairs = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return frozenset((a.strip(), b.strip()) for a, b in pairs)


def _table_full(short: str) -> str:
    return _first_table_full().get(short, "")


@lru_cache(maxsize=1)
def _first_table_full() -> dict[str, str]:
    # the first full name of each short one in the table's order, as a scan finds it
    first: dict[str, str] = {}
    for short, full in _table():
        first.setdefault(short, full)
    return first


@lru_cache(maxsize=1)
def _table_fulls() -> dict[str, frozenset[str]]:
    fulls: dict[str, set[str]] = {}
    for short, full in _table():
        fulls.setdefault(short, set()).add(full)
    return {short: frozenset(f) for short, f in fulls.items()}


_DEFINITIONS = (
    ("alias-jiancheng", re.compile(r"[((]\s*(?:以下)?简称[::]?\s*[“「\"]?([^)”」\"]{2,12})[”」\"]?\s*[))]")),
    ("alias-yixiajiancheng", re.compile(r"以下简称[::]?\s*[“「\"]?([^,。)”」\"]{2,12})")),
)
# A(B), A(又名B): B written right after A's name is another name of A.
_PAREN_ALIAS = re.compile(r"[((]\s*(?:以下)?(?:简称|又名|原名|又称|即)?[::]?\s*[“「\"]?"
                          r"([\u4e00-\u9fffA-Za-z]{2,12}?)[”」\"]?\s*[))]")
# 甲院更名为乙院: the old name before, the new one after
_RENAMED = re.compile(r"划转成为|划转为|更名为|改名为")


def _explicit_aliases(doc: Document, sentences: list[Sentence], ms: list[Mention]) -> dict[str, str]:
    """short → full from 简称 definitions, former names and 系X (the subject is X)."""
    out: dict[str, str] = {}
    by_sentence: dict[int, list[Mention]] = {}
    for m in ms:
        by_sentence.setdefault(m.sentence, []).append(m)
    for s in sentences:
        here = sorted(by_sentence.get(s.index, []), key=lambda m: m.start)
        for _, pattern in _DEFINITIONS:
            for d in pattern.finditer(s.text):
                before = [m for m in here if m.end - s.start <= d.start()]
                if before:
                    out[d.group(1).strip()] = before[-1].name
        for m in here:
            d = _PAREN_ALIAS.match(s.text, m.end - s.start)
            if d and m.name != d.group(1):
                out.setdefault(d.group(1).strip(), m.name)
        for f in _RENAMED.finditer(s.text):
            old = [m for m in here if m.end - s.start <= f.start()]
            new = [m for m in here if m.start - s.start >= f.end()]
            if old and new and old[-1].type == new[0].type:
                out[old[-1].name] = new[0].name
    return out


def merge_entities(results) -> tuple[list[Entity], list[Assertion]]:
    """Merge the per-document entities of a build: the same (type, canonical
    name) is one entity across documents; assertions are kept as they are."""
    merged: dict[tuple[str, str], Entity] = {}
    assertions: list[Assertion] = []
    for r in results:
        for e in r.entities:
            m = merged.setdefault(e.key, Entity(e.name, e.type))
            m.aliases |= e.aliases
            m.docs |= e.docs
        assertions.extend(r.assertions)
    return sorted(merged.values(), key=lambda e: e.key), assertions
