"""diff.py: events matched by id, lists compared item by item as many times as each is."""

from timeline.dates import parse_date
from timeline.diff import diff, list_change, to_text
from timeline.model import Citation, Event, Relation, Source, Timeline


def timeline(*events: Event, title: str = "T") -> Timeline:
    return Timeline([e.to_record() for e in events], {"s": Source("s", "O", parse_date("2016-02-09"))}, title=title)


def event(event_id: str, **changes) -> Event:
    fields = dict(date=parse_date("2016-02-09"), kind="statement", title="Said", sources=[Citation("s", "words")])
    fields.update(changes)
    return Event(event_id, **fields)


def test_a_list_item_is_added_or_removed_as_many_times_as_it_is():
    change = list_change(["a", "b", "a"], ["b", "a", "c"])
    assert (change.added, change.removed, change.reordered) == (["c"], ["a"], False)
    assert list_change(["a", "b"], ["b", "a"]).reordered
    assert not list_change(["a"], ["a"]).reordered


def test_fields_links_and_quotes_each_named():
    old = timeline(event("e"), event("f"))
    new = timeline(event("e", summary="now with one", status="alleged", related=[Relation("follows", "f")],
                         sources=[Citation("s", "words"), Citation("s", None, paraphrase="in other words")]),
                   event("f"), title="U")
    result = diff(old, new)
    (change,) = result.changed
    assert change.fields == {"summary": (None, "now with one"), "status": ("reported", "alleged")}
    assert change.lists["related"].added == [{"type": "follows", "event": "f"}]
    assert change.lists["sources"].added == [{"source": "s", "paraphrase": "in other words"}]
    text = to_text(result)
    assert '    + paraphrase [s]: "in other words"' in text and "    + link: follows f" in text
    assert 'title: "T" → "U"' in text
    assert text.endswith("events: 1 changed; title changed\n")


def test_an_id_changed_is_a_removal_and_an_addition_with_a_hint():
    result = diff(timeline(event("old-id")), timeline(event("new-id")))
    assert [e["id"] for e in result.added] == ["new-id"] and [e["id"] for e in result.removed] == ["old-id"]
    assert result.renamed == {"new-id": "old-id"}
    assert not diff(timeline(event("a")), timeline(event("b", title="Other"))).renamed
