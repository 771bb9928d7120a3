"""Keep a worker process off the network: a seccomp filter that refuses to create sockets.

pyoxigraph follows ``SERVICE <http://...>`` and ``LOAD <...>`` over HTTP from Rust code, which no
Python-level hook sees. llmkg refuses such queries before evaluation (:func:`kg.queries.check_query`);
this is the second wall: the SPARQL worker processes (:mod:`kg.query_pool`) install a filter that
makes the ``socket()`` and ``io_uring_setup()`` system calls fail with ``EACCES``. A worker talks
to its parent over the pipes it was started with, so it never needs a new socket; a query that
slipped past the first wall fails to connect instead of reaching the network.

Linux on x86-64 and AArch64 only; elsewhere :func:`deny_network` returns False and the first wall
stands alone (the worker says so on stderr).
"""

from __future__ import annotations

import ctypes
import errno
import platform
import struct
import subprocess
import sys

__all__ = ["deny_network", "end_child"]

_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_LD_W_ABS = 0x20  # BPF_LD | BPF_W | BPF_ABS
_JEQ_K = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
_JGE_K = 0x35  # BPF_JMP | BPF_JGE | BPF_K
_RET_K = 0x06  # BPF_RET | BPF_K
_X32_BIT = 0x40000000  # x32 system calls: same architecture value, numbers offset by this bit

#: machine -> (AUDIT_ARCH value, syscall numbers to refuse: socket, io_uring_setup)
_ARCHES = {
    "x86_64": (0xC000003E, (41, 425)),
    "aarch64": (0xC00000B7, (198, 425)),
}


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_char_p)]


def _program(arch: int, refused: tuple[int, ...]) -> bytes:
    """A classic-BPF seccomp program: other architectures are refused too (no 32-bit detour)."""
    def stmt(code: int, k: int) -> bytes:
        return struct.pack("HBBI", code, 0, 0, k)

    def jump(code: int, k: int, jt: int, jf: int) -> bytes:
        return struct.pack("HBBI", code, jt, jf, k)

    def jeq(k: int, jt: int, jf: int) -> bytes:
        return jump(_JEQ_K, k, jt, jf)

    deny = _RET_ERRNO | errno.EACCES
    prog = [stmt(_LD_W_ABS, 4), jeq(arch, 1, 0), stmt(_RET_K, deny), stmt(_LD_W_ABS, 0),
            jump(_JGE_K, _X32_BIT, len(refused) + 1, 0)]
    for i, nr in enumerate(refused):
        # jump to the deny at the end when equal; otherwise fall through to the next check
        prog.append(jeq(nr, len(refused) - i, 0))
    prog += [stmt(_RET_K, _RET_ALLOW), stmt(_RET_K, deny)]
    return b"".join(prog)


def deny_network() -> bool:
    """Forbid this process (and its future children) to create sockets, for good.

    Returns:
        True when the filter is installed; False where seccomp is not available (not Linux,
        another CPU architecture, or the kernel refused).
    """
    arch = _ARCHES.get(platform.machine())
    if not sys.platform.startswith("linux") or arch is None:
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    prog = _program(*arch)
    buf = ctypes.create_string_buffer(prog, len(prog))
    fprog = _SockFprog(len(prog) // 8, ctypes.cast(buf, ctypes.c_char_p))
    return libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) == 0


def end_child(proc: subprocess.Popen[bytes], *, kill: bool = True) -> None:
    """End a sandboxed child process: kill it (when ``kill``: a forked copy of its owner only lets
    go of it) and reap it, then close our ends of its pipes."""
    if kill:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    for stream in (proc.stdin, proc.stdout):
        if stream is not None:
            stream.close()
