"""The pages of the main window and what they share.

The window (:mod:`medios.ui.main_window`) shows one page at a time beside a navigation list.  A page
is a :class:`Page`: built the first time it is shown (never before the window's first paint, so that
start-up imports none of them), with the :class:`PageContext` that gives it the database, the current
user, the preferences, and the way to reach the other pages (the journal opens an intervention in
the entry page, a tournée starts an intervention made during it).

Each page lives in its own module of this package and is named in :data:`PAGES` by module and class,
so that importing this package imports no page.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QSettings, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from medios.ui.widgets import WrappedLabel, set_secondary

if TYPE_CHECKING:
    from medios.db import Database
    from medios.services.overview import User

# Where the current user is remembered on this computer until accounts and login exist (data-safety issue).
USER_KEY = "session/user_id"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Pages", text)


@dataclass(frozen=True, slots=True)
class PageSpec:
    """One entry of the navigation: ``key`` names the page, ``module`` and ``cls`` where its class is."""

    key: str
    title: str  # French source text, translated in the "Pages" context
    shortcut: str
    module: str
    cls: str
    hint: str = ""  # a line under the title in the navigation's tooltip
    draft_kind: str = ""  # the kind of the page's drafts (medios.services.drafts), offered back at start

    def translated_title(self) -> str:
        return _tr(self.title)


# The order of the navigation.  Ctrl+<digit> reaches each page; Ctrl+N also opens the entry page.
PAGES: tuple[PageSpec, ...] = (
    # The overview is the window's own first page (built with it, shown before the base is open).
    PageSpec("overview", QT_TRANSLATE_NOOP("Pages", "Accueil"), "Ctrl+0", "", ""),
    PageSpec(
        "entry",
        QT_TRANSLATE_NOOP("Pages", "Saisie"),
        "Ctrl+1",
        "medios.ui.pages.entry",
        "EntryPage",
        draft_kind="intervention",
    ),
    PageSpec("journal", QT_TRANSLATE_NOOP("Pages", "Journal"), "Ctrl+2", "medios.ui.pages.journal", "JournalPage"),
    PageSpec(
        "presence",
        QT_TRANSLATE_NOOP("Pages", "Tournées"),
        "Ctrl+3",
        "medios.ui.pages.presence",
        "PresencePage",
        draft_kind="presence",
    ),
    PageSpec(
        "actions",
        QT_TRANSLATE_NOOP("Pages", "Actions collectives"),
        "Ctrl+4",
        "medios.ui.pages.actions",
        "ActionsPage",
        draft_kind="action",
    ),
    PageSpec(
        "meetings",
        QT_TRANSLATE_NOOP("Pages", "Réunions partenariales"),
        "Ctrl+5",
        "medios.ui.pages.meetings",
        "MeetingsPage",
        draft_kind="meeting",
    ),
    PageSpec("reports", QT_TRANSLATE_NOOP("Pages", "Rapports"), "Ctrl+6", "medios.ui.pages.reports", "ReportsPage"),
    PageSpec(
        "observatory",
        QT_TRANSLATE_NOOP("Pages", "Export observatoire"),
        "Ctrl+7",
        "medios.ui.pages.observatory",
        "ObservatoryPage",
    ),
    PageSpec(
        "settings", QT_TRANSLATE_NOOP("Pages", "Paramètres"), "Ctrl+8", "medios.ui.pages.settings", "SettingsPage"
    ),
    PageSpec("backups", QT_TRANSLATE_NOOP("Pages", "Sauvegardes"), "Ctrl+9", "medios.ui.pages.backups", "BackupsPage"),
)


class Navigator(Protocol):
    """What a page may ask of the window (the main window implements it; tests may fake it)."""

    def show_page(self, key: str) -> QWidget | None: ...

    def open_intervention(self, intervention_id: uuid.UUID) -> None: ...

    def new_intervention(self, *, presence_id: uuid.UUID | None = None) -> None: ...

    def show_status(self, text: str, timeout_ms: int = 5000) -> None: ...


class PageContext(QObject):
    """What every page shares: the database, the preferences, the current user and the navigator.

    ``data_changed`` is emitted by a page after it wrote records (a saved intervention, a renamed
    dispositif), so that the other pages refresh what they show; ``user_changed`` when the current user
    changes; ``month_shown`` with the month (``yyyymm``) a page has on screen, for the status bar.
    """

    data_changed = Signal()
    user_changed = Signal()
    month_shown = Signal(int)
    lock_minutes_changed = Signal(int)

    def __init__(
        self,
        db: Database,
        preferences: QSettings,
        navigator: Navigator | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.preferences = preferences
        self.navigator = navigator
        self._user_id: uuid.UUID | None = None
        self._user_known = False
        self.signed_in = False  # the user logged in with their password: no choosing another

    # -- the current user -----------------------------------------------------------------------

    @property
    def user_id(self) -> uuid.UUID | None:
        """The mediator using the application: the one chosen on this computer if still active, else the
        structure's first administrator (then coordinator, then mediator); ``None`` when it has nobody."""
        if not self._user_known:
            self._user_id = self._resolve_user()
            self._user_known = True
        return self._user_id

    def set_user(self, user_id: uuid.UUID | None) -> None:
        self.preferences.setValue(USER_KEY, "" if user_id is None else str(user_id))
        self.preferences.sync()
        self._user_id = user_id
        self._user_known = True
        self.user_changed.emit()

    def sign_in(self, user_id: uuid.UUID) -> None:
        """The user who logged in: the current user until the window closes."""
        self.signed_in = True
        self.set_user(user_id)

    def forget_user(self) -> None:
        """Look the current user up again (after mediators were retired or added)."""
        self._user_known = False

    def _resolve_user(self) -> uuid.UUID | None:
        from medios.services.overview import live_users

        mediators = live_users(self.db)
        stored = str(self.preferences.value(USER_KEY, "") or "")
        for mediator in mediators:
            if str(mediator.id) == stored:
                return mediator.id
        for role in ("ADMIN", "COORDINATEUR", "MEDIATEUR"):
            for mediator in mediators:
                if mediator.role == role:
                    return mediator.id
        return mediators[0].id if mediators else None

    def _current_user(self) -> User | None:
        from medios.services.overview import live_users

        user = self.user_id
        return next((mediator for mediator in live_users(self.db) if mediator.id == user), None)

    def user_pseudonym(self) -> str:
        current = self._current_user()
        return current.pseudonym if current is not None else ""

    def user_role(self) -> str | None:
        """MEDIATEUR, COORDINATEUR or ADMIN; ``None`` when the structure has nobody."""
        current = self._current_user()
        return current.role if current is not None else None

    # -- reaching the other pages ---------------------------------------------------------------

    def open_intervention(self, intervention_id: uuid.UUID) -> None:
        if self.navigator is not None:
            self.navigator.open_intervention(intervention_id)

    def new_intervention(self, *, presence_id: uuid.UUID | None = None) -> None:
        if self.navigator is not None:
            self.navigator.new_intervention(presence_id=presence_id)

    def show_status(self, text: str, timeout_ms: int = 5000) -> None:
        if self.navigator is not None:
            self.navigator.show_status(text, timeout_ms)


class Page(QWidget):
    """A page of the main window.  Subclasses build their widgets in ``__init__`` from the context."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context

    def activated(self) -> None:
        """The page comes on screen (refresh what may have changed meanwhile)."""

    def can_leave(self) -> bool:
        """``False`` keeps the page on screen (after asking the user, for example); default: yes."""
        return True

    def closing(self) -> None:
        """The window closes: write what must not be lost (a draft), stop timers and threads."""

    def shown_month(self) -> int | None:
        """The month (``yyyymm``) the page has on screen, for the status bar; ``None``: none in particular."""
        return None


class ComingPage(Page):
    """A page whose feature comes with a later version: it says what is coming and offers nothing."""

    heading = ""
    explanation = ""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        title = QLabel(self.heading)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        text = WrappedLabel()
        text.setText(self.explanation)
        note = WrappedLabel()
        note.setText(
            QCoreApplication.translate(
                "Pages", "Cette page arrive avec une prochaine version de Médios. Rien n'y est encore proposé."
            )
        )
        set_secondary(note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addWidget(note)
        layout.addStretch(1)
