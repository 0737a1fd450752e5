"""Export (JSON Lines, TimelineJS, CSV, Markdown) and ACLED-style CSV import."""

import io
import json
import os
from csv import DictReader
from pathlib import Path

from conftest import ACLED_SAMPLE, EVENTS, run

from timeline.loader import load


def test_export_command_with_filters_and_output(tmp_path):
    out = tmp_path / "peskov.md"
    result = run("export", "events.yaml", "--format", "markdown", "--actor", "Peskov", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    peskov = [e for e in load(EVENTS).events if "peskov" in e.actor_ids]
    assert text.count('\n- <a id="event-') == len(peskov)


def test_export_never_writes_over_its_input(tmp_path):
    """Not by its name, another path to it, a hard link or a symbolic link; not with --force."""
    copy = tmp_path / "events.yaml"
    copy.write_bytes(EVENTS.read_bytes())
    os.link(copy, tmp_path / "hard.yaml")
    (tmp_path / "soft.yaml").symlink_to(copy)
    for out in ("events.yaml", "./events.yaml", "hard.yaml", "soft.yaml"):
        for force in ((), ("--force",)):
            result = run("export", str(copy), "--format", "jsonl", "-o", out, *force, cwd=tmp_path)
            assert result.returncode == 2, (out, force)
            assert result.stderr == f"timeline: {Path(out)}: that is the input file; choose another name for the output\n"
            assert copy.read_bytes() == EVENTS.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.yaml", "hard.yaml", "soft.yaml"]


def test_import_replaces_an_existing_file_only_with_force_and_never_its_input(tmp_path):
    out = tmp_path / "imported.jsonl"
    out.write_text("old", encoding="utf-8")
    refused = run("import", str(ACLED_SAMPLE), "-o", str(out), "--skip-bad")
    assert refused.returncode == 2 and out.read_text(encoding="utf-8") == "old"
    assert f"timeline: {out} exists already; choose a new name, or add --force to replace it" in refused.stderr
    assert run("import", str(ACLED_SAMPLE), "-o", str(out), "--skip-bad", "--force").returncode == 0
    assert len(load(out).events) == 4
    csv = tmp_path / "acled.jsonl"  # a CSV by its content, whatever its name
    csv.write_bytes(ACLED_SAMPLE.read_bytes())
    result = run("import", str(csv), "-o", str(csv), "--skip-bad", "--force")
    assert result.returncode == 2 and "that is the input file" in result.stderr
    assert csv.read_bytes() == ACLED_SAMPLE.read_bytes()


def test_import_command_writes_nothing_when_rows_are_bad(tmp_path):
    out = tmp_path / "imported.jsonl"
    result = run("import", str(ACLED_SAMPLE), "-o", str(out))
    assert result.returncode == 2
    assert f"{ACLED_SAMPLE}:5:1: row cannot be read" in result.stderr
    assert "nothing written" in result.stderr and not out.exists()


def test_import_command_with_skip_bad_writes_a_file_that_loads(tmp_path):
    out = tmp_path / "imported.yaml"
    result = run("import", str(ACLED_SAMPLE), "-o", str(out), "--skip-bad", "--title", "Syria, Feb 2016")
    assert result.returncode == 0, result.stderr
    assert "4 events imported, 6 rows skipped" in result.stderr
    timeline = load(out)
    assert timeline.title == "Syria, Feb 2016"
    assert [e.id for e in timeline.events] == ["SYR104", "SYR100", "SYR101", "SYR109"]
    assert run("check", str(out)).returncode == 0
    again = run("import", str(ACLED_SAMPLE), "-o", str(out), "--skip-bad")
    assert again.returncode == 2 and "exists already" in again.stderr


def test_not_an_acled_csv_is_a_clear_error(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    result = run("import", str(path), "-o", str(tmp_path / "x.jsonl"))
    assert result.returncode == 2
    assert "not an ACLED-style CSV: no column event_date, event_type" in result.stderr


def test_a_filtered_jsonl_export_reads_back(tmp_path):
    out = tmp_path / "peskov.jsonl"
    result = run("export", "events.yaml", "--format", "jsonl", "--actor", "Peskov", "-o", str(out))
    assert result.returncode == 0 and "links to events outside the export left out" in result.stderr
    again = run("check", str(out))
    assert again.returncode == 0, again.stderr
    assert len(load(out).events) == len([e for e in load(EVENTS).events if "peskov" in e.actor_ids])


def test_export_replaces_an_existing_file_only_with_force(tmp_path):
    out = tmp_path / "out.csv"
    out.write_text("old", encoding="utf-8")
    refused = run("export", "events.yaml", "--format", "csv", "--kind", "denial", "-o", str(out))
    assert refused.returncode == 2
    assert refused.stderr == f"timeline: {out} exists already; choose a new name, or add --force to replace it\n"
    assert out.read_text(encoding="utf-8") == "old"
    result = run("export", "events.yaml", "--format", "csv", "--kind", "denial", "-o", str(out), "--force")
    assert result.returncode == 0 and out.read_text(encoding="utf-8").startswith("id,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_a_jsonl_export_of_sources_given_in_place_passes_check(tmp_path):
    """Sources given in place under outlet names, all dated (so a header could hold them
    but for their ids): the export passes `timeline check` and lists the same events."""
    events = tmp_path / "inline.jsonl"
    events.write_text(
        '{"id": "e1", "date": "2016-02-09", "kind": "other", "title": "T", '
        '"sources": [{"source": "The Times", "quote": "q", "published": "2016-02-09"}]}\n'
        '{"id": "e2", "date": "2016-02-10", "kind": "other", "title": "U", '
        '"sources": [{"source": "The Times", "quote": "r", "published": "2016-02-10"}, {"source": "AP", "quote": "s", "published": "2016"}]}\n',
        encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run("export", str(events), "--format", "jsonl", "-o", str(out)).returncode == 0
    checked = run("check", str(out))
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith(f"{out}: 2 events, 3 sources")
    assert run("list", str(out), "--format", "json").stdout == run("list", str(events), "--format", "json").stdout


HEADER = "event_id_cnty,event_date,time_precision,event_type,source,notes\n"


def test_import_of_a_year_0000_reports_the_row_and_writes_what_check_passes(tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text(HEADER + "A1,2016-02-09,1,Battles,SANA,Clashes.\nA2,0000-01,3,Battles,SANA,Clashes.\n",
                    encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = run("import", str(path), "-o", str(out), "--skip-bad")
    assert result.returncode == 0
    assert f"{path}:3:1: row cannot be read: event_date '0000-01': year 0 is out of range (1 to 9999)" in result.stderr
    checked = run("check", str(out))
    assert checked.returncode == 0, checked.stderr


def test_import_of_a_cell_over_128_kib_is_a_message_and_exit_2(tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text(HEADER + "A1,2016-02-09,1,Battles,SANA,Clashes.\n"
                    + f'A2,2016-02-09,1,Battles,SANA,"{"x" * 200_000}"\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    for skip in ((), ("--skip-bad",)):
        result = run("import", str(path), "-o", str(out), *skip)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert result.stderr.startswith(f"{path}:3:1: a cell of this row is over 131,072 characters")
        assert not out.exists()


# --- ACLED's notes: its paraphrase, never a quote; a file that checks without a warning -----

STRIKE_NOTES = "On 9 February 2016, Russian aircraft struck positions in Raqqa. 12 reported killed."


def test_an_imported_file_checks_with_no_warning_and_its_notes_are_never_a_quote(tmp_path):
    for name in ("acled.yaml", "acled.jsonl"):
        out = tmp_path / name
        assert run("import", str(ACLED_SAMPLE), "-o", str(out), "--skip-bad").returncode == 0
        checked = run("check", str(out))
        assert (checked.returncode, checked.stderr) == (0, "")  # not a warning: the actors are registered
        assert checked.stdout == f"{out}: 4 events, 5 sources, 4 actors; 0 errors, 0 warnings\n"
    written = (tmp_path / "acled.yaml").read_text(encoding="utf-8")
    assert "quote:" not in written and f"paraphrase: {STRIKE_NOTES}" in written
    markdown = run("export", str(tmp_path / "acled.yaml"), "--format", "markdown").stdout
    assert "“" not in markdown  # no quotation marks: nothing in it is a quote
    assert f"  - paraphrase, not the article's words: {STRIKE_NOTES}" in markdown and "  >" not in markdown
    rows = list(DictReader(io.StringIO(run("export", str(tmp_path / "acled.yaml"), "--format", "csv").stdout)))
    cited = [c for row in rows for c in json.loads(row["quotes"])]
    assert cited and all("quote" not in c and c["paraphrase"] for c in cited)
    assert STRIKE_NOTES in [row["notes"] for row in rows]
    tjs = run("export", str(tmp_path / "acled.yaml"), "--format", "timelinejs").stdout
    assert "blockquote" not in tjs and "Paraphrase, not the article's words:" in tjs


def test_an_imported_file_checked_against_a_corpus_says_its_paraphrases_are_not_checked(tmp_path):
    out = tmp_path / "acled.yaml"
    run("import", str(ACLED_SAMPLE), "-o", str(out), "--skip-bad")
    (tmp_path / "articles").mkdir()
    checked = run("check", str(out), "--corpus", str(tmp_path / "articles"))
    assert (checked.returncode, checked.stderr) == (0, "")  # nothing to look for, so nothing missing
    assert "0 of 0 quotes found verbatim" in checked.stdout
    assert "(5 paraphrases not checked: not the articles' words)" in checked.stdout


def test_import_tells_every_problem_of_a_row_in_the_order_of_the_rows(tmp_path):
    result = run("import", str(ACLED_SAMPLE), "-o", str(tmp_path / "x.yaml"))
    lines = result.stderr.splitlines()
    at = [n for n, line in enumerate(lines) if line.startswith(f"{ACLED_SAMPLE}:11:1: ")]
    assert [lines[n].split(": ", 1)[1] for n in at] == [
        "row cannot be read: event_date '2016-02-31' is not a date like 2016-02-09 or 9 February 2016",
        "row cannot be read: fatalities should be a whole number from 0 to 1,000,000,000,000,000, not 'many'",
        "warning: actor1 is empty, where every ACLED event names one; check the row"]
    assert at == [at[0], at[0] + 1, at[0] + 2]  # together, after the rows before
    assert lines[at[0] - 1].startswith(f"{ACLED_SAMPLE}:10:1: ")
    assert f"{ACLED_SAMPLE}: 6 rows cannot be read; nothing written" in result.stderr


def test_an_export_of_no_events_is_refused_with_the_reason(tmp_path):
    """Filters that match nothing would give a report that seems to have found nothing."""
    out = tmp_path / "none.md"
    for output in ((), ("-o", str(out))):
        result = run("export", "events.yaml", "--format", "markdown", "--kind", "denial", "--search", "zzzz", *output)
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr == ("timeline: no event matches the filters (kind: denial; text: “zzzz”), "
                                 "so there is nothing to export\n")
    assert not out.exists()


def test_a_parquet_export_opens_checks_and_lists_as_its_source(tmp_path):
    out = tmp_path / "events.parquet"
    exported = run("export", str(EVENTS), "--format", "parquet", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    checked = run("check", str(out))
    assert checked.returncode == 0 and checked.stdout.startswith(f"{out}: 51 events, 5 sources"), checked.stderr
    assert run("list", str(out)).stdout == run("list", str(EVENTS)).stdout
    assert run("export", str(out), "--format", "jsonl").stdout == run("export", str(EVENTS), "--format", "jsonl").stdout


def test_a_parquet_export_wants_a_file(tmp_path):
    result = run("export", str(EVENTS), "--format", "parquet")
    assert result.returncode == 2 and "-o OUT.parquet" in result.stderr
