"""What the process does so that its memory does not outlive it: no core dumps, and key material
overwritten once used.

Core dumps: a crash (or ``gcore`` by another user) would write the unlocked key and the client
data the app has read to disk in the clear. :func:`no_core_dumps` runs first thing at start
(GUI and CLI). Linux and macOS: ``RLIMIT_CORE`` 0 (the kernel writes no core file); Linux also
``prctl(PR_SET_DUMPABLE, 0)``, which also stops other processes of the same user from attaching
with ptrace or reading ``/proc/<pid>/mem`` (root, with CAP_SYS_PTRACE, still can). Windows:
``SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX)`` (no fault dialog, hence no
"debug / send report" dump from it) and, best effort, ``WerAddExcludedApplication`` for the
running executable so Windows Error Reporting neither collects nor uploads a dump of it (the
frozen app only: from source the executable is python.exe, and every Python program of the user
would lose its crash reports).

Wiping: keys are kept in ``bytearray``s, which :func:`wipe` overwrites in place. Libraries hand
back immutable ``bytes`` (AES-GCM's plaintext, Argon2id's output, ``os.urandom``): :func:`scrub`
overwrites such an object's buffer through ctypes, which is only sound while nothing else can
see it, so it refuses (returns False, leaves the object alone) unless the object is an exact
``bytes`` or ``str`` of at least two items (the empty and one-item objects are shared singletons)
that no one else references. A ``str`` is overwritten only where its characters are found inside
the object's own memory; a UTF-8 copy CPython may cache beside a non-ASCII str is out of reach.

Freed memory: CPython does not zero what it frees, so the str objects that held a client's name
keep its characters after the lock until the block is reused. :func:`overwrite_free_memory` (the
GUI's lock calls it) reuses them on purpose: it takes free small blocks of every size class,
zeroed, and gives them back. Best effort within a budget: blocks of a larger heap, objects
above the small-object limit (malloc's) and Qt's own copies stay out of reach.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import ntpath
import sys
import sysconfig
from typing import Any

log = logging.getLogger(__name__)

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3
SEM_FAILCRITICALERRORS = 0x0001
SEM_NOGPFAULTERRORBOX = 0x0002
# A caller's variable, scrub's parameter and getrefcount's own argument: no other reference.
_ONLY_CALLER = 3
FILL_BUDGET = 16 * 1024 * 1024  # ~50 ms; enough for a locked CLI-sized heap (test_core_dump)
SMALL_ALIGNMENT = 16  # CPython's small-object allocator: size classes of 16 bytes up to 512
SMALL_LIMIT = 512


def wipe(buffer: bytearray | memoryview) -> None:
    """Overwrite ``buffer`` with zeros, in place."""
    buffer[:] = bytes(len(buffer))


def scrub(obj: bytes | str) -> bool:
    """Overwrite the buffer of an immutable ``obj`` only the caller holds (see the module doc)."""
    if type(obj) not in (bytes, str) or len(obj) < 2 or sys.getrefcount(obj) > _ONLY_CALLER:
        return False
    if type(obj) is bytes:
        # PyBytesObject: a fixed header, then the bytes (``__basicsize__`` counts one of them).
        ctypes.memset(id(obj) + bytes.__basicsize__ - 1, 0, len(obj))
        return True
    return _scrub_str(obj)  # type: ignore[arg-type]  # a str, checked above


def _interned(text: str) -> bool | None:
    """Whether CPython interned ``text`` (the interned table does not count its references, so
    the refcount test cannot see it); None where the object layout is not the known one."""
    free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))  # a longer object header
    if sys.implementation.name != "cpython" or ctypes.sizeof(ctypes.c_void_p) != 8 or free_threaded:
        return None  # 64-bit CPython with a GIL: refcount, type, length, hash, then ``state``
    state = ctypes.c_uint32.from_address(id(text) + 32).value
    return bool(state & 0b11)  # state.interned: its two lowest bits


# Where a compact str's characters begin (PEP 393): after a PyASCIIObject for ASCII text, after
# a PyCompactUnicodeObject otherwise. Measured here, not hard-coded: "" is ASCII with one byte of
# characters (its terminator), chr(0x100) a 2-byte character plus a 2-byte terminator.
_ASCII_HEADER = sys.getsizeof("") - 1
_COMPACT_HEADER = sys.getsizeof(chr(0x100)) - 4


def _scrub_str(text: str) -> bool:
    if _interned(text) is not False:
        return False
    widest = max(map(ord, text))
    encoding = "latin-1" if widest < 0x100 else "utf-16-le" if widest < 0x10000 else "utf-32-le"
    expected = text.encode(encoding)  # the characters as the object stores them (1, 2 or 4 bytes)
    try:
        start = id(text) + (_ASCII_HEADER if widest < 0x80 else _COMPACT_HEADER)
        stored = memoryview((ctypes.c_ubyte * len(expected)).from_address(start))  # a view, no copy
        if stored != memoryview(expected).cast("B"):
            return False  # not the layout measured above: leave it alone
        ctypes.memset(start, 0, len(expected))
        return True
    finally:
        scrub(expected)


def overwrite_free_memory(budget: int = FILL_BUDGET) -> int:
    """Reuse free small-object blocks zeroed (see the module doc); returns the bytes taken."""
    gc.collect()
    # bytes(n) is zero-allocated; n makes each object fill its size class exactly, tail included.
    # (From 48 bytes: the smallest bytes object is 33; the 16- and 32-byte classes stay.)
    sizes = [k * SMALL_ALIGNMENT - bytes.__basicsize__ for k in range(3, SMALL_LIMIT // SMALL_ALIGNMENT + 1)]
    per_round = sum(bytes.__basicsize__ + n for n in sizes)
    held: list[bytes] = []
    taken = 0
    while taken + per_round <= budget:
        held.extend(bytes(n) for n in sizes)
        taken += per_round
    held.clear()
    return taken


def no_core_dumps() -> list[str]:
    """Turn off core dumps for this process; returns what was done (for the log and the tests).
    Never raises: a platform without these calls runs on, with a warning in the log."""
    done: list[str] = []
    if sys.platform == "win32":
        return _windows_no_dumps()
    import resource  # POSIX only

    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        done.append("rlimit_core")
    except (OSError, ValueError) as exc:
        log.warning("could not turn core dumps off: %s", type(exc).__name__)
    if sys.platform.startswith("linux"):
        if _libc().prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0:
            done.append("not_dumpable")
        else:
            log.warning("could not make the process non-dumpable (errno %d)", ctypes.get_errno())
    return done


def dumpable() -> bool | None:
    """Linux: whether this process is dumpable (PR_GET_DUMPABLE); None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    return bool(_libc().prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))


def _libc() -> Any:
    return ctypes.CDLL(None, use_errno=True)


def _windows_no_dumps() -> list[str]:
    done: list[str] = []
    try:
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
        mode = SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX
        kernel32.SetErrorMode.argtypes, kernel32.SetErrorMode.restype = (ctypes.c_uint,), ctypes.c_uint
        previous = kernel32.SetErrorMode(mode)
        kernel32.SetErrorMode(previous | mode)  # keep what the parent process asked for as well
        done.append("error_mode")
    except (OSError, AttributeError) as exc:
        log.warning("could not set the error mode: %s", type(exc).__name__)
    if not getattr(sys, "frozen", False):
        return done
    try:
        wer = ctypes.WinDLL("wer", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
        exclude = wer.WerAddExcludedApplication
        exclude.argtypes, exclude.restype = (ctypes.c_wchar_p, ctypes.c_int), ctypes.c_long
        # bAllUsers FALSE: the per-user key, which needs no administrator rights.
        if exclude(ntpath.basename(sys.executable), 0) == 0:  # S_OK (the name, as WER wants it)
            done.append("wer_excluded")
        else:
            log.info("Windows Error Reporting exclusion refused")
    except (OSError, AttributeError) as exc:
        log.info("no Windows Error Reporting exclusion: %s", type(exc).__name__)
    return done


def secret_from(data: bytes) -> bytearray:
    """``data`` copied into a bytearray (to be wiped), the ``bytes`` scrubbed when only the caller
    had it: call as ``secret_from(library_call())``, so that no variable holds the bytes."""
    secret = bytearray(data)
    scrub(data)
    return secret
