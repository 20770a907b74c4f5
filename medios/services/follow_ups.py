"""The follow-up rule (domain brief §3), for the entry service and the import alike.

A follow-up names the **first** intervention of its situation in ``follow_up_of``: the origin exists
and is live, is not itself a follow-up, is not the follow-up itself, and does not start after it; an
intervention that others follow stays the first of its situation (it cannot become a follow-up, nor
move after its follow-ups, nor be deleted while they are live).

Candidates are what a write would make of some interventions (one for the entry service, a whole file
for the import); the base supplies the rest through :func:`load_links`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from medios.db.models import Intervention
from medios.i18n import translate
from medios.services.intervention_rows import chunks


@dataclass(frozen=True, slots=True)
class Candidate:
    """An intervention as a write would leave it; ``key`` names it in the errors (a line number…)."""

    key: Hashable
    id: uuid.UUID
    follow_up_of: uuid.UUID | None
    starts: dt.datetime


@dataclass(frozen=True, slots=True)
class Links:
    """What the base says about the interventions some candidates involve."""

    live: dict[uuid.UUID, tuple[uuid.UUID | None, dt.datetime]]  # live intervention -> its origin, its start
    deleted: frozenset[uuid.UUID]
    followers: dict[uuid.UUID, dict[uuid.UUID, dt.datetime]]  # origin -> its live followers and their start


def starts(day: dt.date, start: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, start)


def load_links(session: Session, ids: Iterable[uuid.UUID]) -> Links:
    """The base's view of ``ids`` (candidates and their targets): live or deleted, origins, followers.

    Ids the base does not hold need not be given (an import of new lines passes only its targets and
    the ids it updates): they have neither a stored origin nor followers in the base.
    """
    wanted = sorted(set(ids), key=lambda u: u.int)
    live: dict[uuid.UUID, tuple[uuid.UUID | None, dt.datetime]] = {}
    deleted: set[uuid.UUID] = set()
    followers: dict[uuid.UUID, dict[uuid.UUID, dt.datetime]] = {}
    for chunk in chunks(wanted):
        query = select(
            Intervention.id,
            Intervention.follow_up_of,
            Intervention.date,
            Intervention.start_time,
            Intervention.deleted_at,
        ).where(Intervention.id.in_(chunk))
        for i_id, origin, day, start, deleted_at in session.execute(query):
            if deleted_at is None:
                live[i_id] = (origin, starts(day, start))
            else:
                deleted.add(i_id)
        by_origin = select(
            Intervention.follow_up_of, Intervention.id, Intervention.date, Intervention.start_time
        ).where(Intervention.follow_up_of.in_(chunk), Intervention.deleted_at.is_(None))
        for origin, i_id, day, start in session.execute(by_origin):
            if origin is not None:
                followers.setdefault(origin, {})[i_id] = starts(day, start)
    return Links(live, frozenset(deleted), followers)


def check(candidates: Sequence[Candidate], links: Links) -> dict[Hashable, str]:
    """French message by candidate key for the candidates that break the rule (each once).

    Refusing a candidate can break the ones that rely on it (a follow-up of a refused line of the same
    file), hence the loop: it ends because each round refuses at least one more candidate.  A candidate
    whose only problem is another candidate refused in the same round (it follows an intervention whose
    change is refused, and the stored version suits it) is judged again in the next round, without them.
    """
    refused: dict[Hashable, str] = {}
    kept = list(candidates)
    while True:
        view = _View({c.id: c for c in kept}, links)
        problems = {c.key: message for c in kept if (message := view.problem(c)) is not None}
        if not problems:
            return refused
        without = _View({c.id: c for c in kept if c.key not in problems}, links)
        round_refused = {
            c.key: problems[c.key] for c in kept if c.key in problems and without.problem(c) is not None
        } or problems  # each one fine without the others (two lines that follow each other): refuse them all
        refused.update(round_refused)
        kept = [c for c in kept if c.key not in round_refused]


@dataclass(frozen=True, slots=True)
class _View:
    """The candidates kept so far, over the base: what each intervention will be after the write."""

    by_id: dict[uuid.UUID, Candidate]
    links: Links

    def origin_of(self, identifier: uuid.UUID) -> uuid.UUID | None:
        if identifier in self.by_id:
            return self.by_id[identifier].follow_up_of
        return self.links.live[identifier][0] if identifier in self.links.live else None

    def start_of(self, identifier: uuid.UUID) -> dt.datetime | None:
        if identifier in self.by_id:
            return self.by_id[identifier].starts
        return self.links.live[identifier][1] if identifier in self.links.live else None

    def problem(self, c: Candidate) -> str | None:
        target = c.follow_up_of
        if target is not None:
            if target == c.id:
                return translate("FollowUps", "une intervention ne peut pas être la suite d'elle-même.")
            if target not in self.by_id and target not in self.links.live:
                return translate("FollowUps", "intervention d'origine introuvable ou supprimée.")
            if self.origin_of(target) is not None:
                return translate(
                    "FollowUps",
                    "l'intervention d'origine est elle-même une suite : indiquez la première de la situation.",
                )
            origin_start = self.start_of(target)
            if origin_start is not None and c.starts < origin_start:
                return translate(
                    "FollowUps", "la suite ne peut pas commencer avant l'intervention d'origine ({when})."
                ).format(when=origin_start.strftime("%d/%m/%Y %H:%M"))
        # Followers in the base that the write leaves alone (a follower among the candidates is checked
        # from its own side: in-file chains are blamed on the line that chains).
        followers = [s for f_id, s in self.links.followers.get(c.id, {}).items() if f_id not in self.by_id]
        if followers and target is not None:
            return translate(
                "FollowUps", "d'autres interventions suivent celle-ci : elle reste la première de sa situation."
            )
        if followers and min(followers) < c.starts:
            return translate(
                "FollowUps", "une suite de cette intervention commence avant elle ({when}) : elle reste la première."
            ).format(when=min(followers).strftime("%d/%m/%Y %H:%M"))
        return None


def live_followers(session: Session, intervention_id: uuid.UUID) -> int:
    """How many live interventions follow ``intervention_id``."""
    query = select(func.count()).where(Intervention.follow_up_of == intervention_id, Intervention.deleted_at.is_(None))
    return int(session.scalar(query) or 0)
