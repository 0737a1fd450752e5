"""The main screen's side of the working session (timeline/session.py): marks, notes,
saved views and the view left last. A mixin of MainScreen, so that its keys (keys.MAIN)
act on the timeline shown, and the screen's own module stays about the timeline."""

from __future__ import annotations

import os
from pathlib import Path

from ..controls import visible
from ..filters import Filters, command_line
from ..query import Searcher, sorted_holds, step_from
from ..session import Session
from .screens.listing import event_line
from .screens.session import (CommandLineScreen, MarkEntry, MarksScreen, NameViewScreen, NoteScreen,
                              SavedViewsScreen, ViewEntry)


class SessionActions:
    """Needs of the screen: timeline, filters, view, set_filters, refilter, jump_to_event,
    searcher, shown and all_shown; `session` is None when the file has no path."""

    session: Session | None
    cursor_id: str | None = None  # the event the cursor is on, kept for the view left last

    def new_searcher(self, timeline) -> Searcher:
        """A searcher that reads the notes with the events' texts."""
        searcher = Searcher(timeline)
        if self.session is not None and self.session.notes:
            searcher.set_notes(self.session.notes)
        return searcher

    def _kept(self) -> bool:
        """Write the session; say so when it cannot be (the session goes on in memory)."""
        problem = self.session.save()
        if problem:
            self.notify(visible(problem), title="Marks and notes not saved", severity="error", timeout=8)
        return problem is None

    def _selected_id(self) -> str | None:
        index = self.view.selected_event
        return None if index is None else self.timeline.ids[index]

    def _no_session(self) -> bool:
        if self.session is None:
            self.notify("These events come from no file, so nothing can be kept for them.", severity="warning")
        return self.session is None

    def _session_shown(self) -> None:
        """The rows and the detail pane again, for marks or notes changed."""
        from .widgets.detail import DetailPane

        self.view.refresh_rows()
        self.query_one(DetailPane).redraw()

    # --- marks -------------------------------------------------------------------------

    def action_toggle_mark(self) -> None:
        event_id = self._selected_id()
        if event_id is None or self._no_session():
            return
        now = self.session.toggle_mark(event_id)
        self._kept()
        query = self.filters.query
        if query.marked is not None:  # the filter to the marked ones follows the marks
            self.set_filters(Filters(query.with_(marked=self.session.marked()), self.filters.order))
        self._session_shown()
        self.notify("Marked." if now else "Unmarked.", timeout=1.5)

    def action_marked_only(self) -> None:
        if self._no_session():
            return
        if self.filters.query.marked is not None:
            self.set_filters(self.filters.set("marked", marked=None))
        elif not self.session.marks:
            self.notify("No event is marked yet: m marks the selected one.", timeout=4)
        else:
            self.set_filters(self.filters.set("marked", marked=self.session.marked()))

    def action_step_mark(self, direction: int) -> None:
        if self._no_session():
            return
        by_id = self.timeline.by_id
        marked = sorted(by_id[i] for i in self.session.marks if i in by_id)
        shown = self.all_shown()
        visible_marks = [i for i in marked if sorted_holds(shown, i)]
        if not visible_marks:
            hidden = len(marked) - len(visible_marks)
            self.notify(f"No marked event is shown: the filters hide {hidden}." if hidden
                        else "No event is marked yet: m marks the selected one.", timeout=4)
            return
        k = step_from(visible_marks, self.view.selected_event, direction)
        if not 0 <= k < len(visible_marks):
            self.notify("No marked event after this one." if direction > 0 else "No marked event before this one.",
                        timeout=2)
            return
        self.view.select_event(visible_marks[k])
        self.notify(f"Mark {k + 1} of {len(visible_marks)}", timeout=1.5)

    def action_list_marks(self) -> None:
        if self._no_session():
            return
        session, by_id = self.session, self.timeline.by_id
        ids = list(dict.fromkeys([*session.marks, *session.notes]))
        ids.sort(key=lambda i: (i not in by_id, by_id.get(i, 0)))  # in time order, orphans last
        entries = [MarkEntry(i, event_line(self.timeline, by_id[i]) if i in by_id else None,
                             session.is_marked(i), session.note(i)) for i in ids]
        self.app.push_screen(MarksScreen(entries), self._chose_marked)

    def _chose_marked(self, event_id: str | None) -> None:
        if event_id:
            self.jump_to_event(event_id)

    # --- notes -------------------------------------------------------------------------

    def action_edit_note(self) -> None:
        event_id = self._selected_id()
        if event_id is None or self._no_session():
            return
        title = self.timeline.events[self.timeline.by_id[event_id]].title
        self.app.push_screen(NoteScreen(title, self.session.note(event_id)),
                             lambda text: self._noted(event_id, text))

    def _noted(self, event_id: str, text: str | None) -> None:
        self.view.focus()
        if text is None or text.rstrip() == self.session.note(event_id):
            return
        self.session.set_note(event_id, text)
        if self._kept():
            self.notify("Note kept." if text.strip() else "Note taken away.", timeout=2)
        self.searcher.set_notes(self.session.notes)
        if self.filters.query.text:  # what the search finds may have changed
            self.refilter()
        self._session_shown()

    # --- views -------------------------------------------------------------------------

    def action_save_view(self) -> None:
        if self._no_session():
            return
        self.app.push_screen(NameViewScreen(self.filters.describe(self.timeline), list(self.session.views)),
                             self._named)

    def _named(self, name: str | None) -> None:
        self.view.focus()
        if name is None:
            return
        self.session.save_view(name, self.filters, self._selected_id())
        if self._kept():
            self.notify(visible(f"Saved the view '{name}'."), timeout=3)

    def view_entries(self) -> list[ViewEntry]:
        restored = {name: self.session.restored(view) for name, view in self.session.views.items()}
        return [ViewEntry(name, filters.describe(self.timeline), command_line(self.command_path(), filters.query))
                for name, filters in restored.items()]

    def action_list_views(self) -> None:
        if self._no_session():
            return
        self.app.push_screen(SavedViewsScreen(self.view_entries(), self._delete_view), self.restore_view)

    def _delete_view(self, name: str) -> None:
        self.session.views.pop(name, None)
        self._kept()

    def restore_view(self, name: str | None) -> None:
        self.view.focus()
        if name is None or name not in self.session.views:
            return
        view = self.session.views[name]
        self.set_filters(self.session.restored(view), keep_id=view.cursor)
        self.notify(visible(f"The view '{name}'."), timeout=2)

    def command_path(self) -> str | None:
        """The events file as the command line would name it from here."""
        path = self.timeline.path
        if not path:
            return None
        absolute = Path(path).resolve()
        relative = os.path.relpath(absolute)
        return str(absolute) if relative.startswith("..") else relative

    def action_show_command(self) -> None:
        self.app.push_screen(CommandLineScreen(self.filters.describe(self.timeline),
                                               command_line(self.command_path(), self.filters.query)))

    def remember_view(self) -> None:
        """Keep the filters and the cursor, for the next opening of this file."""
        if self.session is not None:
            self.session.remember(self.filters, self.cursor_id)
            self.session.save()  # the app is closing: nothing can be said if it fails
