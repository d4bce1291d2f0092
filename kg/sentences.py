"""Stage 3: normalised Document → sentences with offsets into its text."""
from __future__ import annotations

import re

from kg.model import Document, Sentence

# A sentence ends at 。!?; (and their full-width forms), or at a line end;
# closing quotes and brackets right after the terminator stay with it.
_END = re.compile(r"[。!?;！？；…]+[”’」』)\]]*|\n+")


def split_sentences(doc: Document) -> list[Sentence]:
    """Split a document into sentences; ``doc.text[s.start:s.end] == s.text``.

    >>> from kg.model import Document
    >>> [s.text for s in split_sentences(Document("a", "医院获奖。“好!”他说\\n下一行"))]
    ['医院获奖。', '“好!”', '他说', '下一行']
    """
    out: list[Sentence] = []
    text, pos = doc.text, 0
    for m in _END.finditer(text):
        _add(out, doc.name, text, pos, m.end() if m.group().strip() else m.start())
        pos = m.end()
    _add(out, doc.name, text, pos, len(text))
    return out


# Real sentences are under 200 characters. A longer run without a terminator
# (a page scraped without punctuation or line breaks) is cut into pieces at a
# comma, else a space, else anywhere, so no later stage sees a sentence whose
# cost grows faster than its length.
MAX_SENTENCE = 500
_SOFT_BREAK = re.compile(r"[,,、:]|\s")


def _add(out: list[Sentence], name: str, text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = _break_before(text, start, start + MAX_SENTENCE)
        _add(out, name, text, start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(name, len(out), start, end, text[start:end]))


def _break_before(text: str, start: int, limit: int) -> int:
    """The end of the last comma (or space) in the second half of
    ``text[start:limit]``, else ``limit``."""
    best = limit
    for m in _SOFT_BREAK.finditer(text, start + MAX_SENTENCE // 2, limit):
        best = m.end() if m.group() in ",,、:" else m.start()
    return best
