"""The draft of a form, kept in the database a moment after each change (one mechanism for every form).

A :class:`DraftKeeper` belongs to one form (the entry page, a page of tournées, actions or meetings).  The
form calls :meth:`DraftKeeper.touch` on each change: :data:`DRAFT_DELAY_MS` later the keeper writes the
form's content (its ``payload`` callable, JSON-ready) as the current user's draft of its ``kind``
(:mod:`medios.services.drafts`); :meth:`~DraftKeeper.save` writes it at once (the page is left, the
window closes), :meth:`~DraftKeeper.discard` deletes it (the record is saved, the entry cancelled).

:meth:`~DraftKeeper.offer` asks, once per user and keeper, whether to take the pending draft back:
the draft when yes, ``None`` (and the draft deleted) when no.  A form restores what it gets.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from medios.services import drafts

from medios.ui import msgbox
from medios.ui.pages import PageContext

DRAFT_DELAY_MS = 500


def draft_time(draft: drafts.DraftRecord) -> str:
    """When the draft was last written, in local time (« 02/12/2026 14:05 »)."""
    return draft.updated_at.replace(tzinfo=dt.UTC).astimezone().strftime("%d/%m/%Y %H:%M")


class DraftKeeper(QObject):
    """Writes, offers back and deletes the draft of one form (see the module's docstring)."""

    def __init__(
        self,
        context: PageContext,
        kind: str,
        payload: Callable[[], dict[str, Any]],
        *,
        target: Callable[[], uuid.UUID | None] = lambda: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.kind = kind
        self._payload = payload
        self._target = target
        self._offered: set[uuid.UUID | None] = set()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DRAFT_DELAY_MS)
        self.timer.timeout.connect(self.save)

    @property
    def offered(self) -> bool:
        """Whether the current user's pending draft was already offered (or the form was used first)."""
        return self.context.user_id in self._offered

    def mark_offered(self) -> None:
        self._offered.add(self.context.user_id)

    def touch(self) -> None:
        """Something changed: write the draft a moment later (not on each keystroke)."""
        self.mark_offered()  # what the user types now is the draft; an older one is not offered over it
        self.timer.start()

    def save(self) -> None:
        """Write the form's content now as the current user's draft of this kind."""
        self.timer.stop()
        if self.context.db.read_only:
            return
        drafts.save_draft(self.context.db, self.context.user_id, self.kind, self._payload(), target_id=self._target())

    def discard(self) -> None:
        """Delete the current user's draft of this kind (saved or abandoned)."""
        self.timer.stop()
        if not self.context.db.read_only:
            drafts.discard_draft(self.context.db, self.context.user_id, self.kind)

    def pending(self) -> drafts.DraftRecord | None:
        return drafts.load_draft(self.context.db, self.context.user_id, self.kind)

    def offer(self, parent: QWidget, question: str, informative: str) -> drafts.DraftRecord | None:
        """Ask once whether to take the pending draft back (``%1`` in ``question``: when it was written).

        The draft when the user says yes; ``None`` when there is none or the user says no (it is deleted).
        """
        self.mark_offered()
        draft = self.pending()
        if draft is None:
            return None
        if msgbox.question(parent, question.replace("%1", draft_time(draft)), informative):
            return draft
        self.discard()
        return None
