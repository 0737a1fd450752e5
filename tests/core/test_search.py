"""The search's refinement as you type on gives what a fresh search gives."""

from conftest import EVENTS

from timeline.loader import load
from timeline.query import Query, Searcher


def test_typing_on_gives_what_a_fresh_search_gives():
    timeline = load(EVENTS)
    typed = Searcher(timeline)
    for text in ("k", "ka", "kad", "kady", "kadyrov s", "kadyrov sa"):
        assert list(typed.run(Query(text=text))) == list(Searcher(timeline).run(Query(text=text)))
    # changing another filter starts afresh
    narrowed = typed.run(Query(text="kadyrov", kinds=("claim",)))
    assert list(narrowed) == list(Searcher(timeline).run(Query(text="kadyrov", kinds=("claim",))))
