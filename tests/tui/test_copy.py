"""Copy (y, Y) and open a link (O): what reaches the clipboard, what is said, and where a
link goes, on the main screen, in the detail pane's quotes and in the reader."""

import pytest
from conftest import told
from test_app import plain
from test_snapshots import app as snapshot_app
from test_sources import select
from textual.widgets import Static
from textual.widgets._toast import Toast

from timeline.export import to_markdown
from timeline.loader import load
from timeline.tui.app import make_app
from timeline.tui.screens.copy import LinkScreen, YankScreen
from timeline.tui.screens.reader import ReaderScreen

EVENTS = """
title: Links
corpus: .
sources:
  wire: {outlet: Wire Service, headline: "Officials claim the *bridge* was destroyed", published: 2020-03-03,
         url: "https://example.org/wire?id=1", file: wire.txt}
  paper: {outlet: The Paper, headline: Governor denies, published: 2020-03-04, url: "javascript:alert(1)"}
  leaflet: {outlet: A leaflet, published: 2020-03-05}
events:
  - id: bridge-claim
    date: 2020-03-02
    kind: claim
    title: Ministry claims it destroyed the bridge
    status: disputed
    sources:
      - {source: wire, quote: "The ministry said on Monday that its forces had destroyed the bridge."}
      - {source: paper, quote: "called the claim a fabrication"}
  - id: bracketed
    date: 2020-03-03
    kind: statement
    title: A quote with the writer's words in brackets
    sources:
      - {source: wire, quote: "it will contribute to safety in [the] entire world [b]"}
  - id: leaflet-event
    date: 2020-03-05
    kind: report
    title: A leaflet says so
    sources:
      - {source: leaflet, paraphrase: "the leaflet says the bridge stands"}
"""

ARTICLE = "Officials spoke.\n\nThe ministry said on Monday that its forces had destroyed the bridge.\n"


@pytest.fixture
def links(write):
    write("wire.txt", ARTICLE)
    return load(write("events.yaml", EVENTS))


@pytest.fixture
def opened(monkeypatch):
    """The links handed to the browser; as if there were one here (a display)."""
    urls = []
    monkeypatch.setattr("textual.app.App.open_url", lambda app, url, new_tab=True: urls.append(url))
    monkeypatch.setenv("DISPLAY", ":0")
    for name in ("BROWSER", "SSH_CONNECTION", "SSH_TTY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    return urls


async def test_Y_copies_the_citation_as_the_markdown_export_writes_it(links):
    app = make_app(links)
    async with app.run_test(size=(120, 40)) as pilot:
        select(app, "bridge-claim")
        await pilot.press("Y")
        copied = app.clipboard
        assert copied.splitlines()[0] == "**2 Mar 2020** — Ministry claims it destroyed the bridge. *(disputed)*"
        assert ("Wire Service, *Officials claim the \\*bridge\\* was destroyed*, 3 Mar 2020, "
                "<https://example.org/wire?id=1>") in copied
        assert "> The ministry said on Monday that its forces had destroyed the bridge." in copied
        assert "> called the claim a fabrication" in copied
        # the export's own lines for the article and the quote, word for word
        export = to_markdown(links, [links.event("bridge-claim")])
        assert "**[1]** Wire Service, *Officials claim the \\*bridge\\* was destroyed*, 3 Mar 2020, " \
               "<https://example.org/wire?id=1>" in export
        assert "  > The ministry said on Monday that its forces had destroyed the bridge." in export
        assert "Copied the citation: **2 Mar 2020** — Ministry claims it destroyed" in told(app)[-1]


async def test_y_opens_a_menu_and_a_second_key_copies(links):
    app = make_app(links)
    async with app.run_test(size=(120, 40)) as pilot:
        select(app, "bridge-claim")
        await pilot.press("y")
        menu = app.screen
        assert isinstance(menu, YankScreen)
        lines = [plain(w.content, 100) for w in menu.query(Static).filter(".choice")]
        assert lines[0].startswith("c y  citation  **2 Mar 2020**")
        assert lines[1].startswith("q    quote     The ministry said on Monday")
        assert lines[2].startswith("i    id        bridge-claim")
        assert lines[3].startswith("l    link      https://example.org/wire?id=1")
        await pilot.press("q")
        assert app.screen is app.main
        assert app.clipboard == "The ministry said on Monday that its forces had destroyed the bridge."
        await pilot.press("y", "i")
        assert app.clipboard == "bridge-claim"
        assert "Copied the id: bridge-claim" in told(app)[-1]
        await pilot.press("y", "l")
        assert app.clipboard == "https://example.org/wire?id=1"
        await pilot.press("y", "y")  # as vim's yy: the citation
        assert app.clipboard.startswith("**2 Mar 2020**")
        await pilot.press("y", "escape")
        assert app.screen is app.main and app.clipboard.startswith("**2 Mar 2020**")


async def test_in_the_quotes_the_copy_is_of_the_quote_in_focus(links):
    app = make_app(links)
    async with app.run_test(size=(120, 40)) as pilot:
        select(app, "bridge-claim")
        await pilot.press("enter")  # into the detail pane's quotes
        await pilot.press("j")  # the second quote: The Paper's
        await pilot.press("y", "q")
        assert app.clipboard == "called the claim a fabrication"
        await pilot.press("Y")
        assert "The Paper, *Governor denies*, 4 Mar 2020" in app.clipboard
        assert "Wire Service" not in app.clipboard  # that quote's citation only


async def test_the_message_shows_a_quote_as_written_brackets_and_all(links):
    app = make_app(links)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        select(app, "bracketed")
        await pilot.press("y", "q")
        assert app.clipboard == "it will contribute to safety in [the] entire world [b]"
        assert "Copied the quote: it will contribute to safety in [the] entire…" in told(app)[-1]
        await pilot.pause()
        shown = " ".join(plain(toast.render(), 100) for toast in app.screen.query(Toast))  # as it is drawn
        assert "[the] entire" in shown


async def test_nothing_to_copy_is_said_and_copies_nothing(links):
    app = make_app(links)
    async with app.run_test(size=(120, 40)) as pilot:
        select(app, "leaflet-event")
        await pilot.press("y", "q")
        assert app.clipboard == ""
        assert "Nothing to copy: its sources are paraphrases, not quotes." in told(app)[-1]
        await pilot.press("Y")
        assert "- paraphrase, not the article's words: the leaflet says the bridge stands" in app.clipboard


async def test_O_opens_the_link_where_there_is_a_browser(links, opened):
    app = make_app(links)
    async with app.run_test(size=(120, 40)) as pilot:
        select(app, "bridge-claim")
        await pilot.press("O")
        assert opened == ["https://example.org/wire?id=1"]
        assert "Opening https://example.org/wire?id=1" in told(app)[-1]


async def test_O_without_a_browser_shows_the_link_to_copy(links, opened, monkeypatch):
    monkeypatch.delenv("DISPLAY")
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 22 10.0.0.2 22")
    app = make_app(links)
    async with app.run_test(size=(120, 40)) as pilot:
        select(app, "bridge-claim")
        await pilot.press("O")
        assert opened == []
        dialog = app.screen
        assert isinstance(dialog, LinkScreen)
        assert plain(dialog.query_one("#link-url").content, 100).strip() == "https://example.org/wire?id=1"
        await pilot.press("y")
        assert app.clipboard == "https://example.org/wire?id=1"
        assert app.screen is app.main


async def test_a_link_that_is_not_http_is_never_opened(links, opened):
    app = make_app(links)
    async with app.run_test(size=(120, 40)) as pilot:
        select(app, "bridge-claim")
        await pilot.press("enter", "j")  # The Paper's quote: its link is javascript:
        await pilot.press("O")
        assert opened == []
        dialog = app.screen
        assert isinstance(dialog, LinkScreen)
        assert "Not a web (http or https) link" in plain(dialog.query_one(".error").content, 100)
        await pilot.press("escape")
        assert app.screen is not dialog


async def test_the_reader_copies_the_quote_in_focus_and_opens_its_article(links, opened):
    app = make_app(links)
    async with app.run_test(size=(120, 40)) as pilot:
        select(app, "bridge-claim")
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("y", "q")
        assert app.clipboard == "The ministry said on Monday that its forces had destroyed the bridge."
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("Y")
        assert app.clipboard.startswith("**2 Mar 2020**") and "The Paper" not in app.clipboard
        await pilot.press("O")
        assert opened == ["https://example.org/wire?id=1"]


async def test_a_link_is_shown_with_its_control_characters_escaped(links):
    # The file format refuses control characters, so none comes from a file; the dialog
    # shows whatever it is given as text all the same.
    app = make_app(links)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LinkScreen("https://example.org/\x1b]52;c;eA==\x07", "Not opened:", refused=True))
        await pilot.pause()
        assert plain(app.screen.query_one("#link-url").content, 100).strip() == "https://example.org/␛]52;c;eA==␇"


def test_snapshot_copy_menu_80x24(snap_compare):
    assert snap_compare(snapshot_app(), terminal_size=(80, 24), press=["j", "y"])


def test_snapshot_link_without_a_browser_50x15(snap_compare, monkeypatch):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER", "SSH_CONNECTION", "SSH_TTY"):
        monkeypatch.delenv(name, raising=False)
    assert snap_compare(snapshot_app(), terminal_size=(50, 15), press=["O"])
