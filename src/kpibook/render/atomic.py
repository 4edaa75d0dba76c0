"""Writing an output file all at once, or not at all.

A renderer writes to a temporary file in the destination folder and renames it
over the destination only when the file is complete, so a crash (or a full
disk) never leaves a half-written ``scorecard.html``, ``.pdf`` or ``.xlsx``
behind: readers see the old file or the new one, never a mixture.

Usage::

    write_atomically(out / "scorecard.html", html)              # str: written as UTF-8
    write_atomically(out / "scorecard.pdf", pdf_bytes)          # bytes
    write_atomically(out / "scorecard.xlsx", workbook.save)     # a writer: called with a path
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

Writer = Callable[[Path], object]
"""Something that writes the whole file to the path it is given (e.g. ``workbook.save``)."""

DEFAULT_MODE = 0o644
"""Permissions of a new file (an existing file's permissions are kept)."""


def write_atomically(path: Path, content: bytes | str | Writer, *, encoding: str = "utf-8") -> Path:
    """Write ``content`` to ``path`` atomically and return ``path``.

    Args:
        path: the destination; its folder must exist.
        content: the file's bytes; or text, encoded with ``encoding``; or a writer,
            called once with the temporary file's path, which must write the whole
            file there (its return value is ignored).
        encoding: the encoding of text content.

    The temporary file (``.<name>.<random>.tmp``) sits in the destination's
    folder, so the final rename never crosses file systems. It is flushed to
    disk before the rename and removed if anything fails; the exception is
    raised again.
    """
    path = Path(path)
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = DEFAULT_MODE
    data = content.encode(encoding) if isinstance(content, str) else content
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        if callable(data):
            os.close(handle)
            data(temporary)
            with temporary.open("rb+") as written:
                os.fsync(written.fileno())
        else:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
        temporary.chmod(mode)
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        raise
    return path
