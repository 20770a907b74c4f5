"""Small widgets shared by the forms: wrapped text that is never clipped, the inline error label, secondary text.

:class:`WrappedLabel` and :class:`ErrorLabel` are promoted in Designer forms (header
``medios/ui/widgets.h``, which pyside6-uic turns into ``from medios.ui.widgets import …``).
"""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QColor, QPalette, QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

# ``QtCore.Qt`` is read when used, not imported: PySide6 builds that namespace on first use (40 to 90 ms),
# which the main window's first paint does without (see medios.ui.main_window).


class WrappedLabel(QLabel):
    """A word-wrapped label whose minimum height is the height of its text at its current width.

    Qt sizes a window from its widgets' minimum sizes, and a plain wrapped ``QLabel`` reports the height
    of roughly one line there: its ``heightForWidth`` is not consulted when a window's minimum size is
    computed.  A hint that appears later (« La nouvelle langue s'appliquera… ») or a form that gains an
    error line then squeezes the label and cuts its last line.  This label reports, once the layout has
    given it a width, the height it needs at that width, so the window grows instead.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)  # QLabel then reports heightForWidth; the vertical policy stays Preferred

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        # Before the layout placed it the label's width is arbitrary (100 px): its own hint, then.
        if self.wordWrap() and self.testAttribute(QtCore.Qt.WidgetAttribute.WA_Resized) and self.width() > 0:
            hint.setHeight(max(hint.height(), self.heightForWidth(self.width())))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # a new width, a new minimum height: the layout asks again

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.updateGeometry()


class ErrorLabel(WrappedLabel):
    """Red text under a field, hidden until :meth:`show_error` (validation errors are never modal)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_tone(self, "error")
        self.setVisible(False)

    def show_error(self, text: str) -> None:
        self.setText(text)
        self.setVisible(True)

    def clear_error(self) -> None:
        self.clear()
        self.setVisible(False)


def page_title(text: str) -> QLabel:
    """The title at the top of a page: its text half as large again as the window's, in bold."""
    title = QLabel(text)
    font = title.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    title.setFont(font)
    return title


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


# Text tones that must stay readable on the light themes and on dark or high-contrast ones: a dark shade
# on a light window, a light shade on a dark window (the system's high-contrast palettes are either).
TONES = {"error": ("#b3261e", "#ffb4ab"), "warning": ("#8a5300", "#ffd27a")}


def luminance(color: QColor) -> float:
    """WCAG 2 relative luminance of ``color`` (0 black, 1 white)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.red()) + 0.7152 * channel(color.green()) + 0.0722 * channel(color.blue())


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio (1 to 21; body text needs 4.5)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def set_tone(widget: QWidget, tone: str) -> None:
    """Colour ``widget``'s text as an error or a warning, in the shade that reads on its window colour."""
    palette = widget.palette()
    window = palette.color(QPalette.ColorRole.Window)
    on_light, on_dark = TONES[tone]
    palette.setColor(QPalette.ColorRole.WindowText, QColor(on_dark if luminance(window) < 0.4 else on_light))
    widget.setPalette(palette)
