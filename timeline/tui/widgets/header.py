"""The main screen's top line: how many events match, every filter that is on, the title,
and at the right end where the cursor is.

Packed to the header's width when drawn, so a resize re-packs it: a filter that does not fit
on the line starts the next one, one wider than a whole line is cut with an ellipsis, and
none is ever left out. The title takes what room is left, and only that. The cursor's place
keeps the right end of the first line (of the second, when the count leaves it no room); the
lines below have the whole width.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

SEPARATOR = "  │  "
INDENT = " "  # a wrapped line starts under the count, not at the edge
MIN_TITLE = 12  # less room than this for the title, and it is left for wider terminals


class HeaderText:
    def __init__(self, count: str, filters: list[str], title: str, position: Text | None = None):
        self.count, self.filters, self.title = count, filters, title
        self.position = position or Text()

    def __str__(self) -> str:
        return SEPARATOR.join([INDENT + self.count, *self.filters, self.title]) + " " + self.position.plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.lines(options.max_width)

    def lines(self, width: int) -> list[Text]:
        """The header packed into this width, a Text a line."""
        lines = [Text(INDENT + self.count, style="bold")]
        # On a narrow screen the cursor's place takes a line of its own, rather than be cut.
        apart = lines[0].cell_len + 1 + self.position.cell_len > width
        rooms = [width if apart else width - self.position.cell_len - 1]  # what each line may hold
        for part in self.filters:
            piece = Text(part, style="bold yellow")
            piece.truncate(width - len(INDENT), overflow="ellipsis")
            if lines[-1].cell_len + len(SEPARATOR) + piece.cell_len <= rooms[-1]:
                lines[-1].append(SEPARATOR)
                lines[-1].append_text(piece)
            else:
                lines.append(Text(INDENT) + piece)
                rooms.append(width)
        room = rooms[-1] - lines[-1].cell_len - len(SEPARATOR)
        if self.title and room >= min(MIN_TITLE, len(self.title)):
            title = Text(self.title, style="dim")
            title.truncate(room, overflow="ellipsis")
            lines[-1].append(SEPARATOR)
            lines[-1].append_text(title)
        if apart:
            lines.insert(1, Text())
        end = lines[1 if apart else 0]
        end.pad_right(max(0, width - end.cell_len - self.position.cell_len))
        end.append_text(self.position)
        for line in lines:
            line.no_wrap = True
            line.truncate(width, overflow="ellipsis")  # a count wider than the screen
        return lines
