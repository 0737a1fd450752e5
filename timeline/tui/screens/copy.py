"""The copy and link keys (keys.COPY) of the screens that have them: the copy menu (`y`,
as lazygit's: a second key says what to copy), and opening a link, in the browser where
there is one (in the browser version, a new tab), else in a dialog that shows it to copy."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.app import App
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ...controls import visible
from ...links import browser_here, first_words, web_link
from .. import keys
from ..clipboard import KINDS, Copyable, copy
from .help import key_names
from .prompts import PROMPT_CSS


class YankScreen(ModalScreen[str | None]):
    """Offer each thing that can be copied with its key and its first words; returns the
    kind chosen, or None."""

    BINDINGS = keys.YANK
    DEFAULT_CSS = PROMPT_CSS.format(name="YankScreen") + """
    YankScreen > Vertical { width: 80; }
    YankScreen .choice { width: 1fr; height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, choices: dict[str, Copyable]):
        super().__init__()
        self.choices = choices

    def compose(self):
        with Vertical():
            yield Label(Text("Copy", style="bold"))
            for kind, name in KINDS:
                item = self.choices[kind]
                line = Text(f"{key_names(self.app, f'copy.{kind}_choice'):<4} ", style="bold")
                line.append(f"{name:<10}")
                if item.text is None:
                    line.append(item.why_not, style="dim")
                else:
                    line.append(visible(first_words(item.text, words=12, width=64)), style="italic")
                yield Static(line, classes="choice", id=f"copy-{kind}")
            yield Label("esc closes", classes="hint")

    def action_choose(self, kind: str) -> None:
        self.dismiss(kind)

    def action_cancel(self) -> None:
        self.dismiss(None)


class LinkScreen(ModalScreen[None]):
    """A link that was not opened, shown whole (its control characters as visible
    stand-ins), for the user to copy."""

    BINDINGS = keys.LINK
    DEFAULT_CSS = PROMPT_CSS.format(name="LinkScreen") + """
    LinkScreen > Vertical { width: 90; }
    LinkScreen #link-url { width: 1fr; height: auto; margin: 1 0; }
    LinkScreen #link-why { width: 1fr; height: auto; }
    """

    def __init__(self, url: str, why: str, refused: bool = False):
        super().__init__()
        self.url, self.why, self.refused = url, why, refused  # refused: not a link to hand a browser

    def compose(self):
        with Vertical():
            yield Label(Text(self.why, style="bold"), id="link-why", classes="error" if self.refused else "")
            yield Static(Text(visible(self.url), style="underline"), id="link-url")
            yield Label(f"{key_names(self.app, 'link.copy')} copies it · esc closes", classes="hint")

    def action_copy(self) -> None:
        copy(self.app, "link", Copyable(self.url), "link")
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


def open_link(app: App, url: str | None) -> None:
    """Open an article's link in the browser where there is one; where there is none (over
    SSH, no display), or the link is not a web link, show it so that it can be copied."""
    if not url:
        app.notify("This article has no link.", title="No link", severity="warning", timeout=4)
        return
    if not web_link(url):
        app.push_screen(LinkScreen(url, "Not a web (http or https) link, so not opened:", refused=True))
        return
    if app.is_web or browser_here():
        app.open_url(url)
        app.notify(f"Opening {visible(url)}", title="Link", timeout=4)
        return
    app.push_screen(LinkScreen(url, "No browser here (over SSH, or no display); the link:"))


class CopyKeys:
    """The actions of the copy and link keys (keys.COPY), for a screen that says what
    they act on in `copyables`."""

    def copyables(self) -> dict[str, Copyable]:
        raise NotImplementedError

    def action_copy_menu(self) -> None:
        choices = self.copyables()
        self.app.push_screen(YankScreen(choices), partial(self._copy_chosen, choices))

    def _copy_chosen(self, choices: dict[str, Copyable], kind: str | None) -> None:
        if kind is not None:
            copy(self.app, kind, choices[kind], choices["id"].text or "")

    def action_copy(self, kind: str) -> None:
        self._copy_chosen(self.copyables(), kind)

    def action_open_link(self) -> None:
        open_link(self.app, self.copyables()["link"].text)
