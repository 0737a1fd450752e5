"""The matches of a search, highlighted wherever an event's text is drawn: the rows of
the timeline and the detail pane. Where they are is the core's to say (search.py), so
what is highlighted is what was found."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from ..search import TextMatch

# Without colour too: reversed and bold reads on any terminal, and on the cursor's row.
MATCH_STYLE = "bold reverse"


def marked(text: str, matches: Sequence[TextMatch], style: str = "") -> Text:
    """`text` in `style`, with every match of any of `matches` highlighted."""
    result = Text(text, style=style)
    for match in matches:
        for start, end in match.spans(text):
            result.stylize(MATCH_STYLE, start, end)
    return result
