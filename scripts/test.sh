#!/usr/bin/env bash
# Install what the tests need (system and Python packages), then run every check CI runs:
# lint, format, types, the whole pytest suite offscreen, and an install from a built wheel.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/_common.sh
source scripts/_common.sh
ensure_apt "${QT_HEADLESS_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
ensure_venv "[dev]"

export QT_QPA_PLATFORM=offscreen
unset MEDIOS_DB MEDIOS_HOME MEDIOS_LANG

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy (couches sans interface)"
.venv/bin/mypy medios/db medios/services medios/export medios/referentiel medios/paths.py medios/i18n.py medios/cli.py
echo "== pytest"
.venv/bin/python -m pytest -q
echo "== trousseau réel (gnome-keyring sous dbus-run-session)"
keyring_home="$(mktemp -d)"
HOME="$keyring_home" MEDIOS_REAL_KEYRING=1 dbus-run-session -- bash -c \
  'echo -n "mot de passe du trousseau" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
   exec .venv/bin/python -m pytest -q tests/e2e_keyring' \
  2> >(grep -v "Failed to set fd limit" >&2)
rm -rf "$keyring_home"

echo "== installation depuis la roue (migrations et référentiel embarqués)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
.venv/bin/python -m pip wheel -q --no-deps --no-build-isolation -w "$work/dist" . 2>&1 | grep -v "^WARNING: Location" || true
"$(find_python)" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q "$work"/dist/medios-*.whl 2>&1 | grep -v "^WARNING: Location" || true
(
  cd "$work"
  # No system keyring here: the new bases are encrypted under this passphrase, as a script gives it.
  export MEDIOS_PASSPHRASE="phrase secrète de l'essai d'installation"
  MEDIOS_HOME="$work/home" "$work/venv/bin/medios" init --structure "Installation depuis la roue" --mediator "Test"
  MEDIOS_HOME="$work/home" "$work/venv/bin/medios" --db "$work/home/demo.db" demo --months 1 --mediators 2
)
echo "Tout est vert."
