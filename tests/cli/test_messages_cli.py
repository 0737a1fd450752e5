"""Messages that teach, on the command line: each mistake a new user makes is named at its
place, in words that say how to fix it, by every command alike (issue 12)."""

import json
from pathlib import Path

import pytest
from conftest import EVENTS, run

TAB_FILE = (Path(__file__).resolve().parent.parent / "hostile" / "tab-indent.yaml").read_text(encoding="utf-8")
GOOD_FILE = TAB_FILE.replace("\tkind", "    kind")

COMMANDS = (["check"], ["list"], ["export", "--format", "jsonl"], [])  # [] opens the explorer


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0] if c else "app")
def test_a_tab_in_yaml_is_named_the_same_by_every_command(tmp_path, command):
    path = tmp_path / "events.yaml"
    path.write_text(TAB_FILE, encoding="utf-8")
    result = run(*command[:1], str(path), *command[1:], timeout=60)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        f"{path}:10:1: YAML indents with spaces, not tabs; replace the tab with spaces")


def test_a_tab_inside_a_quote_is_accepted(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(GOOD_FILE.replace('"He spoke"', '"He\tspoke"'), encoding="utf-8")
    result = run("check", str(path))
    assert result.returncode == 0, result.stderr
    assert json.loads(run("export", str(path), "--format", "jsonl").stdout.splitlines()[1])["sources"][0][
        "quote"] == "He\tspoke"


# --- a date written day/month/year -----------------------------------------------------------

@pytest.mark.parametrize("option", ["--from", "--to"])
@pytest.mark.parametrize("text", ["31/02/2021", "02/31/2021", "3/4/2021"])
def test_a_date_option_in_another_order_is_quoted_whole_and_never_guessed(option, text):
    result = run("list", "events.yaml", option, text)
    assert result.returncode == 2
    assert f"'{text}' is not a date: write year-month-day, like 2021-02-28" in result.stderr


def test_a_date_in_the_file_in_another_order_is_quoted_whole(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(GOOD_FILE.replace("date: 2016-02-08", "date: 31/02/2021"), encoding="utf-8")
    result = run("check", str(path))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{path}:8:11: bad date in 'date': '31/02/2021' is not a date: write year-month-day, like 2021-02-28"]


# --- JSON Lines: every bad line ----------------------------------------------------------------

def jsonl_lines() -> list[str]:
    return run("export", str(EVENTS), "--format", "jsonl").stdout.splitlines()


def test_check_reports_every_bad_line_of_json_lines_and_sums_up(tmp_path):
    lines = jsonl_lines()
    lines[3] = lines[3][:-1]  # the closing brace lost
    lines[10] = lines[10].replace('"kind": "', '"kind": "x', 1)
    lines[20] = lines[20][:-1]
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("check", str(path))
    assert result.returncode == 2
    told = result.stderr.splitlines()
    assert [line.split(": ")[0] for line in told] == [f"{path}:4:{len(lines[3]) + 1}", f"{path}:11:1",
                                                      f"{path}:21:{len(lines[20]) + 1}"]
    assert "this line is not valid JSON" in told[0] and "unknown kind 'x" in told[1]
    events = len(lines) - 1 - 3  # not the header, nor the three bad lines
    assert result.stdout.startswith(f"{path}: {events} events,") and result.stdout.endswith(
        "; 3 errors, 0 warnings\n")


def test_a_json_lines_file_of_many_bad_lines_shows_the_first_and_counts_the_rest(tmp_path):
    lines = [line[:-1] for line in jsonl_lines()[1:]] * 5  # 255 lines, every one without its brace
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for command in (["check"], ["list"]):
        result = run(*command, str(path))
        assert result.returncode == 2
        told = result.stderr.splitlines()
        assert told[199].startswith(f"{path}:200:") and told[200] == f"... and {len(lines) - 200} more"


# --- --from after --to -------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["list"], ["export", "--format", "csv"], []], ids=["list", "export", "app"])
def test_from_after_to_is_refused_naming_both(command):
    result = run(*command[:1], "events.yaml", *command[1:], "--from", "2018", "--to", "2016", timeout=60)
    assert result.returncode == 2
    assert result.stderr == ("timeline: --from 2018 is after --to 2016: no event can fall between them; "
                             "swap the two dates\n")
    assert result.stdout == ""


def test_from_and_to_in_the_same_year_are_fine():
    result = run("list", "events.yaml", "--from", "2016-02", "--to", "2016")
    assert result.returncode == 0 and "russia-one-documentary" in result.stdout
