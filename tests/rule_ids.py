"""The rule ids ``kg/relations.py`` asserts with, read from its source, against
``kg/data/rules.tsv``: a check the tests run (tests/test_rules_data.py), so that
no rule falls back to a default confidence unnoticed."""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from kg.ruledata import Rule, RuleDataError


def rule_ids_in_code(path: str | Path) -> list[tuple[str, str | None, int]]:
    """(rule id, relation or None when not written as a string, line) of every
    ``….rel(subject, relation, object, rule, …)`` call in the Python file
    ``path``. A rule passed as a variable is read from the variable's
    assignments in the same top-level function or class."""
    path = Path(path)
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    out = []
    for top in tree.body:        # each top-level function or class, walked once
        assigned, calls = defaultdict(list), []
        for node in ast.walk(top):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        assigned[target.id].append(node.value)
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                  and node.func.attr == "rel"):
                calls.append(node)
        for node in calls:
            args = list(node.args) + [None] * 4
            kw = {k.arg: k.value for k in node.keywords}
            pred, rule = kw.get("pred", args[1]), kw.get("rule", args[3])
            exprs = assigned.get(rule.id, []) if isinstance(rule, ast.Name) else [rule] if rule else []
            ids = [c.value for e in exprs for c in ast.walk(e)
                   if isinstance(c, ast.Constant) and isinstance(c.value, str)]
            if not ids:
                raise RuleDataError(f"{path}:{node.lineno}: cannot read the rule id of this rel() call "
                                    "(write it as a string, or a variable assigned strings)")
            relation = pred.value if isinstance(pred, ast.Constant) and isinstance(pred.value, str) else None
            out += [(rid, relation, node.lineno) for rid in ids]
    return sorted(set(out), key=lambda t: (t[2], t[0]))


def check_rule_ids(rules: dict[str, Rule], code: str | Path, data: str | Path) -> None:
    """Every rule id the code at ``code`` asserts with has a row in ``rules``
    (read from ``data``) with the same relation, and every row is used."""
    used = rule_ids_in_code(code)
    for rid, relation, line in used:
        if rid not in rules:
            raise RuleDataError(f"{code}:{line}: rule {rid!r} has no row in {data}")
        if relation and relation != rules[rid].relation:
            raise RuleDataError(f"{code}:{line}: rule {rid!r} asserts {relation}, but "
                                f"{data}:{rules[rid].line} says {rules[rid].relation}")
    names = {rid for rid, _, _ in used}
    for rule in rules.values():
        if rule.id not in names:
            raise RuleDataError(f"{data}:{rule.line}: rule {rule.id!r} is used nowhere in {code}")
