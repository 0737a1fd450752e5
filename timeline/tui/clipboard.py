"""Copying an event's citation, quote, id or link, through the terminal (OSC 52), from
any screen (the keys and dialogs: screens/copy.py). In the browser version the copy is
also delivered as a download: a page may not be allowed the clipboard."""

from __future__ import annotations

import io
from dataclasses import dataclass

from textual.app import App

from ..controls import visible
from ..export import markdown_citation
from ..links import first_words
from ..model import Event, Timeline

# What can be copied, in the order the copy menu lists them: (kind, what it is called).
KINDS = (("citation", "citation"), ("quote", "quote"), ("id", "id"), ("link", "link"))


@dataclass(frozen=True)
class Copyable:
    """A text that can be copied, or why there is none (`text` None)."""

    text: str | None
    why_not: str = ""


def copyables(timeline: Timeline, event: Event | None, citation: int | None = None) -> dict[str, Copyable]:
    """What the copy keys offer for an event: its citation in the Markdown export's style
    (every source, or the `citation` given: its index in the event's sources), the quote
    (that citation's, else the first), its id and that citation's link (else the first)."""
    if event is None:
        none = Copyable(None, "no event is selected")
        return {kind: none for kind, _ in KINDS}
    chosen = [event.sources[citation]] if citation is not None else []
    cited = chosen + [c for c in event.sources if c not in chosen]
    quote = next((c.quote for c in cited if c.quote is not None), None)
    urls = [timeline.sources[c.source].url for c in cited if c.source in timeline.sources]
    url = next((u for u in urls if u), None)
    return {
        "citation": Copyable(markdown_citation(timeline, event, citation)),
        "quote": Copyable(quote, "its sources are paraphrases, not quotes"),
        "id": Copyable(event.id),
        "link": Copyable(url, "its article has no link"),
    }


def copy(app: App, kind: str, item: Copyable, stem: str = "") -> None:
    """Copy the text to the clipboard and say so with its first words; in the browser, also
    deliver it as a download named after `stem` (the event's id)."""
    if item.text is None:
        app.notify(f"Nothing to copy: {item.why_not}.", title=f"No {kind}", severity="warning", timeout=4)
        return
    app.copy_to_clipboard(item.text)
    said = f"Copied the {kind}: {visible(first_words(item.text))}"
    if app.is_web:
        name = f"{stem or 'timeline'}-{kind}.{'md' if kind == 'citation' else 'txt'}"
        app.deliver_text(io.StringIO(item.text), save_filename=name)
        said += f" (and downloaded as {name})"
    app.notify(said, title="Copied", timeout=4)
