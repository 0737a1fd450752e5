"""An article's link: whether it may be handed to a browser, and whether there is a
browser here to hand it to. The explorer opens links with these rules; they know nothing
of the screen."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from urllib.parse import urlsplit

from .controls import CONTROL

# Only web links go to a browser: a `file:`, `javascript:` or `data:` link in an events
# file would have it open a local file or run code; anything else is only shown.
WEB_LINK = re.compile(r"https?://[^\s]+", re.IGNORECASE)


def web_link(url: str | None) -> bool:
    """Whether `url` is an http(s) link that is safe to hand to a browser: no spaces, no
    control characters (which a browser or a terminal could read as something else), and
    one that reads as an address ('http://[' does not)."""
    if not url or WEB_LINK.fullmatch(url) is None or CONTROL.search(url) is not None:
        return False
    try:
        return bool(urlsplit(url).netloc)
    except ValueError:
        return False


def browser_here(environ: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether a link opened here would reach the user's eyes. Over SSH a browser would
    open on the far machine; on Linux without a display, Python's webbrowser falls back to
    a text browser that would take over the terminal, or to nothing at all. $BROWSER,
    when set, is the user's own say."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if environ.get("BROWSER"):
        return True
    if environ.get("SSH_CONNECTION") or environ.get("SSH_TTY"):
        return False
    if platform.startswith(("darwin", "win", "cygwin")):
        return True
    return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def first_words(text: str, words: int = 8, width: int = 60) -> str:
    """The start of a text copied, to say what was copied: its first words on one line."""
    one_line = " ".join(text.split())
    cut = " ".join(one_line.split(" ")[:words])
    if len(cut) > width:
        cut = cut[: width - 1]
    return cut + ("…" if len(cut) < len(one_line) else "")
