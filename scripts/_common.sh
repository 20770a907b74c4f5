# Shared by scripts/run.sh and scripts/test.sh: system packages, Python and the virtual environment.
# shellcheck shell=bash

# Install the Debian packages given as arguments when some are missing (sudo when not root).
ensure_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Paquets système manquants (installez-les avec le gestionnaire de votre système) : ${missing[*]}" >&2
    return 0
  fi
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  echo "Installation des paquets système : ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The first Python >= 3.11 found.
find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "Python 3.11 ou plus récent est nécessaire (apt-get install python3)." >&2
  return 1
}

# Quiet pip: its noise about this machine's extra package locations is filtered, its failure is not.
pip_quiet() {
  local output status=0
  output=$(.venv/bin/python -m pip "$@" 2>&1) || status=$?
  printf '%s\n' "$output" | grep -v -e "^WARNING: Location" -e '^$' >&2 || true
  return "$status"
}

# Create .venv (with Debian's python3-venv if the interpreter lacks ensurepip) and install the project.
# Skipped when .venv already holds this version of pyproject.toml (with these extras or more): Médios
# then starts offline.  A failed install leaves no stamp, so the next run tries again.
ensure_venv() {
  local extras="$1" python stamp
  stamp=".venv/.medios-installed${extras}"
  if [ -x .venv/bin/python ] && .venv/bin/python -c "import medios" 2>/dev/null; then
    if cmp -s pyproject.toml "$stamp" || { [ -z "$extras" ] && cmp -s pyproject.toml ".venv/.medios-installed[dev]"; }; then
      return 0
    fi
  fi
  python="$(find_python)"
  if [ -x .venv/bin/python ] && ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
    rm -rf .venv # half-created (no pip): start again
  fi
  if [ ! -x .venv/bin/python ]; then
    # Debian ships ensurepip in python3-venv: without it, venv fails (its message is not for users).
    if ! "$python" -m venv .venv >/dev/null 2>&1; then
      rm -rf .venv
      ensure_apt python3-venv
      "$python" -m venv .venv
    fi
  fi
  echo "Installation des paquets Python dans .venv/ (une minute environ la première fois)…"
  rm -f .venv/.medios-installed*
  pip_quiet install -q --upgrade pip || echo "pip n'a pas pu être mis à jour ; on continue avec la version présente." >&2
  if ! pip_quiet install -q -e ".${extras}"; then
    echo "L'installation des paquets Python a échoué (connexion à PyPI ?). Relancez la commande une fois connecté." >&2
    return 1
  fi
  .venv/bin/python -c "import medios"
  cp pyproject.toml "$stamp"
}

# Libraries Qt needs even offscreen (ecosystem.md §2), and DejaVu for text in widgets and PDFs.
QT_HEADLESS_PACKAGES=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3 fonts-dejavu-core)
# The X11 (xcb) platform plugin for a real window.
QT_DESKTOP_PACKAGES=(libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0)
# Tools the tests call beyond Python: pdffonts, pdftotext and pdftoppm check and render the PDF report;
# LibreOffice Calc (without its window) opens the observatory CSV and workbook; gnome-keyring and
# dbus-daemon give one test job a real Secret Service (tests/e2e_keyring).
TEST_PACKAGES=(poppler-utils libreoffice-calc-nogui gnome-keyring dbus-daemon)
