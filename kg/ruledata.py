"""Load and check the relation rules' data files: ``kg/data/triggers.tsv``
(trigger, connector and exception words) and ``kg/data/rules.tsv`` (rule ids,
relations, confidences). :mod:`kg.rules` loads both once at import; a mistake
in either is a :class:`RuleDataError` naming the file and line.

"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from kg.model import RELATIONS

__all__ = ["RuleDataError", "Rule", "TABLES", "load_triggers", "load_rules"]


class RuleDataError(ValueError):
    """A mistake in a rules data file (or, found by the tests, in how the code uses it)."""


# Each table of triggers.tsv: the relation it serves (* = every relation) and,
# for the two tables that need one, what the value column holds.
TABLES = {
    "AWARD_TRIGGERS": "awarded", "HONOUR_TAILS": "awarded", "HONOUR_HEADS": "awarded",
    "HONOUR_MARKERS": "awarded", "STRONG_HONOUR_MARKERS": "awarded", "CANDIDATE_WORDS": "awarded",
    "RANK_VERBS": "awarded", "RANKING_MARKERS": "awarded",
    "NOT_ASSERTED": "*", "NOT_ASSERTED_EXCEPT": "*",
    "PARTNER_TRIGGERS": "partnersWith", "COBUILD_TRIGGERS": "coBuildsWith",
    "SUPPORT_TRIGGERS": "supports", "SUPPORT_SENDERS": "supports",
    "AFFILIATION_WORDS": "affiliatedWith", "MEMBER_FOUNDING": "memberOf", "MEMBER_JOIN": "memberOf",
    "SUB_PARTY_WORDS": "subOrganizationOf",
}
VALUE_TABLES = {"SUPPORT_TRIGGERS": "the kind recorded on the assertion",
                "NOT_ASSERTED_EXCEPT": "the NOT_ASSERTED word it is an exception to"}
TRIGGER_COLUMNS = ("table", "word", "value", "relation", "note")
RULE_COLUMNS = ("rule_id", "relation", "confidence", "description")
# Words go into regex alternations unescaped.
_REGEX_CHARS = re.compile(r"[\\.^$*+?{}\[\]|()]")
_RULE_ID = re.compile(r"^[a-z]+(?:-[a-z]+)+$")


def _rows(path: str | Path, columns: tuple[str, ...], required: int):
    """(line number, fields) of each data row, after the header; blank lines
    and lines starting with # are skipped. Missing trailing fields are ''."""
    path = Path(path)
    header = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if header is None:
            header = tuple(fields)
            if header != columns:
                raise RuleDataError(f"{path}:{n}: the header must be {' '.join(columns)} "
                                    f"(tab-separated), not {' '.join(header)}")
            continue
        if len(fields) > len(columns):
            raise RuleDataError(f"{path}:{n}: {len(fields)} columns, at most {len(columns)} "
                                f"({' '.join(columns)})")
        if len(fields) < required:
            raise RuleDataError(f"{path}:{n}: {len(fields)} columns, at least {required} "
                                f"({' '.join(columns[:required])})")
        yield n, [f.strip() for f in fields] + [""] * (len(columns) - len(fields))
    if header is None:
        raise RuleDataError(f"{path}:1: no header ({' '.join(columns)})")


def load_triggers(path: str | Path, tables: Iterable[str] = TABLES) -> dict:
    """Each table of ``path`` as a tuple of words in file order;
    SUPPORT_TRIGGERS as (word, kind) pairs and NOT_ASSERTED_EXCEPT as
    {NOT_ASSERTED word: (exceptions …)}. ``tables`` are the tables expected
    (each must have a row)."""
    expected = {t: TABLES.get(t, "*") for t in tables}
    words: dict[str, list] = {t: [] for t in expected}
    seen: dict[tuple, int] = {}      # row → line
    for n, (table, word, value, relation, _note) in _rows(path, TRIGGER_COLUMNS, 4):
        at = f"{path}:{n}"
        if table not in expected:
            raise RuleDataError(f"{at}: unknown table {table!r} (known: {', '.join(expected)})")
        if not word:
            raise RuleDataError(f"{at}: empty word in table {table}")
        if _REGEX_CHARS.search(word):
            raise RuleDataError(f"{at}: {word!r} holds a regex character ({_REGEX_CHARS.search(word).group()})")
        if relation != expected[table]:
            raise RuleDataError(f"{at}: table {table} serves relation {expected[table]!r}, not {relation!r}")
        if table in VALUE_TABLES and not value:
            raise RuleDataError(f"{at}: table {table} needs a value: {VALUE_TABLES[table]}")
        if table not in VALUE_TABLES and value:
            raise RuleDataError(f"{at}: table {table} takes no value (got {value!r})")
        key = (table, word, value)
        if key in seen:
            raise RuleDataError(f"{at}: duplicate row: {table} {word}"
                                + (f" {value}" if value else "") + f" (first at line {seen[key]})")
        seen[key] = n
        words[table].append((word, value) if table in VALUE_TABLES else word)
    for table, ws in words.items():
        if not ws:
            raise RuleDataError(f"{path}: table {table} has no rows")
    out: dict = {t: tuple(ws) for t, ws in words.items()}
    if "NOT_ASSERTED_EXCEPT" in out:
        exceptions: dict[str, tuple[str, ...]] = {}
        for word, of in out["NOT_ASSERTED_EXCEPT"]:
            n = seen["NOT_ASSERTED_EXCEPT", word, of]
            if of not in out.get("NOT_ASSERTED", ()):
                raise RuleDataError(f"{path}:{n}: {of!r} is not a NOT_ASSERTED word")
            if of not in word:
                raise RuleDataError(f"{path}:{n}: the exception {word!r} does not hold {of!r}")
            exceptions[of] = exceptions.get(of, ()) + (word,)
        out["NOT_ASSERTED_EXCEPT"] = exceptions
    return out


@dataclass(frozen=True)
class Rule:
    """One row of rules.tsv."""

    id: str
    relation: str
    confidence: float
    description: str
    line: int            # where it is written, for error messages


def load_rules(path: str | Path) -> dict[str, Rule]:
    """The rules of ``path`` by id, in file order."""
    out: dict[str, Rule] = {}
    for n, (rid, relation, confidence, description) in _rows(path, RULE_COLUMNS, 3):
        at = f"{path}:{n}"
        if not _RULE_ID.match(rid):
            raise RuleDataError(f"{at}: rule id {rid!r} is not of the form word-word (lower case)")
        if rid in out:
            raise RuleDataError(f"{at}: duplicate row: rule {rid} (first at line {out[rid].line})")
        if relation not in RELATIONS:
            raise RuleDataError(f"{at}: unknown relation {relation!r} (known: {', '.join(RELATIONS)})")
        try:
            c = float(confidence)
        except ValueError:
            raise RuleDataError(f"{at}: confidence {confidence!r} is not a number") from None
        if not 0 < c <= 1:
            raise RuleDataError(f"{at}: confidence {confidence} is outside (0, 1]")
        out[rid] = Rule(rid, relation, c, description, n)
    return out
