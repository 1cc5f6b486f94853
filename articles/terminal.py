"""Text for a terminal: file names and messages that hold them, with control characters escaped.

A file name may contain any byte but "/" and NUL; printed raw, escape sequences in it could
retitle the window, erase lines or fake output, and bidirectional overrides could reorder what
is read. Pure module (no Django).
"""

from __future__ import annotations

import unicodedata

# Cc: C0, DEL and C1 controls; Cf: format characters (bidi overrides, zero-width marks).
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf"})


def terminal_safe(text: str) -> str:
    """`text` with every control or format character written as a Python escape (\\x1b, \\u202e)."""
    if text.isprintable():
        return text
    return "".join(_escaped(char) if unicodedata.category(char) in _UNSAFE_CATEGORIES else char for char in text)


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
