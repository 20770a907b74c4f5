"""Who may do what: the roles of the structure's users, enforced here, in the services, whatever the
window shows or hides.

Three roles, each with the rights of the one before:

* ``MEDIATEUR``: records interventions and sees, changes and deletes **their own** (an intervention is
  theirs when they are one of its mediators); sees the structure's aggregates (reports, indicators);
* ``COORDINATEUR``: everything of the structure: every intervention, closing and reopening months,
  exports (the observatory's file, the exchange file), the audit log, retention;
* ``ADMIN``: the référentiel of the structure, its users and the keys of the base.

``actor_id=None`` is a call that names nobody (a command-line run without ``--by``, the tests of a
rule that is not about roles): it is not checked.  An actor that is not a live user of the base
(retired, unknown) has no right at all.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Final, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from medios.db.models import InterventionMediator, Mediator
from medios.i18n import translate
from medios.services.errors import FieldError, ValidationError

Role = Literal["MEDIATEUR", "COORDINATEUR", "ADMIN"]
RANK: Final[dict[str, int]] = {"MEDIATEUR": 1, "COORDINATEUR": 2, "ADMIN": 3}


def role_of(session: Session, actor_id: uuid.UUID) -> str | None:
    """The role of the live user ``actor_id``; ``None`` when retired or unknown."""
    return session.scalar(select(Mediator.role).where(Mediator.id == actor_id, Mediator.deleted_at.is_(None)))


def has_role(role: str | None, minimum: Role) -> bool:
    return role is not None and RANK.get(role, 0) >= RANK[minimum]


def refused(message: str) -> ValidationError:
    return ValidationError([FieldError("role", message)])


def require(session: Session, actor_id: uuid.UUID | None, minimum: Role, message: str) -> None:
    """Refuse with ``message`` when ``actor_id`` is given and is not a live user of at least ``minimum``."""
    if actor_id is None:
        return
    if not has_role(role_of(session, actor_id), minimum):
        raise refused(message)


def _inactive() -> ValidationError:
    return refused(
        translate("Access", "Cet utilisateur n'est plus actif : il ne peut plus rien consulter ni modifier.")
    )


def sees_everything(session: Session, actor_id: uuid.UUID | None) -> bool:
    """Whether ``actor_id`` sees every intervention of the structure (nobody named, or a coordinator);
    ``False`` for a mediator; refused for a user who is no longer active."""
    if actor_id is None:
        return True
    role = role_of(session, actor_id)
    if role is None:
        raise _inactive()
    return has_role(role, "COORDINATEUR")


def check_own_intervention(session: Session, actor_id: uuid.UUID | None, intervention_id: uuid.UUID) -> None:
    """A mediator reaches an intervention only when they are one of its mediators."""
    if sees_everything(session, actor_id):
        return
    mine = session.scalar(
        select(InterventionMediator.mediator_id).where(
            InterventionMediator.intervention_id == intervention_id, InterventionMediator.mediator_id == actor_id
        )
    )
    if mine is None:
        raise refused(
            translate(
                "Access",
                "Cette intervention est celle d'un autre médiateur : seuls ses médiateurs et la coordination "
                "peuvent la consulter ou la modifier.",
            )
        )


def check_credits_self(session: Session, actor_id: uuid.UUID | None, mediator_ids: Iterable[uuid.UUID]) -> None:
    """A mediator records or keeps an intervention only among its mediators (never in another's name alone)."""
    if sees_everything(session, actor_id):
        return
    if actor_id not in set(mediator_ids):
        raise refused(
            translate(
                "Access",
                "Un médiateur saisit ses propres interventions : ajoutez-vous parmi les médiateurs de la fiche "
                "(la coordination peut saisir pour un autre).",
            )
        )


def visible_mediator(session: Session, actor_id: uuid.UUID | None, asked: uuid.UUID | None) -> uuid.UUID | None:
    """The mediator the journal keeps to: ``asked`` for a coordinator, the actor for a mediator (who may not
    ask for another's)."""
    if sees_everything(session, actor_id):
        return asked
    if asked is not None and asked != actor_id:
        raise refused(translate("Access", "Un médiateur ne voit dans le journal que ses propres interventions."))
    return actor_id


USERS: Final = "users"
SETTINGS: Final = "settings"


def require_admin(session: Session, actor_id: uuid.UUID | None, area: str) -> None:
    """The users (``USERS``) and the structure's settings and lists (``SETTINGS``: the structure, its
    dispositifs, sites, partners and territories) are the administration's."""
    message = (
        translate("Access", "seule l'administration gère les utilisateurs.")
        if area == USERS
        else translate(
            "Access",
            "seule l'administration modifie les paramètres de la structure (dispositifs, sites, partenaires, "
            "territoires).",
        )
    )
    require(session, actor_id, "ADMIN", message)
