"""A JSON Lines export reads back as the same events, whatever valid file it came from.

The files are drawn by the strategies of test_loader_paths (YAML with registries, JSON
Lines with or without a header, sources given in place); and by one of sources given in
place under names that are no slugs, which a header's registry cannot hold.
"""

import json

from hypothesis import HealthCheck, given, settings, strategies as st
from test_loader_paths import contents, events_file, examples, jsonl_text, yaml_text

from timeline.export import to_jsonl
from timeline.loader import load
from timeline.problems import LoadError

OUTLETS = ["Reuters", "The Times", "AP (2)", "Le Monde"]
PUBLISHED = ["2016-02-09", "2016-02", "2015-10-02~", "../2015-03"]


def held(timeline) -> str:
    """What a timeline holds, its sources and actors in the order of their ids: the export
    writes events in time order, so what they bring in place (sources given there, actors
    no registry names) comes in another order, and a registry's order says nothing once
    every event reads as before. Without the corpus: a folder relative to the events file,
    which an export written elsewhere does not carry."""
    timeline.corpus = None
    timeline.sources = dict(sorted(timeline.sources.items()))
    timeline.actors = dict(sorted(timeline.actors.items()))
    return contents(timeline, lines=False)


def reads_back_the_same(path, folder) -> None:
    """When `path` loads, its export loads too, to the same title, sources, actors and events."""
    try:
        timeline = load(path)
    except LoadError:
        return  # not a valid file: nothing to export
    out = folder / "out.jsonl"
    out.write_text(to_jsonl(timeline, list(timeline.events)), encoding="utf-8")
    assert held(load(out)) == held(timeline)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events_file(), st.sampled_from(["events.yaml", "events.jsonl", "header.jsonl"]))
def test_any_valid_file_reads_back_from_its_json_lines(tmp_path_factory, top, name):
    folder = tmp_path_factory.mktemp("roundtrip")
    path = folder / name
    text = yaml_text(top) if name.endswith(".yaml") else jsonl_text(top, header=name == "header.jsonl")
    path.write_text(text, encoding="utf-8")
    reads_back_the_same(path, folder)


@st.composite
def inline_citation(draw):
    citation = {"source": draw(st.sampled_from(OUTLETS)), "quote": "the words"}
    for key, pool in (("published", PUBLISHED), ("outlet", OUTLETS), ("headline", ["H", "Other"])):
        if draw(st.booleans()):
            citation[key] = draw(st.sampled_from(pool))
    return citation


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.lists(inline_citation(), min_size=1, max_size=3), min_size=1, max_size=5))
def test_sources_given_in_place_read_back_dated_or_not(tmp_path_factory, citations):
    folder = tmp_path_factory.mktemp("inline")
    lines = [json.dumps({"id": f"e{n}", "date": f"2016-02-{n + 1:02d}", "kind": "other", "title": "T",
                         "sources": cited}) for n, cited in enumerate(citations)]
    path = folder / "events.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reads_back_the_same(path, folder)
