"""Reported figures side by side: each quantity's figures by the date they stand for (their
`as_of`, else the event's date), with who claimed them and which outlets reported them."""

import pytest

from timeline.dates import parse_date
from timeline.figures import FigureRow, figures_by_quantity
from timeline.loader import load

FIGURES = """
    sources:
      wire: {outlet: Wire Service, published: 2016-02-02}
      wire-2: {outlet: Wire Service, published: 2016-02-03}
      paper: {outlet: The Paper, published: 2016-02-03}
    actors:
      army: {name: The Army}
      governor: {name: The Governor}
    events:
      - id: late-report
        date: 2016-02-01
        kind: report
        title: Two tolls, one of them for mid-January
        sources: [{source: wire, quote: q}, {source: paper, quote: r}, {source: wire-2, quote: s}]
        figures:
          - {quantity: dead, value: 40, claimed_by: army}
          - {quantity: dead, value: 12, qualifier: about, as_of: 2016-01-15, claimed_by: governor,
             what: civilians killed}
      - id: early-report
        date: 2016-01-20
        kind: report
        title: Arrests, and a toll
        sources: [{source: paper, quote: q}]
        figures:
          - {quantity: arrested, value: 1500, qualifier: over, what: people held}
          - {quantity: dead, value: 30, qualifier: nearly}
      - id: no-figures
        date: 2016-01-01
        kind: report
        title: Nothing counted
        sources: [{source: paper, quote: q}]
"""


@pytest.fixture
def table(write):
    timeline = load(write("figures.yaml", FIGURES))
    return timeline, figures_by_quantity(timeline)


def test_a_figure_as_of_an_earlier_day_stands_at_that_day(table):
    timeline, by_quantity = table
    dead = by_quantity["dead"]
    # the about-12 figure comes from the 1 Feb report but stands for 15 Jan: it comes first
    assert [(row.shown_value, row.when.edtf(), timeline.ids[row.event_index]) for row in dead] == [
        ("about 12", "2016-01-15", "late-report"),
        ("nearly 30", "2016-01-20", "early-report"),
        ("40", "2016-02-01", "late-report"),
    ]


def test_quantities_come_in_the_order_of_their_first_figure(table):
    _, by_quantity = table
    # dead's first figure (15 Jan, by as_of) is before arrested's (20 Jan), whatever the alphabet says
    assert list(by_quantity) == ["dead", "arrested"]


def test_a_row_says_who_claimed_what_and_who_reported_it(table):
    _, by_quantity = table
    about_12, nearly_30, forty = by_quantity["dead"]
    assert (about_12.quantity, about_12.value, about_12.qualifier) == ("dead", 12, "about")
    assert (about_12.claimant, about_12.what) == ("The Governor", "civilians killed")
    assert about_12.outlets == ["Wire Service", "The Paper"]  # two articles of the wire count once
    assert (forty.claimant, forty.what, forty.qualifier) == ("The Army", None, "exactly")
    [arrested] = by_quantity["arrested"]
    assert (arrested.shown_value, arrested.claimant, arrested.what) == ("over 1,500", None, "people held")
    assert arrested.outlets == ["The Paper"]


def test_a_timeline_without_figures_has_no_table(write):
    timeline = load(write("none.yaml", """
        sources: {wire: {outlet: Wire Service, published: 2016-02-02}}
        events:
          - {id: a, date: 2016-01-01, kind: report, title: A, sources: [{source: wire, quote: q}]}
    """))
    assert figures_by_quantity(timeline) == {}


def test_figures_of_one_day_keep_the_order_of_their_events(write):
    timeline = load(write("same-day.yaml", """
        sources: {wire: {outlet: Wire Service, published: 2016-02-02}}
        events:
          - {id: first, date: 2016-01-01, kind: report, title: A, sources: [{source: wire, quote: q}],
             figures: [{quantity: dead, value: 5}]}
          - {id: second, date: 2016-01-01, kind: report, title: B, sources: [{source: wire, quote: q}],
             figures: [{quantity: dead, value: 3}]}
    """))
    assert [row.value for row in figures_by_quantity(timeline)["dead"]] == [5, 3]


@pytest.mark.parametrize("qualifier, value, shown", [
    ("exactly", 40, "40"),
    ("about", 12, "about 12"),
    ("over", 1500, "over 1,500"),
    ("nearly", 30, "nearly 30"),
    ("at least", 1000000, "at least 1,000,000"),
    ("up to", 2.5, "up to 2.5"),
    ("roughly", 7, "roughly 7"),  # a qualifier of its own (built in code) reads as written
])
def test_a_figure_reads_with_its_qualifier_in_words(qualifier, value, shown):
    row = FigureRow("dead", parse_date("2016"), value, qualifier, None, None, 0, [])
    assert row.shown_value == shown
