"""The footer every screen uses: compact, and without the palette hint, on narrow terminals."""

from textual.widgets import Footer

NARROW_WIDTH = 100


class AppFooter(Footer):
    def on_mount(self) -> None:
        self._fit(self.app.size.width)

    def on_resize(self) -> None:
        self._fit(self.app.size.width)

    def _fit(self, width: int) -> None:
        narrow = width < NARROW_WIDTH
        if self.compact != narrow:
            self.compact = narrow
        if self.show_command_palette == narrow:
            self.show_command_palette = not narrow
