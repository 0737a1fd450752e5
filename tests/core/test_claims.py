"""Contested claims: which events are contested (denied, contradicted, or disputed), and
the events that answer them, in time order."""

import pytest

from timeline.claims import answer_place, answered, answers_to, contested
from timeline.dates import parse_date
from timeline.loader import load
from timeline.model import Citation, Event, Relation, Timeline

CLAIMS = """
    sources: {wire: {outlet: Wire Service, published: 2016-01-31}}
    events:
      - id: denied
        date: 2016-01-05
        kind: claim
        title: A claim three events answer
        sources: [{source: wire, quote: q}]
      - id: disputed-alone
        date: 2016-01-10
        kind: claim
        title: A claim nothing denies, disputed all the same
        status: disputed
        sources: [{source: wire, quote: q}]
      - id: answered-only
        date: 2016-01-07
        kind: claim
        title: A claim that is answered, not denied
        sources: [{source: wire, quote: q}]
      - id: followed-only
        date: 2016-01-08
        kind: claim
        title: A claim that is only followed
        status: alleged
        sources: [{source: wire, quote: q}]
      - id: denial
        date: 2016-01-20
        kind: denial
        title: Denies it
        sources: [{source: wire, quote: q}]
        related: [{type: denies, event: denied}]
      - id: contradiction
        date: 2016-01-15
        kind: statement
        title: Contradicts it and answers the other
        sources: [{source: wire, quote: q}]
        related: [{type: contradicts, event: denied}, {type: responds-to, event: answered-only},
                  {type: follows, event: followed-only}]
      - id: response
        date: 2016-01-12
        kind: statement
        title: Answers it
        sources: [{source: wire, quote: q}]
        related: [{type: responds-to, event: denied}, {type: part-of, event: disputed-alone}]
"""
# In time order: denied (5 Jan), answered-only (7), followed-only (8), disputed-alone (10),
# response (12), contradiction (15), denial (20).


@pytest.fixture
def claims(write):
    return load(write("claims.yaml", CLAIMS))


def ids(timeline, indexes):
    return [timeline.ids[i] for i in indexes]


def test_contested_claims_are_the_denied_the_contradicted_and_the_disputed(claims):
    contests = contested(claims)
    # answered-only is only answered, followed-only only followed: neither is contested
    assert ids(claims, [c.claim for c in contests]) == ["denied", "disputed-alone"]


def test_a_disputed_claim_that_nothing_denies_is_contested_with_no_answers(claims):
    [_, alone] = contested(claims)
    assert claims.ids[alone.claim] == "disputed-alone"
    assert alone.answers == []  # a part-of link is no answer


def test_a_claims_answers_come_in_time_order_with_how_they_answer(claims):
    [denied, _] = contested(claims)
    assert [(kind, claims.ids[i]) for kind, i in denied.answers] == [
        ("responds-to", "response"), ("contradicts", "contradiction"), ("denies", "denial")]


def test_a_claim_only_contradicted_is_contested(write):
    timeline = load(write("c.yaml", """
        sources: {wire: {outlet: Wire Service, published: 2016-01-31}}
        events:
          - {id: a, date: 2016-01-01, kind: claim, title: A, sources: [{source: wire, quote: q}]}
          - {id: b, date: 2016-01-02, kind: claim, title: B, sources: [{source: wire, quote: q}],
             related: [{type: contradicts, event: a}]}
    """))
    [contest] = contested(timeline)
    assert timeline.ids[contest.claim] == "a" and ids(timeline, [i for _, i in contest.answers]) == ["b"]


def test_answers_to_an_event_leave_out_other_links(claims):
    assert [(kind, claims.ids[i]) for kind, i in answers_to(claims, "answered-only")] == [
        ("responds-to", "contradiction")]
    assert answers_to(claims, "followed-only") == []
    assert answers_to(claims, "denial") == []  # nothing links to it
    assert answers_to(claims, "no-such-event") == []


def test_what_an_event_answers(claims):
    index = claims.by_id
    assert ids(claims, answered(claims, index["contradiction"])) == ["denied", "answered-only"]
    assert ids(claims, answered(claims, index["response"])) == ["denied"]  # not what it is part of
    assert answered(claims, index["denied"]) == []


def test_links_to_an_event_the_timeline_lacks_are_passed_over():
    # A timeline built in code (or from a file with errors) may link to an event it lacks
    def event(event_id, day, *related):
        return Event(event_id, parse_date(day), "claim", event_id, sources=[Citation("s", "q")],
                     related=[Relation(kind, target) for kind, target in related])

    timeline = Timeline([event("real", "2016-01-01").to_record(),
                         event("denier", "2016-01-02", ("denies", "ghost"), ("denies", "real")).to_record()])
    assert ids(timeline, answered(timeline, timeline.by_id["denier"])) == ["real"]
    assert ids(timeline, [c.claim for c in contested(timeline)]) == ["real"]


def test_within_some_events_the_disputes_they_take_part_in_each_whole(claims):
    by_id = claims.by_id
    # the denial alone: its claim's dispute, with every answer, not only the denial
    [contest] = contested(claims, within={by_id["denial"]})
    assert claims.ids[contest.claim] == "denied"
    assert ids(claims, [a for _, a in contest.answers]) == ["response", "contradiction", "denial"]
    # the claim alone: the same dispute
    assert [c.claim for c in contested(claims, within={by_id["denied"]})] == [by_id["denied"]]
    # an event in no dispute: none
    assert contested(claims, within={by_id["answered-only"], by_id["followed-only"]}) == []
    assert contested(claims, within=set(range(len(claims.events)))) == contested(claims)


def test_where_an_event_stands_in_a_dispute(claims):
    by_id = claims.by_id
    # denied's answers in time order: response (12 Jan), contradiction (15), denial (20)
    assert answer_place(claims, by_id["denied"]) == (by_id["denied"], -1)
    assert answer_place(claims, by_id["denial"]) == (by_id["denied"], 2)
    assert answer_place(claims, by_id["response"]) == (by_id["denied"], 0)
    assert answer_place(claims, by_id["disputed-alone"]) is None  # disputed, but nothing answers it
    # contradiction answers two claims, denied first (its first answering link)
    assert answer_place(claims, by_id["contradiction"]) == (by_id["denied"], 1)
    assert answer_place(claims, by_id["answered-only"]) == (by_id["answered-only"], -1)
