# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'preferences.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

from medios.ui.widgets import WrappedLabel

class Ui_PreferencesDialog(object):
    def setupUi(self, PreferencesDialog):
        if not PreferencesDialog.objectName():
            PreferencesDialog.setObjectName(u"PreferencesDialog")
        PreferencesDialog.setMinimumSize(QSize(460, 0))
        self.main_layout = QVBoxLayout(PreferencesDialog)
        self.main_layout.setSpacing(16)
        self.main_layout.setObjectName(u"main_layout")
        self.main_layout.setContentsMargins(20, 20, 20, 16)
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setHorizontalSpacing(16)
        self.form.setVerticalSpacing(10)
        self.language_label = QLabel(PreferencesDialog)
        self.language_label.setObjectName(u"language_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.language_label)

        self.language = QComboBox(PreferencesDialog)
        self.language.setObjectName(u"language")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.language)

        self.high_contrast = QCheckBox(PreferencesDialog)
        self.high_contrast.setObjectName(u"high_contrast")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.high_contrast)

        self.note = WrappedLabel(PreferencesDialog)
        self.note.setObjectName(u"note")
        self.note.setVisible(False)
        self.note.setWordWrap(True)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.note)


        self.main_layout.addLayout(self.form)

        self.bottom_stretch = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.main_layout.addItem(self.bottom_stretch)

        self.buttons = QDialogButtonBox(PreferencesDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.main_layout.addWidget(self.buttons)

        self.main_layout.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.language_label.setBuddy(self.language)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.language, self.buttons)

        self.retranslateUi(PreferencesDialog)
        self.buttons.accepted.connect(PreferencesDialog.accept)
        self.buttons.rejected.connect(PreferencesDialog.reject)

        QMetaObject.connectSlotsByName(PreferencesDialog)
    # setupUi

    def retranslateUi(self, PreferencesDialog):
        PreferencesDialog.setWindowTitle(QCoreApplication.translate("PreferencesDialog", u"Pr\u00e9f\u00e9rences", None))
        self.language_label.setText(QCoreApplication.translate("PreferencesDialog", u"&Langue de l'interface :", None))
        self.high_contrast.setText(QCoreApplication.translate("PreferencesDialog", u"&Contraste \u00e9lev\u00e9 (texte blanc sur fond noir)", None))
#if QT_CONFIG(accessibility)
        self.high_contrast.setAccessibleName(QCoreApplication.translate("PreferencesDialog", u"Contraste \u00e9lev\u00e9", None))
#endif // QT_CONFIG(accessibility)
        self.note.setText(QCoreApplication.translate("PreferencesDialog", u"Les changements s'appliqueront au prochain d\u00e9marrage de M\u00e9dios.", None))
    # retranslateUi

