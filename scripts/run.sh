#!/usr/bin/env bash
# Install what Médios needs, then start it.  Arguments go to `medios`:
#   bash scripts/run.sh            # the window, on the database of your data folder
#   bash scripts/run.sh --demo     # the same, filled with realistic synthetic data if empty
#   bash scripts/run.sh demo       # any command: init, demo, import, export-jsonl, dispositif…
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/_common.sh
source scripts/_common.sh
ensure_apt "${QT_HEADLESS_PACKAGES[@]}" "${QT_DESKTOP_PACKAGES[@]}"
ensure_venv ""
exec .venv/bin/medios "$@"
