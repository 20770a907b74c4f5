"""The main window: a navigation list, the pages (:mod:`medios.ui.pages`), the menus, a status bar.

The window paints before the database layer is imported (issue 6, item 5): :func:`medios.app.run_gui`
shows it without a database, as a shell (the menus, the overview with « … » in its tiles, the path of
the base, and « Ouverture de la base… » in the status line), then opens the base once the window is
on screen and hands it over with :meth:`MainWindow.attach`.  This module therefore imports neither
SQLAlchemy nor :mod:`medios.db` at load time: the services it calls are imported with the database,
through the small functions below (which tests replace).  Nor does the shell touch ``QtCore.Qt``:
PySide6 builds that namespace (some hundred enums) on first use, 40 to 90 ms that a bare window does
not pay; the labels become selectable (the one flag that needs it) when the base is attached.

The counts follow the database even when another program writes to it (``medios import`` in a
terminal): a timer polls the cheap change token of :mod:`medios.db.changes` and refreshes only when
it moved; coming back to the application refreshes too, the fallback where there is no token.

Nothing slow runs on the window's thread: the structure and the small counts are read at once (a few
rows), the interventions are counted by :class:`InterventionCounter` on a pool thread of the window's
own (a scan of an index: 0.2 s on a million rows), and the number reaches its tile through a signal.
The window paints meanwhile, with « … » in that tile the first time.  Closing the window waits for a
count under way, so that no thread is left reading a database about to be closed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QLocale, QObject, QRunnable, QSettings, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QFont, QGuiApplication, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

import medios
from medios import paths

from medios.ui.pages import PAGES, Page, PageContext, PageSpec
from medios.ui.preferences_store import (
    BACKUP_FOLDER_KEY,
    GEOMETRY_KEY,
    RETENTION_ASKED_KEY,
    active_language,
    ui_preferences,
)
from medios.ui.widgets import set_secondary

if TYPE_CHECKING:  # the database layer is imported after the first paint (see the module's docstring)
    from medios.db import Database, StorageError
    from medios.db.changes import ChangeWatcher
    from medios.services.overview import MonthMark, StructureSummary

DEFAULT_SIZE = (1000, 680)
# How often the window asks whether another program changed the database (one PRAGMA, no data read).
CHANGE_POLL_MS = 2000
# What a count tile shows until its first count arrives.
PENDING = "…"


log = logging.getLogger(__name__)


def structure_summary(db: Database, **options: bool) -> StructureSummary:
    """:func:`medios.services.overview.structure_summary`, imported with the database."""
    from medios.services.overview import structure_summary as summary

    return summary(db, **options)


def count_live_interventions(db: Database) -> int:
    """:func:`medios.services.overview.count_live_interventions`, imported with the database."""
    from medios.services.overview import count_live_interventions as count

    return count(db)


def watch_changes(db: Database) -> ChangeWatcher:
    """:func:`medios.db.changes.watch_changes`, imported with the database."""
    from medios.db.changes import watch_changes as watch

    return watch(db)


def _storage_error(error: BaseException) -> StorageError | None:
    """The French :class:`~medios.db.StorageError` for an environment failure, ``None`` for a bug."""
    from medios.db import StorageError
    from medios.db.engine import storage_error_from

    return error if isinstance(error, StorageError) else storage_error_from(error)


def _scaled_font(widget: QWidget, factor: float, *, bold: bool = True) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


def _reopen(_path: Path) -> None:
    """After « Changer d'utilisateur »: nothing to do with the closed base; the window opens again on the
    login dialog (see :func:`medios.app._run`)."""


class CountTile(QFrame):
    """A caption over a big number (« Interventions » over « 1 234 »)."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(180)
        self.value = QLabel("0")
        self.value.setFont(_scaled_font(self.value, 2.0))
        self.caption = QLabel(caption)
        set_secondary(self.caption)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)

    def set_count(self, count: int) -> None:
        self.value.setText(QLocale().toString(count))


class CounterSignals(QObject):
    counted = Signal(int)  # live interventions
    failed = Signal(object)  # the exception, handled on the main thread


class InterventionCounter(QRunnable):
    """Counts the live interventions on a pool thread, with a connection of its own from the pool;
    never touches a widget: the result goes back through :class:`CounterSignals`."""

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the window keeps it until its thread has left run()
        self.signals = CounterSignals()
        self._db = db

    def run(self) -> None:
        try:
            count = count_live_interventions(self._db)
        except Exception as exc:  # handed to the main thread: a French message, or the crash report
            self.signals.failed.emit(exc)
        else:
            self.signals.counted.emit(count)


class IntegritySignals(QObject):
    checked = Signal(object)  # the IntegrityReport


class RetentionSignals(QObject):
    previewed = Signal(object)  # medios.services.retention.Preview


class RetentionPreview(QRunnable):
    """How many free-text notes are past their retention time, read on a pool thread (the GUI thread never
    reads the interventions)."""

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = RetentionSignals()
        self._db = db

    def run(self) -> None:
        from medios.services import retention

        try:
            plan = retention.preview(self._db)
        except Exception:  # noqa: BLE001 - only an offer: the page « Sauvegardes » says what is wrong
            log.warning("retention preview failed", exc_info=True)
            return
        self.signals.previewed.emit(plan)


class IntegrityCheck(QRunnable):
    """``integrity_check`` (or ``quick_check`` on a large file) of the base's file on a pool thread, with
    a read-only connection of its own; stopped by :meth:`stop` when the window closes."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = IntegritySignals()
        self._path = path
        self._stop = False

    def stop(self) -> None:
        self._stop = True

    def run(self) -> None:
        from medios.db.integrity import CheckStopped, check_file

        try:
            report = check_file(self._path, should_stop=lambda: self._stop)
        except (CheckStopped, OSError):  # closing, or the file gone: nothing to say
            return
        self.signals.checked.emit(report)


class MainWindow(QMainWindow):
    """« Médios — <structure> »: what this database holds, and the application menus.

    ``MainWindow(db)`` shows ``db`` at once; ``MainWindow()`` is the shell painted while the base opens
    (``database_path`` names it in the overview meanwhile), filled later by :meth:`attach`.
    """

    # The window has been painted for the first time (start-up opens the base then).
    first_painted = Signal()
    # The interventions count asked for by the latest refresh is on screen (or its failure reported).
    counts_shown = Signal()
    # The first count failed on an environment problem and ``stop_on_start_failure`` is set: the
    # application stops with :attr:`start_failure` (a damaged base at start-up, as before the count
    # left the window's thread).
    start_failed = Signal()

    def __init__(
        self,
        db: Database | None = None,
        preferences: QSettings | None = None,
        parent: QWidget | None = None,
        *,
        database_path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._db: Database | None = None
        self._database_path = database_path
        self._preferences = preferences or ui_preferences()
        self.summary: StructureSummary | None = None
        self._storage_failed = False  # the last refresh failed: said once, not at every poll
        self.stop_on_start_failure = False
        self.start_failure: StorageError | None = None
        self.counts_pending = False  # a count asked for has not arrived yet
        self._counted = False  # a count has arrived since the window opened
        self._counter: InterventionCounter | None = None  # the count under way
        self._recount = False  # a refresh came while a count was under way: count again after it
        self._painted = False
        self._watcher: ChangeWatcher | None = None
        self._token: int | None = None
        self._pool = QThreadPool(self)  # our own, so that waitForDone() waits for our counts only
        self._pool.setMaxThreadCount(1)
        self._integrity_pool = QThreadPool(self)  # the check of the file, beside the counts
        self._integrity_pool.setMaxThreadCount(1)
        self.integrity_check: IntegrityCheck | None = None
        self.retention_preview: RetentionPreview | None = None
        self._stopped = False
        self.integrity_report: Any = None
        # What to do with the base once the window has closed it (a restoration, encrypting, a new key),
        # before it opens again: see medios.app._run.
        self.after_close: Callable[[Path], None] | None = None
        self.signed_in: Any = None  # the account logged in at start (medios.services.accounts.Account)
        self.inactivity: Any = None  # the lock after inactivity, when someone logged in (medios.ui.login)
        self.change_timer = QTimer(self)
        self.change_timer.setInterval(CHANGE_POLL_MS)
        self.change_timer.timeout.connect(self.check_for_changes)

        self.context: PageContext | None = None  # made with the base (pages need it)
        self._pages: dict[str, Page] = {}  # built on first visit
        self._current_key = "overview"

        self.setWindowTitle(self.tr("Médios"))
        self._build_menus()
        self.setCentralWidget(self._build_central())
        self._build_status_bar()
        self._restore_geometry()
        if db is None:
            self._show_shell()
        else:
            self.attach(db)

    @property
    def database(self) -> Database | None:
        """The database shown, ``None`` while the shell waits for it."""
        return self._db

    def attach(self, db: Database) -> None:
        """Show ``db``: read the structure and small counts now, count the interventions off this thread,
        and follow the changes other programs make."""
        self._db = db
        self._make_selectable()
        self.context = PageContext(db, self._preferences, navigator=self, parent=self)
        self.context.data_changed.connect(self._on_data_changed)
        self.context.user_changed.connect(self._show_user)
        self.context.month_shown.connect(self._show_month)
        if self.signed_in is not None:
            self.context.sign_in(self.signed_in.id)
            self._start_inactivity_lock()
        # The token is read before the counts: a change committed in between is seen at the next poll.
        self._watcher = watch_changes(db)
        try:
            self._token = self._watcher.token()
            self.refresh()
        except BaseException:
            self._watcher.close()  # no window to close later: give the connection back now
            self._watcher = None
            self._db = None
            raise
        if self.statusBar().currentMessage() == self.opening_message():
            self.statusBar().clearMessage()
        if self._watcher.supported:
            self.change_timer.start()
        self.navigation.setEnabled(True)
        for action in (*self.page_actions.values(), self.import_action, self.export_action):
            action.setEnabled(True)
        self._show_user()
        self._show_month(None)
        QTimer.singleShot(0, self.offer_pending_draft)  # once the window shows the base
        # The file's check starts once the first count is on screen: a base that fails that count already
        # stops the application with its own message.
        self.counts_shown.connect(self._check_after_first_count)
        application = QGuiApplication.instance()
        if isinstance(application, QGuiApplication):
            application.applicationStateChanged.connect(self._on_application_state)

    def _start_inactivity_lock(self) -> None:
        from medios.ui.login import DEFAULT_LOCK_MINUTES, LOCK_MINUTES_KEY, InactivityLock

        try:
            minutes = int(self._preferences.value(LOCK_MINUTES_KEY, DEFAULT_LOCK_MINUTES))
        except (TypeError, ValueError):
            minutes = DEFAULT_LOCK_MINUTES
        self.inactivity = InactivityLock(minutes, self)
        self.inactivity.timed_out.connect(self.lock)
        assert self.context is not None
        self.context.lock_minutes_changed.connect(self.inactivity.set_minutes)

    @Slot()
    def lock(self) -> None:
        """After a while without activity: what was typed is written as drafts, the window's content is
        hidden, and the password of the user who logged in is asked (or another user logs in)."""
        from medios.ui.login import LoginDialog

        if self.signed_in is None or self._db is None:
            return
        for page in self._pages.values():
            save = getattr(page, "save_draft", None)
            if save is not None:
                save()
        central = self.centralWidget()
        central.setVisible(False)
        self.menuBar().setEnabled(False)
        try:
            dialog = LoginDialog(self._db, self, locked=self.signed_in)
            outcome = dialog.exec()
        finally:
            central.setVisible(True)
            self.menuBar().setEnabled(True)
        if outcome == LoginDialog.switch_user:
            self.after_close = _reopen  # the drafts are written at closing; the login dialog comes again
            self.close()
            return
        if self.inactivity is not None:
            self.inactivity.restart()

    @Slot()
    def _check_after_first_count(self) -> None:
        self.counts_shown.disconnect(self._check_after_first_count)
        if self.start_failure is None:
            self.start_integrity_check()

    def start_integrity_check(self) -> None:
        """Check the base's file in the background (SQLite only); a damaged file is said at once."""
        path = getattr(self._db, "path", None)
        if path is None or self._db is None or self._db.engine.dialect.name != "sqlite":
            return
        self.integrity_check = IntegrityCheck(Path(path))
        self.integrity_check.signals.checked.connect(self._on_integrity_checked)
        self._integrity_pool.start(self.integrity_check)

    @Slot(object)
    def _on_integrity_checked(self, report: Any) -> None:
        if self._stopped:  # queued before the window closed: its base may be replaced already
            return
        self.integrity_report = report
        if report.ok:
            self.offer_retention_purge()  # never on a damaged file
            return
        from medios.ui import msgbox

        details = "\n".join(report.problems[:5])
        msgbox.critical(
            self,
            self.tr("La base de données est endommagée."),
            self.tr(
                "Le contrôle de {path} a trouvé {n} problème(s). N'y saisissez plus rien : fermez Médios, gardez "
                "une copie du fichier, puis restaurez la dernière bonne sauvegarde (page « Sauvegardes », Ctrl+9, "
                "ou medios restore ; les sauvegardes sont dans {folder}).\n\n{details}"
            ).format(
                path=report.path,
                n=len(report.problems) + report.foreign_key_errors,
                folder=paths.backup_dir(),
                details=details,
            ),
        )

    def offer_retention_purge(self) -> None:
        """Once a day, to the coordination: the free-text notes past their retention time, counted off the
        GUI thread, then purged after confirmation (the same purge as the page « Sauvegardes »)."""
        import datetime as dt

        db, context = self._db, self.context
        if db is None or context is None or db.read_only or context.user_role() not in ("COORDINATEUR", "ADMIN"):
            return
        if str(self._preferences.value(RETENTION_ASKED_KEY, "") or "") == dt.date.today().isoformat():
            return
        self.retention_preview = RetentionPreview(db)
        self.retention_preview.signals.previewed.connect(self._offer_purge)
        self._integrity_pool.start(self.retention_preview)

    @Slot(object)
    def _offer_purge(self, plan: Any) -> None:
        import datetime as dt

        db, context = self._db, self.context
        if self._stopped or not plan.notes or db is None or context is None:
            return
        from medios.services import retention
        from medios.services.errors import ValidationError

        from medios.ui import msgbox
        from medios.ui.transfer import run_in_background

        self._preferences.setValue(RETENTION_ASKED_KEY, dt.date.today().isoformat())  # « Non »: tomorrow
        self._preferences.sync()
        asked = msgbox.question(
            self,
            self.tr("Purger les observations échues ?"),
            self.tr(
                "{n} observation(s) saisie(s) avant le {date} ont dépassé leur durée de conservation ({months} "
                "mois). Elles seront effacées de la base, sans retour possible ; les fiches restent. Vous pouvez "
                "aussi le faire plus tard, page « Sauvegardes »."
            ).format(n=plan.notes, date=plan.cutoff.strftime("%d/%m/%Y"), months=plan.months),
        )
        if not asked:
            return
        actor = context.user_id
        try:
            done = run_in_background(
                self,
                self.tr("Conservation"),
                self.tr("Purge des observations et réécriture du fichier…"),
                lambda job: retention.purge(db, actor_id=actor),
                cancellable=False,
            )
        except ValidationError as exc:
            msgbox.warning(self, self.tr("La purge n'a pas été faite."), "\n".join(e.message for e in exc.errors))
            return
        msgbox.information(self, self.tr("{n} observation(s) retirée(s).").format(n=done))

    def opening_message(self) -> str:
        return self.tr("Ouverture de la base…")

    def _show_shell(self) -> None:
        """What is known before the base is open: its path and the data folder; « … » for the counts."""
        for tile in (self.mediators_tile, self.dispositifs_tile, self.interventions_tile):
            tile.value.setText(PENDING)
        self._show_paths()
        self.navigation.setEnabled(False)  # the pages need the base
        self.statusBar().showMessage(self.opening_message())

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    # -- construction -----------------------------------------------------------------------------

    def _build_menus(self) -> None:
        menu_bar = self.menuBar()

        file_menu = menu_bar.addMenu(self.tr("&Fichier"))

        def native(keys: str) -> str:
            return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)

        self.import_action = QAction(self.tr("&Importer des interventions…"), self)
        self.import_action.setShortcuts([QKeySequence("Ctrl+I")])
        self.import_action.setToolTip(
            self.tr("Importer un fichier d'échange JSON Lines ({shortcut})").format(shortcut=native("Ctrl+I"))
        )
        self.import_action.triggered.connect(self.import_interventions)
        self.export_action = QAction(self.tr("&Exporter les interventions…"), self)
        self.export_action.setShortcuts([QKeySequence("Ctrl+E")])
        self.export_action.setToolTip(
            self.tr("Exporter les interventions dans un fichier JSON Lines ({shortcut})").format(
                shortcut=native("Ctrl+E")
            )
        )
        self.export_action.triggered.connect(self.export_interventions)
        for action in (self.import_action, self.export_action):
            action.setEnabled(False)  # they need the base
            file_menu.addAction(action)
        file_menu.addSeparator()
        self.quit_action = QAction(self.tr("&Quitter"), self)
        # setShortcuts, not setShortcut: resolving setShortcut's overloads builds QtCore.Qt (module docstring).
        self.quit_action.setShortcuts([QKeySequence("Ctrl+Q")])
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        go_menu = menu_bar.addMenu(self.tr("&Aller à"))
        self.page_actions: dict[str, QAction] = {}
        for spec in PAGES:
            action = QAction(spec.translated_title(), self)
            shortcuts = [QKeySequence(spec.shortcut)]
            if spec.key == "entry":
                shortcuts.append(QKeySequence("Ctrl+N"))
            action.setShortcuts(shortcuts)
            action.setToolTip(self.shortcut_tooltip(spec))
            action.setEnabled(spec.key == "overview")  # the other pages need the base
            action.setData(spec.key)
            action.triggered.connect(self._on_page_action)  # no lambda: it would keep the window alive
            go_menu.addAction(action)
            self.page_actions[spec.key] = action

        tools_menu = menu_bar.addMenu(self.tr("&Outils"))
        self.preferences_action = QAction(self.tr("&Préférences…"), self)
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.preferences_action.triggered.connect(self.show_preferences)
        tools_menu.addAction(self.preferences_action)
        self.audit_action = QAction(self.tr("&Journal d'audit…"), self)
        self.audit_action.setToolTip(self.tr("Qui a fait quoi, et quand (coordination)"))
        self.audit_action.setEnabled(False)  # with the base, for the coordination
        self.audit_action.triggered.connect(self.show_audit)
        tools_menu.addAction(self.audit_action)

        help_menu = menu_bar.addMenu(self.tr("&Aide"))
        self.about_action = QAction(self.tr("À &propos de Médios"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    @staticmethod
    def shortcut_tooltip(spec: PageSpec) -> str:
        """« Journal (Ctrl+2) »: the page's title and its shortcut, as the navigation and menu show it."""
        keys = QKeySequence(spec.shortcut).toString(QKeySequence.SequenceFormat.NativeText)
        return f"{spec.translated_title()} ({keys})"

    def _build_central(self) -> QWidget:
        """The navigation list on the left, the pages on the right (the overview first)."""
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Navigation entre les pages"))
        for spec in PAGES:
            item = QListWidgetItem(spec.translated_title())
            item.setToolTip(self.shortcut_tooltip(spec))
            self.navigation.addItem(item)
        self.navigation.setStyleSheet(
            "QListWidget#navigation { border: none; border-right: 1px solid palette(mid); padding-top: 8px; }"
            "QListWidget#navigation::item { padding: 7px 16px; }"
        )
        self.navigation.setCurrentRow(0)
        self.navigation.setFixedWidth(self.navigation.sizeHintForColumn(0) + 12)
        self.navigation.currentRowChanged.connect(self._on_navigation)

        self.stack = QStackedWidget()
        self.overview = self._build_overview()
        self.stack.addWidget(self.overview)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        return central

    def _build_status_bar(self) -> None:
        """Permanent facts on the right of the status bar: base, référentiel, user, month on screen."""
        bar = self.statusBar()
        self.status_database = QLabel()
        self.status_referentiel = QLabel()
        self.status_user = QLabel()
        self.status_month = QLabel()
        self._month_on_screen: int | None = None
        self._month_marks: dict[int, MonthMark] = {}  # closing states read since the last refresh
        for label in (self.status_database, self.status_referentiel, self.status_user, self.status_month):
            label.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(label)

    def _build_overview(self) -> QWidget:
        page = QWidget()
        page.setObjectName("overview")

        self.title = QLabel()
        self.title.setFont(_scaled_font(self.title, 1.8))
        self.title.setWordWrap(True)
        subtitle = QLabel(self.tr("Vue d'ensemble de la base de données"))
        set_secondary(subtitle)

        self.mediators_tile = CountTile(self.tr("Médiateurs"))
        self.dispositifs_tile = CountTile(self.tr("Dispositifs"))
        self.interventions_tile = CountTile(self.tr("Interventions"))
        self.interventions_tile.value.setText(PENDING)
        tiles = QGridLayout()
        tiles.setHorizontalSpacing(16)
        for index, tile in enumerate((self.mediators_tile, self.dispositifs_tile, self.interventions_tile)):
            tiles.addWidget(tile, 0, index)

        self.structure_name = self._value_label()
        self.calendar = self._value_label()
        self.referentiel_version = self._value_label()
        self.database_path = self._path_field()
        self.data_folder = self._path_field()

        structure_box = QGroupBox(self.tr("Structure"))
        form = self._form(structure_box)
        labels = [
            self._row(form, self.tr("Nom :"), self.structure_name),
            self._row(form, self.tr("Calendrier des jours fériés :"), self.calendar),
            self._row(form, self.tr("Version du référentiel :"), self.referentiel_version),
        ]
        storage_box = QGroupBox(self.tr("Stockage"))
        form = self._form(storage_box)
        labels += [
            self._row(form, self.tr("Base de données :"), self.database_path),
            self._row(form, self.tr("Dossier de données :"), self.data_folder),
        ]
        label_width = max(label.sizeHint().width() for label in labels)
        for label in labels:  # one label column across both boxes
            label.setMinimumWidth(label_width)

        content = QWidget()
        content.setMaximumWidth(860)
        column = QVBoxLayout(content)
        column.setContentsMargins(32, 28, 32, 28)
        column.setSpacing(12)
        column.addWidget(self.title)
        column.addWidget(subtitle)
        column.addSpacing(12)
        column.addLayout(tiles)
        column.addSpacing(12)
        column.addWidget(structure_box)
        column.addSpacing(4)
        column.addWidget(storage_box)
        column.addStretch(1)

        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(content)
        scroll = QScrollArea()
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        return scroll

    @staticmethod
    def _form(box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setContentsMargins(18, 14, 18, 14)
        form.setHorizontalSpacing(24)
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return form

    @staticmethod
    def _row(form: QFormLayout, text: str, field: QWidget) -> QLabel:
        label = QLabel(text)
        form.addRow(label, field)
        return label

    @staticmethod
    def _value_label() -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        return label

    def _make_selectable(self) -> None:
        """The figures and names can be selected and copied (set with the base: see the module's docstring)."""
        flag = QtCore.Qt.TextInteractionFlag.TextSelectableByMouse
        for label in (self.title, self.structure_name, self.calendar, self.referentiel_version):
            label.setTextInteractionFlags(flag)
        for tile in (self.mediators_tile, self.dispositifs_tile, self.interventions_tile):
            tile.value.setTextInteractionFlags(flag)

    @staticmethod
    def _path_field() -> QLineEdit:
        """A read-only line: long paths scroll instead of widening the window, and can be copied."""
        field = QLineEdit()
        field.setReadOnly(True)
        field.setFrame(False)
        field.setStyleSheet("QLineEdit { background: transparent; border: none; padding: 0px; margin-left: -2px; }")
        return field

    # -- data -------------------------------------------------------------------------------------

    @Slot()
    def check_for_changes(self, *, always: bool = False) -> bool:
        """Refresh if another program committed since the last look (or ``always``); ``True`` if the
        structure and small counts were read again (the interventions count follows, off this thread).

        An environment failure (disk removed, file damaged), here or in the count, is said once in
        French and shown in the status bar; the window stays open and tries again at the next poll, and
        the message goes once a whole refresh, count included, has succeeded.
        """
        if self._db is None:  # the shell: nothing to look at yet
            return False
        from medios.db import StorageError, storage_errors

        try:
            with storage_errors():
                token = self._watcher.token() if self._watcher is not None else None
                if not always and token is not None and token == self._token and not self._storage_failed:
                    return False
                self.refresh()
                self._token = token
        except StorageError as exc:
            self._report_storage_error(exc)
            return False
        return True

    def _report_storage_error(self, exc: StorageError) -> None:
        text = self.tr("Les informations affichées n'ont pas pu être mises à jour.")
        self.statusBar().showMessage(f"{text} {exc}")
        if not self._storage_failed:
            from medios.ui import msgbox

            self._storage_failed = True
            msgbox.critical(self, text, str(exc))

    # No @Slot(Qt.ApplicationState): the decorator would build QtCore.Qt when this module is imported.
    def _on_application_state(self, state: QtCore.Qt.ApplicationState) -> None:
        """Back from another program (a terminal running ``medios import``): look again."""
        if state == QtCore.Qt.ApplicationState.ApplicationActive and self._watcher is not None:
            self.check_for_changes(always=not self._watcher.supported)

    @Slot()
    def refresh(self) -> None:
        """Reload the overview from the services: the structure and small counts now, the interventions
        on a pool thread (:attr:`counts_shown` when they are on screen)."""
        import dataclasses

        self._month_marks.clear()  # a month may have been closed or reopened (here or by another program)

        from medios.referentiel import active as active_referentiel

        assert self._db is not None, "refresh() before attach()"
        summary = structure_summary(self._db, count_interventions=False)
        previous = self.summary.interventions if self.summary is not None else None
        self.summary = dataclasses.replace(summary, interventions=previous)
        self.setWindowTitle(self.tr("Médios — {structure}").format(structure=summary.name))
        self.title.setText(summary.name)
        self.structure_name.setText(summary.name)
        self.calendar.setText(
            active_referentiel().label("CALENDRIER_FERIES", summary.holiday_calendar, active_language())
        )
        self.referentiel_version.setText(summary.referentiel_version)
        self.status_referentiel.setText(self.tr("Référentiel {version}").format(version=summary.referentiel_version))
        self.mediators_tile.set_count(summary.mediators)
        self.dispositifs_tile.set_count(summary.dispositifs)
        self._show_paths()
        self._count_interventions()

    def _show_paths(self) -> None:
        database = self._db.path if self._db is not None else self._database_path
        self.status_database.setText(Path(database).name if database else self.tr("(en mémoire)"))
        self.status_database.setToolTip(str(database) if database else "")
        for field, path in ((self.database_path, database), (self.data_folder, paths.data_dir())):
            field.setText(str(path) if path else self.tr("(en mémoire)"))
            field.setToolTip(field.text())
            field.setCursorPosition(0)

    def _count_interventions(self) -> None:
        self.counts_pending = True
        if self._counter is not None:  # the count under way may have missed this change
            self._recount = True
            return
        assert self._db is not None
        counter = InterventionCounter(self._db)
        counter.signals.counted.connect(self._on_counted)
        counter.signals.failed.connect(self._on_count_failed)
        self._counter = counter
        self._pool.start(counter)

    def _count_done(self) -> None:
        """The counter has emitted its last signal: let its thread leave run(), then count again if asked."""
        self._pool.waitForDone()
        self._counter = None
        if self._recount:
            self._recount = False
            self._count_interventions()
        else:
            self.counts_pending = False

    @Slot(int)
    def _on_counted(self, count: int) -> None:
        self._count_done()
        self._counted = True
        self.interventions_tile.set_count(count)
        if self._storage_failed and not self.counts_pending:  # the whole refresh went through
            self._storage_failed = False
            self.statusBar().clearMessage()
        if self.summary is not None:
            import dataclasses

            self.summary = dataclasses.replace(self.summary, interventions=count)
        if not self.counts_pending:
            self.counts_shown.emit()

    @Slot(object)
    def _on_count_failed(self, error: BaseException) -> None:
        self._count_done()
        known = _storage_error(error)
        if known is None:
            raise error  # a bug: the crash report, as for any slot
        if not self._counted and self.stop_on_start_failure:
            self.start_failure = known
            self.start_failed.emit()
        else:
            self._report_storage_error(known)
        if not self.counts_pending:
            self.counts_shown.emit()

    # -- pages ------------------------------------------------------------------------------------

    def current_page_key(self) -> str:
        return self._current_key

    def page(self, key: str) -> Page | None:
        """The page ``key`` if it has been built (``None`` for the overview and pages not yet visited)."""
        return self._pages.get(key)

    def show_page(self, key: str) -> QWidget | None:
        """Bring page ``key`` on screen (built on its first visit); the page shown, or ``None`` when the
        base is not open yet or the current page refused to be left."""
        row = next(index for index, spec in enumerate(PAGES) if spec.key == key)
        if self.navigation.currentRow() != row:
            self.navigation.setCurrentRow(row)  # _on_navigation does the work
        if self._current_key != key:
            return None
        return self.overview if key == "overview" else self._pages.get(key)

    @Slot()
    def _on_page_action(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.show_page(str(action.data()))

    @Slot(int)
    def _on_navigation(self, row: int) -> None:
        spec = PAGES[row]
        if spec.key == self._current_key:
            return
        current = self._pages.get(self._current_key)
        if (spec.key != "overview" and self.context is None) or (current is not None and not current.can_leave()):
            self._select_row(self._current_key)  # stay: no base yet, or the page keeps the user
            return
        widget: QWidget = self.overview if spec.key == "overview" else self._build_page(spec)
        self.stack.setCurrentWidget(widget)
        self._current_key = spec.key
        if isinstance(widget, Page):
            widget.activated()
            self._show_month(widget.shown_month())
        else:
            self._show_month(None)

    def _select_row(self, key: str) -> None:
        row = next(index for index, spec in enumerate(PAGES) if spec.key == key)
        blocked = self.navigation.blockSignals(True)
        self.navigation.setCurrentRow(row)
        self.navigation.blockSignals(blocked)

    def _build_page(self, spec: PageSpec) -> Page:
        page = self._pages.get(spec.key)
        if page is None:
            import importlib

            assert self.context is not None
            page = getattr(importlib.import_module(spec.module), spec.cls)(self.context)
            assert isinstance(page, Page)
            page.setObjectName(f"page_{spec.key}")
            self._pages[spec.key] = page
            self.stack.addWidget(page)
        return page

    @Slot()
    def offer_pending_draft(self) -> bool:
        """After a crash or a power cut: the current user's unsaved form (an intervention, a tournée, an
        action, a meeting) is in the base as a draft; open the first page that has one, which offers it
        back (the others offer theirs when they come on screen).  ``True`` if there was one."""
        if self.context is None or self._db is None:
            return False
        from medios.services.overview import has_draft

        for spec in PAGES:
            if spec.draft_kind and has_draft(self._db, self.context.user_id, spec.draft_kind):  # without the ORM
                self.show_page(spec.key)  # its first activation asks whether to restore the draft
                return True
        return False

    # Navigator (medios.ui.pages.Navigator): what pages ask of the window.

    def open_intervention(self, intervention_id: Any) -> None:
        page = self.show_page("entry")
        if page is not None and hasattr(page, "edit_intervention"):
            page.edit_intervention(intervention_id)

    def new_intervention(self, *, presence_id: Any = None) -> None:
        page = self.show_page("entry")
        if page is not None and hasattr(page, "new_intervention"):
            page.new_intervention(presence_id=presence_id)

    def show_status(self, text: str, timeout_ms: int = 5000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    @Slot()
    def import_interventions(self) -> None:
        """« Fichier › Importer des interventions… »: off this thread, with progress and Cancel."""
        if self._db is not None:
            from medios.ui.transfer import import_interventions

            import_interventions(self, self._db, self._after_import)

    def _after_import(self) -> None:
        """Every page that shows records reads them again, and the window its counts."""
        if self.context is not None:
            self.context.data_changed.emit()  # connected to _on_data_changed too
        else:
            self.check_for_changes(always=True)

    @Slot()
    def export_interventions(self) -> None:
        """« Fichier › Exporter les interventions… »: off this thread, with progress and Cancel."""
        if self._db is not None:
            from medios.ui.transfer import export_interventions

            export_interventions(self, self._db, self.context.user_id if self.context is not None else None)

    @Slot()
    def _on_data_changed(self) -> None:
        self.check_for_changes(always=True)
        self._show_month(self._month_on_screen)  # a month closed or reopened meanwhile

    @Slot()
    def _show_user(self) -> None:
        if self.context is None:
            self.status_user.clear()
            return
        pseudonym = self.context.user_pseudonym()
        self.audit_action.setEnabled(self.context.user_role() in ("COORDINATEUR", "ADMIN"))
        self.status_user.setText(
            self.tr("Utilisateur : {user}").format(user=pseudonym) if pseudonym else self.tr("Aucun utilisateur")
        )

    def _show_month(self, month: int | None) -> None:
        """The month on screen (``yyyymm``; ``None``: the current month) and whether it is closed."""
        import datetime as dt

        if month is None:
            today = dt.date.today()
            month = today.year * 100 + today.month
        self._month_on_screen = month
        locale = QLocale()
        name = locale.standaloneMonthName(month % 100, QLocale.FormatType.LongFormat)
        name = name[:1].upper() + name[1:]
        mark = None
        if self.context is not None:
            # Read once per month between two refreshes: the journal tells its month at every row change.
            mark = self._month_marks.get(month)
            if mark is None:
                from medios.services.overview import month_mark

                mark = self._month_marks[month] = month_mark(self.context.db, month)
        if mark is not None and mark.status == "CLOS":
            text = self.tr("{month} {year} : mois clôturé (v{version})").format(
                month=name, year=month // 100, version=mark.version
            )
        elif mark is not None and mark.status == "ROUVERT":
            text = self.tr("{month} {year} : mois rouvert").format(month=name, year=month // 100)
        else:
            text = self.tr("{month} {year} : mois ouvert").format(month=name, year=month // 100)
        self.status_month.setText(text)

    # -- actions ----------------------------------------------------------------------------------

    @Slot()
    def show_audit(self) -> None:
        from medios.ui.audit import AuditDialog

        if self._db is None or self.context is None:
            return
        AuditDialog(self._db, self.context.user_id, self).exec()

    @Slot()
    def show_preferences(self) -> None:
        # Imported when asked for: its generated form initialises some forty Qt classes (0.1 to 0.25 s)
        # that the window's first paint does not need.
        from medios.ui.preferences import PreferencesDialog

        PreferencesDialog(self, self._preferences).exec()

    @Slot()
    def show_about(self) -> None:
        from medios.ui import msgbox

        msgbox.about(self, self.tr("À propos de Médios"), self.about_text())

    def about_text(self) -> str:
        import html

        from medios.referentiel import active as active_referentiel

        lines = [
            f"<h3>Médios {html.escape(medios.__version__)}</h3>",  # read on demand (importlib.metadata)
            "<p>" + html.escape(self.tr("Saisie hors ligne et bilans de l'activité de médiation sociale.")) + "</p>",
            "<p>"
            + html.escape(self.tr("Version du référentiel : {version}").format(version=active_referentiel().version))
            + "<br>"
            + html.escape(self.tr("Dossier de données : {path}").format(path=paths.data_dir()))
            + "</p>",
            "<p>" + html.escape(self.tr("Logiciel libre sous licence GPL 3 ou ultérieure.")) + "</p>",
        ]
        return "".join(lines)

    # -- geometry ---------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry: Any = self._preferences.value(GEOMETRY_KEY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*DEFAULT_SIZE)

    def save_geometry(self) -> None:
        self._preferences.setValue(GEOMETRY_KEY, self.saveGeometry())
        self._preferences.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        for page in self._pages.values():
            page.closing()  # a draft written, timers stopped, before the base goes
        self.backup_at_close()
        self.save_geometry()
        self.stop_watching()
        super().closeEvent(event)

    def backup_at_close(self) -> None:
        """The automatic backup, at most one a day, when the window closes (SQLite, a writable base)."""
        db = self._db
        if db is None or db.engine.dialect.name != "sqlite" or db.read_only or self.after_close is not None:
            return
        from medios.services import backups

        from medios.ui import msgbox
        from medios.ui.transfer import Cancelled, run_in_background

        if not backups.due():
            return
        folder = str(self._preferences.value(BACKUP_FOLDER_KEY, "") or "")
        folders = (Path(folder),) if folder else ()
        try:
            run_in_background(
                self,
                self.tr("Sauvegarde"),
                self.tr("Sauvegarde automatique de la base…"),
                lambda job: backups.backup_now(Path(db.path), folders=folders, progress=job.progress),
            )
        except Cancelled:
            return
        except (backups.BackupError, OSError) as exc:
            msgbox.warning(self, self.tr("La sauvegarde automatique n'a pas été faite entièrement."), str(exc))

    def stop_watching(self) -> None:
        self._stopped = True  # what the pool threads still report is for a closed window: dropped
        if self.inactivity is not None:
            self.inactivity.stop()
            self.inactivity = None
        self._stop_watching()

    def _stop_watching(self) -> None:
        """Stop polling, wait for a count under way, and give the watcher's connection back (on close,
        before the database is disposed)."""
        self.change_timer.stop()
        if self.integrity_check is not None:
            self.integrity_check.stop()
        self._integrity_pool.waitForDone()
        self._pool.waitForDone()
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
