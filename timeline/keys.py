"""Every key binding, with an id and a description, in one place.

The footer, the help screen and the command palette all read these lists, and the ids let
users remap keys (Textual's keymaps), so no key is handled by a hand-written `if` chain.
"""

from textual.binding import Binding

APP = [
    Binding("a", "pick_actors", "Actors", id="filter.actors"),
    Binding("t", "pick_kinds", "Kinds", id="filter.kinds"),
    Binding("slash", "search", "Search", id="filter.search", key_display="/"),
    Binding("d", "pick_dates", "Dates", id="filter.dates"),
    # Off the footer, which has no room for it at 80 columns; the help lists it.
    Binding("s", "pick_sources", "Sources", id="filter.sources", show=False,
            tooltip="Filter by source article (type an outlet's name to narrow)"),
    Binding("r", "clear_filters", "Reset", id="filter.clear"),
    Binding("escape", "back", "Back", id="app.back", show=False),
    Binding("colon", "goto_date", "Go to", id="nav.goto", key_display=":", tooltip="Go to a date"),
    Binding("x", "counterpart", "Claim⇄answer", id="nav.counterpart", show=False,
            tooltip="Step from a claim to its denials and answers, and back"),
    Binding("o", "open_article", "Read", id="view.article", show=False,
            tooltip="Read the selected event's first article, at its quote"),
    Binding("D", "disputes", "Disputes", id="view.disputes", show=False,
            tooltip="Every contested claim with its denials and answers"),
    Binding("F", "figures", "Figures", id="view.figures", show=False,
            tooltip="Reported figures side by side, by quantity, date and claimant"),
    Binding("e", "export", "Export", id="app.export", show=False,
            tooltip="Write the events shown as Markdown, TimelineJS, CSV or JSON Lines"),
    Binding("L", "lanes", "Lanes", id="view.lanes", show=False,
            tooltip="One lane per chosen actor (or the busiest) on a shared time axis"),
    Binding("tab", "focus_next", "Next pane", id="app.focus_next", show=False),
    Binding("shift+tab", "focus_previous", "Previous pane", id="app.focus_previous", show=False),
    Binding("question_mark", "help", "Help", id="app.help", key_display="?"),
    Binding("ctrl+p", "command_palette", "Commands", id="app.palette", show=False),
    Binding("q", "quit", "Quit", id="app.quit"),
]

TIMELINE = [
    Binding("j,down", "cursor_down", "Next event", id="nav.down", show=False),
    Binding("k,up", "cursor_up", "Previous event", id="nav.up", show=False),
    Binding("g,home", "first", "First event", id="nav.first", show=False),
    Binding("G,end", "last", "Last event", id="nav.last", show=False),
    Binding("pagedown", "page_down", "Page down", id="nav.page_down", show=False),
    Binding("pageup", "page_up", "Page up", id="nav.page_up", show=False),
    Binding("right_square_bracket", "next_month", "Next month", id="nav.next_month", show=False, key_display="]"),
    Binding("left_square_bracket", "previous_month", "Previous month", id="nav.previous_month", show=False, key_display="["),
    Binding("right_curly_bracket", "next_year", "Next year", id="nav.next_year", show=False, key_display="}"),
    Binding("left_curly_bracket", "previous_year", "Previous year", id="nav.previous_year", show=False, key_display="{"),
    Binding("enter", "open", "Open", id="nav.open", tooltip="Open the detail pane's links"),
]

DETAIL = [
    Binding("enter", "follow", "Follow link", id="detail.follow"),
]

SOURCES = [
    Binding("enter", "read", "Read article", id="detail.read", tooltip="Open the article at this quote"),
]

READER = [
    Binding("n", "next_passage", "Next quote", id="reader.next"),
    Binding("N,p", "previous_passage", "Previous quote", id="reader.previous"),
    Binding("v", "coverage", "Coverage", id="reader.coverage", tooltip="Every event this article supports"),
    Binding("escape,q", "close", "Back", id="reader.close"),
]

LANES = [
    Binding("right,l", "step(1)", "Next event", id="lanes.next"),
    Binding("left,h", "step(-1)", "Previous event", id="lanes.previous"),
    Binding("down,j", "lane(1)", "Next lane", id="lanes.down"),
    Binding("up,k", "lane(-1)", "Previous lane", id="lanes.up"),
    Binding("enter", "choose", "Go to event", id="lanes.choose"),
    Binding("escape,q", "close", "Back", id="lanes.close"),
]

VIEW = [
    Binding("escape,q", "close", "Back", id="view.close"),
]

# Keys shown on the help screen that belong to widgets Textual provides.
PICKER_HELP = [
    ("type", "narrow the list (names and aliases match)"),
    ("↑/↓", "move"),
    ("tab", "choose or unchoose (several may be chosen)"),
    ("enter", "apply (the highlighted one, if none is chosen)"),
    ("escape", "close without changing the filter"),
]


def all_binding_ids() -> set[str]:
    from .widgets.detail import DetailPane
    from .widgets.vim_list import VIM_KEYS

    return {b.id for b in APP + TIMELINE + DETAIL + SOURCES + READER + LANES + VIEW + VIM_KEYS
            + DetailPane.BINDINGS if b.id}
