"""Problems found in an events file, each with the place it was found."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Pos:
    line: int
    column: int = 1


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    pos: Pos
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        if self.path.lower().endswith(".parquet"):  # a table: each event is a row (0: the file as a whole)
            where = f" row {self.pos.line}:" if self.pos.line else ""
            return f"{self.path}:{where} {prefix}{self.message}"
        return f"{self.path}:{self.pos.line}:{self.pos.column}: {prefix}{self.message}"


# What is said when a file is too large for the memory there is.
OUT_OF_MEMORY = ("the file is too large for the memory available; close other programs, "
                 "or split the file and open a part")


class LoadError(Exception):
    """The file could not be loaded; `problems` says every reason, with places."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def did_you_mean(word: str, choices, cutoff: float = 0.6) -> str:
    """' (did you mean 'x'?)' when a close match exists, else ''."""
    pool = {str(c).lower(): str(c) for c in choices}
    match = difflib.get_close_matches(str(word).lower(), list(pool), n=1, cutoff=cutoff)
    return f" (did you mean '{pool[match[0]]}'?)" if match else ""


def one_of(choices) -> str:
    return ", ".join(str(c) for c in choices)
