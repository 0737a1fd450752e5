"""User settings: the keymap file that remaps keys by binding id, and the choices the
explorer keeps (settings.json: the theme).

`keymap.yaml` in the user's config folder (or $TIMELINE_CONFIG_DIR) maps binding ids to
keys, e.g. `nav.down: j,down,ctrl+n`. `?` in the app lists the ids' actions.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from .parsing import key_pos, parse_yaml, read_text, value_pos
from .problems import LoadError, Problem, did_you_mean


def config_dir() -> Path:
    override = os.environ.get("TIMELINE_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir("timeline"))


SETTINGS_FILE = "settings.json"  # what the explorer keeps of the user's choices (the theme)
MAX_SETTINGS_BYTES = 64 * 1024


def load_settings(folder: Path | None = None) -> tuple[dict[str, str], str | None]:
    """The settings kept (only text values: the theme's name), and what was wrong with
    the file, if anything. The file is JSON, read as data; one that does not read is not
    used, and is replaced by the next setting saved."""
    from .session import read_small

    path = (folder or config_dir()) / SETTINGS_FILE
    try:
        data = read_small(path, MAX_SETTINGS_BYTES)
        if data is None:
            return {}, None
        record = json.loads(data.decode("utf-8"))
        if not isinstance(record, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError, RecursionError) as error:  # SessionDamaged is a ValueError
        why = error.strerror if isinstance(error, OSError) else "not valid JSON" if isinstance(
            error, json.JSONDecodeError) else str(error)
        return {}, f"{path}: not used ({why}); it is replaced when a setting changes"
    return {key: value for key, value in record.items() if isinstance(value, str)}, None


def save_setting(name: str, value: str, folder: Path | None = None) -> str | None:
    """Keep one setting with the others (atomically); None when kept, else why not."""
    from .output import OutputError, write_file

    folder = folder or config_dir()
    settings, _ = load_settings(folder)
    settings[name] = value
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_file(folder / SETTINGS_FILE, json.dumps(settings, ensure_ascii=False, indent=1) + "\n", overwrite=True)
    except (OutputError, OSError) as error:
        return f"{folder / SETTINGS_FILE}: not saved: {getattr(error, 'strerror', None) or error}"
    return None


def load_keymap(defaults: dict[str, str], scopes: dict[str, list[str]], path: Path | None = None,
                normalize: Callable[[str], str] = str.strip) -> dict[str, str]:
    """The user's keymap, checked against the known binding ids; {} when there is none.

    `defaults` maps every binding id to its keys ("j,down"); `scopes` names the groups of
    ids that are active together (one screen's), so a key that two of them would share is
    reported rather than left for one of them to win silently. `normalize` spells a key
    the one way the explorer does ("?" and "question_mark" are one key).
    """
    path = path or config_dir() / "keymap.yaml"
    if not path.is_file():
        return {}
    root, problems = parse_yaml(read_text(path), str(path))
    keymap = {}
    for binding_id, keys in root.items():
        if binding_id not in defaults:
            problems.append(Problem(str(path), key_pos(root, binding_id, root.pos),
                                    f"unknown binding id '{binding_id}'{did_you_mean(binding_id, defaults)}; "
                                    f"expected one of: {', '.join(sorted(defaults))}"))
        elif not isinstance(keys, str) or not keys.strip():
            problems.append(Problem(str(path), value_pos(root, binding_id, root.pos),
                                    f"'{binding_id}' should be keys like 'j,down' or 'ctrl+n'"))
        else:
            keymap[binding_id] = keys.replace(" ", "")
    if not problems:
        problems += _clashes(root, str(path), keymap, defaults, scopes, normalize)
    if problems:
        raise LoadError(problems)
    return keymap


def _clashes(root, name: str, keymap: dict[str, str], defaults: dict[str, str], scopes: dict[str, list[str]],
             normalize: Callable[[str], str]) -> list[Problem]:
    """A problem for each key that two bindings of one scope would share after the keymap,
    placed at the keymap entry that brought it in."""
    problems = []
    for scope, ids in scopes.items():
        holder: dict[str, str] = {}  # key -> the first binding id holding it
        # Defaults first, then the keymap's entries in file order: the entry that takes a
        # key already held is the one to report.
        order = [i for i in ids if i not in keymap] + [i for i in keymap if i in ids]
        for binding_id in order:
            for key in keymap.get(binding_id, defaults[binding_id]).split(","):
                key = normalize(key)
                other = holder.setdefault(key, binding_id)
                if other != binding_id:
                    culprit = binding_id if binding_id in keymap else other
                    problems.append(Problem(name, key_pos(root, culprit, root.pos),
                                            f"'{key}' would do two things {scope}: '{other}' and '{binding_id}'; "
                                            "give one of them another key"))
    return problems
