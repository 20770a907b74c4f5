"""The sections of the « Paramètres » page (:mod:`medios.ui.pages.settings`)."""
