"""User settings: the keymap file that remaps keys by binding id.

`keymap.yaml` in the user's config folder (or $TIMELINE_CONFIG_DIR) maps binding ids to
keys, e.g. `nav.down: j,down,ctrl+n`. `?` in the app lists the ids' actions.
"""

from __future__ import annotations

import os
from pathlib import Path

from .parsing import key_pos, parse_yaml, read_text, value_pos
from .problems import LoadError, Problem, did_you_mean


def config_dir() -> Path:
    override = os.environ.get("TIMELINE_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir("timeline"))


def load_keymap(binding_ids: set[str], path: Path | None = None) -> dict[str, str]:
    """The user's keymap, checked against the known binding ids; {} when there is none."""
    path = path or config_dir() / "keymap.yaml"
    if not path.is_file():
        return {}
    root, problems = parse_yaml(read_text(path), str(path))
    keymap = {}
    for binding_id, keys in root.items():
        if binding_id not in binding_ids:
            problems.append(Problem(str(path), key_pos(root, binding_id, root.pos),
                                    f"unknown binding id '{binding_id}'{did_you_mean(binding_id, binding_ids)}; "
                                    f"expected one of: {', '.join(sorted(binding_ids))}"))
        elif not isinstance(keys, str) or not keys.strip():
            problems.append(Problem(str(path), value_pos(root, binding_id, root.pos),
                                    f"'{binding_id}' should be keys like 'j,down' or 'ctrl+n'"))
        else:
            keymap[binding_id] = keys.replace(" ", "")
    if problems:
        raise LoadError(problems)
    return keymap
