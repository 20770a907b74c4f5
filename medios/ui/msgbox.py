"""The one entry point for message boxes.

Every modal message in Médios goes through these functions so that tests can patch them (a real
``QMessageBox.exec()`` would block a headless test run) and so that all boxes look alike: plain text
by default, French buttons through Qt's own ``qtbase_fr`` catalog, the window title « Médios ».
"""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def _title() -> str:
    return QCoreApplication.translate("MessageBox", "Médios")


def _box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    text: str,
    informative: str = "",
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
) -> QMessageBox:
    box = QMessageBox(icon, _title(), text, buttons, parent)
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)  # Qt read when used: see medios.ui.main_window
    if informative:
        box.setInformativeText(informative)
    return box


def information(parent: QWidget | None, text: str, informative: str = "") -> None:
    _box(parent, QMessageBox.Icon.Information, text, informative).exec()


def warning(parent: QWidget | None, text: str, informative: str = "") -> None:
    _box(parent, QMessageBox.Icon.Warning, text, informative).exec()


def critical(parent: QWidget | None, text: str, informative: str = "") -> None:
    _box(parent, QMessageBox.Icon.Critical, text, informative).exec()


def question(parent: QWidget | None, text: str, informative: str = "") -> bool:
    """Ask a yes/no question; ``True`` for « Oui »."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    box = _box(parent, QMessageBox.Icon.Question, text, informative, buttons)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def about(parent: QWidget | None, title: str, rich_text: str) -> None:
    """« À propos » box; ``rich_text`` must already be escaped (see :func:`html.escape`)."""
    QMessageBox.about(parent, title, rich_text)
