"""A real Médios window filling the intervention form, for the SIGKILL test (tests/test_ui_entry.py).

Run as ``python -m tests.entry_crash_app DB``: opens the main window offscreen on ``DB``, goes to the
entry page, types a few fields with real key events, waits until the draft is in the database, prints
``DRAFT`` and goes on typing (one key at a time) until it is killed.  ``python -m tests.entry_crash_app DB
presence`` does the same on the page « Tournées » (tests/test_ui_activities.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from medios.db import open_database
    from medios.services import drafts

    from medios.ui.main_window import MainWindow

    db = open_database(Path(sys.argv[1]))
    window = MainWindow(db)
    window.resize(1200, 800)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowExposed(window)
    presence = sys.argv[2:] == ["presence"]
    page = window.show_page("presence" if presence else "entry")
    assert page is not None
    (page.commune if presence else page.registre).setFocus()  # type: ignore[attr-defined]
    QTest.qWait(50)

    def focused() -> object:
        return QApplication.activePopupWidget() or QApplication.focusWidget()

    def type_text(text: str) -> None:
        for character in text:
            QTest.keyClick(focused(), character)

    def tab() -> None:
        QTest.keyClick(focused(), Qt.Key.Key_Tab)

    if presence:
        type_text("93066")
        tab()
        type_text("QN09312M")
        kind, ready = drafts.PRESENCE, lambda payload: payload["fields"].get("qpv") == "QN09312M"
    else:
        type_text("con")
        tab()
        tab()
        type_text("esc")
        tab()
        type_text("25")
        tab()
        type_text("apa")
        tab()
        kind, ready = drafts.INTERVENTION, lambda payload: payload.get("outcome") == "APAISE"
    user = page.context.user_id  # type: ignore[attr-defined]
    for _ in range(100):
        QTest.qWait(50)
        draft = drafts.load_draft(db, user, kind)
        if draft is not None and ready(draft.payload):
            break
    print("DRAFT", flush=True)
    if presence:
        tab()
        tab()  # dispositif: none; the mediators' list
        type_text("   ")  # Espace, Espace…: ticks being changed when the kill comes
    else:
        type_text("jeu")  # the publics' type, still being typed when the kill comes
    while True:
        QTest.qWait(20)
        app.processEvents()


if __name__ == "__main__":
    main()
