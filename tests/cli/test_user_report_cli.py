"""Problems a new user found, each pinned by a test."""

from conftest import ACLED_SAMPLE, EVENTS, run

from timeline.loader import load


def test_import_refuses_an_output_that_is_not_an_events_file(tmp_path):
    result = run("import", str(ACLED_SAMPLE), "-o", str(tmp_path / "out.txt"), "--skip-bad")
    assert result.returncode == 2 and "must be a .jsonl or a .yaml file" in result.stderr
    assert not (tmp_path / "out.txt").exists()


def test_list_source_takes_part_of_an_outlet_name():
    import json

    result = run("list", "events.yaml", "--source", "breitbart", "--format", "json")
    assert result.returncode == 0, result.stderr
    timeline = load(EVENTS)
    expected = [e.id for e in timeline.events if any(timeline.sources[c.source].outlet == "Breitbart News"
                                                      for c in e.sources)]
    assert [e["id"] for e in json.loads(result.stdout)] == expected


def test_check_counts_in_words(write):
    path = write("one.yaml", "events:\n  - {id: a, date: 2016, date_basis: x, kind: claim, title: T, "
                             "sources: [{source: S, quote: q}]}\n")
    assert "1 event, 1 source, 0 actors; 0 errors, 0 warnings" in run("check", str(path)).stdout


def test_markdown_export_says_which_events_it_holds(tmp_path):
    out = tmp_path / "p.md"
    assert run("export", "events.yaml", "--format", "markdown", "--actor", "Peskov", "-o", str(out)).returncode == 0
    timeline = load(EVENTS)
    peskov = len([e for e in timeline.events if "peskov" in e.actor_ids])
    assert f"*{peskov} of {len(timeline.events)} events: actor: Dmitry Peskov*" in out.read_text(encoding="utf-8")
