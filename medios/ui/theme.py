"""The high-contrast theme: white text on black, yellow selection, for users who need it.

Chosen in « Préférences » (stored in the preferences file, applied at start-up, as the language is) or
given by the system: Windows' contrast themes and the dark desktop themes reach Qt as a palette, which
the application follows.  Colours are never written into widgets as fixed values that a dark palette
would hide: errors and warnings take the shade that reads on the window colour
(:func:`medios.ui.widgets.set_tone`), secondary text is mixed from the palette
(:func:`medios.ui.widgets.set_secondary`).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

BLACK, WHITE, YELLOW, CYAN, GREY = "#000000", "#ffffff", "#ffff00", "#00ffff", "#9a9a9a"


def high_contrast_palette() -> QPalette:
    """Black backgrounds, white text (21:1), yellow selection with black text, cyan links, grey disabled."""
    palette = QPalette()
    role = QPalette.ColorRole
    for name, colour in (
        (role.Window, BLACK),
        (role.WindowText, WHITE),
        (role.Base, BLACK),
        (role.AlternateBase, "#1a1a1a"),
        (role.Text, WHITE),
        (role.Button, BLACK),
        (role.ButtonText, WHITE),
        (role.BrightText, YELLOW),
        (role.Highlight, YELLOW),
        (role.HighlightedText, BLACK),
        (role.ToolTipBase, BLACK),
        (role.ToolTipText, WHITE),
        (role.PlaceholderText, GREY),
        (role.Link, CYAN),
        (role.LinkVisited, CYAN),
        (role.Light, WHITE),
        (role.Midlight, GREY),
        (role.Mid, GREY),
        (role.Dark, WHITE),
        (role.Shadow, WHITE),
    ):
        palette.setColor(name, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for name in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, name, QColor(GREY))
    return palette


# Fusion draws field borders a shade darker than the window: on black, none.  White borders, and a thick
# yellow one on the field that has the focus, so that the keyboard user always sees where they are.
STYLE_SHEET = f"""
QLineEdit, QComboBox, QAbstractSpinBox, QTextEdit, QPlainTextEdit, QAbstractItemView, QPushButton {{
    border: 1px solid {WHITE};
}}
QLineEdit:focus, QComboBox:focus, QAbstractSpinBox:focus, QTextEdit:focus, QPlainTextEdit:focus,
QAbstractItemView:focus, QPushButton:focus, QCheckBox:focus, QRadioButton:focus {{
    border: 2px solid {YELLOW};
}}
QPushButton {{ padding: 3px 10px; }}
QTableView {{ gridline-color: {GREY}; }}
QToolTip {{ border: 1px solid {WHITE}; }}
"""


def apply_high_contrast(app: QApplication) -> None:
    """Fusion (a style that draws with the palette everywhere), the high-contrast palette, visible borders."""
    fusion = QStyleFactory.create("Fusion")
    if fusion is not None:
        app.setStyle(fusion)
    app.setPalette(high_contrast_palette())
    app.setStyleSheet(STYLE_SHEET)
