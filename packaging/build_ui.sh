#!/usr/bin/env bash
# Compile the Designer forms: resources/ui/<name>.ui -> medios/ui/forms/ui_<name>.py
#
#   packaging/build_ui.sh          # from anywhere; uses .venv/bin if present, else PATH
#
# Run it after editing a .ui file (Qt Designer: .venv/bin/pyside6-designer) and commit the .ui and the
# generated module together.  The generated modules are never edited or linted by hand, and .ui files
# are never loaded at runtime (STYLE.md, convention 3); tests/test_ui_forms.py fails when a generated
# module is stale.  Modules left behind by a deleted .ui are removed.  After changing a form's
# strings, run packaging/update_translations.sh too: lupdate reads the .ui files themselves.
set -euo pipefail

cd "$(dirname "$0")/.."
bin=.venv/bin
[ -x "$bin/pyside6-uic" ] || bin="$(dirname "$(command -v pyside6-uic)")"
forms=medios/ui/forms

mkdir -p "$forms"
[ -f "$forms/__init__.py" ] || : >"$forms/__init__.py"

shopt -s nullglob
for generated in "$forms"/ui_*.py; do
  name="$(basename "$generated" .py)"
  [ -f "resources/ui/${name#ui_}.ui" ] || { rm -f "$generated"; echo "removed $generated"; }
done
for ui in resources/ui/*.ui; do
  out="$forms/ui_$(basename "$ui" .ui).py"
  "$bin/pyside6-uic" "$ui" -o "$out"
  echo "$out"
done
