"""Realistic synthetic activity of one structure (``medios demo``, ``medios --demo``).

A package of its own, outside the use cases: :mod:`.run` checks and writes in one transaction,
:mod:`.reference` holds the fictional structure and its team, :mod:`.profiles` the activity profiles
of its dispositifs, :mod:`.calendar` the days, and :mod:`.generator` builds the rows from the
seeded draws of :mod:`.draws`.
"""

from medios.demo.run import DemoRefused, DemoReport, generate_demo

__all__ = ["DemoRefused", "DemoReport", "generate_demo"]
