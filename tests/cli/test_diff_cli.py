"""`timeline diff OLD NEW`, on two versions of the bundled file: the second made by
editing a copy (events added and removed, a quote changed, a date moved, an id changed,
a source and an actor), as a colleague's update would. Exit 0 when the same, 1 when they
differ, 2 when either file cannot be read (its problems as `check` prints them)."""

import json

import pytest
import yaml
from conftest import EVENTS, run


def write(path, document) -> str:
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(path)


@pytest.fixture
def versions(tmp_path):
    """The bundled file, and a copy edited: what was changed, by id."""
    document = yaml.safe_load(EVENTS.read_text(encoding="utf-8"))
    events = document["events"]
    linked = {r["event"] for e in events for r in e.get("related", ())}
    free = [e for e in events if e["id"] not in linked and not e.get("related")]  # no link breaks
    removed, renamed = free[0], free[1]
    events.remove(removed)
    quoted, moved = free[2], free[3]
    old_quote = quoted["sources"][0]["quote"]
    quoted["sources"][0]["quote"] = old_quote + " (corrected)"
    old_date, moved["date"] = moved["date"], "2016-02-10~"
    renamed_from, renamed["id"] = renamed["id"], renamed["id"] + "-renamed"
    added = dict(free[4], id="new-event", title="A new event", date="2018-08-24")
    events.append(added)
    document["sources"]["moscowtimes-2018-08-23"]["headline"] = "A corrected headline"
    document["actors"]["newcomer"] = {"name": "New Comer"}
    new = write(tmp_path / "new.yaml", document)
    return str(EVENTS), new, dict(removed=removed["id"], quoted=quoted["id"], old_quote=old_quote,
                                  moved=moved["id"], old_date=str(old_date), renamed_from=renamed_from,
                                  renamed=renamed["id"])


def test_the_same_file_and_its_reformatted_or_converted_copies_have_no_differences(tmp_path):
    same = write(tmp_path / "same.yaml", yaml.safe_load(EVENTS.read_text(encoding="utf-8")))
    converted = tmp_path / "same.jsonl"
    assert run("export", str(EVENTS), "--format", "jsonl", "-o", str(converted)).returncode == 0
    for other in (str(EVENTS), same, str(converted)):
        result = run("diff", str(EVENTS), other)
        assert (result.returncode, result.stderr) == (0, ""), other
        assert result.stdout.splitlines()[-1] == "no differences"
        assert json.loads(run("diff", str(EVENTS), other, "--format", "json").stdout)["same"] is True


def test_an_update_shows_each_change(versions):
    old, new, changed = versions
    result = run("diff", old, new)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == [f"--- {old}: 51 events", f"+++ {new}: 51 events"]
    assert "+ event new-event: 24 Aug 2018 — A new event" in lines
    assert any(line.startswith(f"- event {changed['removed']}: ") for line in lines)
    quoted = lines.index(next(line for line in lines if line.startswith(f"~ event {changed['quoted']}: ")))
    block = lines[quoted + 1:quoted + 3]
    assert block[0].endswith(json.dumps(changed["old_quote"] + " (corrected)", ensure_ascii=False))
    assert block[0].startswith("    + quote [") and block[1].startswith("    - quote [")
    assert block[1].endswith(json.dumps(changed["old_quote"], ensure_ascii=False))
    moved = lines.index(next(line for line in lines if line.startswith(f"~ event {changed['moved']}: ")))
    assert lines[moved + 1].startswith("    date moved: ") and \
        lines[moved + 1].endswith(f" → 10 Feb 2016~ ({changed['old_date']} → 2016-02-10~)")
    assert any(line.startswith(f"+ event {changed['renamed']}: ") and
               line.endswith(f"(the title and date of {changed['renamed_from']}, removed: its id changed?)")
               for line in lines)
    assert "~ source moscowtimes-2018-08-23" in lines
    assert any(line.startswith('    headline: "') and line.endswith(' → "A corrected headline"') for line in lines)
    assert "+ actor newcomer" in lines and '    name: "New Comer"' in lines
    assert lines[-1] == "events: 2 added, 2 removed, 2 changed; sources: 1 changed; actors: 1 added"


def test_the_json_report_says_the_same(versions):
    old, new, changed = versions
    result = run("diff", old, new, "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["same"] is False and (report["old"], report["new"]) == (old, new)
    assert sorted(e["id"] for e in report["added"]) == sorted([changed["renamed"], "new-event"])
    assert sorted(e["id"] for e in report["removed"]) == sorted([changed["removed"], changed["renamed_from"]])
    by_id = {c["id"]: c for c in report["changed"]}
    assert set(by_id) == {changed["quoted"], changed["moved"]}
    assert by_id[changed["moved"]]["fields"] == {"date": {"old": changed["old_date"], "new": "2016-02-10~"}}
    quotes = by_id[changed["quoted"]]["lists"]["sources"]
    assert [q["quote"] for q in quotes["added"]] == [changed["old_quote"] + " (corrected)"]
    assert [q["quote"] for q in quotes["removed"]] == [changed["old_quote"]]
    assert report["renamed"] == {changed["renamed"]: changed["renamed_from"]}
    assert {(e["what"], e["id"], e["change"]) for e in report["entries"]} == \
        {("source", "moscowtimes-2018-08-23", "changed"), ("actor", "newcomer", "added")}


def test_either_files_problems_are_said_as_check_says_them_and_exit_2(tmp_path):
    document = yaml.safe_load(EVENTS.read_text(encoding="utf-8"))
    del document["corpus"]  # not beside the copies: `check` would warn of it
    document["events"][0]["kind"] = "atack"
    old = write(tmp_path / "old.yaml", document)
    del document["events"][1]["title"]
    new = write(tmp_path / "new.yaml", document)
    result = run("diff", old, new)
    assert result.returncode == 2 and result.stdout == ""
    expected = [line for path in (old, new) for line in run("check", path).stderr.splitlines()]
    assert result.stderr.splitlines() == expected
    assert any(line.startswith(f"{old}:") for line in expected) and any(line.startswith(f"{new}:") for line in expected)
    missing = run("diff", str(EVENTS), str(tmp_path / "nowhere.yaml"))
    assert missing.returncode == 2 and "nowhere.yaml" in missing.stderr


def test_a_hostile_file_is_refused_with_its_line_and_nothing_raw_is_written():
    hostile = EVENTS.parent / "tests" / "hostile" / "escape-clear-screen.yaml"
    for old, new in ((EVENTS, hostile), (hostile, EVENTS)):
        result = run("diff", str(old), str(new))
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr.startswith(f"{hostile}:11:") and "\x1b" not in result.stderr
        assert "Traceback" not in result.stderr
