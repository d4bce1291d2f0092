"""Records a build makes now and reads back later, kept in a temporary file
instead of memory, so that a build holds its graph, not its corpus.

A :class:`Spill` is an anonymous temporary file (removed by the system when
it is closed or the process dies, so a killed build leaves nothing behind)
that records are appended to; each ``put`` returns where its record lies,
and ``get`` reads it back.

>>> spill = Spill()
>>> at = spill.put("evidence of 甲州市第一人民医院".encode())
>>> spill.get(at).decode()
'evidence of 甲州市第一人民医院'
>>> spill.close()
"""
from __future__ import annotations

import pickle
import tempfile
from pathlib import Path
from typing import Any


class SpillError(OSError):
    """A record could not be written (the folder's disk full, a file size
    limit): the build cannot go on, and nothing was published."""


class Spill:
    """Append-only records in a temporary file in ``folder`` (the system's
    temporary folder when ``None``)."""

    def __init__(self, folder: str | Path | None = None) -> None:
        if folder is not None:
            Path(folder).mkdir(parents=True, exist_ok=True)
        self.file = tempfile.TemporaryFile(dir=folder)
        self.end = 0

    def put(self, data: bytes) -> tuple[int, int]:
        """Append ``data``; return ``(offset, length)`` for :meth:`get`."""
        try:
            self.file.seek(self.end)
            self.file.write(data)
        except OSError as exc:
            raise SpillError(exc.errno, exc.strerror) from None
        at = (self.end, len(data))
        self.end += len(data)
        return at

    def get(self, at: tuple[int, int]) -> bytes:
        offset, length = at
        try:
            self.file.seek(offset)   # put() seeks back to the end
            return self.file.read(length)
        except OSError as exc:
            raise SpillError(exc.errno, exc.strerror) from None

    def put_object(self, obj: Any) -> tuple[int, int]:
        """Append a Python object (pickled)."""
        return self.put(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))

    def get_object(self, at: tuple[int, int]) -> Any:
        return pickle.loads(self.get(at))

    def close(self) -> None:
        self.file.close()
