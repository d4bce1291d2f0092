"""``kg`` run as a user runs it (a new process) or in this process (no
interpreter start, no models loaded again), both reported as a
:class:`subprocess.CompletedProcess`. A test takes a new process only for what
needs one: a signal, a terminal, a resource limit, another working folder's
environment, a lock held by another process."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def kg(*args: str, cwd: Path = ROOT, **kw) -> subprocess.CompletedProcess:
    """``python -m kg.cli ARGS`` in a new process (``kw`` go to :func:`subprocess.run`)."""
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT)}, **kw)


def kg_here(capsys, *args: str) -> subprocess.CompletedProcess:
    """``kg ARGS`` in this process; its output read from ``capsys``."""
    from kg.cli import main

    code = main(list(args))
    said = capsys.readouterr()
    return subprocess.CompletedProcess(["kg", *args], code, said.out, said.err)
