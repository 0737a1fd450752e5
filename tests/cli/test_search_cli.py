"""The search and the filters on the command line, run as a user runs them: several
words, a regular expression, status, tag, location, a single outlet, and the actors and
kinds left out; the same options for `list`, `export` and the explorer."""

import json

import yaml
from conftest import EVENTS, run

from timeline.cli import _app_parser, build_query
from timeline.loader import load
from timeline.query import Query

RAW = yaml.safe_load(EVENTS.read_text(encoding="utf-8"))
RAW_BY_ID = {e["id"]: e for e in RAW["events"]}


def listed(*args) -> list[str]:
    result = run("list", "events.yaml", *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return [e["id"] for e in json.loads(result.stdout)]


def names_of(actor_id: str) -> list[str]:
    actor = RAW["actors"][actor_id]
    return [actor_id, actor["name"], *actor.get("aliases", [])]


def mentions(event: dict, word: str) -> bool:
    """Whether the word is in the event's id, title, summary, location, quotes or actors' names."""
    fields = [event["id"], event["title"], event.get("summary", ""), event.get("location", "")]
    fields += [s["quote"] for s in event["sources"]]
    for item in event.get("actors", []):
        actor = item["actor"] if isinstance(item, dict) else item
        fields += names_of(actor) if actor in RAW["actors"] else [actor]
    return any(word in str(field).lower() for field in fields)


def test_list_search_kadyrov_peskov_finds_the_events_where_both_names_appear():
    expected = {e["id"] for e in RAW["events"] if mentions(e, "kadyrov") and mentions(e, "peskov")}
    assert expected  # the bundled file has such an event
    assert set(listed("--search", "Kadyrov Peskov")) == expected
    assert set(listed("--search", "peskov KADYROV")) == expected  # in any order and case


def test_the_default_table_shows_each_events_id():
    result = run("list", "events.yaml", "--search", "Kadyrov Peskov")
    header, *rows = result.stdout.splitlines()
    assert header.split()[0] == "ID"
    assert [row.split()[0] for row in rows] == listed("--search", "Kadyrov Peskov")


def test_list_search_by_a_regular_expression():
    expected = [e.id for e in load(EVENTS).events if any(mentions(RAW_BY_ID[e.id], w) for w in ("peskov", "karimov"))]
    assert listed("--search", "/peskov|karimov") == expected


def test_a_regular_expression_that_is_not_valid_is_bad_input():
    result = run("list", "events.yaml", "--search", "/kad(")
    assert result.returncode == 2
    assert "timeline: the regular expression 'kad(' is not valid: missing )" in result.stderr
    assert "Traceback" not in result.stderr


def in_order(predicate) -> list[str]:
    """The ids of the bundled events that satisfy `predicate`, in the timeline's order."""
    return [e.id for e in load(EVENTS).events if predicate(RAW_BY_ID[e.id])]


def test_list_by_status():
    assert listed("--status", "disputed") == in_order(lambda e: e.get("status") == "disputed")
    both = listed("--status", "Alleged", "--status", "disputed")
    assert both == in_order(lambda e: e.get("status") in ("alleged", "disputed")) and both


def test_list_by_tag_and_location():
    assert listed("--tag", "espionage") == in_order(lambda e: "espionage" in e.get("tags", []))
    # a part of a location finds every location that holds it
    assert listed("--location", "chechnya") == in_order(lambda e: "chechnya" in e.get("location", "").lower())
    assert listed("--location", "chechnya")


def test_list_single_outlet():
    outlet = {sid: s["outlet"] for sid, s in RAW["sources"].items()}
    single = in_order(lambda e: len({outlet.get(s["source"], s["source"]) for s in e["sources"]}) == 1)
    assert listed("--single-outlet") == single and 0 < len(single) < len(RAW["events"])


def test_list_leaves_out_actors_and_kinds():
    def acts(event, actor_id):
        return any((a["actor"] if isinstance(a, dict) else a) in names_of(actor_id) for a in event.get("actors", []))

    assert listed("--not-actor", "Kadyrov") == in_order(lambda e: not acts(e, "kadyrov"))
    assert listed("--not-kind", "claim", "--not-kind", "denial") == in_order(
        lambda e: e["kind"] not in ("claim", "denial"))
    assert listed("--actor", "peskov", "--not-kind", "statement") == in_order(
        lambda e: acts(e, "peskov") and e["kind"] != "statement")


def test_unknown_values_say_what_was_meant():
    for args, message in ((["--status", "disputd"], "unknown status 'disputd' (did you mean 'disputed'?)"),
                          (["--tag", "espionag"], "no event is tagged 'espionag' (did you mean 'espionage'?)"),
                          (["--location", "Narnia"], "no event's location is or holds 'Narnia'"),
                          (["--not-actor", "Kadyrof"], "no actor is called 'Kadyrof' (did you mean 'Kadyrov'?)"),
                          (["--not-kind", "claims"], "unknown kind 'claims' (did you mean 'claim'?)")):
        result = run("list", "events.yaml", *args)
        assert result.returncode == 2 and message in result.stderr, (args, result.stderr)


def test_export_names_the_new_filters_in_its_heading():
    result = run("export", "events.yaml", "--format", "markdown", "--status", "disputed", "--single-outlet",
                 "--not-kind", "denial", "--search", "spying russia")
    assert result.returncode == 0, result.stderr
    head = result.stdout[:600]
    for words in ("status: disputed", "single outlet", "not kind: denial", "text: “spying” and “russia”"):
        assert words in head, (words, head)


def test_the_explorer_takes_the_same_options():
    timeline = load(EVENTS)
    args = _app_parser().parse_args(["events.yaml", "--status", "disputed", "--tag", "Kremlin", "--location",
                                     "Syria", "--single-outlet", "--not-actor", "peskov", "--not-kind", "claim"])
    assert build_query(timeline, args) == Query(statuses=("disputed",), tags=("kremlin",), locations=("Syria",),
                                                single_outlet=True, not_actors=("peskov",), not_kinds=("claim",))
