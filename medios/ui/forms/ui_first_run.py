# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'first_run.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

from medios.ui.widgets import (ErrorLabel, WrappedLabel)

class Ui_FirstRunDialog(object):
    def setupUi(self, FirstRunDialog):
        if not FirstRunDialog.objectName():
            FirstRunDialog.setObjectName(u"FirstRunDialog")
        FirstRunDialog.setMinimumSize(QSize(560, 0))
        self.main_layout = QVBoxLayout(FirstRunDialog)
        self.main_layout.setSpacing(12)
        self.main_layout.setObjectName(u"main_layout")
        self.main_layout.setContentsMargins(24, 24, 24, 18)
        self.title = QLabel(FirstRunDialog)
        self.title.setObjectName(u"title")

        self.main_layout.addWidget(self.title)

        self.intro = WrappedLabel(FirstRunDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.main_layout.addWidget(self.intro)

        self.intro_spacing = QSpacerItem(0, 8, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)

        self.main_layout.addItem(self.intro_spacing)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft|Qt.AlignmentFlag.AlignTop)
        self.form.setHorizontalSpacing(16)
        self.form.setVerticalSpacing(14)
        self.structure_label = QLabel(FirstRunDialog)
        self.structure_label.setObjectName(u"structure_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.structure_label)

        self.structure_box = QVBoxLayout()
        self.structure_box.setSpacing(4)
        self.structure_box.setObjectName(u"structure_box")
        self.structure_name = QLineEdit(FirstRunDialog)
        self.structure_name.setObjectName(u"structure_name")

        self.structure_box.addWidget(self.structure_name)

        self.structure_error = ErrorLabel(FirstRunDialog)
        self.structure_error.setObjectName(u"structure_error")

        self.structure_box.addWidget(self.structure_error)


        self.form.setLayout(0, QFormLayout.ItemRole.FieldRole, self.structure_box)

        self.mediator_label = QLabel(FirstRunDialog)
        self.mediator_label.setObjectName(u"mediator_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.mediator_label)

        self.mediator_box = QVBoxLayout()
        self.mediator_box.setSpacing(4)
        self.mediator_box.setObjectName(u"mediator_box")
        self.mediator_name = QLineEdit(FirstRunDialog)
        self.mediator_name.setObjectName(u"mediator_name")

        self.mediator_box.addWidget(self.mediator_name)

        self.mediator_error = ErrorLabel(FirstRunDialog)
        self.mediator_error.setObjectName(u"mediator_error")

        self.mediator_box.addWidget(self.mediator_error)

        self.mediator_hint = WrappedLabel(FirstRunDialog)
        self.mediator_hint.setObjectName(u"mediator_hint")
        self.mediator_hint.setWordWrap(True)

        self.mediator_box.addWidget(self.mediator_hint)


        self.form.setLayout(1, QFormLayout.ItemRole.FieldRole, self.mediator_box)

        self.calendar_label = QLabel(FirstRunDialog)
        self.calendar_label.setObjectName(u"calendar_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.calendar_label)

        self.calendar_box = QVBoxLayout()
        self.calendar_box.setSpacing(4)
        self.calendar_box.setObjectName(u"calendar_box")
        self.calendar = QComboBox(FirstRunDialog)
        self.calendar.setObjectName(u"calendar")

        self.calendar_box.addWidget(self.calendar)

        self.calendar_error = ErrorLabel(FirstRunDialog)
        self.calendar_error.setObjectName(u"calendar_error")

        self.calendar_box.addWidget(self.calendar_error)


        self.form.setLayout(2, QFormLayout.ItemRole.FieldRole, self.calendar_box)


        self.main_layout.addLayout(self.form)

        self.general_error = ErrorLabel(FirstRunDialog)
        self.general_error.setObjectName(u"general_error")

        self.main_layout.addWidget(self.general_error)

        self.bottom_stretch = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.main_layout.addItem(self.bottom_stretch)

        self.buttons = QDialogButtonBox(FirstRunDialog)
        self.buttons.setObjectName(u"buttons")

        self.main_layout.addWidget(self.buttons)

        self.main_layout.setStretch(5, 1)
#if QT_CONFIG(shortcut)
        self.structure_label.setBuddy(self.structure_name)
        self.mediator_label.setBuddy(self.mediator_name)
        self.calendar_label.setBuddy(self.calendar)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.structure_name, self.mediator_name)
        QWidget.setTabOrder(self.mediator_name, self.calendar)

        self.retranslateUi(FirstRunDialog)
        self.buttons.accepted.connect(FirstRunDialog.accept)
        self.buttons.rejected.connect(FirstRunDialog.reject)

        QMetaObject.connectSlotsByName(FirstRunDialog)
    # setupUi

    def retranslateUi(self, FirstRunDialog):
        FirstRunDialog.setWindowTitle(QCoreApplication.translate("FirstRunDialog", u"Bienvenue dans M\u00e9dios", None))
        self.title.setText(QCoreApplication.translate("FirstRunDialog", u"Bienvenue dans M\u00e9dios", None))
        self.intro.setText(QCoreApplication.translate("FirstRunDialog", u"M\u00e9dios enregistre l'activit\u00e9 de votre structure sur cet ordinateur. Pour commencer, indiquez le nom de la structure.", None))
        self.structure_label.setText(QCoreApplication.translate("FirstRunDialog", u"&Nom de la structure :", None))
        self.mediator_label.setText(QCoreApplication.translate("FirstRunDialog", u"&Premier utilisateur :", None))
        self.mediator_name.setPlaceholderText(QCoreApplication.translate("FirstRunDialog", u"Pr\u00e9nom et nom (facultatif)", None))
        self.mediator_hint.setText(QCoreApplication.translate("FirstRunDialog", u"Cette personne coordonne et administre M\u00e9dios (utilisateurs, comptes, param\u00e8tres, cl\u00e9s). Vous pourrez ajouter l'\u00e9quipe ensuite.", None))
        self.calendar_label.setText(QCoreApplication.translate("FirstRunDialog", u"&Calendrier des jours f\u00e9ri\u00e9s :", None))
    # retranslateUi

