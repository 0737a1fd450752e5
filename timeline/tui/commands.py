"""The main screen's command palette entries: filter by an actor or a kind, open a view,
go to a month. They belong to the main screen, so no other screen offers them."""

from __future__ import annotations

import datetime as dt
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..controls import visible
from ..dates import MONTH_ABBR
from ..filters import source_label

DISCOVERY_COUNT = 12  # entries listed before anything is typed


def session_commands(main) -> list[tuple[str, object, str]]:
    """The working session's entries: marks, notes, views saved, and the command line."""
    commands = [("Command line for this view", main.action_show_command,
                 "the timeline command that opens (or lists, exports) these events")]
    if main.session is None:
        return commands
    commands += [("Save this view…", main.action_save_view, "name the filters and the cursor"),
                 ("Saved views", main.action_list_views, "restore one, with its command line"),
                 ("Marks and notes", main.action_list_marks, "every one, those whose event is gone too"),
                 ("Only the marked events", main.action_marked_only, "the filter to the marked (again: off)")]
    for name in main.session.views:
        commands.append((visible(f"View: {name}"), partial(main.restore_view, name), "restore this saved view"))
    return commands


class MainCommands(Provider):
    def _commands(self) -> list[tuple[str, object, str]]:
        main = self.screen  # the screen the palette was opened from: the main screen
        t = main.timeline
        commands = [("Clear all filters", main.action_clear_filters, "show every event"),
                    ("Show keys (help)", main.app.action_help, "every key binding"),
                    ("Disputes: contested claims and their answers", main.action_disputes, "the claims view"),
                    ("Figures: reported numbers side by side", main.action_figures, "the figures view")]
        commands += session_commands(main)
        if main.corpus is not None:
            for source in t.sources.values():
                if source.file:
                    commands.append((f"Coverage: {source_label(t, source.id)}",
                                     partial(main.show_coverage, source.id), "every event this article supports"))
        for actor in sorted(t.actors.values(), key=lambda a: -len(t.index_actor.get(a.id, ()))):
            count = len(t.index_actor.get(actor.id, ()))
            commands.append((f"Actor: {actor.name}", partial(main.toggle_filter, "actors", actor.id),
                             f"toggle the filter on {actor.name} ({count} events)"))
        for kind in t.kinds:
            commands.append((f"Kind: {kind}", partial(main.toggle_filter, "kinds", kind),
                             f"toggle the filter on {kind} events"))
        for year, month in sorted({divmod(key, 100) for key in t.month_of}):
            label = f"{MONTH_ABBR[month]} {year}" if month else str(year)
            ordinal = dt.date(year, month or 1, 1).toordinal()
            commands.append((f"Go to {label}", partial(main.go_to_day, ordinal), "move the cursor there"))
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands()[:DISCOVERY_COUNT]:
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
