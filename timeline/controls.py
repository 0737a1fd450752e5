"""Control characters: which ones an events file may not hold, and how any that reach
the terminal from elsewhere (an article text, a file name, a message) are shown.

Text from a file is data, never terminal commands. An escape character starts a
sequence that can clear the screen, retitle the terminal or write to the clipboard; C1
controls do the same on some terminals; bidirectional overrides reorder what is shown,
so a quote can read otherwise than it is written. The file format refuses all of them
in its text (validation.py says where), so the events never hold one; whatever else is
written to the terminal passes through `visible`.
"""

from __future__ import annotations

import re
import unicodedata

# Tab and line feed are text; every other C0 control, DEL, the C1 controls, and the
# bidirectional embeddings, overrides and isolates are not.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# Shown one character for one (so offsets into a text still hold): C0 controls as their
# Control Pictures (ESC as ␛), DEL as ␡, the others as the replacement character.
_PICTURES = {code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)}
_PICTURES[0x7F] = 0x2421
_PICTURES.update({code: 0xFFFD for code in range(0x80, 0xA0)})
_PICTURES.update({code: 0xFFFD for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})

_NAMES = {0x1B: "escape", 0x0D: "carriage return", 0x00: "null", 0x07: "bell", 0x08: "backspace", 0x7F: "delete",
          0x85: "next line", 0x9B: "control sequence introducer", 0x9D: "operating system command"}


def visible(text: str) -> str:
    """`text` with each control character replaced by a visible stand-in."""
    if CONTROL.search(text) is None:
        return text
    return text.translate(_PICTURES)


def find_control(text: str) -> int:
    """The offset of the first control character in `text`, or -1."""
    found = CONTROL.search(text)
    return -1 if found is None else found.start()


def describe(character: str) -> str:
    """A control character in words: `U+001B (escape)`."""
    code = ord(character)
    name = _NAMES.get(code) or unicodedata.name(character, "").lower() or (
        "a C1 control character" if 0x80 <= code < 0xA0 else "a control character")
    return f"U+{code:04X} ({name})"


class VisibleStream:
    """A text stream that shows control characters visibly: what the command line writes
    to its output and its errors passes through it."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(visible(text))

    @property
    def raw(self):
        """The stream itself, for the control sequences this program writes on purpose (a
        progress line's return to the start of its line), with the text made visible first."""
        return self._stream

    def __getattr__(self, name):
        return getattr(self._stream, name)
