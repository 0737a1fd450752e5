"""Messages that teach: a mistake a new user makes is named in words that say how to fix
it, quoting what was written whole (issue 12)."""

import datetime as dt

import pytest
from conftest import EVENTS

from timeline.dates import DateError, parse_date, parse_loose
from timeline.filters import date_range_problem
from timeline.goto import landing
from timeline.loader import load, load_with_problems
from timeline.model import Timeline
from timeline.parsing import TAB_INDENT, parse_yaml
from timeline.problems import LoadError

# --- a tab in a YAML file ------------------------------------------------------------------

EVENT = """\
title: Test
sources:
  wire: {outlet: Wire, published: 2016-02-10}
events:
  - id: e1
    date: 2016-02-08
    date_basis: stated
    kind: statement
    title: Kadyrov speaks
    sources:
      - {source: wire, quote: "He spoke"}
"""


@pytest.mark.parametrize("old, new, line, column", [
    ("    kind:", "\tkind:", 8, 1),  # a tab for the indentation
    ("    kind:", "  \t  kind:", 8, 3),  # spaces and a tab
    ("  - id: e1", "  -\tid: e1", 5, 4),  # after a dash
    ("      - {source", "\t- {source", 11, 1),
    ("title: Test", "\ttitle: Test", 1, 1),
    ("events:\n", "events:\n\t\n", 5, 1),  # a line of nothing but a tab
    ("title: Kadyrov speaks", "title: |\n      Kadyrov\n\tspeaks", 11, 1),  # in a block of text
])
def test_a_tab_that_indents_yaml_is_named_at_its_line_and_column(old, new, line, column):
    with pytest.raises(LoadError) as error:
        parse_yaml(EVENT.replace(old, new), "events.yaml")
    assert [str(p) for p in error.value.problems] == [
        f"events.yaml:{line}:{column}: YAML indents with spaces, not tabs; replace the tab with spaces"]


@pytest.mark.parametrize("exact", [True, False])
def test_the_tab_message_is_the_same_on_every_road(tmp_path, exact):
    path = tmp_path / "events.yaml"
    path.write_text(EVENT.replace("    kind:", "\tkind:"), encoding="utf-8")
    with pytest.raises(LoadError) as error:
        load_with_problems(path, exact=exact)
    assert [str(p) for p in error.value.problems] == [f"{path}:8:1: {TAB_INDENT}"]


def test_a_tab_inside_quotes_or_text_is_text(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(EVENT.replace('"He spoke"', '"He\tspoke"').replace("Kadyrov speaks", "Kadyrov\tspeaks"),
                    encoding="utf-8")
    for timeline in (load(path), load_with_problems(path)[0]):
        event = timeline.events[0]
        assert event.sources[0].quote == "He\tspoke" and event.title == "Kadyrov\tspeaks"


def test_a_yaml_error_that_is_no_tab_keeps_its_own_words():
    with pytest.raises(LoadError) as error:
        parse_yaml('title: "a\tb"\nnote: [unclosed\n', "events.yaml")  # a tab, but not where it stopped
    assert "this is not valid YAML" in error.value.problems[0].message


# --- a date written day/month/year ---------------------------------------------------------

@pytest.mark.parametrize("text, message", [
    ("31/02/2021", "'31/02/2021' is not a date: write year-month-day, like 2021-02-28"),
    ("02/31/2021", "'02/31/2021' is not a date: write year-month-day, like 2021-02-28"),
    ("3/4/2021", "'3/4/2021' is not a date: write year-month-day, like 2021-02-28"),
    ("3.4.2021", "'3.4.2021' is not a date: write year-month-day, like 2021-02-28"),
    ("31-02-2021", "'31-02-2021' is not a date: write year-month-day, like 2021-02-28"),
    ("3/4/21", "'3/4/21' is not a date: write year-month-day, like 2016-02-28"),  # no year to borrow
    ("2016/02/09", "'2016/02/09' is not a date: write year-month-day, like 2016-02-09"),  # in no doubt
    ("2016-2-9", "'2016-2-9' is not a date: write year-month-day, like 2016-02-09"),
    ("2021/31/02", "'2021/31/02' is not a date: write year-month-day, like 2021-02-28"),
    ("02/2021", "'02/2021' is not a date: write year-month, like 2021-02"),
])
def test_a_date_in_another_order_is_quoted_whole_and_year_month_day_asked_for(text, message):
    with pytest.raises(DateError) as error:
        parse_date(text)
    assert str(error.value) == message


@pytest.mark.parametrize("text", ["31/02/2021", "02/31/2021", "3/4/2021", "3.4.2021", "4-3-2021", "3/4/21"])
def test_a_typed_date_whose_day_and_month_could_be_either_way_round_is_never_guessed(text):
    with pytest.raises(DateError, match=rf"^'{text}' is not a date: write year-month-day, like 20\d\d-02-28$"):
        parse_loose(text)


def test_a_typed_date_in_no_doubt_is_still_read():
    assert parse_loose("2016/02/09").edtf() == "2016-02-09"
    assert parse_loose("02/2016").edtf() == "2016-02"


@pytest.mark.parametrize("text", ["2015/2016", "2016-02-08/2016-02-09", "2015-09/..", "../2015-03"])
def test_intervals_are_no_numbers_in_another_order(text):
    assert parse_date(text).interval


# --- --from after --to ---------------------------------------------------------------------

def test_a_date_range_that_ends_before_it_starts_names_both_dates():
    assert date_range_problem(parse_date("2018"), parse_date("2016")) == (
        "from 2018 is after to 2016: no event can fall between them; swap the two dates")
    assert date_range_problem(parse_date("2016-03-05"), parse_date("2016-03-01"), ("--from", "--to")) == (
        "--from 5 Mar 2016 is after --to 1 Mar 2016: no event can fall between them; swap the two dates")
    # on one day, two times the wrong way round
    assert date_range_problem(parse_date("2016-03-05T10:00Z"), parse_date("2016-03-05T09:00Z")).startswith(
        "from 5 Mar 2016 10:00 UTC is after to 5 Mar 2016 09:00 UTC")


@pytest.mark.parametrize("first, last", [
    ("2016", "2016"), ("2016-03", "2016"), ("2016", "2016-03"), ("2016-02-09", "2016-02-09"),
    ("../2016", "2015"), ("2017", "2015/.."),  # an open end is no end
    ("2016-03-05T09:00", "2016-03-05T10:00"), ("2016-03-05T10:00", "2016-03-05"), ("2016-03-05", "2016-03-05T09:00"),
])
def test_a_date_range_that_can_hold_an_event_is_fine(first, last):
    assert date_range_problem(parse_date(first), parse_date(last)) is None
    assert date_range_problem(parse_date(first), None) is None and date_range_problem(None, parse_date(last)) is None


# --- going to a date with no event -----------------------------------------------------------

def records(*dates):
    """A timeline of one event a date, its id the date."""
    return Timeline([(d, d, "other", d, None, None, (), None, "reported", (("s", "q", 0, None),), (), (), (), 1)
                     for d in dates])


def go(timeline, text, shown=None):
    found = landing(timeline, range(len(timeline.events)) if shown is None else shown, parse_loose(text))
    return timeline.ids[found.event], found.message


def test_going_to_a_day_with_an_event_lands_there_and_says_nothing():
    timeline = records("2016-03-01", "2016-03-03", "2016-03-03", "2016-03-09")
    assert go(timeline, "3 Mar 2016") == ("2016-03-03", None)
    assert go(timeline, "Mar 2016") == ("2016-03-01", None)


def test_going_to_a_day_with_no_event_says_so_and_lands_on_the_nearest():
    timeline = records("2016-03-02", "2016-03-05", "2016-05-01")
    assert go(timeline, "3 Mar 2016") == (
        "2016-03-02", "No event on 3 Mar 2016; nearest: 2 Mar 2016, 1 day before (next: 5 Mar 2016).")
    assert go(timeline, "4 Mar 2016") == (
        "2016-03-05", "No event on 4 Mar 2016; nearest: 5 Mar 2016, 1 day after (previous: 2 Mar 2016).")
    assert go(timeline, "Apr 2016") == (
        "2016-05-01", "No event in Apr 2016; nearest: 1 May 2016, 1 day after (previous: 5 Mar 2016).")


def test_a_tie_goes_to_the_later_event():
    timeline = records("2016-03-01", "2016-03-05")
    assert go(timeline, "3 Mar 2016")[0] == "2016-03-05"


def test_the_distance_is_told_in_a_unit_that_reads_at_once():
    assert "nearest: 1 Mar 2016, about 3 months before" in go(records("2016-03-01", "2019-12-20"), "2 Jun 2016")[1]
    assert "nearest: 10 Jan 2014, about 2 years before" in go(records("2014-01-10", "2019-12-20"), "Jan 2016")[1]


def test_an_event_whose_dates_span_the_day_is_where_it_lands():
    timeline = records("2016-02-20", "2016-03-01/2016-03-05", "2016-03", "2016-03-04")
    assert go(timeline, "3 Mar 2016") == (
        "2016-03-01/2016-03-05", "No event on 3 Mar 2016; at 1–5 Mar 2016, which spans it.")  # the narrower
    assert go(timeline, "20 Mar 2016") == ("2016-03", "No event on 20 Mar 2016; at Mar 2016, which spans it.")


def test_a_span_of_years_or_an_open_end_is_no_guide_to_a_day():
    timeline = records("2007/2016-02-09", "2015-09/..", "2015-10", "2015-12")
    assert go(timeline, "15 Nov 2015") == (
        "2015-10", "No event on 15 Nov 2015; nearest: Oct 2015, 15 days before (next: Dec 2015).")


def test_beyond_the_ends_it_lands_on_the_first_or_the_last():
    timeline = records("2016-03-02", "2016-03-05")
    assert go(timeline, "2099") == ("2016-03-05", "Nothing shown after 2099: at the last event, 5 Mar 2016.")
    assert go(timeline, "1990") == ("2016-03-02", "Nothing shown before 1990: at the first event, 2 Mar 2016.")


def test_only_the_events_shown_count_and_the_message_says_so():
    timeline = records("2016-03-02", "2016-03-03", "2016-03-09")
    found = landing(timeline, [0, 2], parse_loose("3 Mar 2016"), filtered=True)
    assert (timeline.ids[found.event], found.message) == (
        "2016-03-02", "No event shown on 3 Mar 2016; nearest: 2 Mar 2016, 1 day before (next: 9 Mar 2016).")
    assert landing(timeline, [], parse_loose("3 Mar 2016")) is None


def test_going_to_a_day_of_the_bundled_file_with_no_event():
    timeline = load(EVENTS)
    found = landing(timeline, range(len(timeline.events)), parse_loose("3 Mar 2016"))
    event = timeline.events[found.event]
    assert event.date.earliest == dt.date(2016, 2, 10)
    assert found.message == "No event on 3 Mar 2016; nearest: 10 Feb 2016, 22 days before (next: 20 Aug 2018)."
