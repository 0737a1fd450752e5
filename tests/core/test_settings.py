"""Users remap keys by binding id in keymap.yaml; bad entries are reported like bad events,
and so is a key that would do two things on one screen."""

import pytest

from timeline.problems import LoadError
from timeline.settings import load_keymap

# A registry of the shape the explorer passes in (timeline/tui/keys.py).
DEFAULTS = {"nav.down": "j,down", "nav.up": "k,up", "filter.actors": "a", "reader.next": "n", "reader.close": "q"}
SCOPES = {"on the main screen": ["nav.down", "nav.up", "filter.actors"],
          "in the article reader": ["reader.next", "reader.close"]}


def keymap(path):
    return load_keymap(DEFAULTS, SCOPES, path, normalize=lambda key: {"?": "question_mark"}.get(key, key))


def problems(write, text):
    with pytest.raises(LoadError) as error:
        keymap(write("keymap.yaml", text))
    return [str(p) for p in error.value.problems]


def test_keymap_file_is_read_and_checked(write):
    assert keymap(write("keymap.yaml", "nav.down: n, down\nnav.up: u\n")) == {"nav.down": "n,down", "nav.up": "u"}


def test_unknown_binding_id_is_named_with_its_line(write):
    path = write("keymap.yaml", "nav.down: n\nnav.dwon: x\n")
    assert problems(write, "nav.down: n\nnav.dwon: x\n")[0].startswith(
        f"{path}:2:1: unknown binding id 'nav.dwon' (did you mean 'nav.down'?)")


def test_no_keymap_file_means_no_changes(tmp_path):
    assert keymap(tmp_path / "keymap.yaml") == {}


def test_a_key_taken_from_another_binding_of_the_screen_is_a_clash_at_its_line(write):
    path = write("keymap.yaml", "nav.up: u\nfilter.actors: j\n")
    assert problems(write, "nav.up: u\nfilter.actors: j\n") == [
        f"{path}:2:1: 'j' would do two things on the main screen: 'nav.down' and 'filter.actors'; "
        "give one of them another key"]


def test_two_remapped_bindings_on_one_key_clash_at_the_later_one(write):
    found = problems(write, "nav.up: x\nnav.down: x\n")
    assert len(found) == 1 and found[0].split(":")[1] == "2" and "'x' would do two things" in found[0]


def test_a_key_moved_away_frees_it_for_another_binding(write):
    assert keymap(write("keymap.yaml", "nav.down: n\nfilter.actors: j\n")) == {"nav.down": "n", "filter.actors": "j"}


def test_one_key_on_two_screens_is_no_clash(write):
    assert keymap(write("keymap.yaml", "reader.next: a\n")) == {"reader.next": "a"}


def test_keys_are_compared_as_the_explorer_spells_them(write):
    found = problems(write, "nav.up: question_mark\nfilter.actors: '?'\n")
    assert len(found) == 1 and "'question_mark' would do two things" in found[0]
