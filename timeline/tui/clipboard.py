"""Copying an event's citation, quote, id or link (through the terminal: OSC 52), and
opening an article's link, from any screen. In the browser version the copy is also
delivered as a download (a page may not be allowed the clipboard) and a link opens in a
new tab."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import partial

from textual.app import App

from ..controls import visible
from ..export import markdown_citation
from ..links import browser_here, first_words, web_link
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
    app.notify(said, title="Copied", timeout=4, markup=False)  # a quote's "[the]" is text, not markup


def open_link(app: App, url: str | None) -> None:
    """Open an article's link in the browser where there is one; where there is none (over
    SSH, no display), or the link is not a web link, show it so that it can be copied."""
    from .screens.copy import LinkScreen

    if not url:
        app.notify("This article has no link.", title="No link", severity="warning", timeout=4)
        return
    if not web_link(url):
        app.push_screen(LinkScreen(url, "Not a web (http or https) link, so not opened:", refused=True))
        return
    if app.is_web or browser_here():
        app.open_url(url)
        app.notify(f"Opening {visible(url)}", title="Link", timeout=4, markup=False)
        return
    app.push_screen(LinkScreen(url, "No browser here (over SSH, or no display); the link:"))


class CopyKeys:
    """The actions of the copy and link keys (keys.COPY), for a screen that says what
    they act on in `copyables`."""

    def copyables(self) -> dict[str, Copyable]:
        raise NotImplementedError

    def action_copy_menu(self) -> None:
        from .screens.copy import YankScreen

        choices = self.copyables()
        self.app.push_screen(YankScreen(choices), partial(self._copy_chosen, choices))

    def _copy_chosen(self, choices: dict[str, Copyable], kind: str | None) -> None:
        if kind is not None:
            copy(self.app, kind, choices[kind], choices["id"].text or "")

    def action_copy(self, kind: str) -> None:
        self._copy_chosen(self.copyables(), kind)

    def action_open_link(self) -> None:
        open_link(self.app, self.copyables()["link"].text)
