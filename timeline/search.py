"""What a text search asks for, and where in a text it matches.

A search is several words, each found somewhere in the event, in any order; a part in
double quotes ("Chechen leader") is found as written, words in that order. Case and
accents do not count ("kadyrov" finds "Kadýrov", "KADYROV"), nor do curly quotes against
straight ones. Written after a leading `/`, the rest is a regular expression (Python's),
with case and accents ignored as well; each field of an event is a line of its own, so
`^` and `$` stand at a field's ends.

The Searcher (query.py) runs a search over every event's folded text, kept in one
TextBuffer; the explorer asks `spans` where to highlight. Both fold one character at a
time with `normalize`, so what is found is what is highlighted.
"""

from __future__ import annotations

import bisect
import functools
import re
import time
import unicodedata
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

REGEX_MARK = "/"  # a search text starting with it is a regular expression
DENSITY_SAMPLE = 256  # events a scan looks at before it chooses how to look at the rest
BUILD_CHUNK = 4096  # texts put into a TextBuffer between two turns of the other threads

# Typed quotes are straight; articles' are curly: search treats them alike.
_QUOTES = {0x2018: "'", 0x2019: "'", 0x201C: '"', 0x201D: '"'}

# A "quoted phrase" (to its closing quote, or to the end while it is being typed), or a word.
_TERM = re.compile(r'"([^"]*)"?|(\S+)')


class SearchError(ValueError):
    """A search text that cannot be run: a regular expression that is not valid.
    `reason` says what is wrong in a few words, for a search bar being typed into."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


@functools.cache
def _fold_table() -> dict[int, str | None]:
    """Drops every combining mark (the accents, once letters are decomposed) and
    straightens curly quotes. Built on first use: the scan takes some 10 ms. Every
    combining mark lies in the first two planes of Unicode (the last at U+1E94A)."""
    table: dict[int, str | None] = {code: None for code in range(0x20000) if unicodedata.combining(chr(code))}
    table.update(_QUOTES)
    return table


def prepare_folding() -> None:
    """Build the folding table ahead (the explorer does, after its first screen): built by
    the first search's first highlight of a text with an accent, it held that screen of
    matches back by some 40 ms."""
    _fold_table()


def normalize(text: str) -> str:
    """`text` as a search compares it: in lower case, without accents, quotes straight
    ("Kadýrov’s" becomes "kadyrov's"). Each character folds on its own, never with its
    neighbours, so a folded text can be mapped back to the one written (see `spans`)."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text).translate(_fold_table()).casefold()


def terms_of(text: str) -> list[str]:
    """The words and "quoted phrases" of a search text as written (curly quotes count
    as straight ones): what the search looks for, before folding."""
    terms = []
    for phrase, word in _TERM.findall(text.translate(_QUOTES)):
        term = " ".join(phrase.split()) if phrase else word
        if term:
            terms.append(term)
    return list(dict.fromkeys(terms))


class TextBuffer:
    """The folded search text (see `normalize`) of every event, one after the other in one
    buffer: a search runs `find` over it from place to place, at C speed, instead of a
    Python step per event.

    Two flat buffers, made to be kept as they are: `data`, the texts in UTF-8 (a lone
    surrogate as "surrogatepass" writes it), and `offsets`, n + 1 byte offsets from 0, as
    64-bit integers (array('q')): event i's text is data[offsets[i]:offsets[i + 1]]. That
    is the layout of an Arrow large_string column (its data and offsets buffers), so a
    cache can write the two as such a column, map them back and hand them to
    `TextBuffer(data, offsets)`. `data` may be bytes, a bytearray or any buffer with
    bytes' `find(sub, start, end)`, such as an mmap; `offsets` any sequence of ints (an array, a memoryview
    cast to "q"). UTF-8 finds a word only where its characters begin, so a term found in
    the bytes is the term found in the text. `base`: where in `data` the texts begin, for
    a column used in place inside a mapped file (store.py), whose offsets count from it.
    """

    def __init__(self, data, offsets: Sequence[int], base: int = 0):
        self.data = data
        self.offsets = offsets
        self.base = base

    @classmethod
    def of(cls, texts: Iterable[str]) -> "TextBuffer":
        """The buffer of these folded texts, in order (any iterable: no list of them
        need be kept). Made a few thousand texts at a time, letting other threads in
        between: the explorer makes it in the background while the user moves about the
        first screen."""
        offsets = array("q", [0])
        data = bytearray()
        for n, text in enumerate(texts, 1):
            data += encode(text)
            offsets.append(len(data))
            if not n % BUILD_CHUNK:
                time.sleep(0)  # the other threads' turn (the screen's)
        return cls(data, offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def text(self, index: int) -> str:
        """The folded text of one event, as it was given."""
        start = self.base + self.offsets[index]
        return bytes(self.data[start:self.base + self.offsets[index + 1]]).decode("utf-8", "surrogatepass")

    def texts(self) -> list[str]:
        """Every event's folded text (for tests and tools: a search never needs the list)."""
        return [self.text(i) for i in range(len(self))]

    def holding(self, term: bytes, indexes: Iterable[int]) -> list[int]:
        """Those of the events whose text holds the term, looked at one by one."""
        find, offsets, base = self.data.find, self.offsets, self.base
        if base:
            return [i for i in indexes if find(term, base + offsets[i], base + offsets[i + 1]) >= 0]
        return [i for i in indexes if find(term, offsets[i], offsets[i + 1]) >= 0]

    def scan(self, term: bytes, first: int, last: int) -> list[int]:
        """The events first..last-1 whose text holds the term, found by one `find` after
        another across their texts: the time goes to the events that hold it."""
        offsets, find, base = self.offsets, self.data.find, self.base
        found = []
        place, end = offsets[first], offsets[last]  # counted from `base`, as the offsets are
        while True:
            place = find(term, base + place, base + end)
            if place < 0:
                return found
            place -= base
            event = bisect.bisect_right(offsets, place, first, last + 1) - 1
            following = offsets[event + 1]
            if place + len(term) <= following:  # not one that runs on into the next text
                found.append(event)
            place = following


def encode(text: str) -> bytes:
    """A folded text, or a term, as a TextBuffer holds it."""
    return text.encode("utf-8", "surrogatepass")


def is_regex(text: str) -> bool:
    return text.lstrip().startswith(REGEX_MARK)


@dataclass(frozen=True)
class TextMatch:
    """A search text, parsed: the folded words and phrases that must all be found, or a
    regular expression. Empty (false) when it asks for nothing."""

    terms: tuple[str, ...] = ()
    pattern: re.Pattern | None = None

    def __bool__(self) -> bool:
        return bool(self.terms) or self.pattern is not None

    def matches(self, folded: str) -> bool:
        """Whether a folded text (see `normalize`) holds every term, or the expression."""
        if self.pattern is not None:
            return self.pattern.search(folded) is not None
        return all(term in folded for term in self.terms)

    def select_in(self, buffer: TextBuffer, indexes: Sequence[int], known: tuple[str, ...] = ()) -> list[int]:
        """Those of `indexes` whose folded text in the TextBuffer matches. Terms in `known`
        are already known to be in all of them (typing on), so they are not looked for
        again. A run of consecutive events (a range) is scanned with the longest term, the
        terms left looked for in what that found; other indexes one by one."""
        if self.pattern is not None:
            search, text = self.pattern.search, buffer.text
            return [i for i in indexes if search(text(i))]
        terms = sorted((encode(term) for term in self.terms if term not in known), key=len, reverse=True)
        if not terms:
            return list(indexes)
        if isinstance(indexes, range) and indexes.step == 1 and indexes:
            result = self._scan(buffer, terms.pop(0), indexes.start, indexes.stop)
        else:
            result = indexes
        for term in terms:
            result = buffer.holding(term, result)
        return list(result)

    @staticmethod
    def _scan(buffer: TextBuffer, term: bytes, first: int, last: int) -> list[int]:
        """The events first..last-1 that hold the term. A scan costs a step per event
        found, a look one by one a (shorter) step per event: a term in most events (one
        letter typed) is looked for one by one once a sample shows it is."""
        sample = min(last, first + DENSITY_SAMPLE)
        found = buffer.scan(term, first, sample)
        if len(found) * 4 > sample - first:
            return found + buffer.holding(term, range(sample, last))
        return found + buffer.scan(term, sample, last) if sample < last else found

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where in `text`, as written, the terms (or the expression) match: (start, end)
        pairs in order, overlapping ones merged."""
        if not self:
            return []
        folded, origin = _fold_with_origin(text)
        found = []
        if self.pattern is not None:
            found = [m.span() for m in self.pattern.finditer(folded) if m.end() > m.start()]
        else:
            for term in self.terms:
                start = folded.find(term)
                while start >= 0:
                    found.append((start, start + len(term)))
                    start = folded.find(term, start + 1)
        if origin is not None:  # back to the places of the characters as written
            found = [(origin[start], _mark_end(text, origin[end - 1] + 1)) for start, end in found]
        return _merged(found)


def _fold_with_origin(text: str) -> tuple[str, list[int] | None]:
    """The folded text and, for each of its characters, the place in `text` of the
    character it comes from (None when they are one for one, as in ASCII)."""
    if text.isascii():
        return text.lower(), None
    parts, origin = [], []
    for place, character in enumerate(text):
        folded = normalize(character)
        parts.append(folded)
        origin += [place] * len(folded)
    return "".join(parts), origin


def _mark_end(text: str, end: int) -> int:
    """A span's end moved past the accents written after its last letter, so that a
    letter and its accent are highlighted together."""
    while end < len(text) and not normalize(text[end]):
        end += 1
    return end


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@functools.lru_cache(maxsize=256)
def parse(text: str) -> TextMatch:
    """A search text as a TextMatch; SearchError for a regular expression that is not valid."""
    if is_regex(text):
        source = text.lstrip()[len(REGEX_MARK):]
        if not source.strip():
            return TextMatch()
        # Accents go from the expression as from the texts; its case stays (`\W` is not
        # `\w`), and case is ignored by the flag instead.
        folded = source if source.isascii() else unicodedata.normalize("NFKD", source).translate(_fold_table())
        try:
            return TextMatch(pattern=re.compile(folded, re.IGNORECASE | re.MULTILINE))
        except re.error as error:
            raise SearchError(f"the regular expression '{source}' is not valid: {error}", error.msg) from None
    return TextMatch(tuple(terms_of(normalize(text))))


def refines(before: str, after: str) -> bool:
    """Whether every event `after` finds is one that `before` found: `after` is
    `before` typed on (words, not an expression, whose matches do not narrow so)."""
    return (bool(before) and not is_regex(before) and not is_regex(after)
            and normalize(after).startswith(normalize(before)))
