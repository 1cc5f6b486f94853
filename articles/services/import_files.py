"""Which files an import reads, the key each is stored under, and how much of them it trusts.

- Keys: a file found under a folder named on the command line (the import root) is keyed by
  its path relative to that root (`2024/live.txt`), so the same name in two folders is two
  articles; a file named directly is keyed by its name, as every key was before.
- Links: a symbolic link to a file is refused (it could publish any file on the machine), and
  so is a file whose real path is outside its import root (reached through a linked folder).
- A file that changes while it is read (size, modification time, or replaced) is refused for
  this run: half of an old text and half of a new one is no article.
- Sizes: `IMPORT_MAX_FILE_BYTES` per file; `IMPORT_MAX_ENTRY_CHARS` per entry body (longer
  bodies are split, see articles/parse/limits.py) and `IMPORT_MAX_ENTRIES` per file.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from articles.parse.limits import article_limits_apply
from articles.parsing import ParsedArticle, ParseError

_MAX_KEY_CHARS = 500  # Article.source_file
_CHUNK_BYTES = 1 << 20


@dataclass(frozen=True)
class SourceFile:
    """A file to import and the folder named on the command line it was found under."""

    path: Path
    root: Path | None = None

    @property
    def key(self) -> str:
        """What `Article.source_file` holds for it."""
        return source_key(self.path, root=self.root)


def source_key(path: Path, *, root: Path | None = None) -> str:
    """The path relative to the import root (POSIX separators), or the file name without one."""
    if root is None:
        return path.name[:_MAX_KEY_CHARS]
    return path.relative_to(root).as_posix()[:_MAX_KEY_CHARS]


def source_files(paths: list[str]) -> list[SourceFile]:
    """Files named directly, plus every *.txt under named folders (symlink loops visited once)."""
    found: list[SourceFile] = []
    seen_files: set[str] = set()
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += [SourceFile(file, root=path) for file in _txt_files_under(path)]
        else:
            found.append(SourceFile(path))  # a missing or unreadable path is reported by the import
    unique = []
    for source in found:
        real = os.path.realpath(source.path)
        if real not in seen_files:
            seen_files.add(real)
            unique.append(source)
    return unique


def _txt_files_under(root: Path) -> Iterator[Path]:
    seen_dirs: set[tuple[int, int]] = set()
    for folder, subfolders, filenames in os.walk(root, followlinks=True):
        status = os.stat(folder)
        if (status.st_dev, status.st_ino) in seen_dirs:
            subfolders[:] = []
            continue
        seen_dirs.add((status.st_dev, status.st_ino))
        subfolders.sort()
        for filename in sorted(filenames):
            if filename.lower().endswith(".txt") and not filename.startswith("."):
                yield Path(folder) / filename


def file_read(path: Path, *, root: Path | None = None) -> bytes:
    """The file's bytes, read once through one descriptor; ParseError naming the file when it
    is a link, a folder, not a regular file, outside its root, too large or changing."""
    name = str(path)
    try:
        before = os.lstat(path)
        _file_kind_check(name, before)
        if root is not None and not _inside(path, root):
            raise ParseError(name, f"is outside the import root {str(root)!r} (reached through a linked folder)")
        # O_NOFOLLOW: a link swapped in after the check is refused; O_NONBLOCK: so is a FIFO.
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        try:
            opened = os.fstat(fd)
            _file_kind_check(name, opened)
            raw = b"".join(_chunks(fd, limit=settings.IMPORT_MAX_FILE_BYTES))
            after = os.fstat(fd)
        finally:
            os.close(fd)
        still = os.lstat(path)
    except OSError as error:
        raise ParseError(name, f"cannot be read ({error.strerror or error})") from None
    if len({(status.st_dev, status.st_ino) for status in (before, opened, still)}) > 1:
        raise ParseError(name, "was replaced while it was read; not imported this run")
    if (opened.st_size, opened.st_mtime_ns) != (after.st_size, after.st_mtime_ns) or len(raw) != after.st_size:
        raise ParseError(name, "changed while it was read (size or modification time); not imported this run")
    return raw


def _file_kind_check(name: str, status: os.stat_result) -> None:
    if stat.S_ISLNK(status.st_mode):
        raise ParseError(name, "is a symbolic link; only regular files are imported")
    if stat.S_ISDIR(status.st_mode):
        raise ParseError(name, "is a folder, not a file")
    if not stat.S_ISREG(status.st_mode):
        # Reading a FIFO or a device would block forever (or never end).
        raise ParseError(name, "is not a regular file (a pipe, socket or device)")
    limit = settings.IMPORT_MAX_FILE_BYTES
    if status.st_size > limit:
        raise ParseError(name, f"is {status.st_size:,} bytes; the limit is {limit:,} (IMPORT_MAX_FILE_BYTES)")


def _inside(path: Path, root: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))


def _chunks(fd: int, *, limit: int) -> Iterator[bytes]:
    """The descriptor's bytes up to one past `limit` (a file that grows is caught by the caller)."""
    left = limit + 1
    while left > 0 and (chunk := os.read(fd, min(_CHUNK_BYTES, left))):
        left -= len(chunk)
        yield chunk


def parsed_limits_apply(parsed: ParsedArticle, *, filename: str) -> ParsedArticle:
    """The configured caps on entries (articles/parse/limits.py)."""
    return article_limits_apply(
        parsed,
        filename=filename,
        max_entry_chars=settings.IMPORT_MAX_ENTRY_CHARS,
        max_entries=settings.IMPORT_MAX_ENTRIES,
    )
