"""Encryption at rest: a new base, its WAL and its backups hold none of what was typed; the key comes from
the secret store, a passphrase or the recovery key; a wrong, missing or damaged key says so in French and
leaves every file as it was; a clear base is encrypted, a base re-keyed, a clear copy written on request."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as hs
from sqlalchemy import select, text

from medios.db import Database, StorageError, crypto, open_database
from medios.db.models import AuditLog
from medios.services import encryption, keys
from medios.services import interventions as iv
from medios.services import structure as st
from medios.services.backups import backup_now, restore_backup
from medios.services.errors import ValidationError
from tests.conftest import MemoryKeyring
from tests.test_interventions import _input

NAME, NOTE = "Zéphyrine Quastana", "QVXW-appartement-12B"
PASSPHRASE = "la grue du quai 7 dort"


def _fill(db: Database) -> None:
    st.init_structure(db, "Médiation Chiffrée", mediator=NAME)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE structure SET notes_enabled = 1"))
    mediator = st.list_mediators(db)[0].id
    for n in range(3):
        iv.record_intervention(db, _input(mediator, notes=f"{NOTE} {n}"), actor_id=mediator)


def _raw(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def _digest(*files: Path) -> list[str | None]:
    return [hashlib.sha256(f.read_bytes()).hexdigest() if f.exists() else None for f in files]


def _files(path: Path) -> tuple[Path, ...]:
    return (path, path.with_name(path.name + "-wal"), crypto.key_file(path))


def _new_encrypted(path: Path, passphrase: str | None = None) -> keys.NewKey:
    _key, made = keys.new_key(path, passphrase)
    db = open_database(path)
    try:
        _fill(db)
    finally:
        db.dispose()
    return made


def _interventions(path: Path) -> int:
    db = open_database(path, create=False)
    try:
        with db.engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM intervention")).scalar_one())
    finally:
        db.dispose()


def _plain_sqlite_cannot_read(path: Path) -> None:
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True).execute("SELECT count(*) FROM sqlite_master").fetchall()


def test_a_new_base_its_wal_and_its_backups_hold_nothing_readable(tmp_path: Path) -> None:
    path = tmp_path / "medios.db"
    made = _new_encrypted(path)
    assert made.in_keyring and not made.with_passphrase
    db = open_database(path)  # the WAL holds the latest writes while the base is open
    try:
        _fill_more(db)
        wal = path.with_name(path.name + "-wal")
        assert wal.stat().st_size > 0
        raw = _raw(path)
        backup = backup_now(path).info.path
    finally:
        db.dispose()
    assert crypto.is_encrypted(path) and crypto.is_encrypted(backup)
    for secret in (NAME, NOTE, "Médiation Chiffrée", "intervention", "SQLite format 3"):
        assert secret.encode() not in raw, secret
        assert secret.encode() not in backup.read_bytes(), secret
        assert secret.encode() not in crypto.key_file(path).read_bytes()
    _plain_sqlite_cannot_read(path)
    _plain_sqlite_cannot_read(backup)
    assert _interventions(path) == 4
    # The same check finds the strings in a clear base: it can fail.
    clear = tmp_path / "clair.db"
    db = open_database(clear)
    try:
        _fill(db)
        assert NOTE.encode() in _raw(clear) and NAME.encode() in _raw(clear)
    finally:
        db.dispose()


def _fill_more(db: Database) -> None:
    mediator = st.list_mediators(db)[0].id
    iv.record_intervention(db, _input(mediator, notes=f"{NOTE} wal"), actor_id=mediator)


def test_the_key_comes_back_from_the_secret_store(tmp_path: Path, keyring_memory: MemoryKeyring) -> None:
    path = tmp_path / "medios.db"
    made = _new_encrypted(path)
    crypto.forget_all()  # a new session
    with pytest.raises(StorageError, match="chiffrée et sa clé n'est pas disponible"):
        open_database(path)
    unlocked = keys.unlock(path, ask=lambda _reason: pytest.fail("nothing asked"))
    assert unlocked is not None and unlocked.source == "keyring" and unlocked.base_id == made.base_id
    assert _interventions(path) == 3
    assert list(keyring_memory.secrets) == [(keys.SERVICE, made.base_id)]
    assert bytes.fromhex(keyring_memory.secrets[(keys.SERVICE, made.base_id)]) == crypto.key_for(path)


def test_without_a_secret_store_a_passphrase_is_required_and_asked_once(tmp_path: Path) -> None:
    keys.use_backend(None)
    path = tmp_path / "medios.db"
    with pytest.raises(keys.NeedsPassphrase, match="Aucun trousseau système"):
        keys.new_key(path)
    assert not crypto.key_file(path).exists() and not path.exists()
    with pytest.raises(keys.KeyError_, match="au moins 10 caractères"):
        keys.new_key(path, "court")
    made = _new_encrypted(path, PASSPHRASE)
    assert not made.in_keyring and made.with_passphrase
    crypto.forget_all()
    asked: list[str | None] = []

    def ask(reason: str | None) -> str | None:
        asked.append(reason)
        return "pas la bonne phrase" if len(asked) == 1 else PASSPHRASE

    unlocked = keys.unlock(path, ask)
    assert unlocked is not None and unlocked.source == "passphrase"
    assert asked[0] is None and "Phrase secrète incorrecte" in (asked[1] or "")
    assert "clé de secours" in (asked[1] or "")
    assert _interventions(path) == 3
    assert keys.unlock(path, ask) == keys.Unlocked(made.base_id, "session")  # not asked again
    assert len(asked) == 2


def test_a_wrong_passphrase_a_missing_key_and_a_damaged_key_file_touch_nothing(
    tmp_path: Path, keyring_memory: MemoryKeyring
) -> None:
    path = tmp_path / "medios.db"
    made = _new_encrypted(path, PASSPHRASE)
    crypto.forget_all()
    keyring_memory.secrets.clear()  # the store lost the key (another computer)
    before = _digest(*_files(path))
    with pytest.raises(keys.UnlockError, match="Phrase secrète incorrecte"):
        keys.unlock(path, _answers("une phrase fausse", None))
    with pytest.raises(keys.UnlockError, match="mal recopiée"):
        keys.unlock(path, _answers(made.recovery[:-1] + ("0" if made.recovery[-1] != "0" else "1"), None))
    with pytest.raises(keys.UnlockError, match="phrase secrète \\(MEDIOS_PASSPHRASE"):
        keys.unlock(path)  # nobody to ask
    other = tmp_path / "autre.db"
    other_key = _new_encrypted(other).recovery
    with pytest.raises(keys.UnlockError, match="pas celle de cette base"):
        keys.unlock(path, _answers(other_key, None))
    crypto.forget_key(path)
    crypto.forget_all()
    assert _digest(*_files(path)) == before
    # A damaged key store entry: the chain goes on to the passphrase.
    keyring_memory.secrets[(keys.SERVICE, made.base_id)] = "pas une clé"
    assert keys.unlock(path, _answers(PASSPHRASE)) == keys.Unlocked(made.base_id, "passphrase")
    assert _digest(path) == before[:1]
    crypto.forget_all()
    # A damaged key file: said, and the recovery key opens the base; the file is written anew.
    keyring_memory.secrets.clear()
    crypto.key_file(path).write_text('{"format": "medios-cle/1", "base": "abîmé"}')
    damaged = _digest(*_files(path))
    with pytest.raises(keys.UnlockError, match="fichier de clé .* est endommagé"):
        keys.unlock(path)
    assert _digest(*_files(path)) == damaged
    reasons: list[str | None] = []
    unlocked = keys.unlock(path, lambda reason: reasons.append(reason) or made.recovery.lower().replace("-", " "))
    assert unlocked is not None and unlocked.source == "recovery"
    assert reasons and "endommagé" in (reasons[0] or "")
    assert _interventions(path) == 3
    assert crypto.key_file(path).with_name(crypto.key_file(path).name + ".endommage").exists()
    assert keys.read_key_file(path) is not None


def _answers(*answers: str | None) -> keys.Ask:
    queue = list(answers)
    return lambda _reason: queue.pop(0) if queue else None


def test_a_missing_key_offers_the_recovery_key(tmp_path: Path, keyring_memory: MemoryKeyring) -> None:
    path = tmp_path / "medios.db"
    made = _new_encrypted(path)  # in the store only, no passphrase
    crypto.forget_all()
    keyring_memory.secrets.clear()
    with pytest.raises(keys.UnlockError, match="saisissez la clé de secours"):
        keys.unlock(path)
    with pytest.raises(keys.UnlockError, match="Aucune phrase secrète n'a été définie"):
        keys.unlock(path, _answers("une phrase quelconque", None))
    assert keys.unlock(path, _answers(made.recovery)) == keys.Unlocked(made.base_id, "recovery")
    assert (keys.SERVICE, made.base_id) in keyring_memory.secrets  # kept for the next session


@given(hs.binary(min_size=32, max_size=32), hs.integers(0, 54), hs.integers(1, 31))
def test_a_recovery_code_gives_its_key_back_and_a_typo_never_gives_it(key: bytes, where: int, shift: int) -> None:
    code = keys.recovery_code(key)
    assert len(code.split("-")) == keys.RECOVERY_GROUPS and all(len(g) == 5 for g in code.split("-"))
    assert keys.parse_recovery(code) == key
    assert keys.parse_recovery(code.lower().replace("-", " ").replace("0", "o")) == key
    chars = list(code.replace("-", ""))
    chars[where] = keys._ALPHABET[(keys._ALPHABET.index(chars[where]) + shift) % 32]
    assert keys.parse_recovery("".join(chars)) != key  # refused, or another key (which opens nothing)


def test_the_real_passphrase_cost_is_memory_hard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # the module's own scrypt cost (128 MiB)
    key_file = keys.KeyFile("5c1f4d7e-0b8a-4c55-9a51-8f6f7f0f2b11", "0" * 32)
    key = bytes(range(32))
    key_file.wrap_passphrase(key, PASSPHRASE)
    assert key_file.passphrase is not None and key_file.passphrase["n"] == 2**17
    assert keys.KeyFile.from_json(key_file.to_json()).unwrap_passphrase(PASSPHRASE) == key
    assert key_file.unwrap_passphrase(PASSPHRASE + "!") is None


def test_a_clear_base_is_encrypted_with_its_backups(db_path: Path, medios_home: Path) -> None:
    db = open_database(db_path)
    try:
        _fill(db)
    finally:
        db.dispose()
    backup = backup_now(db_path).info.path
    assert NOTE.encode() in backup.read_bytes()
    done = encryption.encrypt_base(db_path)
    assert done.backups == (backup,)
    for path in (db_path, backup):
        assert crypto.is_encrypted(path) and NOTE.encode() not in _raw(path)
        _plain_sqlite_cannot_read(path)
    assert not list(db_path.parent.glob(".medios.db.*"))  # no clear copy left beside it
    crypto.forget_all()
    assert keys.unlock(db_path) == keys.Unlocked(done.key.base_id, "keyring")
    assert _interventions(db_path) == 3
    with pytest.raises(keys.KeyError_, match="déjà chiffrée"):
        encryption.encrypt_base(db_path)
    assert _last_key_operation(db_path) == {"operation": "encrypt", "backups": 1}


def _last_key_operation(path: Path) -> dict[str, object]:
    db = open_database(path, create=False)
    try:
        with db.session() as session:
            changes = session.scalar(
                select(AuditLog.changes).where(AuditLog.action == "KEY").order_by(AuditLog.id.desc()).limit(1)
            )
            return dict(json.loads(changes or "{}"))
    finally:
        db.dispose()


def test_an_encryption_that_fails_leaves_the_clear_base_as_it_was(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _digest(db_path)

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(crypto, "export_copy", disk_full)
    with pytest.raises(OSError):
        encryption.encrypt_base(db_path)
    assert _digest(db_path) == before and not crypto.is_encrypted(db_path)
    assert not crypto.key_file(db_path).exists()
    assert not list(db_path.parent.glob(".medios.db.*"))


def test_rekeying_gives_a_new_recovery_key_and_older_backups_still_open(
    tmp_path: Path, keyring_memory: MemoryKeyring
) -> None:
    path = tmp_path / "medios.db"
    first = _new_encrypted(path, PASSPHRASE)
    old_backup = backup_now(path).info.path
    with pytest.raises(keys.NeedsPassphrase):
        encryption.rekey(path)  # it had a passphrase: the new key needs one
    second = encryption.rekey(path, passphrase="une autre phrase secrète")
    assert second.recovery != first.recovery and second.base_id == first.base_id
    assert keys.parse_recovery(second.recovery) == crypto.key_for(path)
    assert _last_key_operation(path) == {"operation": "rekey"}
    crypto.forget_all()
    keyring_memory.secrets.clear()
    # The earlier passphrase and recovery key no longer open the base...
    with pytest.raises(keys.UnlockError, match="Phrase secrète incorrecte"):
        keys.unlock(path, _answers(PASSPHRASE, None))
    with pytest.raises(keys.UnlockError, match="pas celle de cette base"):
        keys.unlock(path, _answers(first.recovery, None))
    # ...the new ones do, and with them the backup made with the earlier key.
    assert keys.unlock(path, _answers("une autre phrase secrète")) is not None
    assert crypto.key_for(old_backup) == keys.parse_recovery(first.recovery)
    restored = restore_backup(old_backup, path)
    assert restored.info.interventions == 3
    crypto.forget_all()
    assert keys.unlock(path, _answers(second.recovery)) is not None  # the earlier key, through the new one
    assert _interventions(path) == 3


def test_a_rekey_interrupted_after_its_key_file_still_opens(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "medios.db"
    first = _new_encrypted(path)
    old_key = crypto.key_for(path)

    def power_cut(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(encryption, "_swap", power_cut)
    with pytest.raises(KeyboardInterrupt):
        encryption.rekey(path)
    monkeypatch.undo()
    monkeypatch.setattr(keys, "SCRYPT_N", 2**12)
    assert crypto.opens(path, old_key or b"")  # the base still has its earlier key...
    crypto.forget_all()
    unlocked = keys.unlock(path)  # ...and the store the new one: the key file leads from one to the other
    assert unlocked is not None and unlocked.source == "keyring" and crypto.key_for(path) == old_key
    assert _interventions(path) == 3
    crypto.forget_all()
    assert keys.unlock(path, _answers(first.recovery)) is not None


def test_a_clear_copy_is_written_only_where_asked(tmp_path: Path) -> None:
    path = tmp_path / "medios.db"
    _new_encrypted(path)
    target = tmp_path / "copie-claire.db"
    encryption.decrypt_copy(path, target)
    con = sqlite3.connect(target)
    assert con.execute("SELECT count(*) FROM intervention").fetchone() == (3,)
    con.close()
    assert NOTE.encode() in target.read_bytes()
    assert _last_key_operation(path) == {"operation": "clear_copy"}
    with pytest.raises(keys.KeyError_, match="existe déjà"):
        encryption.decrypt_copy(path, target)
    with pytest.raises(keys.KeyError_, match="n'est pas chiffrée"):
        encryption.decrypt_copy(target, tmp_path / "x.db")


def test_a_mediator_cannot_write_a_clear_copy(tmp_path: Path) -> None:
    path = tmp_path / "medios.db"
    _new_encrypted(path)
    db = open_database(path)
    try:
        mediator = st.create_mediator(db, "Bruno Lefèvre").id
    finally:
        db.dispose()
    with pytest.raises(ValidationError, match="seule l'administration gère les clés"):
        encryption.decrypt_copy(path, tmp_path / "c.db", actor_id=mediator)
    assert not (tmp_path / "c.db").exists()
