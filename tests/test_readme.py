"""The README's table of contents lists every section, and every link in it
leads to one."""
from __future__ import annotations

import re
from pathlib import Path

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _anchor(title: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces → -."""
    return re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")


def test_the_contents_list_every_section_and_lead_to_one():
    contents = README.split("## Contents", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"\]\(#([^)]+)\)", contents)
    headings = [t for t in re.findall(r"^#{2,3} (.+)$", README, re.M) if t != "Contents"]
    assert listed == [_anchor(t) for t in headings]
