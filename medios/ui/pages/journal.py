"""Page « Journal des interventions »: every live intervention, newest first, on a million rows.

:class:`JournalModel` holds a *window* of the journal: at most :data:`MAX_ROWS` consecutive rows,
read by keyset pages of :data:`PAGE_ROWS` through :mod:`medios.services.journal` (never OFFSET,
never the whole table).  Scrolling down fetches the next page (``canFetchMore``/``fetchMore``) and
drops pages far above once the window is full; scrolling back to the top of the window reads the
page before it.  Ctrl+Fin jumps to the oldest rows, Ctrl+Début back to the newest.  The exact count
of the filter runs on a pool thread (:class:`JournalCounter`), as the window's own count does.

Sorting: a click on a header sorts, a second click reverses.  The date (with the time) newest or
oldest first, both read from the journal index; the registre, domain, place, commune, dispositif and
outcome on the label shown (A to Z or Z to A, newest first within a label), each label's rows read
from the index (column, date) as a filter on it is (see :class:`~medios.services.journal.JournalSort`):
the window, Ctrl+Fin and Ctrl+Début work the same under every sort.  The time, mediators and publics
do not sort (no index serves them: a status message says so).

Filters (period, registre, domain, place, outcome, territory, dispositif, mediator) are
:class:`~medios.ui.pickers.CodePicker` (type to filter); the search box looks for words in the
commune, the site, the partners and, where the structure enabled them, the notes.  A detail pane
shows the current intervention; Entrée (or a double click) opens it in the entry page, Suppr deletes
the selected ones (Ctrl+Z undoes), Ctrl+D duplicates the current one (dated today) and opens the copy.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from medios.db.interrupt import Interrupted, Interruptible
from medios.referentiel import Referentiel, active
from medios.services import journal
from medios.services.errors import NotFoundError, ValidationError, field_label
from medios.services.journal import BY_DATE, NO_FILTER, SORT_COLUMNS, Cursor, JournalFilters, JournalRow, JournalSort

from medios.ui import msgbox
from medios.ui.pages import Page, PageContext
from medios.ui.pickers import Choice, CodePicker, referentiel_choices
from medios.ui.preferences_store import active_language
from medios.ui.widgets import set_secondary

if TYPE_CHECKING:
    from medios.db import Database

PAGE_ROWS = 100  # rows of one keyset page
MAX_ROWS = 1000  # rows the model holds at most (pages beyond are dropped and read again when needed)
NO_DATE = QDate(2000, 1, 1)  # the minimum of the period fields, shown « — »: no bound
SEARCH_DELAY_MS = 300
# The exact count starts once the filters rest this long (a user trying filters one after the other
# starts one count, not ten), and after the first screen is painted.
COUNT_DELAY_MS = 250
# The detail pane follows the current row once it rests this long (arrow keys held: no read per row).
DETAIL_DELAY_MS = 60

# (vocabulary, JournalRow attribute) of the coded columns shown with their label.
CODED = {"registre": "REGISTRE", "domain": "DOMAINE", "place": "LIEU", "outcome": "ISSUE"}
COLUMNS = (
    "date", "start_time", "registre", "domain", "place", "commune", "dispositif", "outcome", "mediators", "publics",
)  # fmt: skip


def _tr(text: str) -> str:
    return QCoreApplication.translate("JournalPage", text)


def _headers() -> tuple[str, ...]:
    return (
        _tr("Date"),
        _tr("Heure"),
        _tr("Registre"),
        _tr("Domaine"),
        _tr("Lieu"),
        _tr("Commune"),
        _tr("Dispositif"),
        _tr("Issue"),
        _tr("Médiateurs"),
        _tr("Publics"),
    )


def read_page(
    db: Database,
    filters: JournalFilters,
    *,
    newest_first: bool,
    down: bool,
    cursor: Cursor | None,
    end: bool = False,
    sort: JournalSort = BY_DATE,
) -> tuple[list[JournalRow], bool]:
    """A page in display order (newest or oldest first; sorted on a column, the service's order, given
    ``newest_first``), read down or up the display from ``cursor`` (from the top, or the bottom when
    ``end``), and whether more rows lie beyond it."""
    toward_older = down == newest_first
    page: journal.JournalPage
    if cursor is None:
        oldest = (not newest_first) != end
        page = (
            journal.last_page(db, filters, limit=PAGE_ROWS, sort=sort)
            if oldest
            else journal.first_page(db, filters, limit=PAGE_ROWS, sort=sort)
        )
        more = (page.newer if oldest else page.older) is not None
    elif toward_older:
        page = journal.journal_page(db, filters, after=cursor, limit=PAGE_ROWS, sort=sort)
        more = page.older is not None
    else:
        page = journal.journal_page(db, filters, before=cursor, limit=PAGE_ROWS, sort=sort)
        more = page.newer is not None
    return (list(page.rows) if newest_first else list(reversed(page.rows))), more


class ReaderSignals(QObject):
    read = Signal(int, str, object, bool)  # generation, kind, rows, more beyond
    failed = Signal(int, object)  # generation, exception


class PageReader(QRunnable):
    """Reads one page on a pool thread (a connection of its own); never touches the model."""

    def __init__(
        self,
        db: Database,
        filters: JournalFilters,
        newest_first: bool,
        down: bool,
        cursor: Cursor | None,
        end: bool,
        generation: int,
        kind: str,
        reads: Interruptible | None = None,
        sort: JournalSort = BY_DATE,
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = ReaderSignals()
        self._reads = reads
        self._args = (db, filters, newest_first, down, cursor, end, sort)
        self._generation = generation
        self._kind = kind

    def run(self) -> None:
        db, filters, newest_first, down, cursor, end, sort = self._args
        try:
            with self._reads.running() if self._reads is not None else contextlib.nullcontext():
                rows, more = read_page(
                    db, filters, newest_first=newest_first, down=down, cursor=cursor, end=end, sort=sort
                )
        except Interrupted:  # nobody waits for these rows any more (new filters, page closed)
            return
        except Exception as exc:  # handed to the main thread
            self.signals.failed.emit(self._generation, exc)
        else:
            self.signals.read.emit(self._generation, self._kind, rows, more)


class JournalModel(QAbstractTableModel):
    """A window of the journal (see the module's docstring).  ``trimmed_top(n)``: ``n`` rows were removed
    above (the view scrolls back by as many); ``grown_top(n)``: ``n`` rows were added above."""

    loaded = Signal()  # the rows of the latest reload or jump are in
    failed = Signal(object)  # a page read off the GUI thread failed (the exception)
    trimming_top = Signal()
    trimmed_top = Signal(int)
    grown_top = Signal(int)

    def __init__(self, db: Database, ref: Referentiel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._ref = ref
        self._language = active_language()
        self._rows: list[JournalRow] = []
        self._texts: dict[uuid.UUID, tuple[str, ...]] = {}  # what each held row shows, made when read
        self._days: dict[dt.date, str] = {}
        self._labels: dict[tuple[str, str], str] = {}
        self._filters = NO_FILTER
        self.newest_first = True  # sorted on the date: the newest rows on top
        self._sort = BY_DATE  # or on a column (see JournalSort; ``newest_first`` then plays no part)
        self._more_below = False
        self._more_above = False
        self._communes: dict[str, str] = {}
        self._headers = _headers()
        self.reads = 0  # keyset pages read (tests count them)
        # A page is being added: the view, seeing its scroll bar move meanwhile, asks for no other.
        self._moving = False
        self.loading = False  # a page is being read on the pool thread
        self._generation = 0
        self._readers: list[PageReader] = []
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        # A search found nowhere reads the whole journal (seconds): stopped when its rows are not wanted.
        self._reads = Interruptible(db.engine)

    # -- what is shown --------------------------------------------------------------------------

    @property
    def filters(self) -> JournalFilters:
        return self._filters

    @property
    def sort(self) -> JournalSort:
        return self._sort

    def _newest_on_top(self) -> bool:
        return self.newest_first if self._sort.column is None else True

    def _cursor(self, row: JournalRow) -> Cursor:
        return row.cursor_for(self._sort)

    def set_commune_labels(self, labels: dict[str, str]) -> None:
        self._communes = labels

    def rows(self) -> list[JournalRow]:
        return list(self._rows)

    def row_at(self, row: int) -> JournalRow:
        return self._rows[row]

    def row_of(self, intervention_id: uuid.UUID) -> int:
        for i, item in enumerate(self._rows):
            if item.id == intervention_id:
                return i
        return -1

    @property
    def more_above(self) -> bool:
        return self._more_above

    @property
    def more_below(self) -> bool:
        return self._more_below

    # -- reading --------------------------------------------------------------------------------
    #
    # A page of a search (``filters.text``) is read on a pool thread: no index serves it, and a text
    # found nowhere walks the whole journal (seconds on a million rows).  So is a page sorted on a column
    # and filtered on a mediator (no index holds both).  Other pages are read here: a few milliseconds
    # from an index (see medios.services.journal).

    @property
    def slow(self) -> bool:
        """Pages of the current filters are read off the GUI thread: a search, or a sort on a column with a
        mediator (each value of the column walks the mediator's rows until it has found its own)."""
        filters = self._filters
        return filters.text is not None or (self._sort.column is not None and filters.mediator_id is not None)

    def _read(self, *, down: bool, cursor: Cursor | None, end: bool = False) -> tuple[list[JournalRow], bool]:
        self.reads += 1
        rows, more = read_page(
            self._db,
            self._filters,
            newest_first=self._newest_on_top(),
            down=down,
            cursor=cursor,
            end=end,
            sort=self._sort,
        )
        self._remember(rows)
        return rows, more

    def _remember(self, rows: list[JournalRow]) -> None:
        """The texts a page shows, made once when it is read (a day, a code, a commune: once each)."""
        days, labels, communes = self._days, self._labels, self._communes
        language, ref = self._language, self._ref
        for row in rows:
            day = days.get(row.date)
            if day is None:
                day = days[row.date] = QLocale().toString(QDate(row.date), QLocale.FormatType.ShortFormat)
            coded = []
            for column in ("registre", "domain", "place", "outcome"):
                code = getattr(row, column)
                label = labels.get((column, code))
                if label is None:
                    label = labels[(column, code)] = ref.label(CODED[column], code, language)
                coded.append(label)
            commune = communes.get(row.commune)
            self._texts[row.id] = (
                day,
                row.start_time.strftime("%H:%M"),
                coded[0],
                coded[1],
                coded[2],
                f"{commune} ({row.commune})" if commune else row.commune,
                row.dispositif or "—",
                coded[3],
                ", ".join(row.mediators),
                str(row.publics),
            )

    def _reset(self, rows: list[JournalRow], *, below: bool, above: bool) -> None:
        self.beginResetModel()
        self._rows = rows
        self._texts = {r.id: self._texts[r.id] for r in rows}
        self._more_below = below
        self._more_above = above
        self.endResetModel()

    def _start(self, kind: str, *, down: bool, cursor: Cursor | None, end: bool = False) -> None:
        self.loading = True
        reader = PageReader(
            self._db,
            self._filters,
            self._newest_on_top(),
            down,
            cursor,
            end,
            self._generation,
            kind,
            self._reads,
            self._sort,
        )
        reader.signals.read.connect(self._on_read)
        reader.signals.failed.connect(self._on_failed)
        self._readers = [*self._readers[-4:], reader]  # alive until their run() has ended
        self._pool.start(reader)

    def _restart(self) -> None:
        """Forget the pages being read for earlier filters (a running one ends unheard)."""
        self._generation += 1
        self._pool.clear()
        self._reads.interrupt()  # a page still being read for earlier filters
        self.loading = False

    def reload(
        self,
        filters: JournalFilters | None = None,
        *,
        newest_first: bool | None = None,
        sort: JournalSort | None = None,
    ) -> None:
        """Read the top of the display again (with new filters or order when given: ``newest_first`` for
        the date, ``sort`` a column's or :data:`~medios.services.journal.BY_DATE`); ``loaded`` follows."""
        if filters is not None:
            self._filters = filters
        if newest_first is not None:
            self.newest_first = newest_first
        if sort is not None:
            self._sort = sort
        self._restart()
        if self.slow:
            self._reset([], below=False, above=False)
            self._start("top", down=True, cursor=None)
            return
        rows, more = self._read(down=True, cursor=None)
        self._reset(rows, below=more, above=False)
        self.loaded.emit()

    def jump_to_end(self) -> None:
        """Show the bottom of the display (the oldest rows, newest first; or the newest ones)."""
        self._restart()
        if self.slow:
            self._reset([], below=False, above=False)
            self._start("end", down=False, cursor=None, end=True)
            return
        rows, more = self._read(down=False, cursor=None, end=True)
        self._reset(rows, below=False, above=more)
        self.loaded.emit()

    @Slot(int, str, object, bool)
    def _on_read(self, generation: int, kind: str, rows: list[JournalRow], more: bool) -> None:
        if generation != self._generation:
            return  # read for filters left since
        self.loading = False
        self.reads += 1
        self._remember(rows)
        if kind == "top":
            self._reset(rows, below=more, above=False)
            self.loaded.emit()
        elif kind == "end":
            self._reset(rows, below=False, above=more)
            self.loaded.emit()
        else:
            self._append(rows, more)

    @Slot(int, object)
    def _on_failed(self, generation: int, error: object) -> None:
        if generation == self._generation:
            self.loading = False
            self.failed.emit(error)

    def wait(self) -> None:
        """Until the page being read (if any) is in (tests and benchmarks)."""
        self._pool.waitForDone()
        QCoreApplication.processEvents()

    def shutdown(self) -> None:
        self._restart()
        self._pool.waitForDone()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more_below and not self._moving and not self.loading

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more_below or not self._rows or self._moving or self.loading:
            return
        if self.slow:
            self._start("below", down=True, cursor=self._cursor(self._rows[-1]))
            return
        self._moving = True
        try:
            rows, more = self._read(down=True, cursor=self._cursor(self._rows[-1]))
            self._append(rows, more)
        finally:
            self._moving = False

    def _append(self, rows: list[JournalRow], more: bool) -> None:
        self._more_below = more
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        excess = len(self._rows) - MAX_ROWS
        if excess > 0:
            self.trimming_top.emit()
            self.beginRemoveRows(QModelIndex(), 0, excess - 1)
            for gone in self._rows[:excess]:
                self._texts.pop(gone.id, None)
            del self._rows[:excess]
            self._more_above = True
            self.endRemoveRows()
            self.trimmed_top.emit(excess)

    def fetch_above(self) -> int:
        """Read the page above the window (here, even for a search: those rows were read before); the
        number of rows added at the top."""
        if not self._more_above or not self._rows or self._moving or self.loading:
            return 0
        self._moving = True
        try:
            return self._fetch_above()
        finally:
            self._moving = False

    def _fetch_above(self) -> int:
        rows, more = self._read(down=False, cursor=self._cursor(self._rows[0]))
        self._more_above = more
        if rows:
            self.beginInsertRows(QModelIndex(), 0, len(rows) - 1)
            self._rows[:0] = rows
            self.endInsertRows()
        excess = len(self._rows) - MAX_ROWS
        if excess > 0:
            last = len(self._rows)
            self.beginRemoveRows(QModelIndex(), last - excess, last - 1)
            for gone in self._rows[last - excess :]:
                self._texts.pop(gone.id, None)
            del self._rows[last - excess :]
            self._more_below = True
            self.endRemoveRows()
        if rows:
            self.grown_top.emit(len(rows))
        return len(rows)

    # -- the model ------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            # Literal calls: lupdate does not see the strings given to _tr().
            if role == Qt.ItemDataRole.ToolTipRole and section == 0:
                return QCoreApplication.translate(
                    "JournalPage", "Cliquer pour trier du plus récent au plus ancien, ou l'inverse"
                )
            if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section] in SORT_COLUMNS:
                return QCoreApplication.translate(
                    "JournalPage",
                    "Cliquer pour trier de A à Z, puis de Z à A (les plus récentes d'abord pour chaque valeur)",
                )
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(COLUMNS):
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[row.id][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._text(row, column, tooltip=True)
        if role == Qt.ItemDataRole.UserRole:
            return str(row.id)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "publics":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: JournalRow, column: str, *, tooltip: bool) -> str:
        if column == "date":
            return QLocale().toString(QDate(row.date), QLocale.FormatType.ShortFormat)
        if column == "start_time":
            return row.start_time.strftime("%H:%M")
        if column in CODED:
            code = getattr(row, column)
            label = self._ref.label(CODED[column], code, self._language)
            return f"{label} ({code})" if tooltip else label
        if column == "commune":
            name = self._communes.get(row.commune)
            return f"{name} ({row.commune})" if name else row.commune
        if column == "dispositif":
            return row.dispositif or "—"
        if column == "mediators":
            return ", ".join(row.mediators)
        return str(row.publics)


class CounterSignals(QObject):
    counted = Signal(int, int)  # generation, rows
    failed = Signal(int, object)  # generation, exception


class JournalCounter(QRunnable):
    """Counts the rows of a filter on a pool thread (a connection of its own); never touches a widget."""

    def __init__(
        self, db: Database, filters: JournalFilters, generation: int, reads: Interruptible | None = None
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the page keeps it until its thread has left run()
        self.signals = CounterSignals()
        self._reads = reads
        self._db = db
        self._filters = filters
        self._generation = generation

    def run(self) -> None:
        try:
            with self._reads.running() if self._reads is not None else contextlib.nullcontext():
                count = journal.count_journal(self._db, self._filters)
        except Interrupted:  # the page closed meanwhile
            return
        except Exception as exc:  # handed to the main thread
            self.signals.failed.emit(self._generation, exc)
        else:
            self.signals.counted.emit(self._generation, count)


class JournalTable(QTableView):
    """The journal's table: Entrée opens the current row (``open_requested``)."""

    open_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


def _labelled(label: str, field: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    caption = QLabel(label)
    caption.setBuddy(field)
    layout.addWidget(caption)
    layout.addWidget(field)
    return box


class JournalPage(Page):
    """The journal (see the module's docstring)."""

    # The page has read the rows of the latest filters (tests wait on it) and the count has arrived.
    counted = Signal()

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._ref = active()
        self._language = active_language()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._counts = Interruptible(context.db.engine)  # an exact count on a big base: stopped on close
        self._generation = 0
        self._counter: JournalCounter | None = None
        self.count: int | None = None
        self._deleted: list[uuid.UUID] = []  # the last deletion, for Undo
        self._adjusting = False  # the page moves the scroll bar itself: no page read on that
        self._scrolled_to = 0  # the scroll bar's value before rows were dropped above
        self._keep: uuid.UUID | None = None  # the row to show again once the rows are in
        self._at_end = False  # show the last row once the rows are in
        self._build()
        context.data_changed.connect(self.refresh)
        self._load_choices()
        self.apply_filters()

    # -- widgets --------------------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel(self.tr("Journal des interventions"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.count_label = QLabel()
        set_secondary(self.count_label)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.count_label)

        self.date_from = self._date_field(self.tr("Du"))
        self.date_to = self._date_field(self.tr("Au"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Commune, site, partenaire, observations…"))
        self.search.setAccessibleName(self.tr("Rechercher"))
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(
            self.tr("Cherche dans la commune, le site, les partenaires et les observations (si activées) (Ctrl+F)")
        )
        self.registre = self._picker(self.tr("Registre"))
        self.domain = self._picker(self.tr("Domaine"))
        self.place = self._picker(self.tr("Lieu"))
        self.outcome = self._picker(self.tr("Issue"))
        self.territory = self._picker(self.tr("Territoire"))
        self.dispositif = self._picker(self.tr("Dispositif"))
        self.mediator = self._picker(self.tr("Médiateur"))
        self.clear_button = QPushButton(self.tr("Effacer les filtres"))
        self.clear_button.setToolTip(self.tr("Montrer toutes les interventions"))
        self.clear_button.clicked.connect(self.clear_filters)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        grid.addWidget(_labelled(self.tr("&Du"), self.date_from), 0, 0)
        grid.addWidget(_labelled(self.tr("A&u"), self.date_to), 0, 1)
        grid.addWidget(_labelled(self.tr("&Rechercher"), self.search), 0, 2, 1, 2)
        grid.addWidget(_labelled(self.tr("Re&gistre"), self.registre), 1, 0)
        grid.addWidget(_labelled(self.tr("D&omaine"), self.domain), 1, 1)
        grid.addWidget(_labelled(self.tr("&Lieu"), self.place), 1, 2)
        grid.addWidget(_labelled(self.tr("&Issue"), self.outcome), 1, 3)
        grid.addWidget(_labelled(self.tr("&Territoire"), self.territory), 2, 0)
        grid.addWidget(_labelled(self.tr("Dis&positif"), self.dispositif), 2, 1)
        grid.addWidget(_labelled(self.tr("&Médiateur"), self.mediator), 2, 2)
        grid.addWidget(self.clear_button, 2, 3, Qt.AlignmentFlag.AlignBottom)
        for column in range(4):
            grid.setColumnStretch(column, 1)

        self.model = JournalModel(self.context.db, self._ref, self)
        self.table = JournalTable()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Interventions"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        header.sectionClicked.connect(self._on_header)
        self._size_columns()
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        self.table.open_requested.connect(self.open_current)
        self.table.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.model.trimming_top.connect(self._on_trimming)
        self.model.trimmed_top.connect(self._on_trimmed)
        self.model.modelReset.connect(self._on_reset)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.model.loaded.connect(self._on_loaded)
        self.model.failed.connect(self._storage_problem)

        self.detail = QTextBrowser()
        self.detail.setAccessibleName(self.tr("Détail de l'intervention"))
        self.detail.setOpenLinks(False)
        self.detail.setMinimumWidth(220)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter

        # Actions, with their shortcuts in the tooltips.
        self.open_button = self._button(self.tr("Ouvrir"), self.tr("Ouvrir l'intervention dans la saisie"), "Return")
        self.open_button.clicked.connect(self.open_current)
        self.duplicate_action = self._action(self.tr("Dupliquer"), "Ctrl+D", self.duplicate_current)
        self.duplicate_button = self._button(
            self.tr("Dupliquer"), self.tr("Copier l'intervention à la date du jour et l'ouvrir"), "Ctrl+D"
        )
        self.duplicate_button.clicked.connect(self.duplicate_current)
        self.delete_action = self._action(self.tr("Supprimer"), "Del", self.delete_selected)
        self.delete_button = self._button(self.tr("Supprimer"), self.tr("Supprimer les interventions choisies"), "Del")
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_action = self._action(self.tr("Annuler la suppression"), "Ctrl+Z", self.undo_delete)
        self.newest_action = self._action(self.tr("Plus récentes"), "Ctrl+Home", self.go_to_start)
        self.oldest_action = self._action(self.tr("Plus anciennes"), "Ctrl+End", self.go_to_end)
        self.oldest_button = self._button(
            self.tr("Plus anciennes"), self.tr("Aller aux interventions les plus anciennes"), "Ctrl+End"
        )
        self.oldest_button.clicked.connect(self.go_to_end)
        self.find_action = self._action(self.tr("Rechercher"), "Ctrl+F", self._focus_search)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.duplicate_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.oldest_button)

        # The bar offering to undo the last deletion.
        self.undo_bar = QFrame()
        self.undo_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.undo_text = QLabel()
        self.undo_button = QToolButton()
        self.undo_button.setText(self.tr("Annuler"))
        self.undo_button.setToolTip(self._with_shortcut(self.tr("Remettre les interventions supprimées"), "Ctrl+Z"))
        self.undo_button.clicked.connect(self.undo_delete)
        bar = QHBoxLayout(self.undo_bar)
        bar.setContentsMargins(8, 4, 8, 4)
        bar.addWidget(self.undo_text, 1)
        bar.addWidget(self.undo_button)
        self.undo_bar.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(head)
        layout.addLayout(grid)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.undo_bar)
        layout.addLayout(buttons)

        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._start_count)
        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(DETAIL_DELAY_MS)
        self._detail_timer.timeout.connect(self._show_detail)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filters)
        for field in (self.date_from, self.date_to):
            field.dateChanged.connect(lambda _date: self.apply_filters())
        for picker in self._pickers():
            picker.code_changed.connect(lambda _code: self.apply_filters())
        self.setTabOrder(self.date_from, self.date_to)
        order: list[QWidget] = [
            self.date_from,
            self.date_to,
            self.search,
            *self._pickers(),
            self.clear_button,
            self.table,
            self.detail,
            self.open_button,
            self.duplicate_button,
            self.delete_button,
            self.oldest_button,
        ]
        for first, second in zip(order, order[1:], strict=False):
            self.setTabOrder(first, second)

    def _pickers(self) -> list[CodePicker]:
        return [
            self.registre,
            self.domain,
            self.place,
            self.outcome,
            self.territory,
            self.dispositif,
            self.mediator,
        ]

    def _date_field(self, name: str) -> QDateEdit:
        field = QDateEdit()
        field.setCalendarPopup(True)
        field.setMinimumDate(NO_DATE)
        field.setSpecialValueText("—")
        field.setDate(NO_DATE)
        field.setAccessibleName(name)
        field.setToolTip(self.tr("« — » : pas de limite"))
        return field

    def _picker(self, name: str) -> CodePicker:
        picker = CodePicker(allow_empty=True)
        picker.setAccessibleName(name)
        picker.setToolTip(self.tr("Tapez une partie du code ou du libellé ; « — » : tous"))
        picker.setMinimumContentsLength(8)
        picker.setSizeAdjustPolicy(CodePicker.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        return picker

    @staticmethod
    def _with_shortcut(text: str, shortcut: str) -> str:
        native = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
        return f"{text} ({native})"

    def _button(self, text: str, tip: str, shortcut: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(self._with_shortcut(tip, shortcut))
        return button

    def _action(self, text: str, shortcut: str, slot: Any) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _size_columns(self) -> None:
        metrics = self.table.fontMetrics()
        widths = {"date": "00/00/0000", "start_time": "00:00", "publics": "Publics"}
        for i, column in enumerate(COLUMNS):
            sample = widths.get(column, "Tranquillité pub")
            self.table.setColumnWidth(i, metrics.horizontalAdvance(sample) + 24)

    # -- choices of the filters -----------------------------------------------------------------

    def _load_choices(self) -> None:
        from medios.services.structure import list_dispositifs, list_mediators
        from medios.services.territories import list_territories

        ref, language = self._ref, self._language
        for picker, vocab in (
            (self.registre, "REGISTRE"),
            (self.domain, "DOMAINE"),
            (self.place, "LIEU"),
            (self.outcome, "ISSUE"),
        ):
            picker.set_choices(referentiel_choices(ref, vocab, language))
        territories = list_territories(self.context.db)
        communes = {t.code: t.label for t in territories if t.level == "COMMUNE"}
        self.model.set_commune_labels(communes)
        places = [
            Choice(f"C:{code}", f"{label} ({code})") for code, label in sorted(communes.items(), key=lambda c: c[1])
        ]
        places += [Choice(f"Q:{t.code}", f"{t.label} ({t.code})") for t in territories if t.level == "QPV"]
        places.append(Choice("Q:HORS_QPV", self.tr("Hors QPV")))
        self.territory.set_choices(places)
        self.dispositif.set_choices(Choice(str(d.id), d.name) for d in list_dispositifs(self.context.db))
        own = self._own_only()
        self.mediator.set_choices(
            Choice(str(m.id), f"{m.pseudonym} — {m.display_name}")
            for m in list_mediators(self.context.db)
            if own is None or m.id == own
        )

    def _own_only(self) -> uuid.UUID | None:
        """A mediator's journal shows their own interventions (the services refuse the others' anyway)."""
        return self.context.user_id if self.context.user_role() == "MEDIATEUR" else None

    # -- filters --------------------------------------------------------------------------------

    def current_filters(self) -> JournalFilters:
        def day(field: QDateEdit) -> dt.date | None:
            value = field.date()
            return None if value == NO_DATE else dt.date(value.year(), value.month(), value.day())

        territory = self.territory.code() or ""
        dispositif = self.dispositif.code()
        mediator = self.mediator.code()
        text = self.search.text().strip()
        return JournalFilters(
            date_from=day(self.date_from),
            date_to=day(self.date_to),
            registre=self.registre.code(),
            domain=self.domain.code(),
            place=self.place.code(),
            outcome=self.outcome.code(),
            commune=territory[2:] if territory.startswith("C:") else None,
            qpv=territory[2:] if territory.startswith("Q:") else None,
            dispositif_id=uuid.UUID(dispositif) if dispositif else None,
            mediator_id=self._own_only() or (uuid.UUID(mediator) if mediator else None),
            text=text or None,
        )

    @Slot()
    def apply_filters(self) -> None:
        self._search_timer.stop()
        filters = self.current_filters()
        if filters == self.model.filters and self.model.rowCount() and self.count is not None:
            return
        self._reload(filters)

    def _reload(self, filters: JournalFilters | None = None, *, keep: uuid.UUID | None = None) -> None:
        self._keep, self._at_end = keep, False
        try:
            self.model.reload(filters)
        except Exception as exc:
            self._storage_problem(exc)
            return
        self.count = None
        self.count_label.setText(self.tr("Recherche…") if self.model.loading else self.tr("Comptage…"))
        self._count_timer.start()

    @Slot()
    def _on_loaded(self) -> None:
        """The rows of the latest reload or jump are in: choose the row to show."""
        keep, at_end = self._keep, self._at_end
        self._keep, self._at_end = None, False
        rows = self.model.rowCount()
        if not rows:
            return
        if keep is not None and (row := self.model.row_of(keep)) >= 0:
            target = row
        else:
            target = rows - 1 if at_end else 0
        self.table.selectionModel().setCurrentIndex(
            self.model.index(target, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        if at_end:
            self.table.scrollToBottom()
        elif keep is None:
            self.table.scrollToTop()

    def clear_filters(self) -> None:
        widgets: list[QWidget] = [self.date_from, self.date_to, self.search, *self._pickers()]
        blocked = [w.blockSignals(True) for w in widgets]
        self.date_from.setDate(NO_DATE)
        self.date_to.setDate(NO_DATE)
        self.search.clear()
        for picker in self._pickers():
            picker.set_code(None)
        for widget, was in zip(widgets, blocked, strict=True):
            widget.blockSignals(was)
        self.apply_filters()

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- counting -------------------------------------------------------------------------------

    def _start_count(self) -> None:
        self._count_timer.stop()
        self._pool.clear()  # counts of filters left meanwhile that have not started: never run
        self._generation += 1
        self.count = None
        self.count_label.setText(self.tr("Comptage…"))
        counter = JournalCounter(self.context.db, self.model.filters, self._generation, self._counts)
        counter.signals.counted.connect(self._on_counted)
        counter.signals.failed.connect(self._on_count_failed)
        self._counters = [*getattr(self, "_counters", [])[-4:], counter]  # alive until their run() ends
        self._pool.start(counter)

    @Slot(int, int)
    def _on_counted(self, generation: int, count: int) -> None:
        if generation != self._generation:
            return  # the filters changed since
        self.count = count
        self.count_label.setText(QCoreApplication.translate("JournalPage", "%Ln intervention(s)", None, count))
        self.counted.emit()

    @Slot(int, object)
    def _on_count_failed(self, generation: int, error: object) -> None:
        if generation == self._generation:
            self.count_label.setText(self.tr("Comptage impossible"))
            self.counted.emit()

    def _storage_problem(self, error: object) -> None:
        msgbox.critical(self, self.tr("Le journal ne peut pas être lu."), str(error))

    # -- scrolling ------------------------------------------------------------------------------

    def _on_scrolled(self, value: int) -> None:
        """Back at the top of the window: read the page above it (the rows on screen stay on screen)."""
        bar = self.table.verticalScrollBar()
        if self._adjusting or value != bar.minimum() or not self.model.more_above:
            return
        self._adjusting = True
        try:
            added = self.model.fetch_above()
            if added:
                self.table.doItemsLayout()  # the scroll bar's range now counts the new rows
                bar.setValue(bar.value() + added)
        finally:
            self._adjusting = False

    def _on_trimming(self) -> None:
        self._scrolled_to = self.table.verticalScrollBar().value()

    def _on_trimmed(self, removed: int) -> None:
        """Rows dropped above the window: scroll back by as many, so that the same rows stay on screen."""
        bar = self.table.verticalScrollBar()
        self._adjusting = True
        try:
            self.table.doItemsLayout()
            bar.setValue(max(bar.minimum(), self._scrolled_to - removed))
        finally:
            self._adjusting = False

    def _on_reset(self) -> None:
        self._detail_timer.start()

    def go_to_end(self) -> None:
        self._keep, self._at_end = None, True
        self.model.jump_to_end()

    def go_to_start(self) -> None:
        self._keep, self._at_end = None, False
        self.model.reload()

    def _on_header(self, section: int) -> None:
        """A click on a header: sort on it (again: the other way round), or say why it does not sort."""
        column = COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        current = self.model.sort
        if column == "date":
            self.sort_by_date(newest_first=not self.model.newest_first if current.column is None else True)
        elif column in SORT_COLUMNS:
            self.sort_by(column, descending=not current.descending if current.column == column else False)
        else:  # no index serves these columns (see the module's docstring)
            self.context.show_status(
                self.tr(
                    "Ce tri n'est pas proposé : triez sur la date, le registre, le domaine, le lieu, la commune,"
                    " le dispositif ou l'issue, ou filtrez."
                )
            )
            self._show_sort_indicator()  # the header moved it to the column clicked

    def _show_sort_indicator(self) -> None:
        sort, header = self.model.sort, self.table.horizontalHeader()
        if sort.column is None:
            order = Qt.SortOrder.DescendingOrder if self.model.newest_first else Qt.SortOrder.AscendingOrder
            header.setSortIndicator(0, order)
        else:
            order = Qt.SortOrder.DescendingOrder if sort.descending else Qt.SortOrder.AscendingOrder
            header.setSortIndicator(COLUMNS.index(sort.column), order)

    def sort_by_date(self, *, newest_first: bool) -> None:
        self._keep, self._at_end = None, False
        self.model.reload(newest_first=newest_first, sort=BY_DATE)
        self._show_sort_indicator()

    def sort_by(self, column: str, *, descending: bool = False) -> None:
        """Sort on ``column`` (one of :data:`~medios.services.journal.SORT_COLUMNS`), on its labels."""
        self._keep, self._at_end = None, False
        self.model.reload(sort=JournalSort(column, descending, self._language))
        self._show_sort_indicator()

    # -- the current row, its detail ------------------------------------------------------------

    def current_id(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()).id if index.isValid() else None

    def selected_ids(self) -> list[uuid.UUID]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [self.model.row_at(r).id for r in rows]

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._detail_timer.start()
        month = self.shown_month()
        if month is not None:
            self.context.month_shown.emit(month)

    def shown_month(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            top = self.table.indexAt(self.table.viewport().rect().topLeft())
            index = top if top.isValid() else (self.model.index(0, 0) if self.model.rowCount() else QModelIndex())
        if not index.isValid():
            return None
        day = self.model.row_at(index.row()).date
        return day.year * 100 + day.month

    def _show_detail(self) -> None:
        from medios.services.journal_detail import intervention_detail

        self._detail_timer.stop()
        intervention_id = self.current_id()
        if intervention_id is None:
            nothing = self.tr("Aucune intervention choisie.")
            self.detail.setHtml(f"<p>{html.escape(nothing)}</p>")
            return
        try:
            detail = intervention_detail(self.context.db, intervention_id, actor_id=self.context.user_id)
        except NotFoundError:
            gone = self.tr("Cette intervention a été supprimée.")
            self.detail.setHtml(f"<p>{html.escape(gone)}</p>")
            return
        except ValidationError as exc:  # another mediator's: the services refuse it
            refused = "\n".join(error.message for error in exc.errors)
            self.detail.setHtml(f"<p>{html.escape(refused)}</p>")
            return
        self.detail.setHtml(self._detail_html(detail))

    def _detail_html(self, detail: Any) -> str:
        ref, language = self._ref, self._language
        data = detail.record.data

        def label(vocab: str, code: str | None) -> str:
            if not code:
                return "—"
            return ref.label(vocab, code, language) if ref.is_valid(vocab, code) else code

        commune = self.model._communes.get(data.commune)
        lines: list[tuple[str, str]] = [
            (field_label("date"), QLocale().toString(QDate(data.date), QLocale.FormatType.LongFormat)),
            (field_label("start"), data.start_time.strftime("%H:%M")),
            (field_label("duration_min"), str(data.duration_min)),
            (field_label("mediators"), ", ".join(detail.mediators) or "—"),
            (field_label("dispositif"), detail.dispositif or "—"),
            (field_label("commune"), f"{commune} ({data.commune})" if commune else data.commune),
            (field_label("qpv"), self.tr("Hors QPV") if data.qpv == "HORS_QPV" else (data.qpv or "—")),
            (field_label("site"), detail.site or "—"),
            (field_label("place"), label("LIEU", data.place)),
            (field_label("registre"), label("REGISTRE", data.registre)),
            (field_label("sub_registre"), label("SOUS_REGISTRE", data.sub_registre)),
            (field_label("domain"), label("DOMAINE", data.domain)),
            (field_label("motifs"), ", ".join(label("MOTIF", m) for m in data.motifs) or "—"),
            (field_label("origin"), label("ORIGINE", data.origin)),
            (field_label("modality"), label("MODALITE", data.modality)),
            (field_label("tension"), label("NIVEAU_TENSION", data.tension)),
            (
                field_label("publics"),
                "<br>".join(
                    f"{p.count} × {label('TYPE_PUBLIC', p.public_type)}, {label('TRANCHE_AGE', p.age_band)}, "
                    f"{label('SEXE', p.sex)}"
                    for p in data.publics
                )
                or "—",
            ),
            (
                field_label("partners"),
                "<br>".join(
                    (f"{html.escape(name)} — " if name else "")
                    + f"{label('TYPE_PARTENAIRE', p.partner_type)} ({label('ROLE_PARTENAIRE', p.role)})"
                    for p, name in zip(data.partners, detail.partners, strict=True)
                )
                or "—",
            ),
            (field_label("outcome"), label("ISSUE", data.outcome)),
            (field_label("consent"), label("CONSENTEMENT", data.consent)),
            (field_label("follow_up_of"), self.tr("oui") if data.follow_up_of else self.tr("non")),
        ]
        if detail.notes_enabled:
            lines.append((field_label("notes"), html.escape(detail.notes or "—").replace("\n", "<br>")))
        body = "".join(
            f"<tr><td style='padding-right:8px; color:palette(mid)'><b>{html.escape(name)}</b></td>"
            f"<td>{value if name in (field_label('publics'), field_label('partners'), field_label('notes')) else html.escape(value)}</td></tr>"
            for name, value in lines
        )
        return f"<table cellspacing='2'>{body}</table>"

    # -- actions --------------------------------------------------------------------------------

    def open_current(self) -> None:
        intervention_id = self.current_id()
        if intervention_id is not None:
            self.context.open_intervention(intervention_id)

    def delete_selected(self) -> None:
        from medios.services.interventions import delete_intervention

        ids = self.selected_ids()
        if not ids:
            return
        deleted: list[uuid.UUID] = []
        refused: list[str] = []
        for intervention_id in ids:
            try:
                delete_intervention(self.context.db, intervention_id, actor_id=self.context.user_id)
            except ValidationError as error:
                refused.extend(e.message for e in error.errors)
            except NotFoundError:
                continue  # deleted meanwhile
            else:
                deleted.append(intervention_id)
        if deleted:
            self._deleted = deleted
            count = len(deleted)
            self.undo_text.setText(
                QCoreApplication.translate("JournalPage", "%n intervention(s) supprimée(s).", None, count)
            )
            self.undo_bar.show()
            below = self._row_after(ids)
            self.context.data_changed.emit()  # our own refresh included
            self._reload(keep=below)
        if refused:
            msgbox.warning(self, self.tr("Certaines interventions n'ont pas été supprimées."), "\n".join(refused))

    def _row_after(self, ids: list[uuid.UUID]) -> uuid.UUID | None:
        """The row to select after deleting ``ids``: the first one below them still there."""
        gone = set(ids)
        rows = self.model.rows()
        last = max((i for i, r in enumerate(rows) if r.id in gone), default=-1)
        for row in rows[last + 1 :]:
            if row.id not in gone:
                return row.id
        return None

    def undo_delete(self) -> None:
        from medios.services.interventions import restore_intervention

        if not self._deleted:
            return
        restored = self._deleted
        self._deleted = []
        for intervention_id in restored:
            restore_intervention(self.context.db, intervention_id, actor_id=self.context.user_id)
        self.undo_bar.hide()
        self.context.show_status(
            QCoreApplication.translate("JournalPage", "%n intervention(s) remise(s).", None, len(restored))
        )
        self.context.data_changed.emit()
        self._reload(keep=restored[0])

    def duplicate_current(self) -> None:
        from medios.services.interventions import duplicate_intervention

        intervention_id = self.current_id()
        if intervention_id is None:
            return
        try:
            copy = duplicate_intervention(self.context.db, intervention_id, actor_id=self.context.user_id)
        except ValidationError as error:
            msgbox.warning(
                self,
                self.tr("L'intervention ne peut pas être dupliquée."),
                "\n".join(e.for_user() for e in error.errors),
            )
            return
        except NotFoundError:
            self._reload()
            return
        self.context.data_changed.emit()
        self.context.open_intervention(copy.id)

    # -- the page's life ------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """The data changed (here or elsewhere): read the top again, keeping the current row if still there."""
        keep = self.current_id()
        self._load_choices_quietly()
        self._reload(keep=keep)

    def _load_choices_quietly(self) -> None:
        blocked = [p.blockSignals(True) for p in self._pickers()]
        self._load_choices()
        for picker, was in zip(self._pickers(), blocked, strict=True):
            picker.blockSignals(was)

    def activated(self) -> None:
        month = self.shown_month()
        if month is not None:
            self.context.month_shown.emit(month)

    def closing(self) -> None:
        self._search_timer.stop()
        self._count_timer.stop()
        self._detail_timer.stop()
        self._pool.clear()
        self._counts.interrupt()  # a count or a search under way: nobody will read it
        self.model.shutdown()
        self._pool.waitForDone()
