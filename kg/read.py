"""Stage 1: bytes on disk → a raw :class:`~kg.model.Document`.

Decodes UTF-8 (with or without BOM), GB18030 and Big5 by detection, turns HTML
into text, and refuses binary or empty files with a :class:`ReadError` that
names the file, so the build can warn and go on with the rest.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from kg.model import Document

TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
MAX_BYTES = 50 * 1024 * 1024
DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside",
             "form", "iframe", "svg", "template", "button", "select")


class ReadError(Exception):
    """A file that cannot be turned into text; the message names the file."""


def find_inputs(paths: list[str | Path]) -> list[Path]:
    """Expand files and folders into the text files to read, in a stable order."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*")
                                if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES))
        else:
            found.append(p)
    return found


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` for raw bytes, or raise ReadError.

    A byte-order mark decides; otherwise UTF-8, GB18030 and Big5 are tried and
    the one whose Han characters are the common ones wins (a wrong codec turns
    Chinese into rare characters). A few undecodable bytes (a file cut in the
    middle of a character) become U+FFFD; more than that is not text.

    >>> decode("医院".encode("gb18030"))[0]
    '医院'
    """
    if not data.strip():
        raise ReadError("empty file")
    for bom, codec in BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(codec, errors="replace")
            if not text.strip():
                raise ReadError("empty file")
            if not _looks_like_text(text):
                raise ReadError(f"cannot decode: not {codec} after its byte-order mark")
            return text, codec
    if b"\x00" in data[:8192]:
        raise ReadError("binary file (NUL bytes)")
    strict_utf8 = None
    try:
        strict_utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # Short GB18030 text can happen to be valid UTF-8 (as Cyrillic, say);
        # longer cannot. Trust UTF-8 when it yields Han characters, nothing
        # but ASCII, or more non-ASCII than GB18030 would pass by chance.
        if (strict_utf8.isascii() or _HAN_RE.search(strict_utf8)
                or len(data) - len(strict_utf8.encode("ascii", "ignore")) >= 16):
            if not _looks_like_text(strict_utf8):
                raise ReadError("binary file (control characters)")
            return strict_utf8, "utf-8"
    best = None
    for rank, codec in enumerate(CODECS):
        text = data.decode(codec, errors="replace")
        if not _looks_like_text(text):
            continue
        key = (_han_score(text), -text.count("\ufffd"), -rank)
        if best is None or key > best[0]:
            best = (key, text, codec)
    if best is not None and best[0][0] >= MIN_HAN_SCORE:
        return best[1], best[2]
    if strict_utf8 is not None and _looks_like_text(strict_utf8):
        return strict_utf8, "utf-8"
    raise ReadError("cannot decode: not UTF-8, GB18030 or Big5 text")


# Byte-order marks, longest first (the UTF-32-LE one starts with UTF-16-LE's).
BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"))
# Without a BOM, the codecs a Chinese article comes in; on a tie the earlier wins.
CODECS = ("utf-8", "gb18030", "big5hkscs")
# Below this share of common characters among the Han ones, a decoding is garbage.
MIN_HAN_SCORE = 0.5
_HAN_RE = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")


@lru_cache(maxsize=1)
def _common_han() -> frozenset[str]:
    """The frequent characters: GB2312 level 1 (3755 simplified) and Big5's
    frequently used block (5401 traditional). A wrong codec yields rare ones."""
    chars = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for lead in range(0xA4, 0xC7):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            if (lead, trail) > (0xC6, 0x7E):
                break
            try:
                chars.add(bytes((lead, trail)).decode("big5"))
            except UnicodeDecodeError:
                pass
    return frozenset(c for c in chars if _HAN_RE.match(c))


def _han_score(text: str) -> float:
    """Share of common characters among the Han characters of (the start of) text."""
    han = _HAN_RE.findall(text[:50_000])
    if not han:
        return 0.0
    common = _common_han()
    return sum(c in common for c in han) / len(han)


def _looks_like_text(text: str) -> bool:
    """Under 1% undecodable or control characters; a broken character at the
    very end (a file cut short) does not count."""
    if not text:
        return False
    sample = text[:200_000] if len(text) > 200_000 else text[:-3] or text
    bad = sum(1 for c in sample if c == "\ufffd" or (ord(c) < 32 and c not in "\n\r\t\f"))
    return bad / len(sample) < 0.01


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block per line, without scripts,
    styles and navigation (``<nav>``, page headers and footers, and blocks
    whose class or id says nav, menu, breadcrumb, footer, sidebar …).

    Linear in the size of the page however deep it nests: BeautifulSoup's
    ``html.parser`` builds the tree in one pass, and one walk over it with a
    stack (no recursion, no tree edits) collects the text.

    >>> html_to_text("<nav>首页</nav><p>医院<b>护理部</b></p><script>x()</script>")
    '医院护理部'
    """
    from bs4 import BeautifulSoup, CData, NavigableString, Tag

    soup = BeautifulSoup(html, "html.parser")
    pieces: list[str] = []
    # (node, inside <article> or <main>); a str is a piece to emit on the way out
    stack: list = [(soup, False)]
    while stack:
        node, in_article = stack.pop()
        if isinstance(node, str) and not isinstance(node, NavigableString):
            pieces.append(node)
        elif isinstance(node, Tag):
            if _dropped(node, in_article):
                continue
            if node.name == "br":
                pieces.append("\n")
                continue
            block = node.name in BLOCK_TAGS
            if block:
                pieces.append("\n")
                stack.append(("\n", in_article))
            inside = in_article or node.name in ("article", "main")
            stack.extend((child, inside) for child in reversed(node.contents))
        elif type(node) in (NavigableString, CData):   # not comments, doctypes, <rt> …
            pieces.append(str(node))
    lines = (line.strip() for line in "".join(pieces).splitlines())
    return "\n".join(line for line in lines if line)


def _dropped(tag, in_article: bool) -> bool:
    """Is ``tag`` page furniture? An article's own <header> holds its title:
    only the page's headers and footers go."""
    if tag.name in DROP_TAGS and not (tag.name in ("header", "footer") and in_article):
        return True
    return _is_furniture(tag)


BLOCK_TAGS = ("p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
              "section", "article", "table", "ul", "ol", "dd", "dt", "blockquote",
              "title", "figcaption", "pre")
# class/id words of navigation and page furniture (matched as whole words).
_FURNITURE = re.compile(r"(?:^|[\s_-])(nav|navbar|menu|breadcrumbs?|crumbs?|footer|sidebar|"
                        r"topbar|copyright)(?:$|[\s_-])", re.I)


def _is_furniture(tag) -> bool:
    if tag.name in ("html", "body", "main", "article"):
        return False
    attrs = getattr(tag, "attrs", None) or {}
    classes = attrs.get("class") or []
    words = " ".join([*classes, attrs.get("id") or ""] if isinstance(classes, list)
                     else [str(classes), attrs.get("id") or ""])
    return bool(words.strip()) and bool(_FURNITURE.search(words))


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


def read_document(path: str | Path) -> Document:
    """Read one file into a Document with its raw (not yet normalised) text.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "a.html"
    >>> _ = path.write_text("<p>甲市人民医院与乙县人民医院签约。</p>", encoding="utf-8")
    >>> doc = read_document(path)
    >>> doc.name, doc.encoding, doc.text.strip()
    ('a.html', 'utf-8', '甲市人民医院与乙县人民医院签约。')
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(f"{path}: too large ({size} bytes > {MAX_BYTES})")
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"{path}: unreadable ({exc.strerror or exc})") from exc
    try:
        text, encoding = decode(data)
    except ReadError as exc:
        raise ReadError(f"{path}: {exc}") from None
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text):
        text = html_to_text(text)
    if not text.strip():
        raise ReadError(f"{path}: no text")
    return Document(name=path.name, text=text, path=str(path),
                    sha256=hashlib.sha256(data).hexdigest(), encoding=encoding)
