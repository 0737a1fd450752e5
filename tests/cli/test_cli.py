"""The headless CLI, run as a user runs it: a real process, its output and exit code."""

import csv
import io
import json

import pytest
import yaml
from conftest import EVENTS, SEEDS, needs_seeds, run


@needs_seeds
def test_check_bundled_events_with_corpus_finds_every_quote():
    result = run("check", "events.yaml", "--corpus", str(SEEDS))
    assert result.returncode == 0, result.stderr
    raw = yaml.safe_load(EVENTS.read_text(encoding="utf-8"))
    quotes = sum(len(e["sources"]) for e in raw["events"])
    assert f"{quotes} of {quotes} quotes found verbatim in {SEEDS}; 0 errors" in result.stdout


@needs_seeds
def test_check_names_an_altered_quote_and_what_differs(tmp_path):
    text = EVENTS.read_text(encoding="utf-8")
    original = "An extensive spy network has been set up inside Isis"
    assert original in text
    bad = tmp_path / "events.yaml"
    bad.write_text(text.replace(original, "An extensive spy-network has been set up inside ISIS"), encoding="utf-8")
    result = run("check", str(bad), "--corpus", str(SEEDS))
    assert result.returncode == 2
    assert "the quote of event 'kadyrov-claims-spy-network-inside-is' is not in " \
        "000_5086438d16222152.txt (Breitbart News) verbatim" in result.stderr
    assert "nearest: “An extensive spy network has been set up inside Isis,”" in result.stderr
    assert "differs: 'spy-network' where the article has 'spy network'; " \
        "'ISIS,\"' where the article has 'Isis,\"'" in result.stderr
    assert "Traceback" not in result.stderr


def test_list_by_actor_gives_exactly_that_actors_events():
    raw = yaml.safe_load(EVENTS.read_text(encoding="utf-8"))
    names = {"peskov"} | {n.lower() for n in [raw["actors"]["peskov"]["name"], *raw["actors"]["peskov"]["aliases"]]}

    def acts(event):
        for item in event.get("actors", []):
            name = item["actor"] if isinstance(item, dict) else item
            if name.lower() in names:
                return True
        return False

    expected = {e["id"] for e in raw["events"] if acts(e)}
    assert len(expected) >= 3
    result = run("list", "events.yaml", "--actor", "Peskov", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert {e["id"] for e in json.loads(result.stdout)} == expected


def test_list_table_is_in_time_order_with_a_header():
    result = run("list", "events.yaml", "--kind", "airstrike")
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "DATE", "KIND", "TITLE", "·", "ACTORS"]
    assert "30 Sep 2015" in lines[1] and "airstrike" in lines[1]
    assert "1 Oct 2015" in lines[2]
    assert len(lines) == 3


def test_list_csv_and_date_filters():
    result = run("list", "events.yaml", "--from", "2018", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and all(r["date_latest"] >= "2018" for r in rows)
    assert all(r["date_edtf"].startswith("2018") for r in rows)


def test_list_search_text_matches_quotes_and_titles():
    result = run("list", "events.yaml", "--search", "Karimov", "--format", "json")
    found = json.loads(result.stdout)
    assert found and all("karimov" in json.dumps(e, ensure_ascii=False).lower() for e in found)
    assert any(e["kind"] == "denial" for e in found)


def test_unknown_actor_is_a_clear_error():
    result = run("list", "events.yaml", "--actor", "Peskof")
    assert result.returncode == 2
    assert "no actor is called 'Peskof' (did you mean 'Peskov'?)" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_date_option_is_a_clear_error():
    result = run("list", "events.yaml", "--from", "someday")
    assert result.returncode == 2
    assert "'someday' is not a date" in result.stderr


@pytest.mark.parametrize("content, expected", [
    (b"", "the file is empty"),
    (b"title: [unclosed\n", "not valid YAML"),
    (b"events:\n  - id: x\n    date: 2016-99\n", "month 99 does not exist"),
    (b"\xff\xfe", "not UTF-8"),
])
def test_bad_files_exit_2_with_file_and_line_and_no_traceback(tmp_path, content, expected):
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    before = path.read_bytes()
    for command in (["check", str(path)], ["list", str(path)], [str(path)]):
        result = run(*command)
        assert result.returncode == 2, command
        assert f"{path}:" in result.stderr and expected in result.stderr
        assert "Traceback" not in result.stderr
    assert path.read_bytes() == before  # never a change to the user's files


def test_missing_file_exits_2():
    result = run("check", "no-such-file.yaml")
    assert result.returncode == 2
    assert "no-such-file.yaml:1:1: no such file" in result.stderr


def test_version_and_help():
    assert run("--version").stdout.startswith("timeline ")
    for args in (["--help"], ["check", "--help"], ["list", "--help"]):
        result = run(*args)
        assert result.returncode == 0 and "usage: timeline" in result.stdout


def test_bundled_events_match_the_project_file():
    from timeline.loader import bundled_events_path

    assert bundled_events_path().read_bytes() == EVENTS.read_bytes()


def test_default_file_is_bundled_events_outside_a_project(tmp_path):
    import os

    from timeline.loader import bundled_events_path, default_events_path

    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert default_events_path() == bundled_events_path()
    finally:
        os.chdir(here)


def test_export_to_a_missing_folder_is_a_clear_error():
    result = run("export", "events.yaml", "--format", "csv", "-o", "/no/such/folder/out.csv")
    assert result.returncode == 2
    assert "the folder /no/such/folder does not exist" in result.stderr and "Traceback" not in result.stderr


def test_app_with_a_missing_corpus_folder_is_a_clear_error():
    result = run("events.yaml", "--corpus", "/no/such/corpus")
    assert result.returncode == 2
    assert "/no/such/corpus: the corpus folder does not exist" in result.stderr
