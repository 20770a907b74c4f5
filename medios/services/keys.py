"""Where the key of an encrypted base comes from: the one module with the fallback chain.

Each base has a random 256-bit key (:mod:`medios.db.crypto` opens the file with it).  The key is never
written in clear.  It is found, in this order:

1. the **system's secret store** (Secret Service on Linux, the Windows credential vault, the macOS
   keychain) through ``keyring``, under the base's identifier.  The backend is chosen explicitly,
   never by ``keyring``'s autodetection: ``keyrings.alt``'s plain-text file is never used.  « No
   backend » (no desktop session, a locked or refused store) is a normal state, logged, not an error;
2. a **passphrase** given for the session (``MEDIOS_PASSPHRASE``, ``--passphrase-file``, the terminal
   or the window's dialog): it unwraps the copy of the key kept in the *key file* beside the base
   (``medios.db-cle``), wrapped with AES-256-GCM under a key derived by scrypt (memory-hard: 128 MiB);
3. the **recovery key**, shown once when the base is created (and printable as a one-page PDF): it is
   the key itself, written in 11 groups of 5 characters with a checksum, so that it opens the base and
   every backup of it on any computer, even without the key file.

The key file holds no secret in clear: the base's identifier, the passphrase's wrap, and the earlier
keys of a re-keyed base wrapped under the current key (so that older backups still open).  A key that
opened the base is put in the secret store when there is one: the passphrase is then not asked again.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import logging
import os
import secrets
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

from medios.db import crypto
from medios.i18n import translate

log = logging.getLogger(__name__)

SERVICE: Final = "Médios"
FORMAT: Final = "medios-cle/1"
MIN_PASSPHRASE: Final = 10
# scrypt's cost: 2**17 × 8 × 128 bytes = 128 MiB and about 0.4 s here; stored in each wrap, so that a
# later version may raise it and still read older key files.
SCRYPT_N: int = 2**17
SCRYPT_R: Final = 8
SCRYPT_P: Final = 1
_ALPHABET: Final = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O, U
_LOOKALIKES: Final = str.maketrans({"O": "0", "I": "1", "L": "1"})
RECOVERY_GROUPS: Final = 11

Source = Literal["keyring", "passphrase", "recovery", "session"]
Ask = Callable[[str | None], str | None]
"""Asks the user for the passphrase or the recovery key, given the reason of the previous refusal
(``None`` at first); returns what was typed, or ``None`` to give up."""


class KeyError_(RuntimeError):  # noqa: N801 - ``KeyError`` is a builtin
    """A key problem, said in French; nothing was written."""


class UnlockError(KeyError_):
    """The base stays locked; the message says why and offers the recovery path."""


class NeedsPassphrase(KeyError_):
    """No secret store: a new key can only be kept wrapped under a passphrase."""


# -- the system's secret store ------------------------------------------------------------------------

_UNSET: Final = object()
_backend: Any = _UNSET


def use_backend(backend: Any) -> None:
    """Use ``backend`` (a ``keyring`` backend, or ``None`` for none) instead of the system's store
    (tests; ``MEDIOS_KEYRING=none`` does the same for a process)."""
    global _backend
    _backend = backend


def reset_backend() -> None:
    global _backend
    _backend = _UNSET


def system_backend() -> Any:
    """The platform's own secret store if it answers, else ``None``; never a file backend."""
    try:
        if sys.platform == "win32":
            from keyring.backends.Windows import WinVaultKeyring as backend_class
        elif sys.platform == "darwin":
            from keyring.backends.macOS import Keyring as backend_class
        else:
            from keyring.backends.SecretService import Keyring as backend_class
        backend_class.priority  # noqa: B018 - raises when the store cannot be reached (no D-Bus session…)
        return backend_class()  # type: ignore[no-untyped-call]
    except Exception as exc:  # noqa: BLE001 - any failure means: no store, a normal state
        log.info("no system secret store: %s", type(exc).__name__)
        return None


def backend() -> Any:
    global _backend
    if _backend is _UNSET:
        _backend = None if os.environ.get("MEDIOS_KEYRING", "").lower() == "none" else system_backend()
    return _backend


def backend_name() -> str | None:
    chosen = backend()
    return None if chosen is None else f"{type(chosen).__module__}.{type(chosen).__name__}"


def _store_get(base_id: str) -> str | None:
    chosen = backend()
    if chosen is None:
        return None
    try:
        value = chosen.get_password(SERVICE, base_id)
    except Exception as exc:  # noqa: BLE001 - locked, refused or vanished store: go on without it
        log.warning("secret store unavailable: %s", type(exc).__name__)
        return None
    return value if isinstance(value, str) else None


def _store_set(base_id: str, key: bytes) -> bool:
    chosen = backend()
    if chosen is None:
        return False
    try:
        chosen.set_password(SERVICE, base_id, key.hex())
    except Exception as exc:  # noqa: BLE001 - idem
        log.warning("secret store refused the key: %s", type(exc).__name__)
        return False
    return True


def _store_delete(base_id: str) -> None:
    chosen = backend()
    if chosen is None:
        return
    with contextlib.suppress(Exception):
        chosen.delete_password(SERVICE, base_id)


# -- the recovery key ---------------------------------------------------------------------------------


def recovery_code(key: bytes) -> str:
    """The key written for people: base 32, a 2-byte checksum, 11 groups of 5 characters."""
    data = key + hashlib.sha256(key).digest()[:2]
    number = int.from_bytes(data, "big") << 3  # 272 bits, padded to 275 = 55 characters
    chars = "".join(_ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(55)))
    return "-".join(chars[i : i + 5] for i in range(0, 55, 5))


def parse_recovery(text: str) -> bytes | None:
    """The key in a recovery code (spaces, dashes, case and look-alike letters forgiven); ``None`` when
    ``text`` is not one (a passphrase), or is one mistyped (its checksum fails)."""
    chars = "".join(text.split()).replace("-", "").upper().translate(_LOOKALIKES)
    if len(chars) != 55 or any(c not in _ALPHABET for c in chars):
        return None
    number = 0
    for c in chars:
        number = number * 32 + _ALPHABET.index(c)
    if number & 0b111:
        return None
    data = (number >> 3).to_bytes(34, "big")
    key, check = data[:32], data[32:]
    return key if hashlib.sha256(key).digest()[:2] == check else None


def looks_like_recovery(text: str) -> bool:
    """Eleven groups of five: meant as a recovery code, even mistyped."""
    groups = [g for g in text.replace(" ", "-").split("-") if g]
    return len(groups) == RECOVERY_GROUPS and all(len(g) == 5 for g in groups)


# -- the key file -------------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base 64")
    return base64.b64decode(text.encode("ascii"), validate=True)


def _aes(key: bytes) -> Any:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def _seal(wrapping: bytes, secret: bytes, aad: bytes) -> dict[str, str]:
    nonce = secrets.token_bytes(12)
    return {"nonce": _b64(nonce), "wrapped": _b64(_aes(wrapping).encrypt(nonce, secret, aad))}


def _open_seal(wrapping: bytes, sealed: dict[str, Any], aad: bytes) -> bytes | None:
    from cryptography.exceptions import InvalidTag

    try:
        return bytes(_aes(wrapping).decrypt(_unb64(sealed["nonce"]), _unb64(sealed["wrapped"]), aad))
    except InvalidTag:
        return None


def _scrypt(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=2 * 128 * n * r + (1 << 20), dklen=32
    )


@dataclass(slots=True)
class KeyFile:
    """What is kept beside the base: no secret in clear."""

    base_id: str
    check: str  # crypto.key_check of the current key: which key this file describes, revealing nothing
    passphrase: dict[str, Any] | None = None
    previous: list[dict[str, str]] = field(default_factory=list)

    def describes(self, key: bytes) -> bool:
        return hmac.compare_digest(self.check, crypto.key_check(key))

    def _aad(self, purpose: str) -> bytes:
        return f"{FORMAT}|{self.base_id}|{purpose}".encode()

    def wrap_passphrase(self, key: bytes, passphrase: str) -> None:
        salt = secrets.token_bytes(16)
        kek = _scrypt(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
        self.passphrase = {
            "kdf": "scrypt",
            "n": SCRYPT_N,
            "r": SCRYPT_R,
            "p": SCRYPT_P,
            "salt": _b64(salt),
            **_seal(kek, key, self._aad("passphrase")),
        }

    def unwrap_passphrase(self, passphrase: str) -> bytes | None:
        """The key under ``passphrase``; ``None`` for a wrong one."""
        wrap = self.passphrase
        if wrap is None:
            return None
        kek = _scrypt(passphrase, _unb64(wrap["salt"]), int(wrap["n"]), int(wrap["r"]), int(wrap["p"]))
        return _open_seal(kek, wrap, self._aad("passphrase"))

    def seal_earlier(self, key: bytes, earlier: list[bytes]) -> None:
        """Keep ``earlier`` keys wrapped under ``key`` (the current one)."""
        self.previous = [_seal(key, item, self._aad("previous")) for item in dict.fromkeys(earlier)]

    def earlier_keys(self, key: bytes) -> list[bytes]:
        """The earlier keys, if ``key`` is the current one (else none)."""
        found = []
        for sealed in self.previous:
            earlier = _open_seal(key, sealed, self._aad("previous"))
            if earlier is None:
                return []
            found.append(earlier)
        return found

    def to_json(self) -> str:
        body = {
            "format": FORMAT,
            "base": self.base_id,
            "check": self.check,
            "passphrase": self.passphrase,
            "previous": self.previous,
        }
        return json.dumps(body, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> KeyFile:
        body = json.loads(text)
        if not isinstance(body, dict) or body.get("format") != FORMAT:
            raise ValueError("not a Médios key file")
        base_id = str(uuid.UUID(str(body["base"])))
        check = body["check"]
        if not isinstance(check, str) or len(check) != 32:
            raise ValueError("bad key check")
        int(check, 16)
        wrap = body.get("passphrase")
        previous = body.get("previous") or []
        if wrap is not None:
            if not isinstance(wrap, dict) or wrap.get("kdf") != "scrypt":
                raise ValueError("unknown key derivation")
            for name in ("salt", "nonce", "wrapped"):
                _unb64(wrap[name])
            for name in ("n", "r", "p"):
                int(wrap[name])
        if not isinstance(previous, list) or not all(isinstance(item, dict) for item in previous):
            raise ValueError("bad list of earlier keys")
        for item in previous:
            _unb64(item["nonce"])
            _unb64(item["wrapped"])
        return cls(base_id, check, wrap, previous)


def read_key_file(path: Path) -> KeyFile | None:
    """The key file of the base ``path``; ``None`` when there is none.  Raises :class:`UnlockError`
    when it is damaged."""
    where = crypto.key_file(path)
    try:
        text = where.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise UnlockError(_damaged_message(where)) from exc
    try:
        return KeyFile.from_json(text)
    except (ValueError, KeyError, TypeError) as exc:
        raise UnlockError(_damaged_message(where)) from exc


def _damaged_message(where: Path) -> str:
    return translate(
        "Keys",
        "Le fichier de clé « {path} » est endommagé. La clé de secours imprimée à la création de la base "
        "l'ouvre quand même.",
    ).format(path=where)


def write_key_file(path: Path, key_file: KeyFile) -> None:
    """Write the key file of ``path`` whole or not at all (a temporary file, flushed, then renamed)."""
    where = crypto.key_file(path)
    partial = where.with_name(f".{where.name}.partiel")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(key_file.to_json())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, where)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


# -- creating, unlocking ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NewKey:
    base_id: str
    recovery: str  # shown once
    in_keyring: bool
    with_passphrase: bool


@dataclass(frozen=True, slots=True)
class Unlocked:
    base_id: str | None
    source: Source


def no_store_message() -> str:
    return translate(
        "Keys",
        "Aucun trousseau système n'est disponible sur ce poste : choisissez une phrase secrète "
        "(au moins {n} caractères) ; elle sera demandée à chaque ouverture.",
    ).format(n=MIN_PASSPHRASE)


def store_key(base_id: str, key: bytes) -> bool:
    """Keep ``key`` in the system's secret store; ``False`` when there is none (a normal state)."""
    return _store_set(base_id, key)


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise KeyError_(
            translate("Keys", "La phrase secrète doit compter au moins {n} caractères.").format(n=MIN_PASSPHRASE)
        )
    if looks_like_recovery(passphrase):
        raise KeyError_(translate("Keys", "Choisissez une phrase secrète qui ne ressemble pas à une clé de secours."))


def new_key(path: Path, passphrase: str | None = None) -> tuple[bytes, NewKey]:
    """Make the key of the new base ``path`` (which must not exist yet): kept in the secret store, and
    wrapped under ``passphrase`` when one is given.  With no store and no passphrase,
    :class:`NeedsPassphrase`.  The base created next (:func:`medios.db.open_database`) is encrypted."""
    if crypto.is_encrypted(path) or (path.exists() and path.stat().st_size > 0):
        raise KeyError_(translate("Keys", "« {path} » existe déjà.").format(path=path))
    if passphrase is not None:
        check_passphrase(passphrase)
    key = secrets.token_bytes(crypto.KEY_BYTES)
    base_id = str(uuid.uuid4())
    key_file = KeyFile(base_id, crypto.key_check(key))
    if passphrase is not None:
        key_file.wrap_passphrase(key, passphrase)
    stored = _store_set(base_id, key)
    if not stored and passphrase is None:
        raise NeedsPassphrase(no_store_message())
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_key_file(path, key_file)
    crypto.remember_key(path, key)
    return key, NewKey(base_id, recovery_code(key), stored, passphrase is not None)


def is_locked(path: Path) -> bool:
    """Whether ``path`` is an encrypted file none of the keys this process holds opens."""
    return path.is_file() and crypto.is_encrypted(path) and crypto.key_for(path) is None


def unlock(path: Path, ask: Ask | None = None, *, keys_of: Path | None = None) -> Unlocked | None:
    """Make the key of the base ``path`` known to this process; ``None`` for a clear or missing file.

    The chain: a key this process holds already, the secret store, then ``ask`` (passphrase or
    recovery key) until it gives up.  ``keys_of``: the base whose key file applies (a backup of it has
    none of its own).  Raises :class:`UnlockError` (French, with the recovery path) when the file stays
    locked; nothing is written to the file or to the key file on the way."""
    if not crypto.is_encrypted(path):
        return None
    owner = path if keys_of is None else keys_of
    key_file: KeyFile | None = None
    damaged: UnlockError | None = None
    try:
        key_file = read_key_file(owner)
    except UnlockError as exc:
        damaged = exc
    base_id = key_file.base_id if key_file is not None else None
    if crypto.key_for(path) is not None:
        return Unlocked(base_id, "session")
    if key_file is not None:
        stored = _store_get(key_file.base_id)
        if stored is not None:
            key = _parse_hex(stored)
            if key is not None and _try(path, key, key_file):
                return Unlocked(base_id, "keyring")
            log.warning("the secret store's key does not open the file")
    reason: str | None = None if damaged is None else str(damaged)
    if key_file is None and damaged is None and owner == path:
        reason = translate(
            "Keys",
            "Ce fichier n'est pas une base Médios lisible, ou c'est une base chiffrée dont le fichier de clé "
            "« {path} » manque : sa clé de secours l'ouvre.",
        ).format(path=crypto.key_file(path))
    if ask is None:
        raise UnlockError(reason or _locked_message(key_file))
    while True:
        answer = ask(reason)
        if answer is None:
            raise UnlockError(reason or _locked_message(key_file))
        source, outcome, head = _attempt(path, key_file, answer)
        if outcome is None and head is not None:
            if key_file is None and owner == path:  # lost or damaged: a new one, the damaged one kept aside
                key_file = _replace_key_file(path, head)
                base_id = key_file.base_id
            if key_file is not None and key_file.describes(head):
                _store_set(key_file.base_id, head)  # not asked again on this computer
            return Unlocked(base_id, source)
        reason = outcome


def adopt(path: Path) -> bool:
    """After a restoration: when the base ``path`` opens with a key its key file does not lead to (a
    backup of another base, opened with its recovery key), write a key file for that key; ``True`` if so."""
    key = crypto.key_for(path)
    if key is None:
        return False
    try:
        key_file = read_key_file(path)
    except UnlockError:
        key_file = None
    if key_file is not None:
        if key_file.describes(key):
            return False
        for head in crypto.held_keys():
            if key_file.describes(head) and key in key_file.earlier_keys(head):
                return False
    written = _replace_key_file(path, key)
    _store_set(written.base_id, key)
    return True


def _replace_key_file(path: Path, key: bytes) -> KeyFile:
    where = crypto.key_file(path)
    if where.exists():
        os.replace(where, where.with_name(where.name + ".endommage"))
    key_file = KeyFile(str(uuid.uuid4()), crypto.key_check(key))
    write_key_file(path, key_file)
    log.warning("key file written again for the key that opens the base")
    return key_file


def _locked_message(key_file: KeyFile | None) -> str:
    if key_file is not None and key_file.passphrase is not None:
        return translate(
            "Keys",
            "Cette base est chiffrée : donnez sa phrase secrète (MEDIOS_PASSPHRASE ou --passphrase-file) ou sa "
            "clé de secours.",
        )
    return translate(
        "Keys",
        "La clé de cette base n'est pas dans le trousseau de ce poste : saisissez la clé de secours imprimée à "
        "la création de la base.",
    )


def _parse_hex(text: str) -> bytes | None:
    try:
        key = bytes.fromhex(text)
    except ValueError:
        return None
    return key if len(key) == crypto.KEY_BYTES else None


def _try(path: Path, key: bytes, key_file: KeyFile | None) -> bool:
    """Whether ``key``, or one of the earlier keys it unwraps, opens ``path``; remembers them if so."""
    family = [key, *(key_file.earlier_keys(key) if key_file is not None else [])]
    for candidate in family:
        if crypto.opens(path, candidate):
            crypto.remember_key(path, candidate)
            for other in family:
                crypto.remember_extra(other)
            return True
    return False


def _attempt(path: Path, key_file: KeyFile | None, answer: str) -> tuple[Source, str | None, bytes | None]:
    """Try what the user typed: ``(source, None, key)`` when it opened the file (``key``: the one typed or
    unwrapped, which may have led to an earlier key), else ``(source, reason, None)``."""
    source, reason, key = _answer_key(key_file, answer)
    if key is None:
        return source, reason, None
    if _try(path, key, key_file):
        return source, None, key
    if source == "recovery":
        return source, translate("Keys", "Cette clé de secours n'est pas celle de cette base."), None
    return (
        source,
        translate(
            "Keys", "La phrase secrète est juste mais la base ne s'ouvre pas avec sa clé : saisissez la clé de secours."
        ),
        None,
    )


def _answer_key(key_file: KeyFile | None, answer: str) -> tuple[Source, str | None, bytes | None]:
    """The key meant by what the user typed, or why there is none."""
    answer = answer.strip()
    if not answer:
        return "passphrase", translate("Keys", "Saisissez la phrase secrète ou la clé de secours."), None
    if looks_like_recovery(answer) or parse_recovery(answer) is not None:
        key = parse_recovery(answer)
        if key is None:
            return (
                "recovery",
                translate("Keys", "Cette clé de secours est mal recopiée : vérifiez chaque groupe de cinq caractères."),
                None,
            )
        return "recovery", None, key
    if key_file is None or key_file.passphrase is None:
        return (
            "passphrase",
            translate("Keys", "Aucune phrase secrète n'a été définie pour cette base : saisissez sa clé de secours."),
            None,
        )
    key = key_file.unwrap_passphrase(answer)
    if key is None:
        return (
            "passphrase",
            translate(
                "Keys", "Phrase secrète incorrecte. Sans elle, la clé de secours imprimée à la création ouvre la base."
            ),
            None,
        )
    return "passphrase", None, key
