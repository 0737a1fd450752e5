"""A JSON Lines export reads back as the same events, whatever valid file it came from;
so does a CSV export through `timeline import`.

The files are drawn by the strategies of test_loader_paths (YAML with registries, JSON
Lines with or without a header, sources given in place); and by one of sources given in
place under names that are no slugs, which a header's registry cannot hold.
"""

import json

from conftest import EVENTS, ROOT, run
from hypothesis import HealthCheck, assume, given, settings, strategies as st
from test_loader_paths import contents, events_file, examples, jsonl_text, yaml_text

from timeline.export import to_csv, to_jsonl
from timeline.loader import load
from timeline.model import KINDS
from timeline.own_csv import events_file_text, read_own_csv
from timeline.problems import LoadError

EXPORT_SAMPLE = ROOT / "tests" / "core" / "data" / "export" / "events.yaml"
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


# --- CSV -> import -> JSON Lines ----------------------------------------------------------

def used(timeline) -> str:
    """What a timeline's events hold and name: the events, and the sources, actors and
    kinds they use. A CSV is its events: a source no event cites, an actor no event
    names, a kind no event has, and the title, are not in it. A date_basis, summary or
    location that is an empty text is an empty cell, which reads as none."""
    events = [e.to_record()[:13] for e in timeline.events]
    events = [r[:4] + tuple(None if r[i] == "" else r[i] for i in (4, 5)) + r[6:7] + (r[7] or None,) + r[8:9]
              + (tuple(c[:2] for c in r[9]), tuple(x[:2] for x in r[10])) + r[11:13] for r in events]
    named = {a.actor for e in timeline.events for a in e.actors} | \
        {f.claimed_by for e in timeline.events for f in e.figures if f.claimed_by}
    cited = {c.source for e in timeline.events for c in e.sources}
    kinds = {e.kind for e in timeline.events}
    return repr((events, sorted((i, s) for i, s in timeline.sources.items() if i in cited),
                 sorted((i, a) for i, a in timeline.actors.items() if i in named),
                 sorted((k, d) for k, d in timeline.kinds.items() if k in kinds and k not in KINDS)))


def through_csv(timeline, folder, yaml: bool = False):
    """The timeline exported as CSV, imported, and exported as JSON Lines, loaded."""
    result = read_own_csv(to_csv(timeline, list(timeline.events)), "export.csv")
    assert result.problems == [] and not result.unreadable
    out = folder / ("back.yaml" if yaml else "back.jsonl")
    out.write_text(events_file_text(result, "Imported", yaml=yaml), encoding="utf-8")
    again = folder / "again.jsonl"
    again.write_text(to_jsonl(load(out), list(load(out).events)), encoding="utf-8")
    return load(again)


def test_the_bundled_file_comes_back_from_its_csv(tmp_path):
    timeline = load(EVENTS)
    direct = tmp_path / "direct.jsonl"
    direct.write_text(to_jsonl(timeline, list(timeline.events)), encoding="utf-8")
    for yaml in (False, True):
        back = through_csv(timeline, tmp_path, yaml)
        assert used(back) == used(load(direct)) == used(timeline)
        assert [e.kind for e in back.events] == [e.kind for e in timeline.events]
        assert sum(len(e.sources) for e in back.events) == sum(len(e.sources) for e in timeline.events) == 100


def test_the_export_sample_comes_back_from_its_csv(tmp_path):
    """Figures with qualifiers, claimants and dates, a declared kind, an actor named twice
    with two roles, one not registered, a quote with a line break, every kind of date."""
    sample = load(EXPORT_SAMPLE)
    back = through_csv(sample, tmp_path)
    assert used(back) == used(sample)
    assert back.kinds["hearing"] == "a court hearing"
    assert [f.qualifier for f in back.event("strikes").figures] == ["at least", "exactly"]


def test_csv_export_import_and_jsonl_export_by_the_commands(tmp_path):
    """What a user types: export the CSV, import it, export JSON Lines: the same events
    line for line as a JSON Lines export of the file itself, and a file `check` passes."""
    csv_file, imported = tmp_path / "events.csv", tmp_path / "imported.yaml"
    assert run("export", "events.yaml", "--format", "csv", "-o", str(csv_file)).returncode == 0
    result = run("import", str(csv_file), "-o", str(imported))
    assert result.returncode == 0, result.stderr
    assert result.stderr.endswith("events.csv: 51 events imported, 0 rows skipped\n")
    checked = run("check", str(imported))
    assert checked.returncode == 0 and "; 0 errors, 0 warnings" in checked.stdout
    direct = run("export", "events.yaml", "--format", "jsonl").stdout.splitlines()
    back = run("export", str(imported), "--format", "jsonl").stdout.splitlines()
    assert back[1:] == direct[1:]  # the header: its own title, the registries in another order
    header, original = json.loads(back[0]), json.loads(direct[0])
    assert header["title"] == "Imported from events.csv"
    assert header["sources"] == original["sources"] and header["actors"] == original["actors"]


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events_file(), st.sampled_from(["events.yaml", "events.jsonl", "header.jsonl"]), st.booleans())
def test_any_valid_file_comes_back_from_its_csv(tmp_path_factory, top, name, yaml):
    folder = tmp_path_factory.mktemp("csv")
    path = folder / name
    text = yaml_text(top) if name.endswith(".yaml") else jsonl_text(top, header=name == "header.jsonl")
    path.write_text(text, encoding="utf-8")
    try:
        timeline = load(path)
    except LoadError:
        return  # not a valid file: nothing to export
    # a declared kind with no description is a kind the CSV cannot tell from a misspelt one
    assume(all(timeline.kinds[e.kind] for e in timeline.events if e.kind not in KINDS))
    assert used(through_csv(timeline, folder, yaml)) == used(timeline)
