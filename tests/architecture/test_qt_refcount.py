"""Guards the PySide6 pin: 6.12.0 on Python 3.11 leaks references to None and True (a void method
call or a signal emit each drops one), and a long session then aborts with none_dealloc."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(bool)


def test_void_calls_and_emits_keep_refcounts(qapp):
    emitter = _Emitter()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(500):
        emitter.setObjectName("x")
        emitter.fired.emit(True)
    assert sys.getrefcount(None) >= none_before - 10
    assert sys.getrefcount(True) >= true_before - 10
