"""The footer every screen uses: compact, and without the palette hint, on narrow terminals."""

from textual.widgets import Footer

NARROW_WIDTH = 100


class AppFooter(Footer):
    _shown: tuple | None = None  # what the keys composed last show

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

    def bindings_changed(self, screen) -> None:
        # Textual composes the footer again (a widget a key, some 30 here: 20 ms) at every
        # change of focus or of the bindings, three times over just after the first screen,
        # where the first keys waited for it: only when what it shows is not what it shows.
        if self._bindings_ready and screen is self.screen and self._keys_shown(screen) == self._shown:
            return
        super().bindings_changed(screen)

    def compose(self):
        if self._bindings_ready:
            self._shown = self._keys_shown(self.screen)
        yield from super().compose()

    def _keys_shown(self, screen) -> tuple:
        keys = tuple((binding.key, self.app.get_key_display(binding), binding.description, binding.action,
                      binding.group, enabled, tooltip)
                     for _, binding, enabled, tooltip in screen.active_bindings.values() if binding.show)
        return keys, self.compact, self.show_command_palette
