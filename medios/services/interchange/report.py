"""What an import reports: counts, refused lines, warnings, what it added; and its failure.

Errors are collected in an :class:`ErrorLog`, bounded whatever the file: it keeps the first
:data:`ERRORS_KEPT` errors by line for programs, counts them all, and groups identical errors (same
field, same message) for people: one message with its count and first line numbers, the first
:data:`GROUPS_SHOWN` groups printed, then how many errors were left out.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from medios.i18n import translate
from medios.services.interchange.format import LineError, group_digits

ERRORS_KEPT = 200  # LineError objects kept for programs: the first by line number
GROUPS_SHOWN = 200  # distinct (field, message) groups printed
LINES_SHOWN = 5  # line numbers printed in a group
NAMES_SHOWN = 20  # pseudonyms and territory codes printed in the summary
_LONG_MESSAGE = 300  # messages longer than this get their long quoted values and words cut
_QUOTED = re.compile(r"« ([^»]{61,}?) »")
_WORD = re.compile(r"\S{81,}")
_FIELD_MAX = 80


def _shorten(error: LineError) -> LineError:
    """Cut the values a message quotes back (a 60 kB code, a 4,000-digit number) to their start."""
    message, name = error.message, error.field
    if len(message) > _LONG_MESSAGE:
        message = _QUOTED.sub(lambda m: f"« {m.group(1)[:60]}… »", message)
        message = _WORD.sub(lambda m: m.group(0)[:60] + "…", message)
    if name is not None and len(name) > _FIELD_MAX:
        name = name[:60] + "…"
    if message is error.message and name is error.field:
        return error
    return LineError(error.line, name, message)


@dataclass(frozen=True, slots=True)
class ErrorGroup:
    """Identical errors (same field, same message) on ``count`` lines; ``lines`` holds the first ones."""

    field: str | None
    message: str
    count: int
    lines: tuple[int, ...]

    def for_user(self) -> str:
        if self.count == 1:
            return LineError(self.lines[0], self.field, self.message).for_user()
        shown = ", ".join(str(n) for n in self.lines)
        if self.count > len(self.lines):
            lines = translate("Import", "{first} et {count} autre(s)", None, self.count - len(self.lines)).format(
                first=shown, count=group_digits(self.count - len(self.lines))
            )
        else:
            first, _, last = shown.rpartition(", ")
            lines = translate("Import", "{first} et {last}").format(first=first, last=last)
        if self.field is None:
            return translate("Import", "Lignes {lines} : {message}").format(lines=lines, message=self.message)
        return translate("Import", "Lignes {lines}, champ « {field} » : {message}").format(
            lines=lines, field=self.field, message=self.message
        )


class _Group:
    __slots__ = ("count", "errors", "first_seq", "key", "last_line", "lines", "shown")

    def __init__(self, key: tuple[str | None, str], shown: LineError, seq: int) -> None:
        self.key = key  # (field, message) as reported: the key of the group table
        self.shown = shown  # the same, long values cut
        line = shown.line
        self.count = 1  # lines
        self.errors = 1  # errors (the same error may come twice on one line)
        self.lines = [line]  # the smallest line numbers, sorted, at most LINES_SHOWN
        self.last_line = line
        self.first_seq = seq

    def add(self, line: int) -> None:
        self.errors += 1
        if line == self.last_line or line in self.lines:
            return
        self.count += 1
        self.last_line = line
        if len(self.lines) < LINES_SHOWN or line < self.lines[-1]:
            self.lines.append(line)
            self.lines.sort()
            del self.lines[LINES_SHOWN:]

    def order(self) -> tuple[int, int]:
        return self.lines[0], self.first_seq


class ErrorLog:
    """Every error of an import, counted; the first kept; identical ones grouped.  Memory is bounded:
    :data:`ERRORS_KEPT` errors, :data:`GROUPS_SHOWN` groups and one bit per line of the file.

    Errors arrive in a few passes over the file (reading, then resolving, then follow-ups), each in
    line order; kept errors and groups are the first by line number whatever the order of arrival.
    """

    def __init__(self, *, kept: int = ERRORS_KEPT, groups: int = GROUPS_SHOWN) -> None:
        self.total = 0
        self.line_count = 0  # lines with at least one error
        self._kept_max = kept
        self._groups_max = groups
        self._kept: list[tuple[int, int, LineError]] = []  # max-heap on (line, arrival): (-line, -seq, error)
        self._groups: dict[tuple[str | None, str], _Group] = {}
        self._worst: _Group | None = None  # the group with the last first line, when the table is full
        self._grouped = 0  # errors counted in a group of the table (the others are only in the total)
        self._lines = bytearray()  # one bit per line number

    def __bool__(self) -> bool:
        return self.total > 0

    def __len__(self) -> int:
        """The number of errors added (all counted, not only those kept)."""
        return self.total

    def append(self, error: LineError, /) -> None:
        seq = self.total
        self.total += 1
        self._mark(error.line)
        entry = (-error.line, -seq, error)
        if len(self._kept) < self._kept_max:
            heapq.heappush(self._kept, _shortened(entry))
        elif error.line < -self._kept[0][0]:
            heapq.heapreplace(self._kept, _shortened(entry))
        self._group(error, seq)

    def extend(self, errors: Iterable[LineError]) -> None:
        for error in errors:
            self.append(error)

    def on_line(self, number: int) -> bool:
        """Whether line ``number`` has an error."""
        index = number >> 3
        return index < len(self._lines) and bool(self._lines[index] & (1 << (number & 7)))

    def _mark(self, number: int) -> None:
        index = number >> 3
        if index >= len(self._lines):
            self._lines.extend(bytes(max(index + 1 - len(self._lines), len(self._lines))))
        bit = 1 << (number & 7)
        if not self._lines[index] & bit:
            self._lines[index] |= bit
            self.line_count += 1

    def _group(self, error: LineError, seq: int) -> None:
        key = (error.field, error.message)
        group = self._groups.get(key)
        if group is not None:
            first = group.lines[0]
            group.add(error.line)
            self._grouped += 1
            if group.lines[0] != first:
                self._worst = None
            return
        if len(self._groups) >= self._groups_max:
            if self._worst is None:
                self._worst = max(self._groups.values(), key=_Group.order)
            worst = self._worst
            if error.line >= worst.lines[0]:
                return  # counted in the total only
            del self._groups[worst.key]
            self._grouped -= worst.errors
            self._worst = None
        self._groups[key] = _Group(key, _shorten(error), seq)
        self._grouped += 1

    def kept(self) -> tuple[LineError, ...]:
        """The first :data:`ERRORS_KEPT` errors by line (in the order they were found on a line)."""
        return tuple(error for _line, _seq, error in sorted(self._kept, reverse=True))

    def groups(self) -> tuple[ErrorGroup, ...]:
        """The groups of identical errors, by first line."""
        return tuple(
            ErrorGroup(g.shown.field, g.shown.message, g.count, tuple(g.lines))
            for g in sorted(self._groups.values(), key=_Group.order)
        )

    @property
    def hidden(self) -> int:
        """Errors counted but in no group (the group table was full)."""
        return self.total - self._grouped


def _shortened(entry: tuple[int, int, LineError]) -> tuple[int, int, LineError]:
    return entry[0], entry[1], _shorten(entry[2])


def _listed(items: Sequence[str]) -> str:
    """The first :data:`NAMES_SHOWN` items, then how many others."""
    if len(items) <= NAMES_SHOWN:
        return ", ".join(items)
    others = len(items) - NAMES_SHOWN
    return translate("Import", "{first} et {count} autre(s)", None, others).format(
        first=", ".join(items[:NAMES_SHOWN]), count=group_digits(others)
    )


def error_text(groups: Iterable[ErrorGroup], hidden: int) -> list[str]:
    """One line per group, then how many errors were left out."""
    out = [group.for_user() for group in groups]
    if hidden:
        out.append(
            translate("Import", "… et {count} autre(s) erreur(s).", None, hidden).format(count=group_digits(hidden))
        )
    return out


class ImportFailed(Exception):
    """The file has errors and nothing was imported; ``str()`` is the French report.

    ``errors`` holds the first errors by line (at most :data:`ERRORS_KEPT`), ``error_count`` counts
    them all, ``groups`` gathers identical ones and ``lines_with_errors`` counts the lines refused.
    """

    def __init__(self, log: ErrorLog, *, readable: int | None = None) -> None:
        # Lines that passed the reading (JSON object, known keys, types): 0 means nothing in the file
        # could be imported, even leaving the errors out; None when unknown.
        self.readable = readable
        self.errors = log.kept()
        self.error_count = log.total
        self.groups = log.groups()
        self.lines_with_errors = log.line_count
        self.hidden = log.hidden  # errors counted but not kept (for error_text)
        closing = translate(
            "Import",
            "Aucune intervention importée : %n ligne(s) en erreur. Corrigez le fichier ou relancez avec --skip-invalid.",
            None,
            log.line_count,
        )
        super().__init__("\n".join([*error_text(self.groups, log.hidden), closing]))


@dataclass
class Tally:
    """What an import counts while it runs; frozen into an :class:`ImportReport` at the end."""

    lines: int = 0
    readable: int = 0  # lines that passed the reading, before the checks against the base
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_deleted: int = 0
    skipped_older: int = 0
    invalid_lines: int = 0
    errors: ErrorLog = field(default_factory=ErrorLog)
    warnings: ErrorLog = field(default_factory=ErrorLog)
    new_mediators: list[str] = field(default_factory=list)
    new_sites: int = 0
    new_territories: list[str] = field(default_factory=list)
    notes_dropped: int = 0
    presence_links_dropped: int = 0
    follow_links_dropped: int = 0
    amended: dict[int, int] = field(default_factory=dict)  # closed month (yyyymm) -> amendments written


@dataclass(frozen=True, slots=True)
class ImportReport:
    """The outcome of an import: counts, refused lines (with ``skip_invalid``), warnings, what was added.

    ``errors`` and ``warnings`` hold the first ones by line (at most :data:`ERRORS_KEPT` each);
    ``error_count`` and ``warning_count`` count them all; :meth:`error_lines` prints them grouped.
    """

    lines: int
    created: int
    updated: int
    unchanged: int
    skipped_deleted: int
    skipped_older: int
    invalid_lines: int
    errors: tuple[LineError, ...]
    warnings: tuple[LineError, ...]
    error_count: int
    warning_count: int
    error_groups: tuple[ErrorGroup, ...]
    warning_groups: tuple[ErrorGroup, ...]
    errors_hidden: int
    warnings_hidden: int
    new_mediators: tuple[str, ...]
    new_sites: int
    new_territories: tuple[str, ...]
    notes_dropped: int
    presence_links_dropped: int
    follow_links_dropped: int
    amended: tuple[tuple[int, int], ...] = ()  # (closed month yyyymm, lines recorded as amendments)

    @classmethod
    def of(cls, tally: Tally) -> ImportReport:
        return cls(
            lines=tally.lines,
            created=tally.created,
            updated=tally.updated,
            unchanged=tally.unchanged,
            skipped_deleted=tally.skipped_deleted,
            skipped_older=tally.skipped_older,
            invalid_lines=tally.invalid_lines,
            errors=tally.errors.kept(),
            warnings=tally.warnings.kept(),
            error_count=tally.errors.total,
            warning_count=tally.warnings.total,
            error_groups=tally.errors.groups(),
            warning_groups=tally.warnings.groups(),
            errors_hidden=tally.errors.hidden,
            warnings_hidden=tally.warnings.hidden,
            new_mediators=tuple(tally.new_mediators),
            new_sites=tally.new_sites,
            new_territories=tuple(tally.new_territories),
            notes_dropped=tally.notes_dropped,
            presence_links_dropped=tally.presence_links_dropped,
            follow_links_dropped=tally.follow_links_dropped,
            amended=tuple(sorted(tally.amended.items())),
        )

    def summary_lines(self) -> list[str]:
        out = [
            translate(
                "Import",
                "%n ligne(s) lue(s). Interventions créées : {created} ; mises à jour : {updated} ; inchangées : {unchanged}.",
                None,
                self.lines,
            ).format(created=self.created, updated=self.updated, unchanged=self.unchanged)
        ]
        if not (self.created or self.updated or self.unchanged or self.skipped_deleted or self.invalid_lines):
            out.append(
                translate("Import", "Le fichier ne contient aucune intervention (fichier vide ou lignes vides).")
            )
        if self.skipped_deleted:
            out.append(
                translate(
                    "Import",
                    "%n ligne(s) ignorée(s) : intervention supprimée dans cette base.",
                    None,
                    self.skipped_deleted,
                )
            )
        if self.skipped_older:
            out.append(
                translate(
                    "Import",
                    "%n ligne(s) ignorée(s), plus ancienne(s) que la base : l'intervention y a été modifiée depuis.",
                    None,
                    self.skipped_older,
                )
            )
        if self.new_mediators:
            out.append(
                translate("Import", "Médiateurs créés (sans identifiant de connexion) : {names}.").format(
                    names=_listed(self.new_mediators)
                )
            )
        if self.new_sites:
            out.append(translate("Import", "%n site(s) créé(s).", None, self.new_sites))
        if self.new_territories:
            out.append(
                translate("Import", "Territoires ajoutés à la liste de la structure : {codes}.").format(
                    codes=_listed(self.new_territories)
                )
            )
        if self.notes_dropped:
            out.append(
                translate(
                    "Import",
                    "%n observation(s) libre(s) ignorée(s) : les observations sont désactivées pour cette structure.",
                    None,
                    self.notes_dropped,
                )
            )
        if self.presence_links_dropped:
            out.append(
                translate(
                    "Import",
                    "%n lien(s) vers une tournée ou permanence absente de cette base ignoré(s) (le format v1 ne les transporte pas).",
                    None,
                    self.presence_links_dropped,
                )
            )
        if self.follow_links_dropped:
            out.append(
                translate(
                    "Import",
                    "%n lien(s) « suite de » vers une intervention supprimée dans cette base ignoré(s).",
                    None,
                    self.follow_links_dropped,
                )
            )
        if self.amended:
            months = ", ".join(f"{m // 100:04d}-{m % 100:02d} ({n})" for m, n in self.amended)
            out.append(
                translate(
                    "Import",
                    "Mois clôturés {months} : %n ligne(s) importée(s) et enregistrée(s) comme modification(s) après clôture ; les chiffres figés de ces mois ne changent pas.",
                    None,
                    sum(n for _, n in self.amended),
                ).format(months=months)
            )
        if self.invalid_lines:
            out.append(translate("Import", "%n ligne(s) en erreur non importée(s) :", None, self.invalid_lines))
        return out

    def error_lines(self) -> list[str]:
        """The refused lines then the warnings, identical messages grouped."""
        return [
            *error_text(self.error_groups, self.errors_hidden),
            *error_text(self.warning_groups, self.warnings_hidden),
        ]
