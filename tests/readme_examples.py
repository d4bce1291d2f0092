"""The README's ``kg query``, ``kg show`` and ``kg stats`` examples: read them,
run them in-process, and (as a script) write their real output back.

An example is a ``$ kg …`` line in a ```` ```console ```` block (a quoted
argument may span lines), the lines after it up to the next ``$`` being its
output (stdout and stderr as a terminal shows them). ``< FILE`` feeds
standard input and ``> /dev/null`` drops standard output; a following
``$ echo $?`` line shows the exit status.

    python tests/readme_examples.py --write     # after `make run`: refresh the README's outputs
"""
from __future__ import annotations

import contextlib
import io
import re
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
COMMANDS = ("query", "show", "stats")
_BLOCK = re.compile(r"^```console\n(.*?)^```$", re.M | re.S)


@dataclass
class Example:
    argv: list[str]          # after ``kg``
    stdin: str | None        # a file to read standard input from
    quiet: bool              # stdout goes to /dev/null
    shown: str               # the output the README shows
    status: int              # the exit status it shows (0 unless ``echo $?`` says otherwise)
    start: int               # offsets of ``shown`` in the README
    end: int


def examples(text: str) -> list[Example]:
    """Every ``kg query|show|stats`` example of a README text, in order."""
    out = []
    for block in _BLOCK.finditer(text):
        out.extend(_block_examples(block.group(1), block.start(1)))
    return out


def _block_examples(body: str, offset: int) -> list[Example]:
    lines = body.splitlines(keepends=True)
    found, i, pos = [], 0, offset
    while i < len(lines):
        line = lines[i]
        if not line.startswith("$ kg "):
            pos += len(line)
            i += 1
            continue
        command, i, pos = _command(lines, i, pos)
        start = pos
        shown = []
        while i < len(lines) and not lines[i].startswith("$ "):
            shown.append(lines[i])
            pos += len(lines[i])
            i += 1
        end = pos
        status = 0
        if i < len(lines) and lines[i].strip() == "$ echo $?":
            status = int(lines[i + 1].strip())
        words = shlex.split(command)[1:]
        if words and words[0] in COMMANDS:
            found.append(_example(words, "".join(shown), status, start, end))
    return found


def _command(lines: list[str], i: int, pos: int) -> tuple[str, int, int]:
    """The command starting at line ``i`` (a quoted argument may span lines)."""
    text = ""
    while True:
        text += lines[i][2:] if not text else lines[i]
        pos += len(lines[i])
        i += 1
        try:
            shlex.split(text)
            return text.rstrip("\n"), i, pos
        except ValueError:   # an open quote: the command goes on
            continue


def _example(words: list[str], shown: str, status: int, start: int, end: int) -> Example:
    argv, stdin, quiet = [], None, False
    it = iter(words)
    for w in it:
        if w == "<":
            stdin = next(it)
        elif w == ">":
            quiet = next(it) == "/dev/null"
        else:
            argv.append(w)
    return Example(argv, stdin, quiet, shown, status, start, end)


def run(example: Example, cwd: Path) -> tuple[int, str]:
    """Run an example in-process in ``cwd``; its status and what a terminal shows."""
    from kg.cli import main

    out, err = io.StringIO(), io.StringIO()
    stdin = (cwd / example.stdin).open(encoding="utf-8") if example.stdin else io.StringIO("")
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
            _stdin(stdin):
        code = main(example.argv)
    shown = "" if example.quiet else out.getvalue()
    return code, err.getvalue() + shown


@contextlib.contextmanager
def _stdin(stream):
    saved, sys.stdin = sys.stdin, stream
    try:
        yield
    finally:
        sys.stdin = saved
        stream.close()


def shape(text: str) -> list[str]:
    """What an output must keep when the graph changes: its first line and last
    line with numbers as ``N`` and runs of spaces as one; for JSON, the keys."""
    text = text.strip()
    if text[:1] in "[{":
        import json
        data = json.loads(text)
        first = data[0] if isinstance(data, list) and data else data
        return sorted(first) if isinstance(first, dict) else [type(first).__name__]
    lines = text.splitlines() or [""]
    norm = lambda s: re.sub(r"(\(N \w+?)s\)", r"\1)",   # (1 row) and (N rows) alike
                            re.sub(r"\s+", " ", re.sub(r"\d+(\.\d+)?", "N", s))).strip()
    last = norm(lines[-1])
    # a table's last row is data; its "(N rows)" footer and an error's caret are shape
    return [norm(lines[0]), last if re.fullmatch(r"\(N \w+\)|\^", last) else ""]


def write(readme: Path = README, cwd: Path = ROOT) -> int:
    """Replace every example's shown output with its real output; the number changed."""
    text = readme.read_text(encoding="utf-8")
    results = []
    for ex in examples(text):      # in order: a later example may read what one wrote
        code, real = run(ex, cwd)
        if code != ex.status:
            raise SystemExit(f"kg {' '.join(ex.argv)}: exit {code}, the README shows {ex.status}")
        results.append((ex, real))
    changed = 0
    for ex, real in reversed(results):
        if real != ex.shown:
            text = text[:ex.start] + real + text[ex.end:]
            changed += 1
    readme.write_text(text, encoding="utf-8")
    return changed


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        raise SystemExit(__doc__)
    print(f"{write()} example outputs rewritten in {README.name}")
