"""An article's text cut into sentences, each a span of the text itself.

A draft quotes the article character for character, so a sentence here is never a copy
that may differ (cleaned spaces, straightened quotes): it is where the sentence starts and
ends in the text as read. pysbd (rule-based, pure Python, no model) finds the boundaries;
a few general rules then mend what it gets wrong in news copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pysbd

# Titles that stand before a name: a full stop after one never ends a sentence.
_TITLES = ("Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Adm", "Cmdr",
           "Sen", "Rep", "Gov", "Pres", "Rev", "Fr", "St", "Hon", "Amb", "Insp", "Supt", "Det")
_ENDS_WITH_TITLE = re.compile(r"(?:^|[\s(“\"‘'])(?:" + "|".join(_TITLES) + r")\.$")
_TERMINAL = ".!?…:;”’\"')]"


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str  # the text's own characters from start to end

    def __str__(self) -> str:
        return self.text


def split(text: str) -> list[Sentence]:
    """The sentences of `text`, in order, trimmed of the spaces around them. Every
    character of the text that is not a space is in exactly one sentence."""
    spans = _mend(_locate(text, _segmenter().segment(text)), text)
    return [Sentence(a, b, text[a:b]) for a, b in spans]


_SEGMENTER: pysbd.Segmenter | None = None


def _segmenter() -> pysbd.Segmenter:
    global _SEGMENTER
    if _SEGMENTER is None:
        _SEGMENTER = pysbd.Segmenter(language="en", clean=False)
    return _SEGMENTER


def _locate(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    """Where each piece stands in the text, found in order. A piece that cannot be found
    (the segmenter changed a character) is skipped; the text it covered comes back as
    the gap between its neighbours, so that nothing is lost."""
    spans, position = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        found = text.find(piece, position)
        if found < 0:
            continue
        if text[position:found].strip():
            spans.append(_trim(text, position, found))
        spans.append((found, found + len(piece)))
        position = found + len(piece)
    if text[position:].strip():
        spans.append(_trim(text, position, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _mend(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Join a sentence to the one before when the cut between them is not a sentence's
    end: after a title ("Ms. | Lee"), before a comma ("R-Ariz. | , said"), or at a line
    break inside a sentence (a hard-wrapped line, then a word in lower case)."""
    mended: list[tuple[int, int]] = []
    for start, end in spans:
        if mended and _continues(text, mended[-1], (start, end)):
            mended[-1] = (mended[-1][0], end)
        else:
            mended.append((start, end))
    return mended


def _continues(text: str, before: tuple[int, int], after: tuple[int, int]) -> bool:
    previous, following = text[before[0]:before[1]], text[after[0]:after[1]]
    gap = text[before[1]:after[0]]
    if "\n\n" in gap or "\n" in gap and previous.rstrip()[-1:] in _TERMINAL:
        return False  # a paragraph's end, or a line that ended its sentence
    if following[:1] in ",;)" or _ENDS_WITH_TITLE.search(previous):
        return True
    return following[:1].islower() and previous[-1:] not in ".!?…"
