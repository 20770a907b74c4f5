"""Local accounts on a shared laptop: a login and a password for a user of the structure.

A password is never stored: its scrypt hash is (memory-hard: N = 2**15, r = 8, p = 1, 32 MiB, about a
tenth of a second), with a random salt, in ``mediator.password_hash`` (tier L: it never leaves the laptop,
never reaches the audit log nor an export).  A login is checked in constant time, an unknown login costs
the same hash as a known one, and the message never says which of the two was wrong.  A successful login
is a ``LOGIN`` line of the audit log (who, never the password).

Who may do what: the administration gives, changes and removes accounts; a user changes their own
password (knowing the current one).  With more than one account, the window asks for a login at start.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import uuid
from dataclasses import dataclass
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from medios.db import Database
from medios.db.models import Mediator
from medios.i18n import translate
from medios.services import access, audit
from medios.services.errors import FieldError, ValidationError
from medios.services.records import live_row

PASSWORD_N: Final = 2**15
PASSWORD_R: Final = 8
PASSWORD_P: Final = 1
MIN_PASSWORD: Final = 10
LOGIN_RE: Final = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
_SCHEME: Final = "scrypt"


class LoginError(Exception):
    """The login failed: the French message says so without telling which part was wrong."""


@dataclass(frozen=True, slots=True)
class Account:
    id: uuid.UUID
    pseudonym: str
    display_name: str
    role: str
    login: str


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, *, n: int | None = None) -> str:
    """``scrypt$N$r$p$salt$hash`` (base64), the parameters kept with each hash."""
    cost = n or PASSWORD_N
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=cost, r=PASSWORD_R, p=PASSWORD_P, maxmem=256 * 1024 * 1024, dklen=32
    )
    return f"{_SCHEME}${cost}${PASSWORD_R}${PASSWORD_P}${_b64(salt)}${_b64(digest)}"


def password_matches(password: str, stored: str | None) -> bool:
    """Whether ``password`` gives ``stored``; a missing or malformed hash is a non-match (same cost)."""
    try:
        scheme, n, r, p, salt, digest = (stored or "").split("$")
        if scheme != _SCHEME:
            raise ValueError(scheme)
        cost, rounds, lanes = int(n), int(r), int(p)
        salt_bytes, expected = base64.b64decode(salt), base64.b64decode(digest)
    except (ValueError, TypeError):
        cost, rounds, lanes, salt_bytes, expected = PASSWORD_N, PASSWORD_R, PASSWORD_P, b"\0" * 16, b""
    computed = hashlib.scrypt(
        password.encode("utf-8"), salt=salt_bytes, n=cost, r=rounds, p=lanes, maxmem=256 * 1024 * 1024, dklen=32
    )
    return bool(expected) and hmac.compare_digest(computed, expected)


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(
            [
                FieldError(
                    "password",
                    translate("Accounts", "Le mot de passe doit compter au moins {n} caractères.").format(
                        n=MIN_PASSWORD
                    ),
                )
            ]
        )


def normalised_login(login: str) -> str:
    return login.strip().lower()


def _check_login(login: str) -> None:
    if not LOGIN_RE.match(login):
        raise ValidationError(
            [
                FieldError(
                    "login",
                    translate(
                        "Accounts",
                        "Identifiant de 2 à 64 caractères : lettres minuscules sans accent, chiffres, « . », « _ » "
                        "ou « - », en commençant par une lettre ou un chiffre.",
                    ),
                )
            ]
        )


def list_accounts(db: Database) -> list[Account]:
    """The live users who have an account, by login."""
    with db.session() as session:
        rows = session.execute(
            select(Mediator.id, Mediator.pseudonym, Mediator.display_name, Mediator.role, Mediator.login)
            .where(Mediator.deleted_at.is_(None), Mediator.login.is_not(None), Mediator.password_hash.is_not(None))
            .order_by(Mediator.login)
        ).all()
    return [Account(row[0], row[1], row[2], row[3], row[4] or "") for row in rows]


def login_of(db: Database, mediator_id: uuid.UUID) -> str | None:
    """The login of the user ``mediator_id``, ``None`` without an account."""
    with db.session() as session:
        row = session.execute(select(Mediator.login, Mediator.password_hash).where(Mediator.id == mediator_id)).first()
    return row[0] if row is not None and row[0] and row[1] else None


def login_required(db: Database) -> bool:
    """More than one account: the window asks who is there before it shows anything."""
    return len(list_accounts(db)) > 1


def set_account(
    db: Database,
    mediator_id: uuid.UUID,
    *,
    login: str,
    password: str,
    actor_id: uuid.UUID | None = None,
) -> Account:
    """Give the user ``mediator_id`` an account, or a new login or password (the administration's)."""
    key = normalised_login(login)
    _check_login(key)
    check_password(password)
    hashed = hash_password(password)
    with db.transaction() as session:
        _require_administration(session, actor_id)
        row = live_row(session, Mediator, mediator_id)
        taken = session.scalar(select(Mediator.id).where(func.lower(Mediator.login) == key, Mediator.id != mediator_id))
        if taken is not None:
            raise ValidationError(
                [
                    FieldError(
                        "login", translate("Accounts", "L'identifiant « {login} » est déjà pris.").format(login=key)
                    )
                ]
            )
        row.login = key
        row.password_hash = hashed
        _log(session, row.id, "account", actor_id)
        return Account(row.id, row.pseudonym, row.display_name, row.role, key)


def change_own_password(db: Database, mediator_id: uuid.UUID, *, current: str, new: str) -> None:
    """A user changes their own password, giving the current one."""
    check_password(new)
    with db.transaction() as session:
        row = live_row(session, Mediator, mediator_id)
        if not password_matches(current, row.password_hash):
            raise ValidationError(
                [FieldError("current", translate("Accounts", "Le mot de passe actuel n'est pas le bon."))]
            )
        row.password_hash = hash_password(new)
        _log(session, row.id, "password", mediator_id)


def remove_account(db: Database, mediator_id: uuid.UUID, *, actor_id: uuid.UUID | None = None) -> None:
    """The user keeps their interventions and their role; they can no longer log in."""
    with db.transaction() as session:
        _require_administration(session, actor_id)
        row = live_row(session, Mediator, mediator_id)
        row.login = None
        row.password_hash = None
        _log(session, row.id, "no_account", actor_id)


def _require_administration(session: Session, actor_id: uuid.UUID | None) -> None:
    access.require(
        session, actor_id, "ADMIN", translate("Accounts", "seule l'administration donne ou retire les comptes.")
    )


def _log(session: Session, mediator_id: uuid.UUID, what: str, actor_id: uuid.UUID | None) -> None:
    """An account given, changed or removed: its kind only (``changes``), never the login nor the hash."""
    audit.log_change(
        session,
        action="UPDATE",
        table="mediator",
        record_id=mediator_id,
        changes={"account": what},
        actor_id=actor_id,
        device_id=audit.session_device_id(session),
    )


def authenticate(db: Database, login: str, password: str) -> Account:
    """The account of ``login`` if ``password`` is its own (a ``LOGIN`` line); :class:`LoginError` otherwise."""
    key = normalised_login(login)
    with db.session() as session:
        row = session.execute(
            select(Mediator.id, Mediator.pseudonym, Mediator.display_name, Mediator.role, Mediator.password_hash).where(
                func.lower(Mediator.login) == key, Mediator.deleted_at.is_(None)
            )
        ).first()
    matched = password_matches(password, row[4] if row is not None else None)  # the same cost either way
    if row is None or not matched:
        raise LoginError(translate("Accounts", "Identifiant ou mot de passe incorrect."))
    with db.transaction() as session:
        audit.log_change(
            session,
            action="LOGIN",
            table="mediator",
            record_id=row[0],
            changes=None,
            actor_id=row[0],
            device_id=audit.session_device_id(session),
        )
    return Account(row[0], row[1], row[2], row[3], key)
