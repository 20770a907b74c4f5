"""Local accounts: a password is stored as a memory-hard hash and never anywhere else (audit log, base
bytes); a login is refused with one message whichever part is wrong; the administration gives and
removes accounts, a user changes their own password; a login is a LOGIN line of the audit log."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs
from sqlalchemy import select

from medios.db import Database
from medios.db.models import AuditLog, Mediator
from medios.services import accounts, audit
from medios.services import structure as st
from medios.services.errors import ValidationError

PASSWORD = "le-quai-des-brumes-42"


@pytest.fixture
def users(db: Database) -> tuple[uuid.UUID, uuid.UUID, uuid.UUID]:
    """An administrator (the structure's first user), a coordinator and a mediator."""
    st.init_structure(db, "Médiation des Comptes", mediator="Dora Admin")
    admin = st.list_mediators(db)[0].id
    coordinator = st.create_mediator(db, "Alice Martin", role="COORDINATEUR").id
    mediator = st.create_mediator(db, "Bruno Petit").id
    return admin, coordinator, mediator


def _audit(db: Database, action: str) -> list[tuple[uuid.UUID | None, uuid.UUID | None, str | None]]:
    with db.session() as session:
        return [
            tuple(row)  # type: ignore[misc]
            for row in session.execute(
                select(AuditLog.record_id, AuditLog.actor_id, AuditLog.changes)
                .where(AuditLog.action == action)
                .order_by(AuditLog.id)
            )
        ]


def test_an_account_logs_in_and_its_password_is_nowhere_but_its_hash(
    db: Database, users: tuple[uuid.UUID, uuid.UUID, uuid.UUID]
) -> None:
    admin, coordinator, mediator = users
    account = accounts.set_account(db, mediator, login=" Bruno.Petit ", password=PASSWORD, actor_id=admin)
    assert account.login == "bruno.petit" and not accounts.login_required(db)  # one account: no login asked
    accounts.set_account(db, coordinator, login="alice", password="un-autre-mot-de-passe", actor_id=admin)
    assert accounts.login_required(db)
    logged = accounts.authenticate(db, "BRUNO.PETIT", PASSWORD)
    assert (logged.id, logged.role) == (mediator, "MEDIATEUR")
    assert _audit(db, "LOGIN") == [(mediator, mediator, None)]
    with db.session() as session:
        stored = session.scalar(select(Mediator.password_hash).where(Mediator.id == mediator))
    assert stored is not None and stored.startswith("scrypt$32768$8$1$") and PASSWORD not in stored
    assert all(PASSWORD not in (changes or "") for _r, _a, changes in _audit(db, "UPDATE"))
    raw = b"".join(p.read_bytes() for p in Path(db.path or "").parent.glob("medios.db*"))
    assert PASSWORD.encode() not in raw
    assert audit.verify_chain(db).ok


def test_a_wrong_password_and_an_unknown_login_get_the_same_message(
    db: Database, users: tuple[uuid.UUID, uuid.UUID, uuid.UUID]
) -> None:
    admin, _coordinator, mediator = users
    accounts.set_account(db, mediator, login="bruno", password=PASSWORD, actor_id=admin)
    messages = set()
    for login, password in (("bruno", PASSWORD + "x"), ("inconnu", PASSWORD), ("bruno", ""), ("", "")):
        with pytest.raises(accounts.LoginError) as refused:
            accounts.authenticate(db, login, password)
        messages.add(str(refused.value))
    assert messages == {"Identifiant ou mot de passe incorrect."}
    assert _audit(db, "LOGIN") == []
    st.retire_mediator(db, mediator)  # a retired user no longer logs in
    with pytest.raises(accounts.LoginError):
        accounts.authenticate(db, "bruno", PASSWORD)


def test_accounts_are_the_administrations_and_a_user_changes_their_own_password(
    db: Database, users: tuple[uuid.UUID, uuid.UUID, uuid.UUID]
) -> None:
    admin, coordinator, mediator = users
    for actor in (coordinator, mediator):
        with pytest.raises(ValidationError) as refused:
            accounts.set_account(db, mediator, login="bruno", password=PASSWORD, actor_id=actor)
        assert [e.field for e in refused.value.errors] == ["role"]
    assert accounts.list_accounts(db) == []
    accounts.set_account(db, mediator, login="bruno", password=PASSWORD, actor_id=admin)
    with pytest.raises(ValidationError) as taken:
        accounts.set_account(db, coordinator, login="Bruno", password=PASSWORD, actor_id=admin)
    assert taken.value.errors[0].message == "L'identifiant « bruno » est déjà pris."
    with pytest.raises(ValidationError) as wrong:
        accounts.change_own_password(db, mediator, current="pas le bon du tout", new="nouveau-mot-de-passe")
    assert [e.field for e in wrong.value.errors] == ["current"]
    accounts.change_own_password(db, mediator, current=PASSWORD, new="nouveau-mot-de-passe")
    with pytest.raises(accounts.LoginError):
        accounts.authenticate(db, "bruno", PASSWORD)
    assert accounts.authenticate(db, "bruno", "nouveau-mot-de-passe").id == mediator
    with pytest.raises(ValidationError):
        accounts.remove_account(db, mediator, actor_id=mediator)
    accounts.remove_account(db, mediator, actor_id=admin)
    assert accounts.list_accounts(db) == []
    kinds = [json.loads(c or "{}").get("account") for _r, _a, c in _audit(db, "UPDATE")]
    assert [k for k in kinds if k] == ["account", "password", "no_account"]


def test_short_passwords_and_malformed_logins_are_refused(
    db: Database, users: tuple[uuid.UUID, uuid.UUID, uuid.UUID]
) -> None:
    admin, _coordinator, mediator = users
    with pytest.raises(ValidationError) as short:
        accounts.set_account(db, mediator, login="bruno", password="court", actor_id=admin)
    assert [e.field for e in short.value.errors] == ["password"]
    for login in ("b", "é-accent", "deux mots", "-tiret", "x" * 65):
        with pytest.raises(ValidationError) as bad:
            accounts.set_account(db, mediator, login=login, password=PASSWORD, actor_id=admin)
        assert [e.field for e in bad.value.errors] == ["login"], login


@settings(max_examples=25, deadline=None)
@given(password=hs.text(min_size=1, max_size=40), other=hs.text(min_size=1, max_size=40))
def test_a_hash_matches_its_password_only(password: str, other: str) -> None:
    stored = accounts.hash_password(password, n=2**10)
    assert accounts.password_matches(password, stored)
    assert accounts.password_matches(other, stored) == (other == password)
    assert not accounts.password_matches(password, stored.replace("scrypt$", "md5$"))
    assert not accounts.password_matches(password, None)


def test_the_command_line_gives_lists_and_removes_accounts(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from medios import cli
    from medios.db import open_database

    db = open_database(db_path)
    try:
        st.init_structure(db, "Médiation des Comptes", mediator="Alice Martin")
        admin = st.create_mediator(db, "Dora Admin", role="ADMIN")
        bruno = st.create_mediator(db, "Bruno Petit")
    finally:
        db.dispose()
    base = ["--db", str(db_path), "account"]
    assert cli.run([*base, "set", bruno.pseudonym, "--login", "bruno", "--by", admin.pseudonym]) == cli.EXIT_USER
    assert "Il faut un mot de passe pour ce compte" in capsys.readouterr().err  # no terminal here
    monkeypatch.setenv("MEDIOS_NEW_PASSWORD", PASSWORD)
    assert cli.run([*base, "set", bruno.pseudonym, "--login", "bruno", "--by", bruno.pseudonym]) == cli.EXIT_USER
    assert "seule l'administration" in capsys.readouterr().err
    assert cli.run([*base, "set", bruno.pseudonym, "--login", "bruno", "--by", admin.pseudonym]) == cli.EXIT_OK
    assert "identifiant « bruno »" in capsys.readouterr().out
    assert cli.run([*base, "list"]) == cli.EXIT_OK
    listed = capsys.readouterr().out
    assert listed == f"{bruno.pseudonym}\tMEDIATEUR\tbruno\n" and "Bruno Petit" not in listed
    db = open_database(db_path)
    try:
        assert accounts.authenticate(db, "bruno", PASSWORD).id == bruno.id
    finally:
        db.dispose()
    assert cli.run([*base, "remove", bruno.pseudonym, "--by", admin.pseudonym]) == cli.EXIT_OK
    assert cli.run([*base, "list"]) == cli.EXIT_OK
    assert "Aucun compte" in capsys.readouterr().out
