"""Mutation testing: of the small faults mutmut plants in the code (a comparison flipped, a
constant moved by one, a branch negated), how many the tests catch, module by module.

    python tools/mutation.py                   # run mutmut, then print the scores
    python tools/mutation.py --report          # the scores of the last run
    python tools/mutation.py --survivors MOD   # the mutants of MOD the tests missed

Needs mutmut (`.venv/bin/pip install ".[mutation]"`); run it from the project's folder.
Which modules and tests take part is set under [tool.mutmut] in pyproject.toml. It takes
about a quarter of an hour on two cores, so CI does not run it.

A survivor that changes nothing a user or a caller could see (an equivalent mutant) is
listed with the reason in tools/equivalent_mutants/MODULE.txt, one `name reason` a line,
and left out of the score.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT = Path(__file__).with_name("equivalent_mutants")
SURVIVED = {0, 5, 33}  # the tests passed, or no test ran the mutated code
SKIPPED = {34, None}  # not run


def module_of(mutant: str) -> str:
    """'timeline.dates.x_parse__mutmut_3' -> 'timeline.dates'."""
    return re.split(r"\.x[_ǁ]", mutant, maxsplit=1)[0]


def results() -> dict[str, int | None]:
    found = {}
    for meta in sorted((ROOT / "mutants").rglob("*.py.meta")):
        found.update(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
    return found


def equivalent() -> dict[str, str]:
    """Mutant name -> why it changes nothing that can be seen."""
    listed = {}
    for path in sorted(EQUIVALENT.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                name, _, why = line.partition(" ")
                listed[name] = why.strip()
    return listed


def report() -> int:
    found, listed = results(), equivalent()
    if not found:
        print("no results: run `python tools/mutation.py` first", file=sys.stderr)
        return 2
    counts: dict[str, Counter] = defaultdict(Counter)
    for mutant, code in found.items():
        kind = ("skipped" if code in SKIPPED else "equivalent" if mutant in listed and code in SURVIVED
                else "survived" if code in SURVIVED else "killed")
        counts[module_of(mutant)][kind] += 1
    print(f"{'module':<36} {'mutants':>7} {'caught':>7} {'missed':>7} {'equiv.':>7} {'score':>7}")
    for module, c in sorted(counts.items()):
        judged = c["killed"] + c["survived"]
        score = f"{100 * c['killed'] / judged:.0f}%" if judged else "-"
        print(f"{module:<36} {sum(c.values()):>7} {c['killed']:>7} {c['survived']:>7} {c['equivalent']:>7} {score:>7}")
    stale = sorted(set(listed) - set(found))
    if stale:
        print(f"\n{len(stale)} listed as equivalent but no longer planted (the code changed): "
              + ", ".join(stale[:5]) + (" ..." if len(stale) > 5 else ""))
    return 0


def survivors(module: str) -> int:
    listed = equivalent()
    for mutant, code in sorted(results().items()):
        if module_of(mutant) == module and code in SURVIVED and mutant not in listed:
            print(mutant)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report", action="store_true", help="print the scores of the last run")
    parser.add_argument("--survivors", metavar="MODULE", help="list the missed mutants of a module")
    args = parser.parse_args()
    if args.survivors:
        return survivors(args.survivors)
    if not args.report:
        mutmut = Path(sys.executable).with_name("mutmut")
        subprocess.run([str(mutmut), "run"], cwd=ROOT, stdout=subprocess.DEVNULL, check=False)
    return report()


if __name__ == "__main__":
    sys.exit(main())
