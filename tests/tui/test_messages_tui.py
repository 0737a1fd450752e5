"""Messages that teach, in the explorer: going to a date with no event, a date filter that
ends before it starts, a broken save (issue 12)."""

from conftest import EVENTS, told
from test_app import selected
from test_live_reload import copy_events, wait_for
from textual.widgets import Input

from timeline.loader import load
from timeline.query import Query
from timeline.tui.app import make_app
from timeline.tui.screens.prompts import DateRangeScreen, GotoDateScreen


async def test_going_to_a_day_with_no_event_says_so_and_lands_on_the_nearest():
    app = make_app(load(EVENTS))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("colon", *"3 Mar 2016", "enter")
        assert selected(app).id == "russia-one-documentary"  # 10 Feb 2016, not 20 Aug 2018 after it
        assert told(app) == ["No event on 3 Mar 2016; nearest: 10 Feb 2016, 22 days before (next: 20 Aug 2018)."]


async def test_going_to_a_day_an_interval_spans_lands_on_it():
    app = make_app(load(EVENTS))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("colon", *"21 Aug 2018", "enter")
        assert selected(app).id == "is-claims-chechnya-police-attacks"
        assert told(app) == ["No event on 21 Aug 2018; at 20–22 Aug 2018, which spans it."]


async def test_going_to_a_day_with_an_event_says_nothing():
    app = make_app(load(EVENTS))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("colon", *"10 Feb 2016", "enter")
        assert selected(app).id == "russia-one-documentary" and told(app) == []


async def test_going_to_a_date_under_a_filter_says_no_event_is_shown_there():
    app = make_app(load(EVENTS), query=Query(actors=("peskov",)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("colon", *"1 Jan 2016", "enter")
        assert told(app)[0].startswith("No event shown on 1 Jan 2016; nearest: ")
        assert "peskov" in selected(app).actor_ids


async def test_a_typed_date_in_another_order_is_refused_in_the_go_to_prompt():
    app = make_app(load(EVENTS))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("colon", *"3/4/2016", "enter")
        assert isinstance(app.screen, GotoDateScreen)
        assert str(app.screen.query_one("#goto-error").render()) == (
            "'3/4/2016' is not a date: write year-month-day, like 2016-02-28")


async def test_a_date_filter_that_ends_before_it_starts_is_refused_naming_both():
    app = make_app(load(EVENTS))
    async with app.run_test(size=(120, 40)) as pilot:
        shown = len(app.main.query_one("#timeline").shown)
        await pilot.press("d", *"2018", "tab", *"2016", "enter")
        assert isinstance(app.screen, DateRangeScreen)  # still open, to be put right
        assert str(app.screen.query_one("#dates-error").render()) == (
            "from 2018 is after to 2016: no event can fall between them; swap the two dates")
        assert app.screen.query_one("#date-from", Input).value == "2018"
        await pilot.press("escape")
        assert len(app.main.query_one("#timeline").shown) == shown and not app.main.filters.order


async def test_a_save_with_a_tab_for_indentation_shows_the_same_words_in_the_banner(tmp_path):
    path = copy_events(tmp_path)
    good = path.read_text(encoding="utf-8")
    app = make_app(load(path))
    app.reload_interval = 0.05
    async with app.run_test(size=(120, 40)) as pilot:
        broken = good.replace("\n    kind: ", "\n\tkind: ", 1)
        path.write_text(broken, encoding="utf-8")
        banner = app.main.query_one("#reload-error")
        assert await wait_for(pilot, lambda: banner.display)
        line = broken[:broken.index("\tkind")].count("\n") + 1
        assert str(banner.render()).splitlines()[1] == (
            f"{path}:{line}:1: YAML indents with spaces, not tabs; replace the tab with spaces")


async def test_a_json_lines_save_with_bad_lines_lists_them_all_in_the_banner(tmp_path):
    from timeline.export import export_text

    timeline = load(EVENTS)
    lines = export_text("jsonl", timeline, list(timeline.events), []).splitlines()
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    app = make_app(load(path))
    app.reload_interval = 0.05
    async with app.run_test(size=(120, 40)) as pilot:
        for number in (5, 9, 30):  # three lines lose their closing brace
            lines[number - 1] = lines[number - 1][:-1]
        lines[11] = lines[11].replace('"kind": "', '"kind": "x', 1)  # and one holds an event with a bad kind
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        banner = app.main.query_one("#reload-error")
        assert await wait_for(pilot, lambda: banner.display)
        shown = str(banner.render()).splitlines()
    assert shown[0].startswith("The file changed and cannot be read (4 errors)")
    assert [line.split(":")[1] for line in shown[1:4]] == ["5", "9", "12"]  # in file order, the kind's among them
    assert "unknown kind 'x" in shown[3]
    assert shown[4] == "... and 1 more: 1 error"


async def test_a_message_shows_text_from_the_file_or_the_keyboard_as_written():
    """Textual reads a message as markup unless told not to: '[b]' would vanish and the
    rest turn bold, and a '[' without its end would end the message with an error."""
    from textual.widgets._toast import Toast

    app = make_app(load(EVENTS))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f", *"[b]zz[/b] [nothing", "enter", "n")
        await pilot.pause()
        shown = " ".join(str(Toast(note).render()) for note in app._notifications)  # as its toast reads
        assert "No event shown matches “[b]zz[/b] [nothing”." in shown
