"""Whatever an ACLED-style CSV holds, `import` writes only files that `check` passes with no
warning: a row whose values cannot make a valid event is a reported bad row, never output
that fails later; and a cell too large to be ACLED's is a clear message, not a traceback."""

import csv
import io

import pytest
import yaml
from conftest import ACLED_SAMPLE
from hypothesis import HealthCheck, given, settings, strategies as st
from test_loader_paths import examples

from timeline.acled import EVENT_TYPES, MAX_CELL_CHARS, events_file_text, read_acled
from timeline.loader import load, load_with_problems

COLUMNS = ("event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
           "assoc_actor_1", "actor2", "assoc_actor_2", "location", "admin1", "country", "source", "notes",
           "fatalities")


def cell(*examples_of_it):
    """One of the given values, or any short text at all."""
    return st.one_of(st.sampled_from(examples_of_it), st.text(max_size=12))


def day_in(pattern):
    return st.dates().map(lambda day: f"{day.year:04d}" + day.strftime(pattern))


ROW = st.fixed_dictionaries({
    "event_id_cnty": cell("SYR1", "SYR1", "_x", ".x", "-", "", "SYR1-line3", "a b"),
    "event_date": st.one_of(
        cell("2016-02-09", "0000-01-01", "0000-01", "0001-01-01", "9999-12-31", "10000-01-01", "2016-02-30",
             "9 February 2016", "1 Jan 0001", "09/02/2016", "2016-13", "2016-02", "0000-00"),
        day_in("-%m-%d"), st.dates().map(lambda day: day.strftime("%d/%m/") + f"{day.year:04d}")),
    "time_precision": st.sampled_from(["", "1", "2", "3", "4", " 1"]),
    "event_type": cell(*EVENT_TYPES, "Battles", "", "Something else"),
    "sub_event_type": cell("Air/drone strike", "Armed clash", ""),
    "actor1": cell("Islamic State", "", "1.10", "true", "Kadyrov"),
    "assoc_actor_1": cell("", "Kadyrov"),
    "actor2": cell("", "kadyrov", "Islamic State"),
    "assoc_actor_2": cell(""),
    "location": cell("Raqqa", ""),
    "admin1": cell("Raqqa", ""),
    "country": cell("Syria", ""),
    "source": cell("SANA; Reuters", "", ";", "_x", "Reuters", "Le Monde;le monde", "."),
    "notes": cell(".", "", "A. B.", "On 9 February, strikes.", "x" * 100, "?!", "..."),
    "fatalities": cell("", "3", "-1", "three", "1e3", "\u0663", " 12 ", "99999999999999999999999"),
})


def csv_text(rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out)  # quotes a cell with \r or \n in it
    writer.writerow(COLUMNS)
    writer.writerows([row[c] for c in COLUMNS] for row in rows)
    return out.getvalue()


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ROW, min_size=1, max_size=6))
def test_whatever_import_writes_passes_check(tmp_path_factory, rows):
    result = read_acled(csv_text(rows), "acled.csv")
    assert len(result.events) + result.bad_rows == len(rows)  # every row accounted for
    folder = tmp_path_factory.mktemp("import")
    for name, as_yaml in (("out.yaml", True), ("out.jsonl", False)):
        path = folder / name
        path.write_text(events_file_text(result, "Imported", yaml=as_yaml), encoding="utf-8")
        timeline, problems = load_with_problems(path)  # as `timeline check` reads it
        assert problems == []  # no error, and no warning either: every actor is registered
        assert [e.id for e in timeline.events] == [e.id for e in load(path).events]
        assert sorted(e.id for e in timeline.events) == sorted(e["id"] for e in result.events)


def test_a_year_outside_one_to_9999_is_a_bad_row():
    rows = [dict.fromkeys(COLUMNS, "") | {"event_type": "Battles", "source": "SANA", "event_date": date,
                                          "time_precision": precision}
            for date, precision in (("0000-01", "3"), ("0000-01-01", "1"), ("0000-01-01", "3"), ("2016-02", "3"))]
    result = read_acled(csv_text(rows), "acled.csv")
    assert [(p.pos.line, p.message) for p in result.problems] == [
        (2, "row cannot be read: event_date '0000-01': year 0 is out of range (1 to 9999)"),
        (3, "row cannot be read: event_date '0000-01-01' is not a date like 2016-02-09 or 9 February 2016"),
        (4, "row cannot be read: event_date '0000-01-01' is not a date like 2016-02-09 or 9 February 2016"),
    ]
    assert [e["date"] for e in result.events] == ["2016-02?"]


def test_an_event_date_in_digits_of_another_script_is_a_bad_row():
    rows = [dict.fromkeys(COLUMNS, "") | {"event_type": "Battles", "source": "SANA", "event_date": date,
                                          "time_precision": precision}
            for date, precision in (("٢٠١٥-٠١", "3"), ("2015-01-0٢", "1"))]
    result = read_acled(csv_text(rows), "acled.csv")
    assert [(p.pos.line, p.message) for p in result.problems] == [
        (2, "row cannot be read: event_date '٢٠١٥-٠١' has a digit that is not one of 0-9 (٢, arabic-indic digit two); "
            "write the digits 0-9"),
        (3, "row cannot be read: event_date '2015-01-0٢' has a digit that is not one of 0-9 (٢, arabic-indic digit "
            "two); write the digits 0-9"),
    ]


def test_a_cell_too_large_is_a_message_at_its_row():
    big = "x" * (MAX_CELL_CHARS + 1)
    text = csv_text([dict.fromkeys(COLUMNS, "") | {"event_type": "Battles", "source": "SANA",
                                                  "event_date": "2016-02-09"}] * 2)
    text += f'3,2016-02-09,,Battles,,,,,,,,,SANA,"{big}",\n'
    result = read_acled(text, "acled.csv")
    assert result.unreadable and len(result.events) == 2
    [problem] = result.problems
    assert str(problem) == (
        "acled.csv:4:1: a cell of this row is over 131,072 characters, more than any ACLED column "
        "holds; check that this is an ACLED-style CSV, and that every quoted cell is closed (an open quote "
        "makes the rest of the file one cell)")


def test_an_open_quote_that_swallows_the_file_is_that_message():
    good = '1,2016-02-09,,Battles,,,,,,,,,SANA,notes,\n'
    text = ",".join(COLUMNS) + "\n" + good + '2,2016-02-09,,Battles,,,,,,,,,SANA,"open,\n' + good * 20000
    result = read_acled(text, "acled.csv")
    assert result.unreadable and [p.pos.line for p in result.problems] == [3]


def test_ids_are_slugs_and_outlets_whose_names_make_no_slug_stay_apart():
    rows = [dict.fromkeys(COLUMNS, "") | {"event_type": "Battles", "event_date": "2016-02-09", **row} for row in (
        {"event_id_cnty": "_SYR1", "source": "Ведомости; Коммерсант; Le Télégramme"},
        {"event_id_cnty": "SYR1", "source": "Коммерсант"},
        {"event_id_cnty": "SYR1-line5", "source": "SANA"},
        {"event_id_cnty": "SYR1", "source": "SANA"},
    )]
    result = read_acled(csv_text(rows), "acled.csv")
    assert [e["id"] for e in result.events] == ["SYR1", "SYR1-line3", "SYR1-line5", "SYR1-line5-2"]
    assert {key: source["outlet"] for key, source in result.sources.items()} == {
        "source-2016-02-09": "Ведомости", "source-2016-02-09-2": "Коммерсант",
        "le-telegramme-2016-02-09": "Le Télégramme", "sana-2016-02-09": "SANA"}
    assert [s["source"] for s in result.events[1]["sources"]] == ["source-2016-02-09-2"]


def sample():
    return read_acled(ACLED_SAMPLE.read_text(encoding="utf-8"), "acled_sample.csv")


def test_notes_are_the_summary_and_each_sources_paraphrase_never_a_quote():
    written = yaml.safe_load(events_file_text(sample(), "Imported", yaml=True))
    for event in written["events"]:
        assert [sorted(c) for c in event["sources"]] == [["paraphrase", "source"]] * len(event["sources"])
        assert {c["paraphrase"] for c in event["sources"]} == {event["summary"]}
    strike = next(e for e in written["events"] if e["id"] == "SYR100")
    assert strike["summary"] == "On 9 February 2016, Russian aircraft struck positions in Raqqa. 12 reported killed."
    assert "ACLED's notes, not the article's words" in written["sources"]["sana-2016-02-09"]["note"]


def test_a_title_is_one_line_when_the_notes_break_one():
    clash = next(e for e in sample().events if e["id"] == "SYR101")
    assert clash["title"] == 'Clashes near Al Bab, with "heavy" losses on both sides; fighting…'


def test_every_problem_of_a_row_is_reported_at_its_line():
    """Row 11 has a bad date, a bad fatalities count and no actor1: three messages, not one."""
    result = sample()
    assert [(p.severity, p.message) for p in result.messages() if p.pos.line == 11] == [
        ("error", "row cannot be read: event_date '2016-02-31' is not a date like 2016-02-09 or 9 February 2016"),
        ("error", "row cannot be read: fatalities should be a whole number from 0 to 1,000,000,000,000,000, not 'many'"),
        ("warning", "actor1 is empty, where every ACLED event names one; check the row")]
    assert result.bad_rows == 6 and len(result.events) == 4
    assert [p.pos.line for p in result.messages()] == sorted(p.pos.line for p in result.messages())


def test_a_cell_with_a_control_character_is_said_once_with_the_rest_of_the_row():
    row = dict.fromkeys(COLUMNS, "") | {"event_type": "Battles", "source": "SANA", "actor1": "A",
                                        "event_date": "2016-02-09\x1b", "fatalities": "x"}
    result = read_acled(csv_text([row]), "acled.csv")
    assert [p.message for p in result.problems] == [
        "row cannot be read: event_date holds the control character U+001B (escape); remove it",
        "row cannot be read: fatalities should be a whole number from 0 to 1,000,000,000,000,000, not 'x'"]


def one_row(notes: str, fatalities: str) -> dict:
    row = dict.fromkeys(COLUMNS, "") | {"event_type": "Battles", "event_date": "2016-02-09", "source": "SANA",
                                        "actor1": "A", "notes": notes, "fatalities": fatalities}
    result = read_acled(csv_text([row]), "acled.csv")
    [event] = result.events
    return event, result


UNKNOWN = ["Fatalities unknown.", "Two villages shelled; casualties unknown.", "No information on casualties.",
           "Fatalities: unknown", "An unknown number of casualties.", "The number of fatalities is unclear.",
           "Casualties not known.", "No details about the number of deaths."]


@pytest.mark.parametrize("notes", UNKNOWN)
def test_a_zero_the_notes_call_unknown_is_no_figure_of_zero(notes):
    event, result = one_row(notes, "0")
    assert "figures" not in event and event["summary"] == notes  # the notes say it is unknown
    assert [p.message for p in result.notices] == [
        "fatalities is 0 where the notes say the number is unknown; ACLED codes an unknown number as 0, "
        "so this row has no fatalities figure"]
    event, _ = one_row(notes, "3")  # a number ACLED gives stands, whatever else the notes say
    assert [f["value"] for f in event["figures"]] == [3]


@pytest.mark.parametrize("notes", ["No casualties.", "No fatalities were reported.", "There were no reports of casualties.",
                                   "Unknown gunmen attacked a checkpoint.", ""])
def test_a_zero_the_notes_do_not_call_unknown_is_a_figure(notes):
    event, result = one_row(notes, "0")
    assert [f["value"] for f in event["figures"]] == [0] and result.notices == []


def test_the_zeros_left_out_are_told_once():
    result = sample()
    assert "figures" not in next(e for e in result.events if e["id"] == "SYR109")
    told = [(p.pos.line, p.message) for p in result.notices if "fatalities is 0" in p.message]
    assert told == [(12, "fatalities is 0 where the notes say the number is unknown; ACLED codes an unknown number "
                         "as 0, so this row has no fatalities figure")]
    rows = [dict.fromkeys(COLUMNS, "") | {"event_type": "Battles", "event_date": "2016-02-09", "source": "SANA",
                                          "actor1": "A", "notes": "Casualties unknown.", "fatalities": "0"}] * 3
    [notice] = read_acled(csv_text(rows), "acled.csv").notices
    assert notice.pos.line == 2 and "so this row and 2 others have no fatalities figure" in notice.message


def test_every_actor_is_registered_once_whatever_the_case_and_no_id_is_another_actors_name(tmp_path):
    rows = [dict.fromkeys(COLUMNS, "") | {"event_type": "Battles", "event_date": "2016-02-09", "source": "SANA", **row}
            for row in ({"actor1": "Islamic State", "actor2": "islamic state"}, {"actor1": "x", "actor2": "x!"},
                        {"actor1": "x-2", "assoc_actor_1": "Ведомости"})]
    result = read_acled(csv_text(rows), "acled.csv")
    assert result.actors == {"islamic-state": {"name": "Islamic State"}, "x": {"name": "x"}, "x-3": {"name": "x!"},
                             "x-2": {"name": "x-2"}, "actor": {"name": "Ведомости"}}
    path = tmp_path / "out.yaml"
    path.write_text(events_file_text(result, "Imported", yaml=True), encoding="utf-8")
    timeline, problems = load_with_problems(path)
    assert problems == []
    assert [e.actor_ids for e in timeline.events] == [["islamic-state", "islamic-state"], ["x", "x-3"],
                                                       ["x-2", "actor"]]
