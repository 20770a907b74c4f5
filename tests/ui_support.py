"""Helpers shared by the window tests (tests/test_ui_*.py): message boxes recorded, no blocking dialog."""

from __future__ import annotations

import sys
import threading
import types
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from medios.db import Database
from medios.services.structure import has_structure, init_structure

from medios.ui import msgbox, preferences_store


class Boxes:
    """Records the message boxes that would have been shown: ``(kind, text, informative text)``."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []

    def recorder(self, kind: str) -> Callable[..., None]:
        def record(_parent: Any, text: str, informative: str = "") -> None:
            self.shown.append((kind, text, informative))

        return record


def record_boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    """Patch :mod:`medios.ui.msgbox` (the one entry point for message boxes) to record instead of showing."""
    recorded = Boxes()
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(msgbox, kind, recorded.recorder(kind))
    monkeypatch.setattr(msgbox, "about", lambda _parent, title, text: recorded.shown.append(("about", title, text)))
    return recorded


def refuse_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal dialog a test did not patch fails the test instead of waiting for a click that never comes."""

    def unexpected(self: QDialog) -> int:
        pytest.fail(f"unexpected modal dialog {type(self).__name__}: {self.windowTitle()}")

    monkeypatch.setattr(QDialog, "exec", unexpected)


def speak_french(monkeypatch: pytest.MonkeyPatch) -> None:
    """``run_gui`` starts in French whatever the machine's locale, and its excepthook is put back."""
    monkeypatch.setenv(preferences_store.ENV_LANGUAGE, "fr")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored even if run_gui forgets


class FakeDemo:
    """Stands in for the demonstration generator: same signature, a structure and a tiny report."""

    def __init__(self, error: Exception | None = None) -> None:
        self.calls: list[dict[str, Any]] = []
        self.threads: list[threading.Thread] = []
        self.error = error

    def generate_demo(
        self,
        db: Database,
        *,
        months: int = 12,
        mediators: int = 6,
        seed: int = 1,
        today: Any = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> Any:
        self.calls.append({"months": months, "mediators": mediators})
        self.threads.append(threading.current_thread())
        if self.error is not None:
            raise self.error
        if not has_structure(db):
            init_structure(db, "Médiation de démonstration")
        for month in range(1, months + 1):
            if progress is not None:
                progress(month, months)
        return types.SimpleNamespace(
            interventions=1234,
            presences=10,
            actions=3,
            meetings=2,
            signalements=1,
            mediators=mediators,
            first_month="2025-01",
            last_month="2025-12",
            seconds=0.1,
        )

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr("medios.ui.demo.demo_generator", lambda: self.generate_demo)


class Keyboard:
    """Keys sent where a real keyboard sends them (the open popup, else the focused widget), counted.

    ``keyboard.type("medi")`` is four keystrokes, ``keyboard.press(Qt.Key.Key_Tab)`` one; a modifier
    held with a key (Ctrl+S) is part of that keystroke.  :attr:`count` is what a keystroke budget asserts.
    """

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.count = 0

    @staticmethod
    def target() -> Any:
        from PySide6.QtWidgets import QApplication

        widget = QApplication.activePopupWidget() or QApplication.focusWidget()
        assert widget is not None, "no widget has the keyboard focus"
        return widget

    def type(self, text: str) -> None:
        from PySide6.QtTest import QTest

        for character in text:
            QTest.keyClick(self.target(), character)
            self.count += 1

    def press(self, key: Any, modifier: Any = None, times: int = 1) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        for _ in range(times):
            QTest.keyClick(self.target(), key, modifier if modifier is not None else Qt.KeyboardModifier.NoModifier)
            self.count += 1


def keep_recovery_keys(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The recovery key dialog, answered as a user does: « J'ai imprimé ou recopié… » ticked, then
    « Continuer » (refused before).  Returns the recovery keys shown, in order."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from medios.ui.keys import RecoveryKeyDialog

    shown: list[str] = []

    def answer(self: RecoveryKeyDialog) -> int:
        self.show()
        assert not self.continue_button.isEnabled()  # not before the user says the key is kept
        QTest.mouseClick(self.kept, Qt.MouseButton.LeftButton, pos=self.kept.rect().center())
        assert self.kept.isChecked() and self.continue_button.isEnabled()
        shown.append(self._made.recovery)
        self.continue_button.click()
        return int(self.result())

    monkeypatch.setattr(RecoveryKeyDialog, "exec", answer)
    return shown
