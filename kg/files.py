"""Atomic file output: a crash never leaves a half-written graph."""
from __future__ import annotations

import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Callable, Iterator


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``, then rename it over
    ``path`` (``os.replace`` is atomic on POSIX and Windows).

    Readers see the old file or the new one, never a part; a failed write
    (disk full, interrupted) leaves the old file and no temporary file. The
    new file gets the old one's permissions, or those of a file made with
    ``open()`` (not the private 0600 of a temporary file).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
    return path


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where unsupported."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class Busy(RuntimeError):
    """Another process holds the lock of a folder."""


@contextmanager
def folder_lock(folder: str | Path) -> Iterator[Path]:
    """Hold an exclusive lock on ``folder`` (made if missing) while the block
    runs; raise :class:`Busy` at once when another process holds it.

    The lock is ``flock`` on the folder itself, so no lock file is left
    behind and a killed holder releases it (the kernel drops it with the
    process). Where ``flock`` is missing (Windows) nothing is locked.

    >>> import tempfile
    >>> with folder_lock(tempfile.mkdtemp()) as held:
    ...     held.is_dir()
    True
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:   # pragma: no cover - Windows
        yield folder
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(f"another kg build is writing to {folder}; wait for it to finish "
                       "or choose another --out/--store") from None
        yield folder
    finally:
        os.close(fd)   # closing drops the lock


class Publisher:
    """Files written as temporaries beside their targets, then published
    together: :meth:`commit` renames them all (``manifest.json`` last, naming
    each file with its size and SHA-256). Leaving the ``with`` block without
    a commit (an error, Ctrl-C) removes the temporaries and leaves the old
    files.

    >>> import json, tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> with Publisher(out) as pub:
    ...     _ = pub.add("a.txt", "A")
    ...     written = pub.commit({"documents": []})
    >>> [p.name for p in written], json.loads((out / "manifest.json").read_text())["outputs"][0]["file"]
    (['a.txt', 'manifest.json'], 'a.txt')
    """

    MANIFEST = "manifest.json"

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.pending: list[list] = []   # [temp, target, sha256, bytes]

    def __enter__(self) -> "Publisher":
        self.folder.mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(self, *exc) -> None:
        for tmp, *_ in self.pending:
            tmp.unlink(missing_ok=True)
        self.pending = []

    def add(self, name: str, data: "str | bytes | Callable[[BinaryIO], None]") -> Path:
        """Write ``data`` to a temporary file for ``folder/name``; ``data``
        may also be a function that writes the file's bytes to the file it
        is given (a large output written piece by piece, never whole in
        memory)."""
        target = self.folder / name
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{name}.", suffix=".tmp")
        entry = [Path(tmp), target, "", 0]
        self.pending.append(entry)
        with os.fdopen(fd, "wb") as f:
            out = _Hashing(f)
            if callable(data):
                data(out)
            else:
                out.write(data.encode("utf-8") if isinstance(data, str) else data)
            f.flush()
            os.fsync(f.fileno())
        entry[2], entry[3] = out.sha256.hexdigest(), out.size
        os.chmod(tmp, _mode_for(target))
        return target

    def commit(self, manifest: dict) -> list[Path]:
        """Publish every file added, then ``manifest.json`` (``manifest``
        with the list of outputs added); return the paths published."""
        import json

        outputs = [{"file": t.name, "bytes": n, "sha256": h} for _, t, h, n in self.pending]
        self.add(self.MANIFEST, json.dumps({**manifest, "outputs": outputs}, ensure_ascii=False,
                                           indent=1) + "\n")
        done = []
        for tmp, target, _, _ in self.pending:
            os.replace(tmp, target)
            done.append(target)
        self.pending = []
        fsync_dir(self.folder)
        return done


class _Hashing:
    """A binary file that also counts and hashes what is written to it."""

    def __init__(self, file: BinaryIO) -> None:
        import hashlib

        self.file, self.sha256, self.size = file, hashlib.sha256(), 0

    def write(self, data: bytes) -> int:
        self.sha256.update(data)
        self.size += len(data)
        return self.file.write(data)


def remove_leftovers(folder: str | Path) -> list[Path]:
    """Delete the temporary files (``.NAME.XXXX.tmp``) a killed writer left in
    ``folder``; call it while holding :func:`folder_lock`."""
    gone = []
    for tmp in Path(folder).glob(".*.tmp"):
        if tmp.is_file():
            tmp.unlink(missing_ok=True)
            gone.append(tmp)
    return gone


@contextmanager
def deferred_sigint() -> Iterator[list]:
    """Hold Ctrl-C back while the block runs (the short step that publishes
    a build); the list it yields says whether one came."""
    import signal
    import threading

    caught: list = []
    if threading.current_thread() is not threading.main_thread():
        yield caught
        return
    previous = signal.signal(signal.SIGINT, lambda *_: caught.append(True))
    try:
        yield caught
    finally:
        signal.signal(signal.SIGINT, previous)
