"""Stage 1: bytes on disk → a raw :class:`~kg.model.Document`.

Decodes UTF-8 (with or without BOM), GB18030 and Big5 by detection, turns HTML
into text, and refuses binary or empty files with a :class:`ReadError` that
names the file, so the build can warn and go on with the rest.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from charset_normalizer import from_bytes

from kg.model import Document

TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
MAX_BYTES = 50 * 1024 * 1024
# charset-normalizer names → the widest codec of the family, so that a GBK
# guess still decodes the GB18030-only characters.
CODEC_FAMILY = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030",
    "big5": "big5hkscs", "big5hkscs": "big5hkscs", "cp950": "big5hkscs",
}
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

    >>> decode("医院".encode("gb18030"))[0]
    '医院'
    """
    if not data.strip():
        raise ReadError("empty file")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError("binary file (NUL bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        text = data.decode("utf-8")
        # Short GB18030 text can happen to be valid UTF-8 (as Cyrillic, say):
        # trust UTF-8 when it yields Han characters or nothing but ASCII.
        if text.isascii() or _han_score(text) > 0:
            return text, "utf-8"
    except UnicodeDecodeError:
        pass
    for codec in _candidates(data):
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_text(text):
            return text, codec
    raise ReadError("cannot decode: not UTF-8, GB18030 or Big5 text")


def _candidates(data: bytes) -> list[str]:
    guesses = []
    best = from_bytes(data[:200_000]).best()
    if best is not None:
        guesses.append(CODEC_FAMILY.get(best.encoding.lower(), best.encoding))
    # Short Chinese texts fool detectors; try the common codecs, the one whose
    # text holds more common Han characters wins below.
    for codec in ("gb18030", "big5hkscs", "utf-16"):
        if codec not in guesses:
            guesses.append(codec)
    scored = []
    for codec in guesses:
        try:
            scored.append((_han_score(data.decode(codec)), codec))
        except (UnicodeDecodeError, LookupError):
            continue
    return [c for _, c in sorted(scored, key=lambda t: -t[0])]


# The most frequent characters of news text about hospitals: a wrong codec
# turns them into rare characters, so counting them picks the right one.
_COMMON = set("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质信院医卫护术科药病诊疗支援合作签约协议荣获称号省市县镇区")


def _han_score(text: str) -> float:
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return 0.0
    return sum(c in _COMMON for c in han) / len(han)


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    bad = sum(1 for c in text if c == "\ufffd" or (ord(c) < 32 and c not in "\n\r\t\f"))
    return bad / len(text) < 0.01


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block per line, without scripts,
    styles and navigation.

    >>> html_to_text("<nav>首页</nav><p>医院<b>党委</b></p><script>x()</script>")
    '医院党委'
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(DROP_TAGS):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    blocks = ("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
              "article", "table", "ul", "ol", "dd", "dt", "blockquote", "title")
    for tag in soup.find_all(blocks):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = (line.strip() for line in soup.get_text().splitlines())
    return "\n".join(line for line in lines if line)


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


def read_document(path: str | Path) -> Document:
    """Read one file into a Document with its raw (not yet normalised) text."""
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
