"""Every key binding of the explorer, with an id and a description, in one place.

Each screen and widget takes its BINDINGS from here; the footer, the help screen and the
command palette read them, and the ids let users remap any key in keymap.yaml (Textual's
keymaps), so no key is handled by a hand-written `if` chain.
"""

from textual.binding import Binding

# The main screen: filters, views and moves over the timeline as a whole.
MAIN = [
    Binding("a", "pick_actors", "Actors", id="filter.actors"),
    Binding("t", "pick_kinds", "Kinds", id="filter.kinds"),
    Binding("slash", "search", "Search", id="filter.search", key_display="/"),
    Binding("d", "pick_dates", "Dates", id="filter.dates"),
    # Off the footer, which has no room for it at 80 columns; the help lists it.
    Binding("s", "pick_sources", "Sources", id="filter.sources", show=False,
            tooltip="Filter by source article (type an outlet's name to narrow)"),
    Binding("r", "clear_filters", "Reset", id="filter.clear"),
    # Off the footer too (no room): the help lists them with their tooltips.
    Binding("S", "pick('statuses')", "Status", id="filter.statuses", show=False,
            tooltip="Filter by status: reported, alleged, disputed"),
    Binding("number_sign", "pick('tags')", "Tags", id="filter.tags", show=False, key_display="#",
            tooltip="Filter by tag"),
    Binding("at", "pick('locations')", "Places", id="filter.locations", show=False, key_display="@",
            tooltip="Filter by location"),
    Binding("1", "single_outlet", "Single outlet", id="filter.single_outlet", show=False,
            tooltip="Only events a single outlet reports (again: every event)"),
    Binding("A", "pick('not_actors')", "Not actors", id="filter.not_actors", show=False,
            tooltip="Leave out the events of the actors chosen"),
    Binding("T", "pick('not_kinds')", "Not kinds", id="filter.not_kinds", show=False,
            tooltip="Leave out the events of the kinds chosen"),
    Binding("f", "find", "Find", id="find.open", show=False,
            tooltip="Find without filtering: the matches are highlighted, n / N step through them"),
    Binding("n", "step_match(1)", "Next match", id="find.next", show=False,
            tooltip="Next event that matches the find (or the search)"),
    Binding("N", "step_match(-1)", "Previous match", id="find.previous", show=False,
            tooltip="Previous event that matches the find (or the search)"),
    Binding("escape", "back", "Back", id="app.back", show=False),
    Binding("colon", "goto_date", "Go to", id="nav.goto", key_display=":", tooltip="Go to a date"),
    Binding("x", "next_answer", "Next answer", id="nav.counterpart", show=False,
            tooltip="From a claim to its first denial or answer, then to the next, in time order"),
    Binding("X", "previous_answer", "Previous answer", id="nav.counterpart_back", show=False,
            tooltip="Back to the answer before, and from the first one to the claim"),
    Binding("c", "to_claim", "To the claim", id="nav.claim", show=False,
            tooltip="From any denial or answer straight back to the claim it answers"),
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
    # The working session (session.py): kept per events file, never written into it.
    Binding("m", "toggle_mark", "Mark", id="mark.toggle", show=False,
            tooltip="Mark the selected event, or unmark it (★ in its row)"),
    Binding("apostrophe", "step_mark(1)", "Next mark", id="mark.next", show=False, key_display="'",
            tooltip="Next marked event"),
    Binding("quotation_mark", "step_mark(-1)", "Previous mark", id="mark.previous", show=False, key_display='"',
            tooltip="Previous marked event"),
    Binding("M", "marked_only", "Marked only", id="filter.marked", show=False,
            tooltip="Only the marked events (again: every event)"),
    Binding("i", "edit_note", "Note", id="note.edit", show=False,
            tooltip="Write a note on the selected event (✎ in its row; the search finds it)"),
    Binding("B", "list_marks", "Marks and notes", id="mark.list", show=False,
            tooltip="Every mark and note, those whose event is gone from the file too"),
    Binding("v", "save_view", "Save view", id="view.save", show=False,
            tooltip="Name the filters and the cursor, to come back to them"),
    Binding("V", "list_views", "Saved views", id="view.list", show=False,
            tooltip="The saved views: restore one, with the command line that gives it"),
]

# Copy and open a link, on the main screen (the selected event; in the detail pane's
# quotes, the quote) and in the reader (the quote in focus). `y` opens a menu, as
# lazygit's does; `Y` copies the citation at once.
COPY = [
    Binding("y", "copy_menu", "Copy", id="copy.menu", show=False,
            tooltip="Copy the citation (Markdown), the quote, the id or the link: a second key says which"),
    Binding("Y", "copy('citation')", "Copy citation", id="copy.citation", show=False,
            tooltip="Copy the citation as the Markdown export writes it: date, title, outlet, headline, "
                    "date, link, quote"),
    Binding("O", "open_link", "Open link", id="link.open", show=False,
            tooltip="Open the article's link in the browser (where there is none, show it to copy)"),
]
MAIN += COPY

# App-wide: on every screen, unless the screen gives the key a meaning of its own.
APP = [
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

DETAIL_PANE = [
    Binding("j,down", "scroll_down", "Down", show=False, id="pane.down"),
    Binding("k,up", "scroll_up", "Up", show=False, id="pane.up"),
    Binding("enter", "into_lists", "Sources", id="pane.sources", tooltip="Into the sources and links"),
]

RELATED = [
    Binding("enter", "follow", "Follow link", id="detail.follow"),
]

# The quotes of the detail pane; a quote longer than the pane is scrolled through first.
SOURCES = [
    Binding("enter", "read", "Read article", id="detail.read",
            tooltip="Open the article at this quote (or at its nearest passage, when it is not verbatim; "
                    "at the top, for a paraphrase)"),
    Binding("j,down", "next_quote", "Next quote", show=False, id="detail.next_quote",
            tooltip="Next quote (the rest of a long one first)"),
    Binding("k,up", "previous_quote", "Previous quote", show=False, id="detail.previous_quote"),
    Binding("g,home", "first_quote", "First quote", show=False, id="detail.first_quote"),
    Binding("G,end", "last_quote", "Last quote", show=False, id="detail.last_quote"),
]

READER = [
    Binding("n", "next_passage", "Next quote", id="reader.next"),
    # Off the footer (in help, as [ is), so that "? Help" still fits at 100 columns.
    Binding("N,p", "previous_passage", "Previous quote", show=False, id="reader.previous"),
    Binding("v", "coverage", "Coverage", id="reader.coverage", tooltip="Every event this article supports"),
    Binding("right_square_bracket", "uncited(1)", "Next uncited", id="reader.next_uncited", key_display="]",
            tooltip="Choose the next paragraph that no event cites (to draft an event from it)"),
    Binding("left_square_bracket", "uncited(-1)", "Previous uncited", show=False, id="reader.previous_uncited",
            key_display="[",
            tooltip="Choose the previous paragraph that no event cites"),
    Binding("c", "capture", "Draft event", id="reader.capture",
            tooltip="Draft an event from the chosen paragraph (else the quote's), to review and append to the file"),
    Binding("escape,q", "close", "Back", id="reader.close"),
    *COPY,
]

# The copy menu: the second key of `y`. `yy` copies the citation, as vim's yanks a line.
YANK = [
    Binding("c,y", "choose('citation')", "Citation", id="copy.citation_choice"),
    Binding("q", "choose('quote')", "Quote", id="copy.quote_choice"),
    Binding("i", "choose('id')", "Id", id="copy.id_choice"),
    Binding("l", "choose('link')", "Link", id="copy.link_choice"),
    Binding("escape", "cancel", "Close", id="copy.cancel"),
]

# A link shown because no browser could open it.
LINK = [
    Binding("y", "copy", "Copy link", id="link.copy"),
    Binding("escape,enter,q", "close", "Close", id="link.close"),
]

# The dialog that shows a drafted event before it is appended to the events file.
CAPTURE = [
    Binding("a", "append", "Append to the file", id="capture.append"),
    Binding("escape", "cancel", "Cancel", id="capture.cancel"),
]

# Every view (disputes, figures, coverage, lanes) opens on the filtered events; this key
# switches it to the whole file and back. One Binding, so one keymap entry remaps it in all.
SCOPE = Binding("f", "switch_scope", "Filtered/whole file", id="view.scope",
                tooltip="Show the events the filters let through, or the whole file")

LANES = [
    Binding("right,l", "step(1)", "Next event", id="lanes.next"),
    Binding("left,h", "step(-1)", "Previous event", id="lanes.previous"),
    Binding("down,j", "lane(1)", "Next lane", id="lanes.down"),
    Binding("up,k", "lane(-1)", "Previous lane", id="lanes.up"),
    Binding("enter", "choose", "Go to event", id="lanes.choose"),
    SCOPE,
    Binding("escape,q", "close", "Back", id="lanes.close"),
]

VIEW = [
    SCOPE,
    Binding("escape,q", "close", "Back", id="view.close"),
]

# Every list of options (the detail pane's quotes and links, the views) moves as vim does.
LIST = [
    Binding("j", "cursor_down", "Down", show=False, id="list.down"),
    Binding("k", "cursor_up", "Up", show=False, id="list.up"),
    Binding("g", "first", "First", show=False, id="list.first"),
    Binding("G", "last", "Last", show=False, id="list.last"),
]

HELP = [
    Binding("escape,q,question_mark", "close", "Close", id="help.close"),
    Binding("j,down", "scroll(1)", "Down", show=False, id="help.down"),
    Binding("k,up", "scroll(-1)", "Up", show=False, id="help.up"),
]

PICKER = [
    Binding("escape", "cancel", "Close", id="picker.cancel"),
    Binding("down", "move(1)", "Down", show=False, id="picker.down"),
    Binding("up", "move(-1)", "Up", show=False, id="picker.up"),
    # Tab chooses, as in fzf: space must stay free for typing names like "Dmitry Peskov".
    Binding("tab", "toggle", "Choose", id="picker.toggle", priority=True),
    Binding("enter", "apply", "Apply", id="picker.apply"),
]

GOTO = [Binding("escape", "cancel", "Close", id="goto.cancel")]
DATES = [Binding("escape", "cancel", "Close", id="dates.cancel")]
EXPORT = [
    Binding("escape", "cancel", "Close", id="export.cancel"),
    Binding("up", "move(-1)", "Previous format", show=False, id="export.up"),
    Binding("down", "move(1)", "Next format", show=False, id="export.down"),
]

# The note editor (i): the text area takes every other key.
NOTE = [
    Binding("ctrl+s", "save", "Keep the note", id="note.save", priority=True),
    Binding("escape", "cancel", "Cancel", id="note.cancel"),
]
NAME_VIEW = [Binding("escape", "cancel", "Close", id="view.name_cancel")]
SAVED_VIEWS = [
    Binding("enter", "restore", "Restore", id="views.restore"),
    Binding("delete,x", "delete", "Delete", id="views.delete"),
    Binding("escape,q", "close", "Back", id="views.close"),
]
MARKS = [
    Binding("enter", "choose", "Go to event", id="marks.choose"),
    Binding("escape,q", "close", "Back", id="marks.close"),
]
COMMAND_LINE = [Binding("escape,q", "close", "Close", id="command.close")]

# Keys shown on the help screen that belong to widgets Textual provides.
PICKER_HELP = [
    ("type", "narrow the list (names and aliases match)"),
    ("↑/↓", "move"),
    ("tab", "choose or unchoose (several may be chosen)"),
    ("enter", "apply (the highlighted one, if none is chosen)"),
    ("escape", "close without changing the filter"),
]


# How the search bar (`/`, and `f` to find) reads what is typed: see timeline/search.py.
SEARCH_HELP = [
    ("words", "every word, anywhere in the event, in any order; case and accents do not count"),
    ('"a phrase"', "these words together, in this order"),
    ("/expression", "a leading / makes the rest a regular expression (case and accents ignored too)"),
    ("enter", "keep the search and go back to the timeline"),
    ("escape", "cancel: the search as it was before"),
]


# The bindings that are active together, one group per screen (and, on the main screen,
# per focused pane): two of them may not share a key. A screen's own keys may take one
# that the app uses elsewhere (q closes the reader), so APP counts only on the main screen.
SCOPES = {
    "on the main screen": MAIN + TIMELINE + APP,
    "in the detail pane": MAIN + DETAIL_PANE + APP,
    "in the detail pane's quotes": MAIN + SOURCES + APP,
    "in the detail pane's links": MAIN + RELATED + LIST + APP,
    "in the article reader": READER,
    "in the actor lanes": LANES,
    "in a view": VIEW + LIST,
    "on the help screen": HELP,
    "in a picker": PICKER,
    "in go to date": GOTO,
    "in the date filter": DATES,
    "in the export dialog": EXPORT,
    "in the capture dialog": CAPTURE,
    "in the copy menu": YANK,
    "in the link dialog": LINK,
    "in the note editor": NOTE,
    "in the view's name": NAME_VIEW,
    "in the saved views": SAVED_VIEWS + LIST,
    "in the marks and notes": MARKS + LIST,
    "in the command line shown": COMMAND_LINE,
}


def binding(binding_id: str) -> Binding:
    return next(b for b in everything() if b.id == binding_id)


def everything() -> list[Binding]:
    return [binding for bindings in SCOPES.values() for binding in bindings]


def defaults() -> dict[str, str]:
    """Every binding id and its default keys."""
    return {binding.id: binding.key for binding in everything()}


def scopes() -> dict[str, list[str]]:
    """The binding ids of each scope, for the keymap's clash check."""
    return {scope: [binding.id for binding in bindings] for scope, bindings in SCOPES.items()}


def normalize(key: str) -> str:
    """A key spelled as Textual spells it: "?" is "question_mark"."""
    from textual.app import App

    return App._normalize_keymap({"key": key.strip()})["key"]
