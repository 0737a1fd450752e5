"""The article texts behind the sources, and checking quotes against them word for word.

The texts are not ours to redistribute: they live in a folder the user points at, and
each source names its file there. Byte-exact is the rule; a near miss is reported with the
nearest passage and what differs, never silently accepted.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path, PurePath

from .model import Citation, Event, Source, Timeline
from .problems import LoadError, Pos

# An article's text is a few hundred kilobytes at most; a file many times larger is not
# an article (a disk image, a log), and reading it whole would take the memory it takes.
MAX_ARTICLE_BYTES = 50 * 1024 * 1024

# Characters that commonly differ between a copied quote and the article: the fold maps
# each to a plain form, so a near miss can be found and then named.
_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ",
    "\u2013": "-", "\u2014": "-", "\u2026": "...",
})


@dataclass
class QuoteCheck:
    event: Event
    citation: Citation
    source: Source | None
    found: bool
    offset: int = -1  # where the quote starts in the article, when found verbatim
    nearest: str | None = None  # the closest passage, when not found
    nearest_at: int = -1  # where that passage starts in the article (-1 when it has no text)
    differences: tuple[str, ...] = ()
    missing_article: str | None = None  # why the article could not be read


class Corpus:
    """A folder of article texts, read on demand and kept."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self._root = self.folder.resolve()  # what every article must resolve inside of
        self._texts: dict[str, tuple[str | None, str]] = {}  # file → (text, or None and why)
        self._checks: dict[tuple[str, str], tuple[bool, str | None, int, tuple[str, ...]]] = {}

    def is_verbatim(self, source: Source | None, quote: str) -> bool | None:
        """Whether the quote is in its article character for character; None without the article."""
        text = self.text(source) if source else None
        return None if text is None else quote in text

    def check(self, event: Event, citation: Citation, source: Source) -> QuoteCheck | None:
        """The check of one quote against its article (None without the article, and for a
        paraphrase, which is not the article's words); kept, since finding the nearest
        passage of a quote that is not verbatim takes a while."""
        text = self.text(source) if citation.quote is not None else None
        if text is None:
            return None
        key = (source.id, citation.quote)
        if key not in self._checks:
            result = check_quote(event, citation, source, text)
            self._checks[key] = (result.found, result.nearest, result.nearest_at, result.differences)
        found, nearest, nearest_at, differences = self._checks[key]
        return QuoteCheck(event, citation, source, found, nearest=nearest, nearest_at=nearest_at,
                          differences=differences)

    def text(self, source: Source) -> str | None:
        if not source.file:
            return None
        return self._article(source.file)[0]

    def why_missing(self, source: Source | None) -> str:
        if source is None:
            return "the source is not registered"
        if not source.file:
            return f"source '{source.id}' names no 'file' in the corpus"
        return f"source '{source.id}': {self._article(source.file)[1]}"

    def _article(self, file: str) -> tuple[str | None, str]:
        if file not in self._texts:
            try:
                self._texts[file] = (self._read(file), "")
            except ArticleError as error:
                self._texts[file] = (None, str(error))
        return self._texts[file]

    def _read(self, file: str) -> str:
        """The article's text, or ArticleError saying why it is not read. Only a regular
        file inside the folder is read: a source's `file:` comes from the events file,
        which may come from anyone."""
        path = self._inside(file)
        shown = self.folder / file
        try:
            # Without blocking: a FIFO with no writer would hold the open for ever.
            handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        except FileNotFoundError:
            raise ArticleError(f"{shown} does not exist; check the file name, or put the article in the "
                               "corpus folder") from None
        except OSError as error:
            raise ArticleError(f"cannot read {shown}: {error.strerror}") from None
        try:
            status = os.fstat(handle)  # of what was opened, not of what the name says now
            if not stat.S_ISREG(status.st_mode):
                raise ArticleError(f"{shown} is {_kind(status.st_mode)}, not a regular file; expected the "
                                   "article's text in a plain file: name that file")
            _check_size(status.st_size, shown)
            with open(handle, "rb", closefd=False) as stream:
                data = stream.read(MAX_ARTICLE_BYTES + 1)  # no more, should it grow meanwhile
        finally:
            os.close(handle)
        _check_size(len(data), shown)
        return _decode(data, shown)

    def _inside(self, file: str) -> Path:
        """The file's resolved path, when it is inside the folder; else ArticleError."""
        name = PurePath(file)
        if "\0" in file:
            reason = "has a NUL character in its name"
        elif name.is_absolute():
            reason = "is an absolute path"
        elif ".." in name.parts:
            reason = "is a path through '..'"
        else:
            path = (self._root / name).resolve()
            if path == self._root or self._root in path.parents:
                return path
            reason = f"is a link that leads out of the folder, to {path}"
        raise ArticleError(f"the file {file!r} {reason}; expected a file name relative to the corpus folder "
                           f"{self.folder} (such as 'article.txt'): put the article in that folder and name it "
                           "from there")


class ArticleError(Exception):
    """An article that is not read; the message says why and what to do."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "something else"


def _check_size(size: int, shown: Path) -> None:
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(f"{shown} is {size / 1e6:.0f} MB, more than the {MAX_ARTICLE_BYTES // (1024 * 1024)} MB "
                           "an article's text may be; check that this is the right file")


def _decode(data: bytes, shown: Path) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[:error.start]
        line, column = before.count(b"\n") + 1, error.start - (before.rfind(b"\n") + 1) + 1
        raise ArticleError(f"{shown} is not UTF-8 text (byte 0x{data[error.start]:02x} at line {line}, "
                           f"column {column}); save the article as UTF-8 and check again") from None


def file_positions(path: str | Path) -> dict[str, Pos]:
    """Where each registered source's `file:` stands in the events file, for messages. The
    model keeps no places for sources, so the file is read again (only when an article
    cannot be read). Sources given in place are not here: their citation's line is theirs."""
    from .loader import JSONL_SUFFIXES
    from .parsing import Map, decode_text, parse_jsonl, parse_yaml, read_bytes, value_pos

    path = Path(path)
    try:
        data = read_bytes(path)
        if path.suffix.lower() in JSONL_SUFFIXES:
            header, _, _ = parse_jsonl(data.removeprefix(b"\xef\xbb\xbf"), str(path))
            sources = (header or {}).get("sources")
            return {str(key): Pos(1) for key in sources} if isinstance(sources, dict) else {}
        root, _ = parse_yaml(decode_text(data, str(path)), str(path))
    except LoadError:
        return {}
    sources = root.get("sources") if isinstance(root, Map) else None
    if not isinstance(sources, Map):
        return {}
    return {str(key): value_pos(entry, "file", entry.pos) for key, entry in sources.items()
            if isinstance(entry, Map) and "file" in entry}


def verify_quotes(timeline: Timeline, corpus: Corpus) -> list[QuoteCheck]:
    """Check every quote of every event against its article (a paraphrase is not its
    words: nothing to look for)."""
    return [check for event in timeline.events for check in verify_event_quotes(timeline, event, corpus)]


def verify_event_quotes(timeline: Timeline, event: Event, corpus: Corpus) -> list[QuoteCheck]:
    """The checks of one event's quotes (`timeline` for its sources)."""
    checks = []
    for citation in event.sources:
        if citation.quote is None:
            continue
        source = timeline.sources.get(citation.source)
        text = corpus.text(source) if source else None
        if text is None:
            checks.append(QuoteCheck(event, citation, source, False, missing_article=corpus.why_missing(source)))
        else:
            checks.append(check_quote(event, citation, source, text))
    return checks


def check_quote(event: Event, citation: Citation, source: Source, text: str) -> QuoteCheck:
    offset = text.find(citation.quote)
    if offset >= 0:
        return QuoteCheck(event, citation, source, True, offset)
    start, end = nearest_span(citation.quote, text)
    nearest = text[start:end]
    return QuoteCheck(event, citation, source, False, nearest=nearest, nearest_at=start if nearest else -1,
                      differences=tuple(describe_differences(citation.quote, nearest)))


def _words(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"\S+", text)]


def nearest_passage(quote: str, text: str) -> str:
    """The run of the article's words most like the quote."""
    start, end = nearest_span(quote, text)
    return text[start:end]


def nearest_span(quote: str, text: str) -> tuple[int, int]:
    """Where the run of the article's words most like the quote starts and ends.

    Windows a few words shorter and longer than the quote are tried, since a changed
    hyphen or space changes the word count.
    """
    words = _words(text)
    if not words:
        return 0, 0
    folded_words = [_bare(text[a:b]) for a, b in words]
    target = [_bare(word) for word in quote.split()]
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(target)
    best, best_span = -1.0, (0, 0)
    for size in range(max(1, len(target) - 2), len(target) + 3):
        size = min(size, len(words))
        for start in range(0, len(words) - size + 1):
            matcher.set_seq1(folded_words[start:start + size])
            ratio = matcher.ratio()
            if ratio > best:
                best, best_span = ratio, (start, start + size - 1)
    start, end = words[best_span[0]][0], words[best_span[1]][1]
    while end > start and text[end - 1] in ".,;:" and not quote.endswith(text[end - 1]):
        end -= 1
    return start, end


def _bare(word: str) -> str:
    """A word folded and stripped of the punctuation around it, for matching."""
    return word.translate(_FOLD).lower().strip("'\".,;:!?()[]-")


_CHARACTER_CLASSES = (
    ("quotation marks (curly or straight)", set("\u2018\u2019\u201c\u201d'\"")),
    ("dashes", set("\u2013\u2014-")),
    # Before the no-break space, whose set holds a plain space too: a plain space more or
    # less is whitespace, and only a chunk with a no-break space in it is named as one.
    ("whitespace", set(" \t\n\r")),
    ("a no-break space (U+00A0) against a plain space", set(" \u00a0")),
)


def describe_differences(quote: str, passage: str) -> list[str]:
    """Name what differs between a quote and the nearest passage."""
    if not passage:
        return ["the article has no text"]
    names: list[str] = []
    words_differ = False
    matcher = difflib.SequenceMatcher(a=quote, b=passage, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        chunk = set(quote[i1:i2]) | set(passage[j1:j2])
        name = next((n for n, chars in _CHARACTER_CLASSES if chunk <= chars), None)
        if name is None:
            words_differ = True
        elif name not in names:
            names.append(name)
    if words_differ:
        names.append(_changed_words(quote, passage) or "characters differ")
    return names or ["characters differ"]


def _changed_words(quote: str, passage: str) -> str:
    a, b = quote.translate(_FOLD).split(), passage.translate(_FOLD).split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "replace":
            parts.append(f"'{' '.join(a[i1:i2])}' where the article has '{' '.join(b[j1:j2])}'")
        elif op == "delete":
            parts.append(f"'{' '.join(a[i1:i2])}' is not in the article")
        elif op == "insert":
            parts.append(f"the article has '{' '.join(b[j1:j2])}' here")
    return "; ".join(parts[:3])


def resolve_corpus(timeline: Timeline, override: str | Path | None = None) -> tuple[Path | None, str]:
    """The corpus folder to use and, when there is none, a sentence saying how to add one.

    `--corpus` wins; else the file's `corpus:`, relative to the events file.
    """
    if override:
        folder = Path(override)
        return (folder, "") if folder.is_dir() else (None, f"the corpus folder {folder} does not exist")
    if timeline.corpus:
        base = Path(timeline.path).resolve().parent if timeline.path else Path.cwd()
        folder = (base / timeline.corpus).resolve()
        if folder.is_dir():
            return folder, ""
        return None, (f"the corpus folder {folder} named in the file does not exist; "
                      "run with --corpus DIR to name the folder of article texts")
    return None, ("no corpus: run with --corpus DIR (the folder of article texts), or add "
                  "'corpus: DIR' to the events file, to read the articles and check the quotes")


@dataclass
class Passage:
    """A quoted passage in an article: where it is, and which event quotes it."""

    start: int
    end: int
    event_index: int
    quote: str


def passages(timeline: Timeline, source_id: str, text: str) -> list[Passage]:
    """Every passage of this article that an event quotes, in the order of the text.
    Quotes not found verbatim have no place and are left out (check_quote reports them)."""
    found = []
    for event_index in timeline.index_source.get(source_id, ()):
        for citation in timeline.events[event_index].sources:
            if citation.source == source_id and citation.quote is not None:
                start = text.find(citation.quote)
                if start >= 0:
                    found.append(Passage(start, start + len(citation.quote), event_index, citation.quote))
    found.sort(key=lambda p: (p.start, p.end))
    return found


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line: the articles keep a paragraph to a line."""
    spans, offset = [], 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped[0])
            spans.append((start, start + len(stripped)))
        offset += len(line)
    return spans


@dataclass
class Coverage:
    events: list[int]  # event indexes, in the order of their first quote in the text
    uncited: list[tuple[int, int]]  # paragraphs no event quotes


def coverage(timeline: Timeline, source_id: str, text: str, within: Container[int] | None = None) -> Coverage:
    """The events that quote this article, and the paragraphs none of them cites; with
    `within`, of those events only."""
    found = [p for p in passages(timeline, source_id, text) if within is None or p.event_index in within]
    events = list(dict.fromkeys(p.event_index for p in found))
    uncited = [(a, b) for a, b in paragraphs(text) if not any(p.start < b and p.end > a for p in found)]
    return Coverage(events, uncited)
