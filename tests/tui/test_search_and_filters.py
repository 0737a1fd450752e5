"""Pilot tests of the search and the filters a demanding user expects: several words,
accents and case that do not count, the matches highlighted in the rows and the detail
pane, find (f, then n / N) that filters nothing, a regular expression after a leading /,
and the filters by status, tag, location, a single outlet, and the actors and kinds
left out. With a property: whatever is set by keys, the explorer shows the events
`timeline list` prints for the same options."""

import asyncio
import concurrent.futures
import contextlib
import io
import json
import threading

import pytest
from conftest import EVENTS
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from textual.widgets import Input, Static

from timeline import cli
from timeline.filters import choices
from timeline.loader import load
from timeline.search import normalize
from timeline.tui.app import make_app
from timeline.tui.screens.help import HelpScreen
from timeline.tui.screens.picker import PickerScreen
from timeline.tui.widgets.detail import DetailPane, SourceList
from timeline.tui.widgets.timeline_view import TimelineView

from test_app import detail_text, header, plain, selected, shown_ids


@pytest.fixture
def timeline():
    return load(EVENTS)


def mentions(timeline, event, *words) -> bool:
    """Whether every word is in the event's id, title, summary, location, quotes or actors."""
    names = [n for a in event.actor_ids for n in (timeline.actors[a].names() if a in timeline.actors else [a])]
    fields = normalize("\n".join([event.id, event.title, event.summary or "", event.location or "",
                                  *[c.quote for c in event.sources], *names]))
    return all(normalize(word) in fields for word in words)


def ids_where(timeline, predicate) -> list[str]:
    return [e.id for e in timeline.events if predicate(e)]


def highlighted(renderable) -> list[str]:
    """The parts of a renderable drawn as matches (bold and reversed), as drawn."""
    console = Console(width=100, file=io.StringIO())
    segments = console.render(renderable, console.options)
    return [seg.text for seg in segments if seg.style and seg.style.reverse and seg.style.bold]


def row_highlights(app) -> dict[str, list[str]]:
    """For each event row on screen, the parts of it drawn as matches."""
    view = app.main.query_one(TimelineView)
    found = {}
    for y in range(view.scrollable_content_region.height):
        row = y + view.scroll_offset.y
        if row < len(view.rows) and view.rows[row] >= 0:
            strip = view.render_line(y)
            parts = [seg.text for seg in strip if seg.style and seg.style.reverse and seg.style.bold]
            found[app.timeline.ids[view.rows[row]]] = parts
    return found


def pane_highlights(app) -> list[str]:
    """The parts of the detail pane (the event, its quotes) drawn as matches."""
    pane = app.main.query_one(DetailPane)
    parts = []
    for widget in pane.query(Static):  # the quotes too, each a Static of its own
        if widget.display:
            parts += highlighted(widget.content)
    return parts


# --- several words, in any order, whatever the case and accents --------------------------------

async def test_search_finds_the_events_holding_every_word_in_any_order(timeline):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"Kadyrov Peskov")
        expected = ids_where(timeline, lambda e: mentions(timeline, e, "kadyrov", "peskov"))
        assert expected and shown_ids(app) == expected
        assert "text: “Kadyrov” and “Peskov”" in header(app)
        await pilot.press("enter")
        await pilot.press("slash", *(["backspace"] * 14), *"peskov kadyrov", "enter")
        assert shown_ids(app) == expected


ACCENTED = """
    title: Accents
    sources: {wire: {outlet: Wire, published: 2016-02-09}, paper: {outlet: Paper, published: 2016-02-10}}
    actors: {basayev: {name: Šamil Basáyev}}
    events:
      - {id: accented, date: 2016-02-01, kind: claim, title: Kadýrov’s men in Grozny, actors: [basayev],
         sources: [{source: wire, quote: "the Préfet said so"}]}
      - {id: plain, date: 2016-02-02, kind: statement, title: KADYROV answers,
         sources: [{source: paper, quote: "no comment"}]}
      - {id: other, date: 2016-02-03, kind: other, title: Nothing here, sources: [{source: paper, quote: "quiet"}]}
"""


async def test_search_ignores_case_and_accents_both_ways(write):
    timeline = load(write("accents.yaml", ACCENTED))
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"kadyrov")
        assert shown_ids(app) == ["accented", "plain"]
        app.main.query_one("#search", Input).value = "KADÝROV"
        await pilot.pause()
        assert shown_ids(app) == ["accented", "plain"]
        app.main.query_one("#search", Input).value = "samil prefet"
        await pilot.pause()
        assert shown_ids(app) == ["accented"]
        await pilot.pause(0.1)  # the detail pane follows once the cursor has rested a frame
        # the accented words are the ones highlighted, as written: the actor in the row,
        # the actor and the quote in the detail pane
        assert row_highlights(app)["accented"] == ["Šamil"]
        assert sorted(pane_highlights(app)) == ["Préfet", "Šamil"]


# --- highlighted in the rows and in the detail pane ------------------------------------------

async def test_matches_are_highlighted_in_the_rows_and_the_detail_pane(timeline):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"peskov spokesman", "enter")
        await pilot.pause()
        rows = row_highlights(app)
        assert rows and all(rows.values()) is not None
        # every row shown holds the words; the titles that name Peskov show it highlighted
        titled = [e.id for e in timeline.events if e.id in rows and "peskov" in e.title.lower()]
        assert titled and all("Peskov" in "".join(rows[i]) for i in titled)
        pane = pane_highlights(app)
        assert any(p.lower() == "peskov" for p in pane) and any(p.lower() == "spokesman" for p in pane)
        await pilot.press("r")  # no search: nothing highlighted
        await pilot.pause()
        assert not any(row_highlights(app).values()) and pane_highlights(app) == []


async def test_a_quote_shows_its_match_highlighted(timeline):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"spy network", "enter")
        view = app.main.query_one(TimelineView)
        view.select_event(timeline.by_id["kadyrov-claims-spy-network-inside-is"])
        await pilot.pause()
        quotes = [entry.content for entry in app.main.query_one(SourceList).quotes]
        assert any({"spy", "network"} <= set(highlighted(q)) for q in quotes)


# --- find: n / N step through the matches without filtering -----------------------------------

async def test_find_highlights_and_steps_through_matches_without_filtering(timeline):
    app = make_app(timeline)
    matches = ids_where(timeline, lambda e: mentions(timeline, e, "peskov"))
    assert len(matches) >= 3
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f", *"Peskov")
        total = len(timeline.events)
        assert shown_ids(app) == [e.id for e in timeline.events]  # nothing filtered
        assert f"{total} of {total} events" in header(app)
        assert selected(app).id == matches[0]  # the first match from where find was opened
        assert app.main.query_one("#search", Input).border_title == f"{len(matches)} events match"
        await pilot.press("enter")
        assert app.main.query_one(TimelineView).has_focus
        await pilot.press("n")
        assert selected(app).id == matches[1]
        await pilot.press("n")
        assert selected(app).id == matches[2]
        await pilot.press("N", "N")
        assert selected(app).id == matches[0]
        await pilot.press("N")  # before the first: round to the last
        assert selected(app).id == matches[-1]
        assert any("from the bottom" in n.message for n in app._notifications)
        await pilot.press("n")
        assert selected(app).id == matches[0]
        assert any("Peskov" in "".join(parts) for parts in row_highlights(app).values())
        await pilot.press("escape")  # Esc clears the find: no highlight, nothing else changed
        await pilot.pause()
        assert not any(row_highlights(app).values())
        assert shown_ids(app) == [e.id for e in timeline.events]


async def test_n_goes_on_from_the_cursor(timeline):
    app = make_app(timeline)
    matches = [timeline.by_id[i] for i in ids_where(timeline, lambda e: mentions(timeline, e, "peskov"))]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f", *"peskov", "enter")
        view = app.main.query_one(TimelineView)
        view.select_event(matches[0] + 1)  # just past the first match
        await pilot.press("n")
        assert view.selected_event == min(m for m in matches if m > matches[0] + 1)


async def test_escape_in_find_puts_the_cursor_and_the_find_back(timeline):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("G")
        last = selected(app).id
        await pilot.press("f", *"karimov")
        assert selected(app).id != last
        await pilot.press("escape")
        assert selected(app).id == last
        assert app.main.find_text == "" and not app.main.query_one("#search", Input).display


async def test_n_with_only_a_search_steps_through_its_events(timeline):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"kremlin", "enter")
        shown = shown_ids(app)
        await pilot.press("n")
        assert selected(app).id == shown[1]


async def test_n_with_nothing_to_find_says_how(timeline):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        assert selected(app) is timeline.events[0]
        assert any("f finds without filtering" in n.message for n in app._notifications)


async def test_find_that_matches_nothing_says_so_and_keeps_the_cursor(timeline):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "f", *"zzzqqq")
        assert selected(app) is timeline.events[2]
        assert app.main.query_one("#search", Input).border_title == "no event shown matches"


# --- a regular expression ----------------------------------------------------------------------

async def test_a_leading_slash_in_the_search_makes_a_regular_expression(timeline):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", "slash", *"peskov|karimov")
        expected = ids_where(timeline, lambda e: mentions(timeline, e, "peskov") or mentions(timeline, e, "karimov"))
        assert shown_ids(app) == expected
        assert "text matching /peskov|karimov/" in header(app)


async def test_a_regular_expression_not_valid_yet_keeps_the_events_and_says_why(timeline):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", "slash", *"kadyrov")
        before = shown_ids(app)
        await pilot.press("left_parenthesis")
        search = app.main.query_one("#search", Input)
        assert shown_ids(app) == before
        assert "missing )" in search.border_subtitle
        await pilot.press("right_parenthesis")
        assert search.border_subtitle is None and shown_ids(app) == before


# --- filters by status, tag, location, single outlet; actors and kinds left out ---------------

async def pick(pilot, key: str, typed: str) -> None:
    await pilot.press(key)
    assert isinstance(pilot.app.screen, PickerScreen)
    await pilot.press(*typed, "enter")


@pytest.mark.parametrize("key, typed, wanted, words", [
    ("S", "disputed", lambda e: e.status == "disputed", "status: disputed"),
    ("number_sign", "espionage", lambda e: "espionage" in e.tags, "tag: espionage"),
    ("at", "Syria", lambda e: e.location == "Syria", "location: Syria"),
])
async def test_status_tag_and_location_pickers(timeline, key, typed, wanted, words):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pick(pilot, key, typed)
        assert shown_ids(app) == ids_where(timeline, wanted) and shown_ids(app)
        assert words in header(app)


async def test_1_shows_only_events_a_single_outlet_reports_and_again_all(timeline):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1")
        expected = ids_where(timeline, lambda e: len(timeline.outlets(e)) == 1)
        assert shown_ids(app) == expected and 0 < len(expected) < len(timeline.events)
        assert "single outlet" in header(app)
        await pilot.press("1")
        assert len(shown_ids(app)) == len(timeline.events) and "single outlet" not in header(app)


async def test_capital_a_and_t_leave_out_actors_and_kinds(timeline):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pick(pilot, "A", "Peskov")
        assert shown_ids(app) == ids_where(timeline, lambda e: "peskov" not in e.actor_ids)
        assert "not actor: Dmitry Peskov" in header(app)
        await pick(pilot, "T", "claim")
        assert shown_ids(app) == ids_where(timeline, lambda e: "peskov" not in e.actor_ids and e.kind != "claim")
        assert "not kind: claim" in header(app)
        await pilot.press("escape")  # Esc takes back the last filter set
        assert "not kind: claim" not in header(app) and "not actor: Dmitry Peskov" in header(app)


async def test_the_help_lists_the_new_keys_and_the_search_syntax(timeline):
    app = make_app(timeline)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = plain(app.screen.query(Static).last().content, width=100)
        for words in ("Filter by status", "Filter by tag", "Filter by location", "single outlet",
                      "Leave out the events of the actors", "Leave out the events of the kinds",
                      "Find without filtering", "Next event that matches", '"a phrase"', "/expression"):
            assert words in text, words


# --- the explorer and `timeline list` agree ------------------------------------------------------

def _listed(args: list[str]) -> list[str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["list", str(EVENTS), *args, "--format", "json"]) == 0
    return [e["id"] for e in json.loads(out.getvalue())]


BUNDLED = load(EVENTS)
PICKERS = {"S": ("statuses", "--status"), "number_sign": ("tags", "--tag"), "at": ("locations", "--location"),
           "A": ("not_actors", "--not-actor"), "T": ("not_kinds", "--not-kind"), "a": ("actors", "--actor")}
CHOICES = {key: [c.value for c in choices(BUNDLED, {"not_actors": "actors", "not_kinds": "kinds"}.get(n, n))]
           for key, (n, _) in PICKERS.items()}
WORDS = ["kadyrov", "Peskov", "chechen", "spy", "syria", "islamic", "Russia"]


@st.composite
def settings_by_keys(draw):
    """A few filters, each set once, as (keys to press, the same as `list` options). A
    picker's choice is reached with ↓ (among its first dozen: each key costs a repaint);
    the search's words are pasted into the bar."""
    steps = []
    for key in draw(st.lists(st.sampled_from(sorted(PICKERS)), max_size=3, unique=True)):
        place = draw(st.integers(0, min(12, len(CHOICES[key])) - 1))
        steps.append(([key, *["down"] * place, "enter"], [PICKERS[key][1], CHOICES[key][place]]))
    if draw(st.booleans()):
        steps.append((["1"], ["--single-outlet"]))
    words = " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=2, unique=True)))
    if words:
        steps.append((["slash", f"paste:{words}", "enter"], ["--search", words]))
    return draw(st.permutations(steps))


class Explorer:
    """One explorer on the bundled events for every example (an app a time would take
    seconds each), run in a thread of its own: each example's keys are pressed, after
    `r`, in the task that opened the app, and the events it shows come back."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.started = concurrent.futures.Future()
        self.thread = threading.Thread(target=self.loop.run_until_complete, args=(self._session(),))
        self.thread.start()
        self.started.result(timeout=60)

    async def _session(self):
        self.requests: asyncio.Queue = asyncio.Queue()
        async with make_app(load(EVENTS)).run_test(size=(120, 40)) as pilot:
            self.started.set_result(True)
            while (request := await self.requests.get()) is not None:
                keys, answer = request
                try:
                    await pilot.press("r")  # from no filter at all
                    for key in keys:
                        await self._press(pilot, key)
                    await pilot.pause()
                    answer.set_result(shown_ids(pilot.app))
                except Exception as error:  # noqa: BLE001 - handed to the test, which fails with it
                    answer.set_exception(error)

    @staticmethod
    async def _press(pilot, key: str) -> None:
        """A key, or "paste:TEXT": the text pasted where the cursor is, as a terminal does."""
        if key.startswith("paste:"):
            pilot.app.screen.focused.insert_text_at_cursor(key[len("paste:"):])
        else:
            await pilot.press(key)

    def shown_after(self, keys: list[str]) -> list[str]:
        answer = concurrent.futures.Future()
        self.loop.call_soon_threadsafe(self.requests.put_nowait, (keys, answer))
        return answer.result(timeout=60)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.requests.put_nowait, None)
        self.thread.join(timeout=60)
        self.loop.close()


@pytest.fixture(scope="module")
def explorer():
    explorer = Explorer()
    yield explorer
    explorer.close()


@settings(max_examples=12, deadline=None)
@given(steps=settings_by_keys())
def test_the_explorer_shows_what_list_prints_for_the_same_filters(explorer, steps):
    keys = [key for step_keys, _ in steps for key in step_keys]
    options = [option for _, step_options in steps for option in step_options]
    assert explorer.shown_after(keys) == _listed(options)
