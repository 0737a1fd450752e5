"""What a view covers: the events the main screen's filters let through, or the whole file,
and the line in the view's header that says which. Every view (disputes, figures, lanes,
coverage) opens on the filtered events; a key switches it to the whole file and back."""

from __future__ import annotations

from dataclasses import dataclass, replace

from rich.text import Text


@dataclass(frozen=True)
class Scope:
    filtered: frozenset[int] | None = None  # the events the filters let through; None: no filter is on
    described: tuple[str, ...] = ()  # those filters, in words
    whole: bool = False  # switched to the whole file

    @property
    def events(self) -> frozenset[int] | None:
        """The events a view shows, or None for every event in the file."""
        return None if self.whole else self.filtered

    def switched(self) -> Scope:
        return replace(self, whole=not self.whole)

    def line(self, key: str) -> Text:
        """The header line: what is shown, and what `key` switches to."""
        if self.filtered is None:
            return Text("Shown: the whole file (no filter is on)", style="dim")
        filters = "; ".join(self.described)
        if self.whole:  # the filters are said when they are on; here, how many they keep is enough
            return Text.assemble(("Shown: the whole file", "bold"),
                                 (f"   {key}: only the {len(self.filtered)} filtered events", "dim"))
        return Text.assemble(("Shown: ", "bold"), (filters, "bold yellow"), (f"   {key}: the whole file", "dim"))


class ScopedView:
    """A view screen's side of its scope: the key switches it, and the view is drawn again
    (`redraw`) for the events it now covers."""

    scope: Scope

    def redraw(self) -> None:
        raise NotImplementedError

    def action_switch_scope(self) -> None:
        if self.scope.filtered is None:
            self.notify("No filter is on: this is the whole file.", timeout=3)
            return
        self.scope = self.scope.switched()
        self.redraw()
