"""Encrypting a clear base, re-keying an encrypted one, a clear copy on request, the passphrase.

Each operation writes a new file beside the base (``sqlcipher_export``), checks it (integrity, schema
revision, the number of rows of every table against the base), and only then puts it in place: a
failure (disk full, Ctrl+C, a damaged base) leaves the base as it was.  The base must not be open in
another program meanwhile.  Each is recorded in the audit log (``KEY``, the operation's name only).
Keys come from :mod:`medios.services.keys`; SQLCipher stays in :mod:`medios.db.crypto`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path

from medios import paths
from medios.db import crypto, open_database
from medios.db.backup import BackupError, automatic_backups, inspect_file
from medios.i18n import translate
from medios.services import audit, closure, keys
from medios.services.errors import ValidationError
from medios.services.keys import KeyError_, KeyFile, NewKey

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Encrypted:
    key: NewKey
    backups: tuple[Path, ...]  # clear backups encrypted in their turn


@dataclass(frozen=True, slots=True)
class KeyStatus:
    """What protects the base: shown by ``medios key status`` and the page « Sauvegardes »."""

    encrypted: bool
    store: str | None  # the system secret store of this computer, if any
    key_file: bool
    base_id: str | None
    passphrase: bool
    earlier_keys: int  # kept for the backups made before a change of key


def status(path: Path) -> KeyStatus:
    store = keys.backend_name()
    if not crypto.is_encrypted(path):
        return KeyStatus(False, store, False, None, False, 0)
    try:
        key_file = keys.read_key_file(path)
    except keys.UnlockError:  # damaged: said when the base is unlocked
        key_file = None
    if key_file is None:
        return KeyStatus(True, store, False, None, False, 0)
    return KeyStatus(True, store, True, key_file.base_id, key_file.passphrase is not None, len(key_file.previous))


def is_administrator(path: Path, actor_id: uuid.UUID | None) -> bool:
    """Whether ``actor_id`` may manage the keys of the base ``path`` (see :func:`_check_administrator`)."""
    try:
        _check_administrator(path, actor_id)
    except ValidationError:
        return False
    return True


def _table_counts(path: Path, key: bytes | None) -> dict[str, int]:
    connection = crypto.connect(path, mode="ro", key=key)
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}
    finally:
        connection.close()


def _checkpoint(path: Path, key: bytes | None) -> None:
    """Fold the WAL into the base and empty it, so that the base file holds everything."""
    connection = crypto.connect(path, key=key)
    try:
        busy = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    finally:
        connection.close()
    if busy:
        raise KeyError_(
            translate("Encryption", "La base est ouverte dans un autre programme Médios : fermez-le puis réessayez.")
        )


def _refuse_special(target: Path) -> None:
    if target.exists() or target.is_symlink():
        raise KeyError_(
            translate("Encryption", "« {path} » existe déjà : choisissez un autre nom.").format(path=target)
        )


def _verified_copy(source: Path, target: Path, *, source_key: bytes | None, target_key: bytes | None) -> None:
    """``target`` written from ``source`` and checked against it; nothing left behind on failure."""
    _refuse_special(target)
    expected = _table_counts(source, source_key)
    try:
        crypto.export_copy(source, target, source_key=source_key, target_key=target_key)
        if target_key is not None:
            crypto.remember_key(target, target_key)
        inspect_file(target)
        if _table_counts(target, target_key) != expected:
            raise BackupError(translate("Encryption", "la copie ne compte pas les mêmes lignes que la base."))
    except BaseException:
        target.unlink(missing_ok=True)
        crypto.forget_key(target)
        raise


def _wipe(path: Path) -> None:
    """Overwrite a clear file with zeros before deleting it (best effort: a flash disk or a journaling
    file system may keep older copies of its blocks; encrypt the whole disk too)."""
    try:
        size = path.stat().st_size
        with path.open("r+b") as handle:
            block = b"\0" * (1 << 20)
            for _ in range(0, size, len(block)):
                handle.write(block)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError:
        log.warning("could not overwrite a clear file before deleting it")
    path.unlink(missing_ok=True)


def _swap(path: Path, new: Path, *, wipe_old: bool) -> None:
    """Put ``new`` in the place of the base ``path`` (its WAL is empty: :func:`_checkpoint`)."""
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    if wipe_old:
        old = path.with_name(f".{path.name}.ancien")
        os.replace(path, old)
        os.replace(new, path)
        _wipe(old)
    else:
        os.replace(new, path)


def _log(path: Path, operation: str, actor_id: uuid.UUID | None, **extra: object) -> None:
    db = open_database(path, create=False)
    try:
        with db.transaction() as session:
            audit.log_change(
                session,
                action="KEY",
                table="database",
                record_id=None,
                changes={"operation": operation, **extra},
                actor_id=actor_id,
                device_id=audit.session_device_id(session),
            )
    finally:
        db.dispose()


def _check_administrator(path: Path, actor_id: uuid.UUID | None) -> None:
    if actor_id is None:
        return
    db = open_database(path, create=False)
    try:
        with db.session() as session:
            closure.check_administrator(
                session, actor_id, translate("Encryption", "seule l'administration gère les clés de la base.")
            )
    finally:
        db.dispose()


def _clear_backups() -> list[Path]:
    folder = paths.backup_dir()
    found = [path for _stamp, path in automatic_backups(folder)]
    found += sorted(folder.glob("*.bak"))  # the copies made before each schema upgrade
    return [path for path in found if path.is_file() and not crypto.is_encrypted(path)]


def encrypt_base(
    path: Path, *, passphrase: str | None = None, actor_id: uuid.UUID | None = None, folders: tuple[Path, ...] = ()
) -> Encrypted:
    """Encrypt the clear base ``path`` in place, then its clear backups (the data folder's, and those of
    ``folders``); the clear files are overwritten before they are deleted."""
    if not path.is_file():
        raise KeyError_(translate("Encryption", "Base de données introuvable : {path}.").format(path=path))
    if crypto.is_encrypted(path):
        raise KeyError_(translate("Encryption", "Cette base est déjà chiffrée."))
    _check_administrator(path, actor_id)
    _checkpoint(path, None)
    if passphrase is not None:
        keys.check_passphrase(passphrase)
    key = secrets.token_bytes(crypto.KEY_BYTES)
    key_file = KeyFile(str(uuid.uuid4()), crypto.key_check(key))
    if passphrase is not None:
        key_file.wrap_passphrase(key, passphrase)
    new = path.with_name(f".{path.name}.chiffrement")
    new.unlink(missing_ok=True)  # left by an encryption interrupted before its last step
    _verified_copy(path, new, source_key=None, target_key=key)
    try:
        stored = keys.store_key(key_file.base_id, key)
        if not stored and passphrase is None:
            raise keys.NeedsPassphrase(keys.no_store_message())
        keys.write_key_file(path, key_file)
    except BaseException:
        new.unlink(missing_ok=True)
        raise
    crypto.remember_key(path, key)
    _swap(path, new, wipe_old=True)
    crypto.remember_key(path, key)
    done = [*_encrypt_backups(_clear_backups(), key)]
    for folder in folders:
        done += _encrypt_backups(
            [p for _s, p in automatic_backups(folder) if p.is_file() and not crypto.is_encrypted(p)], key
        )
    _log(path, "encrypt", actor_id, backups=len(done))
    return Encrypted(NewKey(key_file.base_id, keys.recovery_code(key), stored, passphrase is not None), tuple(done))


def _encrypt_backups(backups: list[Path], key: bytes) -> list[Path]:
    done = []
    for backup in backups:
        new = backup.with_name(f".{backup.name}.chiffrement")
        new.unlink(missing_ok=True)
        try:
            _verified_copy(backup, new, source_key=None, target_key=key)
        except (BackupError, KeyError_, *crypto.DRIVER_ERRORS) as exc:
            log.warning("a clear backup was not encrypted: %s", type(exc).__name__)  # a damaged one: left
            continue
        _swap(backup, new, wipe_old=True)
        crypto.remember_key(backup, key)
        done.append(backup)
    return done


def rekey(path: Path, *, passphrase: str | None = None, actor_id: uuid.UUID | None = None) -> NewKey:
    """Give the encrypted (and unlocked) base ``path`` a new key, and a new recovery key; the earlier
    keys stay in its key file wrapped under the new one, so that older backups still open.

    ``passphrase``: the passphrase of the new key (the earlier one cannot be kept: it wrapped the
    earlier key); required when the base had one or there is no secret store."""
    old = _current_key(path)
    _check_administrator(path, actor_id)
    before = keys.read_key_file(path) or KeyFile(str(uuid.uuid4()), crypto.key_check(old))
    if passphrase is None and (before.passphrase is not None or keys.backend() is None):
        raise keys.NeedsPassphrase(
            translate(
                "Encryption", "Choisissez la phrase secrète de la nouvelle clé (au moins {n} caractères)."
            ).format(n=keys.MIN_PASSPHRASE)
        )
    if passphrase is not None:
        keys.check_passphrase(passphrase)
    key = secrets.token_bytes(crypto.KEY_BYTES)
    after = KeyFile(before.base_id, crypto.key_check(key))
    after.seal_earlier(key, [old, *before.earlier_keys(old)])
    if passphrase is not None:
        after.wrap_passphrase(key, passphrase)
    _checkpoint(path, old)
    new = path.with_name(f".{path.name}.nouvelle-cle")
    new.unlink(missing_ok=True)
    _verified_copy(path, new, source_key=old, target_key=key)
    # From here, whatever is interrupted: the key file opens both the old file (an earlier key under
    # the new one) and the new one; the secret store holds the old key or the new one.
    try:
        keys.write_key_file(path, after)
    except BaseException:
        new.unlink(missing_ok=True)
        raise
    stored = keys.store_key(after.base_id, key)
    _swap(path, new, wipe_old=False)
    crypto.remember_key(path, key)
    _log(path, "rekey", actor_id)
    return NewKey(after.base_id, keys.recovery_code(key), stored, passphrase is not None)


def _current_key(path: Path) -> bytes:
    if not crypto.is_encrypted(path):
        raise KeyError_(translate("Encryption", "Cette base n'est pas chiffrée : chiffrez-la avec « medios encrypt »."))
    key = crypto.key_for(path)
    if key is None:
        raise keys.UnlockError(translate("Encryption", "La base est verrouillée : sa clé n'a pas été donnée."))
    return key


def set_passphrase(path: Path, passphrase: str, *, actor_id: uuid.UUID | None = None) -> None:
    """Wrap the key of the unlocked base ``path`` under a new ``passphrase`` (replacing the earlier one)."""
    key = _current_key(path)
    _check_administrator(path, actor_id)
    keys.check_passphrase(passphrase)
    key_file = keys.read_key_file(path)
    if key_file is None or not key_file.describes(key):
        key_file = KeyFile(str(uuid.uuid4()) if key_file is None else key_file.base_id, crypto.key_check(key))
    key_file.wrap_passphrase(key, passphrase)
    keys.write_key_file(path, key_file)
    keys.store_key(key_file.base_id, key)
    _log(path, "passphrase", actor_id)


def decrypt_copy(path: Path, target: Path, *, actor_id: uuid.UUID | None = None) -> Path:
    """Write a clear copy of the unlocked base ``path`` to ``target`` (which must not exist), on an
    explicit request: it is readable by anyone who gets the file."""
    key = _current_key(path)
    _check_administrator(path, actor_id)
    _refuse_special(target)
    partial = target.with_name(f".{target.name}.partiel")
    partial.unlink(missing_ok=True)
    try:
        _verified_copy(path, partial, source_key=key, target_key=None)
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise KeyError_(
            translate("Encryption", "La copie n'a pas pu être écrite dans « {path} » : {reason}.").format(
                path=target, reason=exc.strerror or exc
            )
        ) from None
    with contextlib.suppress(OSError):
        os.chmod(target, 0o600)
    _log(path, "clear_copy", actor_id)
    return target
