"""Writing files so that a kill, a pulled plug or a full disk never leaves half a file at the target.

Every file the app writes (exports, PDFs, backups) goes through ``atomic_path(target)`` (for writers that
want a file name: openpyxl, sqlite3 backup, pg_dump) or ``atomic_write(target)`` (an open binary file):
the data goes to a temporary file in the same folder, is flushed to disk, and only then renamed over the
target with ``os.replace`` — the older file stays intact until the new one is complete. On failure the
temporary file is removed and the ``OSError`` becomes a ``ServiceError`` in Chinese ("磁盘空间不足 …").

A process killed mid-write cannot remove its temporary file; ``clean_stray_files(folder)`` removes such
leftovers, and every atomic write cleans the folder it writes to. Temporary names start with
``~propdesk-`` and end with ``.part``: no listing of real files (backups, ``*.xlsx``) ever matches them.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from app.errors import ServiceError

TEMP_PREFIX = "~propdesk-"
TEMP_SUFFIX = ".part"
STALE_SECONDS = 6 * 3600  # a temp file of another PC (shared folder) this old is not being written any more
_HOST = socket.gethostname().replace(".", "_")[:20] or "pc"
_NO_SPACE = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


def ignore_file_size_signal() -> None:
    """Let a file-size limit (``ulimit -f``) raise ``OSError(EFBIG)`` instead of killing the process."""
    if hasattr(signal, "SIGXFSZ"):
        with suppress(ValueError):  # not the main thread
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def temp_name(target: Path) -> Path:
    """``~propdesk-<name>.<host>-<pid>-<random>.part`` beside ``target``."""
    import secrets  # (hashlib/OpenSSL: ~15 ms at every start otherwise)

    return target.with_name(f"{TEMP_PREFIX}{target.name}.{_HOST}-{os.getpid()}-{secrets.token_hex(3)}{TEMP_SUFFIX}")


def is_temp_file(path: Path) -> bool:
    return path.name.startswith(TEMP_PREFIX) and path.name.endswith(TEMP_SUFFIX)


def _writer_alive(path: Path) -> bool:
    """Whether the process that named this temp file may still be writing it."""
    try:
        owner = path.name[: -len(TEMP_SUFFIX)].rsplit(".", 1)[1]
        host, pid, _ = owner.rsplit("-", 2)
        pid_number = int(pid)
    except (IndexError, ValueError):
        return False
    if host != _HOST:  # another PC on a shared folder: only its age tells
        try:
            return time.time() - path.stat().st_mtime < STALE_SECONDS
        except OSError:
            return False
    if pid_number == os.getpid():
        return True  # a writer of this very process (another thread) may be busy with it
    if os.name == "nt":
        return _windows_pid_alive(pid_number)
    try:
        os.kill(pid_number, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _windows_pid_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    ctypes.windll.kernel32.CloseHandle(handle)
    return True


def clean_stray_files(folder: str | Path) -> list[Path]:
    """Remove temporary files left in ``folder`` by writers that were killed; returns what was removed."""
    removed = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for path in entries:
        if is_temp_file(path) and not _writer_alive(path):
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                pass
    return removed


def write_error(target: Path, exc: OSError) -> ServiceError:
    """A Chinese sentence for a failed write, saying the older file (if any) is unchanged."""
    kept = " 原有文件未改动。" if target.exists() else ""
    if exc.errno in _NO_SPACE:
        return ServiceError(f"无法写入“{target.name}”: 磁盘空间不足 (或超过文件大小限制)。请清理磁盘或换一个位置后重试。{kept}")
    if isinstance(exc, PermissionError):
        return ServiceError(f"无法写入“{target.name}”: 没有权限, 或文件正在 Excel/PDF 阅读器中打开, 请关闭后重试。{kept}")
    if isinstance(exc, FileNotFoundError) and not target.parent.is_dir():
        return ServiceError(f"无法写入“{target.name}”: 文件夹不存在: {target.parent}")
    return ServiceError(f"无法写入“{target}”: {exc.strerror or exc}。{kept}")


@contextmanager
def write_errors(target: str | Path) -> Iterator[None]:
    """Turn an ``OSError`` raised while producing ``target`` (e.g. spooling rows to a full disk) into the
    Chinese ``ServiceError`` of ``write_error``."""
    try:
        yield
    except OSError as exc:
        raise write_error(Path(target), exc) from None


@contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target`` in one rename.

    An exception inside the block (including a cancel) removes the temporary file and leaves ``target``
    as it was; an ``OSError`` is re-raised as a ``ServiceError`` with a Chinese message.
    """
    target = Path(target)
    if target.is_dir():
        raise ServiceError(f"“{target}”是文件夹, 请给出文件名。")
    if not target.parent.is_dir():
        raise ServiceError(f"无法写入“{target.name}”: 文件夹不存在: {target.parent}")
    clean_stray_files(target.parent)
    temp = temp_name(target)
    try:
        yield temp
        if not temp.exists():
            raise ServiceError(f"无法写入“{target.name}”: 没有生成文件。")
        _fsync(temp)
        os.replace(temp, target)
        _fsync_folder(target.parent)
    except OSError as exc:
        raise write_error(target, exc) from None
    finally:
        with suppress(OSError):
            temp.unlink(missing_ok=True)


@contextmanager
def atomic_write(target: str | Path) -> Iterator[BinaryIO]:
    """``with atomic_write(path) as out: out.write(data)`` — a binary file that appears whole or not at all."""
    with atomic_path(target) as temp, write_errors(target), open(temp, "wb") as out:
        yield out


def write_bytes(target: str | Path, data: bytes) -> Path:
    """``Path.write_bytes`` done atomically."""
    with atomic_write(target) as out:
        out.write(data)
    return Path(target)


def _fsync(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to sync."""
    if os.name == "nt":
        return
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
