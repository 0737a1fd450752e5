"""The shape of the package: the core knows nothing of the screen, no module's imports run
back to itself, and nothing is read by a reader that can run code (pickle and the like)."""

import ast
import subprocess
import sys
from pathlib import Path

import timeline

PACKAGE = Path(timeline.__file__).parent  # the installed copy: what users run


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name, found by walking its folders."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def test_the_walk_finds_the_modules_of_every_layer():
    names = modules()
    assert {"timeline.loader", "timeline.cli", "timeline.tui.app", "timeline.tui.screens.main",
            "timeline.tui.widgets.timeline_view"} <= set(names)


def test_no_module_outside_tui_imports_textual_or_rich():
    # __main__ runs the command line when imported; it imports only timeline.cli.
    core = [name for name in modules() if not name.startswith("timeline.tui") and name != "timeline.__main__"]
    # One fresh interpreter per module: an import made by one must not hide another's.
    code = ("import importlib, sys\n"
            "importlib.import_module(sys.argv[1])\n"
            "print(' '.join(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'})))")
    leaks = {}
    for name in core:
        result = subprocess.run([sys.executable, "-P", "-c", code, name], capture_output=True, text=True, check=True)
        if result.stdout.strip():
            leaks[name] = result.stdout.strip()
    assert len(core) > 15 and leaks == {}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that `name` imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([node.module] if node.module else []))
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return {target for target in found if target in known and target != name}


def cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle, as the modules along it, or [] when there is none."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = "open"
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                return path[path.index(target):] + [target]
            if target not in state and (found := visit(target)):
                return found
        state[node] = "done"
        path.pop()
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_cycle_finds_a_cycle():
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_among_the_package_modules():
    found = modules()
    graph = {name: imports_of(name, path, set(found)) for name, path in found.items()}
    assert sum(map(len, graph.values())) > 50  # the graph was really built
    assert cycle(graph) == []


# Modules that turn bytes into objects by running what the bytes say.
CODE_FROM_DATA = {"pickle", "_pickle", "cPickle", "marshal", "shelve", "dill", "cloudpickle", "joblib"}


def test_no_module_reads_data_that_can_run_code():
    # What the app reads back (its cache above all) may have been written by someone else:
    # none of it may be read in a way that runs code (cache_entry.py holds data only).
    found = {}
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                used = {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level:
                used = {(node.module or "").split(".")[0]}
            else:
                continue
            if used & CODE_FROM_DATA:
                found.setdefault(name, set()).update(used & CODE_FROM_DATA)
    assert found == {}
