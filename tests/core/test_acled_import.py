"""Whatever an ACLED-style CSV holds, `import` writes only files that `check` passes: a
row whose values cannot make a valid event is a reported bad row, never output that fails
later; and a cell too large to be ACLED's is a clear message, not a traceback."""

import csv
import io

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
    assert len(result.events) + len(result.problems) == len(rows)  # every row accounted for
    folder = tmp_path_factory.mktemp("import")
    for name, as_yaml in (("out.yaml", True), ("out.jsonl", False)):
        path = folder / name
        path.write_text(events_file_text(result, "Imported", yaml=as_yaml), encoding="utf-8")
        timeline, problems = load_with_problems(path)  # as `timeline check` reads it
        assert [p for p in problems if p.severity == "error"] == []
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
