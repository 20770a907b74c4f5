#!/usr/bin/env bash
# Refresh the translation catalog from the sources, then compile it.
#
#   packaging/update_translations.sh          # from anywhere; uses .venv/bin if present, else PATH
#
# Source strings are French (fr_FR); the English catalog is resources/translations/medios_en.ts.
# After running it, translate every entry marked type="unfinished" (Qt Linguist, or by hand in the
# XML: keep {placeholders}, %n and & mnemonics, give both plural forms), then run it again so the .qm
# matches.  tests/test_translations.py fails on untranslated, stale or uncompiled catalogs.
#
# Python files are listed one by one so that the generated forms (medios/ui/forms) are left out:
# their strings are read from the Designer sources, resources/ui/*.ui, in the same context.  lupdate
# only reads the extensions it is told about when it scans a folder, hence "-extensions py,ui".
# Vanished strings are dropped (-no-obsolete); "-locations relative" keeps the diff small when code moves.
#
# TS_FILE / QM_FILE override the output files (the tests update a temporary copy).
set -euo pipefail

cd "$(dirname "$0")/.."
bin=.venv/bin
[ -x "$bin/pyside6-lupdate" ] || bin="$(dirname "$(command -v pyside6-lupdate)")"
ts="${TS_FILE:-resources/translations/medios_en.ts}"
qm="${QM_FILE:-resources/translations/medios_en.qm}"

mapfile -t sources < <(find medios -name '*.py' -not -path 'medios/ui/forms/*' | LC_ALL=C sort)
[ -d resources/ui ] && sources+=(resources/ui)

"$bin/pyside6-lupdate" -extensions py,ui -no-obsolete -locations relative \
  -source-language fr_FR -target-language en_US \
  "${sources[@]}" -ts "$ts"
"$bin/pyside6-lrelease" "$ts" -qm "$qm"
