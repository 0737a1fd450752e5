"""The marks and colours that say what an event is, wherever an event is drawn: its kind,
its status, whether something denies it, and whether its quotes check out. Each mark has
one meaning, and none is also a date's qualifier.

Every mark is one cell wide and has no emoji form a terminal might draw two cells wide,
so a row reads without colour and the columns stay straight.
"""

KIND_MARKS = {
    "airstrike": ("↯", "bold red"),
    "attack": ("✸", "bold bright_red"),
    "statement": ("❝", "bright_blue"),
    "claim": ("✦", "yellow"),
    "denial": ("⊗", "magenta"),
    "report": ("#", "cyan"),
    "media": ("▶", "green"),
    "deployment": ("⇶", "bright_cyan"),
    "political": ("◉", "bright_magenta"),
    "other": ("•", "white"),
}
DEFAULT_MARK = ("•", "white")  # a kind the file declares itself
# A status never borrows a date's qualifiers ("~" approximate, "?" uncertain, written after
# the date): a solid flag for a claim someone contests, a dotted ring for one not established.
STATUS_MARKS = {"disputed": ("⚑", "bold yellow"), "alleged": ("◌", "yellow"), "reported": (" ", "")}
STATUS_MEANINGS = {"disputed": "its claim is contested", "alleged": "claimed, not established"}
# What may follow a date, for the help's legend.
DATE_QUALIFIERS = [("~", "approximate (2 Oct 2015~)"),
                   ("?", "uncertain (Oct 2015?)")]  # an end not known is written out: unknown – Mar 2015
DENIED_MARK = ("✗", "bold red")
UNVERIFIED_MARK = ("!", "bold red on default")  # a quote not found verbatim in its article


def kind_mark(kind: str) -> tuple[str, str]:
    """(symbol, style) for a kind."""
    return KIND_MARKS.get(kind, DEFAULT_MARK)

MARKED_MARK = ("★", "bold yellow")  # an event the analyst marked (m); kept in the session, not the file
NOTED_MARK = ("✎", "cyan")  # an event with the analyst's note (i)
