"""The overview strip, the actor lanes, and export from the app."""

import json

import pytest
from textual.widgets import Label
from conftest import EVENTS
from test_app import selected

from timeline.loader import load
from timeline.tui.app import make_app
from timeline.tui.screens.lanes import LanesScreen
from timeline.tui.widgets.overview import Overview
from timeline.tui.widgets.timeline_view import TimelineView


@pytest.fixture
def timeline():
    return load(EVENTS)


async def test_overview_counts_every_event_and_brightens_the_filtered(timeline):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        strip = app.main.query_one(Overview)
        strip.render()
        axis = strip.axis
        day_of = timeline.first_day.__getitem__
        assert sum(axis.counts(range(len(timeline.events)), day_of)) == len(timeline.events)
        await pilot.press("a", *"Peskov", "enter")
        strip.render()
        shown = axis.counts(app.main.query_one(TimelineView).shown, day_of)
        assert sum(shown) == len([e for e in timeline.events if "peskov" in e.actor_ids])
        columns = {axis.column_of(timeline.first_day[timeline.by_id[e.id]]) for e in timeline.events
                   if "peskov" in e.actor_ids}
        assert {c for c, n in enumerate(shown) if n} == columns


async def test_clicking_the_overview_moves_to_that_time(timeline):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        strip = app.main.query_one(Overview)
        strip.render()
        target = strip.axis.column_of(timeline.event("chechnya-police-attacks").date.sort_key[0])
        await pilot.click(Overview, offset=(target * strip.stretch, 0))
        event = selected(app)
        assert strip.axis.column_of(event.date.sort_key[0]) == target
        assert event.date.sort_key[0] >= strip.axis.starts[target]


async def test_lanes_show_each_chosen_actor_and_jump(timeline):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", *"peskov", "tab", *("backspace",) * 6, *"karimov", "tab", "enter")
        await pilot.press("L")
        lanes = app.screen
        assert isinstance(lanes, LanesScreen)
        assert lanes.actors == ["peskov", "karimov"]
        for lane, actor in enumerate(lanes.actors):
            placed = sorted(i for cell in lanes.cells[lane] for i in cell)
            assert placed == timeline.index_actor[actor]  # every event of the actor, in its lane
        first = lanes.cells[0][lanes.column][0]
        await pilot.press("right")
        second_column = lanes.column
        assert lanes.cells[0][second_column] and lanes.cells[0][second_column][0] > first
        await pilot.press("down")  # Karimov's lane, same column
        assert lanes.lane == 1
        await pilot.press("up", "enter")
        assert selected(app).id == timeline.ids[lanes.cells[0][second_column][0]]


async def test_lanes_without_a_filter_take_the_busiest_actors(timeline):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("L")
        busiest = sorted(timeline.index_actor, key=lambda a: -len(timeline.index_actor[a]))[:8]
        assert app.screen.actors == busiest


async def test_export_from_the_app_writes_what_is_shown(timeline, tmp_path):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t", *"denial", "enter", "e")
        path = app.screen.query_one("#export-path")
        path.value = str(tmp_path / "denials.md")
        await pilot.press("down", "enter")  # TimelineJS
        written = tmp_path / "denials.json"
        assert written.is_file()
        document = json.loads(written.read_text(encoding="utf-8"))
        assert [s["unique_id"] for s in document["events"]] == [e.id for e in timeline.events if e.kind == "denial"]
        await pilot.press("e")
        app.screen.query_one("#export-path").value = str(written)
        await pilot.press("down", "enter")
        assert written.read_text(encoding="utf-8") == json.dumps(document, ensure_ascii=False, indent=1) + "\n"


async def test_the_export_dialog_counts_what_it_will_write(timeline):
    """Its heading is the count of the events shown, in words: one event, not '1 events'."""
    from timeline.query import Query

    for query, heading in [(Query(), f"Export the {len(timeline.events)} events shown"),
                           (Query(text="Kadyrov takes power"), "Export the 1 event shown")]:
        app = make_app(timeline, query=query)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("e")
            assert str(app.screen.query(Label).first().render()) == heading


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (50, 15)])
async def test_the_export_dialog_fits_the_screen(timeline, size):
    """All of it on the screen, down to its hint line: at 50x15 its bordered fields
    pushed the hint and the dialog's bottom off the screen."""
    app = make_app(timeline)
    async with app.run_test(size=size) as pilot:
        await pilot.press("e")
        dialog = app.screen.query_one("ExportScreen > Vertical")
        assert dialog.region.bottom <= size[1] and dialog.region.y >= 0
        assert app.screen.query(".hint").last().region.bottom <= dialog.region.bottom


async def test_the_app_and_the_command_line_write_the_same_report(timeline, tmp_path):
    """One rule for both: the same filters give the same Markdown, heading included."""
    from conftest import run

    from timeline.query import Query

    app = make_app(timeline, query=Query(actors=("peskov",), kinds=("statement", "denial")))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        app.screen.query_one("#export-path").value = str(tmp_path / "app.md")
        await pilot.press("enter")
    assert run("export", "events.yaml", "--format", "markdown", "--actor", "Peskov", "--kind", "statement",
               "--kind", "denial", "-o", str(tmp_path / "cli.md")).returncode == 0
    report = (tmp_path / "app.md").read_text(encoding="utf-8")
    assert "events: actor: Dmitry Peskov; kind: statement or denial*" in report
    assert report == (tmp_path / "cli.md").read_text(encoding="utf-8")


async def test_the_export_dialog_writes_the_html_page_the_command_line_writes(timeline, tmp_path):
    """The fifth format, chosen with the arrow keys: its extension follows, and the page
    is the one `timeline export --format html` writes with the same filters."""
    from conftest import run

    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", *"Peskov", "enter", "e")
        app.screen.query_one("#export-path").value = str(tmp_path / "peskov.md")
        await pilot.press("down", "down", "down", "down")
        assert app.screen.query_one("#export-path").value == str(tmp_path / "peskov.html")
        await pilot.press("enter")
    assert run("export", "events.yaml", "--format", "html", "--actor", "Peskov",
               "-o", str(tmp_path / "cli.html")).returncode == 0
    page = (tmp_path / "peskov.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<li>actor: Dmitry Peskov</li>" in page
    assert page == (tmp_path / "cli.html").read_text(encoding="utf-8")


async def test_a_name_that_is_taken_keeps_the_dialog_open_with_a_free_one(timeline, tmp_path, monkeypatch):
    """The dialog proposes events-export.md in the folder the app was started in; that file
    is there, so enter proposes events-export-2.md (and says why), and enter again writes it."""
    from timeline.tui.screens.prompts import ExportScreen

    monkeypatch.chdir(tmp_path)
    (tmp_path / "events-export.md").write_text("a report of mine", encoding="utf-8")
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e", "enter")
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        assert dialog.query_one("#export-path").value == str(tmp_path / "events-export-2.md")
        said = str(dialog.query_one("#export-error").render())
        assert said == "events-export.md exists already: proposed events-export-2.md instead; enter writes it, " \
                       "or change the name"
        assert (tmp_path / "events-export.md").read_text(encoding="utf-8") == "a report of mine"
        await pilot.press("enter")
        assert not isinstance(app.screen, ExportScreen)
        assert (tmp_path / "events-export-2.md").read_text(encoding="utf-8").startswith(f"# {timeline.title}")
        assert any(f"Wrote {len(timeline.events)} events to {tmp_path / 'events-export-2.md'}" in str(n.message)
                   for n in app._notifications)


async def test_a_file_that_cannot_be_written_keeps_the_dialog_open_and_says_why(timeline, tmp_path):
    from timeline.tui.screens.prompts import ExportScreen

    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        app.screen.query_one("#export-path").value = str(tmp_path / "no-such-folder" / "out.md")
        await pilot.press("enter")
        assert isinstance(app.screen, ExportScreen)
        assert "the folder" in str(app.screen.query_one("#export-error").render())
        await pilot.press("escape")
        assert not isinstance(app.screen, ExportScreen)
    assert not (tmp_path / "no-such-folder").exists()


async def test_exporting_no_events_is_refused_with_the_reason(timeline, tmp_path, monkeypatch):
    from timeline.tui.screens.prompts import ExportScreen

    monkeypatch.chdir(tmp_path)
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"zzzz", "enter", "e")
        assert not isinstance(app.screen, ExportScreen)
        assert any("No event matches the filters (text: “zzzz”), so there is nothing to export; r clears the "
                   "filters." == str(n.message) for n in app._notifications)
        await pilot.press("r", "e")  # the filters cleared: the dialog opens
        assert isinstance(app.screen, ExportScreen)
    assert list(tmp_path.iterdir()) == []
