"""Times of day, seasons and unspecified digits from the command line: `timeline list`
lists one day's events in time order (on a warm open too), --from and --to take a time,
and digits of other scripts are refused."""

import pytest
from conftest import ROOT, run

DATES = str(ROOT / "tests" / "core" / "data" / "dates" / "events.yaml")


def listed(*args) -> list[str]:
    result = run("list", DATES, *args)
    assert result.returncode == 0, result.stderr
    return [line.split()[0] for line in result.stdout.splitlines()[1:]]


def test_list_gives_one_days_events_in_time_order_cold_and_warm():
    order = ["some-year", "that-day", "five-in-moscow", "four-utc", "five-local", "late-in-new-york",
             "some-day-in-october", "next-day-moscow", "winter", "spring"]
    assert listed() == order
    assert listed() == order  # the second run reads the cache


def test_list_shows_each_date_as_it_reads_back():
    rows = {line.split()[0]: line for line in run("list", DATES).stdout.splitlines()[1:]}
    assert "30 Sep 2015 05:00 +03:00  statement" in rows["five-in-moscow"]
    assert "30 Sep 2015 04:00 UTC" in rows["four-utc"]
    assert "a year in the 2010s" in rows["some-year"]
    assert "Winter 2015–16" in rows["winter"] and "Spring 2016" in rows["spring"]


@pytest.mark.parametrize("first, last, expected", [
    ("2015-09-30T04:30Z", "2015-09-30 05:00", ["some-year", "that-day", "five-local"]),
    ("30 Sep 2015 04:30 UTC", "2015-09-30T05:00", ["some-year", "that-day", "five-local"]),
    ("Spring 2016", "Spring 2016", ["some-year", "spring"]),
    ("2016-21", "2016-21", ["some-year", "spring"]),
])
def test_from_and_to_take_times_and_seasons(first, last, expected):
    assert listed("--from", first, "--to", last) == expected


@pytest.mark.parametrize("option", ["--from", "--to"])
def test_a_date_option_in_digits_of_another_script_is_refused(option):
    result = run("list", DATES, option, "٢٠١٦")
    assert result.returncode == 2
    assert "'٢٠١٦' has a digit that is not one of 0-9 (٢, arabic-indic digit two); write the digits 0-9" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_passes_the_file_of_new_forms():
    result = run("check", DATES)
    assert result.returncode == 0, result.stderr
    assert "0 errors, 0 warnings" in result.stdout
