"""Dates of the new forms in an events file: times of day (with and without their zones),
unspecified digits and seasons read alike on every road, list in time order, keep that
order through the cache, filter by the moment and export what they say."""

import json

import pytest
from conftest import ROOT

from timeline.cache import load_cached, save
from timeline.dates import parse_date
from timeline.export import time_precision, to_jsonl, to_timelinejs
from timeline.loader import load, load_with_problems
from timeline.query import Query, Searcher

DATES = ROOT / "tests" / "core" / "data" / "dates" / "events.yaml"

# By the earliest possible day; on one day, the event without a time first, then the timed
# in the order of their instants (05:00 in Moscow is 02:00 UTC, before 04:00 UTC); each
# stays on the day written (23:30 in New York is 04:30 UTC the next day).
IN_TIME_ORDER = ["some-year", "that-day", "five-in-moscow", "four-utc", "five-local", "late-in-new-york",
                 "some-day-in-october", "next-day-moscow", "winter", "spring"]


def as_jsonl(tmp_path):
    path = tmp_path / "events.jsonl"
    path.write_text(to_jsonl(load(DATES), list(load(DATES).events)), encoding="utf-8")
    return path


def test_events_of_one_day_list_in_time_order():
    assert load(DATES).ids == IN_TIME_ORDER


def test_every_road_gives_the_same_order(tmp_path):
    exact, problems = load_with_problems(DATES, exact=True)
    assert problems == [] and exact.ids == IN_TIME_ORDER
    assert load(as_jsonl(tmp_path)).ids == IN_TIME_ORDER


def test_the_order_survives_a_warm_open(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_bytes(DATES.read_bytes())
    save(load_cached(path))
    warm = load_cached(path)
    assert warm.pending_cache is None  # from the cache
    assert warm.ids == IN_TIME_ORDER
    assert [e.date for e in warm.events] == [e.date for e in load(path).events]
    assert warm.columns() == load(path).columns()


def test_the_dates_are_kept_as_written():
    events = {e.id: e for e in load(DATES).events}
    assert events["five-in-moscow"].date.edtf() == "2015-09-30T05:00+03:00"
    assert events["five-in-moscow"].date.display() == "30 Sep 2015 05:00 +03:00"
    assert events["late-in-new-york"].date.earliest.isoformat() == "2015-09-30"  # the day as written
    assert events["spring"].date.display() == "Spring 2016"
    assert events["winter"].date.display() == "Winter 2015–16"
    assert events["some-year"].date.display() == "a year in the 2010s"
    assert events["some-day-in-october"].date.display() == "a day in Oct 2015"


def test_each_event_is_shown_under_the_month_it_sorts_in():
    """The timeline's headings are laid out by bisection on this column: it never goes down."""
    timeline = load(DATES)
    months = dict(zip(timeline.ids, timeline.month_of))
    assert list(timeline.month_of) == sorted(timeline.month_of)
    assert months["some-year"] == 201000  # the year it starts, no month
    assert months["winter"] == 201512 and months["spring"] == 201603  # the first month of a season


def test_an_open_start_of_a_year_is_shown_under_the_month_it_sorts_in(write):
    path = write("e.yaml", """
        sources: {s: {outlet: O, published: 2017}}
        events:
          - {id: a, date: 2016-12-05, date_basis: b, kind: other, title: A, sources: [{source: s, quote: q}]}
          - {id: b, date: ../2016, date_basis: b, kind: other, title: B, sources: [{source: s, quote: q}]}
    """)
    timeline = load(path)
    assert timeline.ids == ["a", "b"]  # the open start sorts by its end, 31 Dec 2016
    assert list(timeline.month_of) == [201612, 201612]


def ids_between(date_from, date_to):
    timeline = load(DATES)
    query = Query(date_from=parse_date(date_from).earliest_moment if date_from else None,
                  date_to=parse_date(date_to).latest_moment if date_to else None)
    return [timeline.ids[i] for i in Searcher(timeline).run(query)]


def test_a_filter_with_a_time_keeps_what_may_overlap_it():
    # from 04:30 UTC: the events of that day that may end at or after it (a day without a
    # time may), and the 2010s, which cover it
    assert ids_between("2015-09-30T04:30Z", None) == [
        "some-year", "that-day", "five-local", "late-in-new-york", "some-day-in-october", "next-day-moscow",
        "winter", "spring"]
    # to 05:00: those that may start at or before it
    assert ids_between(None, "2015-09-30T05:00") == ["some-year", "that-day", "five-in-moscow", "four-utc",
                                                     "five-local"]
    assert ids_between("2015-09-30T04:30Z", "2015-09-30T05:00") == ["some-year", "that-day", "five-local"]


def test_a_filter_by_the_day_keeps_every_time_of_that_day():
    assert ids_between("2015-09-30", "2015-09-30") == [
        "some-year", "that-day", "five-in-moscow", "four-utc", "five-local", "late-in-new-york"]


def test_a_season_and_the_2010s_are_filtered_by_their_range():
    assert ids_between("2016-04", "2016-04") == ["some-year", "spring"]
    assert ids_between("2016-01", "2016-01") == ["some-year", "winter"]  # winter 2015 runs to February


def test_jsonl_passes_the_dates_through():
    timeline = load(DATES)
    lines = [json.loads(line) for line in to_jsonl(timeline, list(timeline.events)).splitlines()[1:]]
    assert [line["date"] for line in lines][:4] == ["201X", "2015-09-30", "2015-09-30T05:00+03:00", "2015-09-30T04:00Z"]


def test_timelinejs_gets_the_hour_and_minute_and_says_the_rest():
    timeline = load(DATES)
    slides = {s["unique_id"]: s for s in json.loads(to_timelinejs(timeline, list(timeline.events)))["events"]}
    assert slides["five-in-moscow"]["start_date"] == {"year": 2015, "month": 9, "day": 30, "hour": 5, "minute": 0}
    assert slides["five-in-moscow"]["display_date"] == "30 Sep 2015 05:00 +03:00"  # TimelineJS has no zone
    assert slides["spring"]["start_date"] == {"year": 2016, "month": 3}  # where its range starts
    assert slides["spring"]["display_date"] == "Spring 2016"
    assert slides["some-year"]["start_date"] == {"year": 2010}
    assert slides["some-day-in-october"]["start_date"] == {"year": 2015, "month": 10}


def test_timelinejs_places_an_interval_of_seasons_from_its_first_to_its_last_month(write):
    path = write("e.yaml", """
        sources: {s: {outlet: O, published: 2017}}
        events:
          - {id: a, date: 2015-24/2016-21, date_basis: b, kind: other, title: A, sources: [{source: s, quote: q}]}
          - {id: b, date: 2015-09-30T05:00:30Z/2015-09-30T07:00Z, date_basis: b, kind: other, title: B,
             sources: [{source: s, quote: q}]}
    """)
    timeline = load(path)
    slides = {s["unique_id"]: s for s in json.loads(to_timelinejs(timeline, list(timeline.events)))["events"]}
    assert (slides["a"]["start_date"], slides["a"]["end_date"]) == ({"year": 2015, "month": 12}, {"year": 2016, "month": 5})
    assert slides["b"]["start_date"] == {"year": 2015, "month": 9, "day": 30, "hour": 5, "minute": 0, "second": 30}
    assert slides["b"]["end_date"] == {"year": 2015, "month": 9, "day": 30, "hour": 7, "minute": 0}


@pytest.mark.parametrize("event, precision", [
    ("five-in-moscow", 1),  # a day (and a time): ACLED's 1
    ("that-day", 1),
    ("some-day-in-october", 3),  # the day is unknown: a month, not a day
    ("spring", 3), ("winter", 3), ("some-year", 3),
])
def test_time_precision_stays_honest(event, precision):
    assert time_precision(load(DATES).event(event)) == precision


@pytest.mark.parametrize("value, digit", [
    ("٤٠٥", "٤, arabic-indic digit four"), ("４０５", "４, fullwidth digit four"), ("1,٠٠٠", "٠, arabic-indic digit zero"),
])
def test_a_figure_in_digits_of_another_script_is_refused(write, value, digit):
    path = write("e.yaml", f"""
        sources: {{s: {{outlet: O, published: 2016}}}}
        events:
          - id: a
            date: 2016-02-09
            date_basis: stated
            kind: report
            title: A
            sources: [{{source: s, quote: q}}]
            figures: [{{quantity: killed, value: "{value}"}}]
    """)
    _, problems = load_with_problems(path)
    assert [p.message for p in problems if p.severity == "error"] == [
        f"'value': '{value}' has a digit that is not one of 0-9 ({digit}); write the digits 0-9"]


def test_a_date_in_digits_of_another_script_is_refused_with_its_place(write):
    path = write("e.yaml", """
        sources: {s: {outlet: O, published: ٢٠١٦}}
        events:
          - {id: a, date: 2016-02-0٩, date_basis: b, kind: other, title: A, sources: [{source: s, quote: q}]}
    """)
    _, problems = load_with_problems(path)
    assert [str(p) for p in problems] == [
        f"{path}:1:37: bad date in 'published': '٢٠١٦' has a digit that is not one of 0-9 "
        "(٢, arabic-indic digit two); write the digits 0-9",
        f"{path}:3:19: bad date in 'date': '2016-02-0٩' has a digit that is not one of 0-9 "
        "(٩, arabic-indic digit nine); write the digits 0-9"]
