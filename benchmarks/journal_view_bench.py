"""Journal page benchmark: the Qt journal (:class:`medios.ui.pages.journal.JournalPage`) on a million rows.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/journal_view_bench.py --db PATH [--runs 5]``

``PATH`` is a *copy* of a big demonstration base at the head revision (never a base other people
use; the benchmark only reads it).  Each case is timed from the user's action to the first screen of
rows painted (the model's page read, the view's layout and a synchronous repaint of the table's
viewport), as the median of ``--runs`` runs, next to the bare SQL returning the same rows (the
hand-written page of :mod:`benchmarks.journal_bench`, stdlib ``sqlite3``, same process), the two
alternating run after run:

* open: a new page built and shown at 1000x680 (filters' choices, first page, detail pane);
* filter: a registre chosen in its picker;
* sort on date: oldest first (the header clicked), then back;
* last page: Ctrl+Fin (the oldest rows);
* scroll: the next page fetched at the bottom of the view;
* search (no target): a text found in a site name;
* the model alone for the first page, a filter and the last page (no widget, no paint);
* sort on <column> (registre, domain, place, outcome, commune, dispositif): the header's sort from the
  date order (first screen), then under that sort the next page scrolled and Ctrl+Fin, next to the bare
  SQL of the same rows (one hand-written page per value shown, see :func:`journal_bench.raw_sorted`).

The exact count runs on a pool thread and is not part of these times (its delay is given apart).
Peak RSS is read after every case, with the journal open.  Targets (issue 7): first screen and
filter < 150 ms, ratio <= 3, RSS < 300 MB.  The last line is one JSON object of the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import journal_bench  # noqa: E402  (the hand-written pages)
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from medios.db import open_database  # noqa: E402
from medios.services import journal  # noqa: E402
from medios.services.journal import JournalFilters, JournalSort  # noqa: E402

from medios.ui.pages import PageContext  # noqa: E402
from medios.ui.pages import journal as journal_ui  # noqa: E402


def rss_mb() -> float:
    """Peak resident memory of this process (``VmHWM``: unlike ``ru_maxrss``, not inherited over exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(work: Callable[[], Any]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def journal_only_rss(path: Path) -> dict[str, float]:
    """Peak RSS of a process that opens the journal and does what the cases do, without the bare SQL's
    own connection and cache (64 MiB, as the application's): what the application costs."""
    app = QApplication.instance() or QApplication([])
    start = rss_mb()
    db = open_database(path, migrate=False)
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "bench.ini"), QSettings.Format.IniFormat)
    page = journal_ui.JournalPage(PageContext(db, settings))
    page.resize(1000, 680)
    page.show()
    app.processEvents()
    opened = rss_mb()
    page.registre.set_code("CONF")
    page.registre.set_code(None)
    page.sort_by_date(newest_first=False)
    page.sort_by_date(newest_first=True)
    for column in journal.SORT_COLUMNS:
        page.sort_by(column)
        page.model.fetchMore()
        page.go_to_end()
    page.sort_by_date(newest_first=True)
    page.go_to_end()
    page.go_to_start()
    for _ in range(30):  # 3 000 rows scrolled: the window holds at most MAX_ROWS
        page.model.fetchMore()
        app.processEvents()
    held = page.model.rowCount()
    page.search.setText("Tilleuls")
    page.apply_filters()
    page._start_count()
    page._pool.waitForDone()
    app.processEvents()
    page.closing()
    db.dispose()
    return {"rss_start_mb": round(start), "rss_opened_mb": round(opened), "rss_peak_mb": round(rss_mb()), "held": held}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="copie d'une grande base de démonstration")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rss-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_only:
        print(json.dumps(journal_only_rss(args.db)))
        return
    if not args.db.exists():
        sys.exit(f"{args.db}: fichier introuvable")
    rss_start = rss_mb()
    app = QApplication.instance() or QApplication([])
    db = open_database(args.db, migrate=False)
    con = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    con.execute("PRAGMA cache_size=-65536")
    limit = journal_ui.PAGE_ROWS
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "bench.ini"), QSettings.Format.IniFormat)
    context = PageContext(db, settings)
    live = con.execute("SELECT count(*) FROM intervention WHERE deleted_at IS NULL").fetchone()[0]

    def painted(page: journal_ui.JournalPage) -> None:
        app.processEvents()
        page.table.viewport().repaint()

    def raw(filters: JournalFilters, *, last: bool = False, cursor: Any = None) -> Callable[[], Any]:
        return lambda: journal_bench.raw_page(con, filters, cursor, last=last, limit=limit, plan="probe")

    pages: list[journal_ui.JournalPage] = []

    def open_page() -> None:
        page = journal_ui.JournalPage(context)
        page.resize(1000, 680)
        page.show()
        painted(page)
        pages.append(page)

    first_open = timed(open_page)
    page = pages[0]
    # Each case: (name, the user's action, its undo, the bare SQL of the rows it shows).
    conf = JournalFilters(registre="CONF")

    def choose_conf() -> None:
        page.registre.set_code("CONF")
        painted(page)

    def clear() -> None:
        page.registre.set_code(None)
        page.search.clear()
        page.apply_filters()
        painted(page)

    def oldest_first() -> None:
        page.sort_by_date(newest_first=False)
        painted(page)

    def newest_first() -> None:
        page.sort_by_date(newest_first=True)
        painted(page)

    def to_end() -> None:
        page.go_to_end()
        painted(page)

    def to_start() -> None:
        page.go_to_start()
        painted(page)

    def scroll() -> None:
        page.model.fetchMore()
        painted(page)

    def search() -> None:
        page.search.setText("Tilleuls")
        page.apply_filters()
        page.model.wait()  # its page is read on the pool thread: timed until its rows are painted
        painted(page)

    def close_extra() -> None:
        while len(pages) > 1:
            extra = pages.pop()
            extra.closing()
            extra.deleteLater()
        app.processEvents()

    def second_page_raw() -> Any:
        cursor = page.model.rows()[limit - 1].cursor if page.model.rowCount() >= limit else None
        return journal_bench.raw_page(con, JournalFilters(), cursor, last=False, limit=limit, plan="probe")

    cases: list[tuple[str, Callable[[], None], Callable[[], None], Callable[[], Any]]] = [
        ("open (first screen)", open_page, close_extra, raw(JournalFilters())),
        ("filter registre CONF", choose_conf, clear, raw(conf)),
        ("sort date oldest first", oldest_first, newest_first, raw(JournalFilters(), last=True)),
        ("last page (Ctrl+End)", to_end, to_start, raw(JournalFilters(), last=True)),
        ("scroll: next page", scroll, to_start, second_page_raw),
        ("search 'Tilleuls'", search, clear, raw(JournalFilters())),
        # The model alone (the page read and the texts it shows), without widgets nor paint.
        ("model: first page", lambda: page.model.reload(JournalFilters()), lambda: None, raw(JournalFilters())),
        ("model: filter CONF", lambda: page.model.reload(conf), lambda: None, raw(conf)),
        ("model: last page", page.model.jump_to_end, lambda: None, raw(JournalFilters(), last=True)),
    ]
    print(f"machine : {platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    print(f"base    : {args.db} ({args.db.stat().st_size / 1e6:,.0f} MB), {live:,} live interventions")
    print(f"first open of the page (imports, choices, statement cache cold): {first_open:.1f} ms")
    print(f"median of {args.runs} runs; raw = the bare SQL of the {limit} rows shown, same process\n")
    print(f"{'case':34} {'medios ms':>10} {'raw ms':>8} {'ratio':>6} {'rss MB':>7}")
    figures: dict[str, Any] = {"cases": {}, "first_open_ms": round(first_open, 1), "rows": live}

    def measure(name: str, action: Callable[[], None], undo: Callable[[], None], bare: Callable[[], Any]) -> None:
        ours, theirs = [], []
        action()  # warm
        undo()
        for _ in range(args.runs):
            ours.append(timed(action))
            theirs.append(timed(bare))
            undo()
        ms, raw_ms = statistics.median(ours), statistics.median(theirs)
        ratio = ms / raw_ms if raw_ms > 0 else float("inf")
        print(f"{name:34} {ms:10.1f} {raw_ms:8.2f} {ratio:6.2f} {rss_mb():7.0f}")
        figures["cases"][name] = {"ms": round(ms, 1), "raw_ms": round(raw_ms, 2), "ratio": round(ratio, 2)}

    for case in cases:
        measure(*case)
    sort_cases: list[str] = []
    for column in journal.SORT_COLUMNS:
        sort = JournalSort(column, language=page._language)
        first = journal.first_page(db, limit=limit, sort=sort)
        second = journal.journal_page(db, after=first.older, limit=limit, sort=sort)
        end = journal.last_page(db, limit=limit, sort=sort)

        def bare(rows: Any, cursor: Any, *, last: bool, column: str = column, sort: JournalSort = sort) -> Any:
            spans = journal_bench.sorted_spans(rows, sort, cursor, last=last)
            return lambda: journal_bench.raw_sorted(con, JournalFilters(), column, spans, last=last)

        def sort_on(column: str = column) -> None:
            page.sort_by(column)
            painted(page)

        measure(f"sort on {column}", sort_on, newest_first, bare(first.rows, None, last=False))
        page.sort_by(column)
        measure(f"sort on {column}: next page", scroll, to_start, bare(second.rows, first.older, last=False))
        measure(f"sort on {column}: last page", to_end, to_start, bare(end.rows, None, last=True))
        page.sort_by_date(newest_first=True)
        sort_cases += [f"sort on {column}", f"sort on {column}: next page", f"sort on {column}: last page"]
    # The exact count, off the GUI thread: how long until « N interventions » shows (its start is
    # delayed by COUNT_DELAY_MS once the filters rest; the earlier cases' counts are cancelled).
    page._pool.waitForDone()
    started = time.perf_counter()
    page.model.reload(JournalFilters())
    page._start_count()
    while page.count is None:
        app.processEvents()
        time.sleep(0.001)
    count_ms = (time.perf_counter() - started) * 1000
    print(f"\nexact count shown after {count_ms:.0f} ms (pool thread; the table is usable meanwhile)")
    # A text found nowhere: no index serves it, the whole journal is walked on the pool thread; the
    # GUI thread only starts the read (its time is what the user feels), the rows come later.
    started = time.perf_counter()
    page.search.setText("introuvable-nulle-part")
    page.apply_filters()
    gui_ms = (time.perf_counter() - started) * 1000
    page.model.wait()
    absent_ms = (time.perf_counter() - started) * 1000
    print(f"search found nowhere: GUI thread busy {gui_ms:.1f} ms, empty result after {absent_ms:.0f} ms (pool thread)")
    figures.update(search_absent_gui_ms=round(gui_ms, 1), search_absent_ms=round(absent_ms))
    page.search.clear()
    page.apply_filters()
    page._pool.clear()

    import subprocess

    alone = json.loads(
        subprocess.run(
            [sys.executable, __file__, "--db", str(args.db), "--rss-only"], capture_output=True, text=True, check=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    print(
        f"journal alone (no bare-SQL connection): RSS {alone['rss_start_mb']} MB with Qt, {alone['rss_opened_mb']} MB "
        f"once open, peak {alone['rss_peak_mb']} MB after every case ({alone['held']} rows held after 3 000 scrolled)"
    )
    main_cases = ("open (first screen)", "filter registre CONF")
    figures.update(
        count_ms=round(count_ms, 1),
        first_screen_ms=figures["cases"]["open (first screen)"]["ms"],
        filter_ms=figures["cases"]["filter registre CONF"]["ms"],
        ratio_max=max(c["ratio"] for c in figures["cases"].values()),
        ratio_max_targets=max(figures["cases"][c]["ratio"] for c in main_cases),
        sort_ms_max=max(figures["cases"][c]["ms"] for c in sort_cases),
        sort_ratio_max=max(figures["cases"][c]["ratio"] for c in sort_cases),
        rss_peak_mb=alone["rss_peak_mb"],
        rss_opened_mb=alone["rss_opened_mb"],
        rss_peak_with_bare_sql_mb=round(rss_mb(), 0),
        rss_start_mb=round(rss_start, 0),
        rows_held_max=journal_ui.MAX_ROWS,
        load=round(os.getloadavg()[0], 1),
    )
    page.closing()
    db.dispose()
    con.close()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
