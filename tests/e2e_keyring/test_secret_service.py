"""The key in a real Secret Service (gnome-keyring under ``dbus-run-session``, see scripts/test.sh): made,
found again by a new process with nothing asked, and gone from the store when asked.

Skipped where no Secret Service answers; required when ``MEDIOS_REAL_KEYRING=1`` (the CI job that starts
one), so that a broken store fails instead of skipping.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from medios.db import crypto, open_database
from medios.services import keys
from medios.services import structure as st

REQUIRED = os.environ.get("MEDIOS_REAL_KEYRING") == "1"


@pytest.fixture
def secret_service() -> Iterator[object]:
    store = keys.system_backend()
    if store is None:
        if REQUIRED:
            pytest.fail("MEDIOS_REAL_KEYRING=1 but no Secret Service answers")
        pytest.skip("no Secret Service here (the CI job starts gnome-keyring)")
    assert type(store).__module__ == "keyring.backends.SecretService"
    keys.use_backend(store)
    yield store
    keys.reset_backend()


def test_the_key_lives_in_the_secret_service_and_a_new_process_finds_it(secret_service: object, tmp_path: Path) -> None:
    path = tmp_path / "medios.db"
    _key, made = keys.new_key(path)
    assert made.in_keyring and not made.with_passphrase
    db = open_database(path)
    try:
        st.init_structure(db, "Médiation du Trousseau", mediator="Gaspard Villiers")
    finally:
        db.dispose()
    assert crypto.is_encrypted(path)
    stored = secret_service.get_password(keys.SERVICE, made.base_id)  # type: ignore[attr-defined]
    assert stored is not None and bytes.fromhex(stored) == crypto.key_for(path)
    assert keys.backend_name() and "SecretService" in (keys.backend_name() or "")

    # Another process (the next session): the key comes from the store, nothing is asked.
    env = {key: value for key, value in os.environ.items() if key not in ("MEDIOS_PASSPHRASE", "MEDIOS_KEYRING")}
    result = subprocess.run(
        [sys.executable, "-m", "medios", "--db", str(path), "mediator", "list"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "ADMIN" in result.stdout  # the first user administers

    # The store loses the key: the same process asks (here nobody answers) with the recovery path.
    secret_service.delete_password(keys.SERVICE, made.base_id)  # type: ignore[attr-defined]
    crypto.forget_all()
    with pytest.raises(keys.UnlockError, match="clé de secours"):
        keys.unlock(path)
    assert keys.unlock(path, lambda _reason: made.recovery) is not None
    secret_service.delete_password(keys.SERVICE, made.base_id)  # type: ignore[attr-defined]
