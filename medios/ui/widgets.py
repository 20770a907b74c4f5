"""Small widgets shared by the forms: the inline error label under a field, secondary text.

:class:`ErrorLabel` is promoted in Designer forms (header ``medios/ui/widgets.h``, which pyside6-uic turns
into ``from medios.ui.widgets import ErrorLabel``).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget


class ErrorLabel(QLabel):
    """Red text under a field, hidden until :meth:`show_error` (validation errors are never modal)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # No selector: forms name their error labels (``structure_error``…), so the rule cannot use the name.
        self.setStyleSheet("color: #b3261e;")
        self.setWordWrap(True)
        self.setVisible(False)

    def show_error(self, text: str) -> None:
        self.setText(text)
        self.setVisible(True)

    def clear_error(self) -> None:
        self.clear()
        self.setVisible(False)


def set_secondary(label: QLabel, weight: float = 0.68) -> None:
    """Grey a label as secondary text while keeping it readable (disabled text is too faint)."""
    palette = label.palette()
    text = palette.color(QPalette.ColorRole.WindowText)
    window = palette.color(QPalette.ColorRole.Window)
    mixed = QColor(
        round(text.red() * weight + window.red() * (1 - weight)),
        round(text.green() * weight + window.green() * (1 - weight)),
        round(text.blue() * weight + window.blue() * (1 - weight)),
    )
    palette.setColor(QPalette.ColorRole.WindowText, mixed)
    label.setPalette(palette)
