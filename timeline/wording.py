"""How a count reads in words, the same on the command line and on the screen."""

from __future__ import annotations


def counted(number: int, noun: str) -> str:
    """'1 event', '2 events', '0 events': `noun` with an s unless there is one."""
    return f"{number} {noun}{'s' * (number != 1)}"
