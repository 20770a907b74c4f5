"""What an import reports: counts, refused lines, warnings, what it added; and its failure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from medios.i18n import translate
from medios.services.interchange.format import LineError


class ImportFailed(Exception):
    """The file has errors and nothing was imported; ``str()`` is the French report."""

    def __init__(self, errors: Sequence[LineError], lines_with_errors: int) -> None:
        self.errors = tuple(errors)
        self.lines_with_errors = lines_with_errors
        closing = translate(
            "Import",
            "Aucune intervention importée : %n ligne(s) en erreur. Corrigez le fichier ou relancez avec --skip-invalid.",
            None,
            lines_with_errors,
        )
        super().__init__("\n".join([*(e.for_user() for e in self.errors), closing]))


@dataclass
class Tally:
    """What an import counts while it runs; frozen into an :class:`ImportReport` at the end."""

    lines: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_deleted: int = 0
    skipped_older: int = 0
    invalid_lines: int = 0
    errors: list[LineError] = field(default_factory=list)
    warnings: list[LineError] = field(default_factory=list)
    new_mediators: list[str] = field(default_factory=list)
    new_sites: int = 0
    new_territories: list[str] = field(default_factory=list)
    notes_dropped: int = 0
    presence_links_dropped: int = 0
    follow_links_dropped: int = 0


@dataclass(frozen=True, slots=True)
class ImportReport:
    """The outcome of an import: counts, refused lines (with ``skip_invalid``), warnings, what was added."""

    lines: int
    created: int
    updated: int
    unchanged: int
    skipped_deleted: int
    skipped_older: int
    invalid_lines: int
    errors: tuple[LineError, ...]
    warnings: tuple[LineError, ...]
    new_mediators: tuple[str, ...]
    new_sites: int
    new_territories: tuple[str, ...]
    notes_dropped: int
    presence_links_dropped: int
    follow_links_dropped: int

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
            errors=tuple(tally.errors),
            warnings=tuple(sorted(tally.warnings, key=lambda w: w.line)),
            new_mediators=tuple(tally.new_mediators),
            new_sites=tally.new_sites,
            new_territories=tuple(tally.new_territories),
            notes_dropped=tally.notes_dropped,
            presence_links_dropped=tally.presence_links_dropped,
            follow_links_dropped=tally.follow_links_dropped,
        )

    def summary_lines(self) -> list[str]:
        out = [
            translate(
                "Import",
                "{lines} lignes lues. Interventions créées : {created} ; mises à jour : {updated} ; inchangées : {unchanged}.",
            ).format(lines=self.lines, created=self.created, updated=self.updated, unchanged=self.unchanged)
        ]
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
                    names=", ".join(self.new_mediators)
                )
            )
        if self.new_sites:
            out.append(translate("Import", "%n site(s) créé(s).", None, self.new_sites))
        if self.new_territories:
            out.append(
                translate("Import", "Territoires ajoutés à la liste de la structure : {codes}.").format(
                    codes=", ".join(self.new_territories)
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
        if self.invalid_lines:
            out.append(translate("Import", "%n ligne(s) en erreur non importée(s) :", None, self.invalid_lines))
        return out

    def error_lines(self) -> list[str]:
        return [e.for_user() for e in [*self.errors, *self.warnings]]
