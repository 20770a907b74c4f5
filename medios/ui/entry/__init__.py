"""Widgets of the intervention form (page « Saisie », :mod:`medios.ui.pages.entry`)."""
