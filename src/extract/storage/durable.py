"""Files that survive a crash: written whole and fsynced, links replaced by rename; modes follow the umask."""

from __future__ import annotations

import ctypes
import errno
import os
import secrets
import shutil
from pathlib import Path

from .crashpoints import crash_point
from .layout import TEMP_PREFIX

FILE_MODE = 0o666  # before the umask, as open() and every other tool create files
DIR_MODE = 0o777


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_dir(path: Path) -> None:
    """mkdir -p with the umask's mode (parents fsynced by the caller when it matters)."""
    os.makedirs(path, mode=DIR_MODE, exist_ok=True)


def write_new_file(path: Path, data: bytes, sync: bool = True) -> None:
    """Create path (it must not exist) holding data; fsynced unless sync is False."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
    try:
        crash_point("write", path)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        if sync:
            os.fsync(fd)
    except OSError as exc:
        if exc.filename is None:  # os.write and os.fsync do not say which file: a full disk names it
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        raise
    finally:
        os.close(fd)


def probe_writable(path: Path) -> None:
    """Raise OSError when files cannot be created in path (or, before it exists, in the directory that
    will hold it): a file is created and removed."""
    path = Path(path)
    while not path.exists() and path.parent != path and not path.is_symlink():
        path = path.parent
    probe = path / f"{TEMP_PREFIX}probe.{secrets.token_hex(4)}"
    os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE))
    os.unlink(probe)


def point_link(link: Path, target: str) -> None:
    """Make `link` a symlink to target in one step (a temp link renamed over it); no-op if it already is."""
    link = Path(link)
    try:
        if os.readlink(link) == target:
            return
    except OSError:
        pass
    tmp = link.with_name(f"{TEMP_PREFIX}{link.name}.{secrets.token_hex(4)}")
    os.symlink(target, tmp)
    try:
        os.replace(tmp, link)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one step (Linux renameat2 RENAME_EXCHANGE); False where not supported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(a))


def link_or_copy(source: Path, target: Path) -> None:
    """Carry a file into a new version: a hard link (no bytes written), a copy where links are not allowed."""
    try:
        os.link(source, target)
    except OSError as exc:
        if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
        data = Path(source).read_bytes()
        write_new_file(target, data)


def remove_tree(path: Path) -> None:
    """Remove a file, link or directory tree if present (leftovers of a killed run)."""
    path = Path(path)
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
